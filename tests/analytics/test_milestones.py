"""Milestone analytics on a hand-made table: expectations worked out by hand from its rows."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analytics import milestones as am
from dashboard.analytics.treaty_parties import parties_in_year
from tests.analytics.milestone_rows import milestone_rows

GOALS = ("palermo-protocol", "national-law", "coordination-body", "strategy-or-plan")


@pytest.fixture(scope="module")
def rows():
    return milestone_rows()


def test_a_timeline_is_in_date_order_with_each_row_kind(rows):
    tun = am.timeline(rows, ["TUN"])
    assert list(zip(tun["date"], tun["milestone"], tun["kind"], strict=True)) == [
        ("2000-12-13", "palermo-protocol", "step"),  # signature
        ("2003-07-14", "palermo-protocol", "reached"),
        ("2016-08-03", "national-law", "reached"),  # same day: in the types' order
        ("2016-08-03", "coordination-body", "reached"),
        ("2017-02-09", "coordination-body", "reached"),
        ("2017-07", "coe-convention", "step"),  # a request to accede
        ("2018-07-30", "national-strategy", "reached"),
    ]
    lby = am.timeline(rows, ["LBY"])
    assert lby["kind"].tolist() == ["reached", "status", "status"]


def test_dates_known_to_the_month_or_year_cover_their_whole_period(rows):
    tun = am.timeline(rows, ["TUN"]).set_index("date")
    assert tun.loc["2017-07", "start"] == pd.Timestamp("2017-07-01")
    assert tun.loc["2017-07", "end"] == pd.Timestamp("2017-07-31")
    assert tun.loc["2017-07", "mid"] == "2017-07-16"
    jor = am.timeline(rows, ["JOR"]).set_index("milestone")
    assert jor.loc["coordination-body", "end"] == pd.Timestamp("2009-12-31")
    # A year-only date starts on 1 January: it sorts before a day of the same year.
    assert am.timeline(rows, ["JOR"])["milestone"].tolist()[0] == "coordination-body"


def test_several_countries_keep_the_order_given(rows):
    both = am.timeline(rows, ["LBY", "TUN"])
    assert list(dict.fromkeys(both["iso3"])) == ["LBY", "TUN"]


def test_first_reached_tells_not_known_from_not_adopted(rows):
    first = am.first_reached(rows, ["TUN", "LBN", "LBY", "PSE"], GOALS)
    got = {
        (r.iso3, r.goal): (r.state, r.date if isinstance(r.date, str) else None)
        for r in first.itertuples()
    }
    assert got == {
        ("TUN", "palermo-protocol"): ("reached", "2003-07-14"),  # not the signature
        ("TUN", "national-law"): ("reached", "2016-08-03"),
        ("TUN", "coordination-body"): ("reached", "2016-08-03"),  # the first of two steps
        ("TUN", "strategy-or-plan"): ("reached", "2018-07-30"),
        ("LBN", "palermo-protocol"): ("reached", "2005-10-05"),
        ("LBN", "national-law"): ("reached", "2011-08-24"),
        ("LBN", "coordination-body"): ("not-known", None),
        ("LBN", "strategy-or-plan"): ("steps-only", "2013"),  # a draft reaches nothing
        ("LBY", "palermo-protocol"): ("reached", "2004-09-24"),
        ("LBY", "national-law"): ("no-law-stated", "2022-06"),  # the latest statement
        ("LBY", "coordination-body"): ("not-known", None),
        ("LBY", "strategy-or-plan"): ("not-known", None),
        ("PSE", "palermo-protocol"): ("reached", "2017-12-06"),
        ("PSE", "national-law"): ("not-known", None),
        ("PSE", "coordination-body"): ("not-known", None),
        ("PSE", "strategy-or-plan"): ("not-known", None),
    }


def test_a_treaty_without_a_party_row_is_not_a_party_as_of_the_snapshot(rows):
    first = am.first_reached(rows, ["PSE", "JPN"], ["untoc", "palermo-protocol"])
    got = {(r.iso3, r.goal): (r.state, r.date) for r in first.itertuples()}
    assert got[("PSE", "untoc")] == ("not-party-as-of-snapshot", "2014-01-27")
    assert got[("JPN", "palermo-protocol")] == ("not-party-as-of-snapshot", "2014-01-27")


def test_convergence_counts_reached_goals_and_keeps_unknowns_apart(rows):
    counts = am.convergence(rows, ["TUN", "LBN", "LBY"], GOALS, range(2012, 2019))
    table = counts.set_index(["iso3", "year"])[["reached", "not_yet", "not_reached", "unknown"]]
    expected = {
        ("TUN", 2012): (1, 3, 0, 0),
        ("TUN", 2015): (1, 3, 0, 0),
        ("TUN", 2016): (3, 1, 0, 0),  # law and body in 2016
        ("TUN", 2017): (3, 1, 0, 0),  # the body's second step adds nothing
        ("TUN", 2018): (4, 0, 0, 0),
        ("LBN", 2012): (2, 0, 0, 2),
        ("LBN", 2013): (2, 0, 0, 2),  # the draft plan is not a plan adopted
        ("LBY", 2012): (1, 0, 0, 3),
        ("LBY", 2013): (1, 0, 1, 2),  # "no specific law" in 2013: that year only
        ("LBY", 2014): (1, 0, 0, 3),
        ("LBY", 2017): (1, 0, 0, 3),
    }
    for key, value in expected.items():
        assert tuple(table.loc[key]) == value, key
    assert (counts["goals"] == 4).all()
    lbn = counts.set_index(["iso3", "year"]).loc[("LBN", 2013)]
    assert lbn["unknown_goals"] == "coordination-body;strategy-or-plan"
    assert lbn["reached_goals"] == "palermo-protocol;national-law"


def test_a_treaty_missing_from_the_snapshot_is_not_reached_only_before_it(rows):
    states = am.goal_states(rows, ["PSE"], ["untoc", "palermo-protocol"], [2013, 2014, 2018])
    assert states["state"].tolist() == [
        "not-reached",  # untoc 2013: the snapshot of 2014 does not list Palestine
        "unknown",  # untoc 2014: after the snapshot's day, nothing is known
        "unknown",
        "not-yet",  # the Protocol: joined in 2017 (a curated row)
        "not-yet",
        "reached",
    ]


def test_all_reached_gives_the_year_and_the_last_country(rows):
    done = am.all_reached(rows, ["TUN", "JOR"], ["national-law", "coordination-body"])
    assert (done.year, done.by_country, done.last, done.pending) == (
        2016,
        {"TUN": 2016, "JOR": 2009},
        ("TUN",),
        (),
    )


def test_all_reached_is_unknown_while_a_goal_is_not_known(rows):
    pending = am.all_reached(rows, ["TUN", "LBN", "LBY"], ["national-law", "coordination-body"])
    assert pending.year is None
    assert pending.last == ()
    assert pending.by_country == {"TUN": 2016, "LBN": None, "LBY": None}
    assert pending.pending == (
        ("LBN", "coordination-body", "not-known"),
        ("LBY", "national-law", "no-law-stated"),
        ("LBY", "coordination-body", "not-known"),
    )


def test_protocol_to_law_gaps_say_what_is_known(rows):
    gaps = am.protocol_law_gaps(rows, ["TUN", "JOR", "EGY", "LBY", "PSE"]).set_index("iso3")
    assert gaps["state"].to_dict() == {
        "TUN": "both",
        "JOR": "both",
        "EGY": "both",
        "LBY": "no-law-stated",
        "PSE": "law-not-known",
    }
    assert gaps.loc["TUN", "years"] == 13
    assert not gaps.loc["TUN", "law_first"]
    assert gaps.loc["JOR", "years"] == 0 and gaps.loc["JOR", "law_first"]  # March before June
    # A law known only as "2004" and a Protocol of 5 March 2004: which came first is not known.
    assert gaps.loc["EGY", "years"] == 0 and pd.isna(gaps.loc["EGY", "law_first"])
    assert gaps.loc["LBY", "years_at_least"] == 18
    assert (gaps.loc["LBY", "status_date"], gaps.loc["LBY", "status_precision"]) == (
        "2022-06",
        "month",
    )
    assert pd.isna(gaps.loc["LBY", "years"]) and pd.isna(gaps.loc["PSE", "years"])
    assert pd.isna(gaps.loc["PSE", "law_date"])


def test_parties_in_a_year_before_the_snapshot(rows):
    parties = parties_in_year(rows, 2010, "palermo-protocol", countries=["MAR"])
    assert dict(zip(parties["iso3"], parties["status"], strict=True)) == {
        "EGY": "party",
        "FRA": "party",
        "JOR": "party",
        "JPN": "signatory-as-of-snapshot",
        "LBN": "party",
        "LBY": "party",
        "MAR": "not-party-as-of-snapshot",  # no row at all: absent from the snapshot
        "PSE": "not-yet-party",  # joined in 2017, after the snapshot (curated row)
        "TUN": "party",
    }
    assert set(parties["as_of"]) == {"2014-01-27"}
    tun = parties.set_index("iso3").loc["TUN"]
    assert (tun["party_date"], tun["party_action"], tun["signature_date"]) == (
        "2003-07-14",
        "ratification",
        "2000-12-13",
    )


def test_parties_after_the_snapshot_are_flagged_as_known_only_then(rows):
    parties = parties_in_year(rows, 2018, "palermo-protocol")
    status = dict(zip(parties["iso3"], parties["status"], strict=True))
    assert status["FRA"] == "party-as-of-snapshot"
    assert status["TUN"] == "party-as-of-snapshot"  # a curated date before the snapshot
    assert status["PSE"] == "party"  # known from a later source
    assert status["JPN"] == "signatory-as-of-snapshot"
    assert parties_in_year(rows, 2014, "palermo-protocol").set_index("iso3").loc[
        "FRA", "status"
    ] == ("party-as-of-snapshot")  # the snapshot is of January 2014


def test_a_signatory_before_its_ratification_is_a_signatory(rows):
    status = parties_in_year(rows, 2001, "palermo-protocol").set_index("iso3")["status"]
    assert status["TUN"] == "signatory"  # signed 2000, ratified 2003
    assert status["FRA"] == "not-yet-party"  # no signature row here, ratified 2002
    assert status["JPN"] == "not-party-as-of-snapshot"  # signed only in 2002


def test_without_any_snapshot_row_absence_is_not_known(rows):
    curated = rows[rows["as_of"].isna()]
    parties = parties_in_year(curated, 2010, "palermo-protocol", countries=["MAR"])
    assert parties.set_index("iso3").loc["MAR", "status"] == "not-known"
    assert parties["as_of"].isna().all()


def test_select_filters_by_country_and_type(rows):
    picked = am.select(rows, ("TUN", "LBY"), "palermo-protocol")
    assert sorted(zip(picked["iso3"], picked["action"], strict=True)) == [
        ("LBY", "ratification"),
        ("TUN", "ratification"),
        ("TUN", "signature"),
    ]
    assert len(am.select(rows)) == len(rows)
