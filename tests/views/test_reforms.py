"""The Reforms view without Dash: query keys, defaults from the data, checks, parts, exports."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.export import MILESTONE_COLUMNS, milestones_export
from dashboard.state import ViewState
from dashboard.text import ENGLISH
from dashboard.views import reforms as view
from dashboard.views.compare import COMPARE
from dashboard.views.reforms import REFORMS

FOCUS = ("DZA", "EGY", "JOR", "LBN", "LBY", "MAR", "PSE", "TUN")


def test_defaults_come_from_the_data(dataset):
    state = REFORMS.defaults(dataset)
    assert state.countries == FOCUS
    assert state.country == "TUN"  # the dataset's default country has milestones
    assert state.treaty == "palermo-protocol"
    assert state.year == int(dataset.milestones["year"].max()) == 2023
    assert state.milestone is None


def test_the_address_round_trips_every_key(dataset):
    query = (
        "?countries=TUN,MAR&year=2010&country=LBY&treaty=untoc&milestone=no-specific-law_2022-06"
    )
    state, notices = REFORMS.from_query(dataset, query)
    assert notices == []
    assert (state.countries, state.year, state.country, state.treaty, state.milestone) == (
        ("TUN", "MAR"),
        2010,
        "LBY",
        "untoc",
        "no-specific-law_2022-06",
    )
    assert REFORMS.query(state) == query
    assert REFORMS.from_query(dataset, REFORMS.query(state))[0] == state


def test_the_years_are_the_milestones_not_the_indicators(dataset):
    # 2000 is before the first indicator year (2003) but a year of the treaties.
    assert REFORMS.from_query(dataset, "?year=2000")[0].year == 2000
    state, notices = REFORMS.from_query(dataset, "?year=1999")
    assert state.year == 2023 and "year=1999" in ENGLISH.render(notices[0])


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("?countries=", "countries="),
        ("?treaty=bananas", "treaty=bananas"),
        ("?country=XYZ", "country=XYZ"),
        ("?milestone=law", "milestone=law"),
        ("?milestone=national-law_2016-13-45x", "milestone=national-law_2016-13-45x"),
    ],
)
def test_invalid_values_fall_back_with_a_notice(dataset, query, said):
    state, notices = REFORMS.from_query(dataset, query)
    assert state == REFORMS.defaults(dataset)
    assert any(said in ENGLISH.render(notice) for notice in notices)


def test_a_milestone_the_country_does_not_have_is_dropped_and_said(dataset):
    state, notices = REFORMS.from_query(dataset, "?country=TUN&milestone=national-law_2099")
    assert state.milestone is None
    assert ENGLISH.render(notices[0]) == (
        "TUN has no milestone national-law_2099 in the data; no milestone is chosen."
    )


def test_from_controls_keeps_the_chosen_marker_only_for_its_country(dataset):
    chosen = {"country": "TUN", "milestone": "national-law_2016-08-03"}
    state, notices = REFORMS.from_controls(dataset, "TUN", chosen, ["TUN"], "untoc", 2030)
    assert state.milestone == "national-law_2016-08-03" and notices == []
    assert state.year == 2023  # kept inside the milestones' years
    other, _ = REFORMS.from_controls(dataset, "MAR", chosen, ["TUN"], "untoc", 2010)
    assert other.country == "MAR" and other.milestone is None
    empty, notices = REFORMS.from_controls(dataset, "MAR", None, [], "nonsense", None)
    assert empty.countries == FOCUS and empty.treaty == "palermo-protocol"
    assert ENGLISH.render(notices[0]).startswith("Choose at least one country")


def test_the_timeline_part_holds_the_country_rows_gap_and_chosen_marker(dataset):
    state, _ = REFORMS.from_query(dataset, "?country=LBY&milestone=no-specific-law_2022-06")
    part = REFORMS.country_timeline(dataset, state)
    assert set(part.rows["iso3"]) == {"LBY"}
    assert part.rows["start"].is_monotonic_increasing  # date order
    assert part.gap["state"] == "no-law-stated" and part.gap["years_at_least"] == 18
    assert part.selected[["milestone", "date", "date_precision"]].values.tolist() == [
        ["no-specific-law", "2022-06", "month"]
    ]
    assert set(part.sources) == {"un-treaties", "curated-milestones"}
    # A country known only from the UN snapshot: its rows all have the snapshot's day.
    france = REFORMS.country_timeline(dataset, ViewState(country="FRA"))
    assert france.rows["as_of"].notna().all() and france.sources == ("un-treaties",)
    assert france.gap["state"] == "law-not-known"


def test_a_country_without_rows_has_an_empty_timeline_not_an_error(dataset):
    assert "ABW" in dataset.country_codes and "ABW" not in view.milestone_countries(dataset)
    part = REFORMS.country_timeline(dataset, ViewState(country="ABW"))
    assert part.rows.empty and part.gap["state"] == "neither-known" and part.sources == ()


def test_the_map_part_lists_every_snapshot_country_and_the_focus_countries(dataset):
    part = REFORMS.treaty_parties(dataset, ViewState(treaty="smuggling-protocol", year=2016))
    listed = set(part.parties["iso3"])
    rows = dataset.milestones[dataset.milestones["milestone"] == "smuggling-protocol"]
    assert listed == set(rows["iso3"]) | set(FOCUS)
    status = part.parties.set_index("iso3")["status"]
    # Palestine has no row of the Smuggling Protocol: not a party as of the snapshot, never
    # "not a party"; Tunisia's 2003 ratification is a party "as of the snapshot" after 2014.
    assert status["PSE"] == "not-party-as-of-snapshot"
    assert status["TUN"] == "party-as-of-snapshot"
    before = REFORMS.treaty_parties(dataset, ViewState(treaty="smuggling-protocol", year=2010))
    assert before.parties.set_index("iso3")["status"]["TUN"] == "party"


def test_parts_are_cached_on_the_dataset_and_callers_get_their_own_copies(dataset):
    state = REFORMS.defaults(dataset)
    first = REFORMS.comparison(dataset, state)
    first.gaps["state"] = "changed"
    again = REFORMS.comparison(dataset, state)
    assert "changed" not in set(again.gaps["state"])
    assert ("reforms-comparison", FOCUS) in dataset.derived._values


def test_timeline_and_countries_exports_are_export_milestones(dataset):
    state = ViewState(country="JOR", countries=("TUN", "MAR"))
    pd.testing.assert_frame_equal(
        view.timeline_export(dataset, state), milestones_export(dataset, ("JOR",))
    )
    both = view.countries_export(dataset, state)
    assert list(both.columns) == MILESTONE_COLUMNS and set(both["iso3"]) == {"TUN", "MAR"}


def test_the_gaps_export_holds_the_rows_each_gap_is_measured_between(dataset):
    state = ViewState(countries=("TUN", "LBY", "PSE", "ABW"))
    rows = view.gaps_export(dataset, state)
    columns = {"iso3", "gap_state", "gap_years", "role", "milestone", "date", "date_precision"}
    columns |= {"instrument", "source_url", "quote", "source", "citation"}
    assert columns <= set(rows.columns)
    by_country = {code: own for code, own in rows.groupby("iso3", sort=False)}
    assert list(by_country) == ["TUN", "LBY", "PSE", "ABW"]
    tun = by_country["TUN"]
    assert tun[["role", "milestone", "date"]].values.tolist() == [
        ["protocol", "palermo-protocol", "2003-07-14"],
        ["law", "national-law", "2016-08-03"],
    ]
    assert (tun["gap_years"] == 13).all()
    lby = by_country["LBY"]
    assert lby["role"].tolist() == ["protocol", "status"] and (lby["years_at_least"] == 18).all()
    assert by_country["PSE"]["role"].tolist() == ["protocol"]
    abw = by_country["ABW"]  # neither known: one row saying so, no milestone
    assert abw["gap_state"].tolist() == ["neither-known"] and abw["milestone"].isna().all()


def test_the_parties_export_is_one_standing_per_country_with_its_rows(dataset):
    state = ViewState(treaty="palermo-protocol", year=2005)
    rows = view.parties_export(dataset, state)
    assert list(rows.columns[:5]) == ["iso3", "country", "treaty", "year", "status"]
    assert (rows["treaty"] == "palermo-protocol").all() and (rows["year"] == 2005).all()
    part = REFORMS.treaty_parties(dataset, state)
    assert set(rows["iso3"]) == set(part.parties["iso3"])
    standing = rows.drop_duplicates("iso3").set_index("iso3")["status"]
    assert standing.to_dict() == part.parties.set_index("iso3")["status"].to_dict()
    assert rows.loc[rows["iso3"] == "MAR", "status"].iloc[0] == "not-yet-party"  # 2011
    assert rows["citation"].notna().all()


def test_file_stems_say_what_a_file_holds():
    state = ViewState(country="TUN", countries=("TUN", "MAR"), treaty="untoc", year=2012)
    assert [view.file_stem(name, state) for name in view.EXPORTS] == [
        "reforms_timeline_tun",
        "reforms_countries_tun-mar",
        "reforms_gaps_tun-mar",
        "reforms_parties_untoc_2012",
    ]


def test_compare_counts_institutions_in_the_milestones_years(dataset):
    counts, reached, sources = COMPARE.institutions(dataset, ("TUN", "JOR"))
    assert counts["year"].min() == 2000 and counts["year"].max() == 2023
    tun = counts[counts["iso3"] == "TUN"].set_index("year")
    assert tun.loc[2015, "reached"] == 1 and tun.loc[2016, "reached"] == 3
    assert tun.loc[2023, "reached"] == 4 and tun.loc[2023, "unknown"] == 0
    assert reached.year == 2016 and reached.last == ("TUN",)  # law and body: JOR 2009, TUN 2016
    assert set(sources) == {"un-treaties", "curated-milestones"}
    pending = COMPARE.institutions(dataset, ("LBN", "PSE"))[1]
    assert pending.year is None
    assert ("LBN", "coordination-body", "not-known") in pending.pending
