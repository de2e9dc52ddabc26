"""Time from navigation to the first drawn map, in headless Chromium, against its floor.

The server is the one ``Procfile`` starts (gunicorn, 2 workers; :mod:`benchmarks.server`), on a
free local port. Every visit opens ``/`` in a fresh browser context (an empty cache: a first
visit) and records, in the page, ``performance.now()`` (zero at the start of the navigation) at
the moment the first country shape (``path.choroplethlocation``) is attached, anywhere (the
page's first paint, :mod:`dashboard.web.first_paint`, draws it before Dash has started), and the
moment Dash's own page has one (the interactive map, which replaces the first paint). Each
round starts a new server and makes, in this order:

1. the *first visitor* of the just-started server (its workers have served nothing else);
2. the single-file offline export of the same view (``python -m dashboard export story
   --view /``, made once per run from this code), opened from ``file://``: no server, no
   round trip, the same figure: the floor a served page can approach;
3. a first visit of the server already visited (*first visit*, the budgeted row);
4. a *repeat visit* in that same context (the browser's cache is filled).

The ratios are medians over medians of the same run. Bytes are what the browser's resource
timing says it transferred (``transferSize``: bodies as sent, compressed, plus headers), for
the navigation and every resource up to the interactive map; requests are those that went to
the server (not those the browser's cache answered). The *timeline*
rows break one kind of visit into when each step ended (median over the rounds); *JS* is
Chromium's ScriptDuration (time spent compiling and running scripts, from the DevTools
protocol) up to the interactive map.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import stats
from benchmarks.server import ROOT, ServerOptions, procfile_server
from benchmarks.stats import Row

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SELECTOR = ".js-plotly-plot path.choroplethlocation"
#: The same in the page Dash draws (the interactive map), not in the first paint's likeness.
DASH_SELECTOR = "#react-entry-point " + SELECTOR
#: Runs in the page before its scripts: stamps the moment the first country shape is attached
#: (``__firstMap``: anywhere, the first paint's included; ``__dashMap``: in Dash's page).
WATCH = """
window.__firstMap = null;
window.__dashMap = null;
new MutationObserver((_, observer) => {
  if (window.__firstMap === null && document.querySelector("SELECTOR")) {
    window.__firstMap = performance.now();
  }
  if (document.querySelector("DASH_SELECTOR")) {
    window.__dashMap = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
""".replace("DASH_SELECTOR", DASH_SELECTOR).replace("SELECTOR", SELECTOR)
#: Runs in the page once the map is drawn: bytes and the end of each step (ms after navigation).
TIMELINE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const first = window.__firstMap;
  const until = window.__dashMap || first;  // bytes: up to the interactive map
  const resources = performance.getEntriesByType("resource").filter(r => r.startTime <= until);
  const ends = (test) => resources.filter(r => test(r.name)).map(r => r.responseEnd);
  const last = (values) => values.length ? Math.max(...values) : null;
  const scripts = ends(n => /\\.js(\\?|$)/.test(n) && !/async-/.test(n));
  const callbacks = ends(n => n.includes("/_dash-update-component"));
  const shapes = resources.filter(r => /topojson\\/world_/.test(r.name));
  return {
    bytes: (nav ? nav.transferSize : 0) + resources.reduce((s, r) => s + r.transferSize, 0),
    requests: resources.filter(r => r.transferSize > 0).length + 1,  // not from the cache
    html: nav ? nav.responseEnd : 0,
    scripts: last(scripts),
    scripts_run: nav ? nav.domContentLoadedEventEnd : null,
    layout: last(ends(n => n.includes("/_dash-layout"))),
    router: callbacks.length ? Math.min(...callbacks) : null,
    callbacks: last(callbacks),
    shapes_asked: shapes.length ? Math.min(...shapes.map(r => r.startTime)) : null,
    shapes: last(shapes.map(r => r.responseEnd)),
    map: first,
    dash_map: window.__dashMap,
  };
}"""
STEPS = (
    ("html", "page's HTML received"),
    ("scripts", "last script received"),
    ("scripts_run", "page parsed (DOMContentLoaded: after a first paint, before Dash's scripts)"),
    ("layout", "/_dash-layout answered"),
    ("router", "page router callback answered"),
    ("callbacks", "last callback answered (the map's figure)"),
    ("shapes_asked", "map shapes requested"),
    ("shapes", "map shapes received"),
    ("map", "first country shape attached"),
    ("dash_map", "first country shape attached by Dash (the interactive map)"),
)


@dataclass
class Visit:
    first_map_ms: float
    bytes: int
    script_ms: float
    steps: dict = field(default_factory=dict)


def export_single_file(directory: Path, root: Path = ROOT) -> Path:
    """The map view as one offline HTML file (``python -m dashboard export story --view /``)."""
    out = directory / "map.html"
    subprocess.run(
        [sys.executable, "-m", "dashboard", "export", "story", "--view", "/", "--out", str(out)],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return out


def visit(context, url: str) -> Visit:
    """Open ``url`` in a new page of ``context``; the first map's time, bytes and steps."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url, wait_until="commit")
    page.wait_for_selector(SELECTOR, state="attached", timeout=60_000)
    # The single-file export has no Dash page: its map is the interactive one.
    done = "__firstMap" if url.startswith("file://") else "__dashMap"
    page.wait_for_function(f"() => window.{done} !== null", timeout=20_000)
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    steps = page.evaluate(TIMELINE)
    page.close()
    size = steps["bytes"]
    if url.startswith("file://"):
        size = Path(url.removeprefix("file://")).stat().st_size
    return Visit(float(steps["map"]), int(size), metrics.get("ScriptDuration", 0) * 1000, steps)


def first_visit(browser, url: str) -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(WATCH)
    try:
        return visit(context, url)
    finally:
        context.close()


@dataclass
class Rounds:
    """Visits of each kind, one per round."""

    first_visitor: list[Visit] = field(default_factory=list)
    single_file: list[Visit] = field(default_factory=list)
    first: list[Visit] = field(default_factory=list)
    repeat: list[Visit] = field(default_factory=list)


def measure(
    runs: int, options: ServerOptions | None = None, root: Path = ROOT, export: Path | None = None
) -> Rounds:
    """``runs`` rounds (a new server each) of the four visits of the module's docstring."""
    from playwright.sync_api import sync_playwright

    rounds = Rounds()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        single = export or export_single_file(Path(tmp), root)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(runs):
                with procfile_server(options, root) as url:
                    rounds.first_visitor.append(first_visit(browser, f"{url}/"))
                    rounds.single_file.append(first_visit(browser, single.as_uri()))
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    context.add_init_script(WATCH)
                    rounds.first.append(visit(context, f"{url}/"))
                    rounds.repeat.append(visit(context, f"{url}/"))
                    context.close()
        finally:
            browser.close()
    return rounds


def _times(visits: list[Visit]) -> list[float]:
    return [v.first_map_ms for v in visits]


def _row(what: str, visits: list[Visit], note: str = "") -> Row:
    times = _times(visits)
    return Row(
        "browser",
        what,
        runs=len(times),
        median_ms=stats.median(times),
        p95_ms=stats.p95(times),
        json_kb=stats.median([v.bytes for v in visits]) / 1000,
        note=note or f"JS {stats.median([v.script_ms for v in visits]):.0f} ms",
    )


def timeline_rows(label: str, visits: list[Visit]) -> list[Row]:
    """When each step of a visit ended: median and largest over the rounds (ms after
    navigation)."""
    rows = []
    for key, what in STEPS:
        values = [v.steps[key] for v in visits if v.steps.get(key) is not None]
        if values:
            rows.append(
                Row(
                    "browser timeline",
                    f"{label}: {what}",
                    runs=len(values),
                    median_ms=stats.median(values),
                    p95_ms=stats.p95(values),
                )
            )
    return rows


def rows_of(rounds: Rounds, server: str = "Procfile server") -> list[Row]:
    floor = stats.median(_times(rounds.single_file))
    first = _row(f"first map drawn after navigation, first visit ({server})", rounds.first)
    first.budget = (
        f"median < {stats.FIRST_MAP_MS / 1000:g} s; goal < {stats.FIRST_MAP_GOAL_MS / 1000:g} s"
    )
    first.ok = first.median_ms < stats.FIRST_MAP_MS
    goal = first.median_ms < stats.FIRST_MAP_GOAL_MS
    first.note += "" if goal else f"; goal of {stats.FIRST_MAP_GOAL_MS / 1000:g} s missed"
    visitor = _row(
        f"first map drawn, the first visitor of a just-started server ({server})",
        rounds.first_visitor,
    )
    single = _row(
        "first map drawn, the single-file export from file:// (the floor)",
        rounds.single_file,
        note=f"file size; JS {stats.median([v.script_ms for v in rounds.single_file]):.0f} ms",
    )
    ratio = first.median_ms / floor
    ratio_row = Row(
        "browser",
        "first visit over the single-file export (medians of this run)",
        ratio=f"{ratio:.2f}×",
        budget=f"goal ≤ {stats.FIRST_MAP_RATIO:g}×",
        ok=ratio <= stats.FIRST_MAP_RATIO,
        note=f"first visitor of a new server: {rounds and visitor.median_ms / floor:.2f}×",
    )
    size = stats.median([v.bytes for v in rounds.first]) / 1000
    size_row = Row(
        "browser",
        "bytes transferred by a first visit up to the first map (resource timing)",
        json_kb=size,
        budget=f"< {stats.FIRST_VISIT_GOAL_KB / 1000:g} MB",
        ok=size < stats.FIRST_VISIT_GOAL_KB,
        note=f"{stats.median([v.steps['requests'] for v in rounds.first]):.0f} requests",
    )
    repeat = _row("first map drawn after navigation, repeat visit", rounds.repeat)
    interactive = [v.steps["dash_map"] for v in rounds.first if v.steps.get("dash_map")]
    interactive_row = Row(
        "browser",
        "interactive map (Dash's own, replacing the first paint), first visit",
        runs=len(interactive),
        median_ms=stats.median(interactive) if interactive else None,
        p95_ms=stats.p95(interactive) if interactive else None,
        ratio=f"{stats.median(interactive) / floor:.2f}×" if interactive else "",
        note="ratio: over the single-file export",
    )
    return [
        first,
        visitor,
        single,
        ratio_row,
        interactive_row,
        size_row,
        repeat,
        *timeline_rows("first visit", rounds.first),
        *timeline_rows("first visitor", rounds.first_visitor),
    ]


def browser_rows(runs: int) -> list[Row]:
    if not Path(CHROMIUM).exists():
        return [Row("browser", "first map drawn", note=f"skipped: no {CHROMIUM}")]
    return rows_of(measure(max(runs, 3)))
