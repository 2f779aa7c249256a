"""Import of files and folders into documents: all files are read and checked
(`store.import_files`), then written in one transaction, so a bad file leaves nothing half
written."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlite_utils import Database

from store.annotations import (
    claims_for_document,
    insert_claim,
    insert_link,
    insert_span,
    links_for_document,
    spans_for_document,
    upsert_entity,
)
from store.documents import add_document, current_version, find_by_sha256
from store.entities import resolve_entity
from store.events import current_annotator, utc_now
from store.history import UserAction, user_action
from store.import_files import (
    IMPORT_FORMATS,
    ImportFailure,
    collect_files,
    read_records,
)
from store.versions import carry_annotations
from talent.model import DEFAULT_MAX_DOCUMENT_MB, Claim, Link, Span
from talent.records import DocumentRecord
from talent.textio import document_id_for


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


def import_paths(
    db: Database,
    paths: Iterable[Path],
    annotator: str | None = None,
    on_file: Callable[[Path, int, int], None] | None = None,
    max_mb: float = DEFAULT_MAX_DOCUMENT_MB,
    fmt: str = "native",
) -> ImportReport:
    """Import files and folders in one transaction; raise ImportFailure and write nothing on error."""
    annotator = annotator or current_annotator()
    paths = list(paths)
    files = collect_files(paths, fmt)
    if not files:
        named = ", ".join(str(path) for path in paths)
        *first, last = IMPORT_FORMATS[fmt]
        kinds = f"{', '.join(first)} or {last}" if first else last
        raise ImportFailure(f"{named}: no {kinds} files to import")
    records: list[DocumentRecord] = []
    for index, (path, source) in enumerate(files, start=1):
        records.extend(read_records(path, annotator, max_mb, source, fmt))
        if on_file:
            on_file(path, index, len(files))
    return write_records(db, records, annotator)


def write_records(db: Database, records: list[DocumentRecord], annotator: str) -> ImportReport:
    """Write records in one transaction; documents already stored get only the new annotations."""
    report = ImportReport()
    new_ids: list[str] = []
    stored = _Stored()
    # Logged like any action, but not on anyone's undo stack: an import is undone by deleting.
    with user_action(db, "import", annotator, undoable=False) as action:
        for record in records:
            file_id = record.document.id
            doc_id, is_new = _store_document(db, record, annotator, stored.documents)
            stored.documents[file_id] = doc_id
            if is_new:
                report.documents += 1
                new_ids.append(doc_id)
            else:
                report.skipped += 1
            _carry_from_previous_version(action, record, doc_id, report)
            _store_annotations(action, record, doc_id, report, stored)
            if is_new:
                _store_reviews(action, record, doc_id)
            if is_new and (record.spans or record.spans_given):
                _keep_suggestions_from_file(db, doc_id)
        _store_claim_relations(action, records, stored)
    report.new_document_ids = tuple(new_ids)
    return report


@dataclass
class _Stored:
    """Where the file's ids landed in the database, across all its records."""

    documents: dict[str, str] = field(default_factory=dict)
    claims: dict[int, int] = field(default_factory=dict)


def _store_document(
    db: Database, record: DocumentRecord, annotator: str, stored: dict[str, str]
) -> tuple[str, bool]:
    """Store the record's document unless its text is here; a changed text under a known source
    (and language) becomes the new version of that document, or the version the file names."""
    document = record.document
    existing = find_by_sha256(db, document.sha256)
    if existing:
        return existing, False
    taken = db.execute("SELECT 1 FROM documents WHERE id = ?", [document.id]).fetchone()
    if taken:
        document = replace(document, id=document_id_for(document.sha256))
    if record.supersedes_given:
        named = document.supersedes
        known = named is not None and (
            named in stored
            or db.execute("SELECT 1 FROM documents WHERE id = ?", [named]).fetchone()
        )
        document = replace(document, supersedes=stored.get(named, named) if known else None)
    elif record.identity:
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
    if record.spans or record.claims or record.links or record.supersedes_given:
        return
    carried = carry_annotations(action, previous, doc_id)
    report.carried += carried.placed
    report.orphaned += carried.orphaned


def _keep_suggestions_from_file(db: Database, doc_id: str) -> None:
    """A record that brings its spans brings its suggestions: they are not recognised again."""
    from store.suggestions import current_recognizer_identity

    name, version = current_recognizer_identity(db)
    db.execute(
        "INSERT OR REPLACE INTO suggestion_runs (document_id, recognizer, version, at) VALUES (?, ?, ?, ?)",
        [doc_id, name, version, utc_now()],
    )


def _free_id(db: Database, table: str, wanted: int) -> int:
    """Keep an id from the file when it is free here, so a round trip gives the same ids."""
    if wanted and not db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [wanted]).fetchone():
        return wanted
    return 0


