"""How responses travel: compression and cache headers (measured by ``python -m benchmarks``).

- Every text response is compressed (flask-compress: zstd, br or gzip as the browser accepts),
  CSV downloads included.
- Dash's component scripts never change for an installed version, nor do fingerprinted assets
  (the plotly.js bundle among them), so each is compressed once per worker and kept (a bounded
  cache of identical bytes in every worker); that lets them use stronger levels than a
  per-request compression could afford (the full plotly.js: 1.41 MB at br 4 in 0.3 s per
  request → 1.29 MB at br 5, compressed once).
- Assets are fingerprinted by Dash (``?m=<mtime>``), so those URLs are cached for a year;
  un-fingerprinted ones (the map shapes plotly fetches) are revalidated with their ETag and
  answered ``304 Not Modified`` (flask-compress re-evaluates the condition after compressing).
- Flask sends asset files as streams, which flask-compress compresses chunk by chunk on every
  request, bypassing its cache: so asset answers are read into memory first (they are small
  files), and cached like the component scripts, keyed by path and modification time (zstd 9
  of the plotly.js bundle took about 130 ms of a worker's time on each first visit; the map
  shapes about 40 ms).
- The index page (:func:`configure_index`) leaves out dash_table's unused script and starts
  what the Map view's first render needs early (its on-demand scripts, its map shapes); where
  the page has a first paint, Dash's scripts wait until it has drawn.
- :func:`warm_up` renders every view and compresses every script once, in gunicorn's master
  before it forks (``gunicorn.conf.py``), so that no worker starts cold.
"""

from __future__ import annotations

import gc
import os
import re
import sys

from dash._utils import to_json
from flask import Flask, Response, request
from flask_compress import Compress

from dashboard.paths import ASSETS_DIR, PLOTLY_BUNDLE, TOPOJSON_DIR
from dashboard.web.first_paint import SHAPES_PATH, first_paint

#: Endpoint of Dash's assets blueprint (``/assets/<path>``), served as a stream by Flask.
DASH_ASSETS_ENDPOINT = "_dash_assets.static"
#: Compression levels for responses (component scripts are compressed once, then cached).
BR_LEVEL = 5
ZSTD_LEVEL = 9
ONE_YEAR = 31_536_000
_SUITES_PREFIX = "/_dash-component-suites/"


class ComponentSuitesCache:
    """Compressed bytes of immutable scripts, by algorithm and URL; nothing else.

    flask-compress offers every compressed response to the cache; only keys from
    :func:`_cache_key` (component scripts, fingerprinted assets) are kept, at most ``size`` of
    them, so callback answers are never cached.
    """

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key)

    def set(self, key: str, value: bytes) -> None:
        # flask-compress asks with "<algorithm>;<key>": an empty key means "not cacheable".
        if not key.endswith(";") and len(self.data) < self.size:
            self.data[key] = value


def _asset_file(req) -> str | None:
    """The file behind an ``/assets/`` request (``None`` for other requests or no such file)."""
    if req.endpoint != DASH_ASSETS_ENDPOINT or req.view_args is None:
        return None
    path = os.path.realpath(ASSETS_DIR / req.view_args.get("filename", ""))
    inside = path.startswith(os.path.realpath(ASSETS_DIR) + os.sep)
    return path if inside and os.path.isfile(path) else None


def _cache_key(req) -> str:
    """A key naming the bytes of an immutable script or of an asset file, else ``""`` (not
    cached): a component script's URL (versioned), an asset's path and modification time."""
    if req.method != "GET":
        return ""
    if req.path.startswith(_SUITES_PREFIX) or (
        req.path.startswith(SHAPES_PATH) and "m" in req.args
    ):
        return req.full_path
    asset = _asset_file(req)
    if asset is not None:
        return f"{req.path}@{os.stat(asset).st_mtime_ns}"
    return ""


def _buffer_assets(response: Response) -> Response:
    """Asset files as bytes instead of a stream, so that flask-compress caches them compressed
    (a stream is compressed anew for every request)."""
    asset = request.endpoint == DASH_ASSETS_ENDPOINT and response.status_code == 200
    if asset and response.is_streamed:
        response.direct_passthrough = False
        response.make_sequence()
    return response


