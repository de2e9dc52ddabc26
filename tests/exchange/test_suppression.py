"""Small-count suppression: the cell rule, and totals that never give a suppressed cell away.

The property tests play the attacker: given every published cell and every published total of
a random table, they enumerate every table consistent with what was published and check what
it implies about each suppressed cell. The attacker is tested too: it recovers the hidden cell
from a publisher that shows exact totals.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dashboard.exchange.errors import InvalidSettingError
from dashboard.exchange.suppression import Rule, check_k, suppress_cells, suppressed_totals

DIMS = ("a", "b", "c")


def cells_frame(values: list[int]) -> pd.DataFrame:
    return pd.DataFrame({"count_low": values, "count_high": values})


def test_the_cell_rule():
    published = suppress_cells(cells_frame([0, 1, 2, 4, 5, 17]), 5)
    assert published[["count_low", "count_high", "censored"]].values.tolist() == [
        [0, 0, False],  # a true zero is not sensitive
        [1, 4, True],
        [1, 4, True],
        [1, 4, True],
        [5, 5, False],
        [17, 17, False],
    ]


def test_an_uploaded_suppressed_count_is_widened_to_the_workspaces_threshold():
    given_cells = pd.DataFrame({"count_low": [1, 1, 6, 0, 7], "count_high": [4, 9, 9, 3, 9]})
    published = suppress_cells(given_cells, 7)
    assert published[["count_low", "count_high"]].values.tolist() == [
        [1, 6],  # <5 under k=7
        [1, 9],  # may be small or not: covers all of 1..6 and keeps its top
        [1, 9],  # may be 6, which is small: widened down to 1
        [0, 6],  # may be 0: its low stays 0
        [7, 9],  # cannot be small: as given
    ]


def test_the_input_frame_is_not_changed():
    frame = cells_frame([3])
    suppress_cells(frame, 5)
    suppressed_totals(frame, [], 5)
    assert frame.values.tolist() == [[3, 3]]


@pytest.mark.parametrize("k", [2, 0, -1, 101, "five", 4.5, None])
def test_thresholds_below_three_or_not_whole_are_refused(k):
    with pytest.raises(InvalidSettingError):
        check_k(k)


def test_the_rule_says_what_was_done():
    from dashboard.exchange.problems import render
    from dashboard.text import ENGLISH

    assert Rule(5).code == "small-count-suppression-k5"
    sentence = render(ENGLISH, Rule(5).message)
    assert "a count from 1 to 4 is published as the range 1–4" in sentence


def test_totals_are_sums_of_the_published_cells():
    frame = pd.DataFrame(
        {"g": ["x", "x", "y", "y"], "count_low": [3, 10, 0, 20], "count_high": [3, 10, 0, 20]}
    )
    totals = suppressed_totals(frame, ["g"], 5)
    assert totals.values.tolist() == [["x", 11, 14, True], ["y", 20, 20, False]]


# The attacker ----------------------------------------------------------------------------------


def consistent_values(cells: pd.DataFrame, totals: list[tuple[tuple[str, ...], pd.DataFrame]]):
    """Every value each cell can take in a table consistent with the published cells (their
    intervals) and totals (each true total within its published interval): cell → set."""
    lows = cells["count_low"].to_numpy()
    highs = cells["count_high"].to_numpy()
    ranges = [range(lo, hi + 1) for lo, hi in zip(lows, highs, strict=True)]
    candidates = np.array(list(itertools.product(*ranges)), dtype=np.int64)  # tables × cells
    feasible = np.ones(len(candidates), dtype=bool)
    for by, published in totals:
        for _, total in published.iterrows():
            members = np.ones(len(cells), dtype=bool)
            for dim in by:
                members &= cells[dim].to_numpy() == total[dim]
            sums = candidates[:, members].sum(axis=1)
            feasible &= (sums >= total["count_low"]) & (sums <= total["count_high"])
    kept = candidates[feasible]
    return {i: set(kept[:, i].tolist()) for i in range(len(cells))}, kept


@st.composite
def tables(draw):
    """A small table of counts over 1–3 dimensions, a threshold, and a set of margins."""
    k = draw(st.integers(3, 6))
    shape = draw(st.lists(st.integers(1, 3), min_size=1, max_size=3))
    size = int(np.prod(shape))
    assume(size <= 9)
    values = draw(st.lists(st.integers(0, k + 6), min_size=size, max_size=size))
    keys = list(itertools.product(*[range(n) for n in shape]))
    frame = pd.DataFrame(keys, columns=list(DIMS[: len(shape)]))
    frame["count_low"] = values
    frame["count_high"] = values
    dims = list(frame.columns[: len(shape)])
    subsets = [s for r in range(len(dims) + 1) for s in itertools.combinations(dims, r)]
    margins = draw(st.lists(st.sampled_from(subsets), min_size=1, max_size=len(subsets)))
    return frame, k, sorted(set(margins))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(tables())
def test_no_set_of_published_totals_narrows_a_suppressed_cell(table):
    frame, k, margins = table
    published = suppress_cells(frame, k)
    assume(published["censored"].sum() <= 7)
    totals = [(by, suppressed_totals(frame, list(by), k)) for by in margins]
    possible, _ = consistent_values(published, totals)
    truth = frame["count_low"].to_numpy()
    for i, row in published.iterrows():
        if row["censored"]:
            # Every value of the published interval stays possible: the totals tell nothing.
            assert possible[i] == set(range(row["count_low"], row["count_high"] + 1))
            assert len(possible[i]) >= 2
            assert 1 <= truth[i] <= k - 1
        else:
            assert possible[i] == {truth[i]}
            assert truth[i] == 0 or truth[i] >= k


@settings(max_examples=200, deadline=None)
@given(tables())
def test_published_numbers_always_contain_the_truth(table):
    frame, k, margins = table
    published = suppress_cells(frame, k)
    assert (published["count_low"] <= frame["count_low"]).all()
    assert (published["count_high"] >= frame["count_high"]).all()
    for by in margins:
        totals = suppressed_totals(frame, list(by), k)
        truth = frame.groupby(list(by))["count_low"].sum() if by else frame["count_low"].sum()
        if by:
            merged = totals.set_index(list(by)).join(truth.rename("truth"))
            assert (merged["count_low"] <= merged["truth"]).all()
            assert (merged["truth"] <= merged["count_high"]).all()
        else:
            assert totals["count_low"].item() <= truth <= totals["count_high"].item()


@settings(max_examples=100, deadline=None)
@given(tables())
def test_suppressing_published_cells_again_changes_nothing(table):
    frame, k, _ = table
    once = suppress_cells(frame, k)
    pd.testing.assert_frame_equal(suppress_cells(once, k), once)


def test_the_attacker_recovers_a_cell_from_exact_totals():
    """The check above can fail: publishing the true total gives the small cell away."""
    frame = pd.DataFrame({"a": [0, 1], "count_low": [3, 10], "count_high": [3, 10]})
    published = suppress_cells(frame, 5)
    exact_total = pd.DataFrame({"count_low": [13], "count_high": [13]})
    possible, _ = consistent_values(published, [((), exact_total)])
    assert possible[0] == {3}  # recovered exactly
    safe, _ = consistent_values(published, [((), suppressed_totals(frame, [], 5))])
    assert safe[0] == {1, 2, 3, 4}


def test_the_attacker_recovers_cells_from_exact_margins_of_a_two_way_table():
    """Two small cells in a row with an exact row total are not enough once column totals
    are exact too: the classic case secondary suppression must handle."""
    frame = pd.DataFrame(
        {
            "a": [0, 0, 1, 1],
            "b": [0, 1, 0, 1],
            "count_low": [2, 3, 9, 9],
            "count_high": [2, 3, 9, 9],
        }
    )
    published = suppress_cells(frame, 5)
    exact = []
    for dim in ("a", "b"):
        sums = frame.groupby(dim)["count_low"].sum().reset_index()
        exact.append(((dim,), sums.assign(count_high=sums["count_low"])))
    possible, _ = consistent_values(published, exact)
    assert possible[0] == {2} and possible[1] == {3}
    safe = [((dim,), suppressed_totals(frame, [dim], 5)) for dim in ("a", "b")]
    possible, _ = consistent_values(published, safe)
    assert possible[0] == {1, 2, 3, 4} and possible[1] == {1, 2, 3, 4}
