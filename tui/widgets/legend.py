"""The legend: each label in its colour, and how suggested, accepted and rejected spans and
claims look. Colours come from the reading view's stylesheet classes."""

from __future__ import annotations

from rich.text import Text

from talent.model import LABELS
from tui.widgets.article_view import ArticleView


def legend(view: ArticleView) -> Text:
    """The legend, drawn with the styles of this view."""
    legend = Text()
    for label in LABELS:
        style = view.get_component_rich_style(
            f"article--{label.lower()}", "article--accepted", partial=True
        )
        legend.append(f" {label} ", style=style)
        legend.append(" ")
    legend.append("\n")
    for status in ("suggested", "accepted", "rejected"):
        style = view.get_component_rich_style("article--org", f"article--{status}", partial=True)
        legend.append(status, style=style)
        legend.append("  ")
    legend.append("▌", style=view.get_component_rich_style("article--claim", partial=True))
    legend.append("claim")
    return legend
