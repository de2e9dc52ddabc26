"""URL state: parsing, fallbacks with notices, and the round trip."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dashboard.schemas import MILESTONE_TYPES, TREATY_MILESTONES
from dashboard.state import (
    QUERY_KEYS,
    TOP_CHOICES,
    VIEW_INDICATORS,
    Context,
    ViewState,
    parse_query,
    to_query,
)
from dashboard.text import ENGLISH

CTX = Context(countries={"TUN", "MAR", "JOR", "LBN", "NGA"}, first_year=2003, last_year=2025)
ALL_KEYS = list(QUERY_KEYS)


def test_valid_query_sets_every_field():
    query = (
        "?measure=border-crossings&from=2010&to=2020&countries=tun,MAR&indicator=share-children"
        "&exploitation=forced-labour&year=2019&top=5&lines=0&incidents=1&focus=jor&kind=indicators"
        "&present=1"
    )
    state, notices = parse_query(query, ViewState(), CTX, ALL_KEYS)
    assert notices == []
    assert state == ViewState(
        measure="border-crossings",
        year_from=2010,
        year_to=2020,
        countries=("TUN", "MAR"),
        indicator="share-children",
        exploitation="forced-labour",
        year=2019,
        top=5,
        lines=False,
        incidents=True,
        focus="JOR",
        kind="indicators",
        present=True,
    )


def test_each_invalid_value_falls_back_with_a_notice():
    query = "?measure=bananas&from=1800&countries=TUN,ZZZ&top=7&lines=yes&year=abc"
    defaults = ViewState(year=2021)
    state, notices = parse_query(query, defaults, CTX, ALL_KEYS)
    assert state == defaults
    assert len(notices) == 6
    shown = [ENGLISH.render(notice) for notice in notices]
    assert "Ignored measure=bananas (not a valid value); showing the default instead." in shown
    assert any("countries=TUN,ZZZ" in n for n in shown)


def test_the_reforms_keys_name_a_country_a_treaty_and_a_marker():
    query = "?country=tun&treaty=smuggling-protocol&milestone=national-law_2016-08-03"
    state, notices = parse_query(query, ViewState(), CTX, ["country", "treaty", "milestone"])
    assert notices == []
    assert (state.country, state.treaty, state.milestone) == (
        "TUN",
        "smuggling-protocol",
        "national-law_2016-08-03",
    )
    bad = "?country=XXX&treaty=protocol&milestone=law_2016"
    state, notices = parse_query(bad, ViewState(), CTX, ["country", "treaty", "milestone"])
    assert state == ViewState() and len(notices) == 3


def test_keys_a_view_does_not_use_are_ignored():
    state, notices = parse_query("?year=2010&measure=nonsense", ViewState(), CTX, ["year"])
    assert state.year == 2010 and state.measure == "trafficking-victims" and notices == []


def test_reversed_years_are_swapped_and_said():
    state, notices = parse_query("?from=2020&to=2010", ViewState(), CTX, ["from", "to"])
    assert (state.year_from, state.year_to) == (2010, 2020)
    assert len(notices) == 1


states = st.builds(
    ViewState,
    measure=st.sampled_from(["trafficking-victims", "border-crossings"]),
    year_from=st.none() | st.integers(2003, 2025),
    year_to=st.none(),
    countries=st.lists(st.sampled_from(sorted(CTX.countries)), unique=True, max_size=5).map(tuple),
    indicator=st.sampled_from(VIEW_INDICATORS),
    year=st.none() | st.integers(2003, 2025),
    top=st.sampled_from(TOP_CHOICES),
    lines=st.booleans(),
    incidents=st.booleans(),
    present=st.booleans(),
    country=st.none() | st.sampled_from(sorted(CTX.countries)),
    treaty=st.sampled_from(TREATY_MILESTONES),
    milestone=st.none()
    | st.builds(
        lambda kind, date: f"{kind}_{date}",
        st.sampled_from(MILESTONE_TYPES),
        st.sampled_from(["2016-08-03", "2017-07", "2009"]),
    ),
)


@given(states)
def test_round_trip_reproduces_the_state(state):
    parsed, notices = parse_query(to_query(state, ALL_KEYS), ViewState(), CTX, ALL_KEYS)
    assert notices == []
    assert parsed == state
