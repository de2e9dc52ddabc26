"""AG Grid's own words (pagination, filter and column menus) in the request's language.

AG Grid reads its words (``localeText``) and its direction (``enableRtl``) only when a grid is
created, so the Data view's layout gives them for the request's language. The French and
Arabic words are AG Grid's own translations (``@ag-grid-community/locale``, MIT, vendored under
``assets/vendor/ag-grid-locale`` by ``scripts/offline-assets``; its Arabic, Egypt's, has every
key: none is missing, the 23 it leaves as in English are symbols, keyboard shortcuts and
formats). Numbers in the grid's own words ("1 to 100 of 1 234") use the dashboard's
separators, not the package's (its French groups thousands with a comma). The pseudo-language
marks every word, so that a test sees that the grid's words follow the language.
"""

from __future__ import annotations

import json
from functools import cache

from dashboard.paths import AG_GRID_LOCALE_DIR
from dashboard.text.catalogue import pseudo
from dashboard.text.core import Text
from dashboard.text.formats import plotly_separators
from dashboard.text.languages import DEFAULT_LANGUAGE, PSEUDO

#: Keys whose values are symbols or formats, not words (kept as they are when marked).
_NOT_WORDS = frozenset({"thousandSeparator", "decimalSeparator", "pageLastRowUnknown"})


@cache
def _vendored(lang: str) -> dict[str, str]:
    path = AG_GRID_LOCALE_DIR / f"{lang}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


@cache
def _locale_text(lang: str) -> dict[str, str] | None:
    if lang == DEFAULT_LANGUAGE:
        return None  # AG Grid's own
    if lang == PSEUDO:
        words = {
            key: value if key in _NOT_WORDS or not value.strip() else pseudo(value)
            for key, value in _vendored(DEFAULT_LANGUAGE).items()
        }
    else:
        words = dict(_vendored(lang))
    if not words:
        return None
    decimal, group = plotly_separators(lang)
    words.update(decimalSeparator=decimal, thousandSeparator=group)
    return words


def locale_text(text: Text) -> dict[str, str] | None:
    """AG Grid's ``localeText`` in ``text``'s language (``None``: AG Grid's English).

    Examples
    --------
    >>> from dashboard.text.core import text_for
    >>> french = locale_text(text_for("fr"))
    >>> french["page"], french["of"], french["thousandSeparator"] == "\\u202f"
    ('Page', 'de', True)
    >>> locale_text(text_for("en")) is None
    True
    """
    return _locale_text(text.lang)


def grid_options(text: Text) -> dict:
    """The grid options that follow the language: its words and its direction."""
    words = locale_text(text)
    return {
        **({"localeText": words} if words else {}),
        **({"enableRtl": True} if text.direction == "rtl" else {}),
    }
