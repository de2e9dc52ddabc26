"""Country profiles and how alike they are.

A profile is a few pooled ratios per country (shares by form of exploitation, of children and of
women and girls, victims per 100,000, convictions per prosecution) over a span of years; the
similarity of two profiles is 1 minus their mean distance. Pure functions of the tidy tables
(no Dash, no I/O), for the Compare view.

Every number is an interval ``(low, high)`` computed from the bounds of the counts it rests on
(a suppressed ``<5`` cell is ``(1, 4)``); a statistic over intervals is the smallest and largest
value it can take, never a midpoint. A country-year with no published cell has no row: absence
is not zero. Rankings under intervals (the most and least similar pairs) order by the lower bound,
then the upper bound, then the code. Migration context never enters a profile.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analytics.cells import TOTAL
from dashboard.analytics.selection import in_years


@dataclass(frozen=True)
class Component:
    """One component of a country profile: a pooled ratio of two counts.

    ``denominator`` is ``None`` for the population (victims per 100,000); ``bounded`` components
    are fractions of a whole, in ``[0, 1]``; the others are scaled by the largest upper bound
    among the compared countries before distances are taken.
    """

    numerator: tuple[str, dict]
    denominator: tuple[str, dict] | None
    bounded: bool = True


#: The profile components, in display order (their names: ``dashboard.text.labels``).
COMPONENTS: dict[str, Component] = {
    "share-sexual-exploitation": Component(
        ("detected-victims", {"exploitation": "sexual-exploitation"}), ("detected-victims", {})
    ),
    "share-forced-labour": Component(
        ("detected-victims", {"exploitation": "forced-labour"}), ("detected-victims", {})
    ),
    "share-children": Component(("detected-victims", {"age": "child"}), ("detected-victims", {})),
    "share-female": Component(("detected-victims", {"sex": "female"}), ("detected-victims", {})),
    "victims-per-100k": Component(("detected-victims", {}), None, bounded=False),
    "convictions-per-prosecution": Component(
        ("persons-convicted", {}), ("persons-prosecuted", {}), bounded=False
    ),
}

PROFILE_COLUMNS = ["iso3", "component", "low", "high", "censored", "years"]


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
    keep = indicators["iso3"].isin(countries) & in_years(indicators, year_from, year_to)
    pop = population.loc[
        population["iso3"].isin(countries) & in_years(population, year_from, year_to)
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
                wanted[_cell_name(part)] = {"indicator": indicator, **TOTAL, **breakdown}
    parts = pd.DataFrame([{"cell": name, **keys} for name, keys in wanted.items()])
    keys = ["indicator", *TOTAL]
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
    wanted = {**TOTAL, **breakdown}
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
