"""Compare view (``/compare``): two to eight countries side by side.

Four panels, each with a one-sentence reading, a source note and its data as CSV: indicator
trends (small multiples), similarity of country profiles, shared main origin countries, and
whether the countries grow more alike over time (dispersion by year).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache, partial

import dash
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.convergence import (
    COMPONENTS,
    Change,
    balanced_change,
    convergence_reading,
    coverage_reading,
    dispersion_by_year,
    main_origins,
    origin_overlap,
    overlap_reading,
    pooled_profiles,
    profile_similarity,
    similarity_reading,
)
from dashboard.analytics.indicators import SPECS, indicator_values
from dashboard.components.chart import CsvDownload, export_buttons, graph_config, source_note
from dashboard.components.controls import (
    country_options,
    indicator_dropdown,
    labelled,
    notices,
    view_context,
    year_range_slider,
)
from dashboard.context import current_dataset
from dashboard.dataset import Dataset
from dashboard.figures.compare import (
    RANGE_NOTE,
    TrendOptions,
    convergence_figure,
    overlap_heatmap,
    similarity_heatmap,
    trends_figure,
)
from dashboard.i18n import t
from dashboard.state import ViewState, parse_query, to_query

dash.register_page(__name__, path="/compare", name="Compare", order=2, title="Compare")

KEYS = ("countries", "indicator", "from", "to")
PAGE = "compare"
MIN_COUNTRIES, MAX_COUNTRIES = 2, 8
#: How many main origin countries of each country are compared.
TOP_ORIGINS = 5


def indicator_years(dataset: Dataset) -> tuple[int, int]:
    """First and last year of the indicators table (the span the view can show)."""
    years = dataset.indicators["year"]
    return int(years.min()), int(years.max())


def defaults(dataset: Dataset) -> ViewState:
    """The focus countries, detected victims, every year of the indicators."""
    first, last = indicator_years(dataset)
    return ViewState(
        countries=tuple(dataset.focus_countries[:MAX_COUNTRIES]),
        indicator="detected-victims",
        year_from=first,
        year_to=last,
    )


def checked(state: ViewState, dataset: Dataset) -> tuple[ViewState, list[str]]:
    """Enforce what the view needs beyond the URL parser: 2–8 countries, years within the data."""
    default = defaults(dataset)
    messages = []
    if not MIN_COUNTRIES <= len(state.countries) <= MAX_COUNTRIES:
        messages.append(
            t(
                "Choose between {low} and {high} countries to compare; showing the default "
                "({countries}) instead.",
                low=MIN_COUNTRIES,
                high=MAX_COUNTRIES,
                countries=", ".join(default.countries),
            )
        )
        state = replace(state, countries=default.countries)
    first, last = indicator_years(dataset)
    year_from = state.year_from if state.year_from is not None else first
    year_to = state.year_to if state.year_to is not None else last
    clamped = (min(max(year_from, first), last), min(max(year_to, first), last))
    if clamped != (year_from, year_to):
        messages.append(
            t(
                "The indicators cover {first}–{last}; the years were moved into that span.",
                first=first,
                last=last,
            )
        )
    return replace(state, year_from=clamped[0], year_to=clamped[1]), messages


@dataclass(frozen=True)
class CompareData:
    """Everything the four panels draw, for one state (also what the CSV downloads hold)."""

    values: pd.DataFrame
    profiles: pd.DataFrame
    similarity: pd.DataFrame
    origins: pd.DataFrame
    overlap: pd.DataFrame
    dispersion: pd.DataFrame
    change: Change | None


def compare_data(dataset: Dataset, state: ViewState) -> CompareData:
    """Data access → analytics for ``state`` (a checked state: 2–8 countries, years set).

    Computed once per (dataset, state) and shared by the main callback and the four downloads
    (see :func:`_compare_data`); each call gets its own shallow copies of the frames, so a
    caller that changes one (copy-on-write) never changes what the next caller gets.
    """
    data = _compare_data(dataset, state)
    return replace(
        data,
        **{
            name: getattr(data, name).copy(deep=False)
            for name in ("values", "profiles", "similarity", "origins", "overlap", "dispersion")
        },
    )


@lru_cache(maxsize=32)
def _compare_data(dataset: Dataset, state: ViewState) -> CompareData:
    """The cached computation behind :func:`compare_data` (read-only: never hand it out).

    Pure: keyed by the dataset (hashable by identity, loaded once and read-only) and the frozen
    state; bounded, and the same in every worker since it only depends on its arguments.
    """
    countries = list(state.countries)
    # Only the chosen countries' rows (in table order) go into the analytics.
    indicators = dataset.indicators.loc[dataset.indicators["iso3"].isin(countries)]
    received = dataset.flows.loc[dataset.flows["destination"].isin(countries)]
    values = indicator_values(indicators, dataset.population, state.indicator)
    values = values.loc[values["year"].between(state.year_from, state.year_to)]
    values = values.reset_index(drop=True)
    profiles = pooled_profiles(dataset.profile_table, countries, state.year_from, state.year_to)
    origins = main_origins(received, countries, state.year_from, state.year_to, TOP_ORIGINS)
    return CompareData(
        values=values,
        profiles=profiles,
        similarity=profile_similarity(profiles, countries),
        origins=origins,
        overlap=origin_overlap(origins, countries),
        dispersion=dispersion_by_year(values, countries, state.year_from, state.year_to),
        change=balanced_change(values, countries, state.year_from, state.year_to),
    )


def _label(indicator: str) -> str:
    label = t(SPECS[indicator].label)
    return label[0].lower() + label[1:]


def _years(state: ViewState) -> str:
    if state.year_from == state.year_to:
        return str(state.year_from)
    return f"{state.year_from}–{state.year_to}"


def indicator_sources(indicator: str) -> list[str]:
    return ["unodc-glotip", "wb-wdi"] if SPECS[indicator].per_population else ["unodc-glotip"]


def build_panels(dataset: Dataset, state: ViewState) -> dict[str, tuple]:
    """Panel name → (figure, reading) for ``state`` (analytics → figures)."""
    data = compare_data(dataset, state)
    names = dataset.names
    countries = list(state.countries)
    spec = SPECS[state.indicator]
    label = _label(state.indicator)
    years = _years(state)
    percent = spec.unit == "%"
    trends = trends_figure(
        data.values.rename(columns={"iso3": "panel"}),
        [(code, names.get(code, code)) for code in countries],
        state.year_from,
        state.year_to,
        TrendOptions(
            title=f"{t(spec.label)}, {years}",
            percent=percent,
            digits=spec.digits,
            shared_y=percent,
        ),
    )
    similarity = similarity_heatmap(
        data.similarity, countries, names, t("Similarity of country profiles, {years}", years=years)
    )
    overlap = overlap_heatmap(
        data.overlap,
        countries,
        names,
        t("Shared main origin countries (top {k} each), {years}", k=TOP_ORIGINS, years=years),
    )
    convergence = convergence_figure(
        data.dispersion, t("Dispersion across countries: {label}", label=label)
    )
    return {
        "trends": (
            trends,
            coverage_reading(data.values, countries, names, label, state.year_from, state.year_to),
        ),
        "similarity": (similarity, similarity_reading(data.similarity, names)),
        "overlap": (overlap, overlap_reading(data.overlap, names, years)),
        "convergence": (
            convergence,
            convergence_reading(data.change, label, state.year_from, state.year_to),
        ),
    }


def _panel(
    title: str,
    graph_id: str,
    reading_id: str,
    source_id: str,
    csv: CsvDownload,
    query: str,
) -> html.Section:
    return html.Section(
        [
            html.H2(title, className="panel-title", style={"fontSize": "1.2rem", "margin": "0"}),
            html.P(id=reading_id, className="reading"),
            dcc.Loading(dcc.Graph(id=graph_id, config=graph_config(graph_id)), delay_show=400),
            html.Div(id=source_id),
            export_buttons(csv, query=query, graph_id=graph_id),
        ],
        className="card",
    )


def _csv(link_id: str, panel: str) -> CsvDownload:
    return CsvDownload(link_id, downloads.route(PAGE, panel))


def state_from_query(dataset: Dataset, query: downloads.Query) -> tuple[ViewState, list[str]]:
    """The state an address's query describes (checked), and notices about what it changed."""
    state, messages = parse_query(query, defaults(dataset), view_context(dataset), KEYS)
    state, more = checked(state, dataset)
    return state, messages + more


