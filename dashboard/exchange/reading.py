"""Reading an uploaded file into a table of text cells, safely, within limits.

- **What it is** is told from the bytes, not the name: a ZIP archive is read as an Excel
  workbook (``.xlsx``), anything else as delimited text (CSV). Old ``.xls`` files (and
  password-protected workbooks, which are the same kind of file) are refused with a message.
- **Characters** (CSV): UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
  "Unicode text"), else Windows-1256 when the text then reads as Arabic, else Windows-1252
  (French), else Latin-1. The delimiter is the one of ``,``, ``;`` or tab its header uses most
  (French spreadsheets write ``;``); an Excel ``sep=`` first line is obeyed.
- **Workbooks** are checked as archives before openpyxl opens them: the number of entries, the
  total uncompressed size and the compression ratio of large entries (a "zip bomb" expands a
  small file into gigabytes), and only stored or deflated entries (Python's ``zipfile`` never
  returns more than an entry's declared size, so the declared sizes bound the work). openpyxl
  then reads the first worksheet in read-only mode, cached values only (never formulas), its
  XML parsed by ``defusedxml`` (no entity expansion, no external entities).
- **Limits** (:class:`Limits`): 20 MB and 500,000 rows by default; over a limit, the file is
  refused with the limit named.

Rows are numbered as a spreadsheet shows them: the header is row 1. Every refusal is a
:class:`~dashboard.exchange.errors.ReadError` with a message in the user's language.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from dashboard.exchange.errors import ReadError
from dashboard.exchange.problems import Problem
from dashboard.text import N_, Message

MB = 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Limits:
    """What an upload may be: its size, rows, columns and, for workbooks, its archive."""

    max_bytes: int = 20 * MB
    max_rows: int = 500_000
    max_columns: int = 200
    max_zip_entries: int = 1_000
    max_uncompressed: int = 256 * MB
    #: The most an entry over 1 MB may expand (uncompressed size / compressed size).
    max_ratio: int = 200


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class RawTable:
    """A file's header and rows as text, with the spreadsheet number of each row."""

    header: tuple[str, ...]
    rows: list[list[str]]
    row_numbers: list[int]
    format: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    problems: tuple[Problem, ...] = field(default=())


_EMPTY = N_("The file is empty.")
_TOO_LARGE = N_("The file is {size} MB; the most the dashboard takes is {limit} MB.")
_TOO_MANY_ROWS = N_("The file has more than {limit} rows; the most the dashboard takes is {limit}.")
_TOO_MANY_COLUMNS = N_(
    "The file has more than {limit} columns; the most the dashboard takes is {limit}."
)
_NOT_TABLE = N_(
    "The file is neither a CSV file nor an Excel workbook (.xlsx): save it as one of these and "
    "upload it again."
)
_OLD_EXCEL = N_(
    "The file is an old Excel workbook (.xls) or is protected by a password: save it as an "
    "unprotected .xlsx workbook or as CSV, and upload it again."
)
_ENCODING = N_(
    "The file's characters could not be read: save it as “CSV UTF-8” and upload it again."
)
_CSV_BROKEN = N_(
    "The file cannot be read as CSV from row {row} on: a quote is opened and never closed, or a "
    "cell is far too long."
)
_NO_HEADER = N_("The file has no header: its first row must name the columns.")
_NO_SHEET = N_("The workbook has no worksheet.")
_DAMAGED = N_(
    "The workbook is damaged: open it in your spreadsheet program, save it again and upload it."
)
_ZIP_ENTRIES = N_(
    "The workbook holds more than {limit} parts, more than a spreadsheet needs: it is refused "
    "as unsafe. Save it again, or save it as CSV."
)
_ZIP_SIZE = N_(
    "The workbook would expand to more than {limit} MB: it is refused as unsafe. Save it as CSV, "
    "or split it."
)
_ZIP_RATIO = N_(
    "The workbook is compressed far more than a spreadsheet can be (one part expands {ratio} "
    "times): it is refused as unsafe. Save it again, or save it as CSV."
)
_ZIP_METHOD = N_(
    "The workbook is compressed or encrypted in a way spreadsheets do not use: it is refused as "
    "unsafe. Save it again from your spreadsheet program."
)
_XML_UNSAFE = N_(
    "The workbook holds XML constructs that spreadsheets never write (entities): it is refused "
    "as unsafe. Save it again from your spreadsheet program."
)
_RAGGED = N_("This row has {found} cells but the header names {expected} columns.")


