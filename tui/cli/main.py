"""The `talent-tui` command line: parse, dispatch to the command's module, and turn any failure
into one line and exit status 1."""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial

from store.lean_import import import_sqlite_utils_lean
from tui.cli.parser import EXIT_ERROR, build_parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status. Errors are one line on stderr, no traceback."""
    import_sqlite_utils_lean()  # before anything imports the store: a faster start
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors: argparse has printed them
        return int(exit_.code or 0)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader of a pipe (`export --out - | head`) stopped early: not an error to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("talent-tui: interrupted; nothing was half written", file=sys.stderr)
        return 130
    except Exception as error:  # the last line of defence: users never see a traceback
        if os.environ.get("TALENT_TUI_DEBUG"):
            raise
        print(_describe(error), file=sys.stderr)
        return EXIT_ERROR


def _describe(error: Exception) -> str:
    """One line for the user: the message of an expected failure, else a pointer to the log."""
    from store.connection import StoreError
    from store.export import ExportFailure
    from store.importer import ImportFailure
    from store.outputs import OutputError
    from talent.display import safe_string
    from talent.evaluation import EvaluationError
    from talent.formats.spacy_docbin import SpacyMissing
    from talent.recognize.engines import EngineError
    from talent.search_query import QueryError
    from tui.crash import crash_line, record_crash

    if isinstance(
        error,
        StoreError
        | ImportFailure
        | ExportFailure
        | OutputError
        | EvaluationError
        | SpacyMissing
        | EngineError
        | QueryError,
    ):
        return f"talent-tui: error: {safe_string(str(error))}"
    if isinstance(error, OSError) and error.strerror:
        where = safe_string(f"{error.filename or ''}: {error.strerror}".lstrip(": "))
        return f"talent-tui: error: {where}"
    return crash_line(error, record_crash(error))


def _run(args: argparse.Namespace) -> int:
    from store.connection import default_db_path
    from store.workspace import open_store

    if args.engine:
        from talent.recognize.engines import check_engine

        check_engine(args.engine)  # before anything opens: a wrong name changes nothing
    if args.command == "evaluate":
        from tui.cli.evaluate import run_evaluate

        return run_evaluate(args.gold, args.limit, args.engine)
    # agreement names its team database first: `talent-tui agreement TEAM.db`.
    db_path = getattr(args, "team", None) or args.db or default_db_path()
    if args.command in ("export", "backup"):
        from store.outputs import check_output

        # Before the database opens: a refused export creates and changes nothing.
        folder, replaceable = False, None
        if args.command == "export":
            from store.export import FOLDER_FORMATS, check_format, is_previous_export

            check_format(args.format)
            folder = args.format in FOLDER_FORMATS
            replaceable = partial(is_previous_export, args.format)
        check_output(args.out, db_path, args.force, folder, replaceable)
    if args.command == "flows" and args.csv:
        from store.outputs import check_output

        check_output(args.csv, db_path, args.force, False)
    if args.command is None:
        from tui.cli.reader import run_app

        # A mistyped --db is an error, not a new database full of sample articles.
        return run_app(
            db_path, args.annotator, create=args.create or args.db is None, engine=args.engine
        )
    if args.command == "merge":
        from store.workspace import store_for_import
        from tui.cli.team import run_merge

        # A team database this creates is removed again if the merge fails.
        with store_for_import(args.into) as db:
            return run_merge(db, args.into, args.sources, args.merged_as)
    if args.command in ("users", "assign", "serve"):
        from tui.cli.team_server import run_team_command

        return run_team_command(args, db_path)
    if args.command == "train":
        from tui.cli.train import run_train

        return run_train(open_store(db_path, suggest=False, create=False), db_path, args.every)
    if args.command == "import":
        from store.workspace import store_for_import
        from tui.cli.importing import run_import

        # import recognises its new documents itself, behind a progress bar; and a database
        # that import creates holds a dataset, which the seed articles would only pollute.
        with store_for_import(db_path) as db:
            if args.engine:
                from store.suggestions import set_engine

                set_engine(db, args.engine)
            return run_import(db, args.paths, args.max_document_mb, args.format, args.annotator)
    # export, stats, flows and agreement only read: they change nothing, not even suggestions.
    db = open_store(db_path, suggest=False, create=False)
    if args.command == "agreement":
        from tui.cli.team import run_agreement

        return run_agreement(db)
    if args.command == "export":
        from tui.cli.exporting import run_export

        return run_export(db, args)
    if args.command == "search":
        from tui.cli.search import run_search

        return run_search(db, " ".join(args.query), args.json, args.limit)
    if args.command == "flows":
        from tui.cli.flows import run_flows

        return run_flows(db, args.filter, args.csv)
    if args.command == "backup":
        from tui.cli.exporting import run_backup

        return run_backup(db, db_path, args.out)
    from tui.cli.stats import run_stats

    return run_stats(db, db_path)
