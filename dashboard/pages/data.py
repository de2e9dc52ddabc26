"""Data view (``/data``): the rows behind a selection, in a grid, as CSV, with a data dictionary.

The grid, the CSV download (``/download/data/rows.csv?<the view's query>``, a plain GET route)
and ``python -m dashboard export`` hold the same rows for the same filter: all three call
:func:`dashboard.export.flows_export` or :func:`dashboard.export.indicators_export`.

The grid uses AG Grid's infinite row model: the main callback writes only the selection (the
control values, in a small store) and the grid asks for its rows a block at a time
(``getRowsRequest`` → ``getRowsResponse``), sorted and filtered on the server by
:func:`dashboard.analytics.grid_rows.block`. A new selection makes the grid drop its cached
blocks and go back to the first page (a clientside callback), so it asks again.

Indicators are listed by the indicators table's own (raw) indicator names. A derived view
indicator (a share such as ``share-children``, or ``victims-per-100k``) has no rows of its own:
the view lists the rows of its base indicator (``detected-victims``), from which it is computed,
and says so.
"""

from __future__ import annotations

import json
from dataclasses import replace

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.grid_rows import block
from dashboard.analytics.indicators import SPECS
from dashboard.analytics.selection import FlowFilter, IndicatorFilter
from dashboard.components.chart import CsvDownload, download_link_class, export_buttons
from dashboard.components.controls import (
    MEASURE_LABELS,
    clamp_years,
    country_options,
    indicator_dropdown,
    labelled,
    measure_radio,
    measure_years,
    notices,
    view_context,
    year_range_slider,
)
from dashboard.context import current_dataset
from dashboard.dataset import Dataset
from dashboard.export import (
    FLOW_COLUMNS,
    INDICATOR_COLUMNS,
    export_filename,
    flows_export,
    indicators_export,
)
from dashboard.i18n import t
from dashboard.state import DATA_KINDS, MAX_COUNTRIES, ViewState, parse_query, to_query

dash.register_page(__name__, path="/data", name="Data", order=5, title="Data")

KEYS = ("kind", "measure", "indicator", "from", "to", "countries")
PAGE = "data"

#: Rows per block the grid asks for (two pages of 50).
BLOCK_SIZE = 100

KIND_LABELS = {
    "flows": "Flows: origin → corridor → destination, by year",
    "indicators": "Country indicators, by year",
}

#: Column → meaning, for the data dictionary under the grid (English; translated when shown).
DICTIONARY = {
    "origin": "Where the persons came from: citizenship (UNODC) or nationality (Frontex), as an "
    "ISO 3166-1 alpha-3 code, a group of countries (group:…) or “unknown”.",
    "transit": "The migratory route (route:…) the crossings were detected on; empty when the "
    "source names none.",
    "destination": "Country of detection (UNODC) or arrival area of the route (area:…, Frontex).",
    "year": "Calendar year of the detections.",
    "measure": "What is counted: trafficking-victims (detected victims of trafficking) or "
    "border-crossings (irregular border crossings: migration context, not trafficking; "
    "crossings, not persons). Never add the two.",
    "count_low": "Lower bound of the count. A suppressed “<5” is the interval 1–4.",
    "count_high": "Upper bound of the count; equal to count_low when the count is exact.",
    "censored": "true when the count includes a suppressed cell (“<5”), so it is a range.",
    "origin_class": "country, domestic (victims detected in their own country), group (a "
    "regional group as published) or unknown.",
    "raw_label": "The label(s) as the source published them, joined by “ | ” when several were "
    "merged into one row.",
    "note": "Plain-language caveat for this row (e.g. a partial year); empty when none.",
    "source": "Identifier of the source dataset (see the Sources page).",
    "citation": "How to cite the source dataset.",
    "iso3": "Reporting country, ISO 3166-1 alpha-3 code.",
    "indicator": "The statistic, by the indicators table's name: detected-victims, "
    "persons-prosecuted, persons-convicted, persons-formal-contact or offences.",
    "exploitation": "Form of exploitation: total, sexual-exploitation, forced-labour or other.",
    "sex": "total, female, male, other or unknown.",
    "age": "total, adult, child or unknown.",
    "value_low": "Lower bound of the value. A suppressed “<5” is the interval 1–4.",
    "value_high": "Upper bound of the value; equal to value_low when the value is exact.",
}


