"""IOM Missing Migrants Project incidents → the ``incidents`` table (context, not trafficking).

Raw table: ``gdidata::iom_mmp`` (``t, m, type, route, geo, dead, cause, surv, nat, location,
lon, lat``). Every incident is kept; nothing is dropped.

Avoiding double counting: IOM records one event as several rows when it is a *Split Incident*
(each row holds its own part of the dead and missing, e.g. found on different days or in
different places) and bundles several deaths into one row when it is a *Cumulative Incident*.
Summing ``dead_missing`` over rows therefore counts each person once, but counting rows does not
count events: the compilation does not keep IOM's id linking the parts of a split incident.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dashboard.pipeline.checks import (
    require_columns,
    require_known,
)
from dashboard.pipeline.rdata import conform

SOURCE = "iom-mmp"

#: Incident types as published ("Incident,Split Incident" is published for a handful of rows).
INCIDENT_TYPES = {"Incident", "Split Incident", "Cumulative Incident", "Incident,Split Incident"}
#: IOM's code for an unknown nationality, written as the project's ``unknown`` token.
UNKNOWN_NATIONALITY = "UNK"

_COLUMNS = ["t", "type", "route", "geo", "dead", "cause", "surv", "nat", "location", "lon", "lat"]
_TAG = re.compile(r"<[^>]+>")


def nationalities(published: str | float) -> str | float:
    """Published nationality list → ISO3 codes joined by ``;``, ``UNK`` as ``unknown``.

    Order is kept and repeats are dropped.

    Examples
    --------
    >>> nationalities("COL,ECU,UNK,UNK")
    'COL;ECU;unknown'
    """
    if not isinstance(published, str) or not published.strip():
        return np.nan
    codes = [c.strip() for c in published.split(",") if c.strip()]
    codes = ["unknown" if c == UNKNOWN_NATIONALITY else c for c in codes]
    return ";".join(dict.fromkeys(codes))


def clean_location(text: str | float) -> str | float:
    """Remove HTML markup left in some location texts; empty becomes missing.

    Examples
    --------
    >>> clean_location("<p>Off Lesbos</p>")
    'Off Lesbos'
    """
    if not isinstance(text, str):
        return np.nan
    cleaned = " ".join(_TAG.sub(" ", text).split())
    return cleaned or np.nan


def tidy(raw: pd.DataFrame) -> pd.DataFrame:
    """Every Missing Migrants incident, in the ``incidents`` schema.

    Parameters
    ----------
    raw
        The ``gdidata`` table (``t`` is the incident date).

    Returns
    -------
    pandas.DataFrame
        One row per published row. Survivor counts published as negative numbers (a data-entry
        error) become missing; coordinates are rounded to 4 decimals (about 11 m).

    Raises
    ------
    ValueError
        On a missing column or an incident type not listed in :data:`INCIDENT_TYPES`.
    """
    require_columns(raw, _COLUMNS, "iom_mmp table")
    require_known(raw["type"], INCIDENT_TYPES, "incident types")
    date = pd.to_datetime(raw["t"])
    survivors = raw["surv"].astype("float64")
    incidents = pd.DataFrame(
        {
            "date": date.dt.strftime("%Y-%m-%d"),
            "year": date.dt.year.astype("int64"),
            "incident_type": raw["type"],
            "route": raw["route"].replace("", np.nan),
            "country": raw["geo"].replace("", np.nan),
            "lon": raw["lon"].astype("float64").round(4),
            "lat": raw["lat"].astype("float64").round(4),
            "dead_missing": raw["dead"].astype("float64"),
            "survivors": survivors.where(survivors >= 0),
            "cause": raw["cause"].replace("", np.nan),
            "nationalities": raw["nat"].map(nationalities),
            "location": raw["location"].map(clean_location),
            "source": SOURCE,
        }
    )
    return conform("incidents", incidents)


def negative_survivors(raw: pd.DataFrame) -> int:
    """How many rows publish a negative survivor count (set to missing by :func:`tidy`)."""
    return int((raw["surv"] < 0).sum())
