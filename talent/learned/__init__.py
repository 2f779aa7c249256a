"""A model learned from the annotator's own accepted spans (CRFsuite), as a stage beside the
rules and the statistical engine."""
