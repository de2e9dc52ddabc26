"""Comparing countries: profiles, similarity, shared origins and convergence over time.

Pure functions of the tidy tables (no Dash, no I/O), for the Compare and Country views.

Decisions
---------
- **Bounds, never midpoints.** Every number here is an interval ``(low, high)`` computed from the
  bounds of the counts it rests on: a suppressed ``<5`` cell is ``(1, 4)`` and a statistic over
  intervals is reported as the smallest and largest value it can take. No midpoint is used
  anywhere in this module.
- **Absence is not zero.** A country-year with no published cell has no row; it is left out of
  every pooled ratio, dispersion and count of reporting countries, never filled in.
- **Rankings under intervals** (main origin countries, most and least similar pairs) order by the
  lower bound, then the upper bound, then the code, so that the order is stable and reads as
  "at least", like the map's colours.
- **Migration context** (Frontex border crossings) never enters a profile or an overlap: only the
  ``trafficking-victims`` measure of the flows table is used.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analytics.graph import build_flow_graph
from dashboard.analytics.intervals import format_interval
from dashboard.i18n import t

VICTIMS = "trafficking-victims"
_TOTAL = {"exploitation": "total", "sex": "total", "age": "total"}


@dataclass(frozen=True)
class Component:
    """One component of a country profile: a pooled ratio of two counts.

    ``denominator`` is ``None`` for the population (victims per 100,000); ``bounded`` components
    are fractions of a whole, in ``[0, 1]``; the others are scaled by the largest upper bound
    among the compared countries before distances are taken.
    """

    label: str
    numerator: tuple[str, dict]
    denominator: tuple[str, dict] | None
    bounded: bool = True


#: The profile components, in display order. Labels are English messages (translate with ``t``).
COMPONENTS: dict[str, Component] = {
    "share-sexual-exploitation": Component(
        "Share trafficked for sexual exploitation",
        ("detected-victims", {"exploitation": "sexual-exploitation"}),
        ("detected-victims", {}),
    ),
    "share-forced-labour": Component(
        "Share trafficked for forced labour",
        ("detected-victims", {"exploitation": "forced-labour"}),
        ("detected-victims", {}),
    ),
    "share-children": Component(
        "Share of children", ("detected-victims", {"age": "child"}), ("detected-victims", {})
    ),
    "share-female": Component(
        "Share of women and girls",
        ("detected-victims", {"sex": "female"}),
        ("detected-victims", {}),
    ),
    "victims-per-100k": Component(
        "Detected victims per 100,000 population", ("detected-victims", {}), None, bounded=False
    ),
    "convictions-per-prosecution": Component(
        "Persons convicted per person prosecuted",
        ("persons-convicted", {}),
        ("persons-prosecuted", {}),
        bounded=False,
    ),
}

PROFILE_COLUMNS = ["iso3", "component", "low", "high", "censored", "years"]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _in_years(frame: pd.DataFrame, year_from: int | None, year_to: int | None) -> pd.Series:
    keep = pd.Series(True, index=frame.index)
    if year_from is not None:
        keep &= frame["year"] >= year_from
    if year_to is not None:
        keep &= frame["year"] <= year_to
    return keep


def count_cells(indicators: pd.DataFrame, indicator: str, breakdown: dict) -> pd.DataFrame:
    """The cells of one indicator and breakdown: ``iso3, year, low, high, censored``.

    Breakdown keys not given are ``total``.

    Examples
    --------
    >>> ind = pd.DataFrame({"iso3": ["TUN", "TUN"], "year": [2020, 2020],
    ...     "indicator": ["detected-victims"] * 2, "exploitation": ["total"] * 2,
    ...     "sex": ["total"] * 2, "age": ["total", "child"], "value_low": [10, 1],
    ...     "value_high": [10, 4], "censored": [False, True]})
    >>> count_cells(ind, "detected-victims", {"age": "child"})[["low", "high"]].values.tolist()
    [[1, 4]]
    """
    wanted = {**_TOTAL, **breakdown}
    keep = indicators["indicator"] == indicator
    for column, value in wanted.items():
        keep &= indicators[column] == value
    cells = indicators.loc[keep, ["iso3", "year", "value_low", "value_high", "censored"]]
    return cells.rename(columns={"value_low": "low", "value_high": "high"}).reset_index(drop=True)


def total_cells(indicators: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """The total cells (no breakdown) of several indicators: ``indicator, iso3, year, low, high,
    censored``, indicator by indicator in the order of ``names``.

    The same rows as ``count_cells(indicators, name, {})`` for each name, concatenated, selected
    in one pass.
    """
    keep = indicators["indicator"].isin(names)
    for column in _TOTAL:
        keep &= indicators[column] == "total"
    columns = ["indicator", "iso3", "year", "value_low", "value_high", "censored"]
    cells = indicators.loc[keep, columns]
    order = cells["indicator"].map({name: i for i, name in enumerate(names)})
    cells = cells.iloc[np.argsort(order.to_numpy(), kind="stable")]
    return cells.rename(columns={"value_low": "low", "value_high": "high"}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Profiles and similarity
# --------------------------------------------------------------------------------------------


def country_profiles(
    indicators: pd.DataFrame,
    population: pd.DataFrame,
    countries: Sequence[str],
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """The profile of each country over a span of years: one interval per component.

    Each component (see :data:`COMPONENTS`) is a *pooled* ratio: numerator and denominator are
    summed over the years in ``[year_from, year_to]`` in which the country published both, then
    divided, bounds over bounds: ``sum(num_low) / sum(den_high)`` to ``sum(num_high) /
    sum(den_low)`` (infinite when the denominator's lower bound is 0; a country whose
    denominator is 0 at its upper bound has no row). Victims per 100,000 pool the
    population of the same years, so it is the average annual rate. A component with no year
    where both parts were published has no row.

    Parameters
    ----------
    indicators : pandas.DataFrame
        The ``indicators`` table.
    population : pandas.DataFrame
        ``iso3, year, value`` population rows.
    countries : sequence of str
        ISO3 codes to profile.
    year_from, year_to : int or None
        Inclusive span of years (``None``: no limit).

    Returns
    -------
    pandas.DataFrame
        ``iso3, component, low, high, censored, years`` (``years``: how many years were pooled).

    Examples
    --------
    Tunisia publishes 10 victims in 2019 of whom ``<5`` children, and 30 in 2020 of whom 6;
    2021 has a child count but no total, so it is left out:

    >>> rows = [(2019, "total", 10, 10, False), (2019, "child", 1, 4, True),
    ...         (2020, "total", 30, 30, False), (2020, "child", 6, 6, False),
    ...         (2021, "child", 9, 9, False)]
    >>> ind = pd.DataFrame([("TUN", y, "detected-victims", "total", "total", a, lo, hi, c)
    ...     for y, a, lo, hi, c in rows], columns=["iso3", "year", "indicator", "exploitation",
    ...     "sex", "age", "value_low", "value_high", "censored"])
    >>> prof = country_profiles(ind, pd.DataFrame(columns=["iso3", "year", "value"]), ["TUN"])
    >>> prof[["component", "low", "high", "years"]].values.tolist()
    [['share-children', 0.175, 0.25, 2]]
    """
    keep = indicators["iso3"].isin(countries) & _in_years(indicators, year_from, year_to)
    pop = population.loc[
        population["iso3"].isin(countries) & _in_years(population, year_from, year_to)
    ]
    return pooled_profiles(profile_table(indicators.loc[keep], pop), countries)


def profile_table(indicators: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Every cell a profile needs, one row per country-year (sorted), one column per
    ``(field, cell)`` with fields ``low, high, censored, present``; absent cells are NaN.

    Depends on nothing but the tables: a dataset computes it once for all countries
    (:attr:`dashboard.dataset.Dataset.profile_table`) and :func:`pooled_profiles` pools any
    selection of it, as :func:`country_profiles` does.
    """
    cells = _profile_cells(indicators, population)
    if cells.empty:
        return pd.DataFrame(index=pd.MultiIndex.from_arrays([[], []], names=["iso3", "year"]))
    return (
        cells.assign(present=1.0, censored=cells["censored"].astype("float64"))
        .set_index(["iso3", "year", "cell"])[["low", "high", "censored", "present"]]
        .astype("float64")
        .unstack("cell")
        .sort_index()
    )


