"""Reforms view (``/reforms``): layout and callbacks. What it computes:
:mod:`dashboard.views.reforms`.

Three parts, each drawn by its own callback (a click on a timeline redraws one chart, not the
map): one country's timeline with the chosen marker's source and the list of its milestones;
the chosen countries side by side and their Protocol-to-law gaps; the world map of the parties
to a treaty at the end of a year. Every chart has its reading, its source note and its CSV.
"""

from __future__ import annotations

from functools import partial

import dash
import pandas as pd
from dash import Input, Output, State, callback, dcc, html

from dashboard import downloads, ids
from dashboard.components import controls
from dashboard.components.chart import (
    CsvDownload,
    chart_card,
    graph_config,
    source_note,
    sourced,
)
from dashboard.components.milestones import milestone_item, milestone_list
from dashboard.dataset import Dataset
from dashboard.figures import reforms as figures
from dashboard.figures.treaty_map import parties_map_figure
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.schemas import TREATY_MILESTONES
from dashboard.state import ViewState
from dashboard.text import N_, Text, labels
from dashboard.text import reforms as words
from dashboard.text.milestones import DATES_NOTE, MILESTONE_LABELS
from dashboard.views.reforms import (
    EXPORTS,
    REFORMS,
    file_stem,
    milestone_countries,
    milestone_key,
    milestone_years,
)
from dashboard.views.years import year_marks
from dashboard.web.address import current_text, keep
from dashboard.web.callbacks import view_callback

dash.register_page(
    __name__, path="/reforms", name=labels.VIEWS["reforms"], order=3, title=page_title("reforms")
)
PAGE = REFORMS.page

INTRO = N_(
    "When each country joined the UN treaties, adopted a specific anti-trafficking law, created "
    "a coordination body and adopted a strategy or plan, as the sources cited on each row say. "
    "A milestone the sources do not give is not known: it is never drawn or counted as “not "
    "adopted”."
)
TITLES = {
    "timeline": N_("One country's milestones"),
    "side-by-side": N_("Countries side by side"),
    "gaps": N_("From the Protocol to a specific law"),
    "map": N_("Parties to the UN treaties"),
}
#: The map's title per treaty (each treaty's name takes its own article and gender).
MAP_TITLES = {
    "untoc": N_(
        "Parties to the UN Convention against Transnational Organized Crime at the end of {year}"
    ),
    "palermo-protocol": N_("Parties to the Trafficking in Persons Protocol at the end of {year}"),
    "smuggling-protocol": N_("Parties to the Smuggling of Migrants Protocol at the end of {year}"),
}
GAPS_NOTE = N_(
    "Years are counted between calendar years: dates known only to the month or the year allow "
    "no finer count. No bar where a date is not known."
)
MAP_NOTE = N_(
    "Countries the UN snapshot does not list are left blank. After the snapshot nothing was "
    "checked: a party then is shown as a party as of the snapshot."
)
CHOOSE = N_("Click a marker to read its source's own words and open the source here.")


def _names(text: Text):
    return current_dataset().names(text.lang)


def _options(text: Text) -> figures.ReformOptions:
    return figures.ReformOptions(text=text, names=_names(text))


# One country ---------------------------------------------------------------------------------


def detail(chosen: pd.DataFrame, text: Text) -> html.Div:
    """The chosen marker's milestone with its quote and source link (or how to choose one)."""
    if chosen.empty:
        return html.P(text.gettext(CHOOSE), className="hint")
    items = [milestone_item(row, text, chosen=True) for _, row in chosen.iterrows()]
    return html.Div(
        [html.H3(text.gettext("Chosen milestone")), html.Ul(items, className="milestone-list")]
    )


def render_country(state: ViewState, text: Text) -> dict:
    """The timeline's outputs: ``figure``, ``config``, ``reading``, ``detail``, ``list``,
    ``source`` and ``query``."""
    dataset = current_dataset()
    data = REFORMS.country_timeline(dataset, state)
    names = _names(text)
    name = names.get(data.code, data.code)
    options = figures.ReformOptions(
        text=text,
        names=names,
        title=text.gettext("{country}: anti-trafficking milestones", country=name),
    )
    summary = text.ngettext(
        "{n} milestone of {country}, with its source",
        "All {n} milestones of {country}, with their sources",
        len(data.rows),
        country=name,
    )
    return {
        "figure": sourced(
            figures.timeline_figure(data.rows, options, data.selected), dataset, data.sources, text
        ),
        "config": graph_config(file_stem("timeline", state), text),
        "reading": words.timeline_reading(data.rows, data.gap, text, names),
        "detail": detail(data.selected, text),
        "list": html.Details(
            [html.Summary(summary), milestone_list(data.rows, text, state.milestone)],
            className="milestone-details",
        ),
        "source": source_note(dataset, data.sources, text, text.gettext(DATES_NOTE)),
        "query": keep(REFORMS.query(state)),
    }


