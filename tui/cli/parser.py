"""The command line's arguments: the program's options, and each command's."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from talent import __version__
from talent.model import DEFAULT_MAX_DOCUMENT_MB, GOLD_ANNOTATOR

EXIT_ERROR = 1


class _Parser(argparse.ArgumentParser):
    """argparse with this program's way to fail: one complete line and exit 1 (argparse's own
    is a usage block and exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"talent-tui: error: {message} (see {self.prog} --help)\n")


def _add_global_options(
    parser: argparse.ArgumentParser, default: object, annotator: bool = True
) -> None:
    """--db, --annotator and --engine: on the program (default None) and again on each
    command (default SUPPRESS, so one given before the command is not reset), so they may
    stand before or after it. `export --annotator` chooses whose work instead."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=default,
        help="the database file (default: $TALENT_TUI_DB, else the user data folder)",
    )
    if annotator:
        parser.add_argument(
            "--annotator",
            metavar="NAME",
            default=default,
            help="who is annotating, stored on every annotation "
            "(default: $TALENT_TUI_ANNOTATOR, else the login name)",
        )
    parser.add_argument(
        "--engine",
        metavar="ENGINE",
        default=default,
        help="what suggests entities: lac (the default: Baidu's LAC model for Chinese with the "
        "rules), rules, or spacy:PIPELINE (an installed spaCy pipeline with NER); kept as the "
        "database's engine when the app or import uses it",
    )


def _positive_mb(value: str) -> float:
    try:
        mb = float(value)
    except ValueError:
        mb = 0.0
    if not 0 < mb < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a size in MB (such as 5 or 60)")
    return mb


def _positive_count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a count of documents (1 or more)")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, subcommands included."""
    parser = _Parser(
        prog="talent-tui",
        description="Read and annotate news about AI talent, side by side, from the keyboard. "
        "With no command, talent-tui opens the reader on the database (the two seed articles "
        "on a fresh one); the commands below do their work and exit without opening it.",
    )
    parser.add_argument("--version", action="version", version=f"talent-tui {__version__}")
    _add_global_options(parser, None)
    parser.add_argument(
        "--create",
        action="store_true",
        help="make a new database (with the seed articles) if --db names none; without it only "
        "the default database is made",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # SUPPRESS keeps a --db given before the command from being reset by the subcommand.
    importer = commands.add_parser(
        "import", help="import files or folders (.txt .md .jsonl) and recognise entities"
    )
    importer.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importer.add_argument(
        "--format",
        choices=("native", "doccano", "brat", "labelstudio", "xmi"),
        default="native",
        help="native: .txt .md and our JSONL (default); doccano JSONL, brat folders of .txt and "
        ".ann, Label Studio JSON, UIMA CAS XMI (INCEpTION) with its typesystem.xml",
    )
    importer.add_argument(
        "--max-document-mb",
        type=_positive_mb,
        default=DEFAULT_MAX_DOCUMENT_MB,
        metavar="MB",
        help=f"refuse a document larger than this (default: {DEFAULT_MAX_DOCUMENT_MB:g})",
    )
    _add_global_options(importer, argparse.SUPPRESS)
    exporter = commands.add_parser(
        "export", help="export documents and their annotations as a dataset"
    )
    exporter.add_argument(
        "--format",
        required=True,
        help="jsonl (native), doccano, brat (a folder), conll, spacy, labelstudio, csv (a folder), "
        "xmi (a folder: UIMA CAS XMI for INCEpTION), "
        "graph (JSON) or graphml: the talent graph of people, organizations, links and moves",
    )
    exporter.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="PATH",
        help="file or folder to write; - for stdout",
    )
    exporter.add_argument("--force", action="store_true", help="replace an existing --out")
    exporter.add_argument(
        "--status",
        choices=("accepted", "suggested", "all"),
        help="which spans: accepted (default; jsonl: all, the whole database), suggested or all",
    )
    exporter.add_argument(
        "--docs",
        metavar="WHICH",
        help="documents by id, title glob ('Meta*') or review state (done), comma-separated",
    )
    layer = exporter.add_mutually_exclusive_group()
    layer.add_argument(
        "--annotator",
        dest="only_annotator",
        metavar="NAME",
        help="only this annotator's spans, claims and links",
    )
    layer.add_argument(
        "--gold",
        dest="only_annotator",
        action="store_const",
        const=GOLD_ANNOTATOR,
        help="only the adjudicated gold layer (made by J in a team database)",
    )
    exporter.add_argument(
        "--history",
        action="store_true",
        help="jsonl: each document's log of changes too (who, when, what; for reading, not "
        "replayed by an import)",
    )
    exporter.add_argument(
        "--doccano-form",
        choices=("relations", "label"),
        default="relations",
        help="doccano: entities and relations (default) or the plain label triples",
    )
    _add_global_options(exporter, argparse.SUPPRESS, annotator=False)
    evaluate = commands.add_parser(
        "evaluate",
        help="precision, recall and F1 of the recognizer against gold: our JSONL, CoNLL/BIO rows "
        "(a character or a token a row) or CLUENER JSON lines",
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD")
    evaluate.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help="only the first N texts (a large corpus, a quick look)",
    )
    _add_global_options(evaluate, argparse.SUPPRESS)
    backup = commands.add_parser(
        "backup", help="write a consistent copy of the database, also while it is in use"
    )
    backup.add_argument("--out", required=True, type=Path, metavar="PATH", help="file to write")
    backup.add_argument("--force", action="store_true", help="replace an existing --out file")
    _add_global_options(backup, argparse.SUPPRESS)
    merge = commands.add_parser(
        "merge",
        help="bring annotators' databases together, each annotation kept with its annotator",
    )
    merge.add_argument("sources", nargs="+", type=Path, metavar="DB")
    merge.add_argument(
        "--as",
        dest="merged_as",
        action="append",
        metavar="NAME",
        help="the annotator whose work each database is, in order (default: its file name "
        "without .db); every annotation in it is theirs",
    )
    merge.add_argument(
        "--into",
        required=True,
        type=Path,
        metavar="TEAM_DB",
        help="the team database (made if missing; merging the same file again adds nothing)",
    )
    _add_global_options(merge, argparse.SUPPRESS)
    agreement = commands.add_parser(
        "agreement",
        help="how far annotators agree: span F1, Cohen's kappa, Krippendorff's alpha per label",
    )
    agreement.add_argument(
        "team", nargs="?", type=Path, metavar="TEAM_DB", help="the team database (else --db)"
    )
    _add_global_options(agreement, argparse.SUPPRESS)
    flows = commands.add_parser(
        "flows", help="the moves between organizations the links imply: who, from, to, when, pay"
    )
    flows.add_argument(
        "--filter",
        metavar="WORDS",
        default="",
        help="only moves whose person, organizations or date hold every word ('openai meta 2025')",
    )
    flows.add_argument(
        "--csv", type=Path, metavar="PATH", help="write the table as CSV to PATH (- for stdout)"
    )
    flows.add_argument("--force", action="store_true", help="replace an existing --csv file")
    _add_global_options(flows, argparse.SUPPRESS)
    finder = commands.add_parser(
        "search",
        help="text or annotations in every document: words, or label:PERSON status:suggested "
        "claim:compensation entity:OpenAI annotator:ana",
    )
    finder.add_argument("query", nargs="+", metavar="QUERY")
    finder.add_argument("--json", action="store_true", help="one JSON object a hit, no table")
    finder.add_argument(
        "--limit", type=int, default=500, metavar="N", help="list at most N hits (default 500)"
    )
    _add_global_options(finder, argparse.SUPPRESS)
    trainer = commands.add_parser(
        "train",
        help="learn a model from the reviewed documents' accepted names (people, places, "
        "organizations) and suggest with it on the others",
    )
    trainer.add_argument(
        "--every",
        type=_positive_count,
        metavar="N",
        help="from now on the app trains again after every N more reviewed documents (default 10)",
    )
    _add_global_options(trainer, argparse.SUPPRESS)
    stats = commands.add_parser("stats", help="documents, spans by label and status, claims, links")
    _add_global_options(stats, argparse.SUPPRESS)
    _add_team_commands(commands)
    return parser