def pooled_profiles(
    table: pd.DataFrame,
    countries: Sequence[str],
    year_from: int | None = None,
    year_to: int | None = None,
) -> pd.DataFrame:
    """The profiles of ``countries`` over ``[year_from, year_to]`` from a :func:`profile_table`
    (see :func:`country_profiles` for the rule)."""
    keep = table.index.get_level_values("iso3").isin(countries)
    years = table.index.get_level_values("year")
    if year_from is not None:
        keep &= years >= year_from
    if year_to is not None:
        keep &= years <= year_to
    wide = table.loc[keep]
    if wide.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    # For each component, its parts on the country-years where both were published (NaN
    # elsewhere), all summed per country in ONE groupby: NaN rows are skipped, so each sum is the
    # sum over those years alone, in year order, as summing each component apart would give.
    published = {cell for field, cell in wide.columns if field == "present"}
    values = wide.to_numpy(dtype="float64")
    column = {name: i for i, name in enumerate(wide.columns)}
    names: list[tuple[str, str]] = []
    blocks: list[np.ndarray] = []
    for key, component in COMPONENTS.items():
        num = _cell_name(component.numerator)
        den = "population" if component.denominator is None else _cell_name(component.denominator)
        if num not in published or den not in published:
            continue

        def cell(field: str, name: str) -> np.ndarray:
            return values[:, column[(field, name)]]

        both = ~np.isnan(cell("present", num)) & ~np.isnan(cell("present", den))
        censored = (cell("censored", num) > 0) | (cell("censored", den) > 0)
        for name, part in (
            ("num_low", cell("low", num)),
            ("num_high", cell("high", num)),
            ("den_low", cell("low", den)),
            ("den_high", cell("high", den)),
            ("censored", censored.astype("float64")),
            ("years", np.ones(len(values))),
        ):
            names.append((key, name))
            blocks.append(np.where(both, part, np.nan))
    if not names:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    sums = (
        pd.DataFrame(
            np.column_stack(blocks), index=wide.index, columns=pd.MultiIndex.from_tuples(names)
        )
        .groupby(level="iso3", sort=True)
        .sum()
    )
    codes = sums.index.to_numpy()
    pooled = []
    for key in dict.fromkeys(k for k, _ in names):
        component = COMPONENTS[key]
        part = {
            name: sums[(key, name)].to_numpy()
            for name in ("num_low", "num_high", "den_low", "den_high", "censored", "years")
        }
        kept = (part["years"] > 0) & (part["den_high"] > 0)
        num_low, num_high, den_low, den_high = (
            part[name][kept] for name in ("num_low", "num_high", "den_low", "den_high")
        )
        scale = 1e5 if component.denominator is None else 1.0
        low = num_low / den_high * scale
        with np.errstate(divide="ignore"):
            high = np.where(
                den_low > 0, num_high / np.where(den_low > 0, den_low, 1.0) * scale, np.inf
            )
        if component.denominator is not None and component.bounded:
            low, high = np.minimum(low, 1.0), np.minimum(high, 1.0)
        pooled.append(
            pd.DataFrame(
                {
                    "iso3": codes[kept],
                    "component": key,
                    "low": low,
                    "high": high,
                    "censored": part["censored"][kept] > 0,
                    "years": part["years"][kept].astype("int64"),
                }
            )
        )
    profiles = pd.concat(pooled, ignore_index=True) if pooled else pd.DataFrame()
    if profiles.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    order = {c: i for i, c in enumerate(countries)}
    components = list(COMPONENTS)
    profiles = profiles.assign(
        _c=profiles["iso3"].map(order), _k=profiles["component"].map(components.index)
    )
    profiles = profiles.sort_values(["_c", "_k"]).astype({"censored": "bool", "years": "int64"})
    return profiles[PROFILE_COLUMNS].reset_index(drop=True)


