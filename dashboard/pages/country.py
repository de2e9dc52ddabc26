"""Country view (``/country/<ISO3>``): one country's figures, flows, breakdowns and coverage.

Key figures as intervals with their year, trends, main origins and destinations of victims,
forms of exploitation, sex and age, the country's position in the network of flows by
citizenship, the years it reported, and migration context labelled as context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

import dash
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.convergence import (
    KEY_INDICATORS,
    NetworkPosition,
    breakdown_totals,
    latest_values,
    network_positions,
    network_reading,
    partner_totals,
    position_of,
    reporting_grid,
    total_cells,
)
from dashboard.analytics.intervals import format_interval
from dashboard.analytics.selection import FlowFilter, IndicatorFilter
from dashboard.components.chart import CsvDownload, export_buttons, graph_config, source_note
from dashboard.components.controls import (
    EXPLOITATION_LABELS,
    country_options,
    labelled,
    notices,
    view_context,
    year_range_slider,
)
from dashboard.context import current_dataset
from dashboard.dataset import Dataset
from dashboard.export import export_filename, flows_export, indicators_export
from dashboard.figures.compare import (
    RANGE_NOTE,
    TrendOptions,
    breakdown_figure,
    context_figure,
    ranked_bars,
    reporting_grid_figure,
    trends_figure,
)
from dashboard.i18n import t
from dashboard.state import ViewState, parse_query, to_query

DEFAULT_COUNTRY = "TUN"

dash.register_page(
    __name__,
    path=f"/country/{DEFAULT_COUNTRY}",
    path_template="/country/<iso3>",
    name="Country",
    order=3,
    title="Country",
)

KEYS = ("from", "to")
PAGE = "country"
TOP_PARTNERS = 10

ITEM_LABELS = {
    "detected-victims": "Detected victims",
    "persons-prosecuted": "Persons prosecuted",
    "persons-convicted": "Persons convicted",
    "persons-formal-contact": "Persons in formal contact",
    "offences": "Offences",
    "victims-by-citizenship": "Victims by citizenship",
}
CATEGORY_LABELS = {
    **EXPLOITATION_LABELS,
    "exploitation:other": "Other forms",
    "female": "Women and girls",
    "male": "Men and boys",
    "other": "Other",
    "unknown": "Unknown",
    "adult": "Adults",
    "child": "Children",
}
TITLE_STYLE = {"fontSize": "1.2rem", "margin": "0.2rem 0"}
DIMENSION_TITLES = {"exploitation": "Form of exploitation", "sex": "Sex", "age": "Age"}


def indicator_years(dataset: Dataset) -> tuple[int, int]:
    years = dataset.indicators["year"]
    return int(years.min()), int(years.max())


def defaults(dataset: Dataset) -> ViewState:
    """Every year of the indicators."""
    first, last = indicator_years(dataset)
    return ViewState(year_from=first, year_to=last)


def checked(state: ViewState, dataset: Dataset) -> tuple[ViewState, list[str]]:
    """Keep the years within the indicators' span (with a note when they were moved)."""
    first, last = indicator_years(dataset)
    wanted = (state.year_from or first, state.year_to or last)
    clamped = tuple(min(max(y, first), last) for y in wanted)
    messages = []
    if clamped != wanted:
        messages.append(
            t(
                "The indicators cover {first}–{last}; the years were moved into that span.",
                first=first,
                last=last,
            )
        )
    return replace(state, year_from=clamped[0], year_to=clamped[1]), messages


def _span(state: ViewState) -> str:
    if state.year_from == state.year_to:
        return str(state.year_from)
    return f"{state.year_from}–{state.year_to}"


def _partner_label(dataset: Dataset, code: str, partner: str) -> str:
    if partner == code:
        return t("Own nationals (domestic)")
    if partner == "unknown":
        return t("Unknown citizenship")
    return dataset.name(partner)


# --------------------------------------------------------------------------------------------
# Data access: a dataset's rows of each country, indexed once (pure caches, read-only results)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryRows:
    """The rows of the tables the view uses that concern one country."""

    indicators: pd.DataFrame  # its indicators rows
    received: pd.DataFrame  # flows detected in it (destination)
    sent: pd.DataFrame  # flows of its nationals (origin)
    population: pd.DataFrame  # its population rows: iso3, year, value


