"""Country view (``/country/<ISO3>``): layout and callbacks. What it computes:
:mod:`dashboard.views.country`."""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, clientside_callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.country import KEY_INDICATORS
from dashboard.components import controls
from dashboard.components.beside import public_panel, side_by_side
from dashboard.components.chart import (
    CsvDownload,
    chart_card,
    export_buttons,
    source_note,
    sourced,
)
from dashboard.components.milestones import milestone_list
from dashboard.dataset import Dataset
from dashboard.export import export_filename, flows_export, indicators_export, milestones_export
from dashboard.figures.country import (
    breakdown_figure,
    context_figure,
    ranked_bars,
    reporting_grid_figure,
)
from dashboard.figures.plotly_dict import ChartOptions
from dashboard.figures.trends import TrendOptions, trends_figure
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.state import ViewState
from dashboard.text import N_, Message, Text, labels
from dashboard.text import compare as compare_words
from dashboard.text import country as words
from dashboard.text import reforms as reforms_words
from dashboard.text.milestones import DATES_NOTE
from dashboard.views.country import COUNTRY, TOP_PARTNERS, CountryData
from dashboard.views.reforms import REFORMS
from dashboard.views.years import indicator_years
from dashboard.web.address import current_text, keep, link
from dashboard.web.callbacks import view_callback

dash.register_page(
    __name__,
    path="/country",
    path_template="/country/<iso3>",
    name=labels.VIEWS["country"],
    order=4,
    title=page_title("country"),
    # Navigation opens the dataset's default country at its own address.
    default_path=lambda dataset: f"/country/{dataset.default_country}",
)
PAGE = COUNTRY.page
NOT_FOUND = N_("There is no country with the code “{code}”.")


def key_figures(data: CountryData, text: Text) -> html.Div:
    """Cards with the latest detected victims, prosecuted and convicted, as intervals."""
    cards = []
    for indicator in KEY_INDICATORS:
        if indicator in data.latest.index:
            row = data.latest.loc[indicator]
            value = text.interval(row["low"], row["high"])
            detail = words.key_figure_detail(int(row["year"]), bool(row["censored"]), True, text)
        else:
            value = "–"
            detail = words.key_figure_detail(None, False, indicator in data.published, text)
        cards.append(
            html.Div(
                [
                    html.Div(text.gettext(labels.ITEMS[indicator]), className="card-label"),
                    html.Div(value, className="card-value", style={"fontSize": "1.8rem"}),
                    html.Div(detail, className="hint"),
                ],
                className="card",
            )
        )
    return html.Div(cards, className="cards", id=ids.COUNTRY_KEY_FIGURES)


def partner_label(code: str, partner: str, names, text: Text) -> str:
    if partner == code:
        return text.gettext("Own nationals (domestic)")
    if partner == "unknown":
        return text.gettext("Unknown citizenship")
    return names.get(partner, partner)


