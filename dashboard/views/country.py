"""The Country view: one country's figures, flows, breakdowns, network position and coverage.

Key figures as intervals with their year, trends, main origins and destinations of victims,
forms of exploitation, sex and age, the country's position in the network of flows by
citizenship, the years it reported, and migration context labelled as context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.analytics.cells import total_cells
from dashboard.analytics.country import (
    KEY_INDICATORS,
    breakdown_totals,
    latest_values,
    reporting_grid,
)
from dashboard.analytics.network import NetworkPosition, network_positions, position_of
from dashboard.analytics.origins import partner_totals
from dashboard.analytics.selection import VICTIMS, FlowFilter, IndicatorFilter
from dashboard.dataset import Dataset
from dashboard.state import ViewState
from dashboard.text import N_, Message
from dashboard.views.base import View
from dashboard.views.years import clamp_years, indicator_years, slider_years

YEARS_MOVED = N_("The indicators cover {first}–{last}; the years were moved into that span.")
TOP_PARTNERS = 10


@dataclass(frozen=True)
class CountryRows:
    """The rows of the tables the view uses that concern one country."""

    indicators: pd.DataFrame  # its indicators rows
    received: pd.DataFrame  # flows detected in it (destination)
    sent: pd.DataFrame  # flows of its nationals (origin)
    population: pd.DataFrame  # its population rows: iso3, year, value


def country_rows(dataset: Dataset, code: str) -> CountryRows:
    """The rows of ``code`` in each table (empty frames with the columns when it has none).

    Shallow copies (copy-on-write) of the dataset's per-country index (computed once when the
    dataset is loaded): a caller changing one changes only its own.
    """
    index = dataset.by_country
    empty_flows = dataset.flows.iloc[:0]

    def own(groups: Mapping[str, pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
        return groups.get(code, empty).copy(deep=False)

    return CountryRows(
        indicators=own(index.indicators, dataset.indicators.iloc[:0]),
        received=own(index.received, empty_flows),
        sent=own(index.sent, empty_flows),
        population=own(index.population, dataset.population.iloc[:0]),
    )


@dataclass(frozen=True)
class CountryData:
    """Everything the Country view shows for one country and span of years."""

    state: ViewState
    code: str
    latest: pd.DataFrame  # key indicators' latest totals (by indicator)
    published: frozenset[str]  # indicators with any row (totals or breakdowns)
    trends: pd.DataFrame  # panel (indicator), year, low, high, censored
    origins: pd.DataFrame  # partner totals, ranked
    destinations: pd.DataFrame
    breakdown: pd.DataFrame
    position: NetworkPosition
    grid: pd.DataFrame
    population: pd.DataFrame  # year, value (in the span, by year)
    crossings: pd.DataFrame  # year, low, high: border crossings of its nationals (context)
    sources: Mapping[str, tuple[str, ...]]  # "indicators", "victims", "context"


class CountryView(View):
    page = "country"
    keys = ("from", "to")

    def defaults(self, dataset: Dataset) -> ViewState:
        """The dataset's default country, every year of the indicators."""
        first, last = indicator_years(dataset) or (None, None)
        return ViewState(year_from=first, year_to=last, country=dataset.default_country)

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """Keep the years within the indicators' span (with a note when they were moved)."""
        return clamp_years(state, indicator_years(dataset), YEARS_MOVED)

    def country(self, dataset: Dataset, given: str | None) -> str | None:
        """The country a path names (``None`` when the dataset has no such country); the
        default country when it names none."""
        if given is not None and not isinstance(given, str):
            return None  # a repeated key of a forged address (a list) names no country
        code = (dataset.default_country if given is None else given).strip().upper()
        return code if code in dataset.country_codes else None

    def from_controls(self, dataset: Dataset, code: str, years: list[int] | None) -> ViewState:
        first, last = indicator_years(dataset) or (None, None)
        year_from, year_to = slider_years(years)
        state = ViewState(
            year_from=first if year_from is None else year_from,
            year_to=last if year_to is None else year_to,
            country=code,
        )
        return self.check(dataset, state)[0]

    def network(self, dataset: Dataset, state: ViewState) -> Mapping[str, NetworkPosition]:
        """Every node's network position for the span: one graph and betweenness, whatever the
        country. The default span's is computed when the dataset is loaded
        (:attr:`Dataset.default_network`); other spans' once, when first asked."""
        span = (state.year_from, state.year_to)
        if span == indicator_years(dataset):
            return dataset.default_network
        return dataset.derived.get(
            ("network", *span), lambda: network_positions(dataset.flows, *span)
        )

    def indicator_filter(self, code: str, state: ViewState) -> IndicatorFilter:
        return IndicatorFilter(countries=(code,), year_from=state.year_from, year_to=state.year_to)

    def flow_filter(self, code: str, state: ViewState) -> FlowFilter:
        return FlowFilter(countries=(code,), year_from=state.year_from, year_to=state.year_to)

    def process(self, dataset: Dataset, state: ViewState) -> CountryData:
        code = state.country
        rows = country_rows(dataset, code)
        span = (state.year_from, state.year_to)
        trends = total_cells(rows.indicators, KEY_INDICATORS)
        trends = trends[["iso3", "year", "low", "high", "censored", "indicator"]]
        trends = trends.rename(columns={"indicator": "panel"})
        population = rows.population
        population = population.loc[population["year"].between(*span)].sort_values("year")
        sent = rows.sent
        crossings = sent.loc[(sent["measure"] == "border-crossings") & sent["year"].between(*span)]
        crossings = (
            crossings.groupby("year", as_index=False)
            .agg(low=("count_low", "sum"), high=("count_high", "sum"))
            .sort_values("year")
        )
        glotip = dataset.sources("indicators")
        context = [
            *dataset.sources("context_indicators", variable="population"),
            *dataset.sources("flows", measure="border-crossings"),
        ]
        return CountryData(
            state=state,
            code=code,
            latest=latest_values(rows.indicators, code).set_index("indicator"),
            published=frozenset(rows.indicators["indicator"]),
            trends=trends.loc[trends["year"].between(*span)],
            origins=partner_totals(rows.received, code, "origins", *span),
            destinations=partner_totals(rows.sent, code, "destinations", *span),
            breakdown=breakdown_totals(rows.indicators, code, *span),
            position=position_of(self.network(dataset, state), code),
            grid=reporting_grid(rows.indicators, rows.received, code, *span),
            population=population[["year", "value"]],
            crossings=crossings,
            sources={
                "indicators": glotip,
                "victims": dataset.sources("flows", measure=VICTIMS) or glotip,
                "context": tuple(dict.fromkeys(context)),
            },
        )


COUNTRY = CountryView()
