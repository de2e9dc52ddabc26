"""The upload template: a CSV header, and an Excel workbook with its data dictionary.

The column names are the same in every language (they are codes, read back whatever the
language); what the dictionary says about them is in the user's: :func:`dictionary` gives its
rows (for the app to show), :func:`template_xlsx` a workbook with three sheets, in the language
of a :class:`~dashboard.text.Text` (right to left for Arabic): the data sheet (the header, lists
to choose the coded values from), the dictionary and the countries with their codes.
"""

from __future__ import annotations

import io

from dashboard.exchange.columns import COLUMN_NAMES, COLUMNS
from dashboard.exchange.vocabulary import AGES, EXPLOITATIONS, RECORD_TYPES, SEXES, STATUSES
from dashboard.text import N_, Text

_DATA = N_("Data")
_DICTIONARY = N_("Dictionary")
_COUNTRIES = N_("Countries")
_HEADINGS = (N_("Column"), N_("Required"), N_("What it holds"), N_("Values"), N_("Example"))
_YES, _NO = N_("yes"), N_("no")
_COUNTRY_HEADINGS = (N_("ISO 3166 alpha-3 code"), N_("Alpha-2 code"), N_("Name"))
_NOTES = (
    N_(
        "One row per count: how many victims share one reporting country, year, origin, "
        "transit, destination, sex, age and form of exploitation."
    ),
    N_(
        "Case data (one row per person, as HTCDS and CTDC files are) is accepted too: leave the "
        "count column out, and the rows are added up into counts."
    ),
    N_(
        "Never include names, birth dates, document numbers or contact details: a file with "
        "such a column is refused."
    ),
    N_(
        "The data stay private to your workspace; every number shown or exported from them "
        "gives small counts as a range, never exactly."
    ),
)
_CHOOSE = N_("Choose one of the values of the list.")
#: Coded columns and the values their cells may be chosen from in the workbook.
CHOICES = {
    "sex": SEXES,
    "age": AGES,
    "exploitation": EXPLOITATIONS,
    "status": STATUSES,
    "record_type": RECORD_TYPES,
}
_SHEET_ROWS = 100_000


def template_csv() -> bytes:
    """The template as CSV: the header alone, UTF-8 with a byte-order mark."""
    return ("\ufeff" + ",".join(COLUMN_NAMES) + "\r\n").encode("utf-8")


def dictionary(text: Text) -> list[dict[str, str]]:
    """One entry per column: ``column, required, description, values, example``."""
    return [
        {
            "column": spec.name,
            "required": text.gettext(_YES if spec.required else _NO),
            "description": text.gettext(spec.description),
            "values": text.gettext(spec.values),
            "example": spec.example,
        }
        for spec in COLUMNS
    ]


def template_filename(kind: str, lang: str) -> str:
    """``upload-template_fr.xlsx`` …"""
    return f"upload-template_{lang}.{kind}"


def _sheet_name(text: Text, message: str) -> str:
    name = text.gettext(message)
    return "".join(c for c in name if c not in "[]:*?/\\")[:31] or message


def template_xlsx(text: Text) -> bytes:
    """The template as an Excel workbook, in ``text``'s language (see the module's docstring)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    data = workbook.active
    data.title = _sheet_name(text, _DATA)
    data.append(list(COLUMN_NAMES))
    for index, name in enumerate(COLUMN_NAMES, start=1):
        letter = get_column_letter(index)
        data[f"{letter}1"].font = Font(bold=True)
        data.column_dimensions[letter].width = max(14, len(name) + 4)
        if name in CHOICES:
            check = DataValidation(
                type="list",
                formula1='"' + ",".join(CHOICES[name]) + '"',
                allow_blank=True,
                showErrorMessage=True,
                error=text.gettext(_CHOOSE),
            )
            check.add(f"{letter}2:{letter}{_SHEET_ROWS}")
            data.add_data_validation(check)
    data.freeze_panes = "A2"

    sheet = workbook.create_sheet(_sheet_name(text, _DICTIONARY))
    sheet.append([text.gettext(heading) for heading in _HEADINGS])
    for entry in dictionary(text):
        sheet.append(list(entry.values()))
    sheet.append([])
    for note in _NOTES:
        sheet.append([text.gettext(note)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDE", (18, 10, 60, 60, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")

    sheet_countries = workbook.create_sheet(_sheet_name(text, _COUNTRIES))
    sheet_countries.append([text.gettext(heading) for heading in _COUNTRY_HEADINGS])
    for cell in sheet_countries[1]:
        cell.font = Font(bold=True)
    for row in _country_rows(text.lang):
        sheet_countries.append(row)
    for letter, width in zip("ABC", (22, 14, 40), strict=True):
        sheet_countries.column_dimensions[letter].width = width

    if text.direction == "rtl":
        for worksheet in workbook.worksheets:
            worksheet.sheet_view.rightToLeft = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _country_rows(lang: str) -> list[list[str]]:
    from dashboard.exchange.places import read_alpha2
    from dashboard.paths import DATA_DIR
    from dashboard.tables import read_table

    countries = read_table("countries", DATA_DIR)
    alpha2 = {iso3: code for code, iso3 in read_alpha2().items()}
    column = f"name_{lang}" if f"name_{lang}" in countries.columns else "name_en"
    names = countries.set_index("iso3")[column].to_dict()
    return [[iso3, alpha2.get(iso3, ""), names[iso3]] for iso3 in sorted(names)]
