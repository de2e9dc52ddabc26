"""CSV downloads as plain GET routes: ``/download/<view>/<name>.csv?<the view's query>``.

A download is not a callback answer: the file never travels base64-encoded inside a JSON
response (at 10× the data, the Data view's file alone is over 1 MB). Each view registers its
downloads here, as functions ``(dataset, query) -> (frame or bytes, file name)`` that read the
query exactly as the view's layout does, so that the view's address query gives the file of the
state the view shows; an invalid value falls back to its default, as in the view.

In the page, a download is a link with a ``data-download`` attribute holding its route
(:func:`route`); ``assets/dashboard.js`` gives it the address bar's query (where the shell keeps
the view's whole state) just before it is followed, focused or copied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import parse_qs, urlencode

import pandas as pd
from flask import Flask, Response, request

from dashboard.dataset import Dataset
from dashboard.export import to_csv_bytes
from dashboard.registry import resolve_current
from dashboard.text import N_
from dashboard.web.address import current_text

#: A view's query as Dash Pages hands it to ``layout(**query)`` (a list for a repeated key).
Query = Mapping[str, str | list[str]]
Download = Callable[[Dataset, Query], tuple[pd.DataFrame | bytes, str]]

NO_SUCH_DOWNLOAD = N_("There is no such download.")
UNKNOWN_DATASET = N_("There is no dataset “{key}” here.")

#: (view, name) → the function making that file. Filled by the page modules when imported.
REGISTRY: dict[tuple[str, str], Download] = {}


class DownloadNotFoundError(LookupError):
    """What a download asks for does not exist (e.g. an unknown country); the message says so."""


def register(view: str, name: str) -> Callable[[Download], Download]:
    """Register ``function`` as the file of ``/download/<view>/<name>.csv`` (a decorator)."""

    def add(function: Download) -> Download:
        REGISTRY[(view, name)] = function
        return function

    return add


def route(view: str, name: str, **fixed: str) -> str:
    """The address of a download, with its own parameters but without the view's query.

    Examples
    --------
    >>> route("flows", "flows")
    '/download/flows/flows.csv'
    >>> route("country", "indicators", country="TUN")
    '/download/country/indicators.csv?country=TUN'
    """
    return f"/download/{view}/{name}.csv" + (f"?{urlencode(fixed)}" if fixed else "")


def href(download_route: str, query: str) -> str:
    """The link of a download for the view's query (``?a=1&b=2``), as ``assets/dashboard.js``
    builds it: the view's parameters except ``present``, then the route's own (which win).

    Examples
    --------
    >>> href("/download/country/flows.csv?country=TUN", "?from=2010&country=MAR&present=1")
    '/download/country/flows.csv?from=2010&country=TUN'
    >>> href("/download/map/map.csv", "")
    '/download/map/map.csv'
    """
    path, _, fixed = download_route.partition("?")
    own = [pair for pair in fixed.split("&") if pair]
    own_keys = {pair.split("=")[0] for pair in own}
    pairs = [
        pair
        for pair in query.lstrip("?").split("&")
        if pair and pair.split("=")[0] not in own_keys | {"present"}
    ]
    pairs += own
    return f"{path}?{'&'.join(pairs)}" if pairs else path


def parse_view_query(query_string: str) -> dict[str, str | list[str]]:
    """A query string as Dash Pages passes it to a layout: one value, or a list when repeated.

    Examples
    --------
    >>> parse_view_query("countries=TUN,MAR&from=2010&from=2011&to=")
    {'countries': 'TUN,MAR', 'from': ['2010', '2011'], 'to': ''}
    """
    parsed = parse_qs(query_string.lstrip("?"), keep_blank_values=True)
    return {key: values[0] if len(values) == 1 else values for key, values in parsed.items()}


def _plain(message: str, status: int) -> Response:
    return Response(message, status=status, mimetype="text/plain")


def with_rule(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    """An uploaded dataset's file says the small-count rule its counts went through (every
    count in it was published by that rule: :func:`dashboard.exchange.convert.to_dataset`):
    ``rule_code`` (``small-count-suppression-k5``) and ``rule``, in the request's language."""
    upload = dataset.metadata.get("upload")
    if not isinstance(upload, dict) or "rule" not in upload:
        return frame
    from dashboard.exchange.problems import render

    rule = upload["rule"]
    return frame.assign(rule_code=rule["code"], rule=render(current_text(), rule["message"]))


def register_routes(server: Flask) -> None:
    """Serve every registered download at ``/download/<view>/<name>.csv``."""

    @server.route("/download/<view>/<name>.csv")
    def download(view: str, name: str) -> Response:
        make = REGISTRY.get((view, name))
        if make is None:
            return _plain(current_text().gettext(NO_SUCH_DOWNLOAD), 404)
        query = parse_view_query(request.query_string.decode("utf-8", "replace"))
        resolution = resolve_current()
        if not resolution.found:  # never a silent fallback to other data in a file
            message = current_text().gettext(UNKNOWN_DATASET, key=resolution.key[:40])
            return _plain(message, 404)
        try:
            content, filename = make(resolution.dataset, query)
        except DownloadNotFoundError as error:
            return _plain(str(error), 404)
        if isinstance(content, pd.DataFrame):
            content = with_rule(resolution.dataset, content)
        data = content if isinstance(content, bytes) else to_csv_bytes(content)
        return Response(
            data,
            mimetype="text/csv",  # Flask adds "; charset=utf-8"
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )
