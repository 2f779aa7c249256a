"""Every key of the app in one place: each binding has an id (`reading.accept`), its default keys,
and what it does. Widgets and screens take their BINDINGS from here; a user's keymap.toml
changes keys by id (see tui/user_keymap.py), and the help screen lists them from here too."""

from __future__ import annotations

from textual.binding import Binding

from talent.model import LABELS


def key(
    binding_id: str,
    keys: str,
    action: str,
    description: str,
    tooltip: str = "",
    *,
    show: bool = True,
    display: str | None = None,
    priority: bool = False,
) -> Binding:
    """A binding with its id; `tooltip` is the long form the help screen shows."""
    return Binding(
        keys,
        action,
        description,
        show=show,
        key_display=display,
        priority=priority,
        tooltip=tooltip,
        id=binding_id,
    )


LABEL_KEYS = "1 PERSON 2 ORG 3 LOCATION 4 MONEY 5 NUMBER 6 PERCENT 7 DATE 8 DURATION 9 TITLE"

# Moving in a reading pane (the adjudication screen's panes move with these too).
MOTIONS = [
    key("reading.left", "left,h", "move(-1)", "Left", show=False),
    key("reading.right", "right,l", "move(1)", "Right", show=False),
    key("reading.up", "up,k", "line(-1)", "Up", show=False),
    key("reading.down", "down,j", "line(1)", "Down", show=False),
    key("reading.word", "w", "word(1)", "Next word", show=False),
    key("reading.word_back", "b", "word(-1)", "Previous word", show=False),
    # Only while selecting: without a selection `e` exports (the reader's key).
    key("reading.word_end", "e", "word_end", "End of word", show=False),
    key("reading.page_up", "pageup", "page(-1)", "Page up", show=False),
    key("reading.page_down", "pagedown,space", "page(1)", "Page down", show=False),
    key("reading.top", "g", "edge(0)", "Top", show=False),
    key("reading.bottom", "G", "edge(1)", "Bottom", show=False),
]

# The adjudication panes move with these; not w/b/e there: b takes the right annotator's.
PANE_MOTIONS = [b for b in MOTIONS if b.action.split("(")[0] in ("move", "line", "page", "edge")]

READING = [
    *MOTIONS,
    key("reading.next_entity", "n", "entity(1)", "Next", "Next / previous entity", show=False,
        display="n/N"),
    key("reading.previous_entity", "N", "entity(-1)", "Previous entity", show=False),
    key("reading.select", "v", "select", "Select", "Start a selection; motions extend it",
        show=False),
    key("reading.drop", "escape", "drop_selection", "Drop", "Drop the selection"),
    *(
        key(f"reading.label.{label.lower()}", str(number), f"intent('label', ('{label}',))",
            "Label" if number == 1 else label.title(),
            f"Label the selection or word {label}" if number > 1 else
            f"Label the selection or word: {LABEL_KEYS} (on a span: relabel it)",
            show=number == 1, display="1-9")
        for number, label in enumerate(LABELS, start=1)
    ),
    key("reading.accept", "a", "intent('decide', ('accepted',))", "Accept",
        "Accept the entity under the cursor", display="a/x"),
    key("reading.reject", "x", "intent('decide', ('rejected',))", "Reject",
        "Reject the entity under the cursor", show=False),
    key("reading.accept_everywhere", "A", "intent('decide_everywhere', ('accepted',))", "All",
        "Accept every occurrence of this text with this label, in all documents", show=False),
    key("reading.reject_everywhere", "X", "intent('decide_everywhere', ('rejected',))",
        "Reject all",
        "Reject every occurrence of this text with this label, in all documents", show=False),
    key("reading.delete_span", "d", "intent('delete_span')", "Delete",
        "Delete the span under the cursor",
        show=False),
    key("reading.grow_start", "less_than_sign", "intent('resize', (-1, 0))", "Grow start",
        "Grow the span's start one character left", show=False),
    key("reading.shrink_start", "comma", "intent('resize', (1, 0))", "Shrink start",
        "Shrink the span's start one character", show=False),
    key("reading.grow_end", "greater_than_sign", "intent('resize', (0, 1))", "Grow end",
        "Grow the span's end one character right", show=False),
    key("reading.shrink_end", "full_stop", "intent('resize', (0, -1))", "Shrink end",
        "Shrink the span's end one character", show=False),
    key("reading.edit_entity", "E", "intent('edit_entity')", "Entity",
        "Edit the entity of the span under the cursor: name, aliases, merge", show=False),
    key("reading.move_entity", "m", "intent('move_entity')", "Move",
        "Say which entity the span under the cursor refers to", show=False),
    key("reading.claim", "c", "intent('claim')", "Claim",
        "Tag the selection or sentence as a claim (on a claim: edit it)"),
    key("reading.delete_claim", "D", "intent('delete_claim')", "Delete claim",
        "Delete the claim under the cursor", show=False),
    key("reading.relate_claim", "C", "intent('relate_claim')", "Relate claims",
        "Say the claim under the cursor is the same as, or contradicts, one elsewhere",
        show=False),
    key("reading.next_claim", "right_curly_bracket", "claim_jump(1)", "Next claim", "Next claim",
        show=False),
    key("reading.previous_claim", "left_curly_bracket", "claim_jump(-1)", "Previous claim",
        "Previous claim", show=False),
    key("reading.link", "L", "intent('link')", "Link",
        "Link the person under the cursor to an organization"),
]  # fmt: skip

