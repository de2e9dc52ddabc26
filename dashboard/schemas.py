"""Declarations of every tidy table in ``data/``.

These pandera models are the contract between the importers (which must produce frames that
pass them), the build (which checks them before writing) and the app (which checks them again on
load). Validate with :func:`validate`, which is lazy: one run reports every failing row.

Conventions
-----------
- Countries are ISO 3166-1 alpha-3 codes (``XKX`` for Kosovo, as UNODC uses it).
- Places that are not countries are *tokens* listed in the ``nodes`` table: ``route:…`` (a
  migratory corridor), ``area:…`` (an arrival area), ``group:…`` (a regional group of countries as
  a source published it) and ``unknown`` (citizenship not known or not stated).
- Counts are intervals ``(low, high)``: a suppressed ``<5`` cell is ``(1, 4)`` with
  ``censored = True``; an exact count ``n`` is ``(n, n)``.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

ISO3 = r"^[A-Z]{3}$"
TOKEN = r"^(route|area|group):[a-z0-9-]+$|^unknown$"
NODE = rf"{ISO3}|{TOKEN}"
SLUG = r"^[a-z0-9-]+$"

FOCUS_COUNTRIES = ("DZA", "EGY", "JOR", "LBN", "LBY", "MAR", "PSE", "TUN")

INDICATORS = (
    "detected-victims",
    "persons-prosecuted",
    "persons-convicted",
    "persons-formal-contact",
    "offences",
)
EXPLOITATION = ("total", "sexual-exploitation", "forced-labour", "other")
SEX = ("total", "female", "male", "other", "unknown")
AGE = ("total", "adult", "child", "unknown")
MEASURES = ("trafficking-victims", "border-crossings")
ORIGIN_CLASSES = ("country", "domestic", "unknown", "group")
NODE_KINDS = ("route", "area", "group", "unknown")


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True  # no stray columns
        coerce = False  # the loader sets dtypes; a wrong dtype is a bug to report, not to hide


class _Interval(_Strict):
    """Shared interval columns: ``low <= high`` is checked per row."""

    @pa.dataframe_check(error="low must not exceed high")
    def low_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        low = [c for c in df.columns if c.endswith("_low")]
        high = [c for c in df.columns if c.endswith("_high")]
        ok = pd.Series(True, index=df.index)
        for lo, hi in zip(sorted(low), sorted(high), strict=True):
            ok &= df[lo] <= df[hi]
        return ok


class Countries(_Strict):
    """One row per country or territory (ISO3), with names, region and a map point."""

    iso3: Series[str] = pa.Field(str_matches=ISO3, unique=True)
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    name_fr: Series[str] = pa.Field(str_length={"min_value": 1})
    name_ar: Series[str] = pa.Field(str_length={"min_value": 1})
    region: Series[str] = pa.Field(nullable=True)
    subregion: Series[str] = pa.Field(nullable=True)
    lon: Series[float] = pa.Field(ge=-180, le=180, nullable=True)
    lat: Series[float] = pa.Field(ge=-90, le=90, nullable=True)
    focus: Series[bool]


class Nodes(_Strict):
    """Places that are not countries: corridors, arrival areas, groups, ``unknown``."""

    token: Series[str] = pa.Field(str_matches=TOKEN, unique=True)
    kind: Series[str] = pa.Field(isin=NODE_KINDS)
    name_en: Series[str] = pa.Field(str_length={"min_value": 1})
    #: ISO3 codes joined by ``;``: a corridor's documented departure countries, an area's
    #: arrival countries, a group's members where the source says; empty when not known.
    members: Series[str] = pa.Field(nullable=True)
    #: For a corridor, the ``area:`` token its crossings arrive in.
    arrival: Series[str] = pa.Field(nullable=True)
    lon: Series[float] = pa.Field(ge=-180, le=180, nullable=True)
    lat: Series[float] = pa.Field(ge=-90, le=90, nullable=True)
    description: Series[str] = pa.Field(nullable=True)


class Indicators(_Interval):
    """Country statistics by year, long: one row per country-year-indicator-breakdown."""

    iso3: Series[str] = pa.Field(str_matches=ISO3)
    year: Series[int] = pa.Field(ge=1990, le=2100)
    indicator: Series[str] = pa.Field(isin=INDICATORS)
    exploitation: Series[str] = pa.Field(isin=EXPLOITATION)
    sex: Series[str] = pa.Field(isin=SEX)
    age: Series[str] = pa.Field(isin=AGE)
    value_low: Series[int] = pa.Field(ge=0)
    value_high: Series[int] = pa.Field(ge=0)
    censored: Series[bool]
    source: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        unique = ["iso3", "year", "indicator", "exploitation", "sex", "age"]


class Flows(_Interval):
    """Directed edges origin → transit → destination, one row per edge-year-measure."""

    origin: Series[str] = pa.Field(str_matches=NODE)
    transit: Series[str] = pa.Field(nullable=True)  # empty when the source names no corridor
    destination: Series[str] = pa.Field(str_matches=NODE)
    year: Series[int] = pa.Field(ge=1990, le=2100)
    measure: Series[str] = pa.Field(isin=MEASURES)
    count_low: Series[int] = pa.Field(ge=0)
    count_high: Series[int] = pa.Field(ge=0)
    censored: Series[bool]
    origin_class: Series[str] = pa.Field(isin=ORIGIN_CLASSES)
    source: Series[str] = pa.Field(str_matches=SLUG)
    #: The label(s) as published, joined by `` | `` when several merged into one edge.
    raw_label: Series[str]
    #: Plain-language caveat for this row (e.g. a partial year); empty when none.
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        unique = ["origin", "transit", "destination", "year", "measure"]


class Repatriations(_Interval):
    """GLOTIP "by country of repatriation": links with no reliable direction, never flows."""

    reporter: Series[str] = pa.Field(str_matches=ISO3)
    partner: Series[str] = pa.Field(str_matches=NODE)
    year: Series[int] = pa.Field(ge=1990, le=2100)
    count_low: Series[int] = pa.Field(ge=0)
    count_high: Series[int] = pa.Field(ge=0)
    censored: Series[bool]
    partner_class: Series[str] = pa.Field(isin=ORIGIN_CLASSES)
    source: Series[str] = pa.Field(str_matches=SLUG)
    raw_label: Series[str]

    class Config:
        unique = ["reporter", "partner", "year"]


class Incidents(_Strict):
    """IOM Missing Migrants incidents: migrant deaths and disappearances (context)."""

    date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}-\d{2}$")
    year: Series[int] = pa.Field(ge=2014, le=2100)
    incident_type: Series[str]
    route: Series[str] = pa.Field(nullable=True)
    country: Series[str] = pa.Field(str_matches=ISO3, nullable=True)
    lon: Series[float] = pa.Field(ge=-180, le=180, nullable=True)
    lat: Series[float] = pa.Field(ge=-90, le=90, nullable=True)
    dead_missing: Series[float] = pa.Field(ge=0)
    survivors: Series[float] = pa.Field(ge=0, nullable=True)
    cause: Series[str] = pa.Field(nullable=True)
    nationalities: Series[str] = pa.Field(nullable=True)  # ISO3 joined by ``;``
    location: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(str_matches=SLUG)


class ContextIndicators(_Strict):
    """Country context by year (population, net migration …), never trafficking counts."""

    iso3: Series[str] = pa.Field(str_matches=ISO3)
    year: Series[int] = pa.Field(ge=1950, le=2100)
    variable: Series[str] = pa.Field(str_matches=SLUG)
    value: Series[float]
    source: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        unique = ["iso3", "year", "variable"]


class MigrantStocks(_Strict):
    """UN DESA international migrant stock, destination × origin × year (context)."""

    destination: Series[str] = pa.Field(str_matches=ISO3)
    origin: Series[str] = pa.Field(str_matches=NODE)
    year: Series[int] = pa.Field(ge=1990, le=2100)
    count: Series[int] = pa.Field(ge=0)
    source: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        unique = ["destination", "origin", "year"]


class Refugees(_Strict):
    """UNHCR forcibly displaced populations by asylum country, origin, group, year (context)."""

    asylum: Series[str] = pa.Field(str_matches=ISO3)
    origin: Series[str] = pa.Field(str_matches=NODE)
    year: Series[int] = pa.Field(ge=1950, le=2100)
    group: Series[str] = pa.Field(str_matches=SLUG)
    count: Series[int] = pa.Field(ge=0)
    source: Series[str] = pa.Field(str_matches=SLUG)

    class Config:
        unique = ["asylum", "origin", "year", "group"]


#: Table name (file ``data/<name>.csv``) → schema.
TABLES: dict[str, type[_Strict]] = {
    "countries": Countries,
    "nodes": Nodes,
    "indicators": Indicators,
    "flows": Flows,
    "repatriations": Repatriations,
    "incidents": Incidents,
    "context_indicators": ContextIndicators,
    "migrant_stocks": MigrantStocks,
    "refugees": Refugees,
}


class TableError(ValueError):
    """A table failed its schema; ``str()`` lists every failing check and row."""


def validate(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Validate ``frame`` against the schema of table ``name``, reporting every failure.

    Raises
    ------
    TableError
        With a readable summary of all failure cases (column, check, value, row).
    """
    try:
        return TABLES[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise TableError(_describe_failures(name, exc.failure_cases)) from None


def _describe_failures(name: str, cases: pd.DataFrame) -> str:
    """One line per failing check: the column, the check and every failing row and value."""
    lines = [f"table {name!r} failed:"]
    # A row-wise check (e.g. low <= high) is reported by pandera once per column of each
    # failing row: collapse it to the failing rows.
    row_checks = cases["schema_context"] == "DataFrameSchema"
    for check, group in cases[row_checks].groupby("check", sort=True):
        rows = sorted({int(i) for i in group["index"].dropna()})
        lines.append(f"- {check}: rows {', '.join(map(str, rows))}")
    for (column, check), group in cases[~row_checks].groupby(["column", "check"], sort=True):
        found = [
            f"{v!r} (row {i})" for v, i in zip(group["failure_case"], group["index"], strict=True)
        ]
        lines.append(f"- column {column}: {check}: {', '.join(found)}")
    return "\n".join(lines)
