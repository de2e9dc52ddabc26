"""The Data view: the rows behind a selection — flows or country indicators — as the grid,
the CSV download and ``python -m dashboard export`` give them.

Indicators are listed by the indicators table's own (raw) indicator names. A derived view
indicator (a share such as ``share-children``, or ``victims-per-100k``) has no rows of its own:
the view lists the rows of its base indicator (``detected-victims``), from which it is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analytics.indicators import SPECS
from dashboard.analytics.selection import FlowFilter, IndicatorFilter
from dashboard.dataset import Dataset
from dashboard.export import flows_export, indicators_export
from dashboard.state import ViewState
from dashboard.text import N_, Message
from dashboard.views.base import View
from dashboard.views.countries import chosen_countries
from dashboard.views.flows import FLOWS
from dashboard.views.years import clamp_years, indicator_years, measure_years, slider_years

YEARS_LIMITED = N_("This table has data for {first}–{last} only; the years were limited to them.")


def base_indicator(indicator: str) -> str:
    """The indicators-table indicator whose rows a view indicator is computed from.

    Examples
    --------
    >>> base_indicator("share-children"), base_indicator("persons-convicted")
    ('detected-victims', 'persons-convicted')
    """
    return SPECS[indicator].base


def cli_command(flt: FlowFilter | IndicatorFilter) -> str:
    """The command line that writes the same CSV.

    Examples
    --------
    >>> cli_command(FlowFilter(year_from=2015, year_to=2021, countries=("TUN", "LBY")))
    'python -m dashboard export flows --measure trafficking-victims --from 2015 --to 2021 --countries TUN,LBY'
    """  # noqa: E501
    if isinstance(flt, FlowFilter):
        parts = ["python -m dashboard export flows", f"--measure {flt.measure}"]
    else:
        parts = ["python -m dashboard export indicators", f"--indicator {flt.indicator}"]
    if flt.year_from is not None:
        parts.append(f"--from {flt.year_from}")
    if flt.year_to is not None:
        parts.append(f"--to {flt.year_to}")
    if flt.countries:
        parts.append("--countries " + ",".join(flt.countries))
    return " ".join(parts)


def selection(state: ViewState) -> dict:
    """What the grid lists, as the controls hold it: the store the grid's rows are read from.

    Examples
    --------
    >>> state = ViewState(year_from=2015, year_to=2021, countries=("TUN",))
    >>> selection(state)  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'flows', 'measure': 'trafficking-victims', 'indicator': 'detected-victims',
     'years': [2015, 2021], 'countries': ['TUN']}
    """
    return {
        "kind": state.kind,
        "measure": state.measure,
        "indicator": state.indicator,
        "years": [state.year_from, state.year_to],
        "countries": list(state.countries),
    }


@dataclass(frozen=True)
class DataRows:
    """What the Data view lists for one state."""

    state: ViewState
    filter: FlowFilter | IndicatorFilter
    rows: pd.DataFrame  # the export's rows (none until a country is chosen)
    years: tuple[int, int] | None  # the chosen table's (and measure's) first and last year


class DataView(View):
    page = "data"
    keys = ("kind", "measure", "indicator", "from", "to", "countries")

    def defaults(self, dataset: Dataset) -> ViewState:
        """Flows of detected victims touching the focus countries, every year with data."""
        return ViewState(kind="flows", countries=tuple(dataset.focus_countries))

    def years(self, dataset: Dataset, state: ViewState) -> tuple[int, int] | None:
        """First and last year of the chosen table (and measure, for flows)."""
        if state.kind == "flows":
            return measure_years(dataset, state.measure)
        return indicator_years(dataset)

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """Fill missing years with the table's first and last, and keep years inside them."""
        return clamp_years(state, self.years(dataset, state), YEARS_LIMITED)

    def from_controls(
        self,
        dataset: Dataset,
        kind: str,
        measure: str,
        indicator: str,
        years: list[int] | None,
        countries: list[str] | None,
        table_changed: bool = False,
    ) -> tuple[ViewState, list[Message]]:
        """The state the controls describe, and notices about values that were adjusted.

        A new table or measure starts from all of its years; more than the most countries a
        view takes are cut to the first ones.
        """
        codes, notices = chosen_countries(countries)
        year_from, year_to = (None, None) if table_changed else slider_years(years)
        state = replace(
            self.defaults(dataset),
            kind=kind,
            measure=measure,
            indicator=indicator if indicator in SPECS else "detected-victims",
            year_from=year_from,
            year_to=year_to,
            countries=codes,
        )
        state, _ = self.check(dataset, state)
        return state, notices

    def from_selection(self, dataset: Dataset, chosen: dict) -> ViewState:
        """The state of a :func:`selection` (what the grid lists)."""
        state, _ = self.from_controls(
            dataset,
            chosen["kind"],
            chosen["measure"],
            chosen["indicator"],
            chosen["years"],
            chosen["countries"],
        )
        return state

    def filter(self, state: ViewState) -> FlowFilter | IndicatorFilter:
        """The export filter of ``state``: the same one the CSV and the command line use."""
        if state.kind == "flows":
            return FLOWS.filter(state)  # the Flows view's rows
        return IndicatorFilter(
            indicator=base_indicator(state.indicator),
            countries=state.countries,
            year_from=state.year_from,
            year_to=state.year_to,
        )

    def export_rows(self, dataset: Dataset, state: ViewState) -> pd.DataFrame:
        """The rows of ``state`` with the export's columns (the CSV's, whatever the countries)."""
        flt = self.filter(state)
        if isinstance(flt, FlowFilter):
            return flows_export(dataset, flt)
        return indicators_export(dataset, flt)

    def process(self, dataset: Dataset, state: ViewState) -> DataRows:
        rows = self.export_rows(dataset, state)
        return DataRows(
            state=state,
            filter=self.filter(state),
            rows=rows if state.countries else rows.iloc[0:0],
            years=self.years(dataset, state),
        )


DATA = DataView()
