"""Names in French and Arabic: countries and UN M49 regions from CLDR, places from a reference.

- Countries and regions: CLDR's names (``babel.Locale(lang).territories``, by ISO 3166-1
  alpha-2 code or UN M49 numeric code), except the reviewed exceptions of
  ``reference/name_exceptions.csv`` (each with CLDR's name as it was when reviewed, and the
  source of the name used instead: the UN's own name, from UNTERM, where CLDR's differs).
- Places that are not countries (corridors, arrival areas, groups): ``reference/node_names.csv``,
  written by the project (Frontex's French names of its routes where known).

Everything is read from files in the package and Babel's CLDR data: the build stays
deterministic for a given Babel version.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
from babel import Locale

REFERENCE = Path(__file__).resolve().parent / "reference"
#: Names that differ from CLDR's, with their source (see the module's docstring).
NAME_EXCEPTIONS = REFERENCE / "name_exceptions.csv"
#: French and Arabic names of the places that are not countries, by token.
NODE_NAMES = REFERENCE / "node_names.csv"
#: The languages names are given in besides English.
LANGUAGES = ("fr", "ar")

#: UN M49 codes of the region and sub-region names the UNODC workbook uses (M49's English).
M49_CODES = {
    "Africa": "002",
    "Americas": "019",
    "Asia": "142",
    "Europe": "150",
    "Oceania": "009",
    "Northern Africa": "015",
    "Sub-Saharan Africa": "202",
    "Latin America and the Caribbean": "419",
    "Northern America": "021",
    "Central Asia": "143",
    "Eastern Asia": "030",
    "South-eastern Asia": "035",
    "Southern Asia": "034",
    "Western Asia": "145",
    "Eastern Europe": "151",
    "Northern Europe": "154",
    "Southern Europe": "039",
    "Western Europe": "155",
    "Australia and New Zealand": "053",
    "Melanesia": "054",
    "Micronesia": "057",
    "Polynesia": "061",
}


@cache
def exceptions() -> pd.DataFrame:
    """The reviewed exceptions: ``code`` (ISO3 or M49), ``lang``, ``name``, ``cldr``,
    ``source``; one row per code and language."""
    frame = pd.read_csv(NAME_EXCEPTIONS, dtype="str", keep_default_na=False, encoding="utf-8")
    if frame.duplicated(["code", "lang"]).any():
        raise ValueError(f"{NAME_EXCEPTIONS.name}: a code is listed twice for one language")
    return frame


def cldr_name(code: str, lang: str) -> str:
    """CLDR's name of a territory (ISO alpha-2) or region (M49 code) in ``lang``.

    Examples
    --------
    >>> cldr_name("EG", "fr"), cldr_name("015", "ar")
    ('Égypte', 'شمال أفريقيا')
    """
    name = Locale(lang).territories.get(code)
    if not name:
        raise ValueError(f"CLDR has no {lang} name for {code!r}")
    return name


def name(key: str, cldr_code: str, lang: str) -> str:
    """The name shown for ``key`` (ISO3 or M49 code) in ``lang``: the exception where one is
    listed, CLDR's name of ``cldr_code`` otherwise.

    Examples
    --------
    >>> name("PSE", "PS", "fr"), name("TUN", "TN", "ar")
    ('État de Palestine', 'تونس')
    """
    table = exceptions()
    listed = table.loc[(table["code"] == key) & (table["lang"] == lang), "name"]
    return str(listed.iloc[0]) if len(listed) else cldr_name(cldr_code, lang)


def region_names(english: pd.Series, lang: str) -> pd.Series:
    """French or Arabic names of UN M49 regions given by their English names (missing stays
    missing; an English name not in :data:`M49_CODES` raises ``ValueError``)."""
    unknown = sorted(set(english.dropna()) - set(M49_CODES))
    if unknown:
        raise ValueError(f"M49 names without a code in names.M49_CODES: {unknown}")
    translated = {en: name(code, code, lang) for en, code in M49_CODES.items()}
    return english.map(translated, na_action="ignore")


@cache
def _node_names() -> pd.DataFrame:
    frame = pd.read_csv(NODE_NAMES, dtype="str", keep_default_na=False, encoding="utf-8")
    if frame["token"].duplicated().any():
        raise ValueError(f"{NODE_NAMES.name}: a token is listed twice")
    return frame.set_index("token")


def add_node_names(nodes: pd.DataFrame) -> pd.DataFrame:
    """``nodes`` with ``name_fr`` and ``name_ar`` from ``reference/node_names.csv``.

    Raises ``ValueError`` naming every token that has no translation there (add it by hand).
    """
    table = _node_names()
    missing = sorted(set(nodes["token"]) - set(table.index))
    if missing:
        raise ValueError(f"places without French and Arabic names in {NODE_NAMES.name}: {missing}")
    out = nodes.copy()
    for lang in LANGUAGES:
        out[f"name_{lang}"] = out["token"].map(table[f"name_{lang}"])
    return out
