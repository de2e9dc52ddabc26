"""World Bank WDI country indicators (population from UN WPP) → ``context_indicators``.

Raw table: ``gdidata::wdi`` (``geo, var, t, v``). Context only: never trafficking counts.
"""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.checks import (
    require_columns,
)
from dashboard.pipeline.countries import country_codes
from dashboard.pipeline.rdata import conform

SOURCE = "wb-wdi"

#: Published variable → slug. Population is the UN World Population Prospects 2024 series as
#: compiled with WDI (persons, mid-year); net migration is persons; remittances current US$.
VARIABLES = {"pop": "population", "nmig": "net-migration", "remin": "remittances-in"}

_COLUMNS = ["geo", "var", "t", "v"]


def _check(raw: pd.DataFrame) -> None:
    require_columns(raw, _COLUMNS, "wdi table")


def excluded(raw: pd.DataFrame) -> pd.DataFrame:
    """Rows of the kept variables whose ``geo`` is not a country of the ``countries`` table.

    Returns
    -------
    pandas.DataFrame
        ``geo, var, rows``: e.g. ``ANT`` (former Netherlands Antilles), ``CHI`` (Channel Islands).
    """
    _check(raw)
    kept = raw[raw["var"].isin(VARIABLES)]
    dropped = kept[~kept["geo"].isin(country_codes())]
    return dropped.groupby(["geo", "var"], as_index=False).size().rename(columns={"size": "rows"})


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """The ``context_indicators`` rows of the ``gdidata`` table: population, net migration
    and remittances received (:data:`VARIABLES`) by country and year, for codes in the countries
    table (the others are listed by :func:`excluded`). Other WDI variables are not imported."""
    _check(raw)
    kept = raw[raw["var"].isin(VARIABLES) & raw["geo"].isin(country_codes())]
    out = pd.DataFrame(
        {
            "iso3": kept["geo"],
            "year": kept["t"].astype("int64"),
            "variable": kept["var"].map(VARIABLES),
            "value": kept["v"].astype("float64"),
            "source": SOURCE,
        }
    )
    return conform("context_indicators", out.sort_values(["iso3", "variable", "year"]))