def defaults(dataset: Dataset) -> ViewState:
    """Flows of detected victims touching the focus countries, every year with data."""
    return ViewState(kind="flows", countries=tuple(dataset.focus_countries))


def year_bounds(dataset: Dataset, state: ViewState) -> tuple[int, int]:
    """First and last year of the chosen table (and measure, for flows)."""
    if state.kind == "flows":
        return measure_years(dataset, state.measure)
    years = dataset.indicators["year"]
    return int(years.min()), int(years.max())


def with_years(dataset: Dataset, state: ViewState) -> tuple[ViewState, list[str]]:
    """Fill missing years with the table's first and last, and keep years inside them."""
    first, last = year_bounds(dataset, state)
    message = "This table has data for {first}–{last} only; the years were limited to them."
    return clamp_years(state, first, last, message)


def base_indicator(indicator: str) -> str:
    """The indicators-table indicator whose rows a view indicator is computed from.

    Examples
    --------
    >>> base_indicator("share-children"), base_indicator("persons-convicted")
    ('detected-victims', 'persons-convicted')
    """
    return SPECS[indicator].base


def selection_filter(state: ViewState) -> FlowFilter | IndicatorFilter:
    """The export filter of ``state``: the same one the CSV and the command line use."""
    if state.kind == "flows":
        return FlowFilter(
            measure=state.measure,
            year_from=state.year_from,
            year_to=state.year_to,
            countries=state.countries,
        )
    return IndicatorFilter(
        indicator=base_indicator(state.indicator),
        countries=state.countries,
        year_from=state.year_from,
        year_to=state.year_to,
    )


def export_rows(dataset: Dataset, flt: FlowFilter | IndicatorFilter) -> pd.DataFrame:
    """The rows for ``flt``, with the export's columns (what the grid shows and the CSV holds)."""
    if isinstance(flt, FlowFilter):
        return flows_export(dataset, flt)
    return indicators_export(dataset, flt)


def cli_command(flt: FlowFilter | IndicatorFilter) -> str:
    """The command line that writes the same CSV.

    Examples
    --------
    >>> cli_command(FlowFilter(year_from=2015, year_to=2021, countries=("TUN", "LBY")))
    'python -m dashboard export flows --measure trafficking-victims --from 2015 --to 2021 --countries TUN,LBY'
    """  # noqa: E501
    if isinstance(flt, FlowFilter):
        parts = ["python -m dashboard export flows", f"--measure {flt.measure}"]
    else:
        parts = ["python -m dashboard export indicators", f"--indicator {flt.indicator}"]
    if flt.year_from is not None:
        parts.append(f"--from {flt.year_from}")
    if flt.year_to is not None:
        parts.append(f"--to {flt.year_to}")
    if flt.countries:
        parts.append("--countries " + ",".join(flt.countries))
    return " ".join(parts)


def column_defs(columns: list[str], citations: dict[str, str] | None = None) -> list[dict]:
    """Grid columns: the export's columns, each with its meaning as the header tooltip.

    The citation is the same long text on every row of a source, so it is not sent with each
    row: the column computes it in the browser from the row's ``source`` (``citations`` maps
    source id to citation), and the grid still shows every column of the export.
    """
    numeric = {"year", "count_low", "count_high", "value_low", "value_high"}
    lookup = {}
    if citations is not None:
        table = json.dumps(citations, ensure_ascii=False)
        # Rows still loading (infinite row model) have no data yet.
        lookup = {
            "valueGetter": {"function": f"params.data ? ({table})[params.data.source] || '' : ''"}
        }
    return [
        {
            "field": column,
            "headerName": column,
            "headerTooltip": t(DICTIONARY[column]),
            **(
                {"type": "numericColumn", "filter": "agNumberColumnFilter"}
                if column in numeric
                else {}
            ),
            # true/false as in the CSV, not a checkbox
            **({"cellDataType": "text"} if column == "censored" else {}),
            **(lookup if column == "citation" else {}),
        }
        for column in columns
    ]


