"""The first paint of a page: its map drawn by plotly.js before Dash has started.

A first visit waits, before Dash draws anything, for every script to run, for Dash's layout to
come back and for React to render it; only then does plotly.js start drawing the map. Here the
index of a page whose first figure is a map (:data:`FIRST_GRAPH`) already holds a likeness of
the page (:mod:`dashboard.web.static_html`: the shell and the page as Dash will draw them for the
address, its controls inert) and, as JSON, the figure its graph will show.
``assets/first-paint.js``, run right after plotly.js and the map shapes (the index's first
scripts, :attr:`FirstPaint.scripts`), draws that figure as a static plot into the likeness,
while Dash starts, hidden, underneath; once Dash's own graph has drawn (or Dash has drawn
anything else), the likeness is removed and Dash's page is shown in its place. The figure is
the one Dash draws (same function, same request: same language, dataset and access checks), so
the map seen first is the page's own.

Not for presenter mode (``present=1``: its figures are restyled by ``assets/present.js``).
"""

from __future__ import annotations

import json
import os
import re
from typing import NamedTuple

import flask
from dash._utils import to_json

from dashboard import ids
from dashboard.paths import ASSETS_DIR, TOPOJSON_DIR
from dashboard.registry import BASELINE, resolve_current
from dashboard.web.address import current_text
from dashboard.web.first_page import shell_at
from dashboard.web.static_html import GRAPH_PREFIX, find_graph, render

#: Paths whose first paint draws a graph: the id of that graph (the Map view's map).
FIRST_GRAPH = {"/": ids.MAP_GRAPH}
#: What ``assets/first-paint.js`` waits for in Dash's graph before showing Dash's page.
DRAWN = {ids.MAP_GRAPH: "path.choroplethlocation"}
SCRIPT = "first-paint.js"
#: Kept out of the index's automatic scripts (``assets_ignore``): placed after plotly.js.
ASSETS_IGNORE = r"first-paint\.js$"
#: The map shapes of a first paint as a script (:func:`configure_first_paint`), so that they
#: are there when the first paint's script runs: plotly.js then draws the map before any
#: other script runs, instead of fetching the shapes and drawing once the fetch is answered,
#: between (and slowed by) Dash's scripts. Dash's graph finds them there too.
SHAPES_PATH = "/first-paint/shapes/"
_SHAPES_NAME = re.compile(r"[a-z0-9_]{1,40}")
ONE_YEAR = 31_536_000


class FirstPaint(NamedTuple):
    """What the index of a page with a first paint adds: the likeness and its figure (HTML
    placed before Dash's entry point), and the tags of the scripts that draw it (after
    plotly.js's). Both empty where there is no first paint."""

    html: str = ""
    scripts: str = ""


NONE = FirstPaint()


def first_paint(path: str, search: str) -> FirstPaint:
    """The first paint of the page at ``path`` and ``search`` (:data:`NONE` where it has
    none).

    A request without cookies (a first visit: no workspace, no session, nothing of its own) on
    the public data gets the same page as any other for the same address and language: its
    first paint is kept with the data (:class:`dashboard.dataset.DerivedCache`), made once.
    """
    if FIRST_GRAPH.get(path) is None or "present" in flask.request.args:
        return NONE
    resolution = resolve_current()
    if flask.request.cookies or resolution.key != BASELINE:
        return _first_paint(path, search)
    key = ("first-paint", path, search, current_text().lang)
    return resolution.dataset.derived.get(key, lambda: _first_paint(path, search))


def _first_paint(path: str, search: str) -> FirstPaint:
    graph_id = FIRST_GRAPH[path]
    tree = shell_at(path, search)
    graph = find_graph(tree, graph_id)
    if graph is None or not graph.get("figure"):
        return NONE
    spec = {
        "id": GRAPH_PREFIX + graph_id,
        "drawn": f"#{graph_id} {DRAWN[graph_id]}",
        "graph": f"#{graph_id}",
        "figure": graph["figure"],
        "config": graph.get("config") or {},
    }
    painted = (
        f'<div id="first-paint" class="first-paint" aria-hidden="true" inert>{render(tree)}</div>'
        f'<script id="first-paint-figure" type="application/json">{to_json(spec)}</script>'
    )
    return FirstPaint(painted, _scripts(shapes_name(spec["figure"])))


def shapes_name(figure) -> str | None:
    """The map shapes plotly.js draws ``figure``'s geo with (``world_50m``), if we have them."""
    if hasattr(figure, "to_plotly_json"):
        figure = figure.to_plotly_json()
    layout = figure.get("layout") or {}
    geo = layout.get("geo") if isinstance(layout, dict) else None
    if not isinstance(geo, dict) or not geo.get("resolution"):
        return None
    name = f"{geo.get('scope') or 'world'}_{int(geo['resolution'])}m"
    return name if (TOPOJSON_DIR / f"{name}.json").is_file() else None


def shapes_url(name: str) -> str:
    modified = os.stat(TOPOJSON_DIR / f"{name}.json").st_mtime
    return f"{SHAPES_PATH}{name}.js?m={modified}"


def _scripts(name: str | None) -> str:
    """The tags of the scripts a first paint needs after plotly.js's: its map shapes ``name``
    (if its figure has them), then ``assets/first-paint.js``, each fingerprinted (``?m=``)."""
    tags = []
    if name is not None:
        tags.append(f'<script src="{shapes_url(name)}"></script>')
    modified = os.stat(ASSETS_DIR / SCRIPT).st_mtime
    tags.append(f'<script src="/assets/{SCRIPT}?m={modified}"></script>')
    return "\n".join(tags)


def configure_first_paint(server: flask.Flask) -> None:
    """Serve the map shapes as scripts (``/first-paint/shapes/<name>.js``): they set
    ``window.PlotlyGeoAssets.topojson[name]``, where plotly.js looks before fetching them.
    Fingerprinted (``?m=`` the file's modification time), they are cached for a year."""

    @server.route(f"{SHAPES_PATH}<name>.js")
    def first_paint_shapes(name: str) -> flask.Response:
        file = TOPOJSON_DIR / f"{name}.json"
        if not _SHAPES_NAME.fullmatch(name) or not file.is_file():
            flask.abort(404)
        body = (
            "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};\n"
            "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};\n"
            f"window.PlotlyGeoAssets.topojson[{json.dumps(name)}] = "
            f"JSON.parse({json.dumps(file.read_text(encoding='utf-8'))});\n"
        )
        response = flask.Response(body, mimetype="text/javascript")
        if flask.request.args.get("m") == str(file.stat().st_mtime):
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
        return response