def layout(**query: str) -> html.Div:
    dataset = current_dataset()
    state, messages = state_from_query(dataset, query)
    shown = to_query(state, KEYS)
    first, last = indicator_years(dataset)
    trends = _panel(
        t("Trends by country"),
        ids.COMPARE_TRENDS,
        ids.COMPARE_TRENDS_READING,
        ids.COMPARE_TRENDS_SOURCE,
        _csv(ids.COMPARE_DOWNLOAD_BUTTON, "trends"),
        shown,
    )
    return html.Div(
        [
            notices(messages),
            html.Div(
                [
                    labelled(
                        t("Countries (2 to 8)"),
                        dcc.Dropdown(
                            country_options(dataset),
                            list(state.countries),
                            id=ids.COMPARE_COUNTRIES,
                            multi=True,
                            placeholder=t("Choose 2 to 8 countries"),
                        ),
                        ids.COMPARE_COUNTRIES,
                    ),
                    indicator_dropdown(ids.COMPARE_INDICATOR, state.indicator),
                    year_range_slider(
                        ids.COMPARE_YEARS, first, last, (state.year_from, state.year_to)
                    ),
                ],
                className="controls",
            ),
            html.Div(id=ids.COMPARE_MESSAGE, className="notices", role="status"),
            dcc.Store(id=ids.view_state(PAGE)),
            html.Div(
                [
                    html.Div(trends, style={"gridColumn": "1 / -1"}),
                    _panel(
                        t("How alike are their profiles?"),
                        ids.COMPARE_SIMILARITY,
                        ids.COMPARE_SIMILARITY_READING,
                        ids.COMPARE_SIMILARITY_SOURCE,
                        _csv(ids.COMPARE_SIMILARITY_DOWNLOAD_BUTTON, "similarity"),
                        shown,
                    ),
                    _panel(
                        t("Do they share origin countries?"),
                        ids.COMPARE_OVERLAP,
                        ids.COMPARE_OVERLAP_READING,
                        ids.COMPARE_OVERLAP_SOURCE,
                        _csv(ids.COMPARE_OVERLAP_DOWNLOAD_BUTTON, "overlap"),
                        shown,
                    ),
                    html.Div(
                        _panel(
                            t("Are they growing more alike?"),
                            ids.COMPARE_CONVERGENCE,
                            ids.COMPARE_CONVERGENCE_READING,
                            ids.COMPARE_CONVERGENCE_SOURCE,
                            _csv(ids.COMPARE_CONVERGENCE_DOWNLOAD_BUTTON, "convergence"),
                            shown,
                        ),
                        style={"gridColumn": "1 / -1"},
                    ),
                ],
                className="figure-grid",
            ),
        ],
        className="page page-compare",
    )