def _profile_cells(rows: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Every cell a profile component needs, in one long frame: ``iso3, year, cell, low, high,
    censored`` (``cell`` names the part, as :func:`_cell_name`; population rows are
    ``population``)."""
    wanted = {}
    for component in COMPONENTS.values():
        for part in (component.numerator, component.denominator):
            if part is not None:
                indicator, breakdown = part
                wanted[_cell_name(part)] = {"indicator": indicator, **_TOTAL, **breakdown}
    parts = pd.DataFrame([{"cell": name, **keys} for name, keys in wanted.items()])
    keys = ["indicator", *_TOTAL]
    counts = rows[["iso3", "year", *keys, "value_low", "value_high", "censored"]].merge(
        parts.astype(dict.fromkeys(keys, rows["indicator"].dtype)), on=keys, how="inner"
    )
    counts = counts.rename(columns={"value_low": "low", "value_high": "high"})
    population = pd.DataFrame(
        {
            "iso3": pop["iso3"],
            "year": pop["year"],
            "cell": "population",
            "low": pop["value"].astype("float64"),
            "high": pop["value"].astype("float64"),
            "censored": False,
        }
    )
    columns = ["iso3", "year", "cell", "low", "high", "censored"]
    frames = [frame[columns] for frame in (counts, population) if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)


def _cell_name(part: tuple[str, dict]) -> str:
    indicator, breakdown = part
    wanted = {**_TOTAL, **breakdown}
    return "|".join([indicator, *(wanted[k] for k in sorted(wanted))])


def profile_similarity(
    profiles: pd.DataFrame, countries: Sequence[str], min_shared: int = 2
) -> pd.DataFrame:
    """Similarity of every pair of country profiles, on a 0–1 scale, as an interval.

    Rule: each component is put on a 0–1 scale (shares already are; the others are divided by the
    largest finite upper bound among ``countries``, and an infinite bound becomes 1). For one
    component the distance between two intervals ranges from their gap (0 if they overlap) to
    their widest spread. Similarity is ``1 - mean distance`` over the components **both**
    countries have; a component missing for either country is left out of that pair (never taken
    as 0). A pair sharing fewer than ``min_shared`` components is not comparable: ``low`` and
    ``high`` are NaN.

    Returns
    -------
    pandas.DataFrame
        ``iso3_a, iso3_b, low, high, shared`` for each unordered pair, in the order of
        ``countries``.

    Examples
    --------
    >>> prof = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR", "MAR", "EGY"],
    ...     "component": ["share-children", "share-female"] * 2 + ["share-female"],
    ...     "low": [0.2, 0.5, 0.4, 0.5, 0.9], "high": [0.2, 0.7, 0.4, 0.5, 0.9]})
    >>> sim = profile_similarity(prof, ["TUN", "MAR", "EGY"])
    >>> sim.round(3).values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['TUN', 'MAR', 0.8, 0.9, 2], ['TUN', 'EGY', nan, nan, 1], ['MAR', 'EGY', nan, nan, 1]]
    """
    chosen = profiles.loc[profiles["iso3"].isin(countries)]
    scaled: dict[tuple[str, str], tuple[float, float]] = {}
    for key, group in chosen.groupby("component", sort=False):
        component = COMPONENTS.get(str(key))
        bounded = component.bounded if component else True
        finite = group["high"].replace(np.inf, np.nan)
        scale = 1.0 if bounded else float(finite.max()) if finite.notna().any() else 0.0
        if not scale > 0:
            continue  # every country at 0 (or only unbounded values): nothing to compare on
        for code, low, high in zip(group["iso3"], group["low"], group["high"], strict=True):
            scaled[(str(code), str(key))] = (min(low / scale, 1.0), min(high / scale, 1.0))
    keys = list(dict.fromkeys(chosen["component"]))
    rows = []
    for a, b in itertools.combinations(list(dict.fromkeys(countries)), 2):
        near, far = [], []
        for key in keys:
            if (a, key) not in scaled or (b, key) not in scaled:
                continue
            (a_lo, a_hi), (b_lo, b_hi) = scaled[(a, key)], scaled[(b, key)]
            near.append(max(0.0, a_lo - b_hi, b_lo - a_hi))
            far.append(max(a_hi - b_lo, b_hi - a_lo))
        if len(near) >= max(min_shared, 1):
            low, high = 1 - float(np.mean(far)), 1 - float(np.mean(near))
        else:
            low = high = math.nan
        rows.append({"iso3_a": a, "iso3_b": b, "low": low, "high": high, "shared": len(near)})
    return pd.DataFrame(rows, columns=["iso3_a", "iso3_b", "low", "high", "shared"])


# --------------------------------------------------------------------------------------------
# Origins and destinations (flows by citizenship)
# --------------------------------------------------------------------------------------------


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


def _interval_totals(
    rows: pd.DataFrame,
    key: str | list[str],
    low: str,
    high: str,
    sort: bool,
    first: Sequence[str] = (),
) -> pd.DataFrame:
    """Per value of ``key``: summed bounds, whether any cell was censored, how many years.

    The same as ``rows.groupby(key, sort=sort).agg(low=(low, "sum"), high=(high, "sum"),
    censored=("censored", "any"), years=("year", "nunique"), **{c: (c, "first")})`` with numpy
    (a named aggregation costs milliseconds per call; the Country view makes several).
    """
    if isinstance(key, str):
        codes, values = pd.factorize(rows[key], sort=sort)
        keys = {key: values}
    else:  # several columns: one group per combination
        codes, values = pd.MultiIndex.from_frame(rows[key]).factorize(sort=sort)
        keys = {name: values.get_level_values(i) for i, name in enumerate(key)}
    if (codes < 0).any():  # a missing key is left out, as groupby leaves it out
        rows, codes = rows.loc[codes >= 0], codes[codes >= 0]
    size = len(values)

    def summed(column: str) -> np.ndarray:
        data = rows[column].to_numpy()
        total = np.zeros(size, dtype=data.dtype)
        np.add.at(total, codes, data)
        return total

    censored = np.zeros(size, dtype=bool)
    np.logical_or.at(censored, codes, rows["censored"].to_numpy(dtype=bool))
    years = rows["year"].to_numpy(dtype="int64")
    span = int(years.max()) + 1 if len(years) else 1
    country_years = pd.unique(codes.astype("int64") * span + years)
    totals = {
        **keys,
        "low": summed(low),
        "high": summed(high),
        "censored": censored,
        "years": np.bincount(country_years // span, minlength=size).astype("int64"),
    }
    if first:
        _, at = np.unique(codes, return_index=True)
        totals.update({column: rows[column].to_numpy()[at] for column in first})
    return pd.DataFrame(totals)


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
    keep = (flows["measure"] == VICTIMS) & _in_years(flows, year_from, year_to)
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
    totals = _interval_totals(
        rows, partner, "count_low", "count_high", sort=True, first=["origin_class"]
    ).rename(columns={partner: "partner"})
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
        & _in_years(flows, year_from, year_to)
    )
    rows = flows.loc[keep]
    columns = ["destination", "origin", "low", "high", "censored", "rank"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    totals = _interval_totals(rows, ["destination", "origin"], "count_low", "count_high", sort=True)
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


# --------------------------------------------------------------------------------------------
# Convergence over time
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Plain-language readings
# --------------------------------------------------------------------------------------------


def _names(codes: Sequence[str], names: Mapping[str, str]) -> str:
    labels = [names.get(code, code) for code in codes]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " " + t("and") + " " + labels[-1]


def _span(year_from: int, year_to: int) -> str:
    return str(year_from) if year_from == year_to else f"{year_from}–{year_to}"


def convergence_reading(change: Change | None, label: str, year_from: int, year_to: int) -> str:
    """One sentence on whether the countries grew more alike on an indicator.

    Examples
    --------
    >>> convergence_reading(Change(2012, 2020, ("MAR", "TUN"), (0.8, 0.8), (0.4, 0.45)),
    ...     "the share of children", 2010, 2020)  # doctest: +NORMALIZE_WHITESPACE
    'Dispersion of the share of children fell from 0.80 in 2012 to 0.40–0.45 in 2020 across
    the 2 countries that reported both years: they grew more alike.'
    """
    if change is None:
        return t(
            "Too few countries reported {label} in the same two years of {span} to tell whether "
            "they grew more alike.",
            label=label,
            span=_span(year_from, year_to),
        )
    fields = {
        "label": label,
        "a": format_interval(*change.first, digits=2),
        "b": format_interval(*change.last, digits=2),
        "y0": change.first_year,
        "y1": change.last_year,
        "n": len(change.countries),
    }
    if change.direction == "fell":
        message = (
            "Dispersion of {label} fell from {a} in {y0} to {b} in {y1} across the {n} countries "
            "that reported both years: they grew more alike."
        )
    elif change.direction == "rose":
        message = (
            "Dispersion of {label} rose from {a} in {y0} to {b} in {y1} across the {n} countries "
            "that reported both years: they grew further apart."
        )
    else:
        message = (
            "Dispersion of {label} was {a} in {y0} and {b} in {y1} across the {n} countries that "
            "reported both years: no clear change."
        )
    return t(message, **fields)


def overlap_reading(overlap: pd.DataFrame, names: Mapping[str, str], years: str) -> str:
    """One sentence naming the pair of countries sharing most main origin countries.

    Examples
    --------
    >>> overlap = pd.DataFrame({"iso3_a": ["JOR"], "iso3_b": ["LBN"], "shared": [3],
    ...     "k_a": [5], "k_b": [5], "jaccard": [3 / 7], "shared_origins": ["BGD;EGY;SYR"]})
    >>> overlap_reading(overlap, {"JOR": "Jordan", "LBN": "Lebanon", "EGY": "Egypt"}, "2020")
    'Jordan and Lebanon share 3 of their 5 main origin countries (BGD, Egypt and SYR) in 2020.'
    """
    comparable = overlap.dropna(subset=["jaccard"])
    if comparable.empty:
        return t(
            "Fewer than two of the selected countries published victims by citizenship in {years}.",
            years=years,
        )
    top = comparable.sort_values(["shared", "jaccard"], ascending=False, kind="mergesort").iloc[0]
    if top["shared"] == 0:
        return t(
            "None of the selected countries share a main origin country in {years}.", years=years
        )
    pair = _names([top["iso3_a"], top["iso3_b"]], names)
    origins = _names(top["shared_origins"].split(";"), names)
    if top["k_a"] == top["k_b"]:
        return t(
            "{pair} share {n} of their {k} main origin countries ({origins}) in {years}.",
            pair=pair,
            n=int(top["shared"]),
            k=int(top["k_a"]),
            origins=origins,
            years=years,
        )
    return t(
        "{pair} share {n} main origin countries ({origins}) of their {ka} and {kb} in {years}.",
        pair=pair,
        n=int(top["shared"]),
        ka=int(top["k_a"]),
        kb=int(top["k_b"]),
        origins=origins,
        years=years,
    )


def similarity_reading(similarity: pd.DataFrame, names: Mapping[str, str]) -> str:
    """One sentence naming the most and least alike pairs of profiles (by lower bound).

    Examples
    --------
    >>> sim = pd.DataFrame({"iso3_a": ["TUN", "TUN"], "iso3_b": ["MAR", "EGY"],
    ...     "low": [0.8, 0.3], "high": [0.9, 0.3], "shared": [5, 4]})
    >>> similarity_reading(sim, {"TUN": "Tunisia", "MAR": "Morocco", "EGY": "Egypt"})
    ... # doctest: +NORMALIZE_WHITESPACE
    'Of 2 comparable pairs, Tunisia and Morocco have the most alike profiles (similarity
    0.80–0.90 on a 0–1 scale, over 5 measures) and Tunisia and Egypt the least alike (0.30).'
    """
    comparable = similarity.dropna(subset=["low"])
    if comparable.empty:
        return t(
            "No two of the selected countries published at least two of the same profile "
            "measures in these years, so their profiles cannot be compared."
        )
    ordered = comparable.sort_values(["low", "high"], ascending=False, kind="mergesort")
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    fields = {
        "pair": _names([top["iso3_a"], top["iso3_b"]], names),
        "value": format_interval(top["low"], top["high"], digits=2),
        "shared": int(top["shared"]),
    }
    if len(ordered) == 1:
        return t(
            "{pair} have profiles of similarity {value} on a 0–1 scale, over {shared} measures.",
            **fields,
        )
    return t(
        "Of {m} comparable pairs, {pair} have the most alike profiles (similarity {value} on a "
        "0–1 scale, over {shared} measures) and {other} the least alike ({other_value}).",
        m=len(ordered),
        other=_names([bottom["iso3_a"], bottom["iso3_b"]], names),
        other_value=format_interval(bottom["low"], bottom["high"], digits=2),
        **fields,
    )


def coverage_reading(
    values: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    label: str,
    year_from: int,
    year_to: int,
) -> str:
    """One sentence on who reported an indicator, and how many country-years there are.

    Examples
    --------
    >>> values = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR"], "year": [2019, 2020, 2020]})
    >>> coverage_reading(values, ["TUN", "MAR", "LBY"], {"LBY": "Libya"}, "detected victims",
    ...     2019, 2020)  # doctest: +NORMALIZE_WHITESPACE
    '2 of the 3 countries reported detected victims in 2019–2020 (3 country-years); no data
    from Libya. Missing years are gaps, not zeros.'
    """
    keep = values["iso3"].isin(countries) & values["year"].between(year_from, year_to)
    chosen = values.loc[keep]
    reporting = set(chosen["iso3"])
    silent = [code for code in countries if code not in reporting]
    text = t(
        "{n} of the {m} countries reported {label} in {span} ({k} country-years)",
        n=len(reporting),
        m=len(countries),
        label=label,
        span=_span(year_from, year_to),
        k=len(chosen.drop_duplicates(["iso3", "year"])),
    )
    if silent:
        text += t("; no data from {names}", names=_names(silent, names))
    return text + t(". Missing years are gaps, not zeros.")


# --------------------------------------------------------------------------------------------
# One country
# --------------------------------------------------------------------------------------------

#: Indicators shown as a country's key figures and trends.
KEY_INDICATORS = ("detected-victims", "persons-prosecuted", "persons-convicted")
#: Rows of the reporting grid: the indicators table's indicators, then flows by citizenship.
GRID_ITEMS = (
    "detected-victims",
    "persons-prosecuted",
    "persons-convicted",
    "persons-formal-contact",
    "offences",
    "victims-by-citizenship",
)


def latest_values(indicators: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Each key indicator's total in the latest year the country published it.

    Returns
    -------
    pandas.DataFrame
        ``indicator, year, low, high, censored``; an indicator never published has no row.

    Examples
    --------
    >>> ind = pd.DataFrame({"iso3": ["TUN"] * 2, "year": [2019, 2021],
    ...     "indicator": ["persons-convicted"] * 2, "exploitation": ["total"] * 2,
    ...     "sex": ["total"] * 2, "age": ["total"] * 2, "value_low": [3, 1],
    ...     "value_high": [3, 4], "censored": [False, True]})
    >>> latest_values(ind, "TUN").values.tolist()
    [['persons-convicted', 2021, 1, 4, True]]
    """
    rows = []
    own = total_cells(indicators.loc[indicators["iso3"] == iso3], KEY_INDICATORS)
    for indicator, cells in own.groupby("indicator", sort=False):
        row = cells.loc[cells["year"].idxmax()]
        rows.append(
            {
                "indicator": indicator,
                "year": int(row["year"]),
                "low": row["low"],
                "high": row["high"],
                "censored": bool(row["censored"]),
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "year", "low", "high", "censored"])