def _long_cache_for_fingerprinted(response: Response) -> Response:
    """Assets with Dash's ``?m=`` fingerprint (and the versioned favicon) are immutable."""
    fingerprinted = (request.endpoint == DASH_ASSETS_ENDPOINT and "m" in request.args) or (
        request.path == "/_favicon.ico" and "v" in request.args
    )
    if fingerprinted and response.status_code == 200:
        response.cache_control.public = True
        response.cache_control.max_age = ONE_YEAR
        response.cache_control.no_cache = None
        response.cache_control.immutable = True
    return response


# --- the index page --------------------------------------------------------------------------

#: Scripts Dash puts in every index that no view uses (it adds dash_table's unconditionally).
UNUSED_SCRIPTS = ("/_dash-component-suites/dash/dash_table/",)
#: Scripts only some views use (AG Grid's 1.3 MB bundle: the Data view's grid), and the paths
#: whose first render needs them. Elsewhere their tags are ``defer``red: fetched in parallel and
#: run once the page is parsed, while the renderer waits for its layout and first callbacks,
#: instead of blocking the scripts the first figure needs (a view reached later by a link finds
#: them loaded). Where the first render needs them they stay as Dash writes them: a deferred
#: script could still be on its way when the renderer draws the grid.
DEFERRED_SCRIPTS = {"/_dash-component-suites/dash_ag_grid/": frozenset({"/data"})}
#: Where plotly.js finds map shapes (the views' ``topojsonURL``), and the shapes the first
#: figure of an address draws: only the Map view (``/``) draws a map, at 50m resolution.
TOPOJSON_URL = "/assets/topojson/"
SHAPES_AT = {"/": "world_50m"}
#: Names the map shapes the first figure of the Map view's address draws, for
#: ``assets/map-shapes.js``: it fetches them once the page's scripts have run (DOMContentLoaded:
#: fetched and parsed earlier, they competed with the scripts and delayed them as much as they
#: saved), while the page waits for Dash's layout and callbacks, and hands them to plotly.js
#: (``window.PlotlyGeoAssets``, which it reads before fetching its own copy): the shapes no
#: longer wait for the map's figure to arrive before being requested. A meta tag, not an inline
#: script: the Content-Security-Policy allows only Dash's own inline scripts.
_SHAPES_HINT = '<meta name="map-shapes" content="URL" data-name="NAME">'


#: Dash's on-demand scripts the first render of an address needs (the Map view's dropdowns,
#: slider and graph): preloaded from the head instead of requested once the page router's
#: answer has arrived (``transfer.ON_DEMAND`` in the benchmarks lists the same).
ON_DEMAND_AT = {
    "/": tuple(
        f"/_dash-component-suites/dash/dcc/async-{name}.js"
        for name in ("dropdown", "slider", "graph")
    )
}


def head_hints(path: str, painted: bool = False) -> str:
    """What the head of ``path``'s index starts loading at once: its on-demand scripts
    (preloaded) and its map shapes (:func:`shapes_script`; not where the page has a first
    paint, which has them in a script of its own)."""
    links = [f'<link rel="preload" href="{url}" as="script">' for url in ON_DEMAND_AT.get(path, ())]
    return "\n".join([*links, "" if painted else shapes_script(path)]) + "\n"


def preloads(tags: list[str]) -> str:
    """Preload links for the scripts of ``tags``, in their order.

    >>> preloads(['<script src="/a.js?m=1"></script>'])
    '<link rel="preload" href="/a.js?m=1" as="script">\\n'
    """
    urls = [found.group(1) for tag in tags if (found := re.search(r'src="([^"]+)"', tag))]
    return "".join(f'<link rel="preload" href="{url}" as="script">\n' for url in urls)


def shapes_script(path: str) -> str:
    """The hint naming the map shapes of ``path``'s first figure, if it draws a map."""
    name = SHAPES_AT.get(path)
    if name is None:
        return ""
    return _SHAPES_HINT.replace("URL", f"{TOPOJSON_URL}{name}.json").replace("NAME", name)


