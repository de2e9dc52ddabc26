"""Upload view (``/upload``): the template, an upload's check report and preview, and the
requester's workspace (its datasets: open, rename, replace, delete; its threshold k).

What an upload does on the server is :func:`dashboard.web.uploads.receive`; the workspace is
the requester's cookie's (:mod:`dashboard.web.workspace`). Nothing of an upload is kept in the
browser but the file the ``dcc.Upload`` holds (read again when its valid rows are kept).
"""

from __future__ import annotations

import dash
import flask
from dash import Input, Output, State, dcc, html

from dashboard import ids
from dashboard.components import controls
from dashboard.exchange.convert import BASE_KEY
from dashboard.exchange.errors import ExchangeError
from dashboard.exchange.problems import render
from dashboard.exchange.results import CheckResult
from dashboard.exchange.store import DatasetInfo, Workspace
from dashboard.exchange.suppression import DEFAULT_K, MAX_K, MIN_K
from dashboard.pages.frame import page_notices, page_title
from dashboard.text import Message, Text, labels
from dashboard.text import upload as words
from dashboard.web import workspace as workspaces
from dashboard.web.address import current_text, link
from dashboard.web.callbacks import view_callback
from dashboard.web.uploads import MAX_FILE_MB, Received, receive

dash.register_page(
    __name__, path="/upload", name=labels.VIEWS["upload"], order=8, title=page_title("upload")
)
#: The most problems and preview rows drawn as table rows.
REPORT_ROWS = 200
PREVIEW_ROWS = 20
_PREVIEW_COLUMNS = BASE_KEY  # the published counts' groups


def _table(header: list[str], rows: list[list[object]], class_name: str) -> html.Table:
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(cell, scope="col") for cell in header])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        className=f"table {class_name}",
    )


def report_table(result: CheckResult, text: Text) -> list:
    """The check's problems as a table: row, column, value, reason (in ``text``'s language)."""
    if not result.problems:
        return []
    shown = result.problems[:REPORT_ROWS]
    rows = [
        [
            "" if p.row is None else str(p.row),  # a spreadsheet's row number, not grouped
            p.column or "",
            p.value or "",
            render(text, p.reason),
        ]
        for p in shown
    ]
    header = [text.gettext(m) for m in (words.ROW, words.COLUMN, words.VALUE, words.REASON)]
    parts: list = [html.H2(text.gettext(words.REPORT)), _table(header, rows, "upload-report")]
    more = max(sum(result.counts.values()), len(result.problems)) - len(shown)
    if more > 0:
        parts.append(html.P(text.ngettext(*words.REPORT_MORE, more)))
    return parts


def preview_table(result: CheckResult, k: int, text: Text) -> list:
    """The first counts as they will be published (suppressed by ``k``), never exact small ones."""
    if result.cells.empty:
        return []
    preview = result.preview(k, PREVIEW_ROWS)
    rows = [
        [*(str(row[c]) for c in _PREVIEW_COLUMNS), text.interval(row.count_low, row.count_high)]
        for _, row in preview.iterrows()
    ]
    header = [*_PREVIEW_COLUMNS, text.gettext(words.COUNT)]
    return [html.H2(text.gettext(words.PREVIEW)), _table(header, rows, "upload-preview")]


def _open_links(info: DatasetInfo, text: Text) -> html.Span:
    views = [("/flows", words.OPEN_FLOWS), ("/", words.OPEN_MAP), ("/country", words.OPEN_COUNTRY)]
    return html.Span(
        [
            html.A(text.gettext(name), href=link(path, f"?dataset={info.id}"), className="open")
            for path, name in views
        ],
        className="open-links",
    )


def datasets_table(datasets: list[DatasetInfo], text: Text) -> html.Div | html.P:
    """The workspace's datasets, each with links opening it in the views."""
    if not datasets:
        return html.P(text.gettext(words.NO_DATASETS))
    header = [
        text.gettext(m)
        for m in (words.TITLE, words.FILE, words.YEARS, words.COUNTS, words.STORED_ON, words.OPEN)
    ]
    rows = [
        [
            info.title,
            info.filename or "",
            text.span(*info.years) if info.years else "",
            text.number(info.cells),
            info.stored_at.date().isoformat(),
            _open_links(info, text),
        ]
        for info in datasets
    ]
    return _table(header, rows, "upload-datasets")


BESIDE_ROWS = 40


