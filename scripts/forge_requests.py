"""Forged and malformed requests against every server callback, view link and download.

``python scripts/forge_requests.py [--only map-graph.figure] [--verbose]``

Every server-side callback is found in the app's callback map (``/_dash-dependencies``, the
clientside ones left out) and posted to ``/_dash-update-component`` with the Flask test client:
first a realistic request (the first case of :mod:`benchmarks.scenarios`), then the same with
each input and state replaced in turn by each junk value of :data:`JUNK` (wrong types, huge
lists, NaN and infinities, nested junk, a missing value), then requests whose body itself is
malformed (unknown output, missing or extra inputs, junk ``changedPropIds``). View links are
the page router's callback with junk paths and junk values for every query key; downloads are
``GET /download/<view>/<name>.csv`` with the same junk.

It counts the requests that reach the app's error handler (``on_error``: the error banner),
the answers 500 and above, and prints, per callback or route, which junk did it. Exit status 1
when any request reached the error handler or got a 5xx.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.scenarios import CASES, DOWNLOADS
from dashboard.callback_requests import request_body

#: Junk for one callback input: name → value (JSON; NaN and infinities as Python writes them).
JUNK: dict[str, object] = {
    "null": None,
    "empty string": "",
    "string": "junk",
    "long string": "x" * 100_000,
    "integer": 12345,
    "negative": -1,
    "huge integer": 10**30,
    "float": 2.5,
    "NaN": math.nan,
    "infinity": math.inf,
    "boolean": True,
    "empty list": [],
    "list of junk": ["junk", 1, None],
    "huge list": list(range(100_000)),
    "nested": {"a": [{"b": [1, {"c": None}]}]},
    "object": {"points": "x", "url": 3, "slides": "x"},
    "list of lists": [[2010, 2020], [None]],
    "many codes": ["TUN"] * 5000,
}
MISSING = "missing value"

#: Junk for one query key of a view link or a download.
QUERY_JUNK: dict[str, str] = {
    "empty": "",
    "word": "junk",
    "long": "x" * 5000,
    "negative": "-1",
    "huge": "9" * 40,
    "NaN": "nan",
    "infinity": "inf",
    "codes": "TUN," * 200,
    "null byte": "%00",
    "unicode": "تونس",
    "repeated": None,  # the key twice: ?key=a&key=b
}
#: Every key a view's address may carry (the views' own and the shared ones).
QUERY_KEYS = (
    "measure",
    "from",
    "to",
    "countries",
    "indicator",
    "exploitation",
    "year",
    "top",
    "lines",
    "incidents",
    "focus",
    "kind",
    "present",
    "country",
    "treaty",
    "milestone",
    "lang",
    "dataset",
    "iso3",
    "s",
)
PATHS = ("/", "/flows", "/compare", "/reforms", "/country/TUN", "/data", "/sources", "/story")
JUNK_PATHS = ("/country/junk", "/country/" + "x" * 3000, "/nowhere", "", "flows", "/%00")


@dataclass
class Tally:
    """What the forged requests did, per callback or route."""

    sent: int = 0
    handled: Counter = field(default_factory=Counter)  # reached the error handler
    server_errors: Counter = field(default_factory=Counter)  # answered 5xx
    statuses: Counter = field(default_factory=Counter)
    noticed: int = 0  # answered with a notice in the banner (a value replaced by its default)

    def add(self, other: Tally) -> None:
        self.sent += other.sent
        self.handled.update(other.handled)
        self.server_errors.update(other.server_errors)
        self.statuses.update(other.statuses)
        self.noticed += other.noticed


class ErrorHandlerHits(logging.Handler):
    """Counts what the app's ``on_error`` logs ("callback failed", with the exception)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[str]:
        found = [
            f"{type(r.exc_info[1]).__name__}: {str(r.exc_info[1])[:80]}"
            if r.exc_info
            else r.getMessage()[:80]
            for r in self.records
        ]
        self.records.clear()
        return found


def server_callbacks(app) -> list[dict]:
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    return [d for d in dependencies if not d.get("clientside_function")]


def case_for(dependency: dict) -> dict:
    """The first realistic case of a callback (benchmarks.scenarios), or no values at all."""
    for key, cases in CASES.items():
        if key in dependency["output"]:
            return dict(next(iter(cases.values())))
    return {}


def _inputs(dependency: dict) -> list[str]:
    return [f"{d['id']}.{d['property']}" for d in [*dependency["inputs"], *dependency["state"]]]


def forged_bodies(dependency: dict) -> Iterator[tuple[str, dict]]:
    """(what was forged, body) for one callback: each input × each junk, then junk bodies."""
    case = case_for(dependency)
    yield "realistic", request_body(dependency, case, case)
    for name in _inputs(dependency):
        for junk_name, junk in JUNK.items():
            values = {**case, name: junk}
            body = request_body(dependency, values, values)
            if junk is None:  # request_body leaves None out; post it as an explicit null
                for item in [*body["inputs"], *body["state"]]:
                    if isinstance(item, dict) and f"{item['id']}.{item['property']}" == name:
                        item["value"] = None
            yield f"{name}={junk_name}", body
        body = request_body(dependency, case, case)
        for item in [*body["inputs"], *body["state"]]:
            if isinstance(item, dict) and f"{item['id']}.{item['property']}" == name:
                item.pop("value", None)
        yield f"{name}={MISSING}", body
    good = request_body(dependency, case, case)
    yield "no inputs", {**good, "inputs": []}
    yield "an extra input", {**good, "inputs": [*good["inputs"], {"id": "x", "property": "y"}]}
    yield "inputs not a list", {**good, "inputs": "junk"}
    yield "input items junk", {**good, "inputs": [1] * len(good["inputs"])}
    yield "no state", {k: v for k, v in good.items() if k != "state"}
    yield "changedPropIds junk", {**good, "changedPropIds": ["{junk.value", 3, None]}
    yield "changedPropIds not a list", {**good, "changedPropIds": "junk"}
    yield "unknown output", {**good, "output": "nowhere.children"}
    yield "no output", {k: v for k, v in good.items() if k not in ("output", "outputs")}


