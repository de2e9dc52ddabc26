"""The committed fixture files (``fixtures/README.md``): each encoding read right, each error
class reported where it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.exchange.checks import check_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = dt.date(2024, 6, 1)


def checked(name: str, **options):
    return check_file(FIXTURES / name, today=TODAY, **options)


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "expected"),
    [
        (
            "tunisia-utf8-bom.csv",
            "utf-8-sig",
            ",",
            [
                ("CIV", "MLI;DZA", "TUN", "female", "adult", "sexual-exploitation", 12, 12),
                ("CIV", "MLI;DZA", "TUN", "male", "adult", "forced-labour", 1, 4),
                ("LBY", "", "TUN", "female", "child", "forced-labour", 7, 7),
            ],
        ),
        (
            "maroc-cp1252-semicolon.csv",
            "cp1252",
            ";",
            [
                ("SEN", "MRT;DZA", "MAR", "female", "adult", "sexual-exploitation", 9, 9),
                ("CIV", "", "MAR", "male", "child", "forced-labour", 1, 4),
                ("GIN", "", "ESP", "unknown", "unknown", "other", 0, 0),
            ],
        ),
        (
            "liban-cp1256.csv",
            "cp1256",
            ",",
            [
                ("SYR", "", "LBN", "female", "adult", "forced-labour", 15, 15),
                ("ETH", "", "LBN", "female", "adult", "forced-labour", 1, 4),
                ("BGD", "", "LBN", "male", "child", "other", 6, 6),
            ],
        ),
    ],
)
def test_each_encoding_fixture_reads_as_written(name, encoding, delimiter, expected):
    result = checked(name)
    assert result.ok, result.problems
    assert (result.summary.encoding, result.summary.delimiter) == (encoding, delimiter)
    columns = ["origin", "transit", "destination", "sex", "age", "exploitation"]
    got = [
        (*row[:6], row[6], row[7])
        for row in result.cells[[*columns, "count_low", "count_high"]].itertuples(index=False)
    ]
    assert got == expected


def test_the_note_with_a_comma_and_accents_is_kept_whole():
    notes = checked("tunisia-utf8-bom.csv").cells["note"].tolist()
    assert notes == ["", "", "première estimation, à confirmer"]


def test_the_errors_fixture_reports_each_error_at_its_row_and_column():
    result = checked("errors.csv")
    assert [(p.row, p.column, p.code) for p in result.errors] == [
        (2, "reporting_country", "required.empty"),
        (3, "reporting_country", "place.unknown"),
        (4, "year", "year.invalid"),
        (5, "year", "year.range"),
        (6, "origin", "place.unknown"),
        (7, "transit", "transit.unknown"),
        (8, "sex", "sex.total"),
        (9, "age", "age.spans"),
        (10, "exploitation", "exploitation.invalid"),
        (11, "count", "count.negative"),
        (12, "count", "required.empty"),
        (13, None, "row.too-many-cells"),
    ]
    assert result.summary.valid_rows == 1
    assert result.cells[["sex", "count_low"]].values.tolist() == [["male", 3]]


def test_the_ctdc_fixture_is_added_up_into_counts():
    result = checked("ctdc-synthetic-sample.csv", reporting_country="LBY")
    assert result.ok
    got = result.cells.sort_values(["year", "origin", "age"])[
        ["year", "origin", "sex", "age", "exploitation", "count_low"]
    ].values.tolist()
    assert got == [
        [2019, "NGA", "female", "adult", "sexual-exploitation", 2],
        [2019, "NGA", "female", "child", "sexual-exploitation", 1],
        [2019, "SDN", "male", "adult", "forced-labour", 1],
        [2020, "ERI", "male", "unknown", "mixed", 1],
    ]
