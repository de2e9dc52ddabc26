"""How fast the machine was: one fixed workload, timed at the start and at the end of a run.

The app's timings on a shared machine swing with what else runs on it. This workload never
changes (pandas group sums and JSON encoding of a seeded synthetic frame, like a callback's
work, but no code of the app), so comparing its rows between two runs tells machine from code.
"""

from __future__ import annotations

import gc
import json

import numpy as np
import pandas as pd

from benchmarks import stats
from benchmarks.stats import Row

ROWS = 100_000


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    codes = np.array([f"C{i:03d}" for i in range(30)])
    return pd.DataFrame(
        {
            "origin": codes[rng.integers(0, 30, ROWS)],
            "destination": codes[rng.integers(0, 30, ROWS)],
            "year": rng.integers(2003, 2022, ROWS),
            "count": rng.integers(0, 1000, ROWS),
        }
    )


def _workload(frame: pd.DataFrame) -> str:
    totals = frame.groupby(["origin", "destination", "year"], sort=True)["count"].sum()
    return json.dumps(totals.reset_index().to_dict("list"))


def machine_row(when: str, runs: int) -> Row:
    """The fixed workload's time (no budget: a yardstick for the other rows)."""
    frame = _frame()
    gc.collect()  # both rows start from a collected heap, whatever ran before
    times = stats.timed(lambda: _workload(frame), runs)
    return Row(
        "machine",
        f"fixed workload (group sums and JSON of {ROWS:,} seeded rows), {when}",
        runs=runs,
        median_ms=stats.median(times),
        p95_ms=stats.p95(times),
    )
