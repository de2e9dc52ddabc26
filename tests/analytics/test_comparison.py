"""Convergence analytics on tiny hand-made tables, with expectations worked out by hand.

Fixture: three countries, 2018–2020.
- TUN publishes victims in 2018 (10, of whom <5 children) and 2020 (30, 6 children); nothing in
  2019 (a missing year, not zero).
- MAR publishes 2018–2020 (20 each year, 5 children each) and 4 prosecuted / 2 convicted in 2019.
- EGY publishes only 2020 (40 victims, no breakdown).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analytics.country import breakdown_totals, latest_values, reporting_grid
from dashboard.analytics.dispersion import Change, balanced_change, cv_bounds, dispersion_by_year
from dashboard.analytics.indicators import indicator_values
from dashboard.analytics.network import network_position
from dashboard.analytics.origins import main_origins, origin_overlap, partner_totals
from dashboard.analytics.profiles import country_profiles, profile_similarity
from dashboard.text import ENGLISH
from dashboard.text.compare import convergence_reading, overlap_reading, similarity_reading
from dashboard.text.country import network_reading

COLUMNS = ["iso3", "year", "indicator", "exploitation", "sex", "age"]
COLUMNS += ["value_low", "value_high", "censored"]


def _cell(iso3, year, low, high=None, indicator="detected-victims", age="total", sex="total",
          exploitation="total"):  # fmt: skip
    high = low if high is None else high
    return (iso3, year, indicator, exploitation, sex, age, low, high, (low, high) == (1, 4))


@pytest.fixture
def indicators() -> pd.DataFrame:
    rows = [
        _cell("TUN", 2018, 10),
        _cell("TUN", 2018, 1, 4, age="child"),
        _cell("TUN", 2020, 30),
        _cell("TUN", 2020, 6, age="child"),
        *[_cell("MAR", y, 20) for y in (2018, 2019, 2020)],
        *[_cell("MAR", y, 5, age="child") for y in (2018, 2019, 2020)],
        _cell("MAR", 2019, 4, indicator="persons-prosecuted"),
        _cell("MAR", 2019, 2, indicator="persons-convicted"),
        _cell("MAR", 2019, 12, sex="female"),
        _cell("EGY", 2020, 40),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


@pytest.fixture
def population() -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": ["TUN", "TUN", "TUN"], "year": [2018, 2019, 2020], "value": [1e6, 1e6, 1e6]}
    )


@pytest.fixture
def flows() -> pd.DataFrame:
    rows = [
        # origin, destination, year, low, high, class
        ("EGY", "JOR", 2019, 10, 10, "country"),
        ("SYR", "JOR", 2019, 8, 8, "country"),
        ("BGD", "JOR", 2020, 5, 5, "country"),
        ("PHL", "JOR", 2020, 1, 4, "country"),
        ("JOR", "JOR", 2020, 50, 50, "domestic"),  # own nationals: never an "origin country"
        ("unknown", "JOR", 2020, 90, 90, "unknown"),
        ("SYR", "LBN", 2019, 20, 20, "country"),
        ("BGD", "LBN", 2019, 7, 7, "country"),
        ("ETH", "LBN", 2020, 30, 30, "country"),
        ("PHL", "LBN", 2015, 99, 99, "country"),  # outside the years used below
        ("SYR", "area:italy", 2019, 500, 500, "country"),  # border crossings: context
    ]
    frame = pd.DataFrame(
        rows, columns=["origin", "destination", "year", "count_low", "count_high", "origin_class"]
    )
    return frame.assign(
        transit=None,
        censored=frame["count_high"] != frame["count_low"],
        measure=["trafficking-victims"] * 10 + ["border-crossings"],
    )


# ---------------------------------------------------------------------------------------------


def test_profiles_pool_only_years_with_both_parts(indicators, population):
    profiles = country_profiles(indicators, population, ["TUN", "MAR", "EGY"], 2018, 2020)
    children = profiles.loc[profiles["component"] == "share-children"].set_index("iso3")
    # TUN: children (1..4) + 6 over 10 + 30 → 7/40 .. 10/40; 2019 is missing, not zero.
    assert children.loc["TUN", ["low", "high"]].tolist() == pytest.approx([0.175, 0.25])
    assert bool(children.loc["TUN", "censored"]) and children.loc["TUN", "years"] == 2
    # MAR: 15 / 60 exactly.
    assert children.loc["MAR", ["low", "high"]].tolist() == pytest.approx([0.25, 0.25])
    # EGY published no breakdown: no row (absence is not a share of 0).
    assert "EGY" not in children.index
    per_capita = profiles.loc[profiles["component"] == "victims-per-100k"].set_index("iso3")
    # TUN: 40 victims over 2 million person-years (the two years it reported) → 2 per 100,000.
    assert per_capita.loc["TUN", "low"] == pytest.approx(2.0)
    ratio = profiles.loc[profiles["component"] == "convictions-per-prosecution"]
    assert ratio[["iso3", "low", "high"]].values.tolist() == [["MAR", 0.5, 0.5]]


def test_profiles_respect_the_year_range(indicators, population):
    profiles = country_profiles(indicators, population, ["TUN"], 2020, 2020)
    children = profiles.loc[profiles["component"] == "share-children"]
    assert children[["low", "high"]].values.tolist() == [[0.2, 0.2]]


def test_similarity_uses_bounds_and_leaves_out_missing_components():
    profiles = pd.DataFrame(
        {
            "iso3": ["A", "A", "B", "B", "C"],
            "component": ["share-children", "victims-per-100k"] * 2 + ["share-children"],
            "low": [0.2, 1.0, 0.3, 4.0, 0.2],
            "high": [0.4, 1.0, 0.3, 4.0, 0.2],
        }
    )
    sim = profile_similarity(profiles, ["A", "B", "C"], min_shared=1).set_index(
        ["iso3_a", "iso3_b"]
    )
    # Children: A 0.2–0.4 vs B 0.3 → distance 0 to 0.1. Per 100k scaled by the largest (4):
    # 0.25 vs 1 → 0.75. Similarity 1 - mean: [1 - (0.1 + 0.75)/2, 1 - (0 + 0.75)/2].
    assert sim.loc[("A", "B"), ["low", "high"]].tolist() == pytest.approx([0.575, 0.625])
    # A–C share only the children component: 0.2–0.4 vs 0.2 → distance 0 to 0.2.
    assert sim.loc[("A", "C"), ["low", "high"]].tolist() == pytest.approx([0.8, 1.0])
    assert sim.loc[("A", "C"), "shared"] == 1
    # With the default rule (at least 2 shared components) A–C is not comparable.
    strict = profile_similarity(profiles, ["A", "B", "C"]).set_index(["iso3_a", "iso3_b"])
    assert math.isnan(strict.loc[("A", "C"), "low"])


def test_main_origins_rank_by_lower_bound_and_skip_own_nationals_and_context(flows):
    main = main_origins(flows, ["JOR", "LBN"], 2019, 2020, k=3)
    jordan = main.loc[main["destination"] == "JOR", "origin"].tolist()
    assert jordan == ["EGY", "SYR", "BGD"]  # PHL (1–4) ranks below BGD (5); JOR, unknown left out
    lebanon = main.loc[main["destination"] == "LBN", "origin"].tolist()
    assert lebanon == ["ETH", "SYR", "BGD"]  # PHL 2015 outside the years


def test_origin_overlap_counts_shared_origins_and_jaccard(flows):
    main = main_origins(flows, ["JOR", "LBN", "TUN"], 2019, 2020, k=3)
    overlap = origin_overlap(main, ["JOR", "LBN", "TUN"]).set_index(["iso3_a", "iso3_b"])
    pair = overlap.loc[("JOR", "LBN")]
    assert (pair["shared"], pair["shared_origins"]) == (2, "BGD;SYR")
    assert pair["jaccard"] == pytest.approx(2 / 4)
    assert math.isnan(overlap.loc[("JOR", "TUN"), "jaccard"])  # TUN has no data: not "0 shared"
    names = {"JOR": "Jordan", "LBN": "Lebanon", "BGD": "Bangladesh", "SYR": "Syria"}
    reading = overlap_reading(overlap.reset_index(), names, "2019–2020", ENGLISH)
    assert reading == (
        "Jordan and Lebanon share 2 of their 3 main origin countries (Bangladesh and Syria) "
        "in 2019–2020."
    )


def test_cv_bounds_exact_and_interval():
    assert cv_bounds([10, 30], [10, 30]) == pytest.approx((0.5, 0.5))
    # [1, 4] and 10: largest at (1, 10) = 4.5 / 5.5; smallest at (4, 10) = 3 / 7.
    assert cv_bounds([1, 10], [4, 10]) == pytest.approx((3 / 7, 4.5 / 5.5))
    # Overlapping intervals can be equal: the smallest dispersion is 0.
    low, high = cv_bounds([1, 3], [4, 5])
    assert low == pytest.approx(0.0, abs=1e-6) and high == pytest.approx(2 / 3)
    assert all(math.isnan(v) for v in cv_bounds([0, 0], [0, 0]))


def test_dispersion_counts_only_reporting_countries(indicators, population):
    values = indicator_values(indicators, population, "detected-victims")
    dispersion = dispersion_by_year(values, ["TUN", "MAR", "EGY"], 2018, 2020).set_index("year")
    assert dispersion["reporting"].tolist() == [2, 1, 3]
    # 2018: TUN 10, MAR 20 → sd 5, mean 15.
    assert dispersion.loc[2018, ["cv_low", "cv_high"]].tolist() == pytest.approx([1 / 3, 1 / 3])
    # 2019: only MAR reported: no dispersion (a gap, not 0).
    assert math.isnan(dispersion.loc[2019, "cv_low"])
    assert dispersion.loc[2019, "countries"] == "MAR"


def test_balanced_change_uses_countries_reporting_both_years(indicators, population):
    values = indicator_values(indicators, population, "detected-victims")
    change = balanced_change(values, ["TUN", "MAR", "EGY"], 2018, 2020)
    # 2018 & 2020 share TUN and MAR (EGY only 2020): 10 vs 20 → 1/3; 30 vs 20 → 0.2.
    assert (change.first_year, change.last_year, change.countries) == (2018, 2020, ("MAR", "TUN"))
    assert change.first == pytest.approx((1 / 3, 1 / 3))
    assert change.last == pytest.approx((0.2, 0.2))
    assert change.direction == "fell"
    reading = convergence_reading(change, "detected victims", 2018, 2020, ENGLISH)
    assert reading.startswith("Dispersion of detected victims fell from 0.33 in 2018 to 0.20")
    assert "2 countries that reported both years" in reading


def test_overlapping_ranges_are_no_clear_change():
    change = Change(2010, 2020, ("A", "B"), (0.3, 0.6), (0.4, 0.5))
    assert change.direction == "unclear"
    assert "no clear change" in convergence_reading(change, "x", 2010, 2020, ENGLISH)
    assert "Too few countries" in convergence_reading(None, "x", 2010, 2020, ENGLISH)


def test_similarity_reading_names_extremes_and_handles_nothing_comparable():
    sim = pd.DataFrame(
        {"iso3_a": ["A"], "iso3_b": ["B"], "low": [math.nan], "high": [math.nan], "shared": [1]}
    )
    assert "cannot be compared" in similarity_reading(sim, {}, ENGLISH)


def test_partner_totals_both_directions(flows):
    origins = partner_totals(flows, "JOR", "origins", 2019, 2020)
    assert origins["partner"].tolist()[:2] == ["unknown", "JOR"]  # kept, labelled by class
    assert origins.loc[origins["partner"] == "PHL", ["low", "high"]].values.tolist() == [[1, 4]]
    abroad = partner_totals(flows, "SYR", "destinations", 2019, 2020)
    # Border crossings (context) never count as victims detected abroad.
    assert abroad[["partner", "low"]].values.tolist() == [["LBN", 20], ["JOR", 8]]


def test_latest_values_and_breakdowns(indicators):
    latest = latest_values(indicators, "MAR").set_index("indicator")
    assert latest.loc["detected-victims", "year"] == 2020
    assert latest.loc["persons-convicted", ["low", "high"]].tolist() == [2, 2]
    breakdown = breakdown_totals(indicators, "TUN", 2018, 2020)
    assert breakdown[["dimension", "category", "low", "high", "years"]].values.tolist() == [
        ["age", "child", 7, 10, 2]
    ]


def test_reporting_grid_marks_missing_years(indicators, flows):
    grid = reporting_grid(indicators, flows, "TUN", 2018, 2020)
    victims = grid.loc[grid["item"] == "detected-victims"].set_index("year")["status"]
    assert victims.to_dict() == {2018: "range", 2019: "missing", 2020: "exact"}


def test_network_position_of_a_crossroads(flows):
    position = network_position(flows, "SYR", 2019, 2020)
    assert position.outflow == (28, 28) and position.outflow_partners == 2
    assert position.inflow_partners == 0 and position.rank is None
    assert "not a hub" in network_reading(position, "Syria", ENGLISH)


@pytest.mark.parametrize(
    ("countries", "years"),
    [
        (["DZA", "EGY", "JOR", "LBN", "LBY", "MAR", "PSE", "TUN"], (2003, 2021)),
        (["TUN", "MAR"], (2018, 2020)),
        (["NGA", "SYR", "ITA"], (None, None)),
        (["PSE", "XXX"], (2010, 2010)),
    ],
)
def test_pooling_a_precomputed_table_gives_the_profiles(dataset, countries, years):
    # The Compare view pools the dataset's table of every country-year; the profiles of the
    # selection computed from scratch must be the same.
    from dashboard.analytics.indicators import population_of
    from dashboard.analytics.profiles import pooled_profiles, profile_table

    population = population_of(dataset.context_indicators)
    table = profile_table(dataset.indicators, population)
    expected = country_profiles(dataset.indicators, population, countries, *years)
    got = pooled_profiles(table, countries, *years)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert len(expected) > 0 or countries == ["PSE", "XXX"]
