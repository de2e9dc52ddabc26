"""Compare view (``/compare``): layout and callbacks. What it computes:
:mod:`dashboard.views.compare`.

Five panels, each with a one-sentence reading, a source note and its data as CSV.
"""

from __future__ import annotations

from functools import partial

import dash
import pandas as pd
from dash import Input, Output, html

from dashboard import downloads, ids
from dashboard.analytics.indicators import SPECS
from dashboard.analytics.milestones import DEFAULT_GOALS
from dashboard.analytics.profiles import COMPONENTS
from dashboard.components import controls
from dashboard.components.chart import (
    CsvDownload,
    chart_card,
    graph_config,
    source_note,
    sourced,
)
from dashboard.dataset import Dataset
from dashboard.figures.convergence import convergence_figure
from dashboard.figures.pairs import overlap_heatmap, similarity_heatmap
from dashboard.figures.plotly_dict import ChartOptions
from dashboard.figures.reforms import ReformOptions
from dashboard.figures.reforms import convergence_figure as institutions_figure
from dashboard.figures.trends import TrendOptions, trends_figure
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import baseline_beside, current_dataset
from dashboard.state import ViewState
from dashboard.text import N_, Text, labels
from dashboard.text import compare as words
from dashboard.text import reforms as reforms_words
from dashboard.views.compare import COMPARE, TOP_ORIGINS, CompareData
from dashboard.views.reforms import milestone_years
from dashboard.views.years import indicator_years
from dashboard.web.address import current_text, keep
from dashboard.web.callbacks import view_callback

dash.register_page(
    __name__, path="/compare", name=labels.VIEWS["compare"], order=2, title=page_title("compare")
)
PAGE = COMPARE.page
PANELS = ("trends", "similarity", "overlap", "convergence", "institutions")
#: Each panel's graph, reading and source containers, and its CSV link.
PANEL_IDS = {
    "trends": (
        ids.COMPARE_TRENDS,
        ids.COMPARE_TRENDS_READING,
        ids.COMPARE_TRENDS_SOURCE,
        ids.COMPARE_DOWNLOAD_BUTTON,
    ),
    "similarity": (
        ids.COMPARE_SIMILARITY,
        ids.COMPARE_SIMILARITY_READING,
        ids.COMPARE_SIMILARITY_SOURCE,
        ids.COMPARE_SIMILARITY_DOWNLOAD_BUTTON,
    ),
    "overlap": (
        ids.COMPARE_OVERLAP,
        ids.COMPARE_OVERLAP_READING,
        ids.COMPARE_OVERLAP_SOURCE,
        ids.COMPARE_OVERLAP_DOWNLOAD_BUTTON,
    ),
    "convergence": (
        ids.COMPARE_CONVERGENCE,
        ids.COMPARE_CONVERGENCE_READING,
        ids.COMPARE_CONVERGENCE_SOURCE,
        ids.COMPARE_CONVERGENCE_DOWNLOAD_BUTTON,
    ),
    "institutions": (
        ids.COMPARE_INSTITUTIONS,
        ids.COMPARE_INSTITUTIONS_READING,
        ids.COMPARE_INSTITUTIONS_SOURCE,
        ids.COMPARE_INSTITUTIONS_DOWNLOAD_BUTTON,
    ),
}
TITLES = {
    "trends": N_("Trends by country"),
    "similarity": N_("How alike are their profiles?"),
    "overlap": N_("Do they share origin countries?"),
    "convergence": N_("Are they growing more alike?"),
    "institutions": N_("Are their institutions converging?"),
}


def _years(state: ViewState, text: Text) -> str:
    return text.span(state.year_from, state.year_to)


def _in_sentence(indicator: str, text: Text) -> str:
    return text.pgettext(labels.IN_SENTENCE, labels.INDICATORS_IN_SENTENCE[indicator])


def own_title(dataset: Dataset, indicator: str, text: Text) -> str:
    """The name of a dataset's own series in the trends' legend: its source's title."""
    for source in COMPARE.sources(dataset, indicator):
        title = text.meta(dataset.metadata.get(source, {}), "title")
        if title:
            return str(title)
    return dataset.label


