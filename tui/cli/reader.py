"""`talent-tui` with no command: open the reader on the database until the user quits."""

from __future__ import annotations

import sys
from pathlib import Path

from store.connection import is_read_only


def run_app(
    db_path: Path, annotator: str | None = None, create: bool = True, engine: str | None = None
) -> int:
    """Open the database (seeding a new one, where `create` allows one) and run the app until
    the user quits; `engine` becomes the database's suggestion engine."""
    from store.workspace import open_store
    from tui.app import TalentApp

    db = open_store(db_path, suggest=False, create=create)
    if engine and not is_read_only(db):
        from store.suggestions import set_engine

        set_engine(db, engine)
    app = TalentApp(db, db_path, annotator=annotator)
    app.run()
    if app.crash:
        print(app.crash, file=sys.stderr)
        return 1
    return app.return_code or 0
