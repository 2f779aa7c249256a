"""A spaCy pipeline the user installed, as the model for the language it was trained on. spaCy is
an optional extra; nothing here downloads a pipeline."""

from __future__ import annotations

from functools import cache

from talent.recognize.base import EngineError, Mention

ORIGIN = "spacy"
# spaCy's labels (OntoNotes and WikiNER schemes) that name a label of ours.
_LABELS = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
}


def check_pipeline(name: str) -> None:
    """Raise EngineError unless `name` loads as a spaCy pipeline that finds entities."""
    try:
        nlp = _pipeline(name)
    except ImportError as error:
        raise EngineError("engine spacy:… needs spaCy (pip install 'talent-tui[spacy]')") from error
    except OSError as error:
        raise EngineError(
            f"no spaCy pipeline {name!r} is installed (installed: "
            f"{', '.join(_installed()) or 'none'}); install it with pip, then try again"
        ) from error
    if not any(pipe in nlp.pipe_names for pipe in ("ner", "entity_ruler", "span_ruler")):
        raise EngineError(f"spaCy pipeline {name!r} has no entity recognizer")


def _installed() -> list[str]:
    import spacy

    return sorted(spacy.util.get_installed_models())


@cache
def _pipeline(name: str):
    import spacy

    return spacy.load(name, exclude=["parser", "lemmatizer", "textcat"])


def pipeline_identity(pipeline: str) -> tuple[str, str]:
    """(name, version) of a pipeline's suggestions: an installed package's version, else the
    version its meta.json gives (a pipeline in a folder)."""
    from importlib import metadata

    try:
        version = metadata.version(pipeline)
    except (metadata.PackageNotFoundError, ValueError):
        version = str(_pipeline(pipeline).meta.get("version", "0"))
    return f"spacy-{pipeline}", version


class SpacyRecognizer:
    """People, places and organizations from a spaCy pipeline, in texts of its language."""

    def __init__(self, pipeline: str) -> None:
        self.pipeline = pipeline
        self.name, self.version = pipeline_identity(pipeline)

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """The pipeline's entities of our labels; none in a text of another language."""
        nlp = _pipeline(self.pipeline)
        if (nlp.lang == "zh") != (lang == "zh"):
            return []
        return [
            Mention(ent.start_char, ent.end_char, _LABELS[ent.label_], ORIGIN, None, 1)
            for ent in nlp(text).ents
            if ent.label_ in _LABELS
        ]
