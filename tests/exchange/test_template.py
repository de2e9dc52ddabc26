"""The upload template: CSV and XLSX, the dictionary in the user's language, read back as is."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from dashboard.exchange.checks import check_bytes
from dashboard.exchange.columns import COLUMN_NAMES
from dashboard.exchange.template import dictionary, template_csv, template_xlsx
from dashboard.text import ENGLISH, text_for
from dashboard.text.catalogue import PSEUDO_CLOSE, PSEUDO_OPEN
from dashboard.text.languages import PSEUDO


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_the_csv_template_is_the_header_and_checks_without_a_header_problem():
    data = template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").strip().split(",") == list(COLUMN_NAMES)
    result = check_bytes(data, "template.csv")
    assert [p.code for p in result.problems] == ["read.no-rows"]


def test_the_workbook_has_data_dictionary_and_countries_sheets():
    book = workbook(template_xlsx(ENGLISH))
    assert book.sheetnames == ["Data", "Dictionary", "Countries"]
    data = book["Data"]
    assert [cell.value for cell in data[1]] == list(COLUMN_NAMES)
    ranges = {str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation}
    assert ranges["F2"] == '"female,male,other,unknown"'
    assert ranges["G2"] == '"adult,child,unknown"'
    entries = list(book["Dictionary"].iter_rows(min_row=2, max_row=14, values_only=True))
    assert [entry[0] for entry in entries] == list(COLUMN_NAMES)
    assert dict((entry[0], entry[1]) for entry in entries)["year"] == "yes"
    countries = {
        row[0]: row[1:] for row in book["Countries"].iter_rows(min_row=2, values_only=True)
    }
    assert countries["TUN"] == ("TN", "Tunisia") and countries["XKX"] == ("XK", "Kosovo")


def test_the_dictionary_is_in_the_users_language():
    pseudo = text_for(PSEUDO)
    for entry in dictionary(pseudo):
        for field in ("required", "description", "values"):
            assert entry[field].startswith(PSEUDO_OPEN) and entry[field].endswith(PSEUDO_CLOSE)
    book = workbook(template_xlsx(pseudo))
    assert all(name.startswith(PSEUDO_OPEN) for name in book.sheetnames)
    french = workbook(template_xlsx(text_for("fr")))
    names = {row[0]: row[2] for row in french.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert names["DZA"] == "Algérie"


def test_the_arabic_workbook_reads_right_to_left():
    book = workbook(template_xlsx(text_for("ar")))
    assert all(sheet.sheet_view.rightToLeft for sheet in book.worksheets)
    names = {row[0]: row[2] for row in book.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert names["TUN"] == "تونس"
    assert not workbook(template_xlsx(ENGLISH)).worksheets[0].sheet_view.rightToLeft


def test_a_filled_in_workbook_template_is_accepted():
    book = workbook(template_xlsx(text_for("fr")))
    book.worksheets[0].append(
        ["MAR", 2023, "SEN", "MRT", "MAR", "female", "adult", "sexual-exploitation", 8]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_bytes(buffer.getvalue(), "modele.xlsx", today=dt.date(2024, 1, 1))
    assert result.ok, result.problems
    assert result.cells[["origin", "transit", "count_low"]].values.tolist() == [["SEN", "MRT", 8]]
