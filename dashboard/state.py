"""The view state, and its round trip to the URL's query string.

The whole state of a view lives in its URL: :func:`parse_query` turns a query into a
:class:`ViewState` (an invalid value falls back to its default and yields a notice for the user)
and :func:`to_query` writes it back. Each view declares which keys it uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard.schemas import (
    AGE,
    EXPLOITATION,
    MEASURES,
    MILESTONE_TYPES,
    PARTIAL_DATE,
    SEX,
    TREATY_MILESTONES,
)
from dashboard.text import N_, Message

#: Choropleth / comparison indicators (derived ones are computed by analytics.indicators).
VIEW_INDICATORS = (
    "detected-victims",
    "victims-per-100k",
    "persons-prosecuted",
    "persons-convicted",
    "share-children",
    "share-female",
    "share-forced-labour",
    "share-sexual-exploitation",
)
DATA_KINDS = ("flows", "indicators")
MAX_COUNTRIES = 12
TOP_CHOICES = (5, 10, 15, 20, 30)


@dataclass(frozen=True)
class ViewState:
    """Everything a view needs to be reproduced. Query key in brackets."""

    measure: str = "trafficking-victims"  # [measure]
    year_from: int | None = None  # [from]
    year_to: int | None = None  # [to]
    countries: tuple[str, ...] = ()  # [countries] comma-separated ISO3
    indicator: str = "detected-victims"  # [indicator]
    exploitation: str = "total"  # [exploitation]
    #: [sex] and [age]: breakdowns of uploaded flows (the public flows have none)
    sex: str = "total"
    age: str = "total"
    year: int | None = None  # [year] the map's single year
    top: int = 10  # [top] corridors shown before "other"
    lines: bool = True  # [lines] flow lines on the map
    incidents: bool = False  # [incidents] Missing Migrants layer on the map
    focus: str | None = None  # [focus] the country whose summary is open
    kind: str = "flows"  # [kind] the Data view's table
    present: bool = False  # [present] presenter mode
    #: [country] the Reforms view's timeline country (the Country view's comes from its path)
    country: str | None = None
    treaty: str = "palermo-protocol"  # [treaty] the Reforms view's map of parties
    milestone: str | None = None  # [milestone] the chosen marker: ``<type>_<date>``


IGNORED = N_("Ignored {key}={value} (not a valid value); showing the default instead.")
SWAPPED = N_("The start year was after the end year; the two were swapped.")

#: Query key → ViewState attribute.
QUERY_KEYS = {
    "measure": "measure",
    "from": "year_from",
    "to": "year_to",
    "countries": "countries",
    "indicator": "indicator",
    "exploitation": "exploitation",
    "sex": "sex",
    "age": "age",
    "year": "year",
    "top": "top",
    "lines": "lines",
    "incidents": "incidents",
    "focus": "focus",
    "kind": "kind",
    "present": "present",
    "country": "country",
    "treaty": "treaty",
    "milestone": "milestone",
}


@dataclass(frozen=True)
class Context:
    """What valid values are: known country codes and the years the data cover."""

    countries: Collection[str]
    first_year: int
    last_year: int


def _choice(options: Collection[str]) -> Callable[[str, Context], Any]:
    def parse(text: str, _: Context) -> str:
        if text not in options:
            raise ValueError
        return text

    return parse


def _year(text: str, ctx: Context) -> int:
    year = int(text)
    if not ctx.first_year <= year <= ctx.last_year:
        raise ValueError
    return year


def _countries(text: str, ctx: Context) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.strip().upper() for c in text.split(",") if c.strip()))
    if not codes or len(codes) > MAX_COUNTRIES or any(c not in ctx.countries for c in codes):
        raise ValueError
    return codes


def _country(text: str, ctx: Context) -> str:
    code = text.strip().upper()
    if code not in ctx.countries:
        raise ValueError
    return code


def _flag(text: str, _: Context) -> bool:
    if text not in ("0", "1"):
        raise ValueError
    return text == "1"


def _top(text: str, _: Context) -> int:
    value = int(text)
    if value not in TOP_CHOICES:
        raise ValueError
    return value


def _milestone(text: str, _: Context) -> str:
    """A milestone of a country's timeline: its type and date, ``national-law_2016-08-03``.

    Examples
    --------
    >>> _milestone("coe-convention_2017-07", None)
    'coe-convention_2017-07'
    """
    kind, _, date = text.partition("_")
    if kind not in MILESTONE_TYPES or not re.fullmatch(PARTIAL_DATE, date):
        raise ValueError
    return text


PARSERS: dict[str, Callable[[str, Context], Any]] = {
    "measure": _choice(MEASURES),
    "from": _year,
    "to": _year,
    "countries": _countries,
    "indicator": _choice(VIEW_INDICATORS),
    "exploitation": _choice(EXPLOITATION),
    "sex": _choice(SEX),
    "age": _choice(AGE),
    "year": _year,
    "top": _top,
    "lines": _flag,
    "incidents": _flag,
    "focus": _country,
    "kind": _choice(DATA_KINDS),
    "present": _flag,
    "country": _country,
    "treaty": _choice(TREATY_MILESTONES),
    "milestone": _milestone,
}


def parse_query(
    query: str | Mapping[str, Any], defaults: ViewState, ctx: Context, keys: Collection[str]
) -> tuple[ViewState, list[Message]]:
    """Parse a query string (or Dash Pages' keyword arguments) into a state.

    Only ``keys`` are read (plus ``present``, which every view has); unknown keys are ignored.
    Each invalid value falls back to its default and adds a notice naming it.

    Examples
    --------
    >>> ctx = Context(countries={"TUN", "MAR"}, first_year=2003, last_year=2021)
    >>> state, notices = parse_query("?countries=tun,XXX&from=2010", ViewState(), ctx,
    ...     ["countries", "from"])
    >>> state.countries, state.year_from
    ((), 2010)
    >>> [notice.fields for notice in notices]
    [{'key': 'countries', 'value': 'tun,XXX'}]
    """
    if isinstance(query, str):
        query = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))
    changes: dict[str, Any] = {}
    notices: list[Message] = []
    for key in [*keys, "present"]:
        raw = query.get(key)
        if raw is None:
            continue
        try:
            changes[QUERY_KEYS[key]] = PARSERS[key](str(raw), ctx)
        except (ValueError, TypeError):
            notices.append(Message(IGNORED, {"key": key, "value": str(raw)[:60]}))
    state = replace(defaults, **changes)
    if state.year_from and state.year_to and state.year_from > state.year_to:
        notices.append(Message(SWAPPED))
        state = replace(state, year_from=state.year_to, year_to=state.year_from)
    return state, notices


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def to_query(state: ViewState, keys: Collection[str]) -> str:
    """The query string (with ``?``) for ``state``, writing ``keys`` in a fixed order.

    Empty values are left out; ``present`` is written only when on, ``sex`` and ``age`` only
    when they choose a category (not ``total``).

    Examples
    --------
    >>> to_query(ViewState(countries=("TUN", "MAR"), year_from=2010), ["countries", "from", "to"])
    '?from=2010&countries=TUN,MAR'
    """
    pairs = []
    for key in QUERY_KEYS:
        if key not in keys and key != "present":
            continue
        value = getattr(state, QUERY_KEYS[key])
        if value is None or value == () or (key == "present" and not value):
            continue
        if key in ("sex", "age") and value == "total":
            continue
        pairs.append((key, _format(value)))
    return "?" + urlencode(pairs, safe=",") if pairs else ""


def state_fields() -> list[str]:
    """Names of every ViewState attribute (for documentation tests)."""
    return [f.name for f in fields(ViewState)]