def state_from_controls(
    dataset: Dataset, countries: list[str] | None, indicator: str, years: list[int] | None
) -> tuple[ViewState, list[str]]:
    """The view state the controls describe, checked (invalid choices fall back, with a note)."""
    first, last = indicator_years(dataset)
    year_from, year_to = (int(years[0]), int(years[1])) if years else (first, last)
    state = ViewState(
        countries=tuple(dict.fromkeys(countries or ())),
        indicator=indicator if indicator in SPECS else "detected-victims",
        year_from=min(year_from, year_to),
        year_to=max(year_from, year_to),
    )
    return checked(state, dataset)


def _filename(panel: str, state: ViewState) -> str:
    countries = "-".join(state.countries).lower()
    return f"compare_{panel}_{state.indicator}_{state.year_from}-{state.year_to}_{countries}"


COMPONENT_NOTE = (
    "Profiles: shares of detected victims by form of exploitation, children and women and girls, "
    "victims per 100,000 and convictions per prosecution, each pooled over the years a country "
    "published both parts; similarity is 1 minus the mean distance over the measures both "
    "countries have (at least 2), from the bounds of each range."
)


@callback(
    Output(ids.COMPARE_TRENDS, "figure"),
    Output(ids.COMPARE_SIMILARITY, "figure"),
    Output(ids.COMPARE_OVERLAP, "figure"),
    Output(ids.COMPARE_CONVERGENCE, "figure"),
    Output(ids.COMPARE_TRENDS, "config"),
    Output(ids.COMPARE_SIMILARITY, "config"),
    Output(ids.COMPARE_OVERLAP, "config"),
    Output(ids.COMPARE_CONVERGENCE, "config"),
    Output(ids.COMPARE_TRENDS_READING, "children"),
    Output(ids.COMPARE_SIMILARITY_READING, "children"),
    Output(ids.COMPARE_OVERLAP_READING, "children"),
    Output(ids.COMPARE_CONVERGENCE_READING, "children"),
    Output(ids.COMPARE_TRENDS_SOURCE, "children"),
    Output(ids.COMPARE_SIMILARITY_SOURCE, "children"),
    Output(ids.COMPARE_OVERLAP_SOURCE, "children"),
    Output(ids.COMPARE_CONVERGENCE_SOURCE, "children"),
    Output(ids.COMPARE_MESSAGE, "children"),
    Output(ids.view_state(PAGE), "data"),
    Input(ids.COMPARE_COUNTRIES, "value"),
    Input(ids.COMPARE_INDICATOR, "value"),
    Input(ids.COMPARE_YEARS, "value"),
)
def update_compare(countries, indicator, years):
    dataset = current_dataset()
    state, messages = state_from_controls(dataset, countries, indicator, years)
    panels = build_panels(dataset, state)
    order = ("trends", "similarity", "overlap", "convergence")
    sources = indicator_sources(state.indicator)
    notes = (
        source_note(dataset, sources, t(RANGE_NOTE)),
        source_note(dataset, ["unodc-glotip", "wb-wdi"], t(COMPONENT_NOTE)),
        source_note(
            dataset,
            ["unodc-glotip"],
            t(
                "Detected victims by citizenship; each country's {k} main foreign origins, "
                "ranked by the lower bound of victims over the years.",
                k=TOP_ORIGINS,
            ),
        ),
        source_note(
            dataset,
            sources,
            t(
                "Coefficient of variation (standard deviation over mean) of the countries that "
                "reported each year, as the range the <5 cells allow; for counts it mostly "
                "reflects country size, so shares and rates compare better."
            ),
        ),
    )
    message = [html.P(m, className="notice") for m in messages]
    return (
        *(panels[name][0] for name in order),
        *(graph_config(_filename(name, state)) for name in order),
        *(panels[name][1] for name in order),
        *notes,
        message,
        to_query(state, KEYS),
    )


