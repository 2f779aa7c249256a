"""Timing shared by the benchmarks: the median of several runs, in seconds."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

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
