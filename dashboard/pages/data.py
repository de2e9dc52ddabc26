"""Data view (``/data``): layout and callbacks. What it lists: :mod:`dashboard.views.data`.

The grid, the CSV download (``/download/data/rows.csv?<the view's query>``, a plain GET route)
and ``python -m dashboard export`` hold the same rows for the same filter.

The grid uses AG Grid's infinite row model: the main callback writes only the selection (the
control values, in a small store) and the grid asks for its rows a block at a time
(``getRowsRequest`` → ``getRowsResponse``), sorted and filtered on the server by
:func:`dashboard.analytics.grid_rows.block`. A new selection makes the grid drop its cached
blocks and go back to the first page (a clientside callback), so it asks again.
"""

from __future__ import annotations

import json

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import downloads, ids
from dashboard.analytics.grid_rows import block
from dashboard.components import controls
from dashboard.components.beside import public_panel, side_by_side
from dashboard.components.chart import CsvDownload, download_link_class, export_buttons
from dashboard.dataset import Dataset
from dashboard.export import column_meanings, export_filename
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.schemas import MEASURES
from dashboard.state import DATA_KINDS, MAX_COUNTRIES
from dashboard.text import N_, Text, labels
from dashboard.text import data as words
from dashboard.text.grid_locale import grid_options
from dashboard.views.data import DATA, DataRows, cli_command, selection
from dashboard.views.years import year_marks
from dashboard.web.address import current_text, keep
from dashboard.web.callbacks import view_callback

dash.register_page(
    __name__, path="/data", name=labels.VIEWS["data"], order=5, title=page_title("data")
)
PAGE = DATA.page
#: Rows per block the grid asks for (two pages of 50).
BLOCK_SIZE = 100
NUMERIC = {"year", "count_low", "count_high", "value_low", "value_high"}


def column_defs(kind: str, text: Text, citations: dict[str, str] | None = None) -> list[dict]:
    """Grid columns: the export's columns, each with its meaning as the header tooltip.

    The citation is the same long text on every row of a source, so it is not sent with each
    row: the column computes it in the browser from the row's ``source`` (``citations`` maps
    source id to citation), and the grid still shows every column of the export.
    """
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
            "headerTooltip": text.gettext(meaning),
            **(
                {"type": "numericColumn", "filter": "agNumberColumnFilter"}
                if column in NUMERIC
                else {}
            ),
            # true/false as in the CSV, not a checkbox
            **({"cellDataType": "text"} if column == "censored" else {}),
            **(lookup if column == "citation" else {}),
        }
        for column, meaning in column_meanings(kind).items()
    ]


def dictionary(kind: str, text: Text) -> html.Section:
    """The data dictionary of the table's columns (their schema's descriptions)."""
    items = []
    for column, meaning in column_meanings(kind).items():
        items += [html.Dt(html.Code(column)), html.Dd(text.gettext(meaning))]
    return html.Section(
        [html.H2(text.gettext("Data dictionary")), html.Dl(items, className="dictionary")],
        className="card",
    )


def summary(data: DataRows, text: Text) -> list:
    """Row count, what the rows are, how to get the same file from the command line."""
    state, flt = data.state, data.filter
    if not state.countries:
        return [html.P(text.gettext(words.NO_COUNTRY), className="hint")]
    parts = [html.P(html.Strong(words.rows_line(data, text)))]
    if state.kind == "indicators" and state.indicator != flt.indicator:
        parts.append(
            html.P(words.derived_notice(state.indicator, flt.indicator, text), className="notice")
        )
    if state.kind == "flows" and state.measure == "border-crossings":
        parts.append(html.P(text.gettext(words.CONTEXT_NOTE), className="notice context-note"))
    parts.append(
        html.P(
            [text.gettext("The same rows from the command line: "), html.Code(cli_command(flt))],
            className="hint",
        )
    )
    return parts


def _shown(visible: bool) -> dict:
    return {} if visible else {"display": "none"}


def render(data: DataRows, text: Text, notices_: list, shown: dict | None) -> dict:
    """Every output of the view's main callback, by name (the selection store is written only
    when it changes, so that the grid reloads only then)."""
    dataset, state = current_dataset(), data.state
    citations = {source: dataset.citation(source) for source in data.rows["source"].unique()}
    current = selection(state)
    first, last = data.years or (dash.no_update, dash.no_update)
    return {
        "selection": dash.no_update if current == shown else current,
        "columns": column_defs(state.kind, text, citations),
        "summary": controls.notice_paragraphs(notices_, text) + summary(data, text),
        "dictionary": dictionary(state.kind, text),
        "query": keep(DATA.query(state)),
        "measure_style": _shown(state.kind == "flows"),
        "indicator_style": _shown(state.kind == "indicators"),
        "years_min": first,
        "years_max": last,
        "years_marks": year_marks(*data.years) if data.years else dash.no_update,
        "years": [state.year_from, state.year_to],
        "countries": list(state.countries),
        "download_class": download_link_class(bool(state.countries)),  # no country: no rows
    }


