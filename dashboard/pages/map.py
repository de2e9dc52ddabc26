"""Map view (``/``): layout and callbacks. What it computes: :mod:`dashboard.views.map`."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.indicators import SPECS
from dashboard.analytics.selection import VICTIMS
from dashboard.components import controls
from dashboard.components.beside import (
    fit_column,
    public_panel,
    side_by_side,
    uploaded_title,
)
from dashboard.components.chart import (
    CsvDownload,
    chart_card,
    graph_config,
    source_note,
    sourced,
)
from dashboard.dataset import Dataset
from dashboard.figures.maps import (
    LineOptions,
    MapOptions,
    flow_line_traces,
    incident_trace,
    map_figure,
)
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.text import Text, labels
from dashboard.text import maps as words
from dashboard.views.map import MAP, MapData
from dashboard.views.years import indicator_years, year_marks
from dashboard.web.address import current_text, keep, link
from dashboard.web.callbacks import view_callback

dash.register_page(__name__, path="/", name=labels.VIEWS["map"], order=0, title=page_title("map"))
PAGE = MAP.page


def figure(data: MapData, text: Text):
    """The map figure (analytics → figure), in ``text``'s language."""
    dataset = current_dataset()
    state = data.state
    spec = SPECS[state.indicator]
    names = dataset.names(text.lang)
    lines = None
    if data.corridors is not None:
        line_options = LineOptions(
            text,
            state.measure,
            text.gettext(words.LINES_LEGEND[state.measure]),
            context=state.measure != VICTIMS,
        )
        lines = flow_line_traces(data.corridors, data.points, names, line_options)
    incidents = None
    if data.incidents is not None:
        incidents = incident_trace(data.incidents, text.gettext(words.INCIDENTS), text)
    drawn_lines = state.measure if lines else None
    options = MapOptions(
        text=text,
        area=dataset.map_area,
        title=words.title(state.indicator, state.year, text),
        subtitle=words.subtitle(
            drawn_lines, incidents is not None, state.year, text, uploaded_title(dataset, text)
        ),
        colour_label=words.colour_label(state.indicator, text),
        measure=state.indicator,
        percent=spec.percent,
        digits=spec.digits,
        focus=state.focus,
        height=620,
    )
    return map_figure(data.values, names, options, lines, incidents)


def summary(data: MapData, text: Text) -> html.Div:
    """The focus country's summary under the map (or a hint to click one)."""
    code = data.state.focus
    if not code or data.focus is None:
        return html.P(text.gettext(words.CLICK_HINT), className="hint")
    own = data.focus
    latest = own.loc[own["year"] == own["year"].max()] if not own.empty else own
    sentences = words.focus_summary(
        None if latest.empty else latest.iloc[0],
        sorted(own["year"]),
        text,
        uploaded=uploaded_title(current_dataset(), text) is not None,
    )
    return html.Div(
        [
            html.H3(current_dataset().name(code, text.lang)),
            *(html.P(sentence) for sentence in sentences),
            dcc.Link(text.gettext("Open the country profile →"), href=link(f"/country/{code}")),
        ],
        className="summary-card",
    )


def render(data: MapData, text: Text) -> dict:
    """Every output of the map's callback, by name."""
    dataset = current_dataset()
    state = data.state
    first, last = data.lines_years or (None, None)
    no_lines = state.lines and (first is None or not first <= state.year <= last)
    note = source_note(
        dataset,
        data.sources,
        text,
        words.note(state.year if no_lines else None, state.measure, text),
    )
    spec = SPECS[state.indicator]
    names = dataset.names(text.lang)
    return {
        "figure": sourced(figure(data, text), dataset, data.sources, text),
        "reading": words.reading(
            data.values, state.indicator, state.year, names, spec.percent, spec.digits, text
        ),
        "config": graph_config(f"map_{state.indicator}_{state.year}", text),
        "query": keep(MAP.query(state)),
        "summary": summary(data, text),
        "source": note,
    }