READER = [
    key("reader.next_focus", "tab", "cycle_focus(1)", "Next", "Focus the next pane or panel",
        show=False, priority=True),
    key("reader.previous_focus", "shift+tab", "cycle_focus(-1)", "Previous pane",
        "Focus the previous pane or panel", show=False, priority=True),
    key("reader.previous_document", "left_square_bracket", "cycle_document(-1)",
        "Previous document", show=False),
    key("reader.next_document", "right_square_bracket", "cycle_document(1)", "Doc",
        "Next document", show=False, display="[ ]"),
    key("reader.undo", "u", "undo", "Undo", "Undo your last action (survives restarts)"),
    key("reader.redo", "ctrl+r", "redo", "Redo", "Redo what you undid", show=False),
    key("reader.review_state", "R", "review_state", "Review",
        "Mark the document new, in progress or done", show=False),
    key("reader.sync_scroll", "s", "toggle_sync", "Sync scroll", show=False),
    key("reader.export", "e", "open('export')", "Export",
        "Export a dataset: format, documents, spans, file (progress on the status line)",
        show=False),
    key("reader.search", "slash", "open('search')", "Search", "Search all documents", show=False),
    key("reader.panel", "o", "toggle_panel", "Panel", "Show or hide the side panel", show=False),
    key("reader.orphans", "O", "open('orphans')", "Orphans",
        "List the annotations the previous version could not pass on to this one"),
    key("reader.flows", "F", "open('flows')", "Flows",
        "Talent flows: who moved from which organization to which, for how much"),
    key("reader.adjudicate", "J", "open('adjudication')", "Gold",
        "Adjudicate: two annotators' versions of this document side by side, settled into the "
        "gold layer"),
    key("reader.agreement", "K", "open('agreement')", "Agreement",
        "How far the annotators agree: F1, kappa, alpha; the worst documents first", show=False),
    # "Same" is short: with esc, the keys still leave room for ? Help at 80 columns.
    key("reader.identities", "M", "open('identities')", "Same",
        "Entities that look like one (于佳慧 and Jiahui Yu): merge them or keep apart"),
    key("reader.team", "T", "open('team')", "Team",
        "A manager's view of a shared database: progress, disagreements, assigning (live)"),
    key("reader.add_seeds", "S", "add_seeds", "Add seeds",
        "Add the two seed articles (on a database without documents)"),
]  # fmt: skip

APP = [
    key("app.quit", "q", "quit", "Quit"),
    key("app.help", "question_mark", "help", "Help"),
]

CLAIMS_PANEL = [key("claims_panel.delete", "d", "delete", "Delete claim")]
LINKS_PANEL = [key("links_panel.delete", "d", "delete", "Delete link")]

HELP = [key("help.close", "escape,q,question_mark", "dismiss", "Close")]
SEARCH = [key("search.close", "escape", "dismiss(None)", "Close")]
CHOICE = [key("choice.cancel", "escape", "dismiss(None)", "Cancel")]
ORPHANS = [key("orphans.close", "escape", "dismiss(None)", "Close")]

FORM = [
    key("form.save", "enter", "save", "Save", priority=True),
    key("form.cancel", "escape", "cancel", "Cancel", priority=True),
]

PICKER = [
    key("picker.cancel", "escape", "dismiss(None)", "Cancel", priority=True),
    key("picker.down", "down", "cursor(1)", "Down", show=False, priority=True),
    key("picker.up", "up", "cursor(-1)", "Up", show=False, priority=True),
    key("picker.choose", "enter", "choose", "Choose", priority=True),
]

ENTITY_FIELD = [key("entity_field.choose", "space,down", "choose", "Choose", show=False)]

CLAIM_RELATIONS = [
    key("claim_relations.same", "s", "decide('same')", "Same claim"),
    key("claim_relations.contradicts", "x", "decide('contradicts')", "Contradicts"),
    key("claim_relations.unrelate", "d", "decide(None)", "Unrelate"),
    key("claim_relations.close", "escape", "dismiss(None)", "Close"),
]

IDENTITIES = [
    key("identities.same", "y", "decide('same')", "Same: merge"),
    key("identities.different", "n", "decide(None)", "Not the same"),
    key("identities.close", "escape", "dismiss(None)", "Close"),
]

