"""Security headers of the real app: every kind of response, the pages' script hashes, the
offline story file's own policy, and a bad setting at start-up."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body
from dashboard.stories import Slide, Story, encode_link
from dashboard.web.security import RESOURCE_POLICY, script_hash
from tests.web.test_security import directives

ROOT = Path(__file__).resolve().parents[2]
_SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MAP_INPUTS = {
    "map-indicator.value": "detected-victims",
    "map-exploitation.value": "total",
    "map-year.value": 2018,
    "map-measure.value": "trafficking-victims",
    "map-layers.value": ["lines"],
    "map-focus.data": None,
}


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script a browser runs (not JSON data, not in a comment)."""
    page = _COMMENT.sub("", page)
    return [
        body
        for attributes, body in _SCRIPT.findall(page)
        if "src=" not in attributes and "application/json" not in attributes
    ]


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


@pytest.mark.parametrize("path", ["/", "/flows", "/country/TUN", "/data", "/story", "/no/such"])
def test_a_page_allows_exactly_its_own_inline_scripts(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    policy = directives(response.headers["Content-Security-Policy"])
    scripts = inline_scripts(response.get_data(as_text=True))
    # The renderer and the clientside callbacks of every page (Dash sends them all).
    assert len(scripts) >= 9
    assert policy["script-src"][0] == "'self'"
    assert set(policy["script-src"][1:]) == {script_hash(script) for script in scripts}
    assert not any("unsafe" in source for source in policy["script-src"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def _story_link() -> str:
    story = Story("Headers", (Slide("/flows", "?measure=border-crossings", "Crossings", ""),))
    return f"/export/story.html?s={encode_link(story)}"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/no/such/view", 200),  # Dash's not-found page
        ("/_dash-layout", 200),
        ("/_dash-dependencies", 200),
        ("/health", 200),
        ("/assets/dashboard.js", 200),
        ("/assets/topojson/world_110m.json", 200),
        ("/_dash-component-suites/dash/dcc/async-graph.js", 200),
        ("/download/map/map.csv?year=2016", 200),
        ("/download/nope/nothing.csv", 404),
        ("/export/story.html?s=damaged", 400),
    ],
)
def test_every_response_is_hardened(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers  # plain HTTP
    if response.mimetype == "text/html":
        assert headers["Content-Security-Policy"].startswith("default-src 'self'; script-src")
    else:
        assert headers["Content-Security-Policy"] == RESOURCE_POLICY


def test_callback_answers_and_server_errors_are_hardened(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    body = request_body(find_callback(dependencies, "map-graph.figure"), MAP_INPUTS)
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert answer.headers["Content-Security-Policy"] == RESOURCE_POLICY
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    # A request Dash cannot answer is refused at the boundary (web/boundary.py) with a plain
    # sentence (it was werkzeug's 500 page), hardened like any answer.
    error = client.post("/_dash-update-component", json={"output": "..", "inputs": []})
    assert error.status_code == 400 and "Traceback" not in error.get_data(as_text=True)
    assert error.mimetype == "text/plain"
    assert error.headers["Content-Security-Policy"] == RESOURCE_POLICY
    assert error.headers["X-Content-Type-Options"] == "nosniff"


def test_over_https_every_response_has_hsts(client):
    for url in ("/", "/health", "/download/nope/nothing.csv"):
        response = client.get(url, base_url="https://localhost")
        assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_a_forwarded_https_is_not_believed_without_a_trusted_proxy(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_the_story_download_is_an_attachment_whose_own_policy_allows_its_scripts(client):
    response = client.get(_story_link())
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    page = response.get_data(as_text=True)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta and page.index(meta.group(0)) < page.index("<script")
    policy = directives(meta.group(1))
    assert policy["default-src"] == ["'none'"]  # opens from file:// and fetches nothing
    scripts = inline_scripts(page)
    assert len(scripts) == 3  # map shapes, plotly.js, the player
    assert policy["script-src"] == [script_hash(script) for script in scripts]
    assert "frame-ancestors" not in policy  # not allowed in <meta>: browsers warn


def test_a_bad_setting_stops_the_server_with_one_line():
    env = {**os.environ, "DASHBOARD_FRAME_ANCESTORS": "https://example.org; script-src *"}
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "serve", "--port", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    expected = "error: DASHBOARD_FRAME_ANCESTORS: 'https://example.org;' is not a site"
    assert result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
