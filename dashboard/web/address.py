"""The address a request is for: the view's query, where language and dataset are chosen.

Language and dataset are request state, like the filters: they live in the view's address
(``?lang=fr&dataset=…``), and :func:`query` gives the query of the address the current request
is about, read from one place:

- a callback request (``/_dash-update-component``) carries it as the value of a ``search``
  property: the page router's ``_pages_location.search``, or the address bar's (``url.search``),
  which every view callback declares as a ``State`` (:func:`dashboard.web.callbacks.view_callback`);
- ``/_dash-layout`` (the shell) is fetched without the page's query: the page's address is the
  request's ``Referer``;
- any other request (the page itself, a CSV download, the story export) has it in its own query;
- code rendering a view for another address (tests, the story export) sets it for a block with
  :func:`at_address`.

:func:`current_language` then picks the language: the address's ``lang``, else the choice
remembered in the cookie, else the browser's ``Accept-Language``, else English.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from urllib.parse import parse_qsl, quote, urlsplit

import flask
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.text import languages
from dashboard.text.core import Text, text_for

#: A view's query as Dash Pages hands it to ``layout(**query)`` (a list for a repeated key).
Query = Mapping[str, str | list[str]]
_G_KEY = "dashboard_address"


def parse(search: str | None) -> dict[str, str]:
    """A query string (``?a=1&b=2``) as a dict (the first value of a repeated key).

    Examples
    --------
    >>> parse("?lang=fr&countries=TUN,MAR&lang=ar")
    {'lang': 'fr', 'countries': 'TUN,MAR'}
    """
    found: dict[str, str] = {}
    for key, value in parse_qsl((search or "").lstrip("?"), keep_blank_values=True):
        found.setdefault(key, value)
    return found


@contextmanager
def at_address(address: Query | str | None) -> Iterator[None]:
    """Within the block, the request is about the view at ``address`` (a query or its dict)."""
    if not flask.has_request_context():
        yield
        return
    before = flask.g.get(_G_KEY)
    setattr(flask.g, _G_KEY, parse(address) if isinstance(address, str | None) else address)
    try:
        yield
    finally:
        setattr(flask.g, _G_KEY, before)


def query() -> Query:
    """The query of the address the current request is about (empty outside a request)."""
    if not flask.has_request_context():
        return {}
    given = flask.g.get(_G_KEY)
    if given is not None:
        return given
    request = flask.request
    if request.path.endswith("/_dash-update-component"):
        return parse(_callback_search(request))
    if request.path.endswith("/_dash-layout") and request.referrer:
        return parse(urlsplit(request.referrer).query)
    return request.args


#: Components whose ``search`` is the address bar's query (the shell's and the page router's).
ADDRESS_COMPONENTS = ("url", "_pages_location")


def _callback_search(request: flask.Request) -> str | None:
    """The address bar's query a callback request carries (``None`` when it carries none)."""
    try:
        body = request.get_json(silent=True)
    except RequestEntityTooLarge:  # over MAX_CONTENT_LENGTH: never read (web/uploads.py)
        return None
    if not isinstance(body, dict):
        return None
    for group in ("inputs", "state"):
        items = body.get(group)
        for item in items if isinstance(items, list) else ():
            if (
                isinstance(item, dict)
                and item.get("property") == "search"
                and item.get("id") in ADDRESS_COMPONENTS
                and isinstance(item.get("value"), str)
            ):
                return item["value"]
    return None


def value(key: str) -> str | None:
    """One key of :func:`query` (the first value when repeated)."""
    found = query().get(key)
    if isinstance(found, list):
        found = found[0] if found else None
    return found if isinstance(found, str) else None


def current_language() -> str:
    """The language of the current request (see the module's docstring)."""
    chosen = languages.known(value("lang"))
    if chosen or not flask.has_request_context():
        return chosen or languages.DEFAULT_LANGUAGE
    request = flask.request
    remembered = languages.known(request.cookies.get(languages.COOKIE))
    if remembered:
        return remembered
    return languages.negotiate(request.accept_languages) or languages.DEFAULT_LANGUAGE


def current_text() -> Text:
    """The :class:`~dashboard.text.core.Text` of :func:`current_language`."""
    return text_for(current_language())


#: Keys every address keeps from view to view: the language, the dataset, and whether the
#: public data are set beside it (``beside=public``).
SHARED_KEYS = ("lang", "dataset", "beside")
#: The value of ``beside`` that sets the public data beside an uploaded dataset.
BESIDE_PUBLIC = "public"


def shared_pairs() -> list[tuple[str, str]]:
    """The language (always), the dataset (when the address names one) and ``beside`` (with a
    dataset) of the request, as every address it links to keeps them."""
    pairs = [("lang", current_language())]
    dataset = value("dataset")
    if dataset:
        pairs.append(("dataset", dataset))
        if value("beside") == BESIDE_PUBLIC:
            pairs.append(("beside", BESIDE_PUBLIC))
    return pairs


def keep(query: str) -> str:
    """A view's query (``?a=1`` or empty) with the request's language and dataset added.

    Examples
    --------
    >>> keep("?countries=TUN")  # outside a request: English, no dataset
    '?countries=TUN&lang=en'
    """
    own = [pair for pair in query.lstrip("?").split("&") if pair]
    own_keys = {pair.split("=")[0] for pair in own}
    shared = [f"{key}={quote(value, safe=',')}" for key, value in shared_pairs()]
    shared = [pair for pair in shared if pair.split("=")[0] not in own_keys]
    pairs = own + shared
    return "?" + "&".join(pairs) if pairs else ""


def link(path: str, query: str = "") -> str:
    """The address of ``path`` (with ``query``) in the request's language and dataset.

    Examples
    --------
    >>> link("/sources")
    '/sources?lang=en'
    """
    return path + keep(query)