ROWS = [
    key("rows.up", "up,k", "move(-1)", "Up", show=False),
    key("rows.down", "down,j", "move(1)", "Down", show=False),
    key("rows.page_up", "pageup", "page(-1)", "Page up", show=False),
    key("rows.page_down", "pagedown", "page(1)", "Page down", show=False),
    key("rows.top", "home,g", "edge(0)", "Top", show=False),
    key("rows.bottom", "end,G", "edge(1)", "Bottom", show=False),
    key("rows.open", "enter", "choose", "Open", "Open the evidence of this row"),
]

FLOWS = [
    key("flows.back", "escape", "back", "Back", "Leave the filter, or go back to the articles"),
    key("flows.filter", "slash", "filter", "Filter", display="/"),
    key("flows.moves", "m", "view('moves')", "Moves"),
    key("flows.pairs", "p", "view('pairs')", "Pairs"),
    key("flows.timeline", "t", "view('timeline')", "Timeline"),
    key("flows.chart", "c", "view('chart')", "Chart"),
    key("flows.sort", "s", "sort(1)", "Sort", "Sort the moves by the next column"),
    key("flows.reverse", "S", "reverse", "Reverse", "Reverse the order of the moves", show=False),
]

AGREEMENT = [
    key("agreement.back", "escape", "dismiss(None)", "Back"),
    key("agreement.figures", "f", "focus_figures", "Figures", "Scroll the figures"),
    key("agreement.documents", "d", "focus_documents", "Documents", "The documents, lowest first"),
]

TEAM = [
    key("team.back", "escape", "dismiss(None)", "Back"),
    key("team.assign", "a", "assign", "Assign",
        "Assign documents: by title, review state or folder, round-robin, k annotators each"),
]  # fmt: skip

ADJUDICATION = [
    key("adjudication.next", "n", "next(1)", "Next", "The next disagreement still open"),
    key("adjudication.previous", "N", "next(-1)", "Previous", "The previous open one", show=False),
    key("adjudication.left", "a", "take('first')", "Left",
        "Gold takes the left annotator's spans here"),
    key("adjudication.right", "b", "take('second')", "Right", "Gold takes the right annotator's"),
    key("adjudication.both", "t", "take('both')", "Both", "Gold takes both annotators' spans here"),
    key("adjudication.none", "x", "take('none')", "None", "Gold: no entity here"),
    *(
        key(f"adjudication.label.{label.lower()}", str(i + 1), f"label({i})",
            "Label" if i == 0 else f"Label {label}",
            f"Gold labels the whole disagreement: {LABEL_KEYS}", show=i == 0,
            display="1-9" if i == 0 else None)
        for i, label in enumerate(LABELS)
    ),
    key("adjudication.agreed", "A", "agreed", "Agreed",
        "Gold takes every span, claim and link both annotators made alike, in one step"),
    key("adjudication.undo", "u", "undo", "Undo", "Undo the last decision", show=False),
    key("adjudication.other_pane", "tab", "other_pane", "Other pane", show=False, priority=True),
    key("adjudication.back", "escape", "dismiss(None)", "Back"),
]  # fmt: skip

# Where each group applies, as the help screen titles it; the reader's groups come first.
GROUPS: dict[str, list[Binding]] = {
    "reading pane": READING,
    "documents, panes and history": READER,
    "claims panel": CLAIMS_PANEL,
    "links panel": LINKS_PANEL,
    "app": APP,
    "forms": FORM,
    "entity picker": PICKER,
    "entity field": ENTITY_FIELD,
    "search": SEARCH,
    "choices": CHOICE,
    "orphans": ORPHANS,
    "claims elsewhere (C)": CLAIM_RELATIONS,
    "same entity (M)": IDENTITIES,
    "tables": ROWS,
    "flows (F)": FLOWS,
    "agreement (K)": AGREEMENT,
    "team (T)": TEAM,
    "adjudication (J)": ADJUDICATION,
    "help": HELP,
}

# Groups whose keys are live at once (a focused widget, its screen, the app): a key a user
# gives one of them must not already belong to another binding of the same chain.
CHAINS: list[list[Binding]] = [
    [*READING, *READER, *APP],
    [*CLAIMS_PANEL, *READER, *APP],
    [*LINKS_PANEL, *READER, *APP],
    [*FORM, *ENTITY_FIELD, *APP],
    [*PICKER, *APP],
    [*SEARCH, *APP],
    [*CHOICE, *APP],
    [*ORPHANS, *APP],
    [*CLAIM_RELATIONS, *APP],
    [*IDENTITIES, *APP],
    [*ROWS, *FLOWS, *APP],
    [*ROWS, *AGREEMENT, *APP],
    [*ROWS, *TEAM, *APP],
    [*PANE_MOTIONS, *ADJUDICATION, *APP],
    [*HELP, *APP],
]
