"""Every server-side callback, timed through Dash's real request path.

Callbacks are discovered from ``/_dash-dependencies`` (clientside ones excluded) and posted to
``/_dash-update-component`` with the Flask test client, for every case of
:mod:`benchmarks.scenarios`. A callback without a case is reported as a failure, so that a new
callback cannot slip out of the benchmark.

Caching: the views keep what they derive on the dataset (``Dataset.derived``: e.g. the Compare
panels' data per state, the Country view's network per year span). A case's first timed
request runs with that cache cleared (:func:`clear_page_caches`): the cost
of a first visit with these settings; the other runs are repeat requests. So with several cases
the p95 is a first request's time, and the median a repeat's. What a dataset computes once when
it is loaded (``Dataset.default_network``; ``gunicorn --preload`` does it before forking) is in
the *load* rows, not in any callback's time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import dash

from benchmarks import baselines, stats
from benchmarks.scenarios import CASES, QUICK
from benchmarks.stats import Row
from dashboard.callback_requests import request_body
from dashboard.dataset import Dataset
from dashboard.registry import BASELINE, registry_of


@contextmanager
def use_dataset(app: dash.Dash, dataset: Dataset) -> Iterator[None]:
    """Serve ``dataset`` from ``app`` inside the block (the app's own dataset afterwards)."""
    sources = registry_of(app.server).sources
    before = sources[BASELINE]
    sources[BASELINE] = dataset
    try:
        yield
    finally:
        sources[BASELINE] = before


def outputs_of(dependency: dict) -> list[str]:
    """``component.property`` of each output, without Dash's ``@hash`` of duplicate outputs."""
    text = dependency["output"]
    parts = [p for p in text.strip(".").split("...") if p] if text.startswith("..") else [text]
    return [p.split("@")[0] for p in parts]


def server_callbacks(app: dash.Dash) -> list[dict]:
    """Every server-side callback of ``app`` as listed in ``/_dash-dependencies``."""
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    return [d for d in dependencies if not d.get("clientside_function")]


#: The address bar's query every view callback carries (language, dataset): a case may leave
#: it out (the default language and dataset), or set it to run in another language.
ADDRESS = "url.search"


def language_label(lang: str) -> str:
    """How a row's area says its language (nothing for English, the default)."""
    return "" if lang == "en" else f", {lang}"


def in_language(url: str, lang: str) -> str:
    """``url`` with ``lang=`` in its query (unchanged for English, the default)."""
    if lang == "en":
        return url
    return f"{url}{'&' if '?' in url else '?'}lang={lang}"


def _with_language(values: dict, lang: str) -> dict:
    """A case's values with the address (the view's and the page router's) in ``lang``."""
    if lang == "en":
        return values
    out = dict(values)
    for key in (ADDRESS, "_pages_location.search"):
        out[key] = in_language(str(values.get(key) or ""), lang)
    return out


def _props(dependency: dict) -> set[str]:
    """What a case must set: every input and state but the address."""
    found = {f"{i['id']}.{i['property']}" for i in dependency["inputs"] + dependency["state"]}
    return found - {ADDRESS}


def case_key(dependency: dict) -> str | None:
    """The key of :data:`~benchmarks.scenarios.CASES` naming one of the callback's outputs.

    Several callbacks may write one output (``allow_duplicate``): cases are given to the ones
    whose every non-wildcard input and state they set.
    """
    outputs = outputs_of(dependency)
    needed = {p for p in _props(dependency) if '["ALL"]' not in p}
    for key in CASES:
        if key in outputs and all(needed <= set(case) for case in CASES[key].values()):
            return key
    for key in CASES:
        if key in outputs:
            cases = {n: c for n, c in CASES[key].items() if needed <= set(c)}
            if cases:
                return key
    return None


def cases_for(dependency: dict, key: str) -> dict[str, dict]:
    """The cases of ``key`` that set every input and state of ``dependency``."""
    needed = {p for p in _props(dependency) if '["ALL"]' not in p}
    return {n: c for n, c in CASES[key].items() if needed <= set(c)}


def display_name(dependency: dict, callbacks: list[dict]) -> str:
    """The callback's first output, with its first input when another callback shares it."""
    first = outputs_of(dependency)[0]
    if sum(outputs_of(d)[0] == first for d in callbacks) > 1:
        trigger = dependency["inputs"][0]
        component = trigger["id"]
        if component.startswith("{"):
            component = json.loads(component).get("type", component)
        return f"{first} ← {component}.{trigger['property']}"
    return first


def figures_in(value: object) -> Iterator[dict]:
    """Every plotly figure (a dict with ``data`` list and ``layout``) inside a response."""
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            yield value
        for item in value.values():
            yield from figures_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from figures_in(item)


@dataclass
class CaseResult:
    callback: str
    case: str
    times_ms: list[float]
    json_bytes: int
    traces: int
    status: int
    baseline_ms: float | None = None


def cases_row(area: str, what: str, cases: list[CaseResult], **more) -> Row:
    """One table row over the cases of a callback (or download route): every timed run, and
    the largest answer."""
    times = [t for case in cases for t in case.times_ms]
    return Row(
        area,
        what,
        runs=len(times),
        median_ms=stats.median(times),
        p95_ms=stats.p95(times),
        json_kb=max(case.json_bytes for case in cases) / 1000,
        **more,
    )


@dataclass
class CallbackResults:
    rows: list[Row] = field(default_factory=list)
    cases: list[CaseResult] = field(default_factory=list)


def clear_page_caches() -> None:
    """Forget what the views derived, as a server that has not yet answered these settings:
    every loaded dataset's derived cache (what a dataset precomputes when loaded is kept)."""
    for source in registry_of(flask_app()).sources.values():
        if not callable(source):
            source.derived.clear()


def flask_app():
    from dashboard.app import app

    return app.server


def run_case(client, dependency: dict, values: dict, runs: int) -> tuple[list[float], bytes, int]:
    """One untimed request (its response is analysed), then ``runs`` timed ones: the first with
    the page caches cleared (a first request), the rest as repeats."""
    body = request_body(dependency, values, values)

    def post():
        return client.post("/_dash-update-component", json=body)

    response = post()
    clear_page_caches()
    times = stats.timed(post, 1, 0) + (stats.timed(post, runs - 1, 0) if runs > 1 else [])
    return times, response.get_data(), response.status_code


def benchmark_callbacks(
    app: dash.Dash,
    runs: int,
    scale: int = 1,
    quick: bool = False,
    only: str | None = None,
    with_baselines: bool = True,
    lang: str = "en",
) -> CallbackResults:
    """Time every server callback over its cases, in ``lang``; one row per callback (all its
    cases' runs).

    Parameters
    ----------
    runs : int
        Timed requests per case (after one warm-up request whose response is analysed).
    scale : int
        The data scale the app serves (for the label and the budget).
    quick : bool
        One case per callback.
    only : str, optional
        Benchmark only the callback with this output (e.g. ``map-graph.figure``).
    """
    results = CallbackResults()
    client = app.server.test_client()
    budget_ms = stats.CALLBACK_P95_MS.get(scale)
    dataset = registry_of(app.server).baseline
    area = f"callback {scale}×" + (" (synthetic)" if scale != 1 else "") + language_label(lang)
    callbacks = server_callbacks(app)
    for dependency in callbacks:
        key = case_key(dependency)
        name = display_name(dependency, callbacks)
        if only and outputs_of(dependency)[0] != only:
            continue
        if key is None:
            results.rows.append(Row(area, name, ok=False, note="no benchmark case: add one"))
            continue
        cases = cases_for(dependency, key)
        if quick:
            chosen = QUICK.get(key) if QUICK.get(key) in cases else next(iter(cases))
            cases = {chosen: cases[chosen]}
        mine: list[CaseResult] = []
        ratios: list[float] = []
        for case, values in cases.items():
            times, body, status = run_case(client, dependency, _with_language(values, lang), runs)
            figures = list(figures_in(json.loads(body))) if status == 200 else []
            result = CaseResult(
                name,
                case,
                times,
                len(body),
                max((len(f["data"]) for f in figures), default=0),
                status,
            )
            baseline = baselines.BASELINES.get(key) if with_baselines else None
            if baseline is not None and status == 200:
                # Baselines never read the views' caches: each run does the work in full.
                result.baseline_ms = stats.median(
                    stats.timed(lambda b=baseline, v=values, d=dataset: b(d, v), runs)
                )
                ratios.append(stats.median(times) / max(result.baseline_ms, 1e-3))
            mine.append(result)
        results.cases += mine
        failed = [c.case for c in mine if c.status not in (200, 204)]
        row = cases_row(
            area,
            name,
            mine,
            traces=max(c.traces for c in mine),
            ratio=f"{stats.median(ratios):.1f}× pandas" if ratios else "",
        )
        judge_callback(row, budget_ms, len(mine), failed)
        results.rows.append(row)
    return results


def judge_callback(row: Row, budget_ms: int | None, cases: int, failed: list[str]) -> None:
    """Budget text and pass/fail of a callback row; the note names what failed."""
    parts = [f"p95 < {budget_ms} ms"] if budget_ms else []
    parts += [f"< {stats.RESPONSE_KB} kB", f"≤ {stats.TRACES} traces"]
    row.budget = ", ".join(parts)
    problems = []
    if budget_ms and row.p95_ms >= budget_ms:
        problems.append("slow")
    if row.json_kb >= stats.RESPONSE_KB:
        problems.append("large")
    if row.traces > stats.TRACES:
        problems.append("many traces")
    if failed:
        problems.append(f"HTTP error in {', '.join(failed)}")
    row.ok = not problems
    row.note = f"{cases} case{'s' if cases > 1 else ''}" + (
        f"; {', '.join(problems)}" if problems else ""
    )
