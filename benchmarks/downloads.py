"""The CSV download routes (``/download/<view>/<name>.csv``), timed as a browser's GET.

Downloads are plain GET routes, not callbacks (the file never travels inside a JSON answer), so
:mod:`benchmarks.callbacks` does not see them: every registered download is requested here with
the Flask test client over its cases of :data:`benchmarks.scenarios.DOWNLOADS` (a download
without a case is reported as a failure). As for callbacks, a case's first timed request runs
with the views' caches cleared (a first request), the others repeat it. The response's size is
printed (in the kB column) but not budgeted: it is a file, not a callback answer.
"""

from __future__ import annotations

import dash

from benchmarks import stats
from benchmarks.callbacks import (
    CallbackResults,
    CaseResult,
    cases_row,
    clear_page_caches,
    in_language,
    language_label,
)
from benchmarks.scenarios import DOWNLOADS
from benchmarks.stats import Row
from dashboard.downloads import REGISTRY


def download_paths() -> list[str]:
    """The path of every registered download, in the order the views registered them."""
    return [f"/download/{view}/{name}.csv" for view, name in REGISTRY]


def time_download(client, url: str, runs: int) -> tuple[list[float], int, int]:
    """One untimed GET (its response is measured), then ``runs`` timed ones, the first with
    the page caches cleared; the times, the response's bytes and its status."""
    response = client.get(url)

    def get():
        return client.get(url).get_data()

    clear_page_caches()
    times = stats.timed(get, 1, 0) + (stats.timed(get, runs - 1, 0) if runs > 1 else [])
    return times, len(response.get_data()), response.status_code


def benchmark_downloads(
    app: dash.Dash,
    runs: int,
    scale: int = 1,
    quick: bool = False,
    only: str | None = None,
    lang: str = "en",
) -> CallbackResults:
    """Time every download route over its cases, in ``lang``; one row per route (all its
    cases' runs)."""
    results = CallbackResults()
    client = app.server.test_client()
    budget_ms = stats.CALLBACK_P95_MS.get(scale)
    area = f"download {scale}×" + (" (synthetic)" if scale != 1 else "") + language_label(lang)
    for path in download_paths():
        if only and path != only:
            continue
        cases = DOWNLOADS.get(path, {})
        if not cases:
            results.rows.append(Row(area, path, ok=False, note="no benchmark case: add one"))
            continue
        if quick:
            cases = dict([next(iter(cases.items()))])
        mine = []
        for case, query in cases.items():
            times, size, status = time_download(client, in_language(path + query, lang), runs)
            mine.append(CaseResult(path, case, times, size, 0, status))
        results.cases += mine
        failed = [c.case for c in mine if c.status != 200]
        row = cases_row(
            area,
            path,
            mine,
            budget=f"p95 < {budget_ms} ms (file size not budgeted)" if budget_ms else "",
        )
        problems = ["slow"] if budget_ms and row.p95_ms >= budget_ms else []
        problems += [f"HTTP error in {', '.join(failed)}"] if failed else []
        row.ok = not problems if budget_ms else (None if not failed else False)
        row.note = f"{len(mine)} case{'s' if len(mine) > 1 else ''}, CSV" + (
            f"; {', '.join(problems)}" if problems else ""
        )
        results.rows.append(row)
    return results