def _add_team_commands(commands: argparse._SubParsersAction) -> None:
    """users, assign and serve: a team annotating one shared database through a browser."""
    users = commands.add_parser(
        "users", help="who may log in to `talent-tui serve`: users add|remove|list"
    )
    verbs = users.add_subparsers(dest="users_command", metavar="add|remove|list", required=True)
    add = verbs.add_parser("add", help="a new user; asks for the password twice")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--manager",
        action="store_true",
        help="may assign documents and sees everyone's progress (default: an annotator)",
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (for scripts)",
    )
    remove = verbs.add_parser("remove", help="a user can no longer log in; their work stays")
    remove.add_argument("name", metavar="NAME")
    listing = verbs.add_parser("list", help="every user, their role and progress")
    for verb in (add, remove, listing):
        _add_global_options(verb, argparse.SUPPRESS, annotator=False)
    assign = commands.add_parser(
        "assign",
        help="deal documents to annotators round-robin: by title glob, review state or folder",
    )
    assign.add_argument(
        "--to",
        required=True,
        metavar="NAMES",
        help="the annotators, comma-separated (users of this database)",
    )
    assign.add_argument(
        "--per-document",
        type=_positive_count,
        default=1,
        metavar="K",
        help="how many annotators each document needs (default 1; 2 or more for agreement)",
    )
    assign.add_argument("--title", default="", metavar="GLOB", help="titles matching ('Meta*')")
    assign.add_argument(
        "--state", default="", metavar="STATE", help="documents in this review state (new)"
    )
    assign.add_argument(
        "--folder",
        default="",
        metavar="DIR",
        help="documents imported from this folder of an imported folder (their source path)",
    )
    _add_global_options(assign, argparse.SUPPRESS)
    serve = commands.add_parser(
        "serve",
        help="the app in the browser for a team, behind a login: one shared database, "
        "each user annotating as themselves",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines reach (put a TLS proxy in front of it)",
    )
    _add_global_options(serve, argparse.SUPPRESS, annotator=False)