def dictionary(columns: list[str]) -> html.Section:
    """The data dictionary of ``columns``, rendered under the grid."""
    items = []
    for column in columns:
        items += [html.Dt(html.Code(column)), html.Dd(t(DICTIONARY[column]))]
    return html.Section(
        [html.H2(t("Data dictionary")), html.Dl(items, className="dictionary")],
        className="card",
    )


def summary(state: ViewState, rows: int, flt: FlowFilter | IndicatorFilter) -> list:
    """Row count, what the rows are, how to get the same file from the command line."""
    if not state.countries:
        return [html.P(t("Choose at least one country to list its rows."), className="hint")]
    what = t(MEASURE_LABELS[state.measure]) if state.kind == "flows" else flt.indicator
    parts = [
        html.P(
            html.Strong(
                t(
                    "{n} rows · {what} · {first}–{last} · {countries}",
                    n=f"{rows:,}",
                    what=what,
                    first=state.year_from,
                    last=state.year_to,
                    countries=", ".join(state.countries),
                )
            )
        )
    ]
    if state.kind == "indicators" and state.indicator != flt.indicator:
        parts.append(
            html.P(
                t(
                    "“{label}” is computed from the {base} rows (all breakdowns are listed); "
                    "these are the rows shown.",
                    label=t(SPECS[state.indicator].label),
                    base=flt.indicator,
                ),
                className="notice",
            )
        )
    if state.kind == "flows" and state.measure == "border-crossings":
        parts.append(
            html.P(
                t(
                    "Frontex detections of irregular border crossings — migration context, not "
                    "trafficking; counts crossings, not persons."
                ),
                className="notice context-note",
            )
        )
    parts.append(
        html.P(
            [t("The same rows from the command line: "), html.Code(cli_command(flt))],
            className="hint",
        )
    )
    return parts


def year_marks(first: int, last: int) -> dict[int, str]:
    """Slider marks: every third year and the last, none so close to the last that they overlap."""
    return {
        y: str(y)
        for y in range(first, last + 1)
        if y == last or ((y - first) % 3 == 0 and last - y >= 2)
    }


def _kind_radio(value: str) -> html.Div:
    options = [{"label": t(KIND_LABELS[k]), "value": k} for k in DATA_KINDS]
    return labelled(
        t("Table"),
        dcc.RadioItems(options, value, id=ids.DATA_KIND, className="radio"),
        ids.DATA_KIND,
    )


def _shown(visible: bool) -> dict:
    return {} if visible else {"display": "none"}


def selection(state: ViewState) -> dict:
    """What the grid lists, as the controls hold it: the store the grid's rows are read from.

    Examples
    --------
    >>> state = ViewState(year_from=2015, year_to=2021, countries=("TUN",))
    >>> selection(state)  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'flows', 'measure': 'trafficking-victims', 'indicator': 'detected-victims',
     'years': [2015, 2021], 'countries': ['TUN']}
    """
    return {
        "kind": state.kind,
        "measure": state.measure,
        "indicator": state.indicator,
        "years": [state.year_from, state.year_to],
        "countries": list(state.countries),
    }


def state_from_query(dataset: Dataset, query: downloads.Query) -> tuple[ViewState, list[str]]:
    """The state an address's query describes, and notices about the values it changed."""
    state, messages = parse_query(query, defaults(dataset), view_context(dataset), KEYS)
    state, year_messages = with_years(dataset, state)
    return state, messages + year_messages