def index_scripts(scripts: str, path: str) -> str:
    """The script tags of ``path``'s index: less those of :data:`UNUSED_SCRIPTS`, those of
    :data:`DEFERRED_SCRIPTS` deferred where ``path`` does not need them at once.

    >>> tags = '<script src="/_dash-component-suites/dash_ag_grid/g.js"></script>'
    >>> index_scripts(tags, "/")
    '<script defer src="/_dash-component-suites/dash_ag_grid/g.js"></script>'
    >>> index_scripts(tags, "/data") == tags
    True
    """
    kept = []
    for line in scripts.split("\n"):
        if any(unused in line for unused in UNUSED_SCRIPTS):
            continue
        for script, needed_at in DEFERRED_SCRIPTS.items():
            if script in line and path not in needed_at:
                line = line.replace("<script src=", "<script defer src=")
        kept.append(line)
    return "\n".join(kept)


#: The plotly.js bundle's address in the index (the first paint's script follows its tag).
PLOTLY_SRC = f"/assets/{PLOTLY_BUNDLE.relative_to(ASSETS_DIR).as_posix()}?m="


def plotly_first(scripts: str, tag: str) -> str:
    """The index's script tags with plotly.js's first, followed by ``tag`` (the first paint's
    script: plotly.js needs none of the others, and the first paint needs only plotly.js).

    >>> plotly = '<script src="/assets/vendor/plotly-dashboard.min.js?m=1"></script>'
    >>> plotly_first(f"<a>\\n{plotly}", "<x>") == f"{plotly}\\n<x>\\n<a>"
    True
    """
    lines = scripts.split("\n")
    plotly = [line for line in lines if PLOTLY_SRC in line]
    rest = [line for line in lines if PLOTLY_SRC not in line]
    return "\n".join([*plotly, tag, *rest])


#: The index of a page with a first paint holds Dash's script tags in a template of this id
#: (:func:`hold_scripts`), where a browser neither fetches nor runs them; :data:`RENDERER` runs
#: them.
HELD_SCRIPTS_ID = "dash-scripts"
_SCRIPT_TAG = re.compile(r'<script( defer)? src="([^"]+)"></script>\n?')

#: Dash's renderer, started once the page is parsed and its deferred scripts have run
#: (``DOMContentLoaded``), not as soon as its own inline script is read: started before AG Grid's
#: deferred script had run, it found no ``dash_ag_grid`` when its layout and callbacks came
#: back first and never drew the page (twice in ~2,700 page loads of the browser tests in CI:
#: the layout and callbacks answered, nothing after). Where the index holds Dash's scripts back
#: (:func:`hold_scripts`), it first adds them to the page, to run in their order, and starts
#: once every one has run (or failed, as a failed script tag would). Its text is hashed for the
#: Content-Security-Policy like any of Dash's inline scripts (``app.csp_hashes()``).
RENDERER = (
    'document.addEventListener("DOMContentLoaded", function () {'
    " var start = function () { window.renderer = new DashRenderer(); };"
    f' var held = document.getElementById("{HELD_SCRIPTS_ID}");'
    ' var tags = held ? held.content.querySelectorAll("script[src]") : [];'
    " var left = tags.length;"
    " if (!left) { start(); return; }"
    " tags.forEach(function (tag) {"
    ' var script = document.createElement("script");'
    ' script.src = tag.getAttribute("src"); script.async = false;'
    " script.onload = script.onerror = function () { left -= 1; if (!left) { start(); } };"
    " document.body.appendChild(script); }); });"
)