def panels(data: CompareData, text: Text) -> dict[str, tuple]:
    """Panel name → (figure, reading), in ``text``'s language."""
    state = data.state
    dataset = current_dataset()
    names = dataset.names(text.lang)
    beside = data.beside_values
    countries = list(state.countries)
    spec = SPECS[state.indicator]
    label = _in_sentence(state.indicator, text)
    years = _years(state, text)
    trends = trends_figure(
        data.values.rename(columns={"iso3": "panel"}),
        [(code, names.get(code, code)) for code in countries],
        state.year_from,
        state.year_to,
        TrendOptions(
            text=text,
            title=text.gettext(
                "{indicator}, {years}",
                indicator=text.gettext(labels.INDICATORS[state.indicator]),
                years=years,
            ),
            percent=spec.percent,
            digits=spec.digits,
            shared_y=spec.percent,
            own_name=own_title(dataset, state.indicator, text) if beside is not None else "",
            beside_name=text.gettext(words.PUBLIC_NAME) if beside is not None else "",
        ),
        beside=None if beside is None else beside.rename(columns={"iso3": "panel"}),
    )
    coverage = words.coverage_reading(
        data.values, countries, names, label, state.year_from, state.year_to, text
    )
    if data.beside_rows is not None and not data.beside_rows.empty:
        coverage = f"{coverage} {words.beside_reading(data.beside_rows, names, text)}"
    similarity = similarity_heatmap(
        data.similarity,
        countries,
        names,
        ChartOptions(text, text.gettext("Similarity of country profiles, {years}", years=years)),
    )
    overlap = overlap_heatmap(
        data.overlap,
        countries,
        names,
        ChartOptions(
            text,
            text.gettext(
                "Shared main origin countries (top {k} each), {years}", k=TOP_ORIGINS, years=years
            ),
        ),
    )
    convergence = convergence_figure(
        data.dispersion,
        ChartOptions(text, text.gettext("Dispersion across countries: {label}", label=label)),
    )
    span = (state.year_from, state.year_to)
    # The same for every indicator and years: drawn once per countries and language.
    institutions = current_dataset().derived.get(
        ("compare-institutions-figure", tuple(countries), text.lang),
        lambda: institutions_figure(
            data.institutions,
            DEFAULT_GOALS,
            ReformOptions(
                text=text,
                names=names,
                title=text.gettext("Anti-trafficking milestones reached by each year"),
            ),
        ),
    )
    return {
        "trends": (trends, coverage),
        "similarity": (similarity, words.similarity_reading(data.similarity, names, text)),
        "overlap": (overlap, words.overlap_reading(data.overlap, names, years, text)),
        "convergence": (
            convergence,
            words.convergence_reading(data.change, label, *span, text),
        ),
        "institutions": (
            institutions,
            reforms_words.convergence_sentence(data.institutions_reached, text, names),
        ),
    }


def panel_sources(
    dataset: Dataset, state: ViewState, beside_of: Dataset | None = None
) -> dict[str, tuple[str, ...]]:
    """Each panel's source datasets (the trends': ``beside_of``'s too, drawn beside)."""
    sources = COMPARE.sources(dataset, state.indicator)
    theirs = COMPARE.sources(beside_of, state.indicator) if beside_of is not None else ()
    return {
        "trends": tuple(dict.fromkeys([*sources, *theirs])),
        "similarity": COMPARE.profile_sources(dataset),
        "overlap": COMPARE.origin_sources(dataset),
        "convergence": sources,
        "institutions": COMPARE.institutions(dataset, tuple(state.countries))[2],
    }


def notes(
    dataset: Dataset, state: ViewState, text: Text, beside_of: Dataset | None = None
) -> dict[str, html.P]:
    """Each panel's source note."""
    last = (milestone_years(dataset) or (0, 0))[1]
    trends = text.gettext(words.RANGE_NOTE)
    if beside_of is not None:
        trends = f"{trends} {text.gettext(words.BESIDE_NOTE)}"
    extra = {
        "trends": trends,
        "similarity": text.gettext(words.COMPONENT_NOTE),
        "overlap": text.gettext(words.ORIGINS_NOTE, k=TOP_ORIGINS),
        "convergence": text.gettext(words.DISPERSION_NOTE),
        "institutions": text.gettext(words.INSTITUTIONS_NOTE, last=last),
    }
    return {
        panel: source_note(dataset, sources, text, extra[panel], also=beside_of)
        for panel, sources in panel_sources(dataset, state, beside_of).items()
    }


def filename(panel: str, state: ViewState) -> str:
    countries = "-".join(state.countries).lower()
    if panel == "institutions":  # the milestones' years, whatever the indicator and years
        return f"compare_institutions_{countries}"
    return f"compare_{panel}_{state.indicator}_{state.year_from}-{state.year_to}_{countries}"


