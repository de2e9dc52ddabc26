"""Interval arithmetic for counts with suppressed cells.

A published ``<5`` is the interval ``[1, 4]``; an exact count ``n`` is ``[n, n]``. Sums add the
bounds; ratios take the widest bounds consistent with both intervals. Nothing here guesses a
point value inside an interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
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


def sum_frame(
    frame: pd.DataFrame,
    by: str | Sequence[str],
    low: str,
    high: str,
    *,
    sort: bool = True,
    first: Sequence[str] = (),
) -> pd.DataFrame:
    """Per value of ``by``: the interval columns ``low``/``high`` summed bound by bound.

    Also returns ``censored`` (whether any row of the group was) when the frame has that
    column, ``years`` (how many distinct years the group spans) when it has ``year``, and the
    first value of each ``first`` column. Groups are in sorted order (``sort``) or in order of
    appearance; rows with a missing key are left out.

    The same as ``frame.groupby(by, sort=sort).agg(...)`` with named aggregations, computed
    with numpy (a named aggregation costs milliseconds per call; the Country view makes
    several).

    Examples
    --------
    >>> rows = pd.DataFrame({"origin": ["NGA", "ERI", "NGA"], "year": [2019, 2019, 2020],
    ...     "count_low": [5, 1, 2], "count_high": [5, 4, 2], "censored": [False, True, False]})
    >>> sum_frame(rows, "origin", "count_low", "count_high").values.tolist()
    [['ERI', 1, 4, True, 1], ['NGA', 7, 7, False, 2]]
    """
    key = [by] if isinstance(by, str) else list(by)
    if len(key) == 1:
        codes, values = pd.factorize(frame[key[0]], sort=sort)
        keys = {key[0]: values}
    else:  # several columns: one group per combination
        codes, values = pd.MultiIndex.from_frame(frame[key]).factorize(sort=sort)
        keys = {name: values.get_level_values(i) for i, name in enumerate(key)}
    if (codes < 0).any():
        frame, codes = frame.loc[codes >= 0], codes[codes >= 0]
    size = len(values)

    def summed(column: str) -> np.ndarray:
        data = frame[column].to_numpy()
        total = np.zeros(size, dtype=data.dtype)
        np.add.at(total, codes, data)
        return total

    totals: dict[str, object] = {**keys, low: summed(low), high: summed(high)}
    if "censored" in frame.columns:
        censored = np.zeros(size, dtype=bool)
        np.logical_or.at(censored, codes, frame["censored"].to_numpy(dtype=bool))
        totals["censored"] = censored
    if "year" in frame.columns:
        years = frame["year"].to_numpy(dtype="int64")
        span = int(years.max()) + 1 if len(years) else 1
        group_years = pd.unique(codes.astype("int64") * span + years)
        totals["years"] = np.bincount(group_years // span, minlength=size).astype("int64")
    if first:
        _, at = np.unique(codes, return_index=True)
        totals.update({column: frame[column].to_numpy()[at] for column in first})
    return pd.DataFrame(totals)
