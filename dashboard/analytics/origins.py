"""Origins and destinations of detected victims (flows by citizenship), and shared origins.

Pure functions of the tidy ``flows`` table (no Dash, no I/O), for the Compare and Country views.
Only the ``trafficking-victims`` measure is used: migration context (Frontex border crossings)
never enters these totals. Every number is an interval ``(low, high)`` from the bounds of the
counts it rests on (a suppressed ``<5`` cell is ``(1, 4)``), never a midpoint. Rankings order by
the lower bound, then the upper bound, then the code, so that the order is stable and reads as
"at least".
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard.analytics.intervals import sum_frame
from dashboard.analytics.selection import VICTIMS, in_years

#: The flows' bounds as the totals here name them.
BOUNDS = {"count_low": "low", "count_high": "high"}


def _ranked(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sort by lower bound, upper bound (both descending), then code; number within ``by``."""
    ranked = frame.sort_values(
        [*by, "low", "high", "partner"],
        ascending=[True] * len(by) + [False, False, True],
        kind="mergesort",
    )
    if not by:
        return ranked.assign(rank=np.arange(1, len(ranked) + 1))
    return ranked.assign(rank=ranked.groupby(by, sort=False).cumcount() + 1)


def partner_totals(
    flows: pd.DataFrame,
    iso3: str,
    direction: str,
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """Detected victims between a country and its partners, summed over years, ranked.

    ``direction="origins"``: victims detected in ``iso3``, by citizenship (including its own
    nationals, unknown citizenship and regional groups, labelled by ``origin_class``).
    ``direction="destinations"``: nationals of ``iso3`` detected in other countries, as those
    countries reported them. Only the ``trafficking-victims`` measure is used.

    Returns
    -------
    pandas.DataFrame
        ``partner, low, high, censored, years, origin_class, rank``; ranked by lower bound.

    Examples
    --------
    >>> flows = pd.DataFrame({"origin": ["NGA", "NGA", "TUN", "EGY"],
    ...     "destination": ["TUN", "TUN", "TUN", "TUN"], "year": [2019, 2020, 2020, 2020],
    ...     "measure": ["trafficking-victims"] * 4, "count_low": [5, 1, 7, 6],
    ...     "count_high": [5, 4, 7, 6], "censored": [False, True, False, False],
    ...     "origin_class": ["country", "country", "domestic", "country"]})
    >>> partner_totals(flows, "TUN", "origins")[["partner", "low", "high", "rank"]].values.tolist()
    [['TUN', 7, 7, 1], ['NGA', 6, 9, 2], ['EGY', 6, 6, 3]]
    """
    if direction not in ("origins", "destinations"):
        raise ValueError("direction must be 'origins' or 'destinations'")
    keep = (flows["measure"] == VICTIMS) & in_years(flows, year_from, year_to)
    if direction == "origins":
        keep &= flows["destination"] == iso3
        partner = "origin"
    else:
        keep &= (flows["origin"] == iso3) & (flows["destination"] != iso3)
        partner = "destination"
    rows = flows.loc[keep]
    columns = ["partner", "low", "high", "censored", "years", "origin_class", "rank"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    totals = sum_frame(
        rows, partner, "count_low", "count_high", sort=True, first=["origin_class"]
    ).rename(columns={partner: "partner", **BOUNDS})
    if direction == "destinations":
        totals["origin_class"] = "country"
    return _ranked(totals, [])[columns].reset_index(drop=True)


def main_origins(
    flows: pd.DataFrame,
    countries: Sequence[str],
    year_from: int | None = None,
    year_to: int | None = None,
    k: int = 5,
) -> pd.DataFrame:
    """The ``k`` main foreign origin countries of victims detected in each country.

    Only origins that are countries (``origin_class == "country"``): a country's own nationals,
    unknown citizenship and regional groups are left out, as they cannot be shared. Ranked by the
    lower bound of victims summed over the years (then upper bound, then code).

    Returns
    -------
    pandas.DataFrame
        ``destination, origin, low, high, censored, rank`` with ``rank`` from 1 to at most ``k``.
    """
    keep = (
        (flows["measure"] == VICTIMS)
        & flows["destination"].isin(countries)
        & (flows["origin_class"] == "country")
        & (flows["origin"] != flows["destination"])
        & in_years(flows, year_from, year_to)
    )
    rows = flows.loc[keep]
    columns = ["destination", "origin", "low", "high", "censored", "rank"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    totals = sum_frame(rows, ["destination", "origin"], "count_low", "count_high", sort=True)
    totals = totals.rename(columns=BOUNDS)
    totals = totals[["destination", "origin", "low", "high", "censored"]]
    ranked = _ranked(totals.rename(columns={"origin": "partner"}), ["destination"])
    ranked = ranked.loc[ranked["rank"] <= k].rename(columns={"partner": "origin"})
    return ranked[columns].reset_index(drop=True)


def origin_overlap(main: pd.DataFrame, countries: Sequence[str]) -> pd.DataFrame:
    """Shared main origin countries of every pair of countries (Jaccard index).

    Parameters
    ----------
    main : pandas.DataFrame
        From :func:`main_origins`.
    countries : sequence of str
        The countries to pair, in display order.

    Returns
    -------
    pandas.DataFrame
        ``iso3_a, iso3_b, shared, k_a, k_b, jaccard, shared_origins`` (codes joined by ``;``).
        ``jaccard`` is NaN when either country has no origin data (absence is not "nothing
        shared").

    Examples
    --------
    >>> main = pd.DataFrame({"destination": ["JOR"] * 3 + ["LBN"] * 3,
    ...     "origin": ["EGY", "SYR", "BGD", "SYR", "BGD", "ETH"]})
    >>> origin_overlap(main, ["JOR", "LBN", "TUN"]).values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['JOR', 'LBN', 2, 3, 3, 0.5, 'BGD;SYR'], ['JOR', 'TUN', 0, 3, 0, nan, ''],
     ['LBN', 'TUN', 0, 3, 0, nan, '']]
    """
    sets = {
        code: set(main.loc[main["destination"] == code, "origin"])
        for code in dict.fromkeys(countries)
    }
    rows = []
    for a, b in itertools.combinations(list(sets), 2):
        shared = sets[a] & sets[b]
        union = sets[a] | sets[b]
        jaccard = len(shared) / len(union) if sets[a] and sets[b] else math.nan
        rows.append(
            {
                "iso3_a": a,
                "iso3_b": b,
                "shared": len(shared),
                "k_a": len(sets[a]),
                "k_b": len(sets[b]),
                "jaccard": jaccard,
                "shared_origins": ";".join(sorted(shared)),
            }
        )
    columns = ["iso3_a", "iso3_b", "shared", "k_a", "k_b", "jaccard", "shared_origins"]
    return pd.DataFrame(rows, columns=columns)
