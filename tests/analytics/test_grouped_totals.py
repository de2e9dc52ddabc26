"""The numpy group totals (``intervals.sum_frame``) against the pandas aggregations they replace."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analytics.cells import count_cells, total_cells
from dashboard.analytics.intervals import sum_frame

ROW = st.tuples(
    st.sampled_from(["TUN", "MAR", "NGA", "EGY"]),
    st.integers(2003, 2021),
    st.integers(0, 50),
    st.integers(0, 10),
    st.booleans(),
    st.sampled_from(["country", "domestic", "unknown"]),
)


def frame(rows) -> pd.DataFrame:
    data = pd.DataFrame(rows, columns=["key", "year", "low", "extra", "censored", "class"])
    data["high"] = data["low"] + data["extra"]
    data["key"] = data["key"].astype("str")
    return data


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=40), st.booleans())
def test_interval_totals_equal_a_named_groupby_aggregation(rows, sort):
    data = frame(rows)
    expected = data.groupby("key", as_index=False, sort=sort).agg(
        low=("low", "sum"),
        high=("high", "sum"),
        censored=("censored", "any"),
        years=("year", "nunique"),
        **{"class": ("class", "first")},
    )
    got = sum_frame(data, "key", "low", "high", sort=sort, first=["class"])
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got["low"].dtype == "int64" and got["years"].dtype == "int64"


def test_total_cells_are_each_indicators_total_cells_in_the_given_order():
    names = ["persons-convicted", "detected-victims"]
    rows = [
        ("TUN", 2019, "detected-victims", "total", "total", "total", 10, 10, False),
        ("TUN", 2019, "detected-victims", "total", "female", "total", 4, 4, False),
        ("MAR", 2020, "persons-convicted", "total", "total", "total", 1, 4, True),
        ("TUN", 2020, "persons-prosecuted", "total", "total", "total", 7, 7, False),
        ("TUN", 2018, "persons-convicted", "total", "total", "total", 2, 2, False),
    ]
    columns = ["iso3", "year", "indicator", "exploitation", "sex", "age"]
    indicators = pd.DataFrame(rows, columns=[*columns, "value_low", "value_high", "censored"])
    expected = pd.concat(
        [count_cells(indicators, name, {}).assign(indicator=name) for name in names],
        ignore_index=True,
    )
    got = total_cells(indicators, names)
    pd.testing.assert_frame_equal(got[expected.columns], expected)
    assert got["indicator"].tolist() == ["persons-convicted"] * 2 + ["detected-victims"]


@settings(max_examples=40, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=40))
def test_interval_totals_by_two_keys_equal_the_groupby(rows):
    data = frame(rows)
    expected = data.groupby(["key", "class"], as_index=False, sort=True).agg(
        low=("low", "sum"),
        high=("high", "sum"),
        censored=("censored", "any"),
        years=("year", "nunique"),
    )
    got = sum_frame(data, ["key", "class"], "low", "high", sort=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
