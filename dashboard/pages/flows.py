"""Flows view (``/flows``): origin → corridor → destination Sankey of one measure.

Detected trafficking victims (UNODC, by citizenship → country of detection) and irregular
border crossings (Frontex, nationality → route → arrival area) are separate measures: one is
shown at a time and never added to the other. Repatriation links have no reliable direction
and are not shown here.
"""

from __future__ import annotations

from dataclasses import replace

import dash
import pandas as pd
import plotly.graph_objects as go
from dash import Input, Output, callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.selection import FlowFilter, select_flows
from dashboard.components.chart import (
    CsvDownload,
    download_link_class,
    export_buttons,
    graph_config,
    source_note,
)
from dashboard.components.controls import (
    clamp_years,
    country_options,
    labelled,
    measure_radio,
    measure_years,
    notices,
    view_context,
    year_range_slider,
)
from dashboard.context import current_dataset
from dashboard.dataset import Dataset
from dashboard.export import export_filename, flows_export
from dashboard.figures.flows import FlowOptions, empty_figure, flows_summary, sankey_figure
from dashboard.i18n import t
from dashboard.state import MAX_COUNTRIES, TOP_CHOICES, ViewState, parse_query, to_query

dash.register_page(__name__, path="/flows", name="Flows", order=1, title="Flows")

KEYS = ("measure", "from", "to", "countries", "top")
PAGE = "flows"

#: What each measure counts (hover text, summary) and which dataset it comes from.
UNITS = {
    "trafficking-victims": "detected victims",
    "border-crossings": "irregular border crossings",
}
SOURCES = {"trafficking-victims": "unodc-glotip", "border-crossings": "frontex"}
TITLES = {
    "trafficking-victims": "Detected trafficking victims: citizenship → country of detection",
    "border-crossings": "Irregular border crossings: nationality → route → arrival area",
}
CONTEXT_NOTE = (
    "Frontex detections of irregular border crossings — migration context, not trafficking; "
    "counts crossings, not persons."
)


def defaults(dataset: Dataset) -> ViewState:
    """Detected victims in the focus countries over every year with flows, top 10 corridors."""
    return ViewState(countries=tuple(dataset.focus_countries), top=10)


def with_years(dataset: Dataset, state: ViewState) -> tuple[ViewState, list[str]]:
    """Fill missing years with the measure's first and last, and keep years inside them.

    Returns the state and a notice when a year from the address was outside the measure's years.
    """
    first, last = measure_years(dataset, state.measure)
    message = "This measure has data for {first}–{last} only; the years were limited to them."
    return clamp_years(state, first, last, message)


def flow_filter(state: ViewState) -> FlowFilter:
    """The rows behind the view: one measure, the years, flows touching the chosen countries."""
    return FlowFilter(
        measure=state.measure,
        year_from=state.year_from,
        year_to=state.year_to,
        countries=state.countries,
    )


def build_figure(dataset: Dataset, state: ViewState) -> go.Figure:
    """The Sankey for ``state`` (data access → figure), or a message when nothing is chosen."""
    if not state.countries:
        return empty_figure(t("Choose at least one country to see its flows."))
    flows = select_flows(dataset.flows, flow_filter(state))
    title = f"{t(TITLES[state.measure])}, {state.year_from}–{state.year_to}"
    options = FlowOptions(
        top=state.top,
        unit=t(UNITS[state.measure]),
        title=title,
        empty_message=t("No flows of this measure touch these countries in these years."),
    )
    return sankey_figure(flows, dataset.names, options)


def summary(dataset: Dataset, state: ViewState) -> list:
    """The context warning (border crossings) and the plain-language summary sentence."""
    parts: list = []
    if state.measure == "border-crossings":
        parts.append(html.P(t(CONTEXT_NOTE), className="notice context-note", role="note"))
    if state.countries:
        flows = select_flows(dataset.flows, flow_filter(state))
        parts.append(html.P(flows_summary(flows, dataset.names, t(UNITS[state.measure]))))
    return parts


def _top_dropdown(value: int) -> html.Div:
    options = [{"label": t("Top {n}", n=n), "value": n} for n in TOP_CHOICES]
    return labelled(
        t("Corridors shown (the rest grouped as “Other”)"),
        dcc.Dropdown(options, value, id=ids.FLOWS_TOP, clearable=False, searchable=False),
        ids.FLOWS_TOP,
    )


def _countries_dropdown(dataset: Dataset, value: tuple[str, ...]) -> html.Div:
    return labelled(
        t("Countries (origin or destination, at most {n})", n=MAX_COUNTRIES),
        dcc.Dropdown(
            country_options(dataset),
            list(value),
            id=ids.FLOWS_COUNTRIES,
            multi=True,
            placeholder=t("Choose one or more countries"),
        ),
        ids.FLOWS_COUNTRIES,
    )


def state_from_query(dataset: Dataset, query: downloads.Query) -> tuple[ViewState, list[str]]:
    """The state an address's query describes, and notices about the values it changed."""
    state, messages = parse_query(query, defaults(dataset), view_context(dataset), KEYS)
    state, year_messages = with_years(dataset, state)
    return state, messages + year_messages


