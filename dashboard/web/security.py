"""Hardened responses: a strict Content-Security-Policy and the other security headers.

Every response gets ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: same-origin``:
an address holds a view's whole state (a story link the whole story), so none of it goes to
another site, while the app's own requests keep it (``/_dash-layout`` reads the page's language
and dataset from its ``Referer``, see :mod:`dashboard.web.address`). Over HTTPS,
``Strict-Transport-Security`` too.

Pages (``text/html``) get the page policy: scripts only from this server, plus Dash's own inline
scripts (the renderer and the clientside callbacks) by their hashes (``app.csp_hashes()``); no
``eval``; nothing from any other machine. Any other response (JSON, CSV, scripts, styles) is
never a document that loads something, so it gets the shortest policy: ``default-src 'none'``.

Settings, read once when the app is created (Flask config first, then the environment):

- ``DASHBOARD_FRAME_ANCESTORS``: the sites allowed to show views in a frame (embedding a single
  view), as CSP sources separated by spaces, e.g. ``https://example.org https://*.example.net``.
  The app itself is always allowed (``'self'``): the story player shows each slide in a frame.
- ``DASHBOARD_TRUST_PROXY``: the number of reverse proxies in front of the app (``1`` for one).
  Only then are their ``X-Forwarded-For``/``X-Forwarded-Proto`` headers believed (werkzeug's
  ``ProxyFix``), so that a request that reached the proxy over HTTPS is seen as secure. Unset or
  ``0``: the headers are ignored (anyone could send them).

A bad value stops the app at start-up with a :class:`SecurityConfigError` that names the
setting and says what is expected.

flask-talisman is not used: it believes ``X-Forwarded-Proto`` from anyone for HSTS, redirects
to HTTPS by default and has one policy for every response; these few lines say exactly what is
sent.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

if TYPE_CHECKING:
    import dash

FRAME_ANCESTORS = "DASHBOARD_FRAME_ANCESTORS"
TRUST_PROXY = "DASHBOARD_TRUST_PROXY"
#: One year; no includeSubDomains, no preload: the domain's other hosts are not ours to decide for.
HSTS = "max-age=31536000"
REFERRER_POLICY = "same-origin"
#: The policy of every response that is not a page.
RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'"

# A site as CSP writes it: [http(s)://]host[:port][/path] (``*.`` and ``:*`` wildcards), or a
# whole scheme (``https:``). Nothing that could end the directive or quote a keyword.
_HOST_SOURCE = re.compile(
    r"^(?:https?://)?(?:\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)"
    r"(?::(?:\d{1,5}|\*))?(?:/[a-z0-9._~%!$&()*+=:@/-]*)?$",
    re.IGNORECASE,
)
_SCHEME_SOURCE = re.compile(r"^https?:$", re.IGNORECASE)


class SecurityConfigError(ValueError):
    """A security setting with a value that cannot be used (the message says which and why)."""


def frame_ancestors(value: str | None) -> tuple[str, ...]:
    """The ``frame-ancestors`` sources for the setting ``value``: ``'self'`` and the sites given.

    Examples
    --------
    >>> frame_ancestors(None)
    ("'self'",)
    >>> frame_ancestors("https://example.org  self https://*.example.net:8443")
    ("'self'", 'https://example.org', 'https://*.example.net:8443')
    >>> frame_ancestors("https://example.org; script-src *")
    Traceback (most recent call last):
    ...
    dashboard.web.security.SecurityConfigError: DASHBOARD_FRAME_ANCESTORS: ...
    """
    sources = ["'self'"]
    for token in (value or "").split():
        bare = token.strip("'").lower()
        if bare == "self":
            continue
        if bare == "none":
            raise SecurityConfigError(
                f"{FRAME_ANCESTORS}: 'none' is not possible: the story player shows the app's "
                "own views in a frame, so the app itself is always allowed. Leave the setting "
                "empty to allow no other site."
            )
        if not (_HOST_SOURCE.match(token) or _SCHEME_SOURCE.match(token)):
            raise SecurityConfigError(
                f"{FRAME_ANCESTORS}: {token[:80]!r} is not a site. Give the sites allowed to "
                "show views in a frame, separated by spaces, e.g. "
                "'https://example.org https://*.example.net'."
            )
        if token not in sources:
            sources.append(token)
    return tuple(sources)


def proxy_hops(value: str | None) -> int:
    """How many trusted reverse proxies the setting ``value`` names (0: none, headers ignored).

    Examples
    --------
    >>> proxy_hops(None), proxy_hops(""), proxy_hops(" 1 "), proxy_hops("2")
    (0, 0, 1, 2)
    """
    text = (value or "").strip()
    if not text:
        return 0
    if not text.isdigit() or int(text) > 10:
        raise SecurityConfigError(
            f"{TRUST_PROXY}: {text[:40]!r} is not a number of proxies. Give how many reverse "
            "proxies stand in front of the app (1 for one), or 0 when there is none."
        )
    return int(text)


def script_hash(script: str) -> str:
    """The CSP source that allows the inline script whose text is ``script`` (as Dash computes
    them in ``app.csp_hashes()``).

    Examples
    --------
    >>> script_hash("var renderer = new DashRenderer();")
    "'sha256-jZlsGVOhUAIcH+4PVs7QuGZkthRMgvT2n0ilH6/zTM0='"
    """
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(script_hashes: Iterable[str], ancestors: Iterable[str] = ("'self'",)) -> str:
    """The Content-Security-Policy of a page: everything from this server, nothing else.

    - ``script-src``: this server's files and the inline scripts with these hashes; no
      ``'unsafe-inline'``, no ``'unsafe-eval'``.
    - ``style-src 'unsafe-inline'``: needed, styles only (no script runs from a style). Dash's
      components, dash-ag-grid's themes and plotly.js add ``<style>`` elements with no way to
      give them a nonce, and plotly.js sets ``style`` attributes.
    - ``img-src data: blob:``: plotly.js draws a chart into an image for PNG export.
    - ``frame-src 'self'``: the story player shows each slide (a view) in a frame.
    - ``frame-ancestors``: the sites allowed to show a view in a frame.
    """
    directives: Mapping[str, Iterable[str]] = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": list(ancestors),
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def _setting(server: Flask, name: str) -> str | None:
    value = server.config.get(name)
    return os.environ.get(name) if value is None else str(value)


def configure_security(server: Flask, app: dash.Dash) -> None:
    """Security headers on every response of ``server``; ``app`` is the Dash app it serves.

    The settings are read now (a bad one raises :class:`SecurityConfigError`). The inline
    scripts' hashes are taken for each page from Dash's own list of them (never from the page),
    so a clientside callback defined after this call is allowed too.
    """
    ancestors = frame_ancestors(_setting(server, FRAME_ANCESTORS))
    hops = proxy_hops(_setting(server, TRUST_PROXY))
    if hops:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops)
    server.after_request(_hardener(app.csp_hashes, ancestors))


def _hardener(script_hashes: Callable[[], list[str]], ancestors: tuple[str, ...]):
    same_origin_only = ancestors == ("'self'",)

    def harden(response: Response) -> Response:
        headers = response.headers
        if response.mimetype == "text/html":
            headers["Content-Security-Policy"] = page_policy(script_hashes(), ancestors)
            if same_origin_only:
                # For browsers without frame-ancestors (others ignore it when that is set).
                headers["X-Frame-Options"] = "SAMEORIGIN"
        else:
            headers["Content-Security-Policy"] = RESOURCE_POLICY
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = REFERRER_POLICY
        if request.is_secure:
            headers["Strict-Transport-Security"] = HSTS
        return response

    return harden
