"""Dates as each language writes them, never more precise than their source.

A source may give a day (``2009-03-01``), a month (``2009-03``) or only a year (``2009``); the
``date_precision`` next to the date says which. A month is written with its name and year
("March 2009", French "mars 2009"), a year alone as the year: a day the source does not give is
never shown. Names and orders come from CLDR through Babel (Arabic in Latin digits, CLDR's
default for ``ar``); English dates are written day, month, year ("3 August 2016"), as the laws'
and treaties' own titles write them.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_skeleton

from dashboard.text.formats import _locale
from dashboard.text.languages import PSEUDO

#: Babel skeletons per precision: CLDR picks each language's order and month names.
SKELETONS = {"day": "yMMMMd", "month": "yMMMM"}
PRECISIONS = ("day", "month", "year")


@cache
def _date_locale(lang: str) -> Locale:
    return Locale.parse("en_GB") if lang in ("en", PSEUDO) else _locale(lang)


def parse_partial(date_string: str, precision: str) -> tuple[int, int, int]:
    """``(year, month, day)`` of a date written to ``precision`` (missing parts are 1).

    Raises ``ValueError`` when the date is not written to exactly that precision.

    Examples
    --------
    >>> parse_partial("2009-03", "month"), parse_partial("2009", "year")
    ((2009, 3, 1), (2009, 1, 1))
    """
    parts = date_string.split("-")
    expected = {"year": 1, "month": 2, "day": 3}.get(precision)
    if expected is None:
        raise ValueError(f"unknown date precision {precision!r}")
    if len(parts) != expected or not all(p.isdigit() for p in parts):
        raise ValueError(f"{date_string!r} is not a date to the {precision}")
    year, month, day = (int(p) for p in [*parts, "1", "1"][:3])
    date(year, month, day)  # raises ValueError for a day or month that does not exist
    return year, month, day


def format_date(date_string: str, precision: str, lang: str) -> str:
    """``date_string`` in ``lang``, showing only what ``precision`` says the source gives.

    Examples
    --------
    >>> format_date("2009-03", "month", "en"), format_date("2009-03", "month", "fr")
    ('March 2009', 'mars 2009')
    >>> format_date("2003-07-14", "day", "fr"), format_date("2009", "year", "ar")
    ('14 juillet 2003', '2009')
    >>> format_date("2003-07-14", "day", "en")
    '14 July 2003'
    """
    year, month, day = parse_partial(date_string, precision)
    if precision == "year":
        return str(year)
    return format_skeleton(SKELETONS[precision], date(year, month, day), locale=_date_locale(lang))
