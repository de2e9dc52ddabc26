"""UNHCR forcibly displaced populations → ``refugees`` (context, not trafficking).

Raw table: ``gdidata::unhcr`` (``geo`` asylum country, ``t`` year, ``from`` origin, ``group``,
``n``), counts at year end.
"""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.checks import (
    outside_countries,
    require_columns,
    require_whole_numbers,
)
from dashboard.pipeline.countries import code_to_node, country_codes
from dashboard.pipeline.rdata import conform

SOURCE = "unhcr"

#: Origin codes that are not ISO 3166 countries → node token: ``OOO`` various or unknown
#: origin, ``STL`` stateless persons, ``TIB`` Tibetans (published by UNHCR as an origin).
NON_COUNTRY_ORIGINS = {"OOO": "unknown", "STL": "group:stateless", "TIB": "group:tibetan"}

_COLUMNS = ["geo", "t", "from", "group", "n"]


def _check(raw: pd.DataFrame) -> None:
    require_columns(raw, _COLUMNS, "unhcr table")
    for column in ("t", "n"):
        require_whole_numbers(raw[column], f"unhcr column {column!r}")


def origin_node(code: str) -> str:
    """Origin code → ISO3 country or node token; unknown codes raise ``ValueError``.

    Examples
    --------
    >>> origin_node("SYR"), origin_node("STL")
    ('SYR', 'group:stateless')
    """
    return code_to_node(code, NON_COUNTRY_ORIGINS, "UNHCR origin")


def group_slug(group: str) -> str:
    """Published group → slug (``"refugee return"`` → ``"refugee-return"``)."""
    return group.strip().lower().replace(" ", "-")


def excluded(raw: pd.DataFrame) -> pd.DataFrame:
    """Rows whose asylum country is not a country of the countries table (``geo, rows, n``).

    In this edition only ``OOO`` (asylum country various or unknown).
    """
    _check(raw)
    return outside_countries(raw)


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """The ``refugees`` rows of the ``gdidata`` table: forcibly displaced people by asylum
    country, origin, group and year. Rows with no identifiable asylum country are left out and
    listed by :func:`excluded`."""
    _check(raw)
    kept = raw[raw["geo"].isin(country_codes())]
    origins = {code: origin_node(code) for code in kept["from"].unique()}
    out = pd.DataFrame(
        {
            "asylum": kept["geo"],
            "origin": kept["from"].map(origins),
            "year": kept["t"].astype("int64"),
            "group": kept["group"].map(group_slug),
            "count": kept["n"].astype("int64"),
            "source": SOURCE,
        }
    )
    return conform("refugees", out.sort_values(["asylum", "origin", "year", "group"]))
