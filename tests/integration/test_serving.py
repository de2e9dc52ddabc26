"""Compression and cache headers: what a browser caches, revalidates and re-downloads."""

from __future__ import annotations

import json
import re

import brotli
import flask

from dashboard.app import app
from dashboard.serving import _cache_key

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
            assert _cache_key(flask.request).rstrip("?") == url
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


def test_csv_downloads_are_compressed_and_decode_to_the_same_file():
    client = app.server.test_client()
    url = "/download/data/rows.csv?countries=TUN,MAR"
    plain = client.get(url)
    compressed = client.get(url, headers=ENCODING)
    assert compressed.headers["Content-Encoding"] == "br"
    assert len(compressed.get_data()) < len(plain.get_data()) / 4
    assert brotli.decompress(compressed.get_data()) == plain.get_data()
