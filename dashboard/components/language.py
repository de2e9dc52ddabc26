"""The header's language menu: English · Français · العربية, each named in its own language.

Each entry is a plain link to the same address with ``lang=`` changed, so choosing a language
loads the page in full and ``<html lang dir>`` is right in its first byte; the server then
remembers the choice in a cookie (``app.py``). The view's state changes with its controls
after the page is drawn, so ``assets/dashboard.js`` gives every ``data-lang`` link the address
bar's query (with its own ``lang``) just before it is followed, as it does for CSV links.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from dashboard import ids
from dashboard.text import Text
from dashboard.text.languages import AUTONYMS, LANGUAGES
from dashboard.web.address import query


def language_query(lang: str) -> str:
    """The current address's query with ``lang`` chosen (``present`` left out: the header,
    where the menu is, is hidden while presenting).

    Examples
    --------
    >>> language_query("ar")  # outside a request: no other key
    '?lang=ar'
    """
    pairs = [
        (key, item)
        for key, value in query().items()
        if key not in ("lang", "present")
        for item in (value if isinstance(value, list) else [value])
    ]
    return "?" + urlencode([*pairs, ("lang", lang)], safe=",")


def language_menu(text: Text) -> html.Nav:
    """The language links; the current language is marked ``aria-current``."""
    links = []
    for code in LANGUAGES:
        current = code == text.lang
        links.append(
            html.A(
                AUTONYMS[code],
                href=language_query(code),
                # The name is in its own language: marked so for screen readers (and left
                # out of the pseudo-language's check: it is not a message).
                lang=code,
                hrefLang=code,
                className="language-link current" if current else "language-link",
                **{"data-lang": code, **({"aria-current": "true"} if current else {})},
            )
        )
    return html.Nav(
        links,
        id=ids.LANGUAGE,
        className="language-menu",
        **{"aria-label": text.gettext("Language")},
    )