def layout(**query: str) -> html.Div:
    dataset = current_dataset()
    state, messages = state_from_query(dataset, query)
    first, last = year_bounds(dataset, state)
    columns = FLOW_COLUMNS if state.kind == "flows" else INDICATOR_COLUMNS
    return html.Div(
        [
            notices(messages),
            html.Div(
                [
                    _kind_radio(state.kind),
                    html.Div(
                        measure_radio(ids.DATA_MEASURE, state.measure),
                        id=ids.DATA_MEASURE_CONTROL,
                        style=_shown(state.kind == "flows"),
                    ),
                    html.Div(
                        indicator_dropdown(ids.DATA_INDICATOR, state.indicator),
                        id=ids.DATA_INDICATOR_CONTROL,
                        style=_shown(state.kind == "indicators"),
                    ),
                    year_range_slider(
                        ids.DATA_YEARS, first, last, (state.year_from, state.year_to)
                    ),
                    labelled(
                        t("Countries (at most {n})", n=MAX_COUNTRIES),
                        dcc.Dropdown(
                            country_options(dataset),
                            list(state.countries),
                            id=ids.DATA_COUNTRIES,
                            multi=True,
                            placeholder=t("Choose one or more countries"),
                        ),
                        ids.DATA_COUNTRIES,
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.view_state(PAGE)),
            # The selection the grid's first request reads, before the main callback has run.
            dcc.Store(id=ids.DATA_SELECTION, data=selection(state)),
            html.Div(id=ids.DATA_SUMMARY, className="data-summary", **{"aria-live": "polite"}),
            dag.AgGrid(
                id=ids.DATA_TABLE,
                columnDefs=column_defs(columns),
                rowModelType="infinite",
                defaultColDef={"sortable": True, "filter": True, "resizable": True},
                dashGridOptions={
                    # One block request at a time: dash-ag-grid hands every answer to the
                    # latest request, so two blocks asked for at once could be mixed up.
                    "cacheBlockSize": BLOCK_SIZE,
                    "maxConcurrentDatasourceRequests": 1,
                    "pagination": True,
                    "paginationPageSize": 50,
                    "paginationPageSizeSelector": [50, 200, 1000],
                    "tooltipShowDelay": 300,
                    "enableCellTextSelection": True,
                },
                columnSize="autoSize",
                style={"height": "560px"},
                className="data-grid",
            ),
            export_buttons(
                CsvDownload(
                    ids.DATA_DOWNLOAD_BUTTON,
                    downloads.route(PAGE, "rows"),
                    t("Download these rows (CSV)"),
                ),
                query=to_query(state, KEYS),
            ),
            html.Div(dictionary(columns), id=ids.DATA_DICTIONARY),
        ],
        className="page page-data",
    )


def state_from_controls(
    dataset: Dataset,
    kind: str,
    measure: str,
    indicator: str,
    years: list[int] | None,
    countries: list[str] | None,
    table_changed: bool = False,
) -> tuple[ViewState, list[str]]:
    """The view state the controls describe, and notices about values that were adjusted.

    A new table or measure starts from all of its years; more than ``MAX_COUNTRIES`` countries
    are cut to the first ones (a longer list could not be written into the address).
    """
    messages = []
    codes = tuple(dict.fromkeys(countries or ()))
    if len(codes) > MAX_COUNTRIES:
        messages.append(
            t("At most {n} countries can be listed; the first {n} are kept.", n=MAX_COUNTRIES)
        )
        codes = codes[:MAX_COUNTRIES]
    year_from, year_to = (None, None) if table_changed or not years else years
    state = replace(
        defaults(dataset),
        kind=kind,
        measure=measure,
        indicator=indicator if indicator in SPECS else "detected-victims",
        year_from=None if year_from is None else int(year_from),
        year_to=None if year_to is None else int(year_to),
        countries=codes,
    )
    state, _ = with_years(dataset, state)
    return state, messages


def view_rows(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The rows of the view: none until a country is chosen."""
    flt = selection_filter(state)
    rows = export_rows(dataset, flt)
    return rows if state.countries else rows.iloc[0:0]


@callback(
    Output(ids.DATA_SELECTION, "data"),
    Output(ids.DATA_TABLE, "columnDefs"),
    Output(ids.DATA_SUMMARY, "children"),
    Output(ids.DATA_DICTIONARY, "children"),
    Output(ids.view_state(PAGE), "data"),
    Output(ids.DATA_MEASURE_CONTROL, "style"),
    Output(ids.DATA_INDICATOR_CONTROL, "style"),
    Output(ids.DATA_YEARS, "min"),
    Output(ids.DATA_YEARS, "max"),
    Output(ids.DATA_YEARS, "marks"),
    Output(ids.DATA_YEARS, "value"),
    Output(ids.DATA_COUNTRIES, "value"),
    Output(ids.DATA_DOWNLOAD_BUTTON, "className"),
    Input(ids.DATA_KIND, "value"),
    Input(ids.DATA_MEASURE, "value"),
    Input(ids.DATA_INDICATOR, "value"),
    Input(ids.DATA_YEARS, "value"),
    Input(ids.DATA_COUNTRIES, "value"),
    State(ids.DATA_SELECTION, "data"),
)
def update_data(kind, measure, indicator, years, countries, shown=None):
    """Everything but the rows: the grid reads them with :func:`get_rows`.

    The selection store is written only when it changes (``shown`` is the one the grid lists),
    so that the grid reloads only then.
    """
    dataset = current_dataset()
    changed = dash.ctx.triggered_id in (ids.DATA_KIND, ids.DATA_MEASURE)
    state, messages = state_from_controls(
        dataset, kind, measure, indicator, years, countries, changed
    )
    flt = selection_filter(state)
    rows = view_rows(dataset, state)
    first, last = year_bounds(dataset, state)
    columns = list(rows.columns)
    info = [html.P(m, className="notice") for m in messages] + summary(state, len(rows), flt)
    citations = {source: dataset.citation(source) for source in rows["source"].unique()}
    current = selection(state)
    return (
        dash.no_update if current == shown else current,
        column_defs(columns, citations),
        info,
        dictionary(columns),
        to_query(state, KEYS),
        _shown(state.kind == "flows"),
        _shown(state.kind == "indicators"),
        first,
        last,
        year_marks(first, last),
        [state.year_from, state.year_to],
        list(state.countries),
        download_link_class(bool(state.countries)),  # no country: no rows
    )


@callback(
    Output(ids.DATA_TABLE, "getRowsResponse"),
    Input(ids.DATA_TABLE, "getRowsRequest"),
    State(ids.DATA_SELECTION, "data"),
    prevent_initial_call=True,
)
def get_rows(request, chosen):
    """The block of rows the grid asks for, of the selection's export rows."""
    if not request or not chosen:
        return dash.no_update
    dataset = current_dataset()
    state, _ = state_from_controls(
        dataset,
        chosen["kind"],
        chosen["measure"],
        chosen["indicator"],
        chosen["years"],
        chosen["countries"],
    )
    return block(view_rows(dataset, state), request, hidden=["citation"])


# A new selection: the grid drops its blocks, goes back to the first page and asks again.
clientside_callback(
    """
    async function(selection, gridId) {
        const api = await dash_ag_grid.getApiAsync(gridId);
        api.paginationGoToFirstPage();
        api.purgeInfiniteCache();
    }
    """,
    Input(ids.DATA_SELECTION, "data"),
    State(ids.DATA_TABLE, "id"),
    prevent_initial_call=True,
)


@downloads.register(PAGE, "rows")
def download_rows(dataset: Dataset, query: downloads.Query) -> tuple[pd.DataFrame, str]:
    """``/download/data/rows.csv?<the view's query>``: the grid's rows, the same file as
    ``python -m dashboard export`` with the same filter."""
    state, _ = state_from_query(dataset, query)
    flt = selection_filter(state)
    return export_rows(dataset, flt), export_filename(state.kind, flt)
