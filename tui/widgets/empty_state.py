"""What the reader shows on a database without documents: how to fill it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from tui.safe import safe


def empty_database_text(db_path: Path | None) -> Text:
    """The hint on an empty database: the import commands, and the seeds one key away."""
    text = Text()
    text.append("No documents in this database yet\n", style="bold")
    if db_path is not None:
        text.append_text(safe(str(db_path), "dim"))
        text.append("\n")
    text.append("\nImport articles from a shell, then start talent-tui again:\n\n")
    for command, what in (
        ("talent-tui import news/", "a folder of .txt, .md and .jsonl files"),
        ("talent-tui import article.txt", "one article; its first line is the title"),
        ("talent-tui --db other.db", "open another database instead"),
    ):
        text.append(f"  {command:<32}", style="bold")
        text.append(f"{what}\n")
    text.append("\nOr press ")
    text.append("S", style="bold reverse")
    text.append(
        " to add the two seed articles to this database: an English and a Chinese report "
        "on Meta hiring researchers away from OpenAI, to try the keys on.\n\n"
    )
    text.append("? lists the keys · q quits", style="dim")
    return text


def empty_queue_text(annotator: str) -> Text:
    """What an annotator of a shared database sees with nothing assigned left to do."""
    text = Text()
    text.append(f"Nothing left in {annotator}'s queue\n", style="bold")
    text.append(
        "\nEvery document assigned to you is marked done. "
        "A manager assigns more with `talent-tui assign` or the team screen (T).\n\n"
    )
    text.append("? lists the keys · q quits", style="dim")
    return text
