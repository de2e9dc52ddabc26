"""Property tests: the exact minimum coefficient of variation against reference computations.

``cv_bounds`` finds the smallest coefficient of variation over a box of intervals from a
closed form on each segment of the path ``clip(c, low, high)``. Here it is checked on small
random boxes against (1) the golden-section search it replaced, which only converges to the
minimum from above, and (2) brute force: no point of a fine grid over the box goes below it,
and it is reached (within rounding) at a point of the box.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analytics.dispersion import _cv, cv_bounds

_GOLDEN = (math.sqrt(5) - 1) / 2


def golden_cv_min(low: np.ndarray, high: np.ndarray) -> float:
    """The previous implementation: golden-section search on every segment between knots."""

    def f(c: float) -> float:
        value = _cv(np.clip(c, low, high))
        return math.inf if np.isnan(value) else float(value)

    knots = np.unique(np.concatenate([low, high]))
    best = min(f(c) for c in knots)
    for a, b in itertools.pairwise(knots):
        lo, hi = float(a), float(b)
        x1, x2 = hi - _GOLDEN * (hi - lo), lo + _GOLDEN * (hi - lo)
        f1, f2 = f(x1), f(x2)
        for _ in range(80):
            if f1 <= f2:
                hi, x2, f2 = x2, x1, f1
                x1 = hi - _GOLDEN * (hi - lo)
                f1 = f(x1)
            else:
                lo, x1, f1 = x1, x2, f2
                x2 = lo + _GOLDEN * (hi - lo)
                f2 = f(x2)
        best = min(best, f1, f2)
    return math.nan if math.isinf(best) else max(best, 0.0)


def grid_cv_min(low: np.ndarray, high: np.ndarray, steps: int = 13) -> float:
    """Brute force: the smallest coefficient of variation over a grid of the box."""
    axes = [
        np.linspace(lo, hi, steps) if hi > lo else np.array([lo])
        for lo, hi in zip(low, high, strict=True)
    ]
    points = np.array(list(itertools.product(*axes)))
    values = _cv(points)
    return math.nan if np.all(np.isnan(values)) else float(np.nanmin(values))


@st.composite
def boxes(draw) -> tuple[list[float], list[float]]:
    """2–4 intervals of small counts, some exact, some ``<5``-like ranges, some wide."""
    n = draw(st.integers(2, 4))
    lows, highs = [], []
    for _ in range(n):
        low = draw(st.integers(0, 60))
        width = draw(st.sampled_from([0, 0, 3, draw(st.integers(0, 80))]))
        lows.append(float(low))
        highs.append(float(low + width))
    return lows, highs


@settings(max_examples=300, deadline=None)
@given(boxes())
def test_smallest_cv_matches_the_golden_section_search(box):
    low, high = (np.asarray(v) for v in box)
    exact, _ = cv_bounds(low, high)
    old = golden_cv_min(low, high)
    if math.isnan(old):
        assert math.isnan(exact)
        return
    # The search converges from above: the exact value is never larger, and agrees closely.
    assert exact <= old + 1e-12
    assert math.isclose(exact, old, rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=150, deadline=None)
@given(boxes())
def test_smallest_cv_is_a_lower_bound_reached_in_the_box(box):
    low, high = (np.asarray(v) for v in box)
    exact, largest = cv_bounds(low, high)
    brute = grid_cv_min(low, high)
    if math.isnan(brute):
        assert math.isnan(exact)
        return
    assert exact <= brute + 1e-12  # no grid point is below the minimum
    assert exact <= largest + 1e-12
    # Reached: some point of the path clip(c, low, high) has this value.
    path = np.clip(np.linspace(low.min(), high.max(), 20001)[:, None], low, high)
    assert float(np.nanmin(_cv(path))) <= exact + 1e-3
