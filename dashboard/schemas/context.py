"""Migration context: incidents, country context, migrant stocks, refugees (never trafficking)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from dashboard.schemas.base import _Strict
from dashboard.schemas.vocabulary import ISO3, NODE, SLUG


class Incidents(_Strict):
    """IOM Missing Migrants incidents: migrant deaths and disappearances (context)."""

    date: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$", description="Date of the incident (YYYY-MM-DD)."
    )
    year: Series[int] = pa.Field(ge=2014, le=2100, description="Calendar year.")
    incident_type: Series[str] = pa.Field(
        description=(
            "The Missing Migrants Project's type of record (an incident, or a split or cumulative"
            " record)."
        )
    )
    route: Series[str] = pa.Field(
        nullable=True,
        description="The migratory route the Missing Migrants Project names; empty when none.",
    )
    country: Series[str] = pa.Field(
        str_matches=ISO3,
        nullable=True,
        description="Country of the incident, ISO3; empty when not known.",
    )
    lon: Series[float] = pa.Field(
        ge=-180, le=180, nullable=True, description="Longitude of the incident."
    )
    lat: Series[float] = pa.Field(
        ge=-90, le=90, nullable=True, description="Latitude of the incident."
    )
    dead_missing: Series[float] = pa.Field(ge=0, description="Dead and missing migrants (a count).")
    survivors: Series[float] = pa.Field(ge=0, nullable=True, description="Survivors, where known.")
    cause: Series[str] = pa.Field(
        nullable=True, description="Cause of death, as the Missing Migrants Project classifies it."
    )
    nationalities: Series[str] = pa.Field(
        nullable=True, description="Nationalities of the dead and missing, ISO3 joined by ;."
    )
    location: Series[str] = pa.Field(
        nullable=True, description="Where it happened, in the source's words."
    )
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )


class ContextIndicators(_Strict):
    """Country context by year (population, net migration …), never trafficking counts."""

    iso3: Series[str] = pa.Field(str_matches=ISO3, description="Country, ISO3.")
    year: Series[int] = pa.Field(ge=1950, le=2100, description="Calendar year.")
    variable: Series[str] = pa.Field(
        str_matches=SLUG,
        description="What the value is: population, net-migration or remittances-in.",
    )
    value: Series[float] = pa.Field(description="The value (persons; current US$ for remittances).")
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )

    class Config:
        unique = ["iso3", "year", "variable"]


class MigrantStocks(_Strict):
    """UN DESA international migrant stock, destination × origin × year (context)."""

    destination: Series[str] = pa.Field(
        str_matches=ISO3, description="Country of destination (where the migrants live), ISO3."
    )
    origin: Series[str] = pa.Field(
        str_matches=NODE, description="Country (or group, or unknown) of origin."
    )
    year: Series[int] = pa.Field(ge=1990, le=2100, description="Calendar year.")
    count: Series[int] = pa.Field(ge=0, description="Persons.")
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )

    class Config:
        unique = ["destination", "origin", "year"]


class Refugees(_Strict):
    """UNHCR forcibly displaced populations by asylum country, origin, group, year (context)."""

    asylum: Series[str] = pa.Field(str_matches=ISO3, description="Country of asylum, ISO3.")
    origin: Series[str] = pa.Field(
        str_matches=NODE, description="Country (or group, or unknown) of origin."
    )
    year: Series[int] = pa.Field(ge=1950, le=2100, description="Calendar year.")
    group: Series[str] = pa.Field(
        str_matches=SLUG, description="UNHCR's population group (refugees, asylum seekers …)."
    )
    count: Series[int] = pa.Field(ge=0, description="Persons.")
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )

    class Config:
        unique = ["asylum", "origin", "year", "group"]
