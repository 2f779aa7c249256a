"""CoNLL BIO: one token a row (`token -X- _ TAG`, CoNLL-2003's columns), a blank line between
sentences and `-DOCSTART- -X- O O` before each document. Chinese goes by character."""

from __future__ import annotations

from bisect import bisect_left

from talent.formats import Bundle, non_overlapping
from talent.formats.tokens import tokens
from talent.sentences import sentence_ends

DOCSTART = "-DOCSTART- -X- O O"


def conll_text(bundle: Bundle) -> tuple[str, int]:
    """The document's rows (DOCSTART first, each line ending in a newline), and how many
    overlapping spans were left out."""
    text, lang = bundle.document.text, bundle.document.lang
    spans, dropped = non_overlapping(bundle.spans)
    pieces = tokens(text, lang, [edge for span in spans for edge in (span.start, span.end)])
    starts = [start for start, _ in pieces]
    tags = ["O"] * len(pieces)
    for span in spans:
        first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
        if first < last:
            tags[first] = "B-" + span.label
            tags[first + 1 : last] = ["I-" + span.label] * (last - first - 1)
    rows = [
        f"{text[start:end]} -X- _ {tag}" for (start, end), tag in zip(pieces, tags, strict=True)
    ]
    # A sentence ends at its punctuation or line end, never inside an entity: a blank line goes
    # before the first token after each end.
    cuts = sorted(
        index
        for index in {bisect_left(starts, end) for end in sentence_ends(text)}
        if 0 < index < len(rows) and not tags[index].startswith("I-")
    )
    for index in reversed(cuts):
        rows.insert(index, "")
    body = "\n".join(rows) + "\n\n" if rows else ""
    return f"{DOCSTART}\n\n{body}", dropped
