"""A check's result as text, in one language: what ``python -m dashboard check`` prints.

:func:`report_lines` writes the verdict, then every error (row, column, value, reason), the
warnings, and a summary of what would be stored. The app renders the same
:class:`~dashboard.exchange.results.CheckResult` as tables, with the same sentences
(:func:`~dashboard.exchange.problems.render`, :func:`~dashboard.exchange.problems.describe`).
"""

from __future__ import annotations

from dashboard.exchange.problems import Plural, Problem, describe, render
from dashboard.exchange.results import CheckResult, Summary
from dashboard.text import N_, Text
from dashboard.text.core import NN_

_OK = N_("{filename}: no errors.")
_ERRORS = NN_("{filename}: {n} error.", "{filename}: {n} errors.")
_NOT_LISTED = NN_(
    "… and {n} more problem, not listed.",
    "… and {n} more problems, not listed.",
)
_WARNING = N_("Warning: {problem}")
_READ = N_("Read as {format}.")
_READ_CSV = N_("Read as CSV, in {encoding}, columns separated by “{delimiter}”.")
_TAB = N_("tab")
_ROWS = NN_("{n} row of data; {valid} valid.", "{n} rows of data; {valid} valid.")
_CASES = NN_(
    "{n} of them is a case (one person), added up into counts.",
    "{n} of them are cases (one person each), added up into counts.",
)
_CELLS = NN_(
    "{n} count would be stored, for {years}, reported by {countries}.",
    "{n} counts would be stored, for {years}, reported by {countries}.",
)
_SUPPRESSED = NN_(
    "{n} of them was given as a suppressed count (such as <5).",
    "{n} of them were given as suppressed counts (such as <5).",
)
_COLUMNS = N_("Columns read: {columns}.")
_COLUMN_FROM = N_("{template} from {columns}")
_FORMATS = {"csv": "CSV", "xlsx": "Excel (.xlsx)"}
_ENCODINGS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1256": "Windows-1256",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1",
}


def summary_lines(text: Text, summary: Summary) -> list[str]:
    """What a check read and would store, in ``text``'s language."""
    lines = []
    if summary.format == "csv":
        delimiter = text.gettext(_TAB) if summary.delimiter == "\t" else summary.delimiter
        encoding = _ENCODINGS.get(summary.encoding or "", summary.encoding)
        lines.append(text.gettext(_READ_CSV, encoding=encoding, delimiter=delimiter))
    elif summary.format:
        lines.append(text.gettext(_READ, format=_FORMATS.get(summary.format, summary.format)))
    if summary.columns:
        pairs = [
            name
            if names == (name,)
            else text.gettext(_COLUMN_FROM, template=name, columns=text.join(names))
            for name, names in summary.columns.items()
        ]
        lines.append(text.gettext(_COLUMNS, columns=text.join(pairs)))
    fields = {"valid": summary.valid_rows}
    lines.append(render(text, Plural(*_ROWS, summary.rows, fields)))
    if summary.case_rows:
        lines.append(render(text, Plural(*_CASES, summary.case_rows)))
    if summary.cells and summary.years:
        years = text.span(*summary.years)
        countries = tuple(summary.reporting_countries)
        reason = Plural(*_CELLS, summary.cells, {"years": years, "countries": countries})
        lines.append(render(text, reason))
    if summary.suppressed_cells:
        lines.append(render(text, Plural(*_SUPPRESSED, summary.suppressed_cells)))
    return lines


def _problem_lines(text: Text, problems: tuple[Problem, ...]) -> list[str]:
    lines = []
    for problem in problems:
        line = describe(text, problem)
        if not problem.is_error:
            line = text.gettext(_WARNING, problem=line)
        lines.append(line)
    return lines


def report_lines(text: Text, result: CheckResult) -> list[str]:
    """The whole report of ``result``: verdict, errors, warnings, summary."""
    filename = result.summary.filename or "-"
    if result.ok:
        lines = [text.gettext(_OK, filename=filename)]
    else:
        count = result.error_count
        lines = [render(text, Plural(*_ERRORS, count, {"filename": filename}))]
    lines += _problem_lines(text, result.errors)
    total = sum(result.counts.values())
    if total > len(result.problems):
        lines.append(render(text, Plural(*_NOT_LISTED, total - len(result.problems))))
    lines += _problem_lines(text, result.warnings)
    if result.summary.format:
        lines += summary_lines(text, result.summary)
    return lines