def hold_scripts(scripts: str, kept: int) -> str:
    """The index's script tags with Dash's held back until the page is parsed: the first
    ``kept`` lines (plotly.js and the first paint's scripts) stay; every later script tag
    moves into a template (:data:`HELD_SCRIPTS_ID`; deferred ones last, where a browser runs
    them), which :data:`RENDERER` runs once the page is parsed; inline scripts stay in place.

    Why: a script tag is fetched and compiled as soon as the page names it. Compiled while the
    first paint draws, Dash's ~2.9 MB of scripts slowed the draw by about an eighth on two
    cores. Not prefetched: Chromium starts a prefetch only once the page is parsed, as late as
    the renderer's script asks for them (measured).

    >>> print(hold_scripts('<script src="/p.js"></script>\\n<script defer src="/g.js"></script>'
    ...     '\\n<script src="/r.js"></script>\\n<script>x()</script>', 1))
    ... # doctest: +NORMALIZE_WHITESPACE
    <script src="/p.js"></script>
    <template id="dash-scripts"><script src="/r.js"></script><script
        src="/g.js"></script></template>
    <script>x()</script>
    """
    lines = scripts.split("\n")
    first, rest = "\n".join(lines[:kept]), "\n".join(lines[kept:])
    tags = _SCRIPT_TAG.findall(rest)
    urls = [url for defer, url in tags if not defer] + [url for defer, url in tags if defer]
    held = "".join(f'<script src="{url}"></script>' for url in urls)
    held = f'<template id="{HELD_SCRIPTS_ID}">{held}</template>\n'
    return f"{first}\n{held}{_SCRIPT_TAG.sub('', rest)}"


def configure_index(app) -> None:
    """The index page of ``app`` (a ``dash.Dash``): unused scripts left out, on-demand scripts
    and map shapes loaded from the head (see :func:`head_hints`), the renderer started once the
    deferred scripts have run (:data:`RENDERER`); where the page has a first paint, its scripts
    first and Dash's held back until it has drawn (:func:`hold_scripts`)."""
    app.renderer = RENDERER
    interpolate = app.interpolate_index

    def interpolate_index(**parts: str) -> str:
        search = f"?{request.query_string.decode()}" if request.query_string else ""
        painted = first_paint(request.path, search)
        scripts = index_scripts(parts.get("scripts", ""), request.path)
        css = parts.get("css", "")
        if painted.html:
            first = painted.scripts
            scripts = plotly_first(scripts, first)
            # What the first paint runs, asked for first (before the style sheets: on HTTP/1.1
            # a browser has 6 connections, and the server 2 workers, for ~30 requests), then
            # what Dash's first render needs.
            kept = 1 + first.count("<script")
            css = preloads(scripts.split("\n")[:kept]) + css
            scripts = hold_scripts(scripts, kept)
        parts["scripts"] = scripts
        parts["css"] = css + head_hints(request.path, painted=bool(painted.html))
        parts["app_entry"] = painted.html + parts.get("app_entry", "")
        return interpolate(**parts)

    app.interpolate_index = interpolate_index


def cache_validation_layout(app) -> None:
    """Dash's config in the index (``_dash-config``) with its ``validation_layout`` (every
    view's layout, ~240 kB of JSON, the same for every page and language) serialised once
    instead of on every index: it was ~25 ms of each index's ~35 ms. Dash sets that layout once,
    at its first request, and never changes it in place; another layout object is serialised
    anew. This replaces a private method of Dash's (``_generate_config_html``): a test checks
    that the config still parses as Dash's own."""
    serialised: dict[tuple, str] = {}
    generate = app._generate_config_html

    def generate_config_html() -> str:
        config = app._config()
        layout = config.pop("validation_layout", None)
        if layout is None:
            return generate()
        key = (id(app.validation_layout), len(app._extra_components))
        layout_json = serialised.get(key)
        if layout_json is None:
            layout_json = to_json(layout)
            serialised.clear()
            serialised[key] = layout_json
        text = to_json(config)
        text = f'{text[:-1]}, "validation_layout": {layout_json}}}'
        return f'<script id="_dash-config" type="application/json">{text}</script>'

    app._generate_config_html = generate_config_html