def breakdown_totals(
    indicators: pd.DataFrame, iso3: str, year_from: int | None = None, year_to: int | None = None
) -> pd.DataFrame:
    """Detected victims of a country by form of exploitation, by sex and by age, summed.

    Each category is summed (as an interval) over the years in which it was published; the
    ``years`` column says how many, since categories are not always published in the same years.

    Returns
    -------
    pandas.DataFrame
        ``dimension, category, low, high, censored, years`` with dimension ``exploitation``,
        ``sex`` or ``age``; the ``total`` and ``unknown`` categories are kept apart from the rest
        only by their names (nothing is allocated).
    """
    own = indicators.loc[
        (indicators["iso3"] == iso3)
        & (indicators["indicator"] == "detected-victims")
        & _in_years(indicators, year_from, year_to)
    ]
    parts = []
    dimensions = ("exploitation", "sex", "age")
    total = {dimension: (own[dimension] == "total").to_numpy() for dimension in dimensions}
    for dimension in dimensions:
        others = [total[d] for d in dimensions if d != dimension]
        keep = ~total[dimension] & others[0] & others[1]
        cells = own.loc[keep]
        if cells.empty:
            continue
        summed = _interval_totals(cells, dimension, "value_low", "value_high", sort=False)
        parts.append(summed.rename(columns={dimension: "category"}).assign(dimension=dimension))
    columns = ["dimension", "category", "low", "high", "censored", "years"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def reporting_grid(
    indicators: pd.DataFrame,
    flows: pd.DataFrame,
    iso3: str,
    year_from: int,
    year_to: int,
) -> pd.DataFrame:
    """Which years a country published each indicator (and victims by citizenship).

    Returns
    -------
    pandas.DataFrame
        One row per item of :data:`GRID_ITEMS` and year of the span: ``item, year, status`` with
        status ``"exact"``, ``"range"`` (some cell suppressed, ``<5``) or ``"missing"``.

    Examples
    --------
    >>> ind = pd.DataFrame({"iso3": ["TUN"], "year": [2020], "indicator": ["offences"],
    ...     "censored": [True]})
    >>> flows = pd.DataFrame({"destination": ["TUN"], "year": [2019],
    ...     "measure": ["trafficking-victims"], "censored": [False]})
    >>> grid = reporting_grid(ind, flows, "TUN", 2019, 2020)
    >>> grid.loc[grid["status"] != "missing"].values.tolist()
    [['offences', 2020, 'range'], ['victims-by-citizenship', 2019, 'exact']]
    """
    own = indicators.loc[indicators["iso3"] == iso3, ["indicator", "year", "censored"]]
    received = flows.loc[
        (flows["destination"] == iso3) & (flows["measure"] == VICTIMS), ["year", "censored"]
    ].assign(indicator="victims-by-citizenship")
    published = pd.concat([own, received], ignore_index=True)
    any_censored = published.groupby(["indicator", "year"])["censored"].any()
    status = dict(zip(any_censored.index, any_censored.to_numpy(dtype=bool), strict=True))
    rows = []
    for item in GRID_ITEMS:
        for year in range(int(year_from), int(year_to) + 1):
            censored = status.get((item, year))
            state = "missing" if censored is None else ("range" if censored else "exact")
            rows.append({"item": item, "year": year, "status": state})
    return pd.DataFrame(rows, columns=["item", "year", "status"])


@dataclass(frozen=True)
class NetworkPosition:
    """Where a country sits in the network of detected victims by citizenship."""

    node: str
    betweenness: float
    rank: int | None  # among nodes with betweenness above 0; None when 0
    ranked_nodes: int
    nodes: int
    inflow: tuple[int, int]  # foreign victims detected in the country
    inflow_partners: int
    outflow: tuple[int, int]  # its nationals detected abroad
    outflow_partners: int

    @property
    def is_hub(self) -> bool:
        """In the top 10 by betweenness, with victims both detected there and from there."""
        return self.rank is not None and self.rank <= 10


def betweenness(graph: nx.DiGraph) -> dict[str, float]:
    """Normalised betweenness centrality of every node of a directed, unweighted graph.

    The same numbers as ``networkx.betweenness_centrality(graph, normalized=True)`` (Brandes'
    algorithm; raw counts divided by ``(n - 1)(n - 2)``), computed by igraph's C implementation:
    networkx took 1.4 s on a graph of 10 times the data, igraph a few milliseconds.
    ``tests/unit/test_betweenness.py`` checks the two agree.

    Examples
    --------
    >>> g = nx.DiGraph([("NGA", "route:cm"), ("route:cm", "ITA"), ("TUN", "route:cm")])
    >>> {node: round(score, 3) for node, score in betweenness(g).items()}
    {'NGA': 0.0, 'route:cm': 0.333, 'ITA': 0.0, 'TUN': 0.0}
    """
    import igraph

    nodes = list(graph)
    if not nodes:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[source], index[target]) for source, target in graph.edges()]
    raw = igraph.Graph(n=len(nodes), edges=edges, directed=True).betweenness(directed=True)
    # networkx leaves graphs of one or two nodes unscaled (every score is 0 there anyway).
    scale = 1 / ((len(nodes) - 1) * (len(nodes) - 2)) if len(nodes) > 2 else 1.0
    return {node: float(score) * scale for node, score in zip(nodes, raw, strict=True)}