def render(data: CompareData, text: Text, notices_: list) -> dict:
    """Every output of the view's callback, by name: ``<panel>_figure``, ``<panel>_config``,
    ``<panel>_reading``, ``<panel>_source``, ``message`` and ``query``."""
    state = data.state
    dataset = current_dataset()
    beside_of = baseline_beside(dataset) if data.beside_values is not None else None
    drawn = panels(data, text)
    sources = notes(dataset, state, text, beside_of)
    of_panel = panel_sources(dataset, state, beside_of)
    outputs = {}
    for panel in PANELS:
        figure, outputs[f"{panel}_reading"] = drawn[panel]
        outputs[f"{panel}_figure"] = sourced(figure, dataset, of_panel[panel], text, beside_of)
        outputs[f"{panel}_config"] = graph_config(filename(panel, state), text)
        outputs[f"{panel}_source"] = sources[panel]
    return {
        **outputs,
        "message": controls.notice_paragraphs(notices_, text),
        "query": keep(COMPARE.query(state)),
    }


def _card(panel: str, text: Text, query: str) -> html.Section:
    graph_id, reading_id, source_id, link_id = PANEL_IDS[panel]
    return chart_card(
        graph_id,
        text,
        title=text.gettext(TITLES[panel]),
        reading_id=reading_id,
        source_id=source_id,
        downloads=[CsvDownload(link_id, downloads.route(PAGE, panel))],
        query=query,
        full_width=panel in ("trends", "convergence", "institutions"),
    )


