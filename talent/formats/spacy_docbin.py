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
def _encoders_looked_up_once(encoders: dict):
    """srsly looks up its msgpack encoders afresh for every packer, three times a document in
    DocBin.add, scanning every registered function and installed package: most of the export's
    time. They cannot change while we write, so the lookup answers with the list taken at the
    start."""
    import srsly.msgpack

    registry = srsly.msgpack.msgpack_encoders
    registry.get_all = lambda: encoders  # an instance attribute over the method, removed after
    try:
        yield
    finally:
        del registry.get_all


class DocBinWriter:
    """Collects documents into a DocBin (which spaCy holds in memory until written)."""

    def __init__(self) -> None:
        try:
            from spacy.tokens import DocBin
        except ImportError:
            raise SpacyMissing(INSTALL_HINT) from None
        import srsly.msgpack

        # Only what a blank pipeline sets: the default attributes would store empty tags, lemmas
        # and parses for every token, and a DocBin stays in memory until written.
        self.doc_bin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
        self._blank: dict[str, object] = {}
        self._encoders = srsly.msgpack.msgpack_encoders.get_all()

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
        with _encoders_looked_up_once(self._encoders):
            return self._add(bundle)

    def _add(self, bundle: Bundle) -> int:
        from spacy.attrs import IDX, LENGTH, SPACY
        from spacy.tokens import Doc, Span

        text = bundle.document.text
        spans, dropped = non_overlapping(bundle.spans)
        nlp = self._nlp(bundle.document.lang)
        # Token offsets as arrays: building a Token object for each would cost more than all else.
        starts, lengths, spaced = nlp.tokenizer(text).to_array([IDX, LENGTH, SPACY]).T.tolist()
        followed = {
            start + length
            for start, length, space in zip(starts, lengths, spaced, strict=True)
            if space
        }
        pieces = split_at(
            [(start, start + length) for start, length in zip(starts, lengths, strict=True)],
            [edge for span in spans for edge in (span.start, span.end)],
        )
        words = [text[start:end] for start, end in pieces]
        spaces = [end in followed for _, end in pieces]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        # Tokens by the offsets they start and end at: Doc.char_span searches for each span.
        token_at = {start: index for index, (start, _) in enumerate(pieces)}
        token_after = {end: index + 1 for index, (_, end) in enumerate(pieces)}
        entities = []
        for span in spans:
            first, last = token_at.get(span.start), token_after.get(span.end)
            if first is None or last is None:  # cannot be, with tokens cut at span edges
                dropped += 1
            else:
                entities.append(Span(doc, first, last, label=span.label))
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
