"""Years: which years a dataset covers, the one rule for year sliders, and keeping a state's
years inside the data.

Everything here is derived from the dataset (and cached on it): a dataset that lacks a table or
a measure has no years for it (``None``), never an exception.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from dashboard.dataset import Dataset
from dashboard.state import Context, ViewState
from dashboard.text import N_, Message

YEARS_MOVED = N_("The data cover {first}–{last}; the years were moved into that span.")


def _span(years: pd.Series) -> tuple[int, int] | None:
    years = years.dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def measure_years(dataset: Dataset, measure: str) -> tuple[int, int] | None:
    """First and last year with flows of ``measure`` (``None`` when it has none)."""

    def compute() -> tuple[int, int] | None:
        flows = dataset.flows
        return _span(flows.loc[flows["measure"] == measure, "year"])

    return dataset.derived.get(("measure-years", measure), compute)


def indicator_years(dataset: Dataset) -> tuple[int, int] | None:
    """First and last year of the indicators table (``None`` when it is empty)."""
    return dataset.derived.get(("indicator-years",), lambda: _span(dataset.indicators["year"]))


def query_context(dataset: Dataset) -> Context:
    """Valid values for parsing an address against ``dataset``: its country codes and the
    years its indicators and flows cover."""

    def compute() -> Context:
        years = pd.concat([dataset.indicators["year"], dataset.flows["year"]])
        first, last = _span(years) or (0, -1)
        return Context(countries=dataset.country_codes, first_year=first, last_year=last)

    return dataset.derived.get(("query-context",), compute)


def year_marks(first: int, last: int, most: int = 7) -> dict[int, str]:
    """Marks of a year slider (the one rule of every year slider): the first year, then every
    ``step`` years — every third year, or more where a narrow slider takes at most ``most``
    marks — and the last, none so close to the last that they overlap.

    Examples
    --------
    >>> list(year_marks(2009, 2025))
    [2009, 2012, 2015, 2018, 2021, 2025]
    >>> list(year_marks(2003, 2021))
    [2003, 2006, 2009, 2012, 2015, 2018, 2021]
    >>> list(year_marks(2003, 2021, most=4))
    [2003, 2009, 2015, 2021]
    """
    step = max(3, -(-(last - first) // max(most - 1, 1)))
    return {
        y: str(y)
        for y in range(first, last + 1)
        if y == last or ((y - first) % step == 0 and last - y >= (2 * step + 2) // 3)
    }


def clamp_years(
    state: ViewState, span: tuple[int, int] | None, message: str = YEARS_MOVED
) -> tuple[ViewState, list[Message]]:
    """Fill a state's missing years with the span's first and last, and keep them inside it.

    ``message`` (with ``{first}`` and ``{last}``) is the notice given when a year had to be
    moved. With no span (no data), the years are left as they are.

    Examples
    --------
    >>> state, notices = clamp_years(ViewState(year_from=1990), (2003, 2021))
    >>> (state.year_from, state.year_to), [n.fields for n in notices]
    ((2003, 2021), [{'first': 2003, 'last': 2021}])
    """
    if span is None:
        return state, []
    first, last = span
    year_from = first if state.year_from is None else min(max(state.year_from, first), last)
    year_to = last if state.year_to is None else min(max(state.year_to, first), last)
    notices = []
    if (year_from, year_to) != (state.year_from or year_from, state.year_to or year_to):
        notices.append(Message(message, {"first": first, "last": last}))
    return replace(state, year_from=year_from, year_to=year_to), notices


def slider_years(years: list | None) -> tuple[int | None, int | None]:
    """A range slider's value as (first, last) years, in order (``None`` when unset)."""
    if not years:
        return None, None
    first, last = int(years[0]), int(years[1])
    return min(first, last), max(first, last)
