"""The Map view: an indicator by country and year, flow lines, Missing Migrants incidents."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analytics.graph import top_corridors
from dashboard.analytics.indicators import SPECS, indicator_values
from dashboard.analytics.selection import FlowFilter, in_area, select_flows
from dashboard.dataset import Dataset
from dashboard.state import ViewState
from dashboard.views.base import View
from dashboard.views.years import indicator_years, measure_years

#: Corridors drawn as lines.
TOP_LINES = 20


def best_recent_year(indicators: pd.DataFrame) -> int | None:
    """The latest year in which at least 80 % of the best-covered year's countries reported
    (``None`` without indicators).

    Reports arrive late, so the very last year often has few countries; defaulting to it would
    show an emptier map than the data allow.
    """
    totals = indicators.loc[
        (indicators["indicator"] == "detected-victims")
        & (indicators["exploitation"] == "total")
        & (indicators["sex"] == "total")
        & (indicators["age"] == "total")
    ]
    reporting = totals.groupby("year")["iso3"].nunique()
    if reporting.empty:
        return None
    return int(reporting[reporting >= 0.8 * reporting.max()].index.max())


def map_points(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """Code or token → (lon, lat) for everything the map can draw a line to."""

    def compute() -> dict[str, tuple[float, float]]:
        points = {}
        for frame, key in ((dataset.countries, "iso3"), (dataset.nodes, "token")):
            located = frame.dropna(subset=["lon", "lat"])
            points.update(
                zip(located[key], zip(located["lon"], located["lat"], strict=True), strict=True)
            )
        return points

    return dataset.derived.get(("map-points",), compute)


def all_years(dataset: Dataset, indicator: str, exploitation: str) -> pd.DataFrame:
    """An indicator's values in every year (shared: callers must not change it)."""
    return dataset.derived.get(
        ("indicator-values", indicator, exploitation),
        lambda: indicator_values(dataset.indicators, dataset.population, indicator, exploitation),
    )


@dataclass(frozen=True)
class MapData:
    """What the Map view shows for one state."""

    state: ViewState
    years: tuple[int, int] | None  # the indicators' years (the slider); None: no indicators
    values: pd.DataFrame  # the year's values: iso3, year, low, high, censored
    corridors: pd.DataFrame | None  # the lines' corridors (None: lines off)
    lines_years: tuple[int, int] | None  # the measure's years
    incidents: pd.DataFrame | None  # the year's incidents in the map's area (None: off)
    points: dict[str, tuple[float, float]]
    sources: tuple[str, ...]
    focus: pd.DataFrame | None  # the focus country's detected victims, every year


class MapView(View):
    page = "map"
    keys = ("measure", "indicator", "exploitation", "year", "lines", "incidents", "focus", "top")

    def defaults(self, dataset: Dataset) -> ViewState:
        """Detected victims in a well-covered recent year, with flow lines."""
        return ViewState(year=best_recent_year(dataset.indicators), lines=True, top=TOP_LINES)

    def from_controls(
        self,
        indicator: str,
        exploitation: str,
        year: int | None,
        measure: str,
        layers: list[str] | None,
        focus: str | None,
    ) -> ViewState:
        """The state the controls describe."""
        return replace(
            ViewState(),
            indicator=indicator,
            exploitation=exploitation,
            year=None if year is None else int(year),
            measure=measure,
            lines="lines" in (layers or []),
            incidents="incidents" in (layers or []),
            focus=focus,
            top=TOP_LINES,
        )

    def values(self, dataset: Dataset, state: ViewState) -> pd.DataFrame:
        """Indicator values of the map's year (rows behind the choropleth)."""
        values = all_years(dataset, state.indicator, state.exploitation)
        return values.loc[values["year"] == state.year]

    def corridors(self, dataset: Dataset, state: ViewState) -> pd.DataFrame:
        """The year's largest corridors into or out of the focus countries (what the lines
        draw): lines are limited to the region the dashboard is about, since the world's
        largest corridors would otherwise run off the map and hide the region's."""
        flt = FlowFilter(
            measure=state.measure,
            year_from=state.year,
            year_to=state.year,
            countries=tuple(dataset.focus_countries),
        )
        return top_corridors(select_flows(dataset.flows, flt), state.top)

    def sources(self, dataset: Dataset, state: ViewState) -> tuple[str, ...]:
        """The source datasets of what the map draws, from the rows' ``source`` column."""
        spec = SPECS[state.indicator]
        sources = list(dataset.sources("indicators", indicator=spec.base))
        if spec.per_population:
            sources += dataset.sources("context_indicators", variable="population")
        if state.lines:
            sources += dataset.sources("flows", measure=state.measure)
        if state.incidents:
            sources += dataset.sources("incidents")
        return tuple(dict.fromkeys(sources))

    def process(self, dataset: Dataset, state: ViewState) -> MapData:
        incidents = None
        if state.incidents:
            year = dataset.incidents.loc[dataset.incidents["year"] == state.year]
            incidents = in_area(year, dataset.map_area)
        focus = None
        if state.focus:
            victims = all_years(dataset, "detected-victims", "total")
            focus = victims.loc[victims["iso3"] == state.focus]
        return MapData(
            state=state,
            years=indicator_years(dataset),
            values=self.values(dataset, state),
            corridors=self.corridors(dataset, state) if state.lines else None,
            lines_years=measure_years(dataset, state.measure),
            incidents=incidents,
            points=map_points(dataset),
            sources=self.sources(dataset, state),
            focus=focus,
        )


MAP = MapView()