def _entity_ids(action: UserAction, record: DocumentRecord) -> dict[str, str]:
    """Where each entity of the record is stored. Another tool's entities are found (or made)
    by label and name, as the app does for a mention; a native file's keep their ids where the
    id is free or names the same entity, else are found by name (ids of two databases differ)."""
    ids = {}
    for entity in record.entities:
        row = None if record.entities_by_name else action.read("entities", {"id": entity.id})
        if record.entities_by_name or (
            row is not None and (row["label"], row["name"]) != (entity.label, entity.name)
        ):
            ids[entity.id] = resolve_entity(action, entity.label, entity.name).id
        else:
            upsert_entity(action, entity)
            ids[entity.id] = entity.id
    return ids


def _with_entities(record: DocumentRecord, ids: dict[str, str]) -> DocumentRecord:
    """The record with its entity references replaced by the stored entities' ids."""
    return replace(
        record,
        spans=[replace(s, entity=ids.get(s.entity, s.entity)) for s in record.spans],
        claims=[
            replace(
                c,
                entities=tuple(ids.get(e, e) for e in c.entities),
                attributed_to=ids.get(c.attributed_to, c.attributed_to),
            )
            for c in record.claims
        ],
        links=[replace(k, person=ids[k.person], org=ids[k.org]) for k in record.links],
    )


def _span_key(span: Span) -> tuple:
    # A suggestion is the machine's whoever stored it; a decision is its annotator's.
    who = None if span.status == "suggested" else span.annotator
    return (span.start, span.end, span.label, span.status, who)


def _claim_key(claim: Claim) -> tuple:
    return (
        claim.start, claim.end, claim.category, claim.status, claim.attributed_to, claim.note,
        claim.annotator, tuple(sorted(claim.entities)),
    )  # fmt: skip


def _link_key(link: Link) -> tuple:
    amount = None if link.amount is None else json.dumps(link.amount, sort_keys=True)
    return (
        link.person, link.org, link.relation, link.evidence, link.date, amount, link.note,
        link.annotator,
    )  # fmt: skip


def _store_annotations(
    action: UserAction, record: DocumentRecord, doc_id: str, report: ImportReport, stored: _Stored
) -> None:
    """Every distinct annotation of the record that the document does not hold yet: two of
    them alike in the file are two (a second offer, a second claim on one sentence), and an
    import of the same file again adds nothing."""
    db = action.db
    record = _with_entities(record, _entity_ids(action, record))
    spans_here = spans_for_document(db, doc_id)
    have = {_span_key(span) for span in spans_here}
    suggestions = {(s.start, s.end, s.label): s.id for s in spans_here if s.status == "suggested"}
    for span in record.spans:
        if _span_key(span) in have:
            continue
        found = suggestions.pop((span.start, span.end, span.label), None)
        if found is not None and span.status != "suggested":
            # A human decision in the file beats a machine suggestion already here.
            action.update(
                "spans",
                {"id": found},
                {
                    "status": span.status,
                    "origin": span.origin,
                    "annotator": span.annotator,
                    "updated_at": action.at,
                },
            )
            continue
        insert_span(action, replace(span, id=_free_id(db, "spans", span.id), document_id=doc_id))
        report.spans += 1
    # What the document held before this record: two alike in the file are both kept.
    claims_here = {_claim_key(claim): claim.id for claim in claims_for_document(db, doc_id)}
    for claim in record.claims:
        found = claims_here.get(_claim_key(claim))
        if found is None:
            new_claim = replace(claim, id=_free_id(db, "claims", claim.id), document_id=doc_id)
            found = insert_claim(action, new_claim)
            report.claims += 1
        stored.claims[claim.id] = found
    links_here = {_link_key(link) for link in links_for_document(db, doc_id)}
    for link in record.links:
        evidence = None if link.evidence is None else stored.claims[link.evidence]
        link = replace(link, evidence=evidence)
        if _link_key(link) not in links_here:
            new_link = replace(link, id=_free_id(db, "links", link.id), document_id=doc_id)
            insert_link(action, new_link)
            report.links += 1


def _store_reviews(action: UserAction, record: DocumentRecord, doc_id: str) -> None:
    for who, state in record.reviews:
        action.insert("reviews", {"document_id": doc_id, "annotator": who, "state": state})


def _store_claim_relations(
    action: UserAction, records: list[DocumentRecord], stored: _Stored
) -> None:
    """Relations between claims, once every record's claims are in: the other claim may be in
    a later line of the file."""
    for record in records:
        for a, b, kind, who in record.claim_relations:
            if b not in stored.claims:
                raise ImportFailure(
                    f"«{record.document.title}»: a claim relation names claim {b}, which the "
                    "file does not hold"
                )
            first, second = sorted((stored.claims[a], stored.claims[b]))
            if action.read("claim_relations", {"a": first, "b": second}) is None:
                action.insert(
                    "claim_relations",
                    {"a": first, "b": second, "kind": kind, "annotator": who,
                     "created_at": action.at},
                )  # fmt: skip
