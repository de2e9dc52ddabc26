"""UN DESA international migrant stock → ``migrant_stocks`` (context, not trafficking).

Raw table: ``gdidata::undesa_stocks`` (``geo`` destination, ``t``, ``from`` origin, ``sex``,
``n`` and flags ``type_b, type_c, type_r, type_i``). Each destination-origin-year is published
for ``female`` and ``male`` only; the total is their sum. The flags describe the destination's
data (the same for all its rows in a year): ``type_b`` the stock is foreign-born people,
``type_c`` foreign citizens, ``type_r`` refugees are included, ``type_i`` no data exist and the
stock is imputed. They are summarised by :func:`basis_by_destination`, not carried row by row.
"""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.checks import (
    outside_countries,
    require_columns,
)
from dashboard.pipeline.countries import code_to_node, country_codes
from dashboard.pipeline.rdata import conform

SOURCE = "undesa-stocks"

#: Origin codes that are not ISO 3166 countries → node token. ``OOO`` is UN DESA's "Other"
#: (origin unknown or not distributed); ``XCX`` the Channel Islands (Guernsey and Jersey).
NON_COUNTRY_ORIGINS = {"OOO": "unknown", "XCX": "group:channel-islands"}
SEXES = {"female", "male"}
FLAGS = ["type_b", "type_c", "type_r", "type_i"]

_COLUMNS = ["geo", "t", "from", "sex", "n", *FLAGS]


def _check(raw: pd.DataFrame) -> None:
    require_columns(raw, _COLUMNS, "undesa_stocks table")
    other_sexes = set(raw["sex"]) - SEXES
    if other_sexes:
        raise ValueError(f"unexpected sex values {sorted(other_sexes)} (would double count)")


def origin_node(code: str) -> str:
    """Origin code → ISO3 country or node token; unknown codes raise ``ValueError``.

    Examples
    --------
    >>> origin_node("MAR"), origin_node("OOO")
    ('MAR', 'unknown')
    """
    return code_to_node(code, NON_COUNTRY_ORIGINS, "UN DESA origin")


def excluded(raw: pd.DataFrame) -> pd.DataFrame:
    """Rows whose destination is not a country of the countries table (``geo, rows, n``).

    In the 2024 edition only ``XCX`` (Channel Islands), which UN DESA publishes as one area.
    """
    _check(raw)
    return outside_countries(raw)


def basis_by_destination(raw: pd.DataFrame) -> pd.DataFrame:
    """The data-basis flags of each destination and year (``geo, t`` and the four flags)."""
    _check(raw)
    return raw[["geo", "t", *FLAGS]].drop_duplicates().reset_index(drop=True)


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """The ``migrant_stocks`` rows of the ``gdidata`` table: migrant stock by destination,
    origin and year, both sexes summed. Zero counts (a definite absence per UN DESA) are kept;
    destinations outside the countries table are left out and listed by :func:`excluded`."""
    _check(raw)
    kept = raw[raw["geo"].isin(country_codes())]
    origins = {code: origin_node(code) for code in kept["from"].unique()}
    frame = pd.DataFrame(
        {
            "destination": kept["geo"],
            "origin": kept["from"].map(origins),
            "year": kept["t"].astype("int64"),
            "count": kept["n"].astype("int64"),
        }
    )
    stocks = frame.groupby(["destination", "origin", "year"], as_index=False)["count"].sum()
    stocks["source"] = SOURCE
    return conform("migrant_stocks", stocks)