def country_rows(dataset: Dataset, code: str) -> CountryRows:
    """The rows of ``code`` in each table (empty frames with the columns when it has none).

    Shallow copies (copy-on-write) of the dataset's per-country index (computed once when the
    dataset is loaded): a caller changing one changes only its own.
    """
    index = dataset.by_country
    empty_flows = dataset.flows.iloc[:0]

    def own(groups: Mapping[str, pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
        return groups.get(code, empty).copy(deep=False)

    return CountryRows(
        indicators=own(index.indicators, dataset.indicators.iloc[:0]),
        received=own(index.received, empty_flows),
        sent=own(index.sent, empty_flows),
        population=own(index.population, dataset.population.iloc[:0]),
    )


def _network(dataset: Dataset, year_from: int, year_to: int) -> Mapping[str, NetworkPosition]:
    """Every node's network position for a span: one graph and betweenness, whatever the
    country (a read-only mapping of frozen positions). The default span's is computed when the
    dataset is loaded (:attr:`Dataset.default_network`); other spans' once, when first asked."""
    if (year_from, year_to) == indicator_years(dataset):
        return dataset.default_network
    return _span_network(dataset, year_from, year_to)


@lru_cache(maxsize=32)
def _span_network(dataset: Dataset, year_from: int, year_to: int) -> MappingProxyType:
    """:func:`network_positions` of a span (pure, bounded)."""
    return network_positions(dataset.flows, year_from, year_to)


# --------------------------------------------------------------------------------------------
# Sections: each a process step (analytics) and a figure or text
# --------------------------------------------------------------------------------------------


def key_figures(dataset: Dataset, code: str) -> html.Div:
    """Cards with the latest detected victims, prosecuted and convicted, as intervals."""
    own = country_rows(dataset, code).indicators
    latest = latest_values(own, code).set_index("indicator")
    cards = []
    for indicator in KEY_INDICATORS:
        label = t(ITEM_LABELS[indicator])
        if indicator in latest.index:
            row = latest.loc[indicator]
            value = format_interval(row["low"], row["high"])
            detail = t("in {year} (latest year reported)", year=int(row["year"]))
            if row["censored"]:
                detail += " · " + t("a range: includes counts published as <5")
        elif (own["indicator"] == indicator).any():
            # Breakdowns exist but no total: summing them could double count or miss people.
            value, detail = "–", t("no total published (breakdowns only)")
        else:
            value, detail = "–", t("never reported")
        cards.append(
            html.Div(
                [
                    html.Div(label, className="card-label"),
                    html.Div(value, className="card-value", style={"fontSize": "1.8rem"}),
                    html.Div(detail, className="hint"),
                ],
                className="card",
            )
        )
    return html.Div(cards, className="cards", id=ids.COUNTRY_KEY_FIGURES)


def trend_values(dataset: Dataset, code: str, state: ViewState) -> pd.DataFrame:
    """``panel, year, low, high, censored`` of the key indicators (panel = indicator)."""
    own = country_rows(dataset, code).indicators
    values = total_cells(own, KEY_INDICATORS)
    values = values[["iso3", "year", "low", "high", "censored", "indicator"]]
    values = values.rename(columns={"indicator": "panel"})
    return values.loc[values["year"].between(state.year_from, state.year_to)]


def trends_reading(values: pd.DataFrame, name: str, state: ViewState) -> str:
    years = state.year_to - state.year_from + 1
    counts = [values.loc[values["panel"] == i, "year"].nunique() for i in KEY_INDICATORS]
    return t(
        "{name} published a total of detected victims in {a} of the {n} years {span}, of persons "
        "prosecuted in {b} and of persons convicted in {c}. Missing years are gaps, not zeros.",
        name=name,
        a=counts[0],
        b=counts[1],
        c=counts[2],
        n=years,
        span=_span(state),
    )


def partners_reading(
    totals: pd.DataFrame, dataset: Dataset, code: str, direction: str, span: str
) -> str:
    name = dataset.name(code)
    if totals.empty:
        if direction == "origins":
            return t("{name} published no victims by citizenship in {span}.", name=name, span=span)
        return t(
            "No country reported victims who are nationals of {name} in {span}.",
            name=name,
            span=span,
        )
    top = totals.head(3)
    listed = ", ".join(
        f"{_partner_label(dataset, code, p)} ({format_interval(lo, hi)})"
        for p, lo, hi in zip(top["partner"], top["low"], top["high"], strict=True)
    )
    if direction == "origins":
        return t(
            "Victims of {n} citizenships were detected in {name} in {span}; the most: {listed}.",
            n=len(totals),
            name=name,
            span=span,
            listed=listed,
        )
    return t(
        "Nationals of {name} were detected in {n} other countries that reported them in {span}; "
        "the most in: {listed}.",
        n=len(totals),
        name=name,
        span=span,
        listed=listed,
    )


def breakdown_reading(breakdown: pd.DataFrame, span: str) -> str:
    if breakdown.empty:
        return t(
            "No breakdown of detected victims by form, sex or age was published in {span}.",
            span=span,
        )
    parts = []
    for dimension in DIMENSION_TITLES:
        rows = breakdown.loc[
            (breakdown["dimension"] == dimension) & (breakdown["category"] != "unknown")
        ]
        if rows.empty:
            continue
        top = rows.sort_values(["low", "high"], ascending=False).iloc[0]
        key = top["category"]
        label = CATEGORY_LABELS.get(f"{dimension}:{key}", CATEGORY_LABELS.get(key, key))
        parts.append(f"{t(label).lower()} ({format_interval(top['low'], top['high'])})")
    return t(
        "Largest published categories in {span}: {parts}; each summed over the years it was "
        "published.",
        span=span,
        parts=", ".join(parts),
    )


def grid_reading(grid: pd.DataFrame, name: str, state: ViewState) -> str:
    reported = grid.loc[grid["status"] != "missing", "year"]
    years = state.year_to - state.year_from + 1
    if reported.empty:
        return t("{name} reported nothing to UNODC in {span}.", name=name, span=_span(state))
    return t(
        "{name} reported at least one figure in {k} of the {n} years {span}; light cells are "
        "ranges (counts published as <5), blank cells years with no report.",
        name=name,
        k=reported.nunique(),
        n=years,
        span=_span(state),
    )


def context_section(dataset: Dataset, code: str, state: ViewState) -> tuple:
    """Population and Frontex border crossings of the country's nationals (context)."""
    rows = country_rows(dataset, code)
    population = rows.population
    population = population.loc[
        population["year"].between(state.year_from, state.year_to)
    ].sort_values("year")
    flows = rows.sent
    crossings = flows.loc[
        (flows["measure"] == "border-crossings")
        & flows["year"].between(state.year_from, state.year_to)
    ]
    by_year = (
        crossings.groupby("year", as_index=False)
        .agg(low=("count_low", "sum"), high=("count_high", "sum"))
        .sort_values("year")
    )
    name = dataset.name(code)
    figure = context_figure(
        population[["year", "value"]],
        by_year,
        (
            t("Population"),
            t("Irregular border-crossing detections of its nationals (Frontex)"),
        ),
        t("Context, not trafficking: {name}, {span}", name=name, span=_span(state)),
    )
    sentences = []
    if not population.empty:
        last = population.iloc[-1]
        sentences.append(
            t(
                "Population {value} in {year}.",
                value=f"{last['value']:,.0f}",
                year=int(last["year"]),
            )
        )
    if by_year.empty:
        sentences.append(
            t(
                "Frontex published no border-crossing detections of nationals of {name} in {span}.",
                name=name,
                span=_span(state),
            )
        )
    else:
        sentences.append(
            t(
                "Frontex detected {n} irregular border crossings by nationals of {name} in {span}; "
                "these are migration context, not trafficking, and count crossings, not persons.",
                n=format_interval(by_year["low"].sum(), by_year["high"].sum()),
                name=name,
                span=_span(state),
            )
        )
    return figure, " ".join(sentences)


def _section(title: str, reading: str, body: list, note=None, full: bool = False) -> html.Section:
    children = [
        html.H2(title, className="panel-title", style=TITLE_STYLE),
        html.P(reading, className="reading"),
    ]
    children += body
    if note is not None:
        children.append(note)
    style = {"gridColumn": "1 / -1"} if full else None
    return html.Section(children, className="card", style=style)


def _graph(graph_id: str, figure, filename: str) -> html.Div:
    # An explicit height: a responsive graph created inside a callback's output otherwise keeps
    # the default height while its figure asks for another, and overlaps what follows.
    if isinstance(figure, dict):  # served figures are plain dicts (see figures.compare._figure)
        height = figure["layout"].get("height") or 450
    else:
        height = figure.layout.height or 450
    graph = dcc.Graph(
        id=graph_id, figure=figure, config=graph_config(filename), style={"height": f"{height}px"}
    )
    # PNG (2×) is in the graph's toolbar; SVG beside it (assets/dashboard.js, no callback).
    svg = html.Button(
        t("Save as SVG"), className="button", n_clicks=0, **{"data-svg-for": graph_id}
    )
    return html.Div([graph, html.Div(svg, className="chart-actions")])


def country_body(dataset: Dataset, code: str, state: ViewState) -> list:
    """Every section of the country view for ``state`` (data access → analytics → figures)."""
    name = dataset.name(code)
    span = _span(state)
    stem = f"country_{code.lower()}_{state.year_from}-{state.year_to}"
    glotip = ["unodc-glotip"]

    values = trend_values(dataset, code, state)
    trends = trends_figure(
        values,
        [(i, t(ITEM_LABELS[i])) for i in KEY_INDICATORS],
        state.year_from,
        state.year_to,
        TrendOptions(title=t("{name}: trends, {span}", name=name, span=span), columns=3),
    )
    rows = country_rows(dataset, code)
    origins = partner_totals(rows.received, code, "origins", state.year_from, state.year_to)
    destinations = partner_totals(rows.sent, code, "destinations", state.year_from, state.year_to)
    breakdown = breakdown_totals(rows.indicators, code, state.year_from, state.year_to)
    position = position_of(_network(dataset, state.year_from, state.year_to), code)
    grid = reporting_grid(rows.indicators, rows.received, code, state.year_from, state.year_to)
    context, context_text = context_section(dataset, code, state)

    def bars(totals: pd.DataFrame, title: str) -> object:
        top = totals.head(TOP_PARTNERS)
        labels = [_partner_label(dataset, code, p) for p in top["partner"]]
        return ranked_bars(top, labels, title, t("No data reported."))

    return [
        key_figures(dataset, code),
        html.Div(
            [
                _section(
                    t("Trends"),
                    trends_reading(values, name, state),
                    [_graph(ids.COUNTRY_TRENDS, trends, f"{stem}_trends")],
                    source_note(dataset, glotip, t(RANGE_NOTE)),
                    full=True,
                ),
                _section(
                    t("Main origins of victims detected in {name}", name=name),
                    partners_reading(origins, dataset, code, "origins", span),
                    [
                        _graph(
                            ids.COUNTRY_ORIGINS,
                            bars(origins, t("Detected victims by citizenship, {span}", span=span)),
                            f"{stem}_origins",
                        )
                    ],
                    source_note(dataset, glotip, t("Top {n}; ranked by lower bound.", n=10)),
                ),
                _section(
                    t("Where nationals of {name} were detected", name=name),
                    partners_reading(destinations, dataset, code, "destinations", span),
                    [
                        _graph(
                            ids.COUNTRY_DESTINATIONS,
                            bars(
                                destinations,
                                t("Victims detected abroad, by country, {span}", span=span),
                            ),
                            f"{stem}_destinations",
                        )
                    ],
                    source_note(
                        dataset,
                        glotip,
                        t("Only countries that reported victims by citizenship are included."),
                    ),
                ),
                _section(
                    t("Forms of exploitation, sex and age"),
                    breakdown_reading(breakdown, span),
                    [
                        _graph(
                            ids.COUNTRY_BREAKDOWN,
                            breakdown_figure(
                                breakdown,
                                {k: t(v) for k, v in DIMENSION_TITLES.items()},
                                {k: t(v) for k, v in CATEGORY_LABELS.items()},
                                t("Detected victims in {name}, {span}", name=name, span=span),
                            ),
                            f"{stem}_breakdown",
                        )
                    ],
                    source_note(
                        dataset,
                        glotip,
                        t("Categories are published separately: they need not add up to totals."),
                    ),
                ),
                _section(
                    t("Network position"),
                    network_reading(position, name),
                    [],
                    source_note(
                        dataset,
                        glotip,
                        t(
                            "Betweenness centrality among {n} places in all countries' flows of "
                            "detected victims by citizenship, {span}.",
                            n=position.nodes,
                            span=span,
                        ),
                    ),
                ),
                _section(
                    t("Years reported"),
                    grid_reading(grid, name, state),
                    [
                        _graph(
                            ids.COUNTRY_GRID,
                            reporting_grid_figure(grid, {k: t(v) for k, v in ITEM_LABELS.items()}),
                            f"{stem}_reporting",
                        )
                    ],
                    source_note(dataset, glotip),
                    full=True,
                ),
                _section(
                    t("Context (migration, not trafficking)"),
                    context_text,
                    [_graph(ids.COUNTRY_CONTEXT, context, f"{stem}_context")],
                    source_note(dataset, ["wb-wdi", "frontex"]),
                    full=True,
                ),
            ],
            className="figure-grid",
        ),
    ]


def _picker(dataset: Dataset, code: str | None) -> html.Div:
    """The country picker; choosing loads the chosen country's page (same query)."""
    return html.Div(
        [
            dcc.Location(id=ids.COUNTRY_NAVIGATE, refresh=False),
            labelled(
                t("Country"),
                dcc.Dropdown(
                    country_options(dataset),
                    code,
                    id=ids.COUNTRY_SELECT,
                    clearable=False,
                    placeholder=t("Choose a country"),
                ),
                ids.COUNTRY_SELECT,
            ),
        ],
        className="control",
    )


def layout(iso3: str | None = None, **query: str) -> html.Div:
    dataset = current_dataset()
    # Dash calls ``layout()`` without arguments to validate callbacks: show the default country.
    code = (DEFAULT_COUNTRY if iso3 is None else iso3).strip().upper()
    if code not in dataset.country_codes:
        shown = str(iso3)[:20]
        return html.Div(
            [
                html.H1(t("Country not found")),
                notices(
                    [
                        t(
                            "There is no country with the code “{code}”. Choose a country below.",
                            code=shown,
                        )
                    ]
                ),
                html.Div([_picker(dataset, None)], className="controls"),
            ],
            className="page page-country",
        )
    state, messages = state_from_query(dataset, query)
    first, last = indicator_years(dataset)
    countries = dataset.countries.set_index("iso3")
    region = countries.loc[code, "subregion"] if code in countries.index else None
    return html.Div(
        [
            notices(messages),
            html.H1(
                [dataset.name(code), html.Span(f" ({code})", className="hint")],
                className="page-title",
            ),
            html.P(str(region), className="hint") if isinstance(region, str) else None,
            html.Div(
                [
                    _picker(dataset, code),
                    year_range_slider(
                        ids.COUNTRY_YEARS, first, last, (state.year_from, state.year_to)
                    ),
                    labelled(
                        t("Data (CSV)"),
                        export_buttons(
                            CsvDownload(
                                ids.COUNTRY_DOWNLOAD_BUTTON,
                                downloads.route(PAGE, "indicators", country=code),
                                t("Indicator rows"),
                            ),
                            CsvDownload(
                                ids.COUNTRY_FLOWS_DOWNLOAD_BUTTON,
                                downloads.route(PAGE, "flows", country=code),
                                t("Flows by citizenship"),
                            ),
                            query=to_query(state, KEYS),
                        ),
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.COUNTRY_CODE, data=code),
            dcc.Store(id=ids.view_state(PAGE)),
            html.Div(id=ids.COUNTRY_CONTENT, className="country-content"),
        ],
        className="page page-country",
    )


def state_from_query(dataset: Dataset, query: downloads.Query) -> tuple[ViewState, list[str]]:
    """The state an address's query describes (years within the data), and notices."""
    state, messages = parse_query(query, defaults(dataset), view_context(dataset), KEYS)
    state, more = checked(state, dataset)
    return state, messages + more


def state_from_controls(dataset: Dataset, years: list[int] | None) -> ViewState:
    first, last = indicator_years(dataset)
    year_from, year_to = (int(years[0]), int(years[1])) if years else (first, last)
    state = ViewState(year_from=min(year_from, year_to), year_to=max(year_from, year_to))
    return checked(state, dataset)[0]


@callback(
    Output(ids.COUNTRY_CONTENT, "children"),
    Output(ids.view_state(PAGE), "data"),
    Input(ids.COUNTRY_YEARS, "value"),
    State(ids.COUNTRY_CODE, "data"),
)
def update_country(years, code):
    dataset = current_dataset()
    state = state_from_controls(dataset, years)
    return country_body(dataset, code, state), to_query(state, KEYS)


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


def _filter(code: str, state: ViewState) -> IndicatorFilter:
    return IndicatorFilter(countries=(code,), year_from=state.year_from, year_to=state.year_to)


def _download_country(dataset: Dataset, query: downloads.Query) -> str:
    """The country a download names (``country=<ISO3>``, as in the view's path), or 404."""
    given = query.get("country")
    code = given.strip().upper() if isinstance(given, str) else ""
    if code not in dataset.country_codes:
        message = t("There is no country with the code “{code}”.", code=str(given or "")[:20])
        raise downloads.DownloadNotFoundError(message)
    return code


@downloads.register(PAGE, "indicators")
def download_indicators(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/country/indicators.csv?country=<ISO3>&<the view's query>``: the country's
    indicator rows in the view's years."""
    code = _download_country(dataset, query)
    flt = _filter(code, state_from_query(dataset, query)[0])
    return indicators_export(dataset, flt), export_filename("indicators", flt)


@downloads.register(PAGE, "flows")
def download_flows(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/country/flows.csv?country=<ISO3>&<the view's query>``: the flows into or out
    of the country in the view's years."""
    code = _download_country(dataset, query)
    state, _ = state_from_query(dataset, query)
    flt = FlowFilter(countries=(code,), year_from=state.year_from, year_to=state.year_to)
    return flows_export(dataset, flt), export_filename("flows", flt)
