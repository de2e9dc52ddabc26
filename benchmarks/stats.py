"""Timing helpers, budgets and the result row every benchmark returns."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

#: Budgets of the performance issue (milliseconds, kilobytes, counts).
LOAD_MS = 1000
CALLBACK_P95_MS = {1: 150, 10: 500}
RESPONSE_KB = 300
TRACES = 30
FIRST_VISIT_KB = 2500
REPEAT_VISIT_KB = 150
FIRST_MAP_MS = 2500
#: Goals of issue 16 ("fast for a room"): the first map on a first visit of the Procfile server,
#: against the single-file export opened from file:// in the same run, and its bytes.
FIRST_MAP_GOAL_MS = 1500
FIRST_MAP_RATIO = 1.1
FIRST_VISIT_GOAL_KB = 1800
#: The load test's goal: p95 of every request with 50 users on 2 workers, no error.
LOAD_P95_MS = 500


@dataclass
class Row:
    """One line of the results table; ``ok`` is ``None`` when no budget applies."""

    area: str
    what: str
    runs: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    json_kb: float | None = None
    traces: int | None = None
    ratio: str = ""
    budget: str = ""
    ok: bool | None = None
    note: str = ""


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Milliseconds of ``runs`` calls of ``fn`` after ``warmup`` uncounted calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (the maximum for fewer than 20 values)."""
    ordered = sorted(values)
    return float(ordered[max(math.ceil(0.95 * len(ordered)) - 1, 0)])


def within(value: float | None, limit: float) -> bool | None:
    return None if value is None else value < limit
