"""Frontex detections of illegal border crossings → ``flows`` rows (measure ``border-crossings``).

Context, never trafficking: a detection is a border crossing detected by the authorities, not a
person and not a victim. Raw table: ``gdidata::frontex`` (``route, type, nat, t, n``).
"""

from __future__ import annotations

import calendar

import pandas as pd

from dashboard.pipeline.checks import (
    require_columns,
    require_known,
    require_whole_numbers,
)
from dashboard.pipeline.countries import country_codes
from dashboard.pipeline.rdata import conform

SOURCE = "frontex"
MEASURE = "border-crossings"

#: Frontex route names as published → corridor tokens of ``reference/nodes.csv``.
ROUTES = {
    "Central Mediterranean Route": "route:central-mediterranean",
    "Western Mediterranean Route": "route:western-mediterranean",
    "Eastern Mediterranean Route": "route:eastern-mediterranean",
    "Western Balkan Route": "route:western-balkan",
    "Eastern Borders Route": "route:eastern-borders",
    "Western African Route": "route:western-african",
    "Circular Route from Albania to Greece": "route:circular-albania-greece",
    "Black Sea Route": "route:black-sea",
    "Other": "route:other",
}

#: Nationality codes of the gdidata compilation that are not ISO 3166 countries.
#: OOO and OOS are undocumented placeholders (most OOO rows are the 2015-2016 Western Balkan
#: detections whose nationality was not specified): shown as unknown nationality.
NON_COUNTRY_NATIONALITIES = {
    "OOO": ("unknown", "unknown"),
    "OOS": ("unknown", "unknown"),
    "STL": ("group:stateless", "group"),
}

TYPES = {"Sea", "Land"}
_COLUMNS = ["route", "type", "nat", "t", "n"]


def classify_nationality(code: str) -> tuple[str, str]:
    """Map a published nationality code to ``(origin node, origin_class)``.

    Raises
    ------
    ValueError
        For a code that is neither a country nor a known placeholder (never dropped silently).

    Examples
    --------
    >>> classify_nationality("TUN"), classify_nationality("OOO"), classify_nationality("STL")
    (('TUN', 'country'), ('unknown', 'unknown'), ('group:stateless', 'group'))
    """
    if code in country_codes():
        return code, "country"
    if code in NON_COUNTRY_NATIONALITIES:
        return NON_COUNTRY_NATIONALITIES[code]
    raise ValueError(f"unclassified Frontex nationality code {code!r}")


def months_label(months: set[int]) -> str:
    """Plain-language note for a year whose data cover only ``months``.

    Examples
    --------
    >>> months_label({1, 2, 3, 4})
    'Jan–Apr only'
    >>> months_label({1, 3})
    'Jan, Mar only'
    """
    ordered = sorted(months)
    names = [calendar.month_abbr[m] for m in ordered]
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) >= 2:
        return f"{names[0]}–{names[-1]} only"
    return ", ".join(names) + " only"


def tidy(raw: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Annual border-crossing detections by nationality and route, in the ``flows`` schema.

    Parameters
    ----------
    raw
        The ``gdidata`` table: ``route, type, nat, t`` (month as days since 1970-01-01), ``n``.
    nodes
        The nodes reference (``token, arrival`` used): each corridor's arrival area.

    Returns
    -------
    pandas.DataFrame
        One row per nationality × route × year: origin = nationality, transit = the route token,
        destination = the route's arrival area. Sea and land detections and the months of a
        year are summed; a year the data cover only in part gets a ``note`` naming the months.

    Raises
    ------
    ValueError
        On a missing column, an unknown route, type or nationality code, a corridor without an
        arrival area, or a count that is not a whole non-negative number.
    """
    require_columns(raw, _COLUMNS, "frontex table")
    require_known(raw["route"], ROUTES, "Frontex routes")
    require_known(raw["type"], TYPES, "Frontex crossing types")
    require_whole_numbers(raw["n"], "Frontex counts")
    arrival = nodes.set_index("token")["arrival"]
    corridors = set(ROUTES.values())
    lacking = sorted(c for c in corridors if c not in arrival.index or pd.isna(arrival.get(c)))
    if lacking:
        raise ValueError(f"corridors without an arrival area in nodes: {lacking}")

    month = pd.to_datetime(raw["t"], unit="D")
    frame = pd.DataFrame(
        {
            "transit": raw["route"].map(ROUTES),
            "year": month.dt.year.astype("int64"),
            "month": month.dt.month,
            "n": raw["n"].astype("int64"),
            "raw_label": raw["route"] + ": " + raw["nat"],
        }
    )
    classes = {code: classify_nationality(code) for code in raw["nat"].unique()}
    frame["origin"] = raw["nat"].map(lambda c: classes[c][0])
    frame["origin_class"] = raw["nat"].map(lambda c: classes[c][1])
    frame["destination"] = frame["transit"].map(arrival)

    months_per_year = frame.groupby("year")["month"].agg(lambda m: set(m))
    notes = {y: months_label(m) for y, m in months_per_year.items() if len(m) < 12}

    keys = ["origin", "transit", "destination", "year", "origin_class"]
    flows = frame.groupby(keys, as_index=False).agg(
        count=("n", "sum"),
        raw_label=("raw_label", lambda s: " | ".join(sorted(set(s)))),
    )
    flows["count_low"] = flows["count"]
    flows["count_high"] = flows["count"]
    flows["censored"] = False
    flows["measure"] = MEASURE
    flows["source"] = SOURCE
    flows["note"] = flows["year"].map(notes)
    return conform("flows", flows.sort_values(["transit", "origin", "year"]))
