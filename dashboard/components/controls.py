"""Labelled controls and the helpers every view uses to read and write its state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from dash import dcc, html

from dashboard.analytics.indicators import SPECS
from dashboard.dataset import Dataset
from dashboard.i18n import t
from dashboard.schemas import EXPLOITATION, MEASURES
from dashboard.state import Context, ViewState

MEASURE_LABELS = {
    "trafficking-victims": "Trafficking victims (UNODC)",
    "border-crossings": "Border crossings (Frontex) — context",
}
EXPLOITATION_LABELS = {
    "total": "All forms",
    "sexual-exploitation": "Sexual exploitation",
    "forced-labour": "Forced labour",
    "other": "Other forms",
}


@lru_cache(maxsize=8)
def _context(dataset: Dataset) -> Context:
    years = list(dataset.indicators["year"]) + list(dataset.flows["year"])
    return Context(countries=dataset.country_codes, first_year=min(years), last_year=max(years))


def view_context(dataset: Dataset) -> Context:
    """Valid values for parsing a URL against ``dataset`` (codes, first and last year)."""
    return _context(dataset)


def measure_years(dataset: Dataset, measure: str) -> tuple[int, int]:
    """First and last year with flows of ``measure``."""
    years = dataset.flows.loc[dataset.flows["measure"] == measure, "year"]
    return int(years.min()), int(years.max())


def clamp_years(
    state: ViewState, first: int, last: int, message: str
) -> tuple[ViewState, list[str]]:
    """Fill missing years with ``first``/``last`` and keep the years inside them.

    ``message`` (with ``{first}`` and ``{last}``) is the notice given when a year from the
    address had to be moved.
    """
    year_from = first if state.year_from is None else min(max(state.year_from, first), last)
    year_to = last if state.year_to is None else min(max(state.year_to, first), last)
    messages = []
    if (year_from, year_to) != (state.year_from or year_from, state.year_to or year_to):
        messages.append(t(message, first=first, last=last))
    return replace(state, year_from=year_from, year_to=year_to), messages


def labelled(label: str, control: object, control_id: str | None = None) -> html.Div:
    """A control with its visible label (associated for screen readers)."""
    return html.Div(
        [html.Label(label, htmlFor=control_id, className="control-label"), control],
        className="control",
    )


def measure_radio(control_id: str, value: str) -> html.Div:
    options = [{"label": t(MEASURE_LABELS[m]), "value": m} for m in MEASURES]
    return labelled(
        t("Measure"),
        dcc.RadioItems(options, value, id=control_id, className="radio"),
        control_id,
    )


def indicator_dropdown(control_id: str, value: str) -> html.Div:
    options = [{"label": t(spec.label), "value": key} for key, spec in SPECS.items()]
    return labelled(
        t("Indicator"),
        dcc.Dropdown(options, value, id=control_id, clearable=False, searchable=False),
        control_id,
    )


def exploitation_dropdown(control_id: str, value: str) -> html.Div:
    options = [{"label": t(EXPLOITATION_LABELS[e]), "value": e} for e in EXPLOITATION]
    return labelled(
        t("Form of exploitation"),
        dcc.Dropdown(options, value, id=control_id, clearable=False, searchable=False),
        control_id,
    )


def country_options(dataset: Dataset, codes: Sequence[str] | None = None) -> list[dict]:
    """Dropdown options for countries, focus countries first, then by name."""
    frame = dataset.countries
    if codes is not None:
        frame = frame[frame["iso3"].isin(codes)]
    frame = frame.sort_values(["focus", "name_en"], ascending=[False, True])
    return [
        {"label": f"{name} ({code})", "value": code}
        for code, name in zip(frame["iso3"], frame["name_en"], strict=True)
    ]


def countries_dropdown(
    dataset: Dataset, control_id: str, value: Sequence[str], label: str | None = None
) -> html.Div:
    return labelled(
        label or t("Countries"),
        dcc.Dropdown(
            country_options(dataset),
            list(value),
            id=control_id,
            multi=True,
            placeholder=t("All countries"),
        ),
        control_id,
    )


def year_range_slider(control_id: str, first: int, last: int, value: tuple[int, int]) -> html.Div:
    marks = {y: str(y) for y in range(first, last + 1) if (y - first) % 3 == 0 or y == last}
    return labelled(
        t("Years"),
        dcc.RangeSlider(
            first,
            last,
            1,
            value=list(value),
            marks=marks,
            id=control_id,
            allowCross=False,
            tooltip={"placement": "bottom"},
        ),
        control_id,
    )


def notices(messages: list[str]) -> html.Div:
    """Visible notices about ignored URL values (never an error page)."""
    if not messages:
        return html.Div(className="notices")
    return html.Div(
        [html.P(message, className="notice") for message in messages],
        className="notices",
        role="status",
    )


def empty_state(message: str) -> html.Div:
    return html.Div(message, className="empty-state", role="status")