def beside_table(workspace: Workspace, info: DatasetInfo, text: Text) -> list:
    """The dataset's detected victims beside UNODC's for the same countries and years, and
    where they differ (every count published by the workspace's rule)."""
    from dashboard.exchange.compare import beside_unodc
    from dashboard.registry import registry_of

    indicators = registry_of(flask.current_app).baseline.indicators
    rows = beside_unodc(workspace.cells(info.id), workspace.k, indicators)
    if rows.empty:
        return []
    names = registry_of(flask.current_app).baseline.names(text.lang)
    verdict = {True: words.YES, False: words.NO, None: words.NO_FIGURE}
    shown = [
        [
            names.get(row.iso3, row.iso3),
            str(row.year),
            text.interval(row.upload_low, row.upload_high),
            "" if row.differs is None else text.interval(row.unodc_low, row.unodc_high),
            text.gettext(verdict[row.differs]),
        ]
        for row in rows.head(BESIDE_ROWS).itertuples(index=False)
    ]
    header = [
        text.gettext(m)
        for m in (words.COUNTRY, words.YEARS, words.YOURS, words.UNODC, words.DIFFERS)
    ]
    summary = text.gettext(
        words.BESIDE_SUMMARY,
        differ=text.number(int((rows["differs"] == True).sum())),  # noqa: E712 - object column
        total=text.number(len(rows)),
        missing=text.number(int(rows["differs"].isna().sum())),
    )
    return [
        html.H2(text.gettext(words.BESIDE, title=info.title)),
        html.P(summary),
        _table(header, shown, "upload-beside"),
    ]


def _listing(workspace: Workspace | None, text: Text) -> dict:
    """The outputs that show the workspace: its datasets, the choices naming them, its k."""
    datasets = workspace.datasets() if workspace is not None else []
    if workspace is None:
        shown: object = html.P(text.gettext(words.NO_WORKSPACE))
    else:
        shown = datasets_table(datasets, text)
    named = [{"label": info.title, "value": info.id} for info in datasets]
    replace = [
        {"label": text.gettext(words.REPLACE, title=info.title), "value": info.id}
        for info in datasets
    ]
    beside = beside_table(workspace, datasets[0], text) if datasets else []
    return {
        "datasets": shown,
        "beside": beside,
        "target_options": [{"label": text.gettext(words.NEW_DATASET), "value": ""}, *replace],
        "chosen_options": named,
        "k": workspace.k if workspace is not None else DEFAULT_K,
    }


def _received(received: Received, text: Text, k: int) -> dict:
    result = received.result
    offer_keep = bool(
        result is not None
        and received.stored is None
        and not result.refused
        and result.errors
        and not result.cells.empty
    )
    return {
        "status": render(text, received.message),
        "report": report_table(result, text) if result is not None else [],
        "preview": preview_table(result, k, text) if result is not None else [],
        "keep_hidden": not offer_keep,
    }


def layout(**_: str) -> html.Div:
    text = current_text()
    workspace = workspaces.current_workspace()
    listing = _listing(workspace, text)
    days = workspaces.store().retention.days
    return html.Div(
        [
            controls.notices(page_notices(), text),
            html.H1(text.gettext(labels.VIEWS["upload"])),
            html.P(text.gettext(words.INTRO, days=days)),
            html.H2(text.gettext(words.TEMPLATE)),
            html.Ul(
                [
                    html.Li(html.A(text.gettext(words.TEMPLATE_CSV), href=link(path)))
                    for path in ("/exchange/template.csv",)
                ]
                + [
                    html.Li(html.A(text.gettext(words.TEMPLATE_XLSX), href=link(path)))
                    for path in ("/exchange/template.xlsx",)
                ],
                className="template-links",
            ),
            html.H2(text.gettext(words.UPLOAD_HEADING)),
            controls.labelled(
                text.gettext(words.TARGET),
                dcc.Dropdown(
                    listing["target_options"],
                    "",
                    id=ids.UPLOAD_TARGET,
                    clearable=False,
                    searchable=False,
                    labels=controls.dropdown_labels(text),
                ),
                ids.UPLOAD_TARGET,
            ),
            # dcc.Upload's file input has no label and takes no aria-* property:
            # assets/accessibility.js names it from data-input-label.
            html.Div(
                dcc.Upload(
                    html.Div(text.gettext(words.DROP, size=MAX_FILE_MB)),
                    id=ids.UPLOAD_FILE,
                    accept=".csv,.txt,.xlsx",
                    multiple=False,
                    className="upload-drop upload-area",
                ),
                **{"data-input-label": text.gettext(words.DROP, size=MAX_FILE_MB)},
            ),
            html.P(id=ids.UPLOAD_STATUS, role="status", className="upload-status"),
            html.Button(
                text.gettext(words.KEEP_VALID),
                id=ids.UPLOAD_KEEP,
                hidden=True,
                className="button",
                n_clicks=0,
            ),
            html.Div(id=ids.UPLOAD_REPORT),
            html.Div(id=ids.UPLOAD_PREVIEW),
            html.H2(text.gettext(words.WORKSPACE)),
            html.Div(listing["datasets"], id=ids.UPLOAD_DATASETS),
            html.Div(listing["beside"], id=ids.UPLOAD_BESIDE),
            html.Div(
                [
                    controls.labelled(
                        text.gettext(words.CHOOSE),
                        dcc.Dropdown(
                            listing["chosen_options"],
                            None,
                            id=ids.UPLOAD_CHOSEN,
                            labels=controls.dropdown_labels(text),
                        ),
                        ids.UPLOAD_CHOSEN,
                    ),
                    controls.labelled(
                        text.gettext(words.NEW_TITLE),
                        dcc.Input(id=ids.UPLOAD_TITLE, type="text", maxLength=200),
                        ids.UPLOAD_TITLE,
                    ),
                    html.Button(text.gettext(words.RENAME), id=ids.UPLOAD_RENAME, n_clicks=0),
                    html.Button(text.gettext(words.DELETE), id=ids.UPLOAD_DELETE, n_clicks=0),
                    controls.labelled(
                        text.gettext(words.THRESHOLD),
                        dcc.Input(
                            id=ids.UPLOAD_K,
                            type="number",
                            min=MIN_K,
                            max=MAX_K,
                            step=1,
                            value=listing["k"],
                        ),
                        ids.UPLOAD_K,
                    ),
                    html.Button(text.gettext(words.SET_THRESHOLD), id=ids.UPLOAD_K_SET, n_clicks=0),
                ],
                className="controls upload-manage",
            ),
        ],
        className="page page-upload",
    )


