"""Row selection shared by the views, the CSV downloads and the command-line export.

One function per table, so that what a chart draws, what the Data view lists and what
``python -m dashboard export`` writes are the same rows for the same filter.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

#: The flows' measure of detected victims (the other, border crossings, is migration context).
VICTIMS = "trafficking-victims"


@dataclass(frozen=True)
class FlowFilter:
    """Which flow rows to keep. ``None`` or empty means "no restriction".

    ``countries`` keeps edges that touch any of them (as origin or destination);
    ``origins``/``destinations`` restrict each end separately.
    """

    measure: str = "trafficking-victims"
    year_from: int | None = None
    year_to: int | None = None
    origins: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class IndicatorFilter:
    """Which indicator rows to keep; ``None`` or empty means "no restriction"."""

    indicator: str | None = None
    countries: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    exploitation: str | None = None
    sex: str | None = None
    age: str | None = None


def in_years(frame: pd.DataFrame, year_from: int | None, year_to: int | None) -> pd.Series:
    """Which rows of ``frame`` fall in ``[year_from, year_to]`` (``None``: no limit)."""
    keep = pd.Series(True, index=frame.index)
    if year_from is not None:
        keep &= frame["year"] >= year_from
    if year_to is not None:
        keep &= frame["year"] <= year_to
    return keep


def _isin(column: pd.Series, values: Collection[str]) -> pd.Series:
    return column.isin(values) if values else pd.Series(True, index=column.index)


def select_flows(flows: pd.DataFrame, flt: FlowFilter) -> pd.DataFrame:
    """Rows of the flows table matching ``flt``, in the table's order.

    Examples
    --------
    >>> flows = pd.DataFrame({"origin": ["NGA", "TUN"], "destination": ["LBY", "ITA"],
    ...     "year": [2019, 2020], "measure": ["trafficking-victims"] * 2})
    >>> select_flows(flows, FlowFilter(countries=("TUN",)))["origin"].tolist()
    ['TUN']
    """
    keep = (flows["measure"] == flt.measure) & in_years(flows, flt.year_from, flt.year_to)
    keep &= _isin(flows["origin"], flt.origins) & _isin(flows["destination"], flt.destinations)
    if flt.countries:
        keep &= flows["origin"].isin(flt.countries) | flows["destination"].isin(flt.countries)
    return flows.loc[keep]


def select_indicators(indicators: pd.DataFrame, flt: IndicatorFilter) -> pd.DataFrame:
    """Rows of the indicators table matching ``flt``, in the table's order."""
    keep = in_years(indicators, flt.year_from, flt.year_to)
    keep &= _isin(indicators["iso3"], flt.countries)
    for column in ("indicator", "exploitation", "sex", "age"):
        value = getattr(flt, column)
        if value is not None:
            keep &= indicators[column] == value
    return indicators.loc[keep]


def in_area(frame: pd.DataFrame, area: Mapping[str, Sequence[float]]) -> pd.DataFrame:
    """Rows of ``frame`` (with ``lon``/``lat``) inside ``area``
    (``{"lon": [west, east], "lat": [south, north]}``).

    Examples
    --------
    >>> points = pd.DataFrame({"lon": [10.0, 120.0], "lat": [35.0, 10.0]})
    >>> len(in_area(points, {"lon": [-28, 68], "lat": [0, 56]}))
    1
    """
    return frame.loc[frame["lon"].between(*area["lon"]) & frame["lat"].between(*area["lat"])]
