"""Interval arithmetic for counts with suppressed cells.

A published ``<5`` is the interval ``[1, 4]``; an exact count ``n`` is ``[n, n]``. Sums add the
bounds; ratios take the widest bounds consistent with both intervals. Nothing here guesses a
point value inside an interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

#: The interval a suppressed ``<5`` cell stands for.
SUPPRESSED = (1, 4)


def parse_count(text: str) -> tuple[int, int, bool]:
    """Parse a published count into ``(low, high, censored)``.

    Parameters
    ----------
    text : str
        As published: ``"12"``, ``"1,282"`` (thousands separator) or ``"<5"``.

    Returns
    -------
    tuple of (int, int, bool)

    Raises
    ------
    ValueError
        When the text is neither a whole number nor ``<5``.

    Examples
    --------
    >>> parse_count("<5")
    (1, 4, True)
    >>> parse_count("1,282")
    (1282, 1282, False)
    """
    cleaned = str(text).strip().replace(",", "")
    if cleaned == "<5":
        return (*SUPPRESSED, True)
    if not cleaned.isdigit():
        raise ValueError(f"not a count: {text!r}")
    value = int(cleaned)
    return value, value, False


def sum_intervals(intervals: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """Sum intervals bound by bound.

    Examples
    --------
    >>> sum_intervals([(1, 4), (10, 10), (1, 4)])
    (12, 18)
    >>> sum_intervals([])
    (0, 0)
    """
    low = high = 0
    for lo, hi in intervals:
        low += lo
        high += hi
    return low, high


def ratio_interval(
    numerator: tuple[float, float], denominator: tuple[float, float], *, cap: float | None = None
) -> tuple[float, float]:
    """Bounds of ``numerator / denominator`` for non-negative intervals.

    Returns ``(nan, nan)`` when the denominator may be zero at its upper bound (nothing to divide).
    ``cap`` bounds the result from above (1.0 for a share of a whole).

    Examples
    --------
    >>> ratio_interval((1, 4), (10, 13))
    (0.07692307692307693, 0.4)
    >>> ratio_interval((3, 6), (4, 8), cap=1.0)
    (0.375, 1.0)
    """
    (n_lo, n_hi), (d_lo, d_hi) = numerator, denominator
    if d_hi <= 0:
        return math.nan, math.nan
    low = n_lo / d_hi
    high = n_hi / d_lo if d_lo > 0 else math.inf
    if cap is not None:
        low, high = min(low, cap), min(high, cap)
    return low, high


def format_interval(low: float, high: float, *, digits: int = 0) -> str:
    """Format an interval for people: ``"12"`` when exact, ``"12–27"`` when a range.

    Examples
    --------
    >>> format_interval(12, 27)
    '12–27'
    >>> format_interval(1500, 1500)
    '1,500'
    >>> format_interval(0.123, 0.2, digits=2)
    '0.12–0.20'
    """
    if pd.isna(low) or pd.isna(high):
        return "–"
    fmt = f"{{:,.{digits}f}}"
    lo, hi = fmt.format(low), fmt.format(high)
    return lo if lo == hi else f"{lo}–{hi}"


def sum_frame(frame: pd.DataFrame, by: list[str], low: str, high: str) -> pd.DataFrame:
    """Group ``frame`` by ``by`` and sum the interval columns ``low``/``high``.

    Also returns ``censored`` (any censored row in the group) when the frame has that column.
    """
    aggregations: dict[str, tuple[str, str]] = {low: (low, "sum"), high: (high, "sum")}
    if "censored" in frame.columns:
        aggregations["censored"] = ("censored", "any")
    return frame.groupby(by, as_index=False, sort=True, dropna=False).agg(**aggregations)
