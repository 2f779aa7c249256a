"""The side panel: the focused document's entities grouped by label, with counts and a legend.
Choosing one moves the cursor to it."""

from __future__ import annotations

from collections import defaultdict

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, Tree

from talent.model import LABELS, Span
from tui.article_view import ArticleView
from tui.safe import safe


class EntityPanel(Vertical):
    """Entities of one document; the legend shows each label in its colour."""

    class Chosen(Message):
        """The user chose an entity mention: jump to its offset."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def compose(self) -> ComposeResult:
        yield Static(id="legend")
        yield Tree("entities", id="entity-tree")

    def on_mount(self) -> None:
        self.query_one(Tree).show_root = False

    def show(self, view: ArticleView) -> None:
        """List the entities of the document in this view."""
        self.query_one("#legend", Static).update(_legend(view))
        tree: Tree = self.query_one(Tree)
        tree.clear()
        by_label: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        for span in view.spans:
            if span.status != "rejected":
                by_label[span.label][span.quote].append(span)
        for label in LABELS:
            names = by_label.get(label)
            if not names:
                continue
            count = sum(len(spans) for spans in names.values())
            branch = tree.root.add(Text(f"{label} ({count})"), expand=True)
            for quote, spans in sorted(names.items(), key=lambda item: (-len(item[1]), item[0])):
                branch.add_leaf(safe(f"{quote} ×{len(spans)}"), data=spans[0].start)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.post_message(self.Chosen(event.node.data))


def _legend(view: ArticleView) -> Text:
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