def sections(data: CountryData, text: Text) -> list:
    """Every section of the country view (analytics → figures and sentences)."""
    dataset, state, code = current_dataset(), data.state, data.code
    names = dataset.names(text.lang)
    name = names.get(code, code)
    span = text.span(state.year_from, state.year_to)
    years = state.year_to - state.year_from + 1
    stem = f"country_{code.lower()}_{state.year_from}-{state.year_to}"
    glotip, victims = data.sources["indicators"], data.sources["victims"]

    def label(partner: str) -> str:
        return partner_label(code, partner, names, text)

    def bars(totals: pd.DataFrame, title: str) -> object:
        top = totals.head(TOP_PARTNERS)
        names_ = [label(p) for p in top["partner"]]
        return ranked_bars(
            top, names_, ChartOptions(text, title), text.gettext("No data reported.")
        )

    def card(graph_id, title, reading, figure, suffix, sources, extra="", full=False):
        return chart_card(
            graph_id, text, title=title, reading=reading,
            figure=sourced(figure, dataset, sources, text), filename=f"{stem}_{suffix}",
            note=source_note(dataset, sources, text, extra), full_width=full,
        )  # fmt: skip

    trends = trends_figure(
        data.trends,
        [(i, text.gettext(labels.ITEMS[i])) for i in KEY_INDICATORS],
        state.year_from,
        state.year_to,
        TrendOptions(
            text=text, title=text.gettext("{name}: trends, {span}", name=name, span=span), columns=3
        ),
    )
    counts = [data.trends.loc[data.trends["panel"] == i, "year"].nunique() for i in KEY_INDICATORS]
    breakdown = breakdown_figure(
        data.breakdown,
        {k: text.gettext(v) for k, v in labels.DIMENSIONS.items()},
        {k: text.gettext(v) for k, v in labels.CATEGORIES.items()},
        ChartOptions(
            text, text.gettext("Detected victims in {name}, {span}", name=name, span=span)
        ),
    )
    reported = data.grid.loc[data.grid["status"] != "missing", "year"].nunique()
    population = data.population
    latest_population = (
        (population.iloc[-1]["value"], int(population.iloc[-1]["year"]))
        if not population.empty
        else None
    )
    crossings = data.crossings
    total_crossings = None if crossings.empty else (crossings["low"].sum(), crossings["high"].sum())
    context = context_figure(
        population,
        crossings,
        (
            text.gettext("Population"),
            text.gettext("Irregular border crossings by its nationals, detected by Frontex"),
        ),
        ChartOptions(
            text,
            text.gettext(
                "Migration context, not trafficking: {name}, {span}", name=name, span=span
            ),
        ),
    )
    return [
        key_figures(data, text),
        html.Div(
            [
                card(
                    ids.COUNTRY_TRENDS,
                    text.gettext("Trends"),
                    words.trends_reading(counts, name, years, span, text),
                    trends,
                    "trends",
                    glotip,
                    text.gettext(compare_words.RANGE_NOTE),
                    full=True,
                ),
                card(
                    ids.COUNTRY_ORIGINS,
                    text.gettext("Main origins of victims detected in {name}", name=name),
                    words.partners_reading(data.origins, name, "origins", span, label, text),
                    bars(
                        data.origins,
                        text.gettext("Detected victims by citizenship, {span}", span=span),
                    ),
                    "origins",
                    victims,
                    text.gettext(words.ORIGINS_NOTE, n=TOP_PARTNERS),
                ),
                card(
                    ids.COUNTRY_DESTINATIONS,
                    text.gettext("Where nationals of {name} were detected", name=name),
                    words.partners_reading(
                        data.destinations, name, "destinations", span, label, text
                    ),
                    bars(
                        data.destinations,
                        text.gettext("Victims detected abroad, by country, {span}", span=span),
                    ),
                    "destinations",
                    victims,
                    text.gettext(words.DESTINATIONS_NOTE),
                ),
                card(
                    ids.COUNTRY_BREAKDOWN,
                    text.gettext("Forms of exploitation, sex and age"),
                    words.breakdown_reading(data.breakdown, span, text),
                    breakdown,
                    "breakdown",
                    glotip,
                    text.gettext(words.BREAKDOWN_NOTE),
                ),
                html.Section(
                    [
                        html.H2(text.gettext("Network position"), className="panel-title"),
                        html.P(
                            words.network_reading(data.position, name, text), className="reading"
                        ),
                        source_note(
                            dataset,
                            victims,
                            text,
                            text.gettext(words.NETWORK_NOTE, n=data.position.nodes, span=span),
                        ),
                    ],
                    className="card",
                ),
                card(
                    ids.COUNTRY_GRID,
                    text.gettext("Years reported"),
                    words.grid_reading(reported, name, years, span, text),
                    reporting_grid_figure(
                        data.grid,
                        {k: text.gettext(v) for k, v in labels.ITEMS.items()},
                        ChartOptions(text),
                    ),
                    "reporting",
                    glotip,
                    full=True,
                ),
                card(
                    ids.COUNTRY_CONTEXT,
                    text.gettext("Context (migration, not trafficking)"),
                    words.context_reading(latest_population, total_crossings, name, span, text),
                    context,
                    "context",
                    data.sources["context"],
                    full=True,
                ),
            ],
            className="figure-grid",
        ),
    ]