def _post(client, body) -> object:
    return client.post(
        "/_dash-update-component",
        data=json.dumps(body),  # allow_nan: NaN and Infinity as a browser cannot, a forger can
        content_type="application/json",
    )


def forge_callbacks(app, hits: ErrorHandlerHits, only: str | None = None) -> dict[str, Tally]:
    client = app.server.test_client()
    tallies: dict[str, Tally] = {}
    for dependency in server_callbacks(app):
        if only and only not in dependency["output"]:
            continue
        tally = tallies.setdefault(dependency["output"][:70], Tally())
        for what, body in forged_bodies(dependency):
            answer = _post(client, body)
            _count(tally, what, answer, hits.take())
    return tallies


def _count(tally: Tally, what: str, answer, handled: list[str]) -> None:
    status = answer.status_code
    tally.sent += 1
    if status == 200 and answer.mimetype == "application/json" and not handled:
        side = (answer.get_json() or {}).get("sideUpdate") or {}
        tally.noticed += "shell-error-banner" in side
    tally.statuses[status] += 1
    for error in handled:
        tally.handled[f"{what}: {error}"] += 1
    if status >= 500:
        tally.server_errors[what] += 1


def junk_queries() -> Iterator[tuple[str, str]]:
    """(what, query string) with one junk value of one key."""
    for key in QUERY_KEYS:
        for name, junk in QUERY_JUNK.items():
            if junk is None:
                yield f"{key} repeated", f"?{key}=a&{key}=b"
            else:
                yield f"{key}={name}", f"?{key}={quote(junk, safe='%,')}"


def forge_links(app, hits: ErrorHandlerHits) -> Tally:
    """The page router's callback for every view with junk queries, and junk paths."""
    client = app.server.test_client()
    (router,) = [d for d in server_callbacks(app) if "_pages_content.children" in d["output"]]
    tally = Tally()
    links = [(f"{p} {what}", p, q) for p in PATHS for what, q in junk_queries()]
    links += [(f"path {p[:20]!r}", p, "") for p in JUNK_PATHS]
    links += [("search not a query", "/flows", "junk"), ("search a list", "/flows", ["?a"])]
    for what, path, search in links:
        values = {"_pages_location.pathname": path, "_pages_location.search": search}
        answer = _post(client, request_body(router, values, values))
        _count(tally, what, answer, hits.take())
    for what, path, search in links[:: max(1, len(links) // 40)]:  # the page itself: a sample
        if isinstance(search, str):
            answer = client.get(path + search if path.startswith("/") else "/" + path + search)
            _count(tally, f"GET {what}", answer, hits.take())
    return tally


def forge_downloads(app, hits: ErrorHandlerHits) -> Tally:
    client = app.server.test_client()
    tally = Tally()
    routes = [*DOWNLOADS, "/download/nowhere/x.csv", "/download/flows/x.csv"]
    for route in routes:
        for what, query in junk_queries():
            answer = client.get(route + query)
            _count(tally, f"{route} {what}", answer, hits.take())
    return tally


def run(only: str | None = None) -> dict[str, Tally]:
    """Every forged request; per callback output, plus "view links" and "downloads"."""
    from dashboard.app import app

    app.server.testing = False  # an uncaught exception is a 500, as in production
    hits = ErrorHandlerHits()
    app.server.logger.addHandler(hits)
    app.server.logger.propagate = False  # the hits are counted, not printed
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)
    try:
        tallies = forge_callbacks(app, hits, only)
        if not only:
            tallies["view links"] = forge_links(app, hits)
            tallies["downloads"] = forge_downloads(app, hits)
    finally:
        app.server.logger.removeHandler(hits)
    return tallies


def report(tallies: dict[str, Tally], verbose: bool) -> Tally:
    total = Tally()
    print(f"{'callback / route':64} {'sent':>6} {'handler':>8} {'5xx':>5} {'notice':>6}  statuses")
    for name, tally in tallies.items():
        total.add(tally)
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(tally.statuses.items()))
        handled, errors = sum(tally.handled.values()), sum(tally.server_errors.values())
        print(f"{name[:64]:64} {tally.sent:6} {handled:8} {errors:5} {tally.noticed:6}  {statuses}")
        if verbose:
            for what, n in tally.handled.most_common():
                print(f"    handler {n:3}× {what}")
            for what, n in tally.server_errors.most_common():
                print(f"    5xx     {n:3}× {what}")
    handled, errors = sum(total.handled.values()), sum(total.server_errors.values())
    print(f"{'total':64} {total.sent:6} {handled:8} {errors:5} {total.noticed:6}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="only the callback whose output contains this")
    parser.add_argument("--verbose", action="store_true", help="say which junk did what")
    args = parser.parse_args(argv)
    total = report(run(args.only), args.verbose)
    return 1 if total.handled or total.server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
