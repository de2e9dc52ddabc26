"""Reforms: the dated milestones of each country's anti-trafficking framework."""

from __future__ import annotations

import re
from datetime import date as calendar_date

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from dashboard.schemas.base import _Strict
from dashboard.schemas.vocabulary import (
    DATE_PRECISIONS,
    ISO3,
    MILESTONE_ACTIONS,
    MILESTONE_TYPES,
    PARTIAL_DATE,
    PARTY_ACTIONS,
    SLUG,
    TREATY_MILESTONES,
)

_DATE_LENGTH = {"day": 10, "month": 7, "year": 4}


def date_matches_precision(date: str, precision: str) -> bool:
    """``date`` is a real calendar date written to exactly ``precision``.

    Examples
    --------
    >>> date_matches_precision("2009-03", "month"), date_matches_precision("2009-03", "day")
    (True, False)
    >>> date_matches_precision("2009-02-30", "day"), date_matches_precision("2009-13", "month")
    (False, False)
    """
    if _DATE_LENGTH.get(precision) != len(date) or not re.fullmatch(PARTIAL_DATE, date):
        return False
    parts = [int(p) for p in date.split("-")] + [1, 1]
    try:
        calendar_date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


class Milestones(_Strict):
    """Dated steps of each country's anti-trafficking framework, with their sources.

    Treaty actions of every UN participant (UN Treaty Collection snapshot of 2014) and the
    curated milestones of the focus countries, which take precedence over the snapshot. A
    country with no row of a type is *not known*, never "not adopted".
    """

    iso3: Series[str] = pa.Field(str_matches=ISO3, description="Country, ISO3.")
    milestone: Series[str] = pa.Field(
        isin=MILESTONE_TYPES,
        description=(
            "Type of milestone: untoc, palermo-protocol, smuggling-protocol, national-law, law-"
            "amendment, coordination-body, national-strategy, national-action-plan, coe-"
            "convention or no-specific-law."
        ),
    )
    action: Series[str] = pa.Field(
        isin=MILESTONE_ACTIONS,
        description=(
            "What the row records: a treaty action (signature, ratification, accession …), "
            "adopted or draft for a national instrument, accession-request or request-accepted "
            "for the Council of Europe Convention, status for a dated statement that there is no "
            "specific law."
        ),
    )
    date: Series[str] = pa.Field(
        str_matches=PARTIAL_DATE,
        description="As precise as the source: YYYY-MM-DD, YYYY-MM or YYYY (see date_precision).",
    )
    date_precision: Series[str] = pa.Field(
        isin=DATE_PRECISIONS,
        description="day, month or year: never show more of the date than this.",
    )
    year: Series[int] = pa.Field(ge=1990, le=2100, description="The year of the date.")
    instrument: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="The law, decree, treaty act or plan, in English."
    )
    instrument_fr: Series[str] = pa.Field(
        nullable=True, description="Its French title where the source gives one."
    )
    body_name: Series[str] = pa.Field(
        nullable=True, description="The coordination body's name where relevant."
    )
    source_title: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description="Title of the source (in square brackets when written from its address).",
    )
    source_url: Series[str] = pa.Field(
        str_matches=r"^https?://", description="Address of the source."
    )
    source_publisher: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Who published the source."
    )
    quote: Series[str] = pa.Field(
        str_length={"min_value": 1},
        description=(
            "The source's own words (original language), or the UN table's cells as published."
        ),
    )
    note: Series[str] = pa.Field(
        nullable=True,
        description=(
            "Caveats: conflicts between sources, how a date was worked out, what a status row "
            "means."
        ),
    )
    as_of: Series[str] = pa.Field(
        str_matches=r"^\d{4}-\d{2}-\d{2}$",
        nullable=True,
        description=(
            "For a row from the UN snapshot, the date its file was last changed (the row says "
            "what the UN listed on that day, nothing later); empty for curated rows."
        ),
    )
    source: Series[str] = pa.Field(
        str_matches=SLUG, description="Identifier of the source dataset."
    )

    class Config:
        unique = ["iso3", "date", "milestone", "action", "instrument"]

    @pa.dataframe_check(error="date must be a real date written to its date_precision")
    def date_fits_precision(cls, df: pd.DataFrame) -> Series[bool]:
        return pd.Series(
            [
                date_matches_precision(str(d), str(p))
                for d, p in zip(df["date"], df["date_precision"], strict=True)
            ],
            index=df.index,
        )

    @pa.dataframe_check(error="year must be the year of date")
    def year_of_date(cls, df: pd.DataFrame) -> Series[bool]:
        return df["date"].str.slice(0, 4).astype("int64") == df["year"]

    @pa.dataframe_check(error="action must fit the milestone type")
    def action_fits_type(cls, df: pd.DataFrame) -> Series[bool]:
        treaty = df["milestone"].isin(TREATY_MILESTONES)
        coe = df["milestone"] == "coe-convention"
        status = df["milestone"] == "no-specific-law"
        treaty_action = df["action"].isin(("signature", *PARTY_ACTIONS))
        coe_action = df["action"].isin(("accession-request", "request-accepted", *PARTY_ACTIONS))
        national_action = df["action"].isin(("adopted", "draft"))
        return (
            (treaty & treaty_action)
            | (coe & coe_action)
            | (status & (df["action"] == "status"))
            | (~treaty & ~coe & ~status & national_action)
        )
