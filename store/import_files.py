"""Reading import files into checked records: which files a path means (never a link out of
the folder), each format's reader, the size limits. Nothing here writes to the database."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from talent.formats.brat import native_from_brat
from talent.formats.doccano import native_from_doccano
from talent.formats.labelstudio import native_from_labelstudio
from talent.formats.xmi import TYPESYSTEM_FILE, native_from_xmi, read_typesystem, typesystem
from talent.lang import detect_language
from talent.model import DEFAULT_MAX_DOCUMENT_MB, Document
from talent.records import DocumentRecord, RecordError, parse_record, title_from_text
from talent.strict_json import parse_elements, parse_line
from talent.textio import DecodeError, decode, document_id_for, read_text, sha256_of

# The files each import format reads; doccano, brat and Label Studio are other tools' exports.
IMPORT_FORMATS = {
    "native": (".txt", ".md", ".jsonl"),
    "doccano": (".jsonl",),
    "brat": (".ann",),
    "labelstudio": (".json",),
    "xmi": (".xmi",),
}


# At most this many bytes of XMI for a byte of text (tokens, sentences and markup around it).
XMI_PER_TEXT_BYTE = 60


class ImportFailure(Exception):
    """A file that cannot be imported; the message names it (and the line, for JSONL)."""


def collect_files(paths: Iterable[Path], fmt: str = "native") -> list[tuple[Path, str]]:
    """The files to import, each with its source (its identity across versions): named files
    by their name, and every file of the format below a named folder by its path inside it."""
    suffixes = IMPORT_FORMATS[fmt]
    files: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.rglob("*")):
                inside = p.relative_to(path)
                if not p.is_file() or p.suffix.lower() not in suffixes:
                    continue
                if any(part.startswith(".") for part in inside.parts):
                    continue
                _refuse_link_out(p, path)
                files.append((p, inside.as_posix()))
        elif path.is_file():
            # A file named with an explicit --format is taken at its word, whatever its name.
            if path.suffix.lower() not in suffixes and fmt in ("native", "brat"):
                known = ", ".join(suffixes)
                raise ImportFailure(
                    f"{path}: unknown format {path.suffix or '(no extension)'!r}; "
                    + (
                        "talent-tui imports .txt, .md and .jsonl"
                        if fmt == "native"
                        else f"a {fmt} import reads {known}"
                    )
                )
            files.append((path, path.name))
        else:
            raise ImportFailure(f"{path}: no such file or folder")
    return files


def _refuse_link_out(path: Path, folder: Path) -> None:
    """Refuse a link that leads out of the folder being imported: a folder of articles must not
    bring in whatever file a link in it names (a private key, say)."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise ImportFailure(
            f"{path}: a link to a file outside {folder}; talent-tui does not follow it "
            "(import that file by its own name if it is meant)"
        )


def _too_large(size: int, max_mb: float) -> str | None:
    """The refusal for a document of `size` bytes over the limit, naming the option to raise it."""
    if size <= max_mb * 1_000_000:
        return None
    return (
        f"a document of {size / 1_000_000:.1f} MB, over the {max_mb:g} MB limit for one document "
        f"(to import it: --max-document-mb {math.ceil(size / 1_000_000)})"
    )


def read_records(
    path: Path,
    annotator: str,
    max_mb: float = DEFAULT_MAX_DOCUMENT_MB,
    source: str = "",
    fmt: str = "native",
) -> list[DocumentRecord]:
    """Read one file into records, or raise ImportFailure naming the file and line. A .txt or
    .md file is known by `source` (default: its name); a JSONL line by its own source or id."""
    source = source or path.name
    if fmt == "brat":
        return [_read_brat(path, annotator, max_mb, source)]
    if fmt == "xmi":
        return [_read_xmi(path, annotator, max_mb, source)]
    plain = fmt == "native" and path.suffix.lower() != ".jsonl"
    # JSON is read as written: offsets inside it count the text before normalisation.
    text = _read_file(path, max_mb if plain else None, normalise=plain)
    if fmt == "labelstudio":
        return _read_labelstudio(path, text, annotator, max_mb, source)
    if plain:
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
            obj = parse_line(line)
            if fmt == "doccano":
                records.append(_foreign(native_from_doccano(obj), f"{source}#{number}", annotator))
            else:
                records.append(parse_record(obj, source, annotator))
        except RecordError as error:
            raise ImportFailure(f"{path}, line {number}: {error}") from error
    if not records:
        raise ImportFailure(f"{path}: no JSON lines in it")
    return records


