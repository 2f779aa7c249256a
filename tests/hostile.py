"""A hostile corpus: markup, terminal control sequences, bidi overrides and extreme text, as
articles copied from the web may hold. Markers let a test find anything that leaked raw."""

from __future__ import annotations

import json
from pathlib import Path

OSC_TITLE = "\x1b]0;PWNED-TITLE\x07"
OSC_CLIPBOARD = "\x1b]52;c;UFdORUQ=\x07"
OSC_LINK = "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
CSI_COLOUR = "\x1b[38;5;199mHOSTILE-CSI"
RESET = "\x1bc"
C1_CSI = "\x9b31m"

# What must never appear in a terminal's raw output: each starts a sequence the data carried.
LEAKS = [
    b"\x1b]0;PWNED",
    b"\x1b]2;PWNED",
    b"\x1b]52;",
    b"\x1b]8;;http://evil",
    b"\x1b[38;5;199mHOSTILE",
    b"\x1bc",
    "\x9b".encode(),
    "\u202e".encode(),
]

TXT_BODY = (
    "Forum repost: Meta poaches OpenAI staff [/quote]\n"
    f"Title sequence {OSC_TITLE} and clipboard {OSC_CLIPBOARD} and a link {OSC_LINK}.\n"
    f"Colour {CSI_COLOUR} then clear \x1b[2J\x1b[H then reset {RESET} then bell \x07.\n"
    f"C1 controls {C1_CSI} \x85 next; bidi: user\u202efdp.exe and \u2066isolate\u2069.\n"
    "Balanced [b]bold[/b] and [link=http://x]link[/link] markup, OpenAI [/b] unbalanced.\n"
    f"Combining flood e{chr(0x301) * 3000} and emoji 👩‍💻👨‍👩‍👧 and astral CJK \U00020000\U0002a6d6.\n"
    + "长" * 200_000
    + "\n"
)

JSONL_RECORDS = [
    {"title": f"[Exclusive] OpenAI researcher joins Meta {OSC_TITLE}", "text": TXT_BODY[:2000]},
    {
        "title": f"Clipboard {OSC_CLIPBOARD} [/b]",
        "source": f"feed{RESET}.src",
        "text": "Plain text.",
    },
]


def write_hostile_corpus(folder: Path) -> list[Path]:
    """A .txt and a .jsonl holding the corpus; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    txt = folder / "forum.txt"
    txt.write_text(TXT_BODY, encoding="utf-8")
    jsonl = folder / "feed.jsonl"
    jsonl.write_text(
        "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in JSONL_RECORDS), encoding="utf-8"
    )
    return [txt, jsonl]


def leaked(raw: bytes) -> list[bytes]:
    """The hostile sequences found in raw terminal output."""
    return [marker for marker in LEAKS if marker in raw]
