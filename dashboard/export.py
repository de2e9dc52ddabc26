"""CSV exports: the rows behind a selection, as analysts download them.

Used by both ``python -m dashboard export`` and the Data view's download button, so that the two
give the same file for the same filter.
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.analytics.selection import (
    FlowFilter,
    IndicatorFilter,
    select_flows,
    select_indicators,
)
from dashboard.dataset import Dataset
from dashboard.schemas import descriptions
from dashboard.text import N_

FLOW_COLUMNS = [
    "origin",
    "transit",
    "destination",
    "year",
    "measure",
    "count_low",
    "count_high",
    "censored",
    "origin_class",
    "raw_label",
    "note",
    "source",
    "citation",
]
INDICATOR_COLUMNS = [
    "iso3",
    "year",
    "indicator",
    "exploitation",
    "sex",
    "age",
    "value_low",
    "value_high",
    "censored",
    "source",
    "citation",
]

MILESTONE_COLUMNS = [
    "iso3",
    "milestone",
    "action",
    "date",
    "date_precision",
    "instrument",
    "instrument_fr",
    "body_name",
    "source_title",
    "source_url",
    "source_publisher",
    "quote",
    "note",
    "as_of",
    "source",
    "citation",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The meaning of the column the exports add to the tables' own.
CITATION = N_("How to cite the source dataset.")


def column_meanings(kind: str) -> dict[str, str]:
    """Column → meaning (an English message) of an export of ``kind`` (``flows`` or
    ``indicators``): the table's schema descriptions, and the citation the export adds."""
    columns = FLOW_COLUMNS if kind == "flows" else INDICATOR_COLUMNS
    meanings = {**descriptions(kind), "citation": CITATION}
    return {column: meanings[column] for column in columns}


def flows_export(dataset: Dataset, flt: FlowFilter) -> pd.DataFrame:
    """The flow rows for ``flt`` with the export's columns (one row per edge-year-measure)."""
    rows = select_flows(dataset.flows, flt)
    return _with_citation(dataset, rows)[FLOW_COLUMNS].reset_index(drop=True)


def indicators_export(dataset: Dataset, flt: IndicatorFilter) -> pd.DataFrame:
    """The indicator rows for ``flt`` with the export's columns."""
    rows = select_indicators(dataset.indicators, flt)
    return _with_citation(dataset, rows)[INDICATOR_COLUMNS].reset_index(drop=True)


def milestones_export(
    dataset: Dataset, countries: tuple[str, ...] = (), milestone: str | None = None
) -> pd.DataFrame:
    """The milestone rows of ``countries`` (all when empty) and of one ``milestone`` type (all
    when None), with the export's columns: dates as the source gives them (``date_precision``
    says to what), each row's source and quote, and the dataset's citation."""
    from dashboard.analytics.milestones import select

    rows = select(dataset.milestones, countries, milestone)
    return _with_citation(dataset, rows)[MILESTONE_COLUMNS].reset_index(drop=True)


def _with_citation(dataset: Dataset, rows: pd.DataFrame) -> pd.DataFrame:
    citations = {source: dataset.citation(source) for source in rows["source"].unique()}
    return rows.assign(citation=rows["source"].map(citations).astype("str"))


def escape_formula(value: object) -> object:
    """Neutralise a text cell a spreadsheet would run as a formula (CSV injection).

    Examples
    --------
    >>> escape_formula("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> escape_formula("TUN")
    'TUN'
    >>> escape_formula(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as UTF-8 with a BOM (so spreadsheets read accents and Arabic), text cells escaped;
    booleans as ``true`` and ``false`` (empty where a nullable one is missing)."""
    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_bool_dtype(safe[column]):
            spelled = safe[column].map({True: "true", False: "false"}, na_action="ignore")
            safe[column] = spelled.astype(object).where(safe[column].notna(), "")
        elif not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(escape_formula)
    text = safe.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")


def _slug(values: tuple[str, ...] | str | int | None) -> str:
    if values is None or values == ():
        return ""
    if isinstance(values, tuple):
        values = "-".join(values) if len(values) <= 4 else f"{len(values)}-countries"
    return re.sub(r"[^A-Za-z0-9-]+", "-", str(values)).strip("-").lower()


def export_filename(kind: str, flt: FlowFilter | IndicatorFilter) -> str:
    """A file name that says what the export holds.

    Examples
    --------
    >>> export_filename("flows", FlowFilter(year_from=2018, year_to=2020, countries=("TUN",)))
    'flows_trafficking-victims_2018-2020_tun.csv'
    """
    first = flt.measure if isinstance(flt, FlowFilter) else (flt.indicator or "all-indicators")
    years = f"{flt.year_from or 'start'}-{flt.year_to or 'end'}"
    if flt.year_from is None and flt.year_to is None:
        years = "all-years"
    parts = [kind, _slug(first), years]
    if isinstance(flt, FlowFilter):
        parts += [_slug(flt.countries), _slug(flt.origins) and "from-" + _slug(flt.origins)]
        parts += [_slug(flt.destinations) and "to-" + _slug(flt.destinations)]
    else:
        parts += [_slug(flt.countries), _slug(flt.exploitation)]
    return "_".join(p for p in parts if p) + ".csv"
