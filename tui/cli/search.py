"""`talent-tui search`: text or annotations across every document, as a rich table or JSON."""

from __future__ import annotations

import json
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlite_utils import Database

from store.search import search
from talent.formats import one_jsonl_line
from tui.safe import safe


def run_search(db: Database, query: str, as_json: bool, limit: int) -> int:
    """Print the hits of `query` (the first `limit`) and how many there are in all."""
    found = search(db, query, limit)
    if as_json:
        for hit in found.hits:
            record = {
                "document": hit.document_id, "title": hit.title, "start": hit.start,
                "end": hit.end, "text": hit.match, "kind": hit.kind or None,
                "before": hit.before, "after": hit.after,
            }  # fmt: skip
            sys.stdout.write(one_jsonl_line(json.dumps(record, ensure_ascii=False)) + "\n")
    else:
        table = Table(title=f"{found.total} hit(s) for {query!r}", title_justify="left")
        table.add_column("document", max_width=24, no_wrap=True, overflow="ellipsis")
        table.add_column("what", no_wrap=True)
        table.add_column("where", no_wrap=True)
        table.add_column("in context", ratio=1)
        for hit in found.hits:
            context = Text.assemble(
                safe(hit.before[-30:], "dim"), safe(hit.match, "bold"), safe(hit.after[:30], "dim")
            )
            table.add_row(safe(hit.title), hit.kind or "text", f"{hit.start}-{hit.end}", context)
        Console().print(table)
    if found.capped:
        print(
            f"talent-tui: {found.total} hit(s), the first {len(found.hits)} shown (--limit)",
            file=sys.stderr,
        )
    return 0
