"""`talent-tui users`, `assign` and `serve`: the people of a shared database, their work, and the
server that lets them annotate it in a browser."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlite_utils import Database

from store.assignments import Choice, assign, chosen_documents, progress
from store.connection import StoreError, check_writable
from store.events import current_annotator
from store.users import add_user, list_users, remove_user
from store.workspace import open_store


def run_team_command(args: argparse.Namespace, db_path: Path) -> int:
    """Dispatch users add|remove|list, assign and serve."""
    if args.command == "serve":
        from tui.serve.server import serve

        return serve(db_path, args.host, args.port, args.public, args.engine)
    db = open_store(db_path, suggest=False, create=False)
    if args.command == "assign":
        return _assign(db, db_path, args)
    if args.users_command == "list":
        _print_users(db)
        return 0
    check_writable(db, db_path)
    if args.users_command == "remove":
        remove_user(db, args.name)
        print(f"removed {args.name}: they can no longer log in; their annotations stay theirs")
        return 0
    role = "manager" if args.manager else "annotator"
    first = not list_users(db)
    add_user(db, args.name, _read_password(args.password_stdin), role)
    print(f"added {args.name} ({role})")
    if first:
        print("the database is now shared: each annotator works in a layer of their own")
    return 0


def _read_password(from_stdin: bool) -> str:
    """The new password: a line of standard input, else asked twice at the terminal."""
    if from_stdin or not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise StoreError("the two passwords differ; no user added")
    return first


def _assign(db: Database, db_path: Path, args: argparse.Namespace) -> int:
    check_writable(db, db_path)
    annotators = [name.strip() for name in args.to.split(",") if name.strip()]
    documents = chosen_documents(db, Choice(args.title, args.state, args.folder))
    by = args.annotator or current_annotator()
    added = assign(db, documents, annotators, args.per_document, by)
    print(
        f"{len(documents)} document(s), {args.per_document} annotator(s) each, dealt to "
        f"{', '.join(annotators)}: {added} new assignment(s)"
    )
    _print_users(db)
    return 0


def _print_users(db: Database) -> None:
    rows = progress(db)
    table = Table(title=f"{len(rows)} user(s)", title_justify="left")
    for column in ("name", "role", "assigned", "in progress", "done"):
        table.add_column(column, justify="left" if column in ("name", "role") else "right")
    for row in rows:
        table.add_row(row.annotator, row.role, *map(str, (row.assigned, row.in_progress, row.done)))
    Console().print(table)
