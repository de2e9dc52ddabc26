"""Flows view (``/flows``): layout and callbacks. What it computes: :mod:`dashboard.views.flows`.

Repatriation links have no reliable direction and are not shown here.
"""

from __future__ import annotations

from dataclasses import replace

import dash
import pandas as pd
from dash import Input, Output, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.selection import VICTIMS
from dashboard.components import controls
from dashboard.components.beside import fit_column, public_panel, side_by_side
from dashboard.components.chart import (
    CsvDownload,
    chart_card,
    download_link_class,
    graph_config,
    source_note,
    sourced,
)
from dashboard.dataset import Dataset
from dashboard.export import export_filename, flows_export
from dashboard.figures.sankey import FlowOptions, empty_figure, sankey_figure
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.schemas import AGE, SEX
from dashboard.state import MAX_COUNTRIES, TOP_CHOICES
from dashboard.text import Message, Text, labels
from dashboard.text import flows as words
from dashboard.text import upload as upload_words
from dashboard.views.flows import FLOWS, FlowsData
from dashboard.views.years import year_marks
from dashboard.web.address import current_text, keep
from dashboard.web.callbacks import view_callback
from dashboard.web.workspace import breakdown_dataset, has_breakdowns

dash.register_page(
    __name__, path="/flows", name=labels.VIEWS["flows"], order=1, title=page_title("flows")
)
PAGE = FLOWS.page


def figure(data: FlowsData, text: Text):
    """The Sankey, or a message when nothing is chosen or there is nothing to draw."""
    state = data.state
    if not state.countries:
        return empty_figure(text.gettext(words.NO_COUNTRY))
    options = FlowOptions(
        text=text,
        measure=state.measure,
        context=state.measure != VICTIMS,
        top=state.top,
        unit=text.gettext(words.UNITS[state.measure]),
        title=words.title(state.measure, state.year_from, state.year_to, text),
        empty_message=text.gettext(words.NO_FLOWS),
    )
    return sankey_figure(data.rows, current_dataset().names(text.lang), options)


def summary(data: FlowsData, text: Text) -> list:
    """The context warning (border crossings) and the plain-language summary."""
    parts: list = []
    if data.state.measure == "border-crossings":
        parts.append(
            html.P(text.gettext(words.CONTEXT_NOTE), className="notice context-note", role="note")
        )
    if data.state.countries:
        names = current_dataset().names(text.lang)
        parts.append(html.P(words.flows_summary(data.rows, data.state.measure, names, text)))
    return parts


def render(data: FlowsData, text: Text, notices_: list) -> dict:
    """Every output of the view's callback, by name."""
    state = data.state
    filename = export_filename(PAGE, FLOWS.filter(state)).removesuffix(".csv")
    if data.years is None:  # the dataset has no flows of this measure
        first = last = marks = dash.no_update
        shown = empty_figure(text.gettext(words.NO_MEASURE))
    else:
        (first, last), marks = data.years, year_marks(*data.years)
        shown = sourced(figure(data, text), current_dataset(), data.sources, text)
    return {
        "figure": shown,
        "config": graph_config(filename, text),
        "query": keep(FLOWS.query(state)),
        "summary": controls.notice_paragraphs(notices_, text) + summary(data, text),
        "source": source_note(current_dataset(), data.sources, text, text.gettext(words.BAND_NOTE)),
        "years_min": first,
        "years_max": last,
        "years_marks": marks,
        "years": [state.year_from, state.year_to],
        "countries": list(state.countries),
        "download_class": download_link_class(bool(state.countries)),  # no country: no rows
    }


def public_flows(state, text: Text) -> list:
    """The public data's Sankey for the state of an upload's (``[]`` unless the address sets
    them beside it): same measure, countries and years, within the public flows' years; the
    public flows have no breakdowns, so all their victims are shown."""

    def draw(public: Dataset) -> list:
        total = replace(state, sex="total", age="total", exploitation="total")
        shown, notices = FLOWS.check(public, total)
        if total != state:
            notices = [*notices, Message(upload_words.NO_BREAKDOWN)]
        data = FLOWS.process(public, shown)
        if data.years is None:
            return [controls.empty_state(text.gettext(words.NO_MEASURE))]
        drawn = render(data, text, notices)
        return [
            html.Div(drawn["summary"], id=ids.FLOWS_SUMMARY, className="flows-summary"),
            chart_card(
                ids.FLOWS_GRAPH,
                text,
                figure=fit_column(drawn["figure"]),
                config=drawn["config"],
                note=drawn["source"],
                downloads=[CsvDownload(ids.FLOWS_DOWNLOAD_BUTTON, downloads.route(PAGE, "flows"))],
                query=drawn["query"],
                framed=False,
                described_by=[ids.FLOWS_SUMMARY],
            ),
        ]

    return public_panel(draw, text)


def _top_dropdown(value: int, text: Text) -> html.Div:
    options = [{"label": text.gettext("Top {n}", n=n), "value": n} for n in TOP_CHOICES]
    return controls.labelled(
        text.gettext("Corridors shown (the rest grouped as “Other”)"),
        dcc.Dropdown(
            options,
            value,
            id=ids.FLOWS_TOP,
            clearable=False,
            searchable=False,
            labels=controls.dropdown_labels(text),
        ),
        ids.FLOWS_TOP,
    )


def _breakdown_controls(state, enabled: bool, text: Text) -> html.Div:
    """Filters by form of exploitation, sex and age: offered where the dataset has those
    breakdowns (uploaded flows), shown disabled with a sentence saying why elsewhere."""
    categories = labels.CATEGORIES
    choices = (
        (ids.FLOWS_EXPLOITATION, upload_words.FORM, dict(labels.EXPLOITATION), state.exploitation),
        (
            ids.FLOWS_SEX,
            upload_words.SEX,
            {"total": upload_words.ALL_SEXES, **{c: categories[c] for c in SEX[1:]}},
            state.sex,
        ),
        (
            ids.FLOWS_AGE,
            upload_words.AGE,
            {"total": upload_words.ALL_AGES, **{c: categories[c] for c in AGE[1:]}},
            state.age,
        ),
    )
    dropdowns = [
        controls.choice_dropdown(
            control_id, text.gettext(label), names, value, text, disabled=not enabled
        )
        for control_id, label, names, value in choices
    ]
    note = [] if enabled else [html.P(text.gettext(upload_words.NO_BREAKDOWN), className="note")]
    return html.Div([*dropdowns, *note], className="controls breakdown-controls")


def _dataset(state) -> Dataset:
    """The request's dataset, its flows filtered by the state's breakdowns (uploads only)."""
    return breakdown_dataset(current_dataset(), state.sex, state.age, state.exploitation)


def layout(**query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    state, messages = FLOWS.from_query(dataset, query)
    if not has_breakdowns(dataset):
        state = replace(state, sex="total", age="total", exploitation="total")
    dataset = _dataset(state)
    data = FLOWS.process(dataset, state)
    if data.years is None:
        return html.Div(
            [
                controls.notices(page_notices(messages), text),
                controls.measure_radio(ids.FLOWS_MEASURE, state.measure, text),
                controls.empty_state(text.gettext(words.NO_MEASURE)),
            ],
            className="page page-flows",
        )
    return html.Div(
        [
            controls.notices(page_notices(messages), text),
            html.Div(
                [
                    controls.measure_radio(ids.FLOWS_MEASURE, state.measure, text),
                    controls.year_range_slider(
                        ids.FLOWS_YEARS, data.years, (state.year_from, state.year_to), text
                    ),
                    controls.countries_dropdown(
                        dataset,
                        ids.FLOWS_COUNTRIES,
                        state.countries,
                        text.gettext(
                            "Countries (origin or destination, at most {n})", n=MAX_COUNTRIES
                        ),
                        text.gettext("Choose one or more countries"),
                        text,
                    ),
                    _top_dropdown(state.top, text),
                ],
                className="controls",
            ),
            _breakdown_controls(state, has_breakdowns(dataset), text),
            dcc.Store(id=ids.view_state(PAGE)),
            side_by_side(
                [
                    html.Div(
                        id=ids.FLOWS_SUMMARY, className="flows-summary", **{"aria-live": "polite"}
                    ),
                    chart_card(
                        ids.FLOWS_GRAPH,
                        text,
                        filename="flows",
                        source_id=ids.FLOWS_SOURCE,
                        downloads=[
                            CsvDownload(ids.FLOWS_DOWNLOAD_BUTTON, downloads.route(PAGE, "flows"))
                        ],
                        query=keep(FLOWS.query(state)),
                        framed=False,
                        described_by=[ids.FLOWS_SUMMARY],  # the Sankey's reading, over it
                    ),
                ],
                ids.beside_panel(PAGE),
                text,
            ),
        ],
        className="page page-flows",
    )


@view_callback(
    output={
        "figure": Output(ids.FLOWS_GRAPH, "figure"),
        "config": Output(ids.FLOWS_GRAPH, "config"),
        "query": Output(ids.view_state(PAGE), "data"),
        "summary": Output(ids.FLOWS_SUMMARY, "children"),
        "source": Output(ids.FLOWS_SOURCE, "children"),
        "years_min": Output(ids.FLOWS_YEARS, "min"),
        "years_max": Output(ids.FLOWS_YEARS, "max"),
        "years_marks": Output(ids.FLOWS_YEARS, "marks"),
        "years": Output(ids.FLOWS_YEARS, "value"),
        "countries": Output(ids.FLOWS_COUNTRIES, "value"),
        "download_class": Output(ids.FLOWS_DOWNLOAD_BUTTON, "className"),
        "beside": Output(ids.beside_panel(PAGE), "children"),
    },
    inputs={
        "measure": Input(ids.FLOWS_MEASURE, "value"),
        "years": Input(ids.FLOWS_YEARS, "value"),
        "countries": Input(ids.FLOWS_COUNTRIES, "value"),
        "top": Input(ids.FLOWS_TOP, "value"),
        "exploitation": Input(ids.FLOWS_EXPLOITATION, "value"),
        "sex": Input(ids.FLOWS_SEX, "value"),
        "age": Input(ids.FLOWS_AGE, "value"),
    },
)
def update_flows(
    measure, years, countries, top, exploitation="total", sex="total", age="total"
) -> dict:
    dataset = current_dataset()
    changed = dash.ctx.triggered_id == ids.FLOWS_MEASURE
    chosen = {"exploitation": exploitation, "sex": sex, "age": age}
    if not has_breakdowns(dataset):
        chosen = {}
    state, messages = FLOWS.from_controls(dataset, measure, years, countries, top, changed, chosen)
    text = current_text()
    beside = public_flows(state, text)
    drawn = render(FLOWS.process(_dataset(state), state), text, messages)
    if beside:  # two columns
        drawn["figure"] = fit_column(drawn["figure"])
    return {**drawn, "beside": beside}


@downloads.register(PAGE, "flows")
def download_flows(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/flows/flows.csv?<the view's query>``: the flow rows behind the Sankey."""
    state, _ = FLOWS.from_query(dataset, query)
    flt = FLOWS.filter(state)
    dataset = breakdown_dataset(dataset, state.sex, state.age, state.exploitation)
    return flows_export(dataset, flt), export_filename("flows", flt)