# --------------------------------------------------------------------------------------------
# Downloads: what each panel draws, with its filter, source and citation
# --------------------------------------------------------------------------------------------


def _with_filter(frame: pd.DataFrame, state: ViewState, dataset: Dataset, sources: list[str]):
    return frame.assign(
        indicator=state.indicator,
        year_from=state.year_from,
        year_to=state.year_to,
        countries=",".join(state.countries),
        source=";".join(sources),
        citation=" | ".join(dataset.citation(s) for s in sources),
    )


def trends_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    values = compare_data(dataset, state).values
    values = values.assign(country=values["iso3"].map(dataset.name))
    columns = ["iso3", "country", "year", "low", "high", "censored"]
    return _with_filter(values[columns], state, dataset, indicator_sources(state.indicator))


def similarity_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    pairs = compare_data(dataset, state).similarity
    pairs = pairs.assign(
        country_a=pairs["iso3_a"].map(dataset.name),
        country_b=pairs["iso3_b"].map(dataset.name),
        measures=";".join(COMPONENTS),
    ).rename(
        columns={"low": "similarity_low", "high": "similarity_high", "shared": "shared_measures"}
    )
    columns = ["iso3_a", "country_a", "iso3_b", "country_b", "similarity_low", "similarity_high"]
    frame = pairs[[*columns, "shared_measures", "measures"]]
    return _with_filter(frame, state, dataset, ["unodc-glotip", "wb-wdi"]).drop(columns="indicator")


def overlap_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    pairs = compare_data(dataset, state).overlap
    pairs = pairs.assign(
        country_a=pairs["iso3_a"].map(dataset.name),
        country_b=pairs["iso3_b"].map(dataset.name),
        measure="trafficking-victims",
        top=TOP_ORIGINS,
    )
    columns = ["iso3_a", "country_a", "iso3_b", "country_b", "shared", "k_a", "k_b", "jaccard"]
    frame = _with_filter(
        pairs[[*columns, "shared_origins", "measure", "top"]], state, dataset, ["unodc-glotip"]
    )
    return frame.drop(columns="indicator")


def convergence_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    dispersion = compare_data(dataset, state).dispersion.rename(
        columns={"countries": "reporting_countries"}
    )
    return _with_filter(dispersion, state, dataset, indicator_sources(state.indicator))


EXPORTS = {
    "trends": trends_export,
    "similarity": similarity_export,
    "overlap": overlap_export,
    "convergence": convergence_export,
}


def _download(panel: str, dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/compare/<panel>.csv?<the view's query>``: what the panel draws."""
    state, _ = state_from_query(dataset, query)
    return EXPORTS[panel](dataset, state), _filename(panel, state) + ".csv"


for _name in EXPORTS:
    downloads.register(PAGE, _name)(partial(_download, _name))
