"""Places: countries, and the places that are not countries (corridors, areas, groups)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from dashboard.schemas.base import _Strict
from dashboard.schemas.vocabulary import ISO3, NODE_KINDS, TOKEN


class Countries(_Strict):
    """One row per country or territory (ISO3), with names, region and a map point."""

    iso3: Series[str] = pa.Field(
        str_matches=ISO3,
        unique=True,
        description="ISO 3166-1 alpha-3 code (XKX for Kosovo, as UNODC uses it).",
    )
    name_en: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name in English.")
    name_fr: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Name in French: CLDR's, or a reviewed exception (the UN's name).",
    )
    name_ar: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Name in Arabic: CLDR's, or a reviewed exception (the UN's name).",
    )
    region: Series[str] = pa.Field(
        nullable=True,
        description="UN M49 region, as the UNODC workbook gives it; empty when not given.",
    )
    subregion: Series[str] = pa.Field(
        nullable=True,
        description="UN M49 sub-region, as the UNODC workbook gives it; empty when not given.",
    )
    region_fr: Series[str] = pa.Field(
        nullable=True, description="The region's name in French (CLDR's name of its M49 code)."
    )
    region_ar: Series[str] = pa.Field(
        nullable=True, description="The region's name in Arabic (CLDR's name of its M49 code)."
    )
    subregion_fr: Series[str] = pa.Field(
        nullable=True,
        description="The sub-region's name in French (CLDR's name of its M49 code).",
    )
    subregion_ar: Series[str] = pa.Field(
        nullable=True,
        description="The sub-region's name in Arabic (CLDR's name of its M49 code).",
    )
    lon: Series[float] = pa.Field(
        ge=-180,
        le=180,
        nullable=True,
        description=(
            "Longitude of the country's map point (inside the country; from Natural Earth shapes)."
        ),
    )
    lat: Series[float] = pa.Field(
        ge=-90, le=90, nullable=True, description="Latitude of the country's map point."
    )
    focus: Series[bool] = pa.Field(
        description="true for the eight countries the dashboard is about."
    )


class Nodes(_Strict):
    """Places that are not countries: corridors, arrival areas, groups, ``unknown``."""

    token: Series[str] = pa.Field(
        str_matches=TOKEN,
        unique=True,
        description="The place's code: route:…, area:…, group:… or unknown.",
    )
    kind: Series[str] = pa.Field(
        isin=NODE_KINDS,
        description=(
            "route (a migratory corridor), area (an arrival area), group (a group of countries as"
            " a source published it) or unknown."
        ),
    )
    name_en: Series[str] = pa.Field(str_length={"min_value": 1}, description="Name in English.")
    name_fr: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Name in French (written by the project)."
    )
    name_ar: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Name in Arabic (written by the project)."
    )
    members: Series[str] = pa.Field(
        nullable=True,
        description=(
            "ISO3 codes joined by ;: a corridor's documented departure countries, an area's "
            "arrival countries, a group's members where the source says; empty when not known."
        ),
    )
    arrival: Series[str] = pa.Field(
        nullable=True, description="For a corridor, the area: token its crossings arrive in."
    )
    lon: Series[float] = pa.Field(
        ge=-180,
        le=180,
        nullable=True,
        description=(
            "Longitude of the country's map point (inside the country; from Natural Earth shapes)."
        ),
    )
    lat: Series[float] = pa.Field(
        ge=-90, le=90, nullable=True, description="Latitude of the country's map point."
    )
    description: Series[str] = pa.Field(
        nullable=True,
        description="Where the place's definition comes from, and what it does not say.",
    )
