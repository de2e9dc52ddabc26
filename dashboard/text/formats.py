"""Numbers, percentages, ranges, year spans and lists, as each language writes them.

One module formats every number a user reads, from CLDR's data through Babel: the grouping and
decimal symbols and the percent pattern of the language (French ``1 234,5`` and ``12 %``;
Arabic in Latin digits, CLDR's default for ``ar``). Digits are rounded as Python rounds them
(``format(value, ",.2f")``), then written with the language's symbols, so English output is
exactly Python's.

Ranges such as ``12–27`` are wrapped in Unicode isolates in right-to-left languages, so that
an Arabic sentence shows them in reading order; :func:`plain` removes the marks where a
machine reads the text (CSV cells never hold formatted numbers).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

from babel import Locale
from babel.lists import format_list

from dashboard.text.languages import PSEUDO, RIGHT_TO_LEFT

#: First-strong isolate … pop directional isolate (Unicode bidirectional isolates).
FSI, PDI = "\u2068", "\u2069"
#: No line break here (after a range's dash, in right-to-left text).
WORD_JOINER = "\u2060"
#: An empty value: no number published.
MISSING = "–"
RANGE_DASH = "–"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse("en" if lang == PSEUDO else lang)


@cache
def _symbols(lang: str) -> tuple[str, str, str, str]:
    """Group, decimal, percent prefix and percent suffix of ``lang`` (Latin digits)."""
    locale = _locale(lang)
    symbols = locale.number_symbols["latn"]
    pattern = locale.percent_formats[None]
    sign = symbols["percentSign"].strip("\u200e\u200f\u061c")
    prefix = pattern.prefix[0].replace("%", sign)
    suffix = pattern.suffix[0].replace("%", sign)
    return symbols["group"], symbols["decimal"], prefix, suffix


def isolate(text: str, lang: str) -> str:
    """``text`` inside Unicode isolates in a right-to-left language (as it is elsewhere), a
    range's dash joined to what follows it (a line broken after the dash scattered the range's
    two ends across the line's two sides).

    Examples
    --------
    >>> isolate("12–27", "ar") == "\\u206812–\\u206027\\u2069", isolate("12–27", "en")
    (True, '12–27')
    """
    if lang not in RIGHT_TO_LEFT:
        return text
    return f"{FSI}{text.replace(RANGE_DASH, RANGE_DASH + WORD_JOINER)}{PDI}"


def plain(text: str) -> str:
    """``text`` without the marks :func:`isolate` adds."""
    return text.replace(FSI, "").replace(PDI, "").replace(WORD_JOINER, "")


def number(value: float, lang: str, digits: int = 0) -> str:
    """``value`` with ``digits`` decimals, grouped, in ``lang``'s symbols.

    Examples
    --------
    >>> number(1234.5, "en", 1), number(1234.5, "fr", 1), number(1234.5, "ar", 1)
    ('1,234.5', '1\\u202f234,5', '1,234.5')
    >>> number(float("nan"), "en")
    '–'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    text = format(value, f",.{digits}f")
    group, decimal, _, _ = _symbols(lang)
    if (group, decimal) != (",", "."):
        text = text.replace(",", "\0").replace(".", decimal).replace("\0", group)
    return text


def percent_suffix(lang: str) -> str:
    """What follows a number to make it a percentage in ``lang`` (``%``; French ``\xa0%``),
    e.g. for an axis' tick suffix."""
    return _symbols(lang)[3]


def plotly_separators(lang: str) -> str:
    """plotly.js's ``separators`` for ``lang``: its decimal, then its group separator (what
    d3 formats such as ``,d`` write in figures).

    Examples
    --------
    >>> plotly_separators("en"), plotly_separators("fr")
    ('.,', ',\u202f')
    """
    group, decimal, _, _ = _symbols(lang)
    return decimal + group


def percent_sign(text: str, lang: str) -> str:
    """An already formatted number with ``lang``'s percent sign and spacing (``12`` → ``12 %``
    in French, ``12%`` in English)."""
    _, _, prefix, suffix = _symbols(lang)
    return f"{prefix}{text}{suffix}"


def percent(fraction: float, lang: str, digits: int = 0) -> str:
    """A fraction as a percentage (``0.12`` → ``12%``; French ``12 %``).

    Examples
    --------
    >>> percent(0.125, "en", 1), percent(0.12, "fr")
    ('12.5%', '12\\xa0%')
    """
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return MISSING
    return percent_sign(number(fraction * 100, lang, digits), lang)


def interval(low: float, high: float, lang: str, digits: int = 0, percent: bool = False) -> str:
    """An interval for people: ``"12"`` when exact, ``"12–27"`` when a range.

    ``percent``: the bounds are fractions, shown as percentages (``"12–15%"``).

    Examples
    --------
    >>> interval(12, 27, "en"), interval(1500, 1500, "en"), interval(0.123, 0.2, "en", 2)
    ('12–27', '1,500', '0.12–0.20')
    >>> interval(0.12, 0.15, "fr", percent=True)
    '12–15\\xa0%'
    """
    if _missing(low) or _missing(high):
        return MISSING
    scale = 100 if percent else 1
    lo, hi = number(low * scale, lang, digits), number(high * scale, lang, digits)
    text = lo if lo == hi else f"{lo}{RANGE_DASH}{hi}"
    if percent:
        text = percent_sign(text, lang)
    return isolate(text, lang) if lo != hi else text


def _missing(value: float) -> bool:
    try:
        return value is None or math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def span(first: int, last: int, lang: str) -> str:
    """A span of years: ``"2019"`` or ``"2010–2021"`` (years are never grouped).

    Examples
    --------
    >>> span(2010, 2021, "en"), span(2020, 2020, "en")
    ('2010–2021', '2020')
    """
    if first == last:
        return str(first)
    return isolate(f"{first}{RANGE_DASH}{last}", lang)


def join(items: Sequence[str], lang: str, style: str = "standard") -> str:
    """A list in ``lang``'s words: ``"Tunisia, Morocco and Egypt"``; French ``… et …``.

    Examples
    --------
    >>> join(["Tunisia", "Morocco", "Egypt"], "en"), join(["a", "b"], "fr"), join([], "en")
    ('Tunisia, Morocco and Egypt', 'a et b', '')
    """
    items = list(items)
    if not items:
        return ""
    joined = format_list(items, style=style, locale=_locale(lang))
    if lang == "en" and style == "standard" and len(items) > 2:
        # CLDR's English puts a comma before "and" (the Oxford comma); the dashboard's English
        # never has: "Tunisia, Morocco and Egypt".
        joined = joined.replace(", and ", " and ")
    return joined