# Countries side by side ----------------------------------------------------------------------


def render_countries(state: ViewState, text: Text, notices_: list) -> dict:
    """The side-by-side timeline's and the gap chart's outputs, the notices and the query."""
    dataset = current_dataset()
    data = REFORMS.comparison(dataset, state)
    names = _names(text)

    def draw() -> tuple:
        side = figures.countries_timeline_figure(
            data.rows,
            data.countries,
            figures.ReformOptions(
                text=text, names=names, title=text.gettext("Anti-trafficking milestones by country")
            ),
        )
        gaps = figures.gap_figure(
            data.gaps,
            figures.ReformOptions(
                text=text,
                names=names,
                title=text.gettext("From the Trafficking in Persons Protocol to a specific law"),
            ),
        )
        return side, gaps

    key = ("reforms-countries-figures", data.countries, text.lang)
    side, gaps = dataset.derived.get(key, draw)
    return {
        "side_figure": sourced(side, dataset, data.sources, text),
        "side_config": graph_config(file_stem("side-by-side", state), text),
        "side_reading": words.parties_and_laws_sentence(data.first, data.year, text, names),
        "side_source": source_note(dataset, data.sources, text, text.gettext(DATES_NOTE)),
        "gaps_figure": sourced(gaps, dataset, data.sources, text),
        "gaps_config": graph_config(file_stem("gaps", state), text),
        "gaps_reading": words.gap_summary(data.gaps, text),
        "gaps_source": source_note(dataset, data.sources, text, text.gettext(GAPS_NOTE)),
        "message": controls.notice_paragraphs(notices_, text),
        "query": keep(REFORMS.query(state)),
    }


# The map of parties --------------------------------------------------------------------------


def render_map(state: ViewState, text: Text) -> dict:
    """The map's outputs: ``figure``, ``config``, ``reading``, ``source`` and ``query``."""
    dataset = current_dataset()
    data = REFORMS.treaty_parties(dataset, state)
    key = ("reforms-map-figure", data.treaty, data.year, text.lang)
    figure = dataset.derived.get(
        key,
        lambda: parties_map_figure(
            data.parties,
            data.treaty,
            data.year,
            figures.ReformOptions(
                text=text,
                names=_names(text),
                title=text.gettext(MAP_TITLES[data.treaty], year=data.year),
            ),
        ),
    )
    return {
        "figure": sourced(figure, dataset, data.sources, text),
        "config": graph_config(file_stem("map", state), text),
        "reading": words.parties_sentence(data.parties, data.year, data.treaty, text),
        "source": source_note(dataset, data.sources, text, text.gettext(MAP_NOTE)),
        "query": keep(REFORMS.query(state)),
    }


# Layout --------------------------------------------------------------------------------------

#: Each chart's graph, reading and source containers, and its CSV link.
CARD_IDS = {
    "timeline": (
        ids.REFORMS_TIMELINE,
        ids.REFORMS_TIMELINE_READING,
        ids.REFORMS_TIMELINE_SOURCE,
        ids.REFORMS_TIMELINE_DOWNLOAD_BUTTON,
    ),
    "side-by-side": (
        ids.REFORMS_SIDE_BY_SIDE,
        ids.REFORMS_SIDE_BY_SIDE_READING,
        ids.REFORMS_SIDE_BY_SIDE_SOURCE,
        ids.REFORMS_SIDE_BY_SIDE_DOWNLOAD_BUTTON,
    ),
    "gaps": (
        ids.REFORMS_GAPS,
        ids.REFORMS_GAPS_READING,
        ids.REFORMS_GAPS_SOURCE,
        ids.REFORMS_GAPS_DOWNLOAD_BUTTON,
    ),
    "map": (
        ids.REFORMS_MAP,
        ids.REFORMS_MAP_READING,
        ids.REFORMS_MAP_SOURCE,
        ids.REFORMS_MAP_DOWNLOAD_BUTTON,
    ),
}


