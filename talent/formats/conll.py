"""CoNLL BIO: one token a row (`token -X- _ TAG`, CoNLL-2003's columns), a blank line between
sentences and `-DOCSTART- -X- O O` before each document. Chinese goes by character."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from talent.formats import Bundle, non_overlapping
from talent.formats.tokens import tokens
from talent.sentences import sentence_ends

DOCSTART = "-DOCSTART- -X- O O"


def conll_lines(bundle: Bundle) -> tuple[Iterator[str], int]:
    """The document's rows (DOCSTART first), and how many overlapping spans were left out."""
    spans, dropped = non_overlapping(bundle.spans)
    return _rows(bundle.document.text, bundle.document.lang, spans), dropped


def _rows(text: str, lang: str, spans) -> Iterator[str]:
    yield DOCSTART
    yield ""
    edges = [edge for span in spans for edge in (span.start, span.end)]
    # A sentence ends at its punctuation or line end, never inside an entity.
    starts = [span.start for span in spans]
    ends = [
        end
        for end in sentence_ends(text)
        if not (index := bisect_left(starts, end)) or spans[index - 1].end <= end
    ]
    span_index, end_index, in_sentence = 0, 0, False
    for start, end in tokens(text, lang, edges):
        while end_index < len(ends) and ends[end_index] <= start:
            end_index += 1
            if in_sentence:
                yield ""
                in_sentence = False
        while span_index < len(spans) and spans[span_index].end <= start:
            span_index += 1
        tag = "O"
        if span_index < len(spans) and spans[span_index].start <= start:
            span = spans[span_index]
            tag = ("B-" if span.start == start else "I-") + span.label
        yield f"{text[start:end]} -X- _ {tag}"
        in_sentence = True
    if in_sentence:
        yield ""