def layout(**query: str) -> html.Div:
    dataset = current_dataset()
    state, messages = state_from_query(dataset, query)
    first, last = measure_years(dataset, state.measure)
    return html.Div(
        [
            notices(messages),
            html.Div(
                [
                    measure_radio(ids.FLOWS_MEASURE, state.measure),
                    year_range_slider(
                        ids.FLOWS_YEARS, first, last, (state.year_from, state.year_to)
                    ),
                    _countries_dropdown(dataset, state.countries),
                    _top_dropdown(state.top),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.view_state(PAGE)),
            html.Div(id=ids.FLOWS_SUMMARY, className="flows-summary", **{"aria-live": "polite"}),
            dcc.Loading(
                dcc.Graph(id=ids.FLOWS_GRAPH, config=graph_config("flows"), className="chart"),
                delay_show=400,
            ),
            export_buttons(
                CsvDownload(ids.FLOWS_DOWNLOAD_BUTTON, downloads.route(PAGE, "flows")),
                query=to_query(state, KEYS),
                graph_id=ids.FLOWS_GRAPH,
            ),
            html.Div(id=ids.FLOWS_SOURCE),
        ],
        className="page page-flows",
    )


def year_marks(first: int, last: int) -> dict[int, str]:
    """Slider marks: every third year and the last, none so close to the last that they overlap.

    Examples
    --------
    >>> list(year_marks(2009, 2025))
    [2009, 2012, 2015, 2018, 2021, 2025]
    """
    return {
        y: str(y)
        for y in range(first, last + 1)
        if y == last or ((y - first) % 3 == 0 and last - y >= 2)
    }


def state_from_controls(
    dataset: Dataset,
    measure: str,
    years: list[int] | None,
    countries: list[str] | None,
    top: int | None,
    measure_changed: bool = False,
) -> tuple[ViewState, list[str]]:
    """The view state the controls describe, and notices about values that were adjusted.

    A new measure starts from all of its years; more than ``MAX_COUNTRIES`` countries are cut
    to the first ones (a longer list could not be written into the address).
    """
    messages = []
    codes = tuple(dict.fromkeys(countries or ()))
    if len(codes) > MAX_COUNTRIES:
        messages.append(
            t("At most {n} countries can be compared; the first {n} are kept.", n=MAX_COUNTRIES)
        )
        codes = codes[:MAX_COUNTRIES]
    year_from, year_to = (None, None) if measure_changed or not years else years
    state = replace(
        defaults(dataset),
        measure=measure,
        year_from=None if year_from is None else int(year_from),
        year_to=None if year_to is None else int(year_to),
        countries=codes,
        top=int(top) if top in TOP_CHOICES else 10,
    )
    state, _ = with_years(dataset, state)
    return state, messages


@callback(
    Output(ids.FLOWS_GRAPH, "figure"),
    Output(ids.FLOWS_GRAPH, "config"),
    Output(ids.view_state(PAGE), "data"),
    Output(ids.FLOWS_SUMMARY, "children"),
    Output(ids.FLOWS_SOURCE, "children"),
    Output(ids.FLOWS_YEARS, "min"),
    Output(ids.FLOWS_YEARS, "max"),
    Output(ids.FLOWS_YEARS, "marks"),
    Output(ids.FLOWS_YEARS, "value"),
    Output(ids.FLOWS_COUNTRIES, "value"),
    Output(ids.FLOWS_DOWNLOAD_BUTTON, "className"),
    Input(ids.FLOWS_MEASURE, "value"),
    Input(ids.FLOWS_YEARS, "value"),
    Input(ids.FLOWS_COUNTRIES, "value"),
    Input(ids.FLOWS_TOP, "value"),
)
def update_flows(measure, years, countries, top):
    dataset = current_dataset()
    changed = dash.ctx.triggered_id == ids.FLOWS_MEASURE
    state, messages = state_from_controls(dataset, measure, years, countries, top, changed)
    first, last = measure_years(dataset, state.measure)
    note = source_note(
        dataset,
        [SOURCES[state.measure]],
        t("Band widths show the lower bound where suppressed counts (<5) make a range."),
    )
    info = [html.P(m, className="notice") for m in messages] + summary(dataset, state)
    filename = export_filename(PAGE, flow_filter(state)).removesuffix(".csv")
    return (
        build_figure(dataset, state),
        graph_config(filename),
        to_query(state, KEYS),
        info,
        note,
        first,
        last,
        year_marks(first, last),
        [state.year_from, state.year_to],
        list(state.countries),
        download_link_class(bool(state.countries)),  # no country: no rows
    )


@downloads.register(PAGE, "flows")
def download_flows(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/flows/flows.csv?<the view's query>``: the flow rows behind the Sankey."""
    state, _ = state_from_query(dataset, query)
    flt = flow_filter(state)
    return flows_export(dataset, flt), export_filename("flows", flt)
