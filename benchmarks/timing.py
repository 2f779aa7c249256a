"""Timing shared by the benchmarks: the median of several runs, in seconds."""

from __future__ import annotations

import compileall
import statistics
import sys
import time
from collections.abc import Callable
from importlib import util

# The test suite runs every benchmark with --smoke: tiny sizes, one round, so none can rot
# unnoticed; its figures mean nothing.
SMOKE = "--smoke" in sys.argv[1:]


def size(full: int, smoke: int) -> int:
    """A benchmark's size: `full` when measuring, `smoke` in the test suite's smoke run."""
    return smoke if SMOKE else full


def median_seconds(fn: Callable[[], object], runs: int = 3) -> float:
    """Run fn `runs` times; the median wall time in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def compiled_as_installed() -> None:
    """Write the bytecode of talent-tui's packages, as `pip install` does: an editable install
    run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module at every start
    (55 ms of a first paint) that no user's installation compiles."""
    for package in ("talent", "store", "tui"):
        spec = util.find_spec(package)
        for folder in spec.submodule_search_locations or ():
            compileall.compile_dir(folder, quiet=1)
