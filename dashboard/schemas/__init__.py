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

from dashboard.schemas.base import _Interval, _Strict
from dashboard.schemas.context import ContextIndicators, Incidents, MigrantStocks, Refugees
from dashboard.schemas.milestones import Milestones, date_matches_precision
from dashboard.schemas.places import Countries, Nodes
from dashboard.schemas.trafficking import Flows, Indicators, Repatriations
from dashboard.schemas.vocabulary import *  # noqa: F403 - the codes every module imports from here
from dashboard.schemas.vocabulary import __all__ as _vocabulary

__all__ = [
    *_vocabulary,
    "TABLES",
    "ContextIndicators",
    "Countries",
    "Flows",
    "Incidents",
    "Indicators",
    "MigrantStocks",
    "Milestones",
    "Nodes",
    "Refugees",
    "Repatriations",
    "TableError",
    "_Interval",
    "_Strict",
    "date_matches_precision",
    "descriptions",
    "validate",
]

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
    "milestones": Milestones,
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


def descriptions(name: str) -> dict[str, str]:
    """Column → meaning (an English message) of table ``name``, as its schema declares them."""
    schema = TABLES[name].to_schema()
    return {column: spec.description for column, spec in schema.columns.items() if spec.description}
