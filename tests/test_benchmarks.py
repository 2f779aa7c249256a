"""Every benchmark still runs: each at a tiny size (--smoke), checked to finish and print its
table. Never a timing: the figures of a smoke run mean nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
TMUX_TOOL = BENCHMARKS.parents[1] / "shared" / "tools" / "tmux_latency.py"

# Each benchmark, and a line of the table it prints.
TABLES = {
    "bench_store.py": "commit one span",
    "bench_export.py": "x floor",
    "bench_team.py": "merge of two",
    "bench_flows.py": "filter key ms",
    "bench_reader.py": "first paint with the seeds",
    "bench_recognize.py": "20 KB article: rule suggestions",
    "bench_terminal.py": "bare Textual app",
    "bench_learning.py": "median seconds a document at N = 2",
    "bench_serve.py": "browser path, 1 session",
    "bench_bulk.py": "LAC's own run on the same sentences",
}


def test_every_benchmark_has_a_smoke_run():
    assert sorted(TABLES) == sorted(path.name for path in BENCHMARKS.glob("bench_*.py"))


@pytest.mark.parametrize("name", sorted(TABLES))
def test_each_benchmark_runs_at_a_tiny_size_and_prints_its_table(name, tmp_path):
    if name == "bench_terminal.py" and (shutil.which("tmux") is None or not TMUX_TOOL.exists()):
        pytest.skip("needs tmux and shared/tools/tmux_latency.py beside the checkout")
    env = {**os.environ, "HOME": str(tmp_path), "TALENT_TUI_DB": str(tmp_path / "talent.db")}
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / name), "--smoke"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert TABLES[name] in done.stdout, done.stdout[-2000:]


def test_the_corpus_evaluation_runs_on_the_gold_seeds(tmp_path):
    gold = BENCHMARKS.parent / "tests" / "gold" / "seeds.jsonl"
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "eval_corpora.py"), str(gold), "--limit", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "micro" in done.stdout
