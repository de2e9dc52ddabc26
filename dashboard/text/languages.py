"""The languages the dashboard speaks, their names and directions, and how one is chosen.

English is the source language (messages are written in English and are their own keys);
French and Arabic have catalogues (``dashboard/locale``). The pseudo-language ``qps`` (a code
of the range ISO 639 keeps for local use) marks every catalogue message, so that a test finds
any text that bypasses the catalogue; it is offered only when :data:`PSEUDO_ENV` is set.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

DEFAULT_LANGUAGE = "en"
#: The languages offered to users, in menu order.
LANGUAGES = ("en", "fr", "ar")
#: Each language's name in itself (the language menu shows each in its own language).
AUTONYMS = {"en": "English", "fr": "Français", "ar": "العربية"}
RIGHT_TO_LEFT = frozenset({"ar"})
#: The pseudo-language: every catalogue message, marked (see :mod:`dashboard.text.catalogue`).
PSEUDO = "qps"
#: Set to 1 to accept ``lang=qps`` (the tests do; users never see it).
PSEUDO_ENV = "DASHBOARD_PSEUDO_LANGUAGE"
#: The cookie remembering a user's choice of language.
COOKIE = "lang"


def available() -> tuple[str, ...]:
    """The language codes a request may ask for (with the pseudo-language when enabled)."""
    return (*LANGUAGES, PSEUDO) if os.environ.get(PSEUDO_ENV) == "1" else LANGUAGES


def known(code: object) -> str | None:
    """``code`` when it names an available language, else ``None``.

    Examples
    --------
    >>> known("fr"), known("FR"), known("de"), known(None)
    ('fr', None, None, None)
    """
    return code if isinstance(code, str) and code in available() else None


def direction(lang: str) -> str:
    """Text direction of ``lang``: ``"rtl"`` or ``"ltr"`` (for ``<html dir>``).

    Examples
    --------
    >>> direction("ar"), direction("fr")
    ('rtl', 'ltr')
    """
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def negotiate(preferences: Iterable[tuple[str, float]]) -> str | None:
    """The first offered language among a browser's preferences (``Accept-Language``), by
    quality; regional variants count for their language (``fr-CA`` → ``fr``).

    Examples
    --------
    >>> negotiate([("de-DE", 1.0), ("ar-TN", 0.8), ("fr", 0.5)])
    'ar'
    >>> negotiate([("de", 1.0)]) is None
    True
    """
    ranked = sorted(preferences, key=lambda pair: -pair[1])
    for tag, quality in ranked:
        base = tag.replace("_", "-").split("-")[0].lower()
        if quality > 0 and base in LANGUAGES:
            return base
    return None
