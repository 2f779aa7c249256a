"""The export form (`e`): format, which documents, which spans, and where. Enter exports with the
defaults (native JSONL of everything, to a new file in the working folder)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Input, Label, Select

from store.export import FORMATS, STATUS_CHOICES, default_status
from talent.model import GOLD_ANNOTATOR
from tui.screens.form import FormError, FormScreen
from tui.screens.reader.protocol import Reader
from tui.widgets.safe_input import SafeInput

_SUFFIX = {"jsonl": ".jsonl", "doccano": ".jsonl", "conll": ".conll", "spacy": ".spacy"}
_SUFFIX |= {"labelstudio": ".json", "graph": ".json", "graphml": ".graphml"}
FIRST_FORMAT = "jsonl"  # a full copy: what Enter on the untouched form writes
DOCUMENT_CHOICES = (
    ("every document", ""),
    ("this document", "this"),
    ("documents marked done", "done"),
    ("documents in progress", "in_progress"),
)


@dataclass(frozen=True)
class ExportRequest:
    """What the form collected."""

    fmt: str
    documents: str  # "" for all, "this", or a review state
    status: str
    out: Path
    annotator: str = ""  # "" for everyone's work, else one annotator's or the gold layer


def default_path(fmt: str, folder: Path) -> Path:
    """A name in `folder` that nothing has yet: talent-FORMAT.ext, then talent-FORMAT-2.ext..."""
    suffix = _SUFFIX.get(fmt, "")
    candidate, number = folder / f"talent-{fmt}{suffix}", 2
    while candidate.exists():
        candidate = folder / f"talent-{fmt}-{number}{suffix}"
        number += 1
    return candidate


class ExportForm(FormScreen[ExportRequest | None]):
    """Choose what to export and where."""

    TITLE_TEXT = "Export a dataset"

    def __init__(self, folder: Path, annotators: list[str] = (), confined: bool = False) -> None:
        super().__init__()
        self._folder = folder
        self._confined = confined  # in a browser: only a name in `folder`, then downloaded
        self._suggested = default_path(FIRST_FORMAT, folder)
        self._annotators = list(annotators)

    def compose_fields(self) -> ComposeResult:
        yield Label("format")
        yield Select(
            [(f, f) for f in FORMATS],
            value=FIRST_FORMAT,
            allow_blank=False,
            id="format",
            compact=True,
        )
        yield Label("documents")
        yield Select(DOCUMENT_CHOICES, value="", allow_blank=False, id="documents", compact=True)
        yield Label("spans")
        yield Select(
            [(s, s) for s in STATUS_CHOICES],
            value=default_status(FIRST_FORMAT),
            allow_blank=False,
            id="status",
            compact=True,
        )
        if self._annotators:  # a team database: whose work, or the adjudicated gold
            yield Label("whose work")
            choices = [("everyone's", "")] + [
                ("the gold layer" if name == GOLD_ANNOTATOR else name, name)
                for name in self._annotators
            ]
            yield Select(choices, value="", allow_blank=False, id="annotator", compact=True)
        yield Label("to (a folder for brat and csv)")
        yield SafeInput(value=str(self._suggested), id="out", compact=True)

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "format":
            return
        fmt = str(event.value)
        self.query_one("#status", Select).value = default_status(fmt)
        field = self.query_one("#out", Input)
        if field.value == str(self._suggested):  # not typed over: follow the format
            self._suggested = default_path(fmt, self._folder)
            field.value = str(self._suggested)

    def build_result(self) -> ExportRequest:
        fmt = str(self.query_one("#format", Select).value)
        text = self.query_one("#out", Input).value.strip()
        if not text:
            raise FormError("give a file or folder to write to")
        out = Path(text).expanduser()
        if not out.is_absolute():
            out = self._folder / out
        if self._confined and out.resolve().parent != self._folder.resolve():
            raise FormError("in the browser an export downloads: give a file name, not a path")
        if out.exists():
            raise FormError(f"{out} already exists: choose another name")
        if not out.parent.is_dir():
            raise FormError(f"{out.parent} is not a folder")
        layer = self.query("#annotator")
        return ExportRequest(
            fmt,
            str(self.query_one("#documents", Select).value),
            str(self.query_one("#status", Select).value),
            out,
            str(layer.first(Select).value) if layer else "",
        )


def open_export(reader: Reader) -> None:
    """The export form; the export itself runs in a worker, its progress on the status line."""
    from store.export import Selection
    from store.stats import annotators
    from tui.services.exports import download_folder, export_in_worker

    app = reader.app

    def start(request: ExportRequest | None) -> None:
        if request is None:
            return
        document = reader.focused_pane.view.document
        documents = document.id if request.documents == "this" and document else None
        selection = Selection.for_format(
            request.fmt,
            request.status,
            documents or request.documents or None,
            request.annotator or None,
        )
        reader.show_status(f"exporting {request.fmt}…")
        export_in_worker(app, request.fmt, request.out, selection)

    # Whose work is asked in a team database only: several people, or a gold layer.
    names = annotators(app.db)
    team = len(names) > 1 or GOLD_ANNOTATOR in names
    # In a browser the export is written to a folder of the session's own and downloaded: a
    # user of the team server never names a path on the server.
    folder = download_folder() if app.is_web else Path.cwd()
    app.push_screen(ExportForm(folder, names if team else [], confined=app.is_web), start)
