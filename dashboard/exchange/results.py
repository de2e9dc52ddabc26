"""What a check returns: its summary, problems, valid rows and cells, and the upload to store.

These are plain values: the command line writes them as text (:mod:`dashboard.exchange.report`),
the app will show them as a table of problems and a preview of what will be stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.exchange.aggregate import CELL_COLUMNS, ROW_COLUMNS
from dashboard.exchange.errors import InvalidUploadError
from dashboard.exchange.problems import Plural, Problem
from dashboard.text import N_, Message
from dashboard.text.core import NN_

_NOTHING_VALID = N_("No row of the file is valid: nothing was stored.")
_REFUSED = N_("The file cannot be stored as it is: correct the problems of the whole file first.")
_HAS_ERRORS = NN_(
    "The file has {n} error: nothing was stored. Correct it and upload the file again, or keep "
    "only its valid rows.",
    "The file has {n} errors: nothing was stored. Correct them and upload the file again, or "
    "keep only its valid rows.",
)


@dataclass(frozen=True)
class Summary:
    """What a check read (counts of rows and cells; never a count of victims)."""

    filename: str | None
    format: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    rows: int = 0
    valid_rows: int = 0
    case_rows: int = 0
    cells: int = 0
    suppressed_cells: int = 0
    years: tuple[int, int] | None = None
    reporting_countries: tuple[str, ...] = ()
    #: Template column → the file's column(s) it was read from.
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Upload:
    """What a check accepted, ready to store: its cells and where they came from."""

    cells: pd.DataFrame
    summary: Summary
    rows_left_out: int = 0


@dataclass(frozen=True, eq=False)
class CheckResult:
    """Every problem of a file, and its valid rows and cells.

    ``rows`` and ``cells`` hold the exact counts, for the server's use (storing them, checking
    them); what the app shows of them before they are stored is :meth:`preview`. Problems quote
    the uploader's own cell values back to them, to say what is wrong.
    """

    summary: Summary
    problems: tuple[Problem, ...]
    #: Problem code → how many (all of them, listed or not).
    counts: dict[str, int]
    #: The valid rows, in the template's codes (:data:`~dashboard.exchange.aggregate.ROW_COLUMNS`).
    rows: pd.DataFrame
    #: The counts of the valid rows (:data:`~dashboard.exchange.aggregate.CELL_COLUMNS`).
    cells: pd.DataFrame
    #: Spreadsheet numbers of the rows with errors.
    invalid_rows: frozenset[int] = frozenset()
    #: A problem of the whole file (unreadable, a column refused …): nothing can be kept.
    refused: bool = False
    #: How many errors there are, listed or not (see ``counts``).
    error_total: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)

    @property
    def error_count(self) -> int:
        """Every error, listed or beyond the report's limit."""
        return max(self.error_total, len(self.errors))

    @property
    def ok(self) -> bool:
        return not self.refused and not self.errors

    def preview(self, k: int, limit: int = 200) -> pd.DataFrame:
        """The first ``limit`` counts as they would be published under threshold ``k``: what
        the app may show of a file before it is stored (never the exact small counts)."""
        from dashboard.exchange.convert import published_cells

        return published_cells(self.cells, k).head(limit)

    def upload(self, keep_valid_rows: bool = False) -> Upload:
        """The valid cells, to store. Raises :class:`InvalidUploadError` for a file with errors
        (unless ``keep_valid_rows``), a refused file, or a file without a valid row."""
        if self.refused:
            raise InvalidUploadError(Message(_REFUSED))
        if self.errors and not keep_valid_rows:
            raise InvalidUploadError(Plural(*_HAS_ERRORS, self.error_count))
        if self.cells.empty:
            raise InvalidUploadError(Message(_NOTHING_VALID))
        left_out = self.summary.rows - self.summary.valid_rows
        return Upload(self.cells, self.summary, left_out)


def refused(filename: str | None, problem: Problem) -> CheckResult:
    """The result of a file that could not be read at all."""
    empty_rows = pd.DataFrame(columns=ROW_COLUMNS)
    return CheckResult(
        Summary(filename),
        (problem,),
        {problem.code: 1},
        empty_rows,
        empty_rows[CELL_COLUMNS],
        refused=True,
        error_total=1,
    )