def configure_serving(server: Flask) -> None:
    """Compression and cache headers of ``server`` (before Dash registers its routes)."""
    server.config.update(
        COMPRESS_BR_LEVEL=BR_LEVEL,
        COMPRESS_ZSTD_LEVEL=ZSTD_LEVEL,
        COMPRESS_CACHE_BACKEND=ComponentSuitesCache,
        COMPRESS_CACHE_KEY=_cache_key,
        # Streamed files (assets) answer If-None-Match with 304 after compression too.
        COMPRESS_STREAMING_ENDPOINT_CONDITIONAL=["static", DASH_ASSETS_ENDPOINT],
    )
    compress = Compress(server)
    # CSV downloads (dashboard/downloads.py) are text too; flask-compress leaves text/csv out.
    compress.compress_mimetypes_set.add("text/csv")
    # Flask runs after-request functions last registered first: these see the answer before
    # flask-compress does.
    server.after_request(_long_cache_for_fingerprinted)
    server.after_request(_buffer_assets)


# --- what a worker has ready before its first request ----------------------------------------

#: Encodings whose compressed scripts are made before the first request: zstd (Chromium,
#: Firefox) and br (Safari); other clients get theirs compressed on their first request.
WARM_ENCODINGS = ("zstd", "br")
#: Scripts Dash serves on demand that are larger than this are left to their first request (the
#: full plotly.js and MathJax chunks of dcc, AG Grid's enterprise modules: none of our views
#: loads them).
WARM_MAX_BYTES = 1_000_000


def _script_urls(html: str) -> list[str]:
    """The index's scripts and style sheets, every on-demand script of the component suites
    (as the renderer asks for them: unversioned), and the map shapes."""
    import dash

    urls = re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', html)
    app = dash.get_app()
    for namespace, paths in app.registered_paths.items():
        root = os.path.dirname(sys.modules[namespace].__file__)
        for path in sorted(paths):
            file = os.path.join(root, path)
            small = os.path.isfile(file) and os.path.getsize(file) <= WARM_MAX_BYTES
            if path.endswith(".js") and small:
                urls.append(f"/_dash-component-suites/{namespace}/{path}")
    # The map shapes plotly.js (or the Map view's index) fetches, un-fingerprinted.
    urls += [f"/assets/topojson/{file.name}" for file in sorted(TOPOJSON_DIR.glob("*.json"))]
    return list(dict.fromkeys(urls))


def warm_up(server: Flask) -> list[str]:
    """Do now, once, what the first visitors would otherwise wait for; the views rendered.

    Every view is rendered through its callbacks in each language, as the offline export
    renders it (the
    imports, caches and encoders a first request of each view would set up: a fresh process's
    first map callback takes several times a warm one's); the index, Dash's layout and
    dependencies are served; every script, style sheet and map shape file is compressed in each
    of :data:`WARM_ENCODINGS` into the cache. Run
    in gunicorn's master before it forks (``gunicorn.conf.py``), this is done once for all
    workers, which inherit it; ``gc.freeze()`` then keeps it out of the collector's way (and
    the memory shared).
    """
    import dash

    from dashboard.components.present import is_view_path
    from dashboard.dataset import bundled_dataset
    from dashboard.stories import Story, add_slide
    from dashboard.story_export import snapshot_slides
    from dashboard.text import LANGUAGES, text_for

    client = server.test_client()
    for path in ("/_dash-layout", "/_dash-dependencies", "/health"):
        client.get(path)
    # A view of one country (its path a template) is warmed on the dataset's default country.
    default_country = bundled_dataset().default_country or ""
    views = [
        page["relative_path"]
        if not page.get("path_template")
        else page["path_template"].replace("<iso3>", default_country)
        for page in dash.page_registry.values()
        if page.get("nav", True)
    ]
    views = [view for view in views if is_view_path(view)]
    story = Story()
    for view in views:
        story = add_slide(story, view)
    for lang in LANGUAGES:  # caches holding text are per language
        snapshot_slides(server, story.slides, text_for(lang))
    pages = "".join(client.get(view).get_data(as_text=True) for view in views)
    for lang in LANGUAGES:  # the first paints of the Map view's address in each language
        client.get(f"/?lang={lang}")
    for url in _script_urls(pages):
        for encoding in WARM_ENCODINGS:
            client.get(url, headers={"Accept-Encoding": encoding})
    gc.collect()
    gc.freeze()
    return views
