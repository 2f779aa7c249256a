"""`talent-tui flows`: the moves table on the command line (rich), or as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlite_utils import Database

from store.flows import moves
from store.outputs import STDOUT, write_output
from talent.flows import Move, filter_moves
from talent.formats.csv_tables import neutral_row
from tui.safe import safe

COLUMNS = ("person", "from", "to", "date", "pay", "conflicts", "evidence")


def move_row(move: Move) -> list[str]:
    """A move as the table's cells (evidence as the titles of its articles)."""
    return [
        move.person_name,
        move.origin_name,
        move.destination_name,
        move.date or "",
        move.pay_text(),
        "; ".join(move.conflicts),
        move.article_titles(),
    ]


def run_flows(db: Database, query: str, csv_out: Path | None) -> int:
    """Print the moves (those matching `query`), or write them as CSV."""
    found = filter_moves(moves(db), query)
    if csv_out is not None:

        def write(handle) -> None:
            if csv_out != STDOUT:
                handle.write("\ufeff")  # spreadsheets then read the Chinese names right
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            writer.writerows(neutral_row(move_row(move)) for move in found)

        write_output(csv_out, write)
        if csv_out != STDOUT:
            Console(stderr=True).print(
                f"wrote {len(found)} move(s) to ", safe(str(csv_out)), highlight=False
            )
        return 0
    console = Console()
    table = Table(title=f"{len(found)} move(s)", title_justify="left")
    for column in COLUMNS:
        table.add_column(column, no_wrap=column in ("date",))
    for move in found:
        cells = move_row(move)
        # Names, notes and titles come from documents: never markup, no control characters.
        table.add_row(*(safe(cell, "red" if i == 5 else "") for i, cell in enumerate(cells)))
    console.print(table)
    if not found:
        console.print(
            "no moves: link people to organizations (L in the app) with left, formerly_at and "
            "joined" + (f", or loosen the filter {query!r}" if query else ""),
            highlight=False,
        )
    return 0
