"""Checks every importer makes of a raw table before tidying it, and what it leaves out."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pandas as pd

from dashboard.pipeline.countries import country_codes


def require_columns(raw: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    """Raise ``ValueError`` naming the columns of ``columns`` that ``raw`` lacks."""
    missing = set(columns) - set(raw.columns)
    if missing:
        raise ValueError(f"{table} lacks columns {sorted(missing)}")


def require_known(values: pd.Series, known: Collection[str], what: str) -> None:
    """Raise ``ValueError`` naming the values of ``values`` not in ``known``."""
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(f"unknown {what} {sorted(unknown)}")


def require_whole_numbers(values: pd.Series, what: str) -> None:
    """Raise ``ValueError`` unless every value is a whole number ≥ 0 (and none is missing)."""
    if values.isna().any() or (values < 0).any() or (values % 1 != 0).any():
        raise ValueError(f"{what} must hold whole non-negative numbers")


def outside_countries(raw: pd.DataFrame) -> pd.DataFrame:
    """The rows whose ``geo`` is not a country of the countries table, counted by ``geo``:
    ``geo, rows, n`` (rows and their summed ``n``)."""
    dropped = raw[~raw["geo"].isin(country_codes())]
    return dropped.groupby("geo", as_index=False).agg(rows=("n", "size"), n=("n", "sum"))
