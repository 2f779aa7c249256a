"""Drawing one display line of an article: each character in its span's label and status style,
the search hit, selection and cursor over them, and a gutter bar where a claim is."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from talent.display import glyph
from talent.marks import DocumentMarks


def draw_line(
    text: str,
    marks: DocumentMarks,
    line: tuple[int, int],
    width: int,
    marked: list[tuple[tuple[int, int] | None, str]],
    cursor: int,
    style: Callable[..., Style],
) -> Strip:
    """The strip of text[start:end] `width` cells wide; `marked` ranges get their component
    class in order (a later one over an earlier), the cursor over all; `style(*classes)` is
    the widget's style for a set of component classes (`style()` its base)."""
    start, end = line
    base = style()
    names: list[tuple[str, ...]] = [()] * (end - start)
    for span in marks.between(start, end):
        status = f"article--{span.status}"
        for offset in range(max(span.start, start), min(span.end, end)):
            names[offset - start] = (f"article--{span.label.lower()}", status)
    overlay: dict[int, str] = {}
    for marked_range, name in marked:
        if marked_range:
            for offset in range(max(marked_range[0], start), min(marked_range[1], end)):
                overlay[offset] = name
    overlay[cursor] = "article--cursor"
    gutter = "▌ " if marks.claims_between(start, end) else "  "
    segments = [Segment(gutter, style("article--claim") if gutter != "  " else base)]
    run_text, run_style = "", None
    for offset in range(start, end):
        key = names[offset - start] + ((overlay[offset],) if offset in overlay else ())
        char_style = style(*key) if key else base
        if char_style is not run_style and run_text:
            segments.append(Segment(run_text, run_style))
            run_text = ""
        run_text += glyph(text[offset])
        run_style = char_style
    if run_text:
        segments.append(Segment(run_text, run_style))
    if cursor == end and (end == len(text) or text[end] in " \n"):
        segments.append(Segment(" ", style("article--cursor")))
    return Strip(segments).extend_cell_length(width, base).crop(0, width)