def public_country(state: ViewState, text: Text) -> list:
    """The public data's sections for the country and years of an upload's view (``[]``
    unless the address sets them beside it; the years kept within the public indicators')."""

    def draw(public: Dataset) -> list:
        if state.country not in public.country_codes:
            return [controls.empty_state(text.gettext("No data reported."))]
        shown, notices = COUNTRY.check(public, state)
        csv = CsvDownload(
            ids.COUNTRY_DOWNLOAD_BUTTON,
            downloads.route(PAGE, "indicators", country=state.country),
            text.gettext("Indicator rows"),
        )
        return [
            controls.notices(notices, text),
            export_buttons(csv, text=text, query=keep(COUNTRY.query(shown))),
            html.Div(sections(COUNTRY.process(public, shown), text), className="country-content"),
        ]

    return public_panel(draw, text)


def milestones_section(dataset: Dataset, code: str, text: Text, query: str) -> html.Section:
    """The country's anti-trafficking milestones, each with its source, and their CSV (all
    its milestones, whatever the years chosen: they are not indicators)."""
    data = REFORMS.country_timeline(dataset, ViewState(country=code))
    return html.Section(
        [
            html.H2(text.gettext("Anti-trafficking milestones"), className="panel-title"),
            html.P(
                reforms_words.timeline_reading(data.rows, data.gap, text, dataset.names(text.lang)),
                className="reading",
            ),
            milestone_list(data.rows, text, list_id=ids.COUNTRY_MILESTONES),
            source_note(dataset, data.sources, text, text.gettext(DATES_NOTE)),
            export_buttons(
                CsvDownload(
                    ids.COUNTRY_MILESTONES_DOWNLOAD_BUTTON,
                    downloads.route(PAGE, "milestones", country=code),
                    text.gettext("Milestones (CSV)"),
                ),
                text=text,
                query=query,
            ),
            html.P(
                dcc.Link(
                    text.gettext("See them on a timeline, beside other countries"),
                    href=link("/reforms", f"?country={code}"),
                )
            ),
        ],
        className="card",
    )


def _picker(dataset: Dataset, code: str | None, text: Text) -> html.Div:
    """The country picker; choosing loads the chosen country's page (same query)."""
    return html.Div(
        [
            dcc.Location(id=ids.COUNTRY_NAVIGATE, refresh=False),
            controls.countries_dropdown(
                dataset,
                ids.COUNTRY_SELECT,
                code,
                text.gettext("Country"),
                text.gettext("Choose a country"),
                text,
                multi=False,
            ),
        ],
        className="control",
    )


def _not_found(dataset: Dataset, given: str | None, messages: list, text: Text) -> html.Div:
    shown = str(given)[:20]
    missing = Message(
        N_("There is no country with the code “{code}”. Choose a country below."), {"code": shown}
    )
    return html.Div(
        [
            html.H1(text.gettext("Country not found")),
            controls.notices(page_notices([*messages, missing]), text),
            html.Div([_picker(dataset, None, text)], className="controls"),
        ],
        className="page page-country",
    )


