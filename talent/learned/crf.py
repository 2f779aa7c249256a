"""The learned model: a CRF (CRFsuite) trained per language on the spans an annotator accepted,
reading each unit's features and the engine's own suggestion there; and the recognizer that
puts its people, places and organizations in place of the engine's."""

from __future__ import annotations

import hashlib
import tempfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from talent.learned.features import (
    TaggedWord,
    engine_sources,
    engine_tags,
    features,
    units_of,
    word_positions,
)
from talent.recognize.base import Mention, Recognizer, resolve_overlaps
from talent.recognize.engines import MODEL_LABELS, combine
from talent.recognize.gazetteer import Entry, Gazetteer
from talent.sentences import sentences_of

ORIGIN = "trained"
ITERATIONS = 100  # of the optimiser
# L2 only: with L1 the optimiser keeps one of two features that agree (a taught name, the
# engine's tag) and drops the other, and the model fails on names it never saw (Weibo NER
# train at fifty documents: F1 0.612 with c1 = 0.05, 0.665 with L2 alone). With the model's
# words among the features, c2 = 0.05 over 100 iterations measured best of 0.02-0.2 and 60-150
# (Weibo NER dev and train's last 18 documents at fifty: 0.643; 0.613 with c2 = 0.1 over 60).
PARAMETERS = {"c1": 0.0, "c2": 0.05, "max_iterations": ITERATIONS}
# How sure the model must be that an engine's name is none before it is left out (on Weibo NER
# train, 0.7 lost names at ten documents; 0.95 kept every gain at fifty).
SURE = 0.95


@dataclass(frozen=True)
class Example:
    """A reviewed document: its text and the spans its annotator accepted."""

    text: str
    lang: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True)
class TrainedModel:
    """One language's model, as bytes to store, and what it was trained on."""

    lang: str
    data: bytes
    documents: int
    spans: int

    @property
    def identity(self) -> str:
        """A short hash of the model: suggestions name the model they came from."""
        return hashlib.sha256(self.data).hexdigest()[:12]


def trained_identity(base: tuple[str, str], models: list[tuple[str, str, int]]) -> tuple[str, str]:
    """(name, version) of an engine with trained models, each given as (language, identity,
    documents learned from): they go into the version every suggestion run records."""
    trained = ",".join(f"{lang}:{identity}/{documents}" for lang, identity, documents in models)
    return f"{base[0]}+trained", f"{base[1]}+{trained}"


class EngineReader:
    """The engine's suggestions twice from one run of its model: as if nobody had taught it a
    word (what the learned model reads: taught words would mark every accepted name of the very
    documents it is trained on, and it would learn only to copy them) and as they are. Taught
    words reach the model as a feature of their own, from other documents' accepted names."""

    def __init__(self, engine: Recognizer) -> None:
        from talent.recognize.pipeline import RuleRecognizer

        self.rules = getattr(engine, "rules", engine)
        self.model = getattr(engine, "model", None)
        self.untaught_rules = RuleRecognizer() if getattr(self.rules, "learned", ()) else self.rules

    def words(self, text: str, lang: str) -> list[TaggedWord]:
        """The words the engine's model read in the text (Chinese with LAC), else none."""
        words = getattr(self.model, "words", None)
        return words(text, lang) if words is not None else []

    def read(self, text: str, lang: str) -> tuple[list[Mention], list[Mention]]:
        """(untaught, as they are)."""
        found = self.model.recognize(text, lang) if self.model is not None else []
        ruled = self.rules.recognize(text, lang)
        untaught = (
            self.untaught_rules.recognize(text, lang)
            if self.untaught_rules is not self.rules
            else ruled
        )
        if not found:
            return untaught, ruled
        return combine(untaught, found), combine(ruled, found)


def lexicon(taught: Iterable[tuple[str, str]]) -> Gazetteer:
    """Accepted names of the labels the model learns, to find in a text."""
    entries = {(text, label) for text, label in taught if label in MODEL_LABELS and text.strip()}
    return Gazetteer(tuple(Entry(label, text, (text,)) for text, label in sorted(entries)))


def _sequences(
    text: str, words: list[TaggedWord], engine: list[Mention], taught: Gazetteer
) -> list:
    """Per sentence: its units and their features."""
    names = resolve_overlaps(taught.mentions(text)) if taught.by_alias else []
    word_starts = [word[0] for word in words]
    found = []
    for start, end in sentences_of(text):
        units = units_of(text, start, end)
        if units:
            rows = features(
                text,
                units,
                engine_tags(units, engine),
                engine_tags(units, names),
                engine_sources(units, engine),
                word_positions(
                    units, words[bisect_left(word_starts, start) : bisect_left(word_starts, end)]
                ),
            )
            found.append((units, rows))
    return found


