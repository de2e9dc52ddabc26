"""Interval arithmetic: properties that must hold for any counts."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.analytics.intervals import (
    parse_count,
    ratio_interval,
    sum_intervals,
)

counts = st.integers(min_value=0, max_value=10**7)
intervals = st.tuples(counts, counts).map(lambda p: (min(p), max(p)))


@given(st.lists(intervals, max_size=30))
def test_sum_contains_every_possible_total(items):
    low, high = sum_intervals(items)
    assert low <= high
    assert low == sum(lo for lo, _ in items)
    assert high == sum(hi for _, hi in items)


@given(st.lists(counts, max_size=20), st.integers(min_value=0, max_value=20))
def test_suppressed_cells_make_a_range_of_width_three_each(exact, n_suppressed):
    cells = [(v, v) for v in exact] + [(1, 4)] * n_suppressed
    low, high = sum_intervals(cells)
    assert high - low == 3 * n_suppressed
    assert low == sum(exact) + n_suppressed


@given(intervals, intervals)
def test_ratio_bounds_contain_every_ratio_of_members(numerator, denominator):
    low, high = ratio_interval(numerator, denominator)
    if denominator[1] == 0:
        assert math.isnan(low) and math.isnan(high)
        return
    for n in {numerator[0], numerator[1]}:
        for d in {denominator[0], denominator[1]}:
            if d > 0:
                assert low - 1e-12 <= n / d <= high + 1e-12


@given(intervals, intervals)
def test_capped_share_stays_within_zero_and_one(numerator, denominator):
    low, high = ratio_interval(numerator, denominator, cap=1.0)
    if not math.isnan(low):
        assert 0 <= low <= high <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<5", (1, 4, True)),
        ("0", (0, 0, False)),
        ("12", (12, 12, False)),
        (" 3,540 ", (3540, 3540, False)),
    ],
)
def test_parse_count(text, expected):
    assert parse_count(text) == expected


@pytest.mark.parametrize("text", ["", "n/a", "-3", "1.5", "<10"])
def test_parse_count_refuses_what_is_not_a_count(text):
    with pytest.raises(ValueError, match="not a count"):
        parse_count(text)
