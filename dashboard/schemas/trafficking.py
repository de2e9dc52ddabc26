"""Trafficking data: country indicators, flows by citizenship, repatriation links."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from dashboard.schemas.base import _Interval
from dashboard.schemas.vocabulary import (
    AGE,
    CENSORED,
    EXPLOITATION,
    INDICATORS,
    ISO3,
    MEASURES,
    NODE,
    ORIGIN_CLASSES,
    SEX,
    SLUG,
    SOURCE,
)
from dashboard.text.core import N_


class Indicators(_Interval):
    """Country statistics by year, long: one row per country-year-indicator-breakdown."""

    iso3: Series[str] = pa.Field(
        str_matches=ISO3, description=N_("Reporting country, ISO 3166-1 alpha-3 code.")
    )
    year: Series[int] = pa.Field(
        ge=1990, le=2100, description=N_("Calendar year of the detections.")
    )
    indicator: Series[str] = pa.Field(
        isin=INDICATORS,
        description=N_(
            "The statistic, by the indicators table's name: detected-victims, "
            "persons-prosecuted, persons-convicted, persons-formal-contact or offences."
        ),
    )
    exploitation: Series[str] = pa.Field(
        isin=EXPLOITATION,
        description=N_("Form of exploitation: total, sexual-exploitation, forced-labour or other."),
    )
    sex: Series[str] = pa.Field(isin=SEX, description=N_("total, female, male, other or unknown."))
    age: Series[str] = pa.Field(isin=AGE, description=N_("total, adult, child or unknown."))
    value_low: Series[int] = pa.Field(
        ge=0, description=N_("Lower bound of the value. A suppressed “<5” is the interval 1–4.")
    )
    value_high: Series[int] = pa.Field(
        ge=0,
        description=N_("Upper bound of the value; equal to value_low when the value is exact."),
    )
    censored: Series[bool] = pa.Field(description=CENSORED)
    source: Series[str] = pa.Field(str_matches=SLUG, description=SOURCE)

    class Config:
        unique = ["iso3", "year", "indicator", "exploitation", "sex", "age"]


class Flows(_Interval):
    """Directed edges origin → transit → destination, one row per edge-year-measure."""

    origin: Series[str] = pa.Field(
        str_matches=NODE,
        description=N_(
            "Where the persons came from: citizenship (UNODC) or nationality (Frontex), as an "
            "ISO 3166-1 alpha-3 code, a group of countries (group:…) or “unknown”."
        ),
    )
    transit: Series[str] = pa.Field(
        nullable=True,
        description=N_(
            "The migratory route (route:…) the crossings were detected on; empty when the "
            "source names none."
        ),
    )
    destination: Series[str] = pa.Field(
        str_matches=NODE,
        description=N_(
            "Country of detection (UNODC) or arrival area of the route (area:…, Frontex)."
        ),
    )
    year: Series[int] = pa.Field(
        ge=1990, le=2100, description=N_("Calendar year of the detections.")
    )
    measure: Series[str] = pa.Field(
        isin=MEASURES,
        description=N_(
            "What is counted: trafficking-victims (detected victims of trafficking) or "
            "border-crossings (irregular border crossings: migration context, not trafficking; "
            "crossings, not persons). Never add the two."
        ),
    )
    count_low: Series[int] = pa.Field(
        ge=0, description=N_("Lower bound of the count. A suppressed “<5” is the interval 1–4.")
    )
    count_high: Series[int] = pa.Field(
        ge=0,
        description=N_("Upper bound of the count; equal to count_low when the count is exact."),
    )
    censored: Series[bool] = pa.Field(description=CENSORED)
    origin_class: Series[str] = pa.Field(
        isin=ORIGIN_CLASSES,
        description=N_(
            "country, domestic (victims detected in their own country), group (a regional group "
            "as published) or unknown."
        ),
    )
    source: Series[str] = pa.Field(str_matches=SLUG, description=SOURCE)
    raw_label: Series[str] = pa.Field(
        description=N_(
            "The label(s) as the source published them, joined by “ | ” when several were "
            "merged into one row."
        )
    )
    note: Series[str] = pa.Field(
        nullable=True,
        description=N_(
            "Plain-language caveat for this row (e.g. a partial year); empty when none."
        ),
    )

    class Config:
        unique = ["origin", "transit", "destination", "year", "measure"]


class Repatriations(_Interval):
    """GLOTIP "by country of repatriation": links with no reliable direction, never flows."""

    reporter: Series[str] = pa.Field(
        str_matches=ISO3, description="The country that published the link, ISO3."
    )
    partner: Series[str] = pa.Field(
        str_matches=NODE,
        description="The other country (or group, or unknown) of the repatriation link.",
    )
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Calendar year.")
    count_low: Series[int] = pa.Field(
        ge=0, description="Lower bound of the count. A suppressed “<5” is the interval 1–4."
    )
    count_high: Series[int] = pa.Field(
        ge=0, description="Upper bound of the count; equal to count_low when exact."
    )
    censored: Series[bool] = pa.Field(
        description="true when the count includes a suppressed cell (“<5”)."
    )
    partner_class: Series[str] = pa.Field(
        isin=ORIGIN_CLASSES, description="country, domestic, group or unknown."
    )
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )
    raw_label: Series[str] = pa.Field(description="The label(s) as the source published them.")

    class Config:
        unique = ["reporter", "partner", "year"]
