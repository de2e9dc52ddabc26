"""Reading uploads: encodings, delimiters, spreadsheet row numbers, unsafe workbooks, limits."""

from __future__ import annotations

import codecs
import io
import zipfile

import openpyxl
import pytest

from dashboard.exchange.errors import ReadError
from dashboard.exchange.problems import render
from dashboard.exchange.reading import DEFAULT_LIMITS, MB, Limits, read_upload
from dashboard.text import ENGLISH
from tests.exchange.conftest import HEADER, csv_bytes, xlsx_bytes

ROW = ["TUN", "2022", "Côte d'Ivoire", "", "Tunisie", "féminin", "adulte", "autre", "12"]
ARABIC_ROW = ["تونس", "2022", "ليبيا", "", "تونس", "أنثى", "بالغ", "أخرى", "7"]


def refusal(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_upload(data, limits)
    return caught.value


@pytest.mark.parametrize(
    ("encoding", "prefix", "row", "reported"),
    [
        ("utf-8", b"", ROW, "utf-8"),
        ("utf-8", codecs.BOM_UTF8, ROW, "utf-8-sig"),
        ("utf-8", codecs.BOM_UTF8, ARABIC_ROW, "utf-8-sig"),
        ("cp1252", b"", ROW, "cp1252"),
        ("cp1256", b"", ARABIC_ROW, "cp1256"),
        # French in Latin-1 holds no byte Windows-1252 reads differently: read as Windows-1252.
        ("latin-1", b"", ROW, "cp1252"),
    ],
)
def test_each_encoding_is_detected_and_read(encoding, prefix, row, reported):
    table = read_upload(prefix + csv_bytes([row], encoding=encoding))
    assert table.encoding == reported
    assert table.header == HEADER
    assert table.rows == [row]


def test_utf16_with_a_byte_order_mark_is_read():
    data = csv_bytes([ROW], delimiter="\t").decode().encode("utf-16")
    table = read_upload(data)
    assert (table.encoding, table.delimiter, table.rows) == ("utf-16", "\t", [ROW])


def test_latin1_bytes_windows_1252_does_not_define_fall_back_to_latin1():
    # 0x81 is undefined in Windows-1252: the file can only be Latin-1 (a control character).
    data = "year,note\r\n2022,é".encode("latin-1") + b"\x81\r\n"
    table = read_upload(data)
    assert table.encoding == "latin-1"
    assert table.rows == [["2022", "é\x81"]]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_the_delimiter_is_the_headers(delimiter):
    row = ["TUN", "2022", "CIV", "MLI;DZA", "TUN", "female", "adult", "other", "3"]
    table = read_upload(csv_bytes([row], delimiter=delimiter))
    assert table.delimiter == delimiter
    assert table.rows == [row]  # a quoted ";" inside a ";"-separated file stays in its cell


def test_an_excel_sep_line_chooses_the_delimiter_and_is_not_a_row():
    data = b"sep=;\r\n" + csv_bytes([ROW], delimiter=";")
    table = read_upload(data)
    assert (table.delimiter, table.header, table.row_numbers) == (";", HEADER, [2])


def test_rows_are_numbered_as_a_spreadsheet_shows_them():
    # A cell holding a line break is one row; an empty line is a row too (skipped, counted).
    data = b'year,note\r\n2021,"two\r\nlines"\r\n\r\n2022,x\r\n'
    table = read_upload(data)
    assert table.row_numbers == [2, 4]
    assert table.rows == [["2021", "two\r\nlines"], ["2022", "x"]]


def test_a_row_longer_than_the_header_is_a_problem_of_that_row():
    table = read_upload(b"year,count\r\n2022,3\r\n2023,4,surprise\r\n")
    (problem,) = table.problems
    assert (problem.code, problem.row) == ("row.too-many-cells", 3)
    assert render(ENGLISH, problem.reason) == "This row has 3 cells but the header names 2 columns."


def test_unclosed_quotes_name_the_row_where_reading_stopped():
    data = b'year,count\r\n2022,3\r\n2023,"4\r\n' + b"x" * 200_000
    error = refusal(data)
    assert error.code == "read.csv-broken"
    assert "row 3" in str(error)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "read.empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "read.not-a-table"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "read.old-excel"),
        (codecs.BOM_UTF8 + b"year\r\n\xff\xfe2022", "read.encoding"),
        (b"\r\n\r\n", "read.no-header"),
        (b"PK\x03\x04 not really a zip", "read.damaged"),
    ],
)
def test_unreadable_files_say_why(data, code):
    error = refusal(data)
    assert error.code == code
    assert "Traceback" not in str(error) and str(error).endswith(".")


