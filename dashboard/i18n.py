"""The one translation function for all user-facing text.

Only English exists today; French and Arabic (right to left) are coming. Every string a user
reads goes through :func:`t`, so adding a language is adding a catalogue, not editing views.
Messages are written in English and used as their own keys; ``{name}`` fields are filled after
translation so that word order can change between languages.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "en"
#: Language code → catalogue (English message → translation). English needs none.
CATALOGUES: dict[str, Mapping[str, str]] = {"en": {}}
RIGHT_TO_LEFT = frozenset({"ar"})


def t(message: str, lang: str = DEFAULT_LANGUAGE, /, **fields: object) -> str:
    """Translate ``message`` into ``lang`` and fill its ``{fields}``.

    Falls back to English when a language or message has no translation yet.

    Examples
    --------
    >>> t("{n} countries selected", n=3)
    '3 countries selected'
    """
    text = CATALOGUES.get(lang, {}).get(message, message)
    return text.format(**fields) if fields else text


def direction(lang: str = DEFAULT_LANGUAGE) -> str:
    """Text direction of ``lang``: ``"rtl"`` or ``"ltr"`` (for the page's ``dir``)."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"