def layout(**query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    state, messages = COMPARE.from_query(dataset, query)
    years = indicator_years(dataset)
    if years is None:
        return html.Div(
            [
                controls.notices(page_notices(messages), text),
                controls.empty_state(
                    text.gettext("This dataset has no country indicators to compare.")
                ),
            ],
            className="page page-compare",
        )
    shown = keep(COMPARE.query(state))
    return html.Div(
        [
            controls.notices(page_notices(messages), text),
            html.Div(
                [
                    controls.countries_dropdown(
                        dataset,
                        ids.COMPARE_COUNTRIES,
                        state.countries,
                        text.gettext("Countries (2 to 8)"),
                        text.gettext("Choose 2 to 8 countries"),
                        text,
                    ),
                    controls.indicator_dropdown(ids.COMPARE_INDICATOR, state.indicator, text),
                    controls.year_range_slider(
                        ids.COMPARE_YEARS, years, (state.year_from, state.year_to), text
                    ),
                ],
                className="controls",
            ),
            html.Div(id=ids.COMPARE_MESSAGE, className="notices", role="status"),
            dash.dcc.Store(id=ids.view_state(PAGE)),
            html.Div([_card(panel, text, shown) for panel in PANELS], className="figure-grid"),
        ],
        className="page page-compare",
    )


def _outputs() -> dict[str, Output]:
    outputs = {}
    for panel in PANELS:
        graph_id, reading_id, source_id, _ = PANEL_IDS[panel]
        outputs[f"{panel}_figure"] = Output(graph_id, "figure")
        outputs[f"{panel}_config"] = Output(graph_id, "config")
        outputs[f"{panel}_reading"] = Output(reading_id, "children")
        outputs[f"{panel}_source"] = Output(source_id, "children")
    outputs["message"] = Output(ids.COMPARE_MESSAGE, "children")
    outputs["query"] = Output(ids.view_state(PAGE), "data")
    return outputs


@view_callback(
    output=_outputs(),
    inputs={
        "countries": Input(ids.COMPARE_COUNTRIES, "value"),
        "indicator": Input(ids.COMPARE_INDICATOR, "value"),
        "years": Input(ids.COMPARE_YEARS, "value"),
    },
)
def update_compare(countries, indicator, years) -> dict:
    dataset = current_dataset()
    state, messages = COMPARE.from_controls(dataset, countries, indicator, years)
    data = COMPARE.process(dataset, state, baseline_beside(dataset))
    return render(data, current_text(), messages)


# --------------------------------------------------------------------------------------------
# Downloads: what each panel draws, with its filter, source and citation
# --------------------------------------------------------------------------------------------


def _with_filter(
    frame: pd.DataFrame, state: ViewState, dataset: Dataset, sources, also: Dataset | None = None
) -> pd.DataFrame:
    """``frame`` with the view's filter, its sources and their citations (a source ``dataset``
    does not describe is ``also``'s)."""

    def citation(source: str) -> str:
        known = source in dataset.metadata or also is None
        return (dataset if known else also).citation(source)

    return frame.assign(
        indicator=state.indicator,
        year_from=state.year_from,
        year_to=state.year_to,
        countries=",".join(state.countries),
        source=";".join(sources),
        citation=" | ".join(citation(s) for s in sources),
    )


def _named(frame: pd.DataFrame, dataset: Dataset, **columns: str) -> pd.DataFrame:
    """``frame`` with a name column for each code column (``country_a="iso3_a"``)."""
    names = dataset.names("en")
    return frame.assign(**{name: frame[code].map(names) for name, code in columns.items()})


def trends_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The trends' values; over an upload, UNODC's beside them (``unodc_low``, ``unodc_high``,
    empty where UNODC has none) and whether the two differ (``differs``)."""
    beside_of = baseline_beside(dataset)
    data = COMPARE.process(dataset, state, beside_of)
    values = _named(data.values, dataset, country="iso3")
    columns = ["iso3", "country", "year", "low", "high", "censored"]
    frame = values[columns]
    if data.beside_rows is not None:
        theirs = data.beside_rows.rename(
            columns={"their_low": "unodc_low", "their_high": "unodc_high"}
        )
        theirs = theirs.assign(differs=theirs["differs"].astype("boolean"))
        frame = frame.merge(
            theirs[["iso3", "year", "unodc_low", "unodc_high", "differs"]],
            on=["iso3", "year"],
            how="left",
        )
    sources = panel_sources(dataset, state, beside_of)["trends"]
    return _with_filter(frame, state, dataset, sources, beside_of)


def similarity_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    pairs = _named(
        COMPARE.process(dataset, state).similarity, dataset, country_a="iso3_a", country_b="iso3_b"
    )
    pairs = pairs.assign(measures=";".join(COMPONENTS)).rename(
        columns={"low": "similarity_low", "high": "similarity_high", "shared": "shared_measures"}
    )
    columns = ["iso3_a", "country_a", "iso3_b", "country_b", "similarity_low", "similarity_high"]
    frame = pairs[[*columns, "shared_measures", "measures"]]
    sources = COMPARE.profile_sources(dataset)
    return _with_filter(frame, state, dataset, sources).drop(columns="indicator")


def overlap_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    pairs = _named(
        COMPARE.process(dataset, state).overlap, dataset, country_a="iso3_a", country_b="iso3_b"
    )
    pairs = pairs.assign(measure="trafficking-victims", top=TOP_ORIGINS)
    columns = ["iso3_a", "country_a", "iso3_b", "country_b", "shared", "k_a", "k_b", "jaccard"]
    frame = pairs[[*columns, "shared_origins", "measure", "top"]]
    sources = COMPARE.origin_sources(dataset)
    return _with_filter(frame, state, dataset, sources).drop(columns="indicator")


def convergence_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    dispersion = COMPARE.process(dataset, state).dispersion.rename(
        columns={"countries": "reporting_countries"}
    )
    return _with_filter(dispersion, state, dataset, COMPARE.sources(dataset, state.indicator))


def institutions_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Each country's count of milestones reached by each year, what they are and which are
    not known, with the goals counted, the source and its citation."""
    counts, _, sources = COMPARE.institutions(dataset, tuple(state.countries))
    counts = _named(counts, dataset, country="iso3")
    columns = ["iso3", "country", "year", "reached", "not_yet", "not_reached", "unknown"]
    columns += ["goals", "reached_goals", "unknown_goals"]
    return counts[columns].assign(
        counted=";".join(DEFAULT_GOALS),
        countries=",".join(state.countries),
        source=";".join(sources),
        citation=" | ".join(dataset.citation(s) for s in sources),
    )


EXPORTS = {
    "trends": trends_export,
    "similarity": similarity_export,
    "overlap": overlap_export,
    "convergence": convergence_export,
    "institutions": institutions_export,
}


def _download(panel: str, dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/compare/<panel>.csv?<the view's query>``: what the panel draws."""
    state, _ = COMPARE.from_query(dataset, query)
    return EXPORTS[panel](dataset, state), filename(panel, state) + ".csv"


for _name in EXPORTS:
    downloads.register(PAGE, _name)(partial(_download, _name))
