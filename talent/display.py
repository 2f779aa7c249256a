"""How a string from a document looks on screen: control and bidirectional-override characters
become visible placeholders, so no document can drive the terminal or reorder a line. The stored
text never changes; only what is drawn does."""

from __future__ import annotations

from collections.abc import Iterator

# Explicit embeddings, overrides and isolates, and the marks that only steer direction.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _placeholders() -> dict[str, str]:
    glyphs = {chr(code): chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟, one cell each
    glyphs["\x7f"] = "\u2421"  # ␡
    # Article text keeps tab and newline: a tab is drawn as one space, a newline breaks the line.
    glyphs["\t"] = " "
    for code in range(0x80, 0xA0):
        glyphs[chr(code)] = f"\\x{code:02x}"
    for ch in BIDI_CONTROLS + "\u2028\u2029":
        glyphs[ch] = f"\\u{ord(ch):04x}"
    return glyphs


PLACEHOLDERS: dict[str, str] = _placeholders()


def glyph(ch: str) -> str:
    """What one character of a document is drawn as."""
    return PLACEHOLDERS.get(ch, ch)


def display_runs(text: str, keep_newlines: bool = False) -> Iterator[tuple[str, bool]]:
    """The text as runs of (string to draw, whether it stands in for a control character).
    A tab is drawn as a space; a newline is kept when asked (notes), else shown as ␊."""
    run: list[str] = []
    for ch in text:
        shown = None if keep_newlines and ch == "\n" else PLACEHOLDERS.get(ch)
        if shown is None or ch == "\t":
            run.append(shown or ch)
            continue
        if run:
            yield "".join(run), False
            run = []
        yield shown, True
    if run:
        yield "".join(run), False


def safe_string(text: str, keep_newlines: bool = False) -> str:
    """The text with every control and bidi character replaced by its visible placeholder."""
    if text.isprintable():
        return text
    return "".join(shown for shown, _ in display_runs(text, keep_newlines))


def one_glyph_each(text: str) -> str:
    """The text with every control and bidi character drawn as one visible character (a field
    being edited needs its characters and its cursor positions to stay one for one)."""
    if text.isprintable():
        return text
    return "".join(_single(ch) for ch in text)


def _single(ch: str) -> str:
    shown = PLACEHOLDERS.get(ch)
    if shown is None:
        return ch
    return shown if len(shown) == 1 else "\ufffd"