def test_a_file_over_the_size_limit_is_refused_naming_the_limit():
    error = refusal(b"year\r\n" + b"2022\r\n" * (21 * MB // 6))
    assert error.code == "read.too-large"
    assert str(error) == "The file is 21 MB; the most the dashboard takes is 20 MB."


def test_a_file_over_the_row_limit_is_refused_naming_the_limit():
    error = refusal(b"year\n" + b"2022\n" * 500_001)
    assert error.code == "read.too-many-rows"
    assert "500,000" in str(error)
    assert read_upload(b"year\n" + b"2022\n" * 500_000).row_numbers[-1] == 500_001


def test_too_many_columns_are_refused():
    header = ",".join(f"c{i}" for i in range(201)).encode()
    assert refusal(header + b"\r\n").code == "read.too-many-columns"


# Workbooks -----------------------------------------------------------------------------------


def test_a_workbook_is_read_as_text_cells():
    import datetime as dt

    data = xlsx_bytes([["TUN", 2022.0, "CIV", None, "TUN", "female", "adult", "other", 12]])
    table = read_upload(data)
    assert table.format == "xlsx"
    assert table.rows == [["TUN", "2022", "CIV", "", "TUN", "female", "adult", "other", "12"]]
    dated = read_upload(xlsx_bytes([[dt.datetime(2021, 3, 4), 2.5, True]], ("year", "b", "c")))
    assert dated.rows == [["2021-03-04", "2.5", "true"]]


def test_workbook_rows_keep_their_sheet_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A3"], sheet["B3"] = "year", "count"  # header on row 3
    sheet["A4"], sheet["B4"] = 2022, 3
    sheet["A9"], sheet["B9"] = 2023, 4
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_upload(buffer.getvalue())
    assert table.header == ("year", "count")
    assert table.row_numbers == [4, 9]


def test_formulas_are_never_evaluated_or_kept():
    workbook = openpyxl.Workbook()
    workbook.active.append(["year", "count"])
    workbook.active.append([2022, "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    # openpyxl wrote no cached value: the cell reads empty, not as the formula.
    assert read_upload(buffer.getvalue()).rows == [["2022", ""]]


def test_openpyxl_parses_xml_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def _rezip(data: bytes, replace: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as target:
        for entry in source.infolist():
            target.writestr(entry.filename, replace.pop(entry.filename, source.read(entry)))
        for name, content in replace.items():
            target.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def never_opened(monkeypatch):
    """Fail if openpyxl is asked to open the workbook at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook the archive check should refuse")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(never_opened):
    # 40 MB of one repeated row compresses about a thousand times.
    bomb = b'<row r="1"><c r="A1"><v>1</v></c></row>' * (40 * MB // 40)
    data = _rezip(xlsx_bytes([["TUN"]]), {"xl/worksheets/sheet2.xml": bomb})
    assert len(data) < MB
    error = refusal(data)
    assert error.code == "read.zip-ratio"
    assert "refused as unsafe" in str(error)


def test_a_workbook_expanding_past_the_size_limit_is_refused(never_opened):
    padding = bytes(range(256)) * (5 * MB // 256)  # does not compress much
    data = _rezip(xlsx_bytes([["TUN"]]), {"xl/media/padding.bin": padding})
    error = refusal(data, Limits(max_uncompressed=4 * MB))
    assert error.code == "read.zip-size"
    assert "4 MB" in str(error)


def test_a_workbook_of_too_many_parts_is_refused(never_opened):
    parts = {f"xl/extra/{i}.xml": b"<x/>" for i in range(1_001)}
    assert refusal(_rezip(xlsx_bytes([["TUN"]]), parts)).code == "read.zip-entries"


def test_other_compression_methods_are_refused(never_opened):
    data = _rezip(xlsx_bytes([["TUN"]]), {}, method=zipfile.ZIP_BZIP2)
    assert refusal(data).code == "read.zip-method"


def test_a_zip_that_is_not_a_workbook_is_not_a_table(never_opened):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert refusal(buffer.getvalue()).code == "read.not-a-table"


def test_xml_entities_in_a_workbook_are_refused():
    workbook = xlsx_bytes([[1]], ("year",))
    sheet = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet1.xml").decode()
    if sheet.startswith("<?xml"):
        sheet = sheet[sheet.index("?>") + 2 :]
    entities = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    bomb = entities + sheet.replace("<v>1</v>", "<v>&b;</v>")
    assert "&b;" in bomb
    data = _rezip(workbook, {"xl/worksheets/sheet1.xml": bomb.encode()})
    assert refusal(data).code == "read.xml-unsafe"


def test_a_sheet_of_endless_empty_rows_is_not_read_through():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["year"])
    sheet.append([2022])
    sheet.cell(row=3_000, column=1).value = 2023
    buffer = io.BytesIO()
    workbook.save(buffer)
    limits = Limits(max_rows=500)  # 3,000 rows read through exceed twice the limit and more
    assert refusal(buffer.getvalue(), limits).code == "read.too-many-rows"
    assert read_upload(buffer.getvalue()).row_numbers == [2, 3_000]
