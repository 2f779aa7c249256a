"""Export in the dataset formats (doccano, brat, CoNLL, spaCy, Label Studio, CSV): documents are
read one at a time, so memory does not grow with the corpus, and written through a temporary
file or folder renamed into place when complete."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from store.annotations import (
    claims_for_document,
    entities_by_id,
    links_for_document,
    spans_for_document,
)
from store.documents import get_document
from store.export import GRAPH_FORMATS, Selection, selected_documents, write_jsonl
from store.flows import evidence_sentence, link_facts
from store.outputs import (
    file_name_for,
    write_folder_output,
    write_output,
    write_through_temporary,
)
from talent.flows import derive_moves
from talent.formats import Bundle, non_overlapping, one_jsonl_line
from talent.formats.brat import ann_text, annotation_conf
from talent.formats.conll import conll_text
from talent.formats.csv_tables import COLUMNS, neutral_row, table_rows
from talent.formats.doccano import doccano_record
from talent.formats.graph import graph_json, graphml_lines
from talent.formats.labelstudio import labelstudio_task
from talent.formats.spacy_docbin import DocBinWriter
from talent.formats.xmi import TYPESYSTEM_FILE, typesystem_xml, xmi_document

Progress = Callable[[int, int], None]
# Formats that can say nothing of a span but that it is one (Label Studio: an annotation's, or
# a suggestion as a prediction).
NO_STATUS_FORMATS = ("doccano", "conll", "spacy", "labelstudio", "xmi")


@dataclass
class ExportSummary:
    """How many documents were written, and what the format could not hold."""

    documents: int = 0
    notes: list[str] = field(default_factory=list)
    spans: int = 0  # spans the selection took
    overlapping: int = 0  # spans left out where overlaps cannot be held (the longer kept)
    links_left_out: int = 0  # links whose person or organization has no span in the text
    rejected_left_out: int = 0  # rejected spans, in formats with no way to say "rejected"
    nested: int = 0  # spans inside another span, which a project without overlap drops
    not_xml: int = 0  # documents whose text XML 1.0 cannot hold
    claims: int = 0  # claims the selection took
    speakers: int = 0  # claims that name who asserts them

    def headline(self, fmt: str, where: str) -> str:
        """What was written, and where, in one line."""
        return f"exported {self.documents} document(s) as {fmt} to {where}"

    def finish(self, fmt: str, selection: Selection) -> ExportSummary:
        if self.documents and not self.spans and fmt not in ("jsonl", *GRAPH_FORMATS):
            which = "" if selection.status == "all" else f"{selection.status} "
            hint = (
                " yet (--status all takes suggestions too)"
                if selection.status == "accepted"
                else ""
            )
            self.notes.append(f"no {which}spans in these documents{hint}")
        if self.overlapping:
            self.notes.append(
                f"{self.overlapping} overlapping span(s) left out ({fmt} cannot hold overlaps; "
                "the longer was kept)"
            )
        if self.rejected_left_out:
            self.notes.append(
                f"{self.rejected_left_out} rejected span(s) left out ({fmt} has no way to say a "
                "span was rejected: they would read as entities)"
            )
        if self.not_xml:
            self.notes.append(
                f"{self.not_xml} document(s) left out: their text holds control characters "
                "that XML 1.0 cannot hold"
            )
        if self.nested:
            self.notes.append(
                f"{self.nested} span(s) overlap another: import into a doccano project that "
                "allows overlapping spans, or doccano keeps only the first"
            )
        if self.links_left_out:
            self.notes.append(
                f"{self.links_left_out} link(s) left out (no span of their person or "
                f"organization for {fmt} to connect)"
            )
        return self


def iter_bundles(
    db: Database, selection: Selection, doc_ids: list[str], with_entities: bool = False
) -> Iterator[Bundle]:
    """The selected documents (`doc_ids`) with their selected annotations, one at a time (and
    the entities they refer to, for the formats that list them)."""
    statuses = selection.span_statuses()

    def mine(item) -> bool:
        return selection.annotator is None or item.annotator == selection.annotator

    for doc_id in doc_ids:
        spans = [s for s in spans_for_document(db, doc_id) if s.status in statuses and mine(s)]
        claims = [c for c in claims_for_document(db, doc_id) if mine(c)]
        links = [link for link in links_for_document(db, doc_id) if mine(link)]
        entities = {}
        if with_entities:
            used = {s.entity for s in spans if s.entity} | {
                e for link in links for e in (link.person, link.org)
            }
            used |= {e for c in claims for e in (c.attributed_to, *c.entities) if e}
            entities = entities_by_id(db, sorted(used))
        yield Bundle(get_document(db, doc_id), spans, claims, links, entities)


def export_dataset(
    db: Database,
    fmt: str,
    out: Path,
    selection: Selection,
    on_document: Progress | None = None,
    doccano_form: str = "relations",
) -> ExportSummary:
    """Write the selection in format `fmt` to `out` (a file, or a folder for brat and csv)."""
    doc_ids = selected_documents(db, selection)
    total = len(doc_ids)
    summary = ExportSummary()

    def advance() -> None:
        summary.documents += 1
        if on_document:
            on_document(summary.documents, total)

    if on_document:
        on_document(0, total)

    def counted(bundles: Iterator[Bundle]) -> Iterator[Bundle]:
        for bundle in bundles:
            if fmt in NO_STATUS_FORMATS:
                # Left out, never given as a person's labels: a rejection is not an entity.
                kept = [span for span in bundle.spans if span.status != "rejected"]
                summary.rejected_left_out += len(bundle.spans) - len(kept)
                bundle = replace(bundle, spans=kept)
            if fmt == "doccano":
                summary.nested += len(bundle.spans) - len(non_overlapping(bundle.spans)[0])
            summary.spans += len(bundle.spans)
            summary.claims += len(bundle.claims)
            summary.speakers += sum(1 for claim in bundle.claims if claim.attributed_to)
            yield bundle

    # Formats that name entities (CSV's table, who asserts a claim elsewhere) need them.
    named = fmt in ("csv", "brat", "labelstudio", "xmi")
    bundles = counted(iter_bundles(db, selection, doc_ids, with_entities=named))
    if fmt == "jsonl":
        write_output(
            out, lambda handle: write_jsonl(db, selection, doc_ids, handle, lambda _: advance())
        )
    elif fmt == "doccano":
        write_output(out, lambda handle: _doccano(bundles, handle, summary, advance, doccano_form))
    elif fmt == "labelstudio":
        write_output(out, lambda handle: _labelstudio(bundles, handle, summary, advance))
    elif fmt == "conll":
        write_output(out, lambda handle: _conll(bundles, handle, summary, advance))
    elif fmt == "spacy":
        writer = DocBinWriter()  # before any file is made: spaCy may be missing
        for bundle in bundles:
            summary.overlapping += writer.add(bundle)
            advance()
        write_through_temporary(out, lambda path: path.write_bytes(writer.to_bytes()))
    elif fmt == "brat":
        write_folder_output(out, lambda folder: _brat(bundles, folder, summary, advance))
    elif fmt == "csv":
        write_folder_output(out, lambda folder: _csv(bundles, folder, advance))
    elif fmt == "xmi":
        write_folder_output(out, lambda folder: _xmi(bundles, folder, summary, advance))
    elif fmt in GRAPH_FORMATS:
        summary.documents = total
        links, moves = write_output(
            out, lambda handle: _graph(db, fmt, set(doc_ids), selection, handle)
        )
        summary.notes.append(f"{links} link(s) and {moves} move(s) between organizations")
    if fmt == "doccano" and doccano_form == "label":
        summary.notes.append(
            f"{summary.claims} claim(s) and the links left out: not part of doccano's label form"
        )
    elif fmt in ("doccano", "conll"):
        summary.notes.append(f"{summary.claims} claim(s) left out: not part of the {fmt} format")
    elif fmt == "spacy" and summary.speakers:
        summary.notes.append(
            f"who asserts {summary.speakers} claim(s) left out: a spaCy span has no place for it"
        )
    return summary.finish(fmt, selection)


def _doccano(bundles, handle: IO[str], summary: ExportSummary, advance, form: str) -> None:
    for number, bundle in enumerate(bundles, start=1):
        record, left_out = doccano_record(bundle, number, form)
        summary.links_left_out += left_out if form == "relations" else 0
        handle.write(one_jsonl_line(json.dumps(record, ensure_ascii=False)) + "\n")
        advance()


def _labelstudio(bundles, handle: IO[str], summary: ExportSummary, advance) -> None:
    # A JSON array written item by item: the tasks are never all in memory.
    handle.write("[")
    for number, bundle in enumerate(bundles, start=1):
        task, left_out = labelstudio_task(bundle, number)
        summary.links_left_out += left_out
        handle.write(("\n" if number == 1 else ",\n") + json.dumps(task, ensure_ascii=False))
        advance()
    handle.write("\n]\n")


def _conll(bundles, handle: IO[str], summary: ExportSummary, advance) -> None:
    for bundle in bundles:
        rows, dropped = conll_text(bundle)
        summary.overlapping += dropped
        handle.write(rows)
        advance()


def _brat(bundles, folder: Path, summary: ExportSummary, advance) -> None:
    (folder / "annotation.conf").write_text(annotation_conf(), encoding="utf-8", newline="\n")
    taken: set[str] = {"annotation"}
    for bundle in bundles:
        name = file_name_for(bundle.document.id, taken)
        (folder / f"{name}.txt").write_text(bundle.document.text, encoding="utf-8", newline="\n")
        ann, left_out = ann_text(bundle)
        summary.links_left_out += left_out
        (folder / f"{name}.ann").write_text(ann, encoding="utf-8", newline="\n")
        advance()


def _xmi(bundles, folder: Path, summary: ExportSummary, advance) -> None:
    (folder / TYPESYSTEM_FILE).write_text(typesystem_xml(), encoding="utf-8")
    taken: set[str] = {"typesystem"}
    for bundle in bundles:
        xmi, left_out = xmi_document(bundle)
        summary.links_left_out += left_out
        if xmi is None:
            summary.not_xml += 1
        else:
            name = file_name_for(bundle.document.id, taken)
            (folder / f"{name}.xmi").write_text(xmi, encoding="utf-8")
        advance()


def _graph(
    db: Database, fmt: str, doc_ids: set[str], selection: Selection, handle: IO[str]
) -> tuple[int, int]:
    """The talent graph of the selected documents' links and the moves they imply; how many
    link and move edges it has."""
    facts = [f for f in link_facts(db, selection.annotator) if f.evidence.document_id in doc_ids]
    moves = derive_moves(facts)
    entities = entities_by_id(db, sorted({e for f in facts for e in (f.person, f.org)}))
    text_of = partial(evidence_sentence, db)
    if fmt == "graph":
        handle.write(graph_json(entities, facts, moves, text_of))
    else:
        handle.writelines(graphml_lines(entities, facts, moves, text_of))
    return len(facts), sum(1 for m in moves if m.origin and m.destination)


def _csv(bundles, folder: Path, advance) -> None:
    handles = {
        table: (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="")
        for table in COLUMNS
    }
    try:
        writers = {table: csv.writer(handle) for table, handle in handles.items()}
        for table, columns in COLUMNS.items():
            writers[table].writerow(columns)
        seen: set[str] = set()
        for bundle in bundles:
            for table, row in table_rows(bundle, seen):
                writers[table].writerow(neutral_row(row))
            advance()
    finally:
        for handle in handles.values():
            handle.close()
