"""The first paint (web/first_paint.py): the Map view's index holds a likeness of the page and
the figure its map will show, with plotly.js, the map shapes and the first paint's script
first among its scripts."""

from __future__ import annotations

import json
import re

from dashboard import ids
from dashboard.app import app
from dashboard.paths import TOPOJSON_DIR
from dashboard.web import first_paint
from dashboard.web.static_html import GRAPH_PREFIX
from tests.web.test_first_page import _component

FIGURE = re.compile(r'<script id="first-paint-figure" type="application/json">(.*?)</script>', re.S)
LIKENESS = re.compile(r'<div id="first-paint" class="first-paint" aria-hidden="true" inert>')


def _likeness(page: str) -> str:
    start = LIKENESS.search(page).end()
    return page[start : page.index('<script id="first-paint-figure"')]


def test_the_map_index_holds_the_page_and_the_figure_dash_will_draw_for_its_address():
    client = app.server.test_client()
    address = "/?year=2019&indicator=persons-convicted&lang=fr"
    page = client.get(address).get_data(as_text=True)
    spec = json.loads(FIGURE.search(page).group(1))
    # What the shell served to that page holds (Dash draws it): the same figure and config.
    shell = client.get("/_dash-layout", headers={"Referer": f"http://localhost{address}"})
    graph = _component(shell.get_json(), ids.MAP_GRAPH)["props"]
    assert spec["figure"] == graph["figure"] and spec["config"] == graph["config"]
    assert "2019" in spec["figure"]["layout"]["title"]["text"]
    assert spec["id"] == GRAPH_PREFIX + ids.MAP_GRAPH
    assert spec["drawn"] == f"#{ids.MAP_GRAPH} path.choroplethlocation"
    # The likeness: the page in its language, the reading of its figure, inert and hidden
    # from assistive technology; no id but the graph's, renamed (Dash's page has the ids).
    likeness = _likeness(page)
    reading = _component(shell.get_json(), ids.MAP_READING)["props"]["children"]
    assert ">Flux</a>" in likeness and reading.replace("'", "&#x27;") in likeness
    assert re.findall(r'\bid="([^"]+)"', likeness) == [spec["id"]]
    # Nothing in the page's JSON can end its script element.
    assert "<" not in FIGURE.search(page).group(1)


def test_plotly_the_shapes_and_the_first_paint_come_first_and_are_preloaded_in_order():
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    head, _, body = page.partition("</head>")
    scripts = re.findall(r'<script src="([^"]+)"', body)
    assert scripts[0].startswith("/assets/vendor/plotly-dashboard.min.js?m=")
    assert scripts[1].startswith("/first-paint/shapes/world_50m.js?m=")
    assert scripts[2].startswith("/assets/first-paint.js?m=")
    assert scripts.count(scripts[2]) == 1
    preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="script">', head)
    assert preloaded[:3] == scripts[:3]
    assert head.index(preloaded[2]) < head.index('rel="stylesheet"')  # asked for first
    # No first paint elsewhere, nor in presenter mode (its figures are restyled); and Dash does
    # not add the first paint's script to other pages.
    for address in ("/flows", "/data", "/?present=1"):
        other = client.get(address).get_data(as_text=True)
        assert "first-paint" not in other, address


HELD = re.compile(r'<template id="dash-scripts">(.*?)</template>', re.S)


def test_dashs_scripts_wait_in_a_template_until_the_first_paint_has_drawn():
    client = app.server.test_client()
    flows = client.get("/flows").get_data(as_text=True)
    # Elsewhere Dash's scripts are tags, AG Grid's deferred (the Data view's only).
    tags = re.findall(r'<script( defer)? src="([^"]+)"></script>', flows)
    assert not HELD.search(flows)
    assert [url for defer, url in tags if defer] == [url for _, url in tags if "ag_grid" in url]
    order = [url for defer, url in tags if not defer] + [url for defer, url in tags if defer]
    page = client.get("/").get_data(as_text=True)
    held = re.findall(r'<script src="([^"]+)"></script>', HELD.search(page).group(1))
    # The same scripts in the order a browser ran them (the deferred one last), and nothing
    # else: plotly.js (first, for the first paint) is not held.
    assert [url for url in order if "plotly-dashboard" not in url] == held
    assert "dash_renderer" in held[-5] and "dash_ag_grid" in held[-1]
    # None of them is a tag of the page (fetched and compiled while the first paint draws),
    # nor preloaded; the renderer's script, which runs them, is the page's.
    outside = HELD.sub("", page)
    live = re.findall(r'<script[^>]* src="([^"]+)"', outside)
    assert live == [url for url in re.findall(r'<script src="([^"]+)"', page) if url not in held]
    assert len(live) == 3 and not any(url in outside for url in held)
    assert 'held.content.querySelectorAll("script[src]")' in page


def test_the_shapes_script_holds_the_map_shapes_for_plotly_and_is_cached_for_a_year():
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    url = re.search(r'<script src="(/first-paint/shapes/world_50m\.js\?m=[^"]+)"', page).group(1)
    answer = client.get(url)
    assert answer.status_code == 200 and answer.mimetype == "text/javascript"
    assert answer.cache_control.max_age == 31_536_000 and answer.cache_control.immutable
    body = answer.get_data(as_text=True)
    found = re.search(r'topojson\["world_50m"\] = JSON\.parse\((".*")\);', body, re.S)
    shapes = json.loads(json.loads(found.group(1)))
    assert shapes == json.loads((TOPOJSON_DIR / "world_50m.json").read_text(encoding="utf-8"))
    # Without its fingerprint it is not cached for a year; names we do not have are 404.
    assert client.get("/first-paint/shapes/world_50m.js").cache_control.max_age is None
    assert client.get("/first-paint/shapes/world_1m.js").status_code == 404
    assert client.get("/first-paint/shapes/World-50m.js").status_code == 404


def test_a_first_visit_gets_the_paint_made_once_and_a_visitor_with_cookies_their_own(monkeypatch):
    drawn = []
    real = first_paint.shell_at
    monkeypatch.setattr(first_paint, "shell_at", lambda *a: drawn.append(a) or real(*a))
    address = "/?year=2017&lang=ar"
    fresh = app.server.test_client()
    first = fresh.get(address).get_data(as_text=True)
    again = app.server.test_client().get(address).get_data(as_text=True)
    assert len(drawn) <= 1  # made once for the address and language (0: made earlier)
    assert FIGURE.search(first).group(1) == FIGURE.search(again).group(1)
    assert 'dir="rtl"' in _likeness(first)  # in the request's language
    # A visitor with cookies (a workspace, a session) may see another page: drawn for them.
    known = app.server.test_client()
    known.set_cookie("anything", "1")
    before = len(drawn)
    known.get(address)
    known.get(address)
    assert len(drawn) == before + 2
    # The language negotiated from the browser is part of what is kept.
    french = app.server.test_client().get("/?year=2017", headers={"Accept-Language": "fr"})
    assert ">Flux</a>" in _likeness(french.get_data(as_text=True))
