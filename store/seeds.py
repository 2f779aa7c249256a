"""The bundled seed articles, loaded into a new database so a fresh install has something to read."""

from __future__ import annotations

import json
from importlib import resources

from sqlite_utils import Database

from store.importer import ImportReport, write_records
from talent.model import Document
from talent.records import DocumentRecord
from talent.textio import document_id_for, read_text, sha256_of


def seed_records() -> list[DocumentRecord]:
    """The seed documents as the manifest describes them."""
    folder = resources.files("seeds")
    manifest = json.loads(folder.joinpath("manifest.json").read_text(encoding="utf-8"))
    records = []
    for entry in manifest:
        text = read_text(folder.joinpath(entry["file"]).read_bytes())
        sha256 = sha256_of(text)
        document = Document(
            id=document_id_for(sha256),
            title=entry["title"],
            lang=entry["lang"],
            source=entry["source"],
            text=text,
            sha256=sha256,
        )
        records.append(DocumentRecord(document))
    return records


def load_seeds(db: Database) -> ImportReport:
    """Import the seeds (already stored ones are skipped)."""
    return write_records(db, seed_records(), "seeds")