def layout(iso3: str | None = None, **query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    # Dash calls ``layout()`` without arguments to validate callbacks: the default country.
    code = COUNTRY.country(dataset, iso3)
    state, messages = COUNTRY.from_query(dataset, query)
    span = indicator_years(dataset)
    if code is None or span is None:
        return _not_found(dataset, iso3, messages, text)
    countries = dataset.countries.set_index("iso3")
    row = countries.loc[code] if code in countries.index else None
    region = row["subregion"] if row is not None else None
    # The sub-region's French and Arabic names, where the table has them (older datasets not).
    translated = (
        {lang: row.get(f"subregion_{lang}") for lang in ("fr", "ar")} if row is not None else {}
    )
    return html.Div(
        [
            controls.notices(page_notices(messages), text),
            html.H1(
                [dataset.name(code, text.lang), html.Span(f" ({code})", className="hint")],
                className="page-title",
            ),
            html.P(text.data(region, translated), className="hint")
            if isinstance(region, str)
            else None,
            html.Div(
                [
                    _picker(dataset, code, text),
                    controls.year_range_slider(
                        ids.COUNTRY_YEARS, span, (state.year_from, state.year_to), text
                    ),
                    controls.labelled(
                        text.gettext("Data (CSV)"),
                        export_buttons(
                            CsvDownload(
                                ids.COUNTRY_DOWNLOAD_BUTTON,
                                downloads.route(PAGE, "indicators", country=code),
                                text.gettext("Indicator rows"),
                            ),
                            CsvDownload(
                                ids.COUNTRY_FLOWS_DOWNLOAD_BUTTON,
                                downloads.route(PAGE, "flows", country=code),
                                text.gettext("Flows by citizenship"),
                            ),
                            text=text,
                            query=keep(COUNTRY.query(state)),
                        ),
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.COUNTRY_CODE, data=code),
            dcc.Store(id=ids.view_state(PAGE)),
            side_by_side(
                [html.Div(id=ids.COUNTRY_CONTENT, className="country-content")],
                ids.beside_panel(PAGE),
                text,
            ),
            milestones_section(dataset, code, text, keep(COUNTRY.query(state))),
        ],
        className="page page-country",
    )


@view_callback(
    output={
        "content": Output(ids.COUNTRY_CONTENT, "children"),
        "query": Output(ids.view_state(PAGE), "data"),
        "beside": Output(ids.beside_panel(PAGE), "children"),
    },
    inputs={"years": Input(ids.COUNTRY_YEARS, "value"), "code": State(ids.COUNTRY_CODE, "data")},
)
def update_country(years, code) -> dict:
    dataset = current_dataset()
    state = COUNTRY.from_controls(dataset, COUNTRY.country(dataset, code) or "", years)
    if not state.country:
        return {"content": dash.no_update, "query": dash.no_update, "beside": dash.no_update}
    text = current_text()
    beside = public_country(state, text)
    data = COUNTRY.process(dataset, state)
    return {"content": sections(data, text), "query": keep(COUNTRY.query(state)), "beside": beside}


# Choosing a country opens its page, keeping the view's years (and presenter mode): a new
# address, loaded in full, so the back button works. (Changing the path in place with Dash's
# "callback-nav" was undone by the shell writing the old page's query back, and a location
# component's href set by a callback reloaded the old address: the browser navigates itself.)
clientside_callback(
    """
    function(code) {
        const here = window.location.pathname.replace(/\\/$/, "");
        const target = "/country/" + code;
        if (code && here.toUpperCase() !== target.toUpperCase()) {
            window.location.assign(target + window.location.search);
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.COUNTRY_NAVIGATE, "href"),
    Input(ids.COUNTRY_SELECT, "value"),
    prevent_initial_call=True,
)


def _download_country(dataset: Dataset, query: downloads.Query) -> str:
    """The country a download names (``country=<ISO3>``, as in the view's path), or 404."""
    given = query.get("country")
    code = given.strip().upper() if isinstance(given, str) else ""
    if code not in dataset.country_codes:
        message = current_text().gettext(NOT_FOUND, code=str(given or "")[:20])
        raise downloads.DownloadNotFoundError(message)
    return code


def _state(dataset: Dataset, query: downloads.Query) -> tuple[str, ViewState]:
    code = _download_country(dataset, query)
    return code, COUNTRY.from_query(dataset, query)[0]


@downloads.register(PAGE, "indicators")
def download_indicators(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/country/indicators.csv?country=<ISO3>&<the view's query>``: the country's
    indicator rows in the view's years."""
    code, state = _state(dataset, query)
    flt = COUNTRY.indicator_filter(code, state)
    return indicators_export(dataset, flt), export_filename("indicators", flt)


@downloads.register(PAGE, "milestones")
def download_milestones(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/country/milestones.csv?country=<ISO3>``: every milestone of the country,
    as ``python -m dashboard export milestones --countries <ISO3>`` writes them."""
    code = _download_country(dataset, query)
    return milestones_export(dataset, (code,)), f"milestones_{code.lower()}.csv"


@downloads.register(PAGE, "flows")
def download_flows(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/country/flows.csv?country=<ISO3>&<the view's query>``: the flows into or out
    of the country in the view's years."""
    code, state = _state(dataset, query)
    flt = COUNTRY.flow_filter(code, state)
    return flows_export(dataset, flt), export_filename("flows", flt)
