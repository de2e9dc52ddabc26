"""The page of the address inside the shell's first layout: one round trip less on every visit.

Dash Pages draws a page in two steps: the browser fetches the shell (``/_dash-layout``), whose
page container is empty, then its location component mounts, finds the container's address
unset and sets it, which runs the page router's callback (a second request) to get the page.
Here the shell served to a page already holds that page, drawn for the page's address (the
request's ``Referer``, as :mod:`dashboard.web.address` reads it), and its location component
holds that address: on mounting it finds nothing to set, so the router does not run. Measured
on the first map: the router's round trip was ~185 ms of 1.6 s (``benchmarks.browser``).

Anything else falls back to Dash's own way, unchanged: a layout asked for without a page's
address (the validation layout, the warm-up), an address no page has (the 404 page is the
router's), a location the browser reports otherwise than the ``Referer`` did (the location
component then sets it, and the router draws the page again), and every later navigation.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
import flask
from dash import _pages, dcc, html

#: Dash Pages' component ids (``dash.page_container``'s).
LOCATION, CONTENT, STORE, DUMMY = (
    "_pages_location",
    "_pages_content",
    "_pages_store",
    "_pages_dummy",
)
_G_KEY = "dashboard_serving_layout"
#: An address the shell is drawn for in this request (:func:`shell_at`), else the ``Referer``'s.
_ADDRESS_KEY = "dashboard_shell_address"


def serving_layout() -> None:
    """Mark the current request as the one serving the shell to a page (``/_dash-layout``)."""
    setattr(flask.g, _G_KEY, True)


def _page_address() -> tuple[str, str] | None:
    """The path and query (``?…`` or empty) of the page the shell is served to, if it is."""
    if not flask.has_request_context():
        return None
    if flask.g.get(_ADDRESS_KEY) is not None:
        return flask.g.get(_ADDRESS_KEY)
    if not flask.g.get(_G_KEY):
        return None
    referrer = flask.request.referrer
    if not referrer:
        return None
    parts = urlsplit(referrer)
    if parts.netloc != flask.request.host:  # not this app's page (Referrer-Policy: same-origin)
        return None
    return parts.path or "/", f"?{parts.query}" if parts.query else ""


def shell_at(path: str, search: str):
    """The shell (the app's layout) holding the page of ``path`` and ``search`` (``?…`` or
    empty), drawn in this request: what the shell served to that page will hold."""
    setattr(flask.g, _ADDRESS_KEY, (path, search))
    try:
        layout = dash.get_app().layout
        return layout() if callable(layout) else layout
    finally:
        setattr(flask.g, _ADDRESS_KEY, None)


def page_container() -> html.Div:
    """Dash Pages' container, holding the page of the address when the shell is served to one
    (see the module's docstring); empty, as Dash's own, otherwise."""
    address = _page_address()
    drawn = _drawn(*address) if address is not None else None
    if drawn is None:
        return dash.page_container
    (path, search), (layout, title) = address, drawn
    return html.Div(
        [
            dcc.Location(id=LOCATION, refresh="callback-nav", pathname=path, search=search),
            html.Div(layout, id=CONTENT, disable_n_clicks=True),
            dcc.Store(id=STORE, data={"title": title}),
            html.Div(id=DUMMY, disable_n_clicks=True),
        ]
    )


def _drawn(path: str, search: str) -> tuple[object, str] | None:
    """The page layout and title Dash Pages' router would give for the address (``None``:
    no page has it)."""
    app = dash.get_app()
    page, variables = _pages._path_to_page(app.strip_relative_path(path))
    if not page:
        return None
    layout, title = page.get("layout", ""), page["title"]
    if callable(layout):
        layout = layout(**{**(variables or {}), **_pages._parse_query_string(search)})
    if callable(title):
        title = title(**(variables or {}))
    return layout, title
