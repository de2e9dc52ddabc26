"""Map view (``/``): an indicator by country and year, flow lines, Missing Migrants incidents."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.graph import top_corridors
from dashboard.analytics.indicators import SPECS, indicator_values
from dashboard.analytics.intervals import format_interval
from dashboard.analytics.selection import FlowFilter, select_flows
from dashboard.components.chart import CsvDownload, export_buttons, graph_config, source_note
from dashboard.components.controls import (
    exploitation_dropdown,
    indicator_dropdown,
    labelled,
    measure_radio,
    measure_years,
    notices,
    view_context,
)
from dashboard.context import current_dataset
from dashboard.dataset import Dataset
from dashboard.figures.maps import (
    MapOptions,
    flow_line_traces,
    in_map_area,
    incident_trace,
    map_figure,
)
from dashboard.i18n import t
from dashboard.state import ViewState, parse_query, to_query

dash.register_page(__name__, path="/", name="Map", order=0, title="Map")

KEYS = ("measure", "indicator", "exploitation", "year", "lines", "incidents", "focus", "top")
PAGE = "map"


def best_recent_year(indicators: pd.DataFrame) -> int:
    """The latest year in which at least 80 % of the best-covered year's countries reported.

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
    return int(reporting[reporting >= 0.8 * reporting.max()].index.max())


def defaults(dataset: Dataset) -> ViewState:
    """The map's default view: detected victims in a well-covered recent year, with flow lines."""
    return ViewState(year=best_recent_year(dataset.indicators), lines=True, top=20)


def map_points(dataset: Dataset) -> dict[str, tuple[float, float]]:
    """Code or token → (lon, lat) for everything the map can draw a line to."""
    points = {}
    for frame, key in ((dataset.countries, "iso3"), (dataset.nodes, "token")):
        located = frame.dropna(subset=["lon", "lat"])
        points.update(
            zip(located[key], zip(located["lon"], located["lat"], strict=True), strict=True)
        )
    return points


@lru_cache(maxsize=64)
def _all_years(dataset: Dataset, indicator: str, exploitation: str) -> pd.DataFrame:
    # Pure and keyed by its arguments: the same in every worker. Callers must not mutate it.
    return indicator_values(dataset.indicators, dataset.population, indicator, exploitation)