def _kind_radio(value: str, text: Text) -> html.Div:
    options = [{"label": text.gettext(labels.DATA_KINDS[k]), "value": k} for k in DATA_KINDS]
    return controls.labelled(
        text.gettext("Table"),
        dcc.RadioItems(options, value, id=ids.DATA_KIND, className="radio"),
        ids.DATA_KIND,
    )


#: Every grid's columns: sorted, filtered and resized by the reader.
GRID_COLUMNS = {"sortable": True, "filter": True, "resizable": True}
#: The public data's grid beside an upload's holds this many rows at most (the CSV all).
PUBLIC_GRID_ROWS = 200
# Translators: under the public data's grid beside an uploaded dataset's; {n} is 200.
PUBLIC_GRID_NOTE = N_("The grid holds the first {n} of these rows; the CSV holds them all.")


def grid_shown(text: Text) -> dict:
    """How every grid of the view shows its rows: pages of 50, tooltips, selectable text, and
    AG Grid's words and direction in ``text``'s language (read only when a grid is created)."""
    return {
        "pagination": True,
        "paginationPageSize": 50,
        "paginationPageSizeSelector": [50, 200, 1000],
        "tooltipShowDelay": 300,
        "enableCellTextSelection": True,
        **grid_options(text),
    }


def public_rows(state, text: Text) -> list:
    """The public data's rows for the state of an upload's Data view (``[]`` unless the
    address sets them beside it): how many and what they are, the first
    :data:`PUBLIC_GRID_ROWS` of them in a grid of their own, and their CSV."""

    def draw(public: Dataset) -> list:
        shown, notices = DATA.check(public, state)
        data = DATA.process(public, shown)
        citations = {source: public.citation(source) for source in data.rows["source"].unique()}
        first = block(data.rows, {"startRow": 0, "endRow": PUBLIC_GRID_ROWS}, ["citation"])
        csv = CsvDownload(
            ids.DATA_DOWNLOAD_BUTTON,
            downloads.route(PAGE, "rows"),
            text.gettext("Download these rows (CSV)"),
        )
        grid = dag.AgGrid(
            id=ids.DATA_TABLE,
            columnDefs=column_defs(shown.kind, text, citations),
            rowData=first["rowData"],
            defaultColDef=GRID_COLUMNS,
            dashGridOptions=grid_shown(text),
            columnSize="autoSize",
            style={"height": "560px"},
            className="data-grid",
        )
        note = text.gettext(PUBLIC_GRID_NOTE, n=PUBLIC_GRID_ROWS)
        return [
            html.Div(
                controls.notice_paragraphs(notices, text) + summary(data, text),
                className="data-summary",
            ),
            *([grid, html.P(note, className="hint")] if first["rowData"] else []),
            export_buttons(csv, text=text, query=keep(DATA.query(shown))),
        ]

    return public_panel(draw, text)


