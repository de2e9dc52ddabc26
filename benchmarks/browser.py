"""Time from navigation start to the first drawn map, in headless Chromium on localhost.

The dashboard runs as ``python -m dashboard serve`` on a free port; each run opens ``/`` in a
fresh browser context (an empty cache: a first visit) and records, in the page, the
``performance.now()`` at which the first ``.js-plotly-plot .choroplethlocation`` path appears.
One uncounted run warms the server (its compressed-script cache) first.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import stats
from benchmarks.stats import Row

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[1]
SELECTOR = ".js-plotly-plot .choroplethlocation"
#: Runs in the page before its scripts: stamps the moment the first country shape is drawn.
WATCH = """
window.__firstMap = null;
new MutationObserver((_, observer) => {
  if (document.querySelector("SELECTOR")) {
    window.__firstMap = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("SELECTOR", SELECTOR)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def dashboard_server() -> Iterator[str]:
    """``python -m dashboard serve`` on a free local port, stopped afterwards."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the dashboard server did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def first_map_times(url: str, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds to the first drawn map: cold-cache runs, then warm-cache runs."""
    from playwright.sync_api import sync_playwright

    cold, warm = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for run in range(runs + 1):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                context.add_init_script(WATCH)
                for times in (cold, warm):  # the same context again: a repeat visit
                    page = context.new_page()
                    page.goto(f"{url}/", wait_until="commit")
                    page.wait_for_selector(SELECTOR, state="attached", timeout=60_000)
                    page.wait_for_function("window.__firstMap !== null", timeout=10_000)
                    if run:  # the first round only warms the server
                        times.append(float(page.evaluate("window.__firstMap")))
                    page.close()
                context.close()
        finally:
            browser.close()
    return cold, warm


def browser_rows(runs: int) -> list[Row]:
    if not Path(CHROMIUM).exists():
        return [Row("browser", "first map drawn", note=f"skipped: no {CHROMIUM}")]
    with dashboard_server() as url:
        cold, warm = first_map_times(url, runs)
    rows = []
    for label, times, budgeted in (("first visit", cold, True), ("repeat visit", warm, False)):
        row = Row(
            "browser",
            f"first map drawn after navigation, {label}",
            runs=len(times),
            median_ms=stats.median(times),
            p95_ms=stats.p95(times),
        )
        if budgeted:
            row.budget = f"median < {stats.FIRST_MAP_MS / 1000:g} s"
            row.ok = row.median_ms < stats.FIRST_MAP_MS
        rows.append(row)
    return rows
