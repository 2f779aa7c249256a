"""The reader: two article panes, the side panel, the status line, and the annotator that
carries out what the panes ask for."""