def map_values(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Indicator values of the map's year (rows behind the choropleth)."""
    values = _all_years(dataset, state.indicator, state.exploitation)
    return values.loc[values["year"] == state.year]


def map_flows(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The year's largest corridors into or out of the focus countries (what the lines draw).

    Lines are limited to the region the dashboard is about: the world's largest corridors would
    otherwise run off the map (e.g. to the Americas) and hide the Southern Mediterranean ones.
    """
    flt = FlowFilter(
        measure=state.measure,
        year_from=state.year,
        year_to=state.year,
        countries=tuple(dataset.focus_countries),
    )
    return top_corridors(select_flows(dataset.flows, flt), state.top)


def build_figure(dataset: Dataset, state: ViewState):
    """The map figure for ``state`` (data access → analytics → figure)."""
    spec = SPECS[state.indicator]
    values = map_values(dataset, state)
    lines = None
    if state.lines:
        lines = flow_line_traces(map_flows(dataset, state), map_points(dataset), dataset.names)
    incidents = None
    if state.incidents:
        year_incidents = in_map_area(dataset.incidents.loc[dataset.incidents["year"] == state.year])
        incidents = incident_trace(
            year_incidents, t("Dead and missing migrants (IOM) — context, not trafficking")
        )
    options = MapOptions(
        title=f"{t(spec.label)}, {state.year}",
        colour_label=t("at least") + (" %" if spec.unit == "%" else ""),
        percent=spec.unit == "%",
        digits=spec.digits,
        focus=state.focus,
        height=620,
    )
    return map_figure(values, dataset.names, options, lines, incidents)


def summary(dataset: Dataset, state: ViewState) -> html.Div:
    """The focus country's summary under the map (or a hint to click one)."""
    if not state.focus:
        return html.P(t("Click a country on the map to see its summary."), className="hint")
    code = state.focus
    values = _all_years(dataset, "detected-victims", "total")
    own = values.loc[values["iso3"] == code]
    latest = own.loc[own["year"] == own["year"].max()] if not own.empty else own
    lines = [html.H3(dataset.name(code))]
    if latest.empty:
        lines.append(html.P(t("No detected victims reported to UNODC.")))
    else:
        row = latest.iloc[0]
        lines.append(
            html.P(
                t(
                    "{n} detected victims in {year} (latest year reported).",
                    n=format_interval(row["low"], row["high"]),
                    year=int(row["year"]),
                )
            )
        )
        lines.append(
            html.P(t("Years reported: {years}.", years=", ".join(map(str, sorted(own["year"])))))
        )
    lines.append(dcc.Link(t("Open the country profile →"), href=f"/country/{code}"))
    return html.Div(lines, className="summary-card")


def state_from_query(dataset: Dataset, query: downloads.Query) -> tuple[ViewState, list[str]]:
    """The state an address's query describes, and notices about the values it ignored."""
    return parse_query(query, defaults(dataset), view_context(dataset), KEYS)


def layout(**query: str) -> html.Div:
    dataset = current_dataset()
    state, messages = state_from_query(dataset, query)
    years = sorted(dataset.indicators["year"].unique())
    first, last = int(years[0]), int(years[-1])
    return html.Div(
        [
            notices(messages),
            html.Div(
                [
                    indicator_dropdown(ids.MAP_INDICATOR, state.indicator),
                    exploitation_dropdown(ids.MAP_EXPLOITATION, state.exploitation),
                    labelled(
                        t("Year"),
                        html.Div(
                            [
                                html.Button(
                                    t("▶ Play"), id=ids.MAP_PLAY, className="button", n_clicks=0
                                ),
                                dcc.Slider(
                                    first,
                                    last,
                                    1,
                                    value=state.year,
                                    marks={y: str(y) for y in range(first, last + 1) if y % 5 == 0},
                                    id=ids.MAP_YEAR,
                                    tooltip={"placement": "bottom", "always_visible": False},
                                ),
                            ],
                            className="year-row",
                        ),
                        ids.MAP_YEAR,
                    ),
                    measure_radio(ids.MAP_MEASURE, state.measure),
                    labelled(
                        t("Layers"),
                        dcc.Checklist(
                            [
                                {
                                    "label": t("Flow lines (region)"),
                                    "value": "lines",
                                },
                                {
                                    "label": t("Migrant deaths (IOM, context)"),
                                    "value": "incidents",
                                },
                            ],
                            [k for k in ("lines", "incidents") if getattr(state, k)],
                            id=ids.MAP_LAYERS,
                        ),
                        ids.MAP_LAYERS,
                    ),
                ],
                className="controls",
            ),
            dcc.Interval(id=ids.MAP_PLAY_TIMER, interval=1500, disabled=True),
            dcc.Store(id=ids.MAP_FOCUS, data=state.focus),
            dcc.Store(id=ids.view_state(PAGE)),
            dcc.Loading(
                dcc.Graph(id=ids.MAP_GRAPH, config=graph_config("map"), className="map-graph"),
                delay_show=400,
            ),
            export_buttons(
                CsvDownload(ids.MAP_DOWNLOAD_BUTTON, downloads.route(PAGE, "map")),
                query=to_query(state, KEYS),
                graph_id=ids.MAP_GRAPH,
            ),
            html.Div(id=ids.MAP_SOURCE),
            html.Div(id=ids.MAP_SUMMARY),
        ],
        className="page page-map",
    )


def state_from_controls(
    indicator: str, exploitation: str, year: int, measure: str, layers: list[str], focus: str | None
) -> ViewState:
    return replace(
        ViewState(),
        indicator=indicator,
        exploitation=exploitation,
        year=int(year),
        measure=measure,
        lines="lines" in (layers or []),
        incidents="incidents" in (layers or []),
        focus=focus,
        top=20,
    )


@callback(
    Output(ids.MAP_FOCUS, "data"),
    Input(ids.MAP_GRAPH, "clickData"),
    prevent_initial_call=True,
)
def focus_on_click(click: dict | None) -> str | None:
    """Clicking a country makes it the focus (clicks on lines or incidents are ignored)."""
    point = (click or {}).get("points", [{}])[0]
    return point.get("location") or dash.no_update


@callback(
    Output(ids.MAP_GRAPH, "figure"),
    Output(ids.MAP_GRAPH, "config"),
    Output(ids.view_state(PAGE), "data"),
    Output(ids.MAP_SUMMARY, "children"),
    Output(ids.MAP_SOURCE, "children"),
    Input(ids.MAP_INDICATOR, "value"),
    Input(ids.MAP_EXPLOITATION, "value"),
    Input(ids.MAP_YEAR, "value"),
    Input(ids.MAP_MEASURE, "value"),
    Input(ids.MAP_LAYERS, "value"),
    Input(ids.MAP_FOCUS, "data"),
)
def update_map(indicator, exploitation, year, measure, layers, focus):
    dataset = current_dataset()
    state = state_from_controls(indicator, exploitation, year, measure, layers, focus)
    first, last = measure_years(dataset, state.measure)
    caveat = ""
    if state.lines and not first <= state.year <= last:
        caveat = t("No {measure} flows in {year}.", measure=state.measure, year=state.year)
    sources = ["unodc-glotip"]
    if state.indicator == "victims-per-100k":
        sources.append("wb-wdi")
    if state.lines and state.measure == "border-crossings":
        sources.append("frontex")
    if state.incidents:
        sources.append("iom-mmp")
    note = source_note(
        dataset,
        sources,
        t("Colour shows the lower bound where suppressed counts (<5) make a range. ") + caveat,
    )
    filename = f"map_{state.indicator}_{state.year}"
    return (
        build_figure(dataset, state),
        graph_config(filename),
        to_query(state, KEYS),
        summary(dataset, state),
        note,
    )


def map_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The choropleth's rows of ``state`` (indicator, form of exploitation, year), with each
    country's name, the source and its citation."""
    values = map_values(dataset, state).assign(
        indicator=state.indicator,
        exploitation=state.exploitation,
        country=lambda f: f["iso3"].map(dataset.name),
        source="unodc-glotip",
        citation=dataset.citation("unodc-glotip"),
    )
    columns = ["iso3", "country", "year", "indicator", "exploitation", "low", "high", "censored"]
    return values[[*columns, "source", "citation"]]


@downloads.register(PAGE, "map")
def download_map(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/map/map.csv?<the map's query>``: the values the map colours."""
    state, _ = state_from_query(dataset, query)
    filename = f"map_{state.indicator}_{state.exploitation}_{state.year}.csv"
    return map_export(dataset, state), filename


# Play: step the year slider on each tick (pure UI, so it runs in the browser).
dash.clientside_callback(
    """
    function(n, year, min, max) {
        if (!n) { return window.dash_clientside.no_update; }
        return year >= max ? min : year + 1;
    }
    """,
    Output(ids.MAP_YEAR, "value"),
    Input(ids.MAP_PLAY_TIMER, "n_intervals"),
    State(ids.MAP_YEAR, "value"),
    State(ids.MAP_YEAR, "min"),
    State(ids.MAP_YEAR, "max"),
    prevent_initial_call=True,
)
dash.clientside_callback(
    """
    function(n) {
        const playing = n % 2 === 1;
        return [!playing, playing ? "⏸ Pause" : "▶ Play"];
    }
    """,
    Output(ids.MAP_PLAY_TIMER, "disabled"),
    Output(ids.MAP_PLAY, "children"),
    Input(ids.MAP_PLAY, "n_clicks"),
    prevent_initial_call=True,
)
