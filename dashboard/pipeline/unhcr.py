"""UNHCR forcibly displaced populations → ``refugees`` (context, not trafficking).

Raw table: ``gdidata::unhcr`` (``geo`` asylum country, ``t`` year, ``from`` origin, ``group``,
``n``), counts at year end.
"""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.countries import code_to_node, country_codes
from dashboard.pipeline.rdata import conform

SOURCE = "unhcr"

#: Origin codes that are not ISO 3166 countries → node token: ``OOO`` various or unknown
#: origin, ``STL`` stateless persons, ``TIB`` Tibetans (published by UNHCR as an origin).
NON_COUNTRY_ORIGINS = {"OOO": "unknown", "STL": "group:stateless", "TIB": "group:tibetan"}

_COLUMNS = ["geo", "t", "from", "group", "n"]


def _check(raw: pd.DataFrame) -> None:
    missing = set(_COLUMNS) - set(raw.columns)
    if missing:
        raise ValueError(f"unhcr table lacks columns {sorted(missing)}")
    for column in ("t", "n"):
        values = raw[column]
        if values.isna().any() or (values < 0).any() or (values % 1 != 0).any():
            raise ValueError(f"unhcr column {column!r} must hold whole non-negative numbers")


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
    dropped = raw[~raw["geo"].isin(country_codes())]
    return dropped.groupby("geo", as_index=False).agg(rows=("n", "size"), n=("n", "sum"))


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """Forcibly displaced people by asylum country, origin, group and year.

    Parameters
    ----------
    raw
        The ``gdidata`` table.

    Returns
    -------
    pandas.DataFrame
        The ``refugees`` rows; rows with no identifiable asylum country are left out and listed
        by :func:`excluded`.
    """
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
