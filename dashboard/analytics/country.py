"""What one country published: its latest key figures, breakdowns and years reported.

Pure functions of the tidy tables (no Dash, no I/O), for the Country view. Every number is an
interval ``(low, high)`` from the bounds of the counts it rests on (a suppressed ``<5`` cell is
``(1, 4)``), never a midpoint; a year with no published cell has no row: absence is not zero.
"""

from __future__ import annotations

import pandas as pd

from dashboard.analytics.cells import total_cells
from dashboard.analytics.intervals import sum_frame
from dashboard.analytics.selection import VICTIMS, in_years

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
        & in_years(indicators, year_from, year_to)
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
        summed = sum_frame(cells, dimension, "value_low", "value_high", sort=False)
        summed = summed.rename(
            columns={dimension: "category", "value_low": "low", "value_high": "high"}
        )
        parts.append(summed.assign(dimension=dimension))
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