def network_positions(
    flows: pd.DataFrame, year_from: int | None = None, year_to: int | None = None
) -> Mapping[str, NetworkPosition]:
    """The :class:`NetworkPosition` of every node of the span's network (read-only mapping).

    One graph and one betweenness computation serve every country: they do not depend on which
    country is asked about (see :func:`network_position`).
    """
    keep = (flows["measure"] == VICTIMS) & _in_years(flows, year_from, year_to)
    graph = build_flow_graph(flows.loc[keep])
    nodes = graph.number_of_nodes()
    if nodes == 0:
        return MappingProxyType({})
    scores = betweenness(graph)
    ranked = sorted((-s, n) for n, s in scores.items() if s > 0)
    ranks = {n: i + 1 for i, (_, n) in enumerate(ranked)}
    # Strengths (summed edge bounds) and partner counts, each in one pass over the graph.
    in_low, in_high = dict(graph.in_degree(weight="low")), dict(graph.in_degree(weight="high"))
    out_low, out_high = dict(graph.out_degree(weight="low")), dict(graph.out_degree(weight="high"))
    in_partners, out_partners = dict(graph.in_degree()), dict(graph.out_degree())
    positions = {}
    for node in graph:
        positions[node] = NetworkPosition(
            node=node,
            betweenness=float(scores[node]),
            rank=ranks.get(node),
            ranked_nodes=len(ranked),
            nodes=nodes,
            inflow=(in_low[node], in_high[node]),
            inflow_partners=in_partners[node],
            outflow=(out_low[node], out_high[node]),
            outflow_partners=out_partners[node],
        )
    return MappingProxyType(positions)


