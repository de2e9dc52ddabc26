"""The Flows view's summary sentences on small hand-made flow tables; expectations worked out
by hand."""

from __future__ import annotations

import pandas as pd

from dashboard.text import ENGLISH, text_for
from dashboard.text.flows import flows_summary

NAMES = {"NGA": "Nigeria", "ERI": "Eritrea", "LBY": "Libya", "SDN": "Sudan", "TUN": "Tunisia"}
COLUMNS = ["origin", "transit", "destination", "year", "count_low", "count_high", "censored"]
VICTIMS = "trafficking-victims"


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def test_summary_sentences():
    flows = frame(
        [
            ("NGA", None, "LBY", 2015, 30, 30, False),
            ("ERI", None, "LBY", 2018, 1, 4, True),
            ("NGA", None, "EGY", 2021, 10, 10, False),
        ]
    )
    # Total 41–44; Nigeria 40 of it: 40/44 = 91 % to 40/41 = 98 %.
    assert flows_summary(flows, VICTIMS, NAMES, ENGLISH) == (
        "Between 2015 and 2021, 41–44 detected victims in 2 destinations. "
        "The largest origin, Nigeria, accounts for 91–98%."
    )
    one_year = flows.loc[flows["year"] == 2015]
    assert flows_summary(one_year, VICTIMS, NAMES, ENGLISH) == (
        "In 2015, 30 detected victims in 1 destination. The largest origin, Nigeria, "
        "accounts for 100%."
    )
    assert flows_summary(frame([]), VICTIMS, NAMES, ENGLISH) == "No flows for this selection."


def test_summary_ranks_known_origins_and_reports_unknown_apart():
    flows = frame(
        [
            ("unknown", None, "TUN", 2020, 60, 60, False),
            ("LBY", None, "TUN", 2020, 30, 30, False),
            ("SDN", None, "TUN", 2020, 1, 4, True),
        ]
    )
    # Total 91–94: Libya 30/94 = 32 % to 30/91 = 33 %; unknown 60/94 = 64 % to 60/91 = 66 %.
    assert flows_summary(flows, VICTIMS, NAMES, ENGLISH) == (
        "In 2020, 91–94 detected victims in 1 destination. The largest origin, Libya, "
        "accounts for 32–33%. Origin unknown for 64–66%."
    )


def test_border_crossings_are_crossings_not_victims():
    flows = frame([("TUN", "route:central-med", "area:italy", 2020, 1200, 1200, False)])
    summary = flows_summary(flows, "border-crossings", NAMES, ENGLISH)
    assert summary.startswith("In 2020, 1,200 irregular border crossings in 1 destination.")
    assert "victim" not in summary


def test_summary_numbers_follow_the_language():
    flows = frame([("NGA", None, "LBY", 2015, 1200, 1500, True)])
    # French groups with a narrow no-break space; the percent sign is spaced.
    french = flows_summary(flows, VICTIMS, NAMES, text_for("fr"))
    assert "1\u202f200–1\u202f500" in french
    assert "100\u00a0%" in french


def test_summary_gives_the_share_detected_in_their_own_country():
    flows = frame(
        [
            ("TUN", None, "TUN", 2020, 20, 20, False),
            ("TUN", None, "ITA", 2020, 30, 30, False),
            ("NGA", None, "TUN", 2020, 1, 4, True),
        ]
    )
    # Total 51–54; 20 of them detected in Tunisia: 20/54 = 37 % to 20/51 = 39 %.
    summary = flows_summary(flows, VICTIMS, NAMES, ENGLISH)
    assert summary.endswith("Victims detected in their own country: 37–39%.")
    crossings = flows_summary(flows, "border-crossings", NAMES, ENGLISH)
    assert "own country" not in crossings