def manage(action: str, chosen: object, title: object, k: object) -> Message:
    """Rename or delete the chosen dataset, or set the workspace's k: the sentence to show
    (an :class:`ExchangeError`'s reason when refused; nothing changed then)."""
    workspace = workspaces.current_workspace()
    if workspace is None:
        return Message(words.NO_WORKSPACE)
    if action == ids.UPLOAD_K_SET:
        workspace.set_threshold(k)
        return Message(words.THRESHOLD_SET, {"k": workspace.k})
    if not isinstance(chosen, str) or not chosen:
        return Message(words.CHOOSE_FIRST)
    if action == ids.UPLOAD_RENAME:
        info = workspace.rename_dataset(chosen, str(title or ""))
        return Message(words.RENAMED, {"title": info.title})
    info = workspace.dataset(chosen)
    workspaces.delete(workspace, chosen)
    return Message(words.DELETED, {"title": info.title})


@view_callback(
    output={
        "status": Output(ids.UPLOAD_STATUS, "children"),
        "report": Output(ids.UPLOAD_REPORT, "children"),
        "preview": Output(ids.UPLOAD_PREVIEW, "children"),
        "keep_hidden": Output(ids.UPLOAD_KEEP, "hidden"),
        "datasets": Output(ids.UPLOAD_DATASETS, "children"),
        "beside": Output(ids.UPLOAD_BESIDE, "children"),
        "target_options": Output(ids.UPLOAD_TARGET, "options"),
        "chosen_options": Output(ids.UPLOAD_CHOSEN, "options"),
        "k": Output(ids.UPLOAD_K, "value"),
    },
    inputs={
        "contents": Input(ids.UPLOAD_FILE, "contents"),
        "keep": Input(ids.UPLOAD_KEEP, "n_clicks"),
        "rename": Input(ids.UPLOAD_RENAME, "n_clicks"),
        "delete": Input(ids.UPLOAD_DELETE, "n_clicks"),
        "set_k": Input(ids.UPLOAD_K_SET, "n_clicks"),
        "filename": State(ids.UPLOAD_FILE, "filename"),
        "target": State(ids.UPLOAD_TARGET, "value"),
        "chosen": State(ids.UPLOAD_CHOSEN, "value"),
        "title": State(ids.UPLOAD_TITLE, "value"),
        "k": State(ids.UPLOAD_K, "value"),
    },
    prevent_initial_call=True,
)
def update_workspace(contents, keep, rename, delete, set_k, filename, target, chosen, title, k):
    text, action = current_text(), dash.ctx.triggered_id
    shown = {"report": dash.no_update, "preview": dash.no_update, "keep_hidden": dash.no_update}
    if action in (ids.UPLOAD_FILE, ids.UPLOAD_KEEP):
        received = receive(
            contents, filename, target=target or None, keep_valid_rows=action == ids.UPLOAD_KEEP
        )
        workspace = workspaces.current_workspace()
        shown = _received(received, text, workspace.k if workspace else DEFAULT_K)
    else:
        try:
            shown["status"] = text.render(manage(action, chosen, title, k))
        except ExchangeError as error:
            shown["status"] = render(text, error.reason)
    return {**shown, **_listing(workspaces.current_workspace(), text)}
