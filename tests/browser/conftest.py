"""Browser tests: the app served on localhost, driven by Playwright in the system Chromium.

Every page records console errors and any request that leaves the machine; tests assert both
are empty. It also records every Content-Security-Policy violation, in the page or any of its
frames: a test with one fails when it ends, whatever it asserted. Without a Chromium the tests
skip, unless ``REQUIRE_BROWSER=1`` (CI), where they fail.

Give ``wait_for_function`` a function (``"() => …"``), never a bare expression: Playwright runs an
expression with ``eval`` on each poll, which the page's policy refuses (a function is evaluated
once, by the browser's debugging protocol, which the policy does not govern).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit and Path(explicit).exists():
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> Iterator[str]:
    """The dashboard served by ``python -m dashboard serve`` on a free local port.

    Its log goes to a file: a pipe nobody reads fills up after a few hundred requests and
    then blocks the server on its next log line.
    """
    port = _free_port()
    log = (tmp_path_factory.mktemp("server") / "server.log").open("w")
    # The pseudo-language (lang=qps) is accepted, so that a test finds text that bypasses the
    # catalogue; nothing else changes.
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "DASHBOARD_PSEUDO_LANGUAGE": "1"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("no Chromium found and REQUIRE_BROWSER=1: browser tests must run")
        pytest.skip("no Chromium found: browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did that it must not: console errors, requests leaving the machine and
    anything its Content-Security-Policy blocked."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


# The browser tells the document of each violation of its policy (a ``securitypolicyviolation``
# event, in every frame); the binding hands it to the test at once.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolation([
        event.effectiveDirective,
        event.blockedURI || "(none)",
        "at " + (event.sourceFile || "?") + ":" + event.lineNumber,
        (event.sample || "").slice(0, 80),
    ].join(" "));
}, true);
"""


def watch_csp(context, violations: list[str]) -> None:
    """Record every CSP violation in ``context`` (any page, any frame) into ``violations``."""
    context.expose_binding(
        "__cspViolation", lambda source, text: violations.append(f"{source['frame'].url}: {text}")
    )
    context.add_init_script(_CSP_LISTENER)


def is_csp_message(text: str) -> bool:
    """A console message of a CSP violation (Chromium writes one for each)."""
    return "Content Security Policy" in text or "Content-Security-Policy" in text


def _settle(page) -> None:
    """Let violation events already queued in the page reach the test (one task later)."""
    # A closed or navigating page has nothing queued for us.
    with contextlib.suppress(Exception):
        page.evaluate("() => new Promise((done) => setTimeout(done, 0))")


def _is_local(url: str) -> bool:
    return url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:"))


@pytest.fixture
def page(browser, server_url):
    """A fresh 1280×720 page; off-machine requests are recorded and aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    page = context.new_page()
    watch = PageWatch()

    def route(route_):
        if _is_local(route_.request.url):
            route_.continue_()
        else:
            watch.external_requests.append(route_.request.url)
            route_.abort()

    def console(msg):
        if msg.type == "error":
            watch.console_errors.append(msg.text)
        if is_csp_message(msg.text):
            watch.csp_violations.append(f"console: {msg.text}")

    page.route("**/*", route)
    watch_csp(context, watch.csp_violations)
    page.on("console", console)
    page.on("pageerror", lambda exc: watch.console_errors.append(str(exc)))
    page.watch = watch
    page.base_url = server_url
    yield page
    _settle(page)
    context.close()
    # Any view, any interaction: nothing the app does may break its own policy.
    assert watch.csp_violations == [], "Content-Security-Policy violations:\n" + "\n".join(
        watch.csp_violations
    )
