"""Bytes a browser transfers on a first and on a repeat visit of the map, compressed.

The page is fetched with the Flask test client and ``Accept-Encoding: gzip, br``; so is every
script, style sheet and icon the HTML references, Dash's layout and dependencies, the scripts
Dash loads on demand for the map page (dropdown, slider, graph; plotly.js is the dashboard's own
bundle, a page script, so dcc.Graph never fetches Dash's full copy), the map shapes the
figure asks for, and the callbacks of the first render. A repeat visit re-requests what the
cache headers of the first visit require: nothing for ``max-age`` responses, a conditional
request (``If-None-Match``) for responses with an ETag, everything else in full.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import dash

from benchmarks import stats
from benchmarks.callbacks import server_callbacks
from benchmarks.stats import Row
from dashboard.callback_requests import request_body

ENCODING = {"Accept-Encoding": "gzip, br"}
#: Scripts the Dash renderer loads when the map page's components first render.
ON_DEMAND = ("async-dropdown.js", "async-slider.js", "async-graph.js")


@dataclass
class Fetch:
    method: str
    url: str
    body: dict | None
    status: int
    bytes: int  # body as transferred plus headers
    cache_control: str
    etag: str | None


def _size(response) -> int:
    headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
    return len(response.get_data()) + headers


def _fetch(client, method: str, url: str, body: dict | None = None, headers=None) -> Fetch:
    headers = {**ENCODING, **(headers or {})}
    if method == "POST":
        response = client.post(url, json=body, headers=headers)
    else:
        response = client.get(url, headers=headers)
    return Fetch(
        method,
        url,
        body,
        response.status_code,
        _size(response),
        response.headers.get("Cache-Control", ""),
        response.headers.get("ETag"),
    )


def _decoded(client, url: str) -> str:
    return client.get(url).get_data(as_text=True)  # uncompressed (no Accept-Encoding)


def _on_demand_urls(app: dash.Dash) -> list[str]:
    urls = []
    for dist in dash.dcc._js_dist:
        path = dist.get("relative_package_path", "")
        if isinstance(path, str) and path.endswith(ON_DEMAND) and dist.get("async"):
            urls.append(f"/_dash-component-suites/{dist.get('namespace', 'dash')}/{path}")
    return urls


def _layout_values(node: object, found: dict) -> None:
    """``id.prop`` → value of every component with a string id in a layout tree."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            for prop, value in props.items():
                found[f"{props['id']}.{prop}"] = value
        for value in node.values():
            _layout_values(value, found)
    elif isinstance(node, list):
        for item in node:
            _layout_values(item, found)


def _first_render(app: dash.Dash, client, path: str) -> list[tuple[str, dict]]:
    """Callback requests of the first render of ``path``: the page router, then the page's."""
    callbacks = server_callbacks(app)
    router = next(d for d in callbacks if "_pages_content.children" in d["output"])
    values = {"_pages_location.pathname": path, "_pages_location.search": ""}
    body = request_body(router, values)
    answer = client.post("/_dash-update-component", json=body).get_json()
    found: dict = {}
    _layout_values(answer["response"], found)
    requests = [("POST", body)]
    for dependency in callbacks:
        if dependency.get("prevent_initial_call") or dependency is router:
            continue
        needed = [f"{i['id']}.{i['property']}" for i in dependency["inputs"] + dependency["state"]]
        if all(n.split(".")[0] in {k.split(".")[0] for k in found} for n in needed):
            requests.append(("POST", request_body(dependency, found, found)))
    return requests


def visit_rows(app: dash.Dash, path: str = "/") -> tuple[list[Row], list[Fetch]]:
    client = app.server.test_client()
    html = _decoded(client, path)
    references = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    urls = [path, *references, "/_dash-layout", "/_dash-dependencies", *_on_demand_urls(app)]
    # Each once, as a browser fetches it: a preloaded script is named twice (link and tag).
    urls = list(dict.fromkeys(urls))
    first: list[Fetch] = [_fetch(client, "GET", url) for url in urls]
    posts = _first_render(app, client, path)
    for _, body in posts:
        fetch = _fetch(client, "POST", "/_dash-update-component", body)
        first.append(fetch)
        answer = json.loads(client.post("/_dash-update-component", json=body).get_data())
        for url in _topojson_urls(answer):
            first.append(_fetch(client, "GET", url))
    repeat = [_revisit(client, f) for f in first]
    first_kb = sum(f.bytes for f in first) / 1000
    repeat_kb = sum(f.bytes for f in repeat) / 1000
    rows = [
        Row(
            "transfer",
            f"first visit of {path}, compressed ({len(first)} requests)",
            json_kb=first_kb,
            budget=f"< {stats.FIRST_VISIT_KB / 1000:g} MB",
            ok=first_kb < stats.FIRST_VISIT_KB,
            note="kB transferred",
        ),
        Row(
            "transfer",
            f"repeat visit of {path} ({sum(f.bytes > 0 for f in repeat)} requests)",
            json_kb=repeat_kb,
            budget=f"< {stats.REPEAT_VISIT_KB} kB",
            ok=repeat_kb < stats.REPEAT_VISIT_KB,
            note="kB transferred",
        ),
    ]
    return rows, first


def _topojson_urls(answer: dict) -> list[str]:
    urls = []
    for outputs in answer.get("response", {}).values():
        config = outputs.get("config") if isinstance(outputs, dict) else None
        figure = outputs.get("figure") if isinstance(outputs, dict) else None
        if config and figure and config.get("topojsonURL") and "geo" in figure.get("layout", {}):
            resolution = figure["layout"]["geo"].get("resolution", 110)
            urls.append(f"{config['topojsonURL'].rstrip('/')}/world_{resolution}m.json")
    return urls


def _revisit(client, fetch: Fetch) -> Fetch:
    """What a browser re-requests given the first response's cache headers."""
    cache = fetch.cache_control
    fresh = re.search(r"max-age=(\d+)", cache)
    if fetch.method == "GET" and fresh and int(fresh.group(1)) > 0 and "no-cache" not in cache:
        return Fetch(fetch.method, fetch.url, None, 200, 0, cache, fetch.etag)
    headers = {"If-None-Match": fetch.etag} if fetch.etag and fetch.method == "GET" else {}
    return _fetch(client, fetch.method, fetch.url, fetch.body, headers)
