"""Compression and cache headers: what a browser caches, revalidates and re-downloads."""

from __future__ import annotations

import re

from dashboard.app import app

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


def test_component_scripts_are_compressed_once_and_callbacks_every_time():
    client = app.server.test_client()
    url = "/_dash-component-suites/plotly/package_data/plotly.min.js"
    first = client.get(url, headers=ENCODING).get_data()
    assert client.get(url, headers=ENCODING).get_data() == first
    assert len(first) < 1_400_000  # stronger than flask-compress's default br level 4
    response = client.get("/_dash-dependencies", headers=ENCODING)
    assert response.headers["Content-Encoding"] == "br"
