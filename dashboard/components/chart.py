"""A chart with what every chart owes its reader: a source note, CSV data, PNG and SVG export."""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from dashboard.dataset import Dataset
from dashboard.downloads import href
from dashboard.i18n import t

#: Where plotly.js finds the map shapes (served by the app: no CDN).
TOPOJSON_URL = "/assets/topojson/"


def graph_config(filename: str) -> dict:
    """Plotly config: offline map shapes, PNG export at 2× with a file name naming the view."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def source_note(dataset: Dataset, sources: list[str], extra: str = "") -> html.P:
    """The one-line source note under a chart, built from the datasets' metadata."""
    parts = []
    for source in sources:
        meta = dataset.metadata.get(source, {})
        parts.append(f"{meta.get('producer', source)}, {meta.get('title', '')}".strip(", "))
    text = t("Source: {sources}.", sources="; ".join(parts))
    if extra:
        text = f"{text} {extra}"
    return html.P(
        [text, " ", dcc.Link(t("Sources and licences"), href="/sources")],
        className="source-note",
    )


@dataclass(frozen=True)
class CsvDownload:
    """A "download the data" link: its component id, its route and its (translated) label.

    ``download_route`` is :func:`dashboard.downloads.route` of a registered download.
    """

    link_id: str
    download_route: str
    label: str | None = None  # t("Download data (CSV)") when None


def download_link_class(enabled: bool) -> str:
    """The class of a CSV link: disabled (greyed out, not followed) when there is nothing to
    download, e.g. while no country is chosen."""
    return "button" if enabled else "button disabled"


def export_buttons(
    *downloads: CsvDownload, query: str = "", graph_id: str | None = None
) -> html.Div:
    """Buttons beside a chart: download its data as CSV, and save the graph as SVG.

    Each CSV download is a plain link to a GET route (the file is never a callback answer);
    ``query`` is the view's query when the page is drawn. The view's state changes with its
    controls, so ``assets/dashboard.js`` gives every ``data-download`` link the address bar's
    query (where the shell keeps the view's state) just before it is followed or copied.
    The SVG button needs no callback either: ``assets/dashboard.js`` handles every button with
    a ``data-svg-for`` attribute, using the file name in the graph's PNG export options.
    """
    buttons: list = [
        html.A(
            download.label or t("Download data (CSV)"),
            id=download.link_id,
            href=href(download.download_route, query),
            className=download_link_class(True),
            download="",
            **{"data-download": download.download_route},
        )
        for download in downloads
    ]
    if graph_id:
        buttons.append(
            html.Button(
                t("Save as SVG"), className="button", n_clicks=0, **{"data-svg-for": graph_id}
            )
        )
    return html.Div(buttons, className="chart-actions")