def position_of(positions: Mapping[str, NetworkPosition], iso3: str) -> NetworkPosition:
    """``iso3``'s position among ``positions`` (a country outside the network: all zero)."""
    if iso3 in positions:
        return positions[iso3]
    nodes = next(iter(positions.values())).nodes if positions else 0
    return NetworkPosition(iso3, 0.0, None, 0, nodes, (0, 0), 0, (0, 0), 0)


def network_position(
    flows: pd.DataFrame, iso3: str, year_from: int | None = None, year_to: int | None = None
) -> NetworkPosition:
    """Betweenness and in/out strength of a country among all countries' flows by citizenship.

    The graph is every country's ``trafficking-victims`` flows of the span (origin → country of
    detection), built by :func:`dashboard.analytics.graph.build_flow_graph`; domestic victims
    are not edges. Betweenness is normalised, on the unweighted graph.
    """
    return position_of(network_positions(flows, year_from, year_to), iso3)


def network_reading(position: NetworkPosition, name: str) -> str:
    """Plain words on a country's network position, and whether it looks like a hub.

    Examples
    --------
    >>> pos = NetworkPosition("TUN", 0.02, 3, 12, 80, (40, 52), 6, (10, 10), 2)
    >>> network_reading(pos, "Tunisia")  # doctest: +ELLIPSIS
    'Victims from 6 other origins were detected in Tunisia (40–52); nationals of Tunisia...
    """
    incoming = t(
        "Victims from {n} other origins were detected in {name} ({count})",
        n=position.inflow_partners,
        name=name,
        count=format_interval(*position.inflow),
    )
    outgoing = t(
        "nationals of {name} were detected in {n} other countries ({count})",
        name=name,
        n=position.outflow_partners,
        count=format_interval(*position.outflow),
    )
    if position.rank is None:
        verdict = t(
            "{name} links no other countries in this network (betweenness 0): not a hub.",
            name=name,
        )
    else:
        verdict = t(
            "It ranks {rank} of {ranked} places that link others (betweenness {b}): {hub}.",
            rank=position.rank,
            ranked=position.ranked_nodes,
            b=f"{position.betweenness:.3f}",
            hub=t("a hub of this network") if position.is_hub else t("not among the 10 main hubs"),
        )
    caveat = t(
        "Edges join citizenship to the country of detection, not routes, so a hub here is a "
        "crossroads of origins and destinations, not proof that victims passed through."
    )
    return f"{incoming}; {outgoing}. {verdict} {caveat}"
