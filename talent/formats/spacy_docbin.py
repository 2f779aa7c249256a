"""spaCy's training format: a DocBin of Docs with `ents`, tokenised by `spacy.blank(lang)` and
cut at every span edge so each entity is a whole number of tokens. Claims go in
`doc.spans["claims"]`, links in `doc.user_data["links"]`. spaCy is an optional extra."""

from __future__ import annotations

from contextlib import contextmanager

from talent.formats import Bundle, non_overlapping
from talent.formats.tokens import split_at

INSTALL_HINT = "the spacy format needs spaCy: pip install 'talent-tui[spacy]'"


class SpacyMissing(Exception):
    """spaCy is not installed; the message says how to get it."""


@contextmanager
def _no_entry_point_scan():
    """srsly looks up msgpack encoders in every installed package's entry points each time it
    packs (three times a document in DocBin.add: most of the export's time). Encoders registered
    in code still apply; the scan is skipped while we write, as no package offers one that way."""
    import srsly.msgpack

    registry = srsly.msgpack.msgpack_encoders
    scanned, registry.entry_points = registry.entry_points, False
    try:
        yield
    finally:
        registry.entry_points = scanned


class DocBinWriter:
    """Collects documents into a DocBin (which spaCy holds in memory until written)."""

    def __init__(self) -> None:
        try:
            from spacy.tokens import DocBin
        except ImportError:
            raise SpacyMissing(INSTALL_HINT) from None
        self.doc_bin = DocBin(store_user_data=True)
        self._blank: dict[str, object] = {}

    def _nlp(self, lang: str):
        import spacy

        base = lang.split("-")[0].lower()
        if base not in self._blank:
            try:
                self._blank[base] = spacy.blank(base)
            except (ImportError, KeyError, ValueError):
                # A language spaCy has no tokeniser for: its multi-language one.
                self._blank[base] = self._blank.get("xx") or spacy.blank("xx")
        return self._blank[base]

    def add(self, bundle: Bundle) -> int:
        """Add a document; return how many of its spans could not be entities (overlaps)."""
        with _no_entry_point_scan():
            return self._add(bundle)

    def _add(self, bundle: Bundle) -> int:
        from spacy.tokens import Doc, Span

        text = bundle.document.text
        spans, dropped = non_overlapping(bundle.spans)
        nlp = self._nlp(bundle.document.lang)
        tokenised = nlp.tokenizer(text)
        ends = {t.idx + len(t.text): t.whitespace_ for t in tokenised}
        pieces = split_at(
            [(t.idx, t.idx + len(t.text)) for t in tokenised],
            [edge for span in spans for edge in (span.start, span.end)],
        )
        words = [text[start:end] for start, end in pieces]
        spaces = [bool(ends.get(end)) for _, end in pieces]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        entities = []
        for span in spans:
            entity = doc.char_span(span.start, span.end, label=span.label)
            if entity is None:  # cannot happen with tokens cut at span edges; counted if it does
                dropped += 1
            else:
                entities.append(entity)
        doc.ents = entities
        doc.spans["claims"] = [
            Span(doc, c.start, c.end, label=claim.category)
            for claim in bundle.claims
            if (c := doc.char_span(claim.start, claim.end, alignment_mode="expand")) is not None
        ]
        doc.user_data["talent_id"] = bundle.document.id
        doc.user_data["links"] = [
            {"person": link.person, "org": link.org, "relation": link.relation}
            for link in bundle.links
        ]
        self.doc_bin.add(doc)
        return dropped

    def to_bytes(self) -> bytes:
        return self.doc_bin.to_bytes()