def _card(name: str, text: Text, query: str, under_graph: list | None = None) -> html.Section:
    """A chart's card; ``under_graph`` goes between the graph and its source note."""
    graph_id, reading_id, source_id, link_id = CARD_IDS[name]
    card = chart_card(
        graph_id,
        text,
        title=text.gettext(TITLES[name]),
        reading_id=reading_id,
        source_id=source_id,
        downloads=[CsvDownload(link_id, downloads.route(PAGE, name))],
        query=query,
        full_width=True,
    )
    if under_graph:  # title, reading, graph | under_graph | source note, buttons
        card.children[3:3] = under_graph
    return card


def _year_slider(first: int, last: int, year: int, text: Text) -> html.Div:
    slider = dcc.Slider(
        first,
        last,
        1,
        value=year,
        marks=year_marks(first, last),
        id=ids.REFORMS_YEAR,
        tooltip={"placement": "bottom", "always_visible": False},
    )
    return controls.labelled(text.gettext("Year"), slider, ids.REFORMS_YEAR)


def layout(**query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    state, messages = REFORMS.from_query(dataset, query)
    years = milestone_years(dataset)
    notices = controls.notices(page_notices(messages), text)
    if years is None:
        empty = controls.empty_state(text.gettext("This dataset has no milestones."))
        return html.Div([notices, empty], className="page page-reforms")
    shown = keep(REFORMS.query(state))
    known = sorted(milestone_countries(dataset) | {str(state.country)})
    treaties = {code: MILESTONE_LABELS[code] for code in TREATY_MILESTONES}
    # The pickers list the countries with milestones (and the one chosen).
    country = controls.countries_dropdown(
        dataset, ids.REFORMS_COUNTRY, state.country, text.gettext("Country"),
        text.gettext("Choose a country"), text, multi=False, codes=known,
    )  # fmt: skip
    countries = controls.countries_dropdown(
        dataset, ids.REFORMS_COUNTRIES, state.countries,
        text.gettext("Countries side by side (1 to 12)"), text.gettext("Choose countries"), text,
        codes=known,
    )  # fmt: skip
    treaty = controls.choice_dropdown(
        ids.REFORMS_TREATY, text.gettext("Treaty"), treaties, state.treaty, text
    )
    chosen = {"country": state.country, "milestone": state.milestone}
    # The chosen marker's source and the country's list go under its timeline.
    under = [
        html.Div(id=ids.REFORMS_DETAIL, className="milestone-detail", role="region"),
        html.Div(id=ids.REFORMS_LIST),
    ]
    return html.Div(
        [
            notices,
            html.P(text.gettext(INTRO), className="prose hint"),
            html.Div(country, className="controls"),
            dcc.Store(id=ids.REFORMS_CHOSEN, data=chosen),
            dcc.Store(id=ids.view_state(PAGE)),
            _card("timeline", text, shown, under),
            html.Div(countries, className="controls"),
            html.Div(id=ids.REFORMS_MESSAGE, className="notices", role="status"),
            html.Div(
                [_card("side-by-side", text, shown), _card("gaps", text, shown)],
                className="figure-grid",
            ),
            html.Div(
                [treaty, _year_slider(*years, int(state.year or years[1]), text)],
                className="controls",
            ),
            _card("map", text, shown),
        ],
        className="page page-reforms",
    )


# Callbacks -----------------------------------------------------------------------------------

#: Every control, as the state of the callbacks that do not redraw on it.
_CONTROLS = {
    "country": (ids.REFORMS_COUNTRY, "value"),
    "chosen": (ids.REFORMS_CHOSEN, "data"),
    "countries": (ids.REFORMS_COUNTRIES, "value"),
    "treaty": (ids.REFORMS_TREATY, "value"),
    "year": (ids.REFORMS_YEAR, "value"),
}


def _inputs(*redrawn: str) -> dict:
    """The controls: those a callback redraws on as inputs, the others as states."""
    return {name: (Input if name in redrawn else State)(*prop) for name, prop in _CONTROLS.items()}


def _state(country, chosen, countries, treaty, year) -> tuple[ViewState, list]:
    return REFORMS.from_controls(current_dataset(), country, chosen, countries, treaty, year)


def chosen_by(click: dict | None) -> tuple:
    """The milestone (and its country) a click on a timeline's marker chooses: the chosen
    store's data and the country picker's value (no change for a click on anything else)."""
    point = (click or {}).get("points", [{}])[0]
    custom = point.get("customdata")
    if not isinstance(custom, list) or len(custom) < 4:
        return dash.no_update, dash.no_update
    _, code, kind, date = custom[:4]
    return {"country": code, "milestone": milestone_key(kind, date)}, code


@callback(
    Output(ids.REFORMS_CHOSEN, "data"),
    Output(ids.REFORMS_COUNTRY, "value"),
    Input(ids.REFORMS_TIMELINE, "clickData"),
    prevent_initial_call=True,
)
def choose_on_timeline(click: dict | None) -> tuple:
    """A click on a marker of the country's timeline chooses that milestone."""
    return chosen_by(click)


@callback(
    Output(ids.REFORMS_CHOSEN, "data", allow_duplicate=True),
    Output(ids.REFORMS_COUNTRY, "value", allow_duplicate=True),
    Input(ids.REFORMS_SIDE_BY_SIDE, "clickData"),
    prevent_initial_call=True,
)
def choose_on_countries(click: dict | None) -> tuple:
    """A click on a marker of the countries side by side chooses that milestone and opens
    its country's timeline."""
    return chosen_by(click)


@view_callback(
    output={
        "figure": Output(ids.REFORMS_TIMELINE, "figure"),
        "config": Output(ids.REFORMS_TIMELINE, "config"),
        "reading": Output(ids.REFORMS_TIMELINE_READING, "children"),
        "detail": Output(ids.REFORMS_DETAIL, "children"),
        "list": Output(ids.REFORMS_LIST, "children"),
        "source": Output(ids.REFORMS_TIMELINE_SOURCE, "children"),
        "query": Output(ids.view_state(PAGE), "data"),
    },
    inputs=_inputs("country", "chosen"),
)
def update_timeline(country, chosen, countries, treaty, year) -> dict:
    state, _ = _state(country, chosen, countries, treaty, year)
    return render_country(state, current_text())


@view_callback(
    output={
        "side_figure": Output(ids.REFORMS_SIDE_BY_SIDE, "figure"),
        "side_config": Output(ids.REFORMS_SIDE_BY_SIDE, "config"),
        "side_reading": Output(ids.REFORMS_SIDE_BY_SIDE_READING, "children"),
        "side_source": Output(ids.REFORMS_SIDE_BY_SIDE_SOURCE, "children"),
        "gaps_figure": Output(ids.REFORMS_GAPS, "figure"),
        "gaps_config": Output(ids.REFORMS_GAPS, "config"),
        "gaps_reading": Output(ids.REFORMS_GAPS_READING, "children"),
        "gaps_source": Output(ids.REFORMS_GAPS_SOURCE, "children"),
        "message": Output(ids.REFORMS_MESSAGE, "children"),
        "query": Output(ids.view_state(PAGE), "data", allow_duplicate=True),
    },
    inputs=_inputs("countries"),
    prevent_initial_call="initial_duplicate",
)
def update_countries(country, chosen, countries, treaty, year) -> dict:
    state, notices_ = _state(country, chosen, countries, treaty, year)
    return render_countries(state, current_text(), notices_)


@view_callback(
    output={
        "figure": Output(ids.REFORMS_MAP, "figure"),
        "config": Output(ids.REFORMS_MAP, "config"),
        "reading": Output(ids.REFORMS_MAP_READING, "children"),
        "source": Output(ids.REFORMS_MAP_SOURCE, "children"),
        "query": Output(ids.view_state(PAGE), "data", allow_duplicate=True),
    },
    inputs=_inputs("treaty", "year"),
    prevent_initial_call="initial_duplicate",
)
def update_map(country, chosen, countries, treaty, year) -> dict:
    state, _ = _state(country, chosen, countries, treaty, year)
    return render_map(state, current_text())


# Downloads: the milestones each chart shows (views.reforms.EXPORTS) --------------------------


def _download(name: str, dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/reforms/<name>.csv?<the view's query>``: the milestones the chart shows."""
    state, _ = REFORMS.from_query(dataset, query)
    return EXPORTS[name](dataset, state), file_stem(name, state) + ".csv"


for _name in EXPORTS:
    downloads.register(PAGE, _name)(partial(_download, _name))
