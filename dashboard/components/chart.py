"""A chart with what every chart owes its reader: a reading, a source note, its data as CSV,
PNG and SVG export — one component for every view (:func:`chart_card`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import dcc, html

from dashboard.dataset import Dataset
from dashboard.downloads import href
from dashboard.text import N_, Text, plotly_locale
from dashboard.web.address import link

#: Where plotly.js finds the map shapes (served by the app: no CDN).
TOPOJSON_URL = "/assets/topojson/"
# Translators: one source in a chart's source line: who published it, then its title.
SOURCE = N_("{producer}, {title}")
# Translators: the sources of a chart's source line, one after another (a semicolon in English).
SOURCES = N_("{sources}; {source}")
#: A card that spans the whole row of its grid.
FULL_WIDTH = {"gridColumn": "1 / -1"}


def graph_config(filename: str, text: Text) -> dict:
    """Plotly config: offline map shapes, PNG export at 2× with a file name naming the view,
    and plotly.js's own words (modebar, notices, months) in ``text``'s language."""
    return {
        "topojsonURL": TOPOJSON_URL,
        "displaylogo": False,
        # plotly.js 4 adds a button that sends the chart's data to a server (plotly's cloud):
        # nothing leaves the machine.
        "showSendToCloud": False,
        "responsive": True,
        "toImageButtonOptions": {"format": "png", "scale": 2, "filename": filename},
        # Images are saved with the buttons beside the chart, which add the source line
        # (assets/export.js); the toolbar's own camera would leave it out.
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"],
        **plotly_locale.config(text),
    }


def described_figure(graph: object, label_id: str | None, described_by: Sequence[str]) -> html.Div:
    """A graph as a figure for screen readers: named by its title (``label_id``), described by
    its reading — the sentences over or under it (``described_by``, element ids). dcc.Graph
    takes no ``aria-*`` property (no dcc component of Dash 4.4 does; asked for in
    plotly/dash#2782), so the wrapper carries them."""
    aria = {"aria-labelledby": label_id} if label_id else {}
    if described_by:
        aria["aria-describedby"] = " ".join(described_by)
    return html.Div(graph, role="figure", className="chart-figure", **aria)


def source_line(
    dataset: Dataset, sources: Sequence[str], text: Text, also: Dataset | None = None
) -> str:
    """ "Source: producer, title; …": what a chart's note begins with, and what every image of
    the chart carries (:func:`sourced`). A source ``dataset`` does not describe is looked up
    in ``also`` (the public baseline, whose figures are drawn beside an upload's)."""
    joined = ""
    for source in sources:
        meta = dataset.metadata.get(source) or (also.metadata.get(source, {}) if also else {})
        producer, title = text.meta(meta, "producer") or source, text.meta(meta, "title") or ""
        part = text.gettext(SOURCE, producer=producer, title=title) if title else producer
        joined = text.gettext(SOURCES, sources=joined, source=part) if joined else part
    return text.gettext("Source: {sources}.", sources=joined)


def sourced(
    figure, dataset: Dataset, sources: Sequence[str], text: Text, also: Dataset | None = None
):
    """``figure`` carrying its source line in ``layout.meta`` (not drawn on screen, where the
    note under the chart says it): the PNG and SVG exports (``assets/export.js``), presenter
    mode and the offline story export write it, with the view's address, into the image."""
    line = source_line(dataset, sources, text, also)
    if isinstance(figure, dict):  # a copy: the figure may be cached, shared by requests
        layout = figure["layout"]
        return {
            **figure,
            "layout": {**layout, "meta": {**(layout.get("meta") or {}), "source": line}},
        }
    else:
        figure.update_layout(meta={"source": line})
    return figure


def source_note(
    dataset: Dataset,
    sources: Sequence[str],
    text: Text,
    extra: str = "",
    also: Dataset | None = None,
) -> html.P:
    """The one-line source note under a chart, built from the datasets' metadata (``also``: as
    in :func:`source_line`)."""
    note = source_line(dataset, sources, text, also)
    if extra:
        note = f"{note} {extra}"
    return html.P(
        [note, " ", dcc.Link(text.gettext("Sources and licences"), href=link("/sources"))],
        className="source-note",
    )


@dataclass(frozen=True)
class CsvDownload:
    """A "download the data" link: its component id, its route and its (translated) label.

    ``download_route`` is :func:`dashboard.downloads.route` of a registered download.
    """

    link_id: str
    download_route: str
    label: str | None = None  # "Download data (CSV)" when None


def download_link_class(enabled: bool) -> str:
    """The class of a CSV link: disabled (greyed out, not followed) when there is nothing to
    download, e.g. while no country is chosen."""
    return "button" if enabled else "button disabled"


def image_buttons(graph_id: str, text: Text) -> list[html.Button]:
    """Save a graph as PNG or SVG, its source line and the view's address under it:
    ``assets/export.js`` handles every button with a ``data-image-for`` attribute, using the
    file name in the graph's PNG export options."""
    return [
        html.Button(
            label,
            className="button",
            n_clicks=0,
            **{"data-image-for": graph_id, "data-format": image_format},
        )
        for label, image_format in (
            (text.gettext("Save as PNG"), "png"),
            (text.gettext("Save as SVG"), "svg"),
        )
    ]


def export_buttons(
    *downloads: CsvDownload, text: Text, query: str = "", graph_id: str | None = None
) -> html.Div:
    """Buttons beside a chart: download its data as CSV, and save the graph as PNG or SVG.

    Each CSV download is a plain link to a GET route (the file is never a callback answer);
    ``query`` is the view's query when the page is drawn. The view's state changes with its
    controls, so ``assets/dashboard.js`` gives every ``data-download`` link the address bar's
    query (where the shell keeps the view's state) just before it is followed or copied.
    """
    buttons: list = [
        html.A(
            download.label or text.gettext("Download data (CSV)"),
            id=download.link_id,
            href=href(download.download_route, query),
            className=download_link_class(True),
            download="",
            **{"data-download": download.download_route},
        )
        for download in downloads
    ]
    if graph_id:
        buttons += image_buttons(graph_id, text)
    return html.Div(buttons, className="chart-actions")


def chart_card(
    graph_id: str,
    text: Text,
    *,
    title: str | None = None,
    reading: str | None = None,
    reading_id: str | None = None,
    figure: object | None = None,
    filename: str | None = None,
    note: object | None = None,
    source_id: str | None = None,
    downloads: Sequence[CsvDownload] = (),
    query: str = "",
    full_width: bool = False,
    framed: bool = True,
    graph_class: str | None = None,
    height: int | None = None,
    config: dict | None = None,
    updated: bool = False,
    described_by: Sequence[str] = (),
) -> html.Section | html.Div:
    """One chart: its title and reading, the graph, its source note, CSV and image export.

    A chart filled by a callback gets ``reading_id``/``source_id`` (empty containers) and no
    ``figure``; a chart drawn with its page gets ``figure``, ``reading`` and ``note``.
    ``framed`` charts are cards in a grid of figures; a view's main chart is not. The graph is
    named by the title and described by the reading (its text alternative), or by the
    elements ``described_by`` names when its reading is elsewhere on the page. A chart
    drawn with its page and redrawn by a callback when its controls change is ``updated``
    (it shows the loading state then); ``config`` replaces the one made from ``filename``.
    """
    children: list = []
    title_id = f"{graph_id}-title" if title is not None else None
    if title is not None:
        children.append(html.H2(title, id=title_id, className="panel-title"))
    if reading_id is None and reading is not None:
        reading_id = f"{graph_id}-reading"
    if reading_id is not None:
        children.append(html.P(reading, id=reading_id, className="reading"))
    described = [*([reading_id] if reading_id else []), *described_by]
    config = config or graph_config(filename or graph_id, text)
    if figure is None:
        graph = dcc.Loading(
            dcc.Graph(id=graph_id, config=config, className=graph_class or "chart"),
            delay_show=400,
        )
    else:
        # An explicit height: a responsive graph created inside a callback's output otherwise
        # keeps the default height while its figure asks for another, and overlaps what follows.
        layout = figure["layout"] if isinstance(figure, dict) else figure.layout.to_plotly_json()
        shown = height or layout.get("height") or 450
        graph = dcc.Graph(
            id=graph_id,
            figure=figure,
            config=config,
            className=graph_class,
            style={"height": f"{shown}px"},
        )
        if updated:
            graph = dcc.Loading(graph, delay_show=400)
    children.append(described_figure(graph, title_id, described))
    actions = export_buttons(*downloads, text=text, query=query, graph_id=graph_id)
    if framed:
        children += [html.Div(note, id=source_id) if source_id else note, actions]
        children = [c for c in children if c is not None]
        return html.Section(children, className="card", style=FULL_WIDTH if full_width else None)
    children += [actions, html.Div(note, id=source_id) if source_id else note]
    return html.Div([c for c in children if c is not None], className="chart-block")
