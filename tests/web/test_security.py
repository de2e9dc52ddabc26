"""The security settings and the policies they give (pure functions; headers in integration)."""

from __future__ import annotations

import pytest
from flask import Flask, Response

from dashboard.web.security import (
    RESOURCE_POLICY,
    SecurityConfigError,
    configure_security,
    frame_ancestors,
    page_policy,
    proxy_hops,
    script_hash,
)


def directives(policy: str) -> dict[str, list[str]]:
    """A policy as {directive: sources}."""
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} twice"
        parsed[name] = sources
    return parsed


def test_the_page_policy_allows_no_eval_no_inline_script_and_no_other_machine():
    policy = directives(page_policy(["'sha256-abc='"], ("'self'", "https://example.org")))
    assert policy["script-src"] == ["'self'", "'sha256-abc='"]
    assert policy["default-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"] and policy["font-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'", "https://example.org"]
    # Styles only: Dash's components, the grid and plotly.js inject <style> elements.
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    unsafe = [(name, s) for name, sources in policy.items() for s in sources if "unsafe" in s]
    assert unsafe == [("style-src", "'unsafe-inline'")]
    hosts = [s for name, sources in policy.items() for s in sources if "://" in s]
    assert hosts == ["https://example.org"]  # only who may frame the views


def test_other_responses_get_the_policy_that_allows_nothing():
    assert directives(RESOURCE_POLICY) == {
        "default-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }


def test_script_hash_is_the_one_dash_computes():
    # Dash's renderer script, whose hash Dash's documentation quotes.
    assert script_hash("var renderer = new DashRenderer();") == (
        "'sha256-jZlsGVOhUAIcH+4PVs7QuGZkthRMgvT2n0ilH6/zTM0='"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ("'self'",)),
        ("", ("'self'",)),
        ("'self'", ("'self'",)),
        ("self", ("'self'",)),
        ("https://example.org", ("'self'", "https://example.org")),
        (
            " https://a.example.org\thttps://*.b.example.net:8443  https://a.example.org ",
            ("'self'", "https://a.example.org", "https://*.b.example.net:8443"),
        ),
        ("http://localhost:8000 https:", ("'self'", "http://localhost:8000", "https:")),
        ("https://example.org\n", ("'self'", "https://example.org")),
        ("example.org/reports/", ("'self'", "example.org/reports/")),
    ],
)
def test_frame_ancestors_are_the_app_and_the_sites_given(value, expected):
    assert frame_ancestors(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org; script-src *",  # another directive smuggled in
        "https://example.org, default-src *",  # a second policy
        "data:",
        "ftp://example.org",
        "'unsafe-inline'",
        "'sha256-abc='",
        "https://exa mple.org/'x'",
        "javascript:alert(1)",
        "https://exa<mple>.org",
    ],
)
def test_a_bad_frame_ancestor_is_refused_with_a_message(value):
    with pytest.raises(SecurityConfigError, match=r"^DASHBOARD_FRAME_ANCESTORS: .* is not a site"):
        frame_ancestors(value)


def test_none_is_refused_because_the_story_player_frames_the_app():
    with pytest.raises(SecurityConfigError, match="story player"):
        frame_ancestors("'none'")


@pytest.mark.parametrize(("value", "hops"), [(None, 0), ("", 0), ("0", 0), ("1", 1), (" 2 ", 2)])
def test_proxy_hops(value, hops):
    assert proxy_hops(value) == hops


@pytest.mark.parametrize("value", ["yes", "true", "-1", "1.5", "99"])
def test_a_bad_proxy_count_is_refused_with_a_message(value):
    with pytest.raises(SecurityConfigError, match=r"^DASHBOARD_TRUST_PROXY: .* number of proxies"):
        proxy_hops(value)


class _App:
    """Stands in for the Dash app: its inline scripts' hashes, which can grow."""

    def __init__(self) -> None:
        self.hashes = ["'sha256-first='"]

    def csp_hashes(self) -> list[str]:
        return list(self.hashes)


def _server(**config) -> tuple[Flask, _App]:
    server = Flask("test")
    server.config.update(config)

    @server.route("/page")
    def page() -> Response:
        return Response("<!DOCTYPE html><p>page</p>", mimetype="text/html")

    @server.route("/data")
    def data() -> Response:
        return Response("{}", mimetype="application/json")

    app = _App()
    configure_security(server, app)
    return server, app


def test_a_script_added_after_configuration_is_allowed_on_the_next_page():
    server, app = _server()
    client = server.test_client()
    assert "'sha256-first='" in client.get("/page").headers["Content-Security-Policy"]
    app.hashes.append("'sha256-later='")
    assert "'sha256-later='" in client.get("/page").headers["Content-Security-Policy"]


def test_frame_ancestors_come_from_config_or_environment(monkeypatch):
    monkeypatch.setenv("DASHBOARD_FRAME_ANCESTORS", "https://env.example.org")
    server, _ = _server()
    headers = server.test_client().get("/page").headers
    assert "frame-ancestors 'self' https://env.example.org" in headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in headers  # it cannot name another site
    # Flask config wins over the environment.
    server, _ = _server(DASHBOARD_FRAME_ANCESTORS="https://config.example.org")
    policy = server.test_client().get("/page").headers["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors 'self' https://config.example.org")
    monkeypatch.delenv("DASHBOARD_FRAME_ANCESTORS")
    headers = _server()[0].test_client().get("/page").headers
    assert headers["Content-Security-Policy"].endswith("frame-ancestors 'self'")
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_a_bad_setting_stops_configuration(monkeypatch):
    monkeypatch.setenv("DASHBOARD_TRUST_PROXY", "yes")
    with pytest.raises(SecurityConfigError, match="DASHBOARD_TRUST_PROXY"):
        _server()


def test_hsts_only_over_https_and_forwarded_https_only_from_a_trusted_proxy(monkeypatch):
    monkeypatch.delenv("DASHBOARD_TRUST_PROXY", raising=False)
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    client = _server()[0].test_client()
    assert "Strict-Transport-Security" not in client.get("/page").headers
    assert "Strict-Transport-Security" not in client.get("/page", headers=forwarded).headers
    secure = client.get("/data", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"

    behind_proxy = _server(DASHBOARD_TRUST_PROXY="1")[0].test_client()
    assert "Strict-Transport-Security" not in behind_proxy.get("/page").headers
    response = behind_proxy.get("/page", headers=forwarded)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_pages_and_other_responses_get_their_own_policy():
    client = _server()[0].test_client()
    for url in ("/page", "/data", "/missing"):
        headers = client.get(url).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        expected_page = headers["Content-Type"].startswith("text/html")
        assert headers["Content-Security-Policy"].startswith("default-src 'self'") == expected_page
    assert client.get("/data").headers["Content-Security-Policy"] == RESOURCE_POLICY