def public_map(state, text: Text) -> list:
    """The public data's map for the state of an upload's (``[]`` unless the address sets them
    beside it): same indicator, form of exploitation, year, lines and focus."""

    def draw(public: Dataset) -> list:
        drawn = render(MAP.process(public, state), text)
        return [
            chart_card(
                ids.MAP_GRAPH,
                text,
                figure=fit_column(drawn["figure"]),
                config=drawn["config"],
                note=drawn["source"],
                reading=drawn["reading"],
                reading_id=ids.MAP_READING,
                source_id=ids.MAP_SOURCE,
                downloads=[CsvDownload(ids.MAP_DOWNLOAD_BUTTON, downloads.route(PAGE, "map"))],
                query=drawn["query"],
                framed=False,
                graph_class="map-graph",
                described_by=[ids.MAP_SOURCE, ids.MAP_SUMMARY],
            ),
            html.Div(drawn["summary"], id=ids.MAP_SUMMARY),
        ]

    return public_panel(draw, text)


def _layers(state, text: Text) -> html.Div:
    options = [{"label": text.gettext(words.LAYERS[k]), "value": k} for k in words.LAYERS]
    chosen = [k for k in ("lines", "incidents") if getattr(state, k)]
    return controls.labelled(
        text.gettext("Layers"),
        dcc.Checklist(options, chosen, id=ids.MAP_LAYERS),
        ids.MAP_LAYERS,
    )


def _year_control(first: int, last: int, year: int, text: Text) -> html.Div:
    play = html.Button(
        text.gettext(words.PLAY),
        id=ids.MAP_PLAY,
        className="button",
        n_clicks=0,
        # Read by the play callback in the browser: the button's words in this language.
        **{"data-play": text.gettext(words.PLAY), "data-pause": text.gettext(words.PAUSE)},
    )
    slider = dcc.Slider(
        first,
        last,
        1,
        value=year,
        marks=year_marks(first, last, most=4),  # a narrow slider beside the play button
        id=ids.MAP_YEAR,
        tooltip={"placement": "bottom", "always_visible": False},
    )
    ltr = controls.ltr_slider(ids.MAP_YEAR, slider, [text.gettext("Year")])
    return controls.labelled(
        text.gettext("Year"), html.Div([play, ltr], className="year-row"), ids.MAP_YEAR
    )