def read_upload(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawTable:
    """The table in ``data`` (CSV or XLSX), or :class:`ReadError` saying why not."""
    if not data:
        raise ReadError("read.empty", Message(_EMPTY))
    if len(data) > limits.max_bytes:
        raise ReadError(
            "read.too-large",
            Message(
                _TOO_LARGE, {"size": round(len(data) / MB, 1), "limit": limits.max_bytes // MB}
            ),
        )
    if data.startswith(_ZIP_MAGIC):
        return read_xlsx(data, limits)
    if data.startswith(_OLE_MAGIC):
        raise ReadError("read.old-excel", Message(_OLD_EXCEL))
    return read_csv(data, limits)


# CSV ---------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and the encoding it was read in (see the module's docstring).

    Examples
    --------
    >>> decode("année".encode("cp1252")), decode("سنة".encode("cp1256"))
    (('année', 'cp1252'), ('سنة', 'cp1256'))
    >>> decode(codecs.BOM_UTF8 + "été".encode())
    ('été', 'utf-8-sig')
    """
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        raise ReadError("read.encoding", Message(_ENCODING)) from None
    if b"\x00" in data:
        raise ReadError("read.not-a-table", Message(_NOT_TABLE))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    arabic = data.decode("cp1256", errors="replace")
    non_ascii = [c for c in arabic if ord(c) > 127]
    if non_ascii and sum("\u0600" <= c <= "\u06ff" for c in non_ascii) > len(non_ascii) / 2:
        return arabic.replace("\ufffd", "?"), "cp1256"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


_SEP_LINE = re.compile(r"^sep=(.)\r?$")


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawTable:
    """The table of a delimited text file (see the module's docstring)."""
    text, encoding = decode(data)
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text[:4096]):
        raise ReadError("read.not-a-table", Message(_NOT_TABLE))
    first_line, _, rest = text.partition("\n")
    sep = _SEP_LINE.match(first_line)
    if sep:
        delimiter, text = sep.group(1), rest
        first_line = rest.partition("\n")[0]
    else:
        delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = _Rows(limits)
    row = 0
    try:
        for row, record in enumerate(reader, start=1):
            table.add(row, [cell.strip() for cell in record])
    except csv.Error:
        raise ReadError("read.csv-broken", Message(_CSV_BROKEN, {"row": str(row + 1)})) from None
    return table.result("csv", encoding, delimiter)


class _Rows:
    """Collects a file's rows: the header first, then non-empty rows within the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.header: list[str] | None = None
        self.rows: list[list[str]] = []
        self.numbers: list[int] = []
        self.problems: list[Problem] = []

    def add(self, row: int, cells: list[str]) -> None:
        if self.header is None:
            if any(cells):
                self.header = _header(cells, self.limits)
            return
        if not any(cells):
            return
        if len(self.rows) >= self.limits.max_rows:
            raise _too_many_rows(self.limits)
        width = len(self.header)
        if len(cells) > width and any(cells[width:]):
            found = width + max(i for i, cell in enumerate(cells[width:], 1) if cell)
            reason = Message(_RAGGED, {"found": found, "expected": width})
            self.problems.append(Problem("row.too-many-cells", reason, row=row))
        self.rows.append(_fit(cells, width))
        self.numbers.append(row)

    def result(self, kind: str, encoding: str | None = None, delimiter: str | None = None):
        if self.header is None:
            raise ReadError("read.no-header", Message(_NO_HEADER))
        return RawTable(
            tuple(self.header),
            self.rows,
            self.numbers,
            kind,
            encoding,
            delimiter,
            tuple(self.problems),
        )


def _too_many_rows(limits: Limits) -> ReadError:
    return ReadError("read.too-many-rows", Message(_TOO_MANY_ROWS, {"limit": limits.max_rows}))


def _header(record: list[str], limits: Limits) -> list[str]:
    names = [cell.strip().lstrip("\ufeff") for cell in record]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise ReadError("read.no-header", Message(_NO_HEADER))
    if len(names) > limits.max_columns:
        raise ReadError(
            "read.too-many-columns", Message(_TOO_MANY_COLUMNS, {"limit": limits.max_columns})
        )
    return names


def _fit(cells: list[str], width: int) -> list[str]:
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    return cells[:width]


# XLSX --------------------------------------------------------------------------------------


def check_archive(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a workbook whose archive is unsafe to open (see the module's docstring)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError("read.damaged", Message(_DAMAGED)) from None
    if len(entries) > limits.max_zip_entries:
        raise ReadError(
            "read.zip-entries", Message(_ZIP_ENTRIES, {"limit": limits.max_zip_entries})
        )
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_uncompressed:
        limit = limits.max_uncompressed // MB
        raise ReadError("read.zip-size", Message(_ZIP_SIZE, {"limit": limit}))
    for entry in entries:
        if entry.flag_bits & 0x1 or entry.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise ReadError("read.zip-method", Message(_ZIP_METHOD))
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > MB and ratio > limits.max_ratio:
            raise ReadError("read.zip-ratio", Message(_ZIP_RATIO, {"ratio": int(ratio)}))
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise ReadError("read.not-a-table", Message(_NOT_TABLE))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawTable:
    """The table of a workbook's first worksheet (see the module's docstring)."""
    check_archive(data, limits)
    import defusedxml
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_links=False
        )
        try:
            return _read_sheet(workbook, limits)
        finally:
            workbook.close()
    except ReadError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        if _unsafe_xml(error, defusedxml.DefusedXmlException):
            raise ReadError("read.xml-unsafe", Message(_XML_UNSAFE)) from None
        raise ReadError("read.damaged", Message(_DAMAGED)) from None


def _unsafe_xml(error: BaseException, kind: type) -> bool:
    """Whether ``error`` or one it was raised from is defusedxml's refusal."""
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def _read_sheet(workbook, limits: Limits) -> RawTable:
    if not workbook.worksheets:
        raise ReadError("read.no-sheet", Message(_NO_SHEET))
    sheet = workbook.worksheets[0]
    table = _Rows(limits)
    # Empty rows are skipped, but a sheet of a million formatted empty rows is not read through.
    budget = 2 * limits.max_rows + 1_000
    # Rows are as wide as the sheet's stated size; a sheet stating more columns than the limit
    # is read that far only (its header is then refused, or its extra cells reported).
    width = sheet.max_column
    bound = None if width is None or width <= limits.max_columns else limits.max_columns + 1
    values = sheet.iter_rows(min_row=1, max_col=bound, values_only=True)
    for row, record in enumerate(values, start=1):
        if row > budget:
            raise _too_many_rows(limits)
        end = len(record)
        while end and record[end - 1] is None:
            end -= 1
        table.add(row, [_cell_text(value) for value in record[:end]])
    return table.result("xlsx")
