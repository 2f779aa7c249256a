"""Real-terminal benchmark: first paint and per-key latency in tmux, measured by the workspace's
tmux_latency.py (shared/tools/ beside this repository), for talent-tui, SLATE (`pip install
slate-nlp`, a curses annotator), a bare Textual app and a Textual TextArea, on the seeds and on
1 MB of Chinese: moving and paging, and annotating (talent-tui's accept and reject keys against
SLATE's label key). SLATE wants whitespace-separated tokens, so it gets the jieba-segmented text.

Run: python benchmarks/bench_terminal.py [--tool PATH/TO/tmux_latency.py]"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from timing import compiled_as_installed

from store.workspace import open_store

# Keys that change the screen in every program measured: line moves, then pages.
KEYS = ["Down"] * 8 + ["PageDown"] * 3 + ["PageUp"] * 3
# Annotating: talent-tui goes to the first suggestion, then rejects and accepts in turn (each is
# saved, repainted and moves on to the next suggestion); SLATE toggles a label on a token. SLATE's
# own label key is two keys (space, then a), so a config file makes it the single key `a`.
TALENT_DECISIONS = ["n"] + ["x", "a"] * 6
SLATE_LABELS = ["a"] * 13
# At exactly 48 rows SLATE does not redraw a toggled label (a curses quirk); 47 rows it does.
SLATE_LABEL_SIZE = "160x47"
SLATE_CONFIG = "Input: edit-annotation category a\nInput: quit all Q\nLabel: a a green\n"
DEFAULT_TOOL = Path(__file__).resolve().parents[2] / "shared" / "tools" / "tmux_latency.py"
BARE = "from textual.app import App\nfrom textual.widgets import Static\nclass Bare(App):\n    def compose(self):\n        yield Static('bare textual ready')\nBare().run()\n"
TEXTAREA = (
    "import sys\nfrom textual.app import App\nfrom textual.widgets import TextArea\n"
    "class Area(App):\n    def compose(self):\n        yield TextArea(open(sys.argv[1], encoding='utf-8').read(), read_only=True)\n"
    "Area().run()\n"
)


def measure(
    tool: Path, expect: str, command: list[str], keys: list[str] = KEYS, size: str = "160x48"
) -> str:
    """tmux_latency's line for one program: first paint and key latency."""
    result = subprocess.run(
        [
            sys.executable,
            str(tool),
            "--expect",
            expect,
            "--size",
            size,
            "--keys",
            *keys,
            "--",
            *command,
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    return (result.stdout.strip() or result.stderr.strip()).splitlines()[-1]


def late_key_max(
    expect: str, command: list[str], keys: list[str], size: str = "160x48", settle: float = 2.0
) -> float:
    """The slowest key, in milliseconds, of keys sent from `settle` seconds after the first
    paint on: the issue's "key max after the first two seconds". tmux_latency.py reports one
    maximum over keys it starts a second after the paint, while the app still warms up beside
    them, so this times each key the same way (send it, poll the pane until it changes), later."""
    width, height = size.split("x")
    # A tmux server of its own each time: a new one on a socket just killed can fail to start.
    tmux = ["tmux", "-L", f"late{os.getpid()}-{time.monotonic_ns()}"]

    def pane() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-e", "-t", "late"], capture_output=True, text=True
        ).stdout

    subprocess.run(
        [*tmux, "new-session", "-d", "-s", "late", "-x", width, "-y", height, " ".join(command)],
        check=True,
    )
    try:
        started = time.perf_counter()
        while expect not in pane():
            if time.perf_counter() - started > 60:
                return float("nan")
            time.sleep(0.005)
        time.sleep(settle)
        slowest = 0.0
        for key in keys:
            before = pane()
            sent = time.perf_counter()
            subprocess.run([*tmux, "send-keys", "-t", "late", key], check=True)
            while pane() == before and time.perf_counter() - sent < 10:
                time.sleep(0.002)
            slowest = max(slowest, time.perf_counter() - sent)
            time.sleep(0.2)
        return slowest * 1000
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def segmented(text: str) -> str:
    """Words separated by spaces, line by line, as SLATE's tokens."""
    from talent.segment import tokenizer

    return "\n".join(
        " ".join(w for w in tokenizer().cut(line) if w.strip()) for line in text.split("\n")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tool", type=Path, default=DEFAULT_TOOL)
    parser.add_argument(
        "--smoke", action="store_true", help="the seeds and talent-tui only: checks it runs"
    )
    args = parser.parse_args()
    compiled_as_installed()
    if not args.tool.exists():
        sys.exit(f"no {args.tool}: pass --tool")
    slate = shutil.which("slate")
    talent = shutil.which("talent-tui") or str(Path(sys.executable).with_name("talent-tui"))
    seed_zh = (
        resources.files("seeds").joinpath("001_d0394ddac6e6eddc.txt").read_text(encoding="utf-8")
    )
    rows = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "bare.py").write_text(BARE)
        (folder / "area.py").write_text(TEXTAREA)
        (folder / "slate.conf").write_text(SLATE_CONFIG)
        big_zh = (seed_zh * 200)[: 1_000_000 // 3]
        sizes = (("seed", seed_zh),) if args.smoke else (("seed", seed_zh), ("1 MB", big_zh))
        for label, text in sizes:
            plain = folder / f"{label.replace(' ', '')}.txt"
            plain.write_text(text, encoding="utf-8")
            tokens = folder / f"{label.replace(' ', '')}.tok.txt"
            tokens.write_text(segmented(text), encoding="utf-8")
            db = folder / f"{label.replace(' ', '')}.db"
            if label == "seed":
                # A new database holds the seeds, suggested (as a fresh install opens them).
                open_store(db).close()
                expect = "美国一周内吸引4位中国顶尖AI人才"
            else:
                subprocess.run(
                    [talent, "import", str(plain), "--db", str(db)], check=True, capture_output=True
                )
                expect = "reviewed"
            talent_command = [talent, "--db", str(db)]
            for name, keys in (("", KEYS), (" a/x", TALENT_DECISIONS)):
                line = measure(args.tool, expect, talent_command, keys)
                late = late_key_max(expect, talent_command, keys)
                rows.append(
                    (f"talent-tui{name} ({label})", f"{line}  key_max_after_2s_ms {late:.1f}")
                )
            if slate and not args.smoke:
                first_token = re.split(r"\s+", tokens.read_text(encoding="utf-8").strip())[0]
                log = str(folder / f"slate-{label.replace(' ', '')}")
                slate_command = ["cd", str(folder), "&&", slate, "-l", log]
                rows.append(
                    (
                        f"SLATE ({label})",
                        measure(args.tool, first_token, [*slate_command, "-r", str(tokens)]),
                    )
                )
                rows.append(
                    (
                        f"SLATE label key ({label})",
                        measure(
                            args.tool,
                            first_token,
                            [*slate_command, "-c", str(folder / "slate.conf"), str(tokens)],
                            SLATE_LABELS,
                            SLATE_LABEL_SIZE,
                        ),
                    )
                )
            if args.smoke:
                continue
            rows.append(
                (
                    f"Textual TextArea ({label})",
                    measure(
                        args.tool, text[:6], [sys.executable, str(folder / "area.py"), str(plain)]
                    ),
                )
            )
        # The bare app has no keys: only its first paint means anything.
        rows.append(
            (
                "bare Textual app",
                measure(
                    # One key, which changes nothing (the tool wants one): its wait is no figure.
                    args.tool,
                    "bare textual ready",
                    [sys.executable, str(folder / "bare.py")],
                    ["x"],
                ),
            )
        )
    if not slate:
        print("SLATE is not installed (pip install slate-nlp): its rows are missing")
    for label, line in rows:
        print(f"{label:28} {line}")


if __name__ == "__main__":
    main()