def _read_file(path: Path, max_mb: float | None, normalise: bool = True) -> str:
    """A file's text (checked against the size limit, unless None), or ImportFailure."""
    try:
        if max_mb is not None and (refusal := _too_large(path.stat().st_size, max_mb)):
            raise ImportFailure(f"{path}: {refusal}")
        data = path.read_bytes()
        # Another tool's offsets count the text as it is: it is checked, never silently changed.
        return read_text(data) if normalise else decode(data)[0]
    except OSError as error:
        raise ImportFailure(f"{path}: cannot read it ({error.strerror})") from error
    except DecodeError as error:
        raise ImportFailure(f"{path}: {error}") from error


def _foreign(native: dict, source: str, annotator: str) -> DocumentRecord:
    """A record from another tool: its entities are found (or made) by name when stored, and it
    is never a new version of anything (those tools give no lasting identity)."""
    native["source"] = source
    record = parse_record(native, source, annotator)
    record.identity = None
    record.entities_by_name = True
    return record


def _read_brat(path: Path, annotator: str, max_mb: float, source: str) -> DocumentRecord:
    txt = path.with_suffix(".txt")
    if not txt.is_file():
        raise ImportFailure(f"{path}: no {txt.name} beside it (brat keeps the text there)")
    _refuse_link_out(txt, path.parent)
    text = _read_file(txt, max_mb, normalise=False)
    # brat writes an empty .ann for a document without annotations, and reads it back.
    ann = _read_file(path, None, normalise=False) if path.stat().st_size else ""
    try:
        return _foreign(
            native_from_brat(text, ann), source.removesuffix(".ann") + ".txt", annotator
        )
    except RecordError as error:
        raise ImportFailure(f"{path}, {error}") from error


def _read_xmi(path: Path, annotator: str, max_mb: float, source: str) -> DocumentRecord:
    """An XMI file, read with the type system beside it (INCEpTION's export has one), else
    talent-tui's own."""
    beside = path.parent / TYPESYSTEM_FILE
    try:
        # XML with a token per character is tens of times its text: refused before parsing
        # only when far past the limit, then the text itself is measured.
        if refusal := _too_large(path.stat().st_size // XMI_PER_TEXT_BYTE, max_mb):
            raise RecordError(refusal)
        types = typesystem()
        if beside.is_file():
            _refuse_link_out(beside, path.parent)
            types = read_typesystem(beside.read_bytes())
        native = native_from_xmi(path.read_bytes(), types)
        if refusal := _too_large(len(native["text"].encode("utf-8")), max_mb):
            raise RecordError(refusal)
        return _foreign(native, source, annotator)
    except OSError as error:
        raise ImportFailure(f"{path}: cannot read it ({error.strerror})") from error
    except RecordError as error:
        raise ImportFailure(f"{path}: {error}") from error


def _read_labelstudio(
    path: Path, text: str, annotator: str, max_mb: float, source: str
) -> list[DocumentRecord]:
    records = []
    try:
        # One task at a time: a large export is never parsed whole before a refusal.
        for number, task in parse_elements(text, "task"):
            try:
                native = native_from_labelstudio(task)
                if isinstance(native["text"], str) and (
                    refusal := _too_large(len(native["text"].encode("utf-8")), max_mb)
                ):
                    raise RecordError(refusal)
                records.append(_foreign(native, f"{source}#{number}", annotator))
            except RecordError as error:
                raise RecordError(f"task {number}: {error}") from None
    except RecordError as error:
        raise ImportFailure(f"{path}, {error}") from error
    if not records:
        raise ImportFailure(f"{path}: no tasks in it")
    return records
