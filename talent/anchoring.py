"""Placing an annotation of one version of a text in the next, by its quote and a little context
around it (W3C Web Annotation's TextQuoteSelector). A place is only given when the new text
leaves no doubt; otherwise the reason why not, so nothing is ever shifted silently."""

from __future__ import annotations

from dataclasses import dataclass

# Characters of context kept on each side of a quote.
CONTEXT = 32
# Context that must still agree around a quote that moved, unless it is unique in both texts.
MIN_AGREEMENT = 8


@dataclass(frozen=True)
class TextQuote:
    """What an annotation covered: its exact text and the text just before and after it."""

    exact: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """Where an annotation goes in the new text, or (start None) why it cannot be placed."""

    start: int | None
    end: int | None
    reason: str = ""

    @property
    def placed(self) -> bool:
        return self.start is not None


def quote_at(text: str, start: int, end: int) -> TextQuote:
    """The quote selector of text[start:end]."""
    return TextQuote(
        text[start:end], text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]
    )


def occurrences(text: str, exact: str) -> list[int]:
    """Every start of `exact` in `text`, overlapping ones included."""
    found, at = [], text.find(exact)
    while at != -1:
        found.append(at)
        at = text.find(exact, at + 1)
    return found


def _agreement(quote: TextQuote, text: str, at: int) -> int:
    """How many characters of the quote's context the text has around position `at`."""
    before = text[max(0, at - len(quote.prefix)) : at]
    after_start = at + len(quote.exact)
    after = text[after_start : after_start + len(quote.suffix)]
    score = 0
    for old, new in zip(reversed(quote.prefix), reversed(before), strict=False):
        if old != new:
            break
        score += 1
    for old, new in zip(quote.suffix, after, strict=False):
        if old != new:
            break
        score += 1
    return score


def place(quote: TextQuote, old_text: str, new_text: str) -> Placement:
    """Where an annotation of `old_text` belongs in `new_text`: the occurrence of its quote whose
    context agrees best, when no other agrees as well and enough of it agrees."""
    where = occurrences(new_text, quote.exact)
    if not where:
        return Placement(None, None, "its text is no longer in the document")
    full = len(quote.prefix) + len(quote.suffix)
    scores = sorted(((_agreement(quote, new_text, at), at) for at in where), reverse=True)
    best, at = scores[0]
    if len(scores) > 1 and scores[1][0] == best:
        return Placement(
            None, None, f"its text appears {len(where)} times and the context does not tell which"
        )
    unique_in_both = len(where) == 1 and len(occurrences(old_text, quote.exact)) == 1
    if best == full or best >= MIN_AGREEMENT or unique_in_both:
        return Placement(at, at + len(quote.exact))
    return Placement(None, None, "its text is still there, but not in the same context")
