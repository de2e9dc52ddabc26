"""A small hand-made ``milestones`` table (shared by the analytics, figure and text tests).

The rows are made up for the tests around real patterns: a curated Protocol row next to a UN
signature, a body created by law then installed, a month-only and a year-only date, a draft
plan, two "no specific law" statements, a party after the UN snapshot, a signatory only.
"""

from __future__ import annotations

import pandas as pd

SNAPSHOT = "2014-01-27"

# iso3, milestone, action, date, date_precision, as_of (a UN snapshot row) or None (curated)
ROWS = [
    ("TUN", "palermo-protocol", "signature", "2000-12-13", "day", SNAPSHOT),
    ("TUN", "palermo-protocol", "ratification", "2003-07-14", "day", None),
    ("TUN", "national-law", "adopted", "2016-08-03", "day", None),
    ("TUN", "coordination-body", "adopted", "2016-08-03", "day", None),
    ("TUN", "coordination-body", "adopted", "2017-02-09", "day", None),
    ("TUN", "coe-convention", "accession-request", "2017-07", "month", None),
    ("TUN", "national-strategy", "adopted", "2018-07-30", "day", None),
    ("LBN", "palermo-protocol", "ratification", "2005-10-05", "day", None),
    ("LBN", "national-law", "adopted", "2011-08-24", "day", None),
    ("LBN", "national-action-plan", "draft", "2013", "year", None),
    ("LBY", "palermo-protocol", "ratification", "2004-09-24", "day", None),
    ("LBY", "no-specific-law", "status", "2013-04-05", "day", None),
    ("LBY", "no-specific-law", "status", "2022-06", "month", None),
    ("PSE", "palermo-protocol", "accession", "2017-12-06", "day", None),
    ("JOR", "coordination-body", "adopted", "2009", "year", None),
    ("JOR", "national-law", "adopted", "2009-03-01", "day", None),
    ("JOR", "palermo-protocol", "accession", "2009-06-11", "day", SNAPSHOT),
    ("EGY", "palermo-protocol", "ratification", "2004-03-05", "day", SNAPSHOT),
    ("EGY", "national-law", "adopted", "2004", "year", None),
    ("FRA", "palermo-protocol", "ratification", "2002-10-29", "day", SNAPSHOT),
    ("FRA", "untoc", "ratification", "2002-10-29", "day", SNAPSHOT),
    ("JPN", "palermo-protocol", "signature", "2002-12-09", "day", SNAPSHOT),
]


def milestone_rows() -> pd.DataFrame:
    """The rows with every column of the ``milestones`` table (text made up per row)."""
    frame = pd.DataFrame(
        ROWS, columns=["iso3", "milestone", "action", "date", "date_precision", "as_of"]
    )
    frame["year"] = frame["date"].str.slice(0, 4).astype(int)
    frame["instrument"] = "Instrument of " + frame["iso3"] + " " + frame["milestone"]
    frame["instrument_fr"] = None
    frame["body_name"] = None
    frame["source_title"] = "Page about " + frame["iso3"]
    frame["source_url"] = "https://example.org/" + frame["iso3"] + "/" + frame["date"]
    frame["source_publisher"] = "Publisher <" + frame["iso3"] + ">"
    frame["quote"] = "Words of the source on " + frame["milestone"]
    frame["note"] = None
    frame["source"] = frame["as_of"].map(lambda a: "curated-milestones" if pd.isna(a) else "un")
    return frame
