"""Compression and cache headers: what a browser caches, revalidates and re-downloads."""

from __future__ import annotations

import json
import re

import brotli
import flask

from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body
from dashboard.serving import _cache_key
from tests.web.test_security_headers import MAP_INPUTS

ENCODING = {"Accept-Encoding": "gzip, br"}


def _asset_urls() -> list[str]:
    html = app.server.test_client().get("/").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/assets/[^"]+\?m=[^"]+)"', html)


def test_fingerprinted_assets_are_cached_for_a_year():
    client = app.server.test_client()
    urls = _asset_urls()
    assert urls
    for url in urls:
        response = client.get(url, headers=ENCODING)
        assert response.cache_control.max_age == 31_536_000 and response.cache_control.immutable


def test_map_shapes_are_revalidated_with_304_after_compression():
    client = app.server.test_client()
    url = "/assets/topojson/world_110m.json"
    first = client.get(url, headers=ENCODING)
    assert first.headers["Content-Encoding"] in ("br", "gzip") and first.headers["ETag"]
    again = client.get(url, headers={**ENCODING, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()


def test_immutable_scripts_are_compressed_once_and_callbacks_every_time():
    client = app.server.test_client()
    bundle = next(url for url in _asset_urls() if "plotly-dashboard" in url)
    suite = "/_dash-component-suites/dash/dcc/async-graph.js"
    for url in (bundle, suite):
        with app.server.test_request_context(url):
            key = _cache_key(flask.request)
        assert key.startswith(url.partition("?")[0])
        first = client.get(url, headers=ENCODING)
        assert first.headers["Content-Encoding"] == "br"
        assert client.get(url, headers=ENCODING).get_data() == first.get_data()
    # The plotly.js bundle travels in well under its 1.6 MB (stronger than br level 4).
    assert len(client.get(bundle, headers=ENCODING).get_data()) < 520_000
    # Answers are compressed every time and never taken from the cache of another URL.
    layout = client.get("/_dash-layout", headers=ENCODING)
    dependencies = client.get("/_dash-dependencies", headers=ENCODING)
    with app.server.test_request_context("/_dash-layout"):
        assert _cache_key(flask.request) == ""
    assert layout.headers["Content-Encoding"] == dependencies.headers["Content-Encoding"] == "br"
    assert isinstance(json.loads(brotli.decompress(layout.get_data())), dict)
    assert isinstance(json.loads(brotli.decompress(dependencies.get_data())), list)


def test_asset_files_and_map_shapes_are_compressed_once(monkeypatch):
    """Flask streams asset files; they are buffered so that flask-compress caches them."""
    import flask_compress.flask_compress as fc

    calls = []
    for name in ("_compress_data", "_compress_chunks"):
        original = getattr(fc, name)

        def counted(*args, original=original, name=name):
            calls.append(name)
            return original(*args)

        monkeypatch.setattr(fc, name, counted)
    client = app.server.test_client()
    bundle = next(url for url in _asset_urls() if "plotly-dashboard" in url)
    for url in (bundle, "/assets/topojson/world_50m.json"):
        first = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert first.headers["Content-Encoding"] == "gzip" and first.headers["ETag"]
        compressions = len(calls)
        again = client.get(url, headers={"Accept-Encoding": "gzip"})
        assert len(calls) == compressions and again.get_data() == first.get_data()
        with app.server.test_request_context(url):
            assert _cache_key(flask.request)
    assert "_compress_chunks" not in calls


def test_csv_downloads_are_compressed_and_decode_to_the_same_file():
    client = app.server.test_client()
    url = "/download/data/rows.csv?countries=TUN,MAR"
    plain = client.get(url)
    compressed = client.get(url, headers=ENCODING)
    assert compressed.headers["Content-Encoding"] == "br"
    assert len(compressed.get_data()) < len(plain.get_data()) / 4
    assert brotli.decompress(compressed.get_data()) == plain.get_data()


def _config(html: str) -> dict:
    found = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def _namespaces(node: object) -> set[str]:
    if isinstance(node, dict):
        found = {node["namespace"]} if isinstance(node.get("namespace"), str) else set()
        return found.union(*(_namespaces(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_namespaces(item) for item in node))
    return set()


def test_the_index_leaves_out_dash_table_which_no_view_uses():
    client = app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    assert "dash_table" not in _namespaces(_config(html)["validation_layout"])
    assert "/dash_table/" not in html
    assert "/dash_html_components" in html and "/dash_core_components" in html


def test_the_map_index_loads_its_shapes_and_on_demand_scripts_from_the_head():
    from dashboard.components.chart import graph_config
    from dashboard.serving import ON_DEMAND_AT, SHAPES_AT, TOPOJSON_URL
    from dashboard.text import ENGLISH

    client = app.server.test_client()
    # Presenter mode has no first paint (web/first_paint.py): its map's shapes are named in
    # the head, for assets/map-shapes.js; the first paint has them in a script of its own.
    for address, hinted in (("/?present=1", True), ("/", False)):
        head = client.get(address).get_data(as_text=True).partition("</head>")[0]
        hint = (
            f'<meta name="map-shapes" content="{TOPOJSON_URL}world_50m.json" data-name="world_50m">'
        )
        assert (hint in head) is hinted, address
        for url in ON_DEMAND_AT["/"]:
            assert f'<link rel="preload" href="{url}" as="script">' in head
            assert client.get(url).status_code == 200
    other = client.get("/flows").get_data(as_text=True).partition("</head>")[0]
    assert "map-shapes" not in other and 'rel="preload"' not in other
    # The shapes fetched are the ones the map view's figure draws, where plotly looks for them.
    assert graph_config("map", ENGLISH)["topojsonURL"] == TOPOJSON_URL
    dependencies = client.get("/_dash-dependencies").get_json()
    body = request_body(find_callback(dependencies, "map-graph.figure"), MAP_INPUTS, MAP_INPUTS)
    answer = client.post("/_dash-update-component", json=body).get_json()
    resolution = answer["response"]["map-graph"]["figure"]["layout"]["geo"]["resolution"]
    assert list(SHAPES_AT) == ["/"] and SHAPES_AT["/"] == f"world_{resolution}m"
    assert client.get(f"{TOPOJSON_URL}world_{resolution}m.json").status_code == 200


def test_warm_up_renders_every_view_and_compresses_the_scripts_in_advance():
    from dashboard.serving import WARM_ENCODINGS, warm_up

    views = warm_up(app.server)
    assert {"/", "/flows", "/data"} <= set(views)
    cache = next(
        backend
        for function in app.server.after_request_funcs[None]
        if (backend := getattr(getattr(function, "__self__", None), "cache", None)) is not None
    )
    bundle = next(url for url in _asset_urls() if "plotly-dashboard" in url)
    for url in (bundle, "/_dash-component-suites/dash/dcc/async-graph.js"):
        with app.server.test_request_context(url):
            key = _cache_key(flask.request)
        assert all(cache.get(f"{encoding};{key}") for encoding in WARM_ENCODINGS), url


def test_callback_answers_carry_arabic_and_french_text_as_utf8_not_escapes():
    # With orjson (a dependency), plotly's encoder writes text as UTF-8; the standard library's
    # writes every non-ASCII character as a six-byte escape: an Arabic map answer was 308 kB.

    client = app.server.test_client()
    dependencies = client.get("/_dash-dependencies").get_json()
    callback = find_callback(dependencies, "map-graph.figure")
    for lang, letters in (("ar", r"[\u0600-\u06ff]"), ("fr", r"[éèàç]")):
        asked = {**MAP_INPUTS, "url.search": f"?lang={lang}"}
        raw = client.post("/_dash-update-component", json=request_body(callback, asked, asked))
        text = raw.get_data().decode("utf-8")
        assert raw.status_code == 200 and re.search(letters, text), lang
        assert not re.search(r"\\u(06[0-9a-f]{2}|00[c-f][0-9a-f])", text), lang  # é, ج …
        # Markup in hover texts stays escaped, as before (no "</" in a JSON answer).
        assert "<" not in text and "\\u003cbr\\u003e" in text


def test_the_index_config_is_dashs_own_with_its_validation_layout_serialised_once(monkeypatch):
    from dash._utils import to_json

    import dashboard.serving as serving

    client = app.server.test_client()
    client.get("/")  # Dash builds its validation layout at the first request
    calls = []
    monkeypatch.setattr(serving, "to_json", lambda value: calls.append(value) or to_json(value))
    for path, lang in (("/", "en"), ("/flows", "ar"), ("/data", "fr")):
        page = client.get(f"{path}?lang={lang}").get_data(as_text=True)
        with app.server.test_request_context(f"{path}?lang={lang}"):
            dashs = json.loads(to_json(app._config()))
        ours = _config(page)
        ours.pop("end_id"), dashs.pop("end_id")  # signed afresh for every page load
        assert ours == dashs and len(ours["validation_layout"]["props"]["children"]) > 5
    # Three configs serialised, the layout not again (once, at the first request above).
    configs = [value for value in calls if isinstance(value, dict)]
    assert len(configs) == 3 and all("validation_layout" not in value for value in configs)
    assert len(calls) == 3