def layout(**query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    state, messages = MAP.from_query(dataset, query)
    years = indicator_years(dataset)
    if years is None or state.year is None:
        return html.Div(
            [
                controls.notices(page_notices(messages), text),
                controls.empty_state(
                    text.gettext("This dataset has no country indicators to map.")
                ),
            ],
            className="page page-map",
        )
    # The first figure comes with the page (one round trip less before the map is drawn);
    # the callback redraws it when a control changes.
    drawn = render(MAP.process(dataset, state), text)
    beside = public_map(state, text)
    if beside:  # two columns
        drawn["figure"] = fit_column(drawn["figure"])
    return html.Div(
        [
            controls.notices(page_notices(messages), text),
            html.Div(
                [
                    controls.indicator_dropdown(ids.MAP_INDICATOR, state.indicator, text),
                    controls.exploitation_dropdown(ids.MAP_EXPLOITATION, state.exploitation, text),
                    _year_control(*years, state.year, text),
                    controls.measure_radio(ids.MAP_MEASURE, state.measure, text),
                    _layers(state, text),
                ],
                className="controls",
            ),
            dcc.Interval(id=ids.MAP_PLAY_TIMER, interval=1500, disabled=True),
            dcc.Store(id=ids.MAP_FOCUS, data=state.focus),
            dcc.Store(id=ids.view_state(PAGE), data=drawn["query"]),
            side_by_side(
                [
                    chart_card(
                        ids.MAP_GRAPH,
                        text,
                        figure=drawn["figure"],
                        config=drawn["config"],
                        note=drawn["source"],
                        reading=drawn["reading"],
                        reading_id=ids.MAP_READING,
                        source_id=ids.MAP_SOURCE,
                        downloads=[
                            CsvDownload(ids.MAP_DOWNLOAD_BUTTON, downloads.route(PAGE, "map"))
                        ],
                        query=drawn["query"],
                        framed=False,
                        graph_class="map-graph",
                        updated=True,
                        # Besides its reading: the note on how its colours read, and the focus
                        # country's summary.
                        described_by=[ids.MAP_SOURCE, ids.MAP_SUMMARY],
                    ),
                    html.Div(drawn["summary"], id=ids.MAP_SUMMARY),
                ],
                ids.beside_panel(PAGE),
                text,
                beside,
            ),
        ],
        className="page page-map",
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


MAP_OUTPUTS = {
    "figure": Output(ids.MAP_GRAPH, "figure"),
    "reading": Output(ids.MAP_READING, "children"),
    "config": Output(ids.MAP_GRAPH, "config"),
    "query": Output(ids.view_state(PAGE), "data"),
    "summary": Output(ids.MAP_SUMMARY, "children"),
    "source": Output(ids.MAP_SOURCE, "children"),
    "beside": Output(ids.beside_panel(PAGE), "children"),
}


@view_callback(
    output=MAP_OUTPUTS,
    inputs={
        "indicator": Input(ids.MAP_INDICATOR, "value"),
        "exploitation": Input(ids.MAP_EXPLOITATION, "value"),
        "year": Input(ids.MAP_YEAR, "value"),
        "measure": Input(ids.MAP_MEASURE, "value"),
        "layers": Input(ids.MAP_LAYERS, "value"),
        "focus": Input(ids.MAP_FOCUS, "data"),
        "shown": State(ids.view_state(PAGE), "data"),
    },
    prevent_initial_call=True,  # the page's layout holds the first figure
)
def update_map(indicator, exploitation, year, measure, layers, focus, shown=None) -> dict:
    state = MAP.from_controls(indicator, exploitation, year, measure, layers, focus)
    if dash.ctx.triggered_id == ids.MAP_FOCUS and keep(MAP.query(state)) == shown:
        # The focus store, mounting empty, says it changed (null → undefined): the map shown
        # is already this one. Drawing it again cost every first visit a second figure; its
        # query is written again, so that the shell puts it in the address bar.
        unchanged = {name: dash.no_update for name in MAP_OUTPUTS}
        return {**unchanged, "query": shown}
    text = current_text()
    beside = public_map(state, text)
    drawn = render(MAP.process(current_dataset(), state), text)
    if beside:  # two columns
        drawn["figure"] = fit_column(drawn["figure"])
    return {**drawn, "beside": beside}


def map_export(dataset: Dataset, state) -> pd.DataFrame:
    """The choropleth's rows of ``state`` (indicator, form of exploitation, year), with each
    country's name, the source and its citation."""
    values = MAP.values(dataset, state)
    sources = dataset.sources("indicators", indicator=SPECS[state.indicator].base)
    source = ";".join(sources)
    values = values.assign(
        indicator=state.indicator,
        exploitation=state.exploitation,
        country=values["iso3"].map(dataset.names("en")),
        source=source,
        citation=" | ".join(dataset.citation(s) for s in sources),
    )
    columns = ["iso3", "country", "year", "indicator", "exploitation", "low", "high", "censored"]
    return values[[*columns, "source", "citation"]]


@downloads.register(PAGE, "map")
def download_map(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/map/map.csv?<the map's query>``: the values the map colours."""
    state, _ = MAP.from_query(dataset, query)
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
# The button's words in the page's language are its data-play / data-pause attributes.
dash.clientside_callback(
    """
    function(n, id) {
        const playing = n % 2 === 1;
        const button = document.getElementById(id);
        const words = button ? button.dataset : {};
        return [!playing, playing ? (words.pause || "⏸") : (words.play || "▶")];
    }
    """,
    Output(ids.MAP_PLAY_TIMER, "disabled"),
    Output(ids.MAP_PLAY, "children"),
    Input(ids.MAP_PLAY, "n_clicks"),
    State(ids.MAP_PLAY, "id"),
    prevent_initial_call=True,
)
