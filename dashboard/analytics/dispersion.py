"""Whether countries grow more alike: dispersion across countries, year by year.

The coefficient of variation of an indicator over the countries that reported it each year,
bounded exactly over the intervals their values are known as; and the change between two years
over the countries that reported both. Pure functions (no Dash, no I/O), for the Compare view.
Every number is an interval ``(low, high)`` computed from the bounds of the counts it rests on
(a suppressed ``<5`` cell is ``(1, 4)``); a statistic over intervals is the smallest and largest
value it can take, never a midpoint. A country-year with no published cell has no row: absence
is not zero.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd


def _cv(points: np.ndarray) -> np.ndarray:
    """Coefficient of variation of each row (population standard deviation / mean)."""
    mean = points.mean(axis=-1)
    std = points.std(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(mean > 0, std / np.where(mean > 0, mean, 1), np.nan)


def cv_bounds(lows: Sequence[float], highs: Sequence[float]) -> tuple[float, float]:
    """Smallest and largest coefficient of variation of values known only as intervals.

    The coefficient of variation is the population standard deviation over the mean. It is
    quasi-convex where the mean is positive, so its largest value is reached at a corner of the
    box of intervals (all corners are tried: exact values do not multiply them) and its smallest
    along the path ``clip(c, lows, highs)``, which is searched segment by segment.

    Returns ``(nan, nan)`` when every value can only be 0 (no mean to divide by).

    Examples
    --------
    >>> cv_bounds([10, 30], [10, 30])
    (0.5, 0.5)
    >>> [round(v, 4) for v in cv_bounds([1, 10], [4, 10])]
    [0.4286, 0.8182]
    """
    low = np.asarray(lows, dtype="float64")
    high = np.asarray(highs, dtype="float64")
    if low.size == 0 or not np.all(low <= high):
        raise ValueError("need intervals with low <= high")
    if np.any(np.isinf(high)):
        return _cv_min(low, np.where(np.isinf(high), np.nanmax(low) * 1e6 + 1, high)), math.inf
    uncertain = np.flatnonzero(low < high)
    if uncertain.size > 16:
        raise ValueError("too many intervals to bound the dispersion exactly (at most 16)")
    corners = np.tile(low, (2**uncertain.size, 1))
    for bit, column in enumerate(uncertain):
        pick = ((np.arange(2**uncertain.size) >> bit) & 1).astype(bool)
        corners[pick, column] = high[column]
    values = _cv(corners)
    if np.all(np.isnan(values)):
        return math.nan, math.nan
    return _cv_min(low, high), float(np.nanmax(values))


def _cv_min(low: np.ndarray, high: np.ndarray) -> float:
    """Smallest coefficient of variation over the box ``[low, high]``, computed exactly.

    The minimum lies on the path ``x(c) = clip(c, low, high)`` (see :func:`cv_bounds`). Between
    two consecutive knots (the distinct bounds) the same values are clipped at a bound, summing
    to ``A`` with squares summing to ``B``, and ``m`` values equal ``c``; there
    ``cv(c)^2 = n (B + m c^2) / (A + m c)^2 - 1``, whose derivative has the sign of
    ``A c - B`` where the mean is positive. So the smallest value on a segment is at one of its
    knots or at ``c = B / A`` (``A > 0``) clipped into it: every candidate is evaluated at once.
    """
    knots = np.unique(np.concatenate([low, high]))
    if knots.size > 1:
        middle = (knots[:-1] + knots[1:]) / 2
        at_low = low[None, :] > middle[:, None]
        at_high = high[None, :] < middle[:, None]
        fixed = np.where(at_low, low[None, :], np.where(at_high, high[None, :], 0.0))
        a = fixed.sum(axis=1)
        b = (fixed * fixed).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            turning = np.where(a > 0, b / np.where(a > 0, a, 1.0), np.nan)
        turning = np.clip(turning[a > 0], knots[:-1][a > 0], knots[1:][a > 0])
        candidates = np.concatenate([knots, turning])
    else:
        candidates = knots
    values = _cv(np.clip(candidates[:, None], low[None, :], high[None, :]))
    if np.all(np.isnan(values)):
        return math.nan
    return max(float(np.nanmin(values)), 0.0)


def dispersion_by_year(
    values: pd.DataFrame,
    countries: Sequence[str],
    year_from: int,
    year_to: int,
    min_countries: int = 2,
) -> pd.DataFrame:
    """Dispersion across countries of an indicator, year by year, over reporting countries only.

    Parameters
    ----------
    values : pandas.DataFrame
        ``iso3, year, low, high`` (as from
        :func:`dashboard.analytics.indicators.indicator_values`).
    countries : sequence of str
        The countries compared.
    year_from, year_to : int
        Every year of the span gets a row, so that a year with too few reports is a gap.
    min_countries : int
        Fewest reporting countries for a dispersion (default 2); below it ``cv_low``/``cv_high``
        are NaN.

    Returns
    -------
    pandas.DataFrame
        ``year, reporting, countries, cv_low, cv_high``: ``reporting`` counts the countries with a
        value that year (``countries`` lists them, joined by ``;``).

    Examples
    --------
    >>> values = pd.DataFrame({"iso3": ["TUN", "MAR", "TUN"], "year": [2019, 2019, 2020],
    ...     "low": [10.0, 30.0, 5.0], "high": [10.0, 30.0, 5.0]})
    >>> dispersion_by_year(values, ["TUN", "MAR"], 2019, 2021).values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [[2019, 2, 'MAR;TUN', 0.5, 0.5], [2020, 1, 'TUN', nan, nan], [2021, 0, '', nan, nan]]
    """
    chosen = values.loc[values["iso3"].isin(countries)]
    chosen = chosen.sort_values(["year", "iso3"], kind="stable")
    by_year = dict(iter(chosen.groupby("year", sort=False)))
    rows = []
    for year in range(int(year_from), int(year_to) + 1):
        this = by_year.get(year, chosen.iloc[:0])
        low = high = math.nan
        if len(this) >= max(min_countries, 2):
            low, high = cv_bounds(this["low"].to_numpy(), this["high"].to_numpy())
        rows.append(
            {
                "year": year,
                "reporting": len(this),
                "countries": ";".join(this["iso3"]),
                "cv_low": low,
                "cv_high": high,
            }
        )
    return pd.DataFrame(rows, columns=["year", "reporting", "countries", "cv_low", "cv_high"])


@dataclass(frozen=True)
class Change:
    """Dispersion in two years over the same countries (those that reported both)."""

    first_year: int
    last_year: int
    countries: tuple[str, ...]
    first: tuple[float, float]
    last: tuple[float, float]

    @property
    def direction(self) -> str:
        """``"fell"``, ``"rose"`` or ``"unclear"`` (the two ranges overlap)."""
        if self.last[1] < self.first[0] - 0.005:
            return "fell"
        if self.last[0] > self.first[1] + 0.005:
            return "rose"
        return "unclear"


def balanced_change(
    values: pd.DataFrame, countries: Sequence[str], year_from: int, year_to: int
) -> Change | None:
    """Compare dispersion in two years over the countries that reported *both* years.

    The pair of years is the one with the most such countries (at least 2), then the widest gap,
    then the latest; ``None`` when no two years share two reporting countries.

    Examples
    --------
    >>> values = pd.DataFrame({"iso3": ["TUN", "MAR", "EGY", "TUN", "MAR"],
    ...     "year": [2012, 2012, 2012, 2020, 2020], "low": [10.0, 30.0, 90.0, 20.0, 30.0],
    ...     "high": [10.0, 30.0, 90.0, 20.0, 30.0]})
    >>> change = balanced_change(values, ["TUN", "MAR", "EGY"], 2010, 2020)
    >>> change.countries, change.first, change.last, change.direction
    (('MAR', 'TUN'), (0.5, 0.5), (0.2, 0.2), 'fell')
    """
    keep = values["iso3"].isin(countries) & values["year"].between(year_from, year_to)
    by_year = values.loc[keep].groupby("year")["iso3"].apply(frozenset).to_dict()
    best = None
    for y0, y1 in itertools.combinations(sorted(by_year), 2):
        common = by_year[y0] & by_year[y1]
        if len(common) < 2:
            continue
        score = (len(common), y1 - y0, y1)
        if best is None or score > best[0]:
            best = (score, y0, y1, tuple(sorted(common)))
    if best is None:
        return None
    _, y0, y1, common = best
    bounds = []
    for year in (y0, y1):
        rows = values.loc[(values["year"] == year) & values["iso3"].isin(common)].sort_values(
            "iso3"
        )
        bounds.append(tuple(round(v, 10) for v in cv_bounds(rows["low"], rows["high"])))
    return Change(int(y0), int(y1), common, bounds[0], bounds[1])
