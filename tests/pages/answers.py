"""Every view's answers for the benchmark's cases, as the browser would get them.

Callbacks are posted to ``/_dash-update-component`` through the Flask test client, with the
address bar's query (``url.search`` and the page router's search) in the given language.
"""

from __future__ import annotations

from benchmarks.callbacks import case_key, cases_for, server_callbacks
from benchmarks.scenarios import DOWNLOADS
from dashboard import ids
from dashboard.callback_requests import request_body


def with_address(search: str | None, **shared: str | None) -> str | None:
    """``search`` (a query string) with the given keys (``lang=``, ``dataset=``) added."""
    pairs = [f"{key}={value}" for key, value in shared.items() if value is not None]
    if not pairs:
        return search
    return (search + "&" if search else "?") + "&".join(pairs)


def callback_answers(app, lang: str | None = None, dataset: str | None = None) -> dict[str, dict]:
    """Case name → the JSON answer of its callback, for every benchmark case, in ``lang`` and
    from ``dataset`` (the address's keys)."""
    client = app.server.test_client()
    found = {}
    for dependency in server_callbacks(app):
        key = case_key(dependency)
        if key is None:
            continue
        for case, values in cases_for(dependency, key).items():
            values = {**values, "url.search": with_address(None, lang=lang, dataset=dataset)}
            if "_pages_location.search" in values:
                values["_pages_location.search"] = with_address(
                    values["_pages_location.search"], lang=lang, dataset=dataset
                )
            response = client.post(
                "/_dash-update-component", json=request_body(dependency, values, values)
            )
            assert response.status_code in (200, 204), (key, case, response.status_code)
            answer = response.get_json() if response.status_code == 200 else {}
            # A callback that raised is answered too (the error banner, nothing else updated).
            assert ids.ERROR_BANNER not in str(answer.get("sideUpdate", "")), (key, case)
            found[f"{key} / {case}"] = answer
    return found


def download_answers(app, lang: str | None = None, dataset: str | None = None) -> dict[str, bytes]:
    """Route and case → the CSV file of every benchmark download case."""
    client = app.server.test_client()
    found = {}
    for route, cases in DOWNLOADS.items():
        for case, query in cases.items():
            response = client.get(route + (with_address(query, lang=lang, dataset=dataset) or ""))
            assert response.status_code == 200, (route, case, response.status_code)
            found[f"{route} / {case}"] = response.get_data()
    return found
