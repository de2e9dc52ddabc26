"""Blocks of grid rows, sorted and filtered as AG Grid's infinite row model asks for them."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analytics.grid_rows import block, filter_rows, records, sort_rows


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "origin": ["TUN", "MAR", "unknown", "group:africa", "TUN", "EGY"],
            "transit": ["route:central", None, "route:central", "", "route:western", None],
            "year": [2016, 2017, 2016, 2018, 2019, 2017],
            "count_high": pd.array([10, 4, None, 250, 4, 40], dtype="Int64"),
            "censored": [False, True, False, False, True, False],
            "citation": ["c1", "c2", "c1", "c1", "c2", "c1"],
        }
    )


def origins(rows: pd.DataFrame) -> list[str]:
    return rows["origin"].tolist()


def text(option: str, value: str | None = None) -> dict:
    return {"filterType": "text", "type": option, **({"filter": value} if value else {})}


def number(option: str, value: float | None = None, to: float | None = None) -> dict:
    condition = {"filterType": "number", "type": option}
    if value is not None:
        condition["filter"] = value
    if to is not None:
        condition["filterTo"] = to
    return condition


# Sorting -----------------------------------------------------------------------------------


def test_no_sort_keeps_the_frame_order(frame):
    assert origins(sort_rows(frame, [])) == origins(frame)
    assert origins(sort_rows(frame, None)) == origins(frame)


def test_sort_by_one_column_up_and_down(frame):
    up = sort_rows(frame, [{"colId": "year", "sort": "asc"}])
    assert up["year"].tolist() == [2016, 2016, 2017, 2017, 2018, 2019]
    # Stable: rows of one year keep their order.
    assert origins(up) == ["TUN", "unknown", "MAR", "EGY", "group:africa", "TUN"]
    down = sort_rows(frame, [{"colId": "origin", "sort": "desc"}])
    assert origins(down) == ["unknown", "group:africa", "TUN", "TUN", "MAR", "EGY"]


def test_sort_by_several_columns_in_turn(frame):
    rows = sort_rows(frame, [{"colId": "origin", "sort": "asc"}, {"colId": "year", "sort": "desc"}])
    assert list(zip(rows["origin"], rows["year"], strict=True)) == [
        ("EGY", 2017),
        ("MAR", 2017),
        ("TUN", 2019),
        ("TUN", 2016),
        ("group:africa", 2018),
        ("unknown", 2016),
    ]


def test_missing_values_sort_last_both_ways(frame):
    up = sort_rows(frame, [{"colId": "count_high", "sort": "asc"}])
    assert up["count_high"].tolist()[:5] == [4, 4, 10, 40, 250]
    assert up["count_high"].isna().tolist()[-1]
    down = sort_rows(frame, [{"colId": "count_high", "sort": "desc"}])
    assert origins(down) == ["group:africa", "EGY", "TUN", "MAR", "TUN", "unknown"]


def test_unknown_sort_columns_and_directions_are_skipped(frame):
    model = [{"colId": "nope", "sort": "asc"}, {"colId": "year", "sort": "sideways"}, "x"]
    assert origins(sort_rows(frame, model)) == origins(frame)


# Filtering ---------------------------------------------------------------------------------


def test_text_filters_are_case_insensitive(frame):
    assert origins(filter_rows(frame, {"origin": text("contains", "un")})) == [
        "TUN",
        "unknown",
        "TUN",
    ]
    assert origins(filter_rows(frame, {"origin": text("equals", "tun")})) == ["TUN", "TUN"]
    assert origins(filter_rows(frame, {"origin": text("startsWith", "GROUP:")})) == ["group:africa"]
    assert origins(filter_rows(frame, {"origin": text("notContains", "u")})) == ["MAR", "EGY"]
    assert origins(filter_rows(frame, {"origin": text("endsWith", "r")})) == ["MAR"]
    assert origins(filter_rows(frame, {"origin": text("notEqual", "tun")})) == [
        "MAR",
        "unknown",
        "group:africa",
        "EGY",
    ]


def test_text_filters_see_booleans_and_blanks_as_shown(frame):
    assert origins(filter_rows(frame, {"censored": text("equals", "true")})) == ["MAR", "TUN"]
    assert origins(filter_rows(frame, {"transit": text("blank")})) == [
        "MAR",
        "group:africa",
        "EGY",
    ]
    assert origins(filter_rows(frame, {"transit": text("notBlank")})) == [
        "TUN",
        "unknown",
        "TUN",
    ]
    # A missing value contains nothing.
    assert origins(filter_rows(frame, {"transit": text("contains", "central")})) == [
        "TUN",
        "unknown",
    ]


def test_number_filters(frame):
    assert origins(filter_rows(frame, {"year": number("equals", 2017)})) == ["MAR", "EGY"]
    assert origins(filter_rows(frame, {"year": number("greaterThan", 2017)})) == [
        "group:africa",
        "TUN",
    ]
    assert origins(filter_rows(frame, {"count_high": number("lessThan", 10)})) == ["MAR", "TUN"]
    assert origins(filter_rows(frame, {"count_high": number("greaterThanOrEqual", 40)})) == [
        "group:africa",
        "EGY",
    ]
    # inRange leaves the bounds out, as the grid does by default.
    assert origins(filter_rows(frame, {"count_high": number("inRange", 4, 250)})) == [
        "TUN",
        "EGY",
    ]
    assert origins(filter_rows(frame, {"count_high": number("blank")})) == ["unknown"]


def test_filters_of_several_columns_all_apply(frame):
    model = {"origin": text("equals", "TUN"), "year": number("lessThan", 2018)}
    assert filter_rows(frame, model)["year"].tolist() == [2016]


def test_two_conditions_joined_by_and_or_or(frame):
    either = {
        "filterType": "number",
        "operator": "OR",
        "conditions": [number("equals", 2016), number("equals", 2019)],
    }
    assert origins(filter_rows(frame, {"year": either})) == ["TUN", "unknown", "TUN"]
    both = {
        "filterType": "text",
        "operator": "AND",
        "condition1": text("contains", "u"),
        "condition2": text("notEqual", "unknown"),
    }
    assert origins(filter_rows(frame, {"origin": both})) == ["TUN", "group:africa", "TUN"]


def test_unknown_filters_are_ignored_without_error(frame):
    model = {
        "origin": {"filterType": "set", "values": ["TUN"]},
        "year": {"filterType": "date", "type": "equals", "dateFrom": "2017-01-01"},
        "count_high": number("inRange", 1),  # no upper bound
        "censored": text("fuzzy", "t"),
        "nope": text("equals", "x"),
        "transit": "not a model",
    }
    assert origins(filter_rows(frame, model)) == origins(frame)
    # One understood condition of two still applies.
    mixed = {
        "filterType": "text",
        "operator": "OR",
        "conditions": [text("equals", "mar"), text("soundsLike", "x")],
    }
    assert origins(filter_rows(frame, {"origin": mixed})) == ["MAR"]


# Blocks ------------------------------------------------------------------------------------


def test_a_block_is_the_requested_slice_and_the_total(frame):
    answer = block(frame, {"startRow": 2, "endRow": 4, "sortModel": [], "filterModel": {}})
    assert [r["origin"] for r in answer["rowData"]] == ["unknown", "group:africa"]
    assert answer["rowCount"] == 6


def test_the_last_block_may_be_short_and_past_the_end_is_empty(frame):
    assert len(block(frame, {"startRow": 4, "endRow": 8})["rowData"]) == 2
    assert block(frame, {"startRow": 10, "endRow": 20}) == {"rowData": [], "rowCount": 6}


def test_blocks_are_sliced_after_filtering_and_sorting(frame):
    request = {
        "startRow": 1,
        "endRow": 3,
        "sortModel": [{"colId": "count_high", "sort": "desc"}],
        "filterModel": {"year": number("lessThan", 2019)},
    }
    answer = block(frame, request)
    assert [r["origin"] for r in answer["rowData"]] == ["EGY", "TUN"]
    assert answer["rowCount"] == 5


def test_blocks_read_end_to_end_are_the_whole_frame_in_order(frame):
    rows = []
    for start in range(0, 6, 4):
        rows += block(frame, {"startRow": start, "endRow": start + 4})["rowData"]
    assert rows == records(frame)


def test_hidden_columns_sort_and_filter_but_are_not_sent(frame):
    request = {
        "startRow": 0,
        "endRow": 10,
        "sortModel": [{"colId": "citation", "sort": "desc"}],
        "filterModel": {"citation": text("equals", "c2")},
    }
    answer = block(frame, request, hidden=["citation"])
    assert [r["origin"] for r in answer["rowData"]] == ["MAR", "TUN"]
    assert all("citation" not in r for r in answer["rowData"])


def test_records_are_json_ready(frame):
    first, unknown = records(frame)[0], records(frame)[2]
    assert first == {
        "origin": "TUN",
        "transit": "route:central",
        "year": 2016,
        "count_high": 10,
        "censored": False,
        "citation": "c1",
    }
    assert unknown["count_high"] is None
    assert records(frame)[1]["transit"] is None