def layout(**query: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    state, messages = DATA.from_query(dataset, query)
    years = DATA.years(dataset, state) or (state.year_from or 0, state.year_to or 0)
    return html.Div(
        [
            controls.notices(page_notices(messages), text),
            html.Div(
                [
                    _kind_radio(state.kind, text),
                    html.Div(
                        controls.measure_radio(ids.DATA_MEASURE, state.measure, text),
                        id=ids.DATA_MEASURE_CONTROL,
                        style=_shown(state.kind == "flows"),
                    ),
                    html.Div(
                        controls.indicator_dropdown(ids.DATA_INDICATOR, state.indicator, text),
                        id=ids.DATA_INDICATOR_CONTROL,
                        style=_shown(state.kind == "indicators"),
                    ),
                    controls.year_range_slider(
                        ids.DATA_YEARS, years, (state.year_from, state.year_to), text
                    ),
                    controls.countries_dropdown(
                        dataset,
                        ids.DATA_COUNTRIES,
                        state.countries,
                        text.gettext("Countries (at most {n})", n=MAX_COUNTRIES),
                        text.gettext("Choose one or more countries"),
                        text,
                    ),
                ],
                className="controls",
            ),
            dcc.Store(id=ids.view_state(PAGE)),
            # The selection the grid's first request reads, before the main callback has run.
            dcc.Store(id=ids.DATA_SELECTION, data=selection(state)),
            side_by_side(
                [
                    html.Div(
                        id=ids.DATA_SUMMARY, className="data-summary", **{"aria-live": "polite"}
                    ),
                    dag.AgGrid(
                        id=ids.DATA_TABLE,
                        columnDefs=column_defs(state.kind, text),
                        rowModelType="infinite",
                        defaultColDef=GRID_COLUMNS,
                        dashGridOptions={
                            # One block request at a time: dash-ag-grid hands every answer to
                            # the latest request, so two blocks asked for at once could be
                            # mixed up.
                            "cacheBlockSize": BLOCK_SIZE,
                            "maxConcurrentDatasourceRequests": 1,
                            **grid_shown(text),
                        },
                        columnSize="autoSize",
                        style={"height": "560px"},
                        className="data-grid",
                    ),
                    export_buttons(
                        CsvDownload(
                            ids.DATA_DOWNLOAD_BUTTON,
                            downloads.route(PAGE, "rows"),
                            text.gettext("Download these rows (CSV)"),
                        ),
                        text=text,
                        query=keep(DATA.query(state)),
                    ),
                ],
                ids.beside_panel(PAGE),
                text,
            ),
            html.Div(dictionary(state.kind, text), id=ids.DATA_DICTIONARY),
        ],
        className="page page-data",
    )


@view_callback(
    output={
        "selection": Output(ids.DATA_SELECTION, "data"),
        "columns": Output(ids.DATA_TABLE, "columnDefs"),
        "summary": Output(ids.DATA_SUMMARY, "children"),
        "dictionary": Output(ids.DATA_DICTIONARY, "children"),
        "query": Output(ids.view_state(PAGE), "data"),
        "measure_style": Output(ids.DATA_MEASURE_CONTROL, "style"),
        "indicator_style": Output(ids.DATA_INDICATOR_CONTROL, "style"),
        "years_min": Output(ids.DATA_YEARS, "min"),
        "years_max": Output(ids.DATA_YEARS, "max"),
        "years_marks": Output(ids.DATA_YEARS, "marks"),
        "years": Output(ids.DATA_YEARS, "value"),
        "countries": Output(ids.DATA_COUNTRIES, "value"),
        "download_class": Output(ids.DATA_DOWNLOAD_BUTTON, "className"),
        "beside": Output(ids.beside_panel(PAGE), "children"),
    },
    inputs={
        "kind": Input(ids.DATA_KIND, "value"),
        "measure": Input(ids.DATA_MEASURE, "value"),
        "indicator": Input(ids.DATA_INDICATOR, "value"),
        "years": Input(ids.DATA_YEARS, "value"),
        "countries": Input(ids.DATA_COUNTRIES, "value"),
        "shown": State(ids.DATA_SELECTION, "data"),
    },
)
def update_data(kind, measure, indicator, years, countries, shown=None) -> dict:
    """Everything but the rows: the grid reads them with :func:`get_rows`."""
    dataset = current_dataset()
    changed = dash.ctx.triggered_id in (ids.DATA_KIND, ids.DATA_MEASURE)
    state, messages = DATA.from_controls(
        dataset, kind, measure if measure in MEASURES else MEASURES[0], indicator, years,
        countries, changed,
    )  # fmt: skip
    text = current_text()
    beside = public_rows(state, text)
    return {**render(DATA.process(dataset, state), text, messages, shown), "beside": beside}


@callback(
    Output(ids.DATA_TABLE, "getRowsResponse"),
    Input(ids.DATA_TABLE, "getRowsRequest"),
    State(ids.DATA_SELECTION, "data"),
    # The address (read by current_dataset(), like every view callback's): without it the grid
    # of an upload was given the public data's rows.
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def get_rows(request, chosen, _address=None):
    """The block of rows the grid asks for, of the selection's export rows (no text: the
    rows hold codes, the same in every language), from the address's dataset."""
    if not request or not chosen:
        return dash.no_update
    dataset = current_dataset()
    data = DATA.process(dataset, DATA.from_selection(dataset, chosen))
    return block(data.rows, request, hidden=["citation"])


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
    state, _ = DATA.from_query(dataset, query)
    return DATA.export_rows(dataset, state), export_filename(state.kind, DATA.filter(state))
