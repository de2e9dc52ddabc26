"""Checking uploads: every error class, where it is reported, and what a valid file becomes."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.exchange.checks import check_bytes
from dashboard.exchange.errors import InvalidUploadError
from dashboard.exchange.problems import describe, render
from dashboard.text import ENGLISH
from tests.exchange.conftest import HEADER, csv_bytes, xlsx_bytes

TODAY = dt.date(2024, 6, 1)
GOOD = ["TUN", "2022", "CIV", "MLI;DZA", "TUN", "female", "adult", "sexual-exploitation", "12"]


def check(rows, header=HEADER, **options):
    options.setdefault("today", TODAY)
    return check_bytes(csv_bytes(rows, header), "upload.csv", **options)


def found(result):
    return [(p.code, p.row, p.column, p.value) for p in result.errors]


def with_cell(column: str, value: str) -> list[str]:
    row = list(GOOD)
    row[HEADER.index(column)] = value
    return row


def test_a_valid_file_has_no_problem_and_becomes_its_cells():
    result = check([GOOD, with_cell("sex", "male")])
    assert result.ok and result.problems == ()
    cells = result.cells
    assert cells[["sex", "count_low", "count_high", "censored"]].values.tolist() == [
        ["female", 12, 12, False],
        ["male", 12, 12, False],
    ]
    assert set(cells["transit"]) == {"MLI;DZA"}
    assert result.summary.rows == 2 and result.summary.years == (2022, 2022)


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("reporting_country", "", "required.empty"),
        ("reporting_country", "Atlantis", "place.unknown"),
        ("reporting_country", "unknown", "place.not-country"),
        ("year", "", "required.empty"),
        ("year", "22", "year.invalid"),
        ("year", "1989", "year.range"),
        ("year", "2025", "year.range"),  # after TODAY's year
        ("origin", "Narnia", "place.unknown"),
        ("destination", "group:stateless", "place.not-country"),
        ("transit", "MLI;Gondor", "transit.unknown"),
        ("sex", "x", "sex.invalid"),
        ("sex", "Total", "sex.total"),
        ("age", "elderly", "age.invalid"),
        ("age", "15-24", "age.spans"),
        ("age", "all", "age.total"),
        ("exploitation", "fishing", "exploitation.invalid"),
        ("exploitation", "total", "exploitation.total"),
        ("count", "", "required.empty"),
        ("count", "three", "count.invalid"),
        ("count", "2.5", "count.invalid"),
        ("count", "-3", "count.negative"),
        ("count", "<1", "count.invalid"),
    ],
)
def test_each_bad_cell_is_reported_at_its_row_and_column(column, value, code):
    result = check([GOOD, with_cell(column, value), with_cell("sex", "male")])
    assert found(result) == [(code, 3, column, value)]
    assert result.invalid_rows == {3}
    assert not result.ok
    line = describe(ENGLISH, result.errors[0])
    assert line.startswith(f"Row 3, column “{column}”: ")
    if value:
        assert value.split(";")[-1] in line  # the reason quotes the value it refuses


def test_empty_optional_cells_count_as_unknown_with_a_warning():
    result = check([with_cell("sex", ""), with_cell("origin", "")])
    assert result.ok
    assert sorted(result.cells["sex"]) == ["female", "unknown"]
    assert sorted(result.cells["origin"]) == ["CIV", "unknown"]
    warnings = sorted(render(ENGLISH, p.reason) for p in result.warnings)
    assert warnings == [
        "1 row has no origin: it counts as unknown.",
        "1 row has no sex: it counts as unknown.",
    ]


def test_values_in_other_words_and_codes_are_read_in_the_dashboards_codes():
    row = [
        "TN",
        "2022.0",
        "Côte d'Ivoire",
        "Mali ; Algérie",
        "تونس",
        "Femme",
        "mineur",
        "Servitude",
        "1 282",
    ]
    result = check([row])
    assert result.ok
    cell = result.cells.iloc[0]
    assert cell[["reporting_country", "year", "origin", "transit", "destination"]].tolist() == [
        "TUN",
        2022,
        "CIV",
        "MLI;DZA",
        "TUN",
    ]
    assert cell[["sex", "age", "exploitation", "count_low"]].tolist() == [
        "female",
        "child",
        "forced-labour",
        1282,
    ]


def test_a_suppressed_count_is_an_interval():
    result = check([with_cell("count", "<5"), with_cell("sex", "male")])
    first = result.cells.iloc[0]
    assert (first["count_low"], first["count_high"], first["censored"]) == (1, 4, True)
    assert result.summary.suppressed_cells == 1


def test_repeated_groups_are_errors_on_every_row_involved():
    result = check([GOOD, with_cell("sex", "male"), GOOD, GOOD])
    assert [(p.code, p.row) for p in result.errors] == [
        ("row.repeated", 2),
        ("row.repeats", 4),
        ("row.repeats", 5),
    ]
    assert render(ENGLISH, result.errors[0].reason).startswith(
        "This row's group is repeated in rows 4 and 5"
    )
    assert result.cells["sex"].tolist() == ["male"]  # only the row that is not repeated


def test_a_row_longer_than_the_header_is_an_error_of_that_row():
    result = check([GOOD, [*GOOD, "stray"]])
    assert [(p.code, p.row) for p in result.errors] == [("row.too-many-cells", 3)]


def test_every_error_of_a_file_is_reported_in_row_order():
    rows = [with_cell("year", "20x2"), GOOD, with_cell("count", "many"), with_cell("sex", "?")]
    rows[0][HEADER.index("origin")] = "Nowhere"
    result = check(rows)
    assert [(p.row, p.column) for p in result.errors] == [
        (2, "year"),
        (2, "origin"),
        (4, "count"),
        (5, "sex"),
    ]
    assert result.summary.valid_rows == 1


# Header problems: the whole file is refused ----------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        ("prs_FirstName", "names"),
        ("Nom", "names"),
        ("الاسم", "names"),
        ("Date of birth", "birth dates"),
        ("prs_Birthdate", "birth dates"),
        ("Passport number", "identity document numbers"),
        ("CIN", "identity document numbers"),
        ("prs_MobilePhone", "contact details"),
        ("e-mail", "contact details"),
    ],
)
def test_columns_identifying_people_refuse_the_file(extra, kind):
    result = check([[*GOOD, "x"]], (*HEADER, extra))
    assert result.refused and not result.ok
    (problem,) = [p for p in result.errors if p.code == "header.identifying"]
    assert problem.column == extra
    assert kind in render(ENGLISH, problem.reason)
    with pytest.raises(InvalidUploadError):
        result.upload(keep_valid_rows=True)  # not even the valid rows can be kept


def test_a_missing_required_column_is_named():
    header = tuple(c for c in HEADER if c != "destination")
    result = check([[c for h, c in zip(HEADER, GOOD, strict=True) if h != "destination"]], header)
    (problem,) = result.errors
    assert problem.code == "header.missing"
    assert render(ENGLISH, problem.reason) == (
        "The file has no “destination” column, which every upload needs."
    )


def test_the_reporting_country_may_be_given_for_the_whole_file():
    header = HEADER[1:]
    assert check([GOOD[1:]], header).refused
    result = check([GOOD[1:]], header, reporting_country="Morocco")
    assert result.ok and set(result.cells["reporting_country"]) == {"MAR"}
    wrong = check([GOOD[1:]], header, reporting_country="Atlantis")
    assert [p.code for p in wrong.errors] == ["option.reporting-country"]


def test_two_columns_for_one_template_column_and_repeated_names_are_refused():
    result = check([[*GOOD, "MAR"]], (*HEADER, "citizenship"))
    assert [p.code for p in result.errors] == ["header.conflict"]
    assert render(ENGLISH, result.errors[0].reason) == (
        "The columns origin and citizenship all give the origin column: keep one of them and "
        "remove the others."
    )
    repeated = check([[*GOOD, "3"]], (*HEADER, "Count"))
    assert [(p.code, p.column) for p in repeated.errors] == [("header.duplicate", "Count")]
    assert "columns I and J" in render(ENGLISH, repeated.errors[0].reason)


def test_unused_columns_are_named_in_a_warning():
    result = check([[*GOOD, "a", "b"]], (*HEADER, "internal_ref", "colour"))
    assert result.ok
    (warning,) = result.warnings
    assert render(ENGLISH, warning.reason) == "These columns are not used: internal_ref and colour."


def test_a_header_without_rows_is_an_error():
    result = check([])
    assert [p.code for p in result.errors] == ["read.no-rows"] and result.refused


# Storing: only a valid file, or only the valid rows when asked ---------------------------------


def test_a_file_with_errors_is_not_accepted_unless_its_valid_rows_are_kept():
    result = check([GOOD, with_cell("count", "x")])
    with pytest.raises(InvalidUploadError) as caught:
        result.upload()
    assert str(caught.value).startswith("The file has 1 error: nothing was stored.")
    upload = result.upload(keep_valid_rows=True)
    assert len(upload.cells) == 1 and upload.rows_left_out == 1


def test_a_file_with_no_valid_row_cannot_be_kept():
    result = check([with_cell("count", "x")])
    with pytest.raises(InvalidUploadError):
        result.upload(keep_valid_rows=True)


def test_a_refused_file_is_a_result_not_an_exception():
    result = check_bytes(b"\x00\x01\x02 binary", "photo.jpg")
    assert result.refused and [p.code for p in result.errors] == ["read.not-a-table"]
    assert result.cells.empty


# Case data: one row per person, added up -------------------------------------------------------


def test_case_rows_are_added_up_and_their_notes_dropped():
    header = ("reporting_country", "year", "origin", "destination", "sex", "age", "note")
    rows = [
        ["JOR", "2021", "SYR", "JOR", "female", "adult", "shelter A"],
        ["JOR", "2021", "SYR", "JOR", "female", "adult", ""],
        ["JOR", "2021", "SYR", "JOR", "female", "adult", ""],
        ["JOR", "2021", "EGY", "JOR", "male", "adult", ""],
    ]
    result = check(rows, header)
    assert result.ok
    counts = result.cells.set_index("origin")[["count_low", "record_type", "note"]]
    assert counts.loc["SYR"].tolist() == [3, "case", ""]
    assert counts.loc["EGY"].tolist() == [1, "case", ""]
    codes = sorted(p.code for p in result.warnings)
    assert codes == ["case.notes-dropped", "header.absent", "header.case-data"]
    assert result.summary.case_rows == 4 and result.summary.cells == 2


def test_case_rows_with_a_count_other_than_one_are_errors():
    header = (*HEADER, "record_type")
    result = check([[*GOOD[:8], "1", "case"], [*with_cell("sex", "male")[:8], "2", "case"]], header)
    assert [(p.code, p.row, p.value) for p in result.errors] == [("count.case", 3, "2")]


def test_an_aggregate_row_for_a_group_case_rows_count_is_an_error():
    header = (*HEADER, "record_type")
    rows = [[*GOOD, "aggregate"], [*GOOD[:8], "", "case"], [*GOOD[:8], "", "case"]]
    result = check(rows, header)
    assert [(p.code, p.row) for p in result.errors] == [("row.overlaps-case", 2)]
    assert result.cells["count_low"].tolist() == [2]


def test_an_aggregate_row_in_a_file_without_counts_is_an_error():
    header = ("reporting_country", "year", "origin", "destination", "record_type")
    result = check([["TUN", "2022", "CIV", "TUN", "aggregate"]], header)
    assert [(p.code, p.column) for p in result.errors] == [("record_type.no-count", "record_type")]


def test_a_ctdc_style_file_is_recognised_and_added_up():
    # The columns of CTDC's global (synthetic) dataset: alpha-2 or alpha-3 countries, CTDC's
    # words for gender and age, yes/no exploitation flags; one row per person.
    header = (
        "yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship",
        "CountryOfExploitation", "isForcedLabour", "isSexualExploit", "isOtherExploit",
        "Datasource",
    )  # fmt: skip
    rows = [
        ["2019", "Woman", "18--20", "Adult", "NG", "LBY", "0", "1", "", "Case Management"],
        ["2019", "Woman", "", "Adult", "NGA", "LY", "", "1.0", "", "Case Management"],
        ["2019", "Man", "09--17", "", "SD", "LBY", "1", "1", "", "Hotline"],
        ["2019", "Trans/Transgender/NonConforming", "48+", "", "", "LBY", "", "", "1", "Hotline"],
        ["2020", "", "", "", "ER", "LBY", "yes", "", "", "Hotline"],
    ]
    result = check(rows, header, reporting_country="LBY")
    assert result.ok, [describe(ENGLISH, p) for p in result.errors]
    got = result.cells.sort_values(["year", "origin", "sex"])[
        ["year", "origin", "sex", "age", "exploitation", "source_agency", "count_low"]
    ].values.tolist()
    assert got == [
        [2019, "NGA", "female", "adult", "sexual-exploitation", "Case Management", 2],
        [2019, "SDN", "male", "child", "mixed", "Hotline", 1],
        [2019, "unknown", "other", "adult", "other", "Hotline", 1],
        [2020, "ERI", "unknown", "unknown", "forced-labour", "Hotline", 1],
    ]
    assert result.summary.columns["age"] == ("majorityStatus", "ageBroad")


def test_an_htcds_spreadsheet_is_refused_for_its_personal_columns_then_read_without_them():
    personal = ("prs_FirstName", "prs_SecondName", "prs_Birthdate")
    header = (
        "prs_Gender",
        "prs_Citizenship",
        "vic_TypeOfExploitation",
        "vic_LocationOfExploitation",
    )
    data = ["Feminine", "MA", "Forced labour; Sexual exploitation", "Tunisia"]
    refused = check([["Amina", "B.", "1990-01-01", *data]], (*personal, *header))
    assert sorted(p.column for p in refused.errors if p.code == "header.identifying") == sorted(
        personal
    )
    result = check([["2023", *data]], ("year", *header), reporting_country="TUN")
    assert result.ok
    cell = result.cells.iloc[0]
    assert cell[["origin", "destination", "sex", "exploitation"]].tolist() == [
        "MAR",
        "TUN",
        "female",
        "mixed",
    ]


def test_an_xlsx_upload_is_checked_like_a_csv():
    data = xlsx_bytes([[*GOOD[:8], 12], [*GOOD[:6], "elderly", GOOD[7], 3]])
    result = check_bytes(data, "upload.xlsx", today=TODAY)
    assert [(p.code, p.row, p.column, p.value) for p in result.errors] == [
        ("age.invalid", 3, "age", "elderly")
    ]
    assert result.summary.format == "xlsx"


def test_problems_beyond_the_report_limit_are_counted_not_listed():
    rows = [with_cell("count", f"x{i}") for i in range(30)]
    result = check(rows, max_reported=10)
    assert len(result.problems) == 10
    assert result.counts["count.invalid"] == 30 and result.error_count == 30


def test_the_preview_shows_counts_as_they_would_be_published():
    preview = check([GOOD, [*with_cell("sex", "male")[:8], "3"]]).preview(k=5)
    assert preview[["sex", "count_low", "count_high"]].values.tolist() == [
        ["female", 12, 12],
        ["male", 1, 4],
    ]
