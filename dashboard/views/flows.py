"""The Flows view: origin → corridor → destination of one measure, in the chosen countries.

Detected trafficking victims (UNODC, by citizenship → country of detection) and irregular
border crossings (Frontex, nationality → route → arrival area) are separate measures: one is
shown at a time and never added to the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analytics.selection import FlowFilter, select_flows
from dashboard.dataset import Dataset
from dashboard.schemas import AGE, EXPLOITATION, SEX
from dashboard.state import TOP_CHOICES, ViewState, to_query
from dashboard.text import N_, Message
from dashboard.views.base import View
from dashboard.views.countries import chosen_countries
from dashboard.views.years import clamp_years, measure_years, slider_years

#: The breakdowns of uploaded flows, as query keys (``total``: all).
BREAKDOWN_KEYS = ("exploitation", "sex", "age")
_BREAKDOWN_CHOICES = {"exploitation": EXPLOITATION, "sex": SEX, "age": AGE}


def _breakdown(key: str, value: object) -> str:
    return value if isinstance(value, str) and value in _BREAKDOWN_CHOICES[key] else "total"


YEARS_LIMITED = N_("This measure has data for {first}–{last} only; the years were limited to them.")


@dataclass(frozen=True)
class FlowsData:
    """What the Flows view shows for one state."""

    state: ViewState
    rows: pd.DataFrame  # the flow rows behind the Sankey (none until a country is chosen)
    years: tuple[int, int] | None  # the measure's first and last year (None: no such flows)
    sources: tuple[str, ...]  # source datasets of the measure's rows


class FlowsView(View):
    page = "flows"
    keys = ("measure", "from", "to", "countries", "top", "exploitation", "sex", "age")

    def defaults(self, dataset: Dataset) -> ViewState:
        """Detected victims in the focus countries over every year with flows, top 10."""
        return ViewState(countries=tuple(dataset.focus_countries), top=10)

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """Fill missing years with the measure's first and last, and keep years inside them."""
        return clamp_years(state, measure_years(dataset, state.measure), YEARS_LIMITED)

    def from_controls(
        self,
        dataset: Dataset,
        measure: str,
        years: list[int] | None,
        countries: list[str] | None,
        top: int | None,
        measure_changed: bool = False,
        breakdown: Mapping[str, str | None] | None = None,
    ) -> tuple[ViewState, list[Message]]:
        """The state the controls describe, and notices about values that were adjusted.

        A new measure starts from all of its years; more than the most countries a view takes
        are cut to the first ones. ``breakdown``: the chosen sex, age and form of exploitation
        (uploaded flows only; anything else is ``total``).
        """
        codes, notices = chosen_countries(countries)
        year_from, year_to = (None, None) if measure_changed else slider_years(years)
        state = replace(
            self.defaults(dataset),
            measure=measure,
            year_from=year_from,
            year_to=year_to,
            countries=codes,
            top=int(top) if top in TOP_CHOICES else 10,
            **{key: _breakdown(key, (breakdown or {}).get(key)) for key in BREAKDOWN_KEYS},
        )
        state, _ = self.check(dataset, state)
        return state, notices

    def query(self, state: ViewState) -> str:
        """The view's query; a breakdown is written only when one is chosen (the public flows
        have none, and their addresses stay as they were)."""
        keys = [k for k in self.keys if k not in BREAKDOWN_KEYS or getattr(state, k) != "total"]
        return to_query(state, keys)

    def filter(self, state: ViewState) -> FlowFilter:
        """The rows behind the view: one measure, the years, flows touching the countries."""
        return FlowFilter(
            measure=state.measure,
            year_from=state.year_from,
            year_to=state.year_to,
            countries=state.countries,
        )

    def process(self, dataset: Dataset, state: ViewState) -> FlowsData:
        rows = select_flows(dataset.flows, self.filter(state)) if state.countries else None
        of_measure = dataset.flows.loc[dataset.flows["measure"] == state.measure, "source"]
        return FlowsData(
            state=state,
            rows=rows if rows is not None else dataset.flows.iloc[:0],
            years=measure_years(dataset, state.measure),
            sources=tuple(sorted(of_measure.unique())),
        )


FLOWS = FlowsView()
