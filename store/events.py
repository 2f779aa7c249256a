"""The event log: every change as one row (who, when, what, before, after)."""

from __future__ import annotations

import getpass
import json
import os
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def utc_now() -> str:
    """The current time as an ISO 8601 string in UTC, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def current_annotator() -> str:
    """Who is annotating: $TALENT_TUI_ANNOTATOR, else the login name."""
    name = os.environ.get("TALENT_TUI_ANNOTATOR")
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "anonymous"


def record_event(
    db: Database,
    action: str,
    kind: str,
    row_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    annotator: str,
    at: str,
) -> None:
    """Append one change to the log; call it inside the transaction that makes the change."""
    db.execute(
        "INSERT INTO events (at, annotator, action, kind, row_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            at,
            annotator,
            action,
            kind,
            None if row_id is None else str(row_id),
            None if before is None else json.dumps(before, ensure_ascii=False),
            None if after is None else json.dumps(after, ensure_ascii=False),
        ],
    )