def train(
    examples: list[Example],
    engine: Recognizer,
    progress: Callable[[str, float], None] | None = None,
) -> list[TrainedModel]:
    """A model per language of the examples (their people, places and organizations), with
    `progress(stage, fraction)` told as the engine reads them and the optimiser goes on. Each
    example's taught-name feature comes from the other examples' accepted names only."""
    reader = EngineReader(engine)
    accepted = [
        {(ex.text[s:e], label) for s, e, label in ex.spans if label in MODEL_LABELS}
        for ex in examples
    ]
    in_documents = Counter(name for names in accepted for name in names)
    models = []
    for lang in sorted({example.lang for example in examples}):
        chosen = [(e, a) for e, a in zip(examples, accepted, strict=True) if e.lang == lang]
        trainer = _trainer(lambda done, lang=lang: progress and progress(f"{lang}: training", done))
        trainer.set_params(PARAMETERS)
        spans = 0
        for number, (example, own) in enumerate(chosen, start=1):
            others = lexicon(n for n, count in in_documents.items() if count > (n in own))
            gold = [Mention(s, e, label, "gold") for s, e, label in example.spans]
            gold = [m for m in gold if m.label in MODEL_LABELS]
            spans += len(gold)
            untaught, _ = reader.read(example.text, lang)
            words = reader.words(example.text, lang)
            for units, rows in _sequences(example.text, words, untaught, others):
                trainer.append(rows, engine_tags(units, gold))
            if progress:
                progress(f"{lang}: reading", number / len(chosen) / 2)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.crfsuite"
            trainer.train(str(path))  # the optimiser may stop before ITERATIONS: done is done
            models.append(TrainedModel(lang, path.read_bytes(), len(chosen), spans))
        if progress:
            progress(f"{lang}: trained", 1.0)
    return models


def _trainer(report: Callable[[float], None]):
    """CRFsuite's trainer, reporting each iteration as the second half of the progress."""
    import pycrfsuite

    class Reporting(pycrfsuite.Trainer):
        def on_iteration(self, log, info):
            report(0.5 + 0.5 * min(info["num"] / ITERATIONS, 1.0))

    return Reporting(verbose=False)


class TrainedRecognizer:
    """The engine's suggestions with the learned model's people, places and organizations in
    place of its own and of the taught words' (the rules' other sure ones stay: `combine`)."""

    def __init__(self, engine: Recognizer, models: list[TrainedModel]) -> None:
        self.base = engine
        self.reader = EngineReader(engine)
        self.engine = getattr(engine, "engine", engine.name)
        self.rules = self.reader.rules
        self.learned = getattr(self.rules, "learned", ())
        self.taught = lexicon(self.learned)
        self.trained = list(models)
        self.models = {model.lang: model for model in models}
        self.name, self.version = trained_identity(
            (engine.name, engine.version), [(m.lang, m.identity, m.documents) for m in models]
        )
        self._taggers: dict[str, object] = {}

    def prepare(self, documents: list[tuple[str, str]]) -> None:
        """Documents about to be recognized: the engine's model reads them now, if it can."""
        if hasattr(self.base, "prepare"):
            self.base.prepare(documents)

    def recognize(self, text: str, lang: str) -> list[Mention]:
        model = self.models.get(lang)
        if model is None:
            return self.base.recognize(text, lang)
        untaught, found = self.reader.read(text, lang)
        # The engine's names and the taught ones, each kept unless the model is sure it is none.
        candidates = untaught + [m for m in found if m.origin == "learned"]
        tagger = self._tagger(model)
        mentions = []
        words = self.reader.words(text, lang)
        for units, rows in _sequences(text, words, untaught, self.taught):
            tags = tagger.tag(rows)
            mentions += _mentions(units, tags)
            mentions += _kept_unless_sure(tagger, units, tags, candidates)
        kept = [m for m in found if not (m.origin == "learned" and m.label in MODEL_LABELS)]
        return combine(kept, resolve_overlaps(mentions))

    def _tagger(self, model: TrainedModel):
        if model.lang not in self._taggers:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(model.data)
            self._taggers[model.lang] = tagger
        return self._taggers[model.lang]


def _kept_unless_sure(tagger, units: list, tags: list[str], engine: list[Mention]) -> list[Mention]:
    """The engine's names the model left out of a sentence, unless it is sure they are none:
    a model trained on ten documents is unsure of much, and then the engine knows better."""
    starts = {start: index for index, (start, _) in enumerate(units)}
    kept = []
    for mention in engine:
        first = starts.get(mention.start)
        if mention.label not in MODEL_LABELS or first is None:
            continue
        inside = range(first, first + sum(1 for u in units[first:] if u[1] <= mention.end))
        left_out = inside and all(tags[i] == "O" for i in inside)
        if left_out and min(tagger.marginal("O", i) for i in inside) < SURE:
            kept.append(mention)
    return kept


def _mentions(units: list[tuple[int, int]], tags: list[str]) -> list[Mention]:
    """BIO tags over units as mentions (an I after O or another label starts one)."""
    mentions: list[Mention] = []
    start = label = None
    end = 0
    for (unit_start, unit_end), tag in [*zip(units, tags, strict=True), ((0, 0), "O")]:
        kind = tag[2:] if tag != "O" else None
        if label is not None and (tag.startswith("B-") or kind != label):
            mentions.append(Mention(start, end, label, ORIGIN))
            label = None
        if kind is not None and label is None:
            start, label = unit_start, kind
        end = unit_end
    return mentions
