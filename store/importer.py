"""Import of files and folders into documents: all files are read and checked, then written in
one transaction, so a bad file leaves nothing half written."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from store.annotations import insert_claim, insert_link, insert_span, upsert_entity
from store.documents import add_document, current_version, find_by_sha256
from store.events import current_annotator, utc_now
from store.history import UserAction, user_action
from store.versions import carry_annotations
from talent.lang import detect_language
from talent.model import DEFAULT_MAX_DOCUMENT_MB, Document
from talent.records import (
    DocumentRecord,
    RecordError,
    parse_line,
    parse_record,
    title_from_text,
)
from talent.textio import DecodeError, document_id_for, read_text, sha256_of

SUFFIXES = (".txt", ".md", ".jsonl")


class ImportFailure(Exception):
    """A file that cannot be imported; the message names it (and the line, for JSONL)."""


@dataclass
class ImportReport:
    """What an import added; documents already stored count as skipped."""

    documents: int = 0
    skipped: int = 0
    spans: int = 0
    claims: int = 0
    links: int = 0
    new_document_ids: tuple[str, ...] = ()
    versions: int = 0  # new documents that supersede an earlier version of the same source
    carried: int = 0  # annotations re-anchored into those versions
    orphaned: int = 0  # annotations that could not be, left on the old version


def collect_files(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """The files to import, each with its source (its identity across versions): named files
    by their name, and every .txt .md .jsonl below a named folder by its path inside it."""
    files: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                (p, p.relative_to(path).as_posix())
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise ImportFailure(
                    f"{path}: unknown format {path.suffix or '(no extension)'!r}; "
                    "talent-tui imports .txt, .md and .jsonl"
                )
            files.append((path, path.name))
        else:
            raise ImportFailure(f"{path}: no such file or folder")
    return files


def _too_large(size: int, max_mb: float) -> str | None:
    """The refusal for a document of `size` bytes over the limit, naming the option to raise it."""
    if size <= max_mb * 1_000_000:
        return None
    return (
        f"a document of {size / 1_000_000:.1f} MB, over the {max_mb:g} MB limit for one document "
        f"(to import it: --max-document-mb {math.ceil(size / 1_000_000)})"
    )


def read_records(
    path: Path, annotator: str, max_mb: float = DEFAULT_MAX_DOCUMENT_MB, source: str = ""
) -> list[DocumentRecord]:
    """Read one file into records, or raise ImportFailure naming the file and line. A .txt or
    .md file is known by `source` (default: its name); a JSONL line by its own source or id."""
    source = source or path.name
    try:
        if path.suffix.lower() != ".jsonl" and (refusal := _too_large(path.stat().st_size, max_mb)):
            raise ImportFailure(f"{path}: {refusal}")
        text = read_text(path.read_bytes())
    except OSError as error:
        raise ImportFailure(f"{path}: cannot read it ({error.strerror})") from error
    except DecodeError as error:
        raise ImportFailure(f"{path}: {error}") from error
    if path.suffix.lower() != ".jsonl":
        document = Document(
            id=document_id_for(sha256_of(text)),
            title=title_from_text(text),
            lang=detect_language(text),
            source=source,
            text=text,
            sha256=sha256_of(text),
        )
        return [DocumentRecord(document, identity=source)]
    records = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if len(line) * 4 > max_mb * 1_000_000 and (
            refusal := _too_large(len(line.encode("utf-8")), max_mb)
        ):
            raise ImportFailure(f"{path}, line {number}: {refusal}")
        try:
            records.append(parse_record(parse_line(line), source, annotator))
        except RecordError as error:
            raise ImportFailure(f"{path}, line {number}: {error}") from error
    if not records:
        raise ImportFailure(f"{path}: no JSON lines in it")
    return records


def import_paths(
    db: Database,
    paths: Iterable[Path],
    annotator: str | None = None,
    on_file: Callable[[Path, int, int], None] | None = None,
    max_mb: float = DEFAULT_MAX_DOCUMENT_MB,
) -> ImportReport:
    """Import files and folders in one transaction; raise ImportFailure and write nothing on error."""
    annotator = annotator or current_annotator()
    paths = list(paths)
    files = collect_files(paths)
    if not files:
        named = ", ".join(str(path) for path in paths)
        raise ImportFailure(f"{named}: no .txt, .md or .jsonl files to import")
    records: list[DocumentRecord] = []
    for index, (path, source) in enumerate(files, start=1):
        records.extend(read_records(path, annotator, max_mb, source))
        if on_file:
            on_file(path, index, len(files))
    return write_records(db, records, annotator)


def write_records(db: Database, records: list[DocumentRecord], annotator: str) -> ImportReport:
    """Write records in one transaction; documents already stored get only the new annotations."""
    report = ImportReport()
    new_ids: list[str] = []
    # Logged like any action, but not on anyone's undo stack: an import is undone by deleting.
    with user_action(db, "import", annotator, undoable=False) as action:
        for record in records:
            doc_id, is_new = _store_document(db, record, annotator)
            if is_new:
                report.documents += 1
                new_ids.append(doc_id)
            else:
                report.skipped += 1
            _carry_from_previous_version(action, record, doc_id, report)
            _store_annotations(action, record, doc_id, report)
            if is_new and record.spans:
                _keep_suggestions_from_file(db, doc_id)
    report.new_document_ids = tuple(new_ids)
    return report


def _store_document(db: Database, record: DocumentRecord, annotator: str) -> tuple[str, bool]:
    """Store the record's document unless its text is here; a changed text under a known source
    (and language) becomes the new version of that document."""
    document = record.document
    existing = find_by_sha256(db, document.sha256)
    if existing:
        return existing, False
    taken = db.execute("SELECT 1 FROM documents WHERE id = ?", [document.id]).fetchone()
    if taken:
        document = replace(document, id=document_id_for(document.sha256))
    if record.identity:
        document = replace(document, supersedes=current_version(db, record.identity, document.lang))
    add_document(db, document, annotator)
    record.document = document
    return document.id, True


def _carry_from_previous_version(
    action: UserAction, record: DocumentRecord, doc_id: str, report: ImportReport
) -> None:
    """Re-anchor the previous version's annotations, unless the record brings its own (an
    exported version is already annotated where it should be)."""
    previous = record.document.supersedes
    if previous is None:
        return
    report.versions += 1
    if record.spans or record.claims or record.links:
        return
    carried = carry_annotations(action, previous, doc_id)
    report.carried += carried.placed
    report.orphaned += carried.orphaned


def _keep_suggestions_from_file(db: Database, doc_id: str) -> None:
    """A record that brings its spans brings its suggestions: they are not recognised again."""
    from store.suggestions import current_recognizer_identity

    name, version = current_recognizer_identity()
    db.execute(
        "INSERT OR REPLACE INTO suggestion_runs (document_id, recognizer, version, at) VALUES (?, ?, ?, ?)",
        [doc_id, name, version, utc_now()],
    )


def _free_id(db: Database, table: str, wanted: int) -> int:
    """Keep an id from the file when it is free here, so a round trip gives the same ids."""
    if wanted and not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [wanted]).fetchone():
        return wanted
    return 0


def _store_annotations(
    action: UserAction, record: DocumentRecord, doc_id: str, report: ImportReport
) -> None:
    db = action.db
    for entity in record.entities:
        upsert_entity(action, entity)
    for span in record.spans:
        found = db.execute(
            'SELECT id, status FROM spans WHERE document_id = ? AND start = ? AND "end" = ? '
            "AND label = ?",
            [doc_id, span.start, span.end, span.label],
        ).fetchone()
        if found is None:
            insert_span(
                action, replace(span, id=_free_id(db, "spans", span.id), document_id=doc_id)
            )
            report.spans += 1
        elif found[1] == "suggested" and span.status != "suggested":
            # A human decision in the file beats a machine suggestion already here.
            action.update(
                "spans",
                {"id": found[0]},
                {
                    "status": span.status,
                    "origin": span.origin,
                    "annotator": span.annotator,
                    "updated_at": action.at,
                },
            )
    claim_ids: dict[int, int] = {}
    for claim in record.claims:
        found = db.execute(
            'SELECT id FROM claims WHERE document_id = ? AND start = ? AND "end" = ? AND category = ?',
            [doc_id, claim.start, claim.end, claim.category],
        ).fetchone()
        if found is None:
            new_claim = replace(claim, id=_free_id(db, "claims", claim.id), document_id=doc_id)
            claim_ids[claim.id] = insert_claim(action, new_claim)
            report.claims += 1
        else:
            claim_ids[claim.id] = found[0]
    for link in record.links:
        found = db.execute(
            "SELECT 1 FROM links WHERE document_id = ? AND person = ? AND org = ? AND relation = ?",
            [doc_id, link.person, link.org, link.relation],
        ).fetchone()
        if found is None:
            evidence = None if link.evidence is None else claim_ids[link.evidence]
            new_link = replace(
                link, id=_free_id(db, "links", link.id), document_id=doc_id, evidence=evidence
            )
            insert_link(action, new_link)
            report.links += 1
