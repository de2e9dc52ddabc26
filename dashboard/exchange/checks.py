"""Checking an upload: every cell against the template, every problem reported, nothing stored.

:func:`check_bytes` (or :func:`check_file`) reads a file (:mod:`~dashboard.exchange.reading`),
matches its header (:mod:`~dashboard.exchange.header`), reads every cell in the dashboard's
codes (:mod:`~dashboard.exchange.vocabulary`, :mod:`~dashboard.exchange.places`) and adds case
rows up (:mod:`~dashboard.exchange.aggregate`). It never raises on bad input: the
:class:`CheckResult` lists every problem (row as a spreadsheet numbers it, column as the file
names it, value as written, reason as a message) and holds the valid rows and their cells.

Empty cells: ``origin``, ``destination``, ``sex``, ``age`` and ``exploitation`` count as
unknown (a warning says how many); ``transit``, ``status``, ``source_agency`` and ``note`` may
be empty; ``reporting_country`` and ``year`` may not, nor ``count`` in an aggregate row (a case
row's empty count is one person).

Only :meth:`CheckResult.upload` turns a result into something to store, and it refuses a file
with errors unless asked to keep only the valid rows (never when the file itself is refused).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.exchange.aggregate import ROW_COLUMNS, aggregate
from dashboard.exchange.columns import COLUMN_NAMES, TEXT_LIMITS
from dashboard.exchange.errors import ReadError
from dashboard.exchange.header import HeaderPlan, plan_header
from dashboard.exchange.places import UNKNOWN, Places, default_places
from dashboard.exchange.problems import Plural, Problem, Severity
from dashboard.exchange.reading import DEFAULT_LIMITS, MB, Limits, RawTable, read_upload
from dashboard.exchange.results import CheckResult, Summary, refused
from dashboard.exchange.vocabulary import (
    InvalidValueError,
    parse_age,
    parse_count,
    parse_exploitation,
    parse_flag,
    parse_record_type,
    parse_sex,
    parse_status,
    parse_year,
)
from dashboard.text import N_, Message
from dashboard.text.core import NN_

#: Problems beyond this many are counted (:attr:`CheckResult.counts`) but not listed.
MAX_REPORTED = 100_000

_EMPTY = N_("This cell is empty: it must be filled in.")
_NOT_PLACE = N_(
    "“{value}” is not a country the dashboard knows: write its ISO 3166 code (such as TUN or TN) "
    "or its name."
)
_NOT_REPORTER = N_("“{value}” is not a country: the reporting country must be one.")
_NOT_DESTINATION = N_("“{value}” is not a country: write the country of destination, or unknown.")
_NOT_TRANSIT = N_(
    "“{value}” in the transit path is not a country the dashboard knows: write countries (codes "
    "or names) separated by “;”, in travel order."
)
_TOO_LONG = N_("This text is {length} characters long; the most this column takes is {limit}.")
_CASE_COUNT = N_("A case row is one person: its count must be empty or 1, not “{value}”.")
_NO_COUNT = N_("This row says it is an aggregate, but the file has no count column.")
_EMPTY_UNKNOWN = NN_(
    "{n} row has no {column}: it counts as unknown.",
    "{n} rows have no {column}: they count as unknown.",
)
_MISSING_FILE = N_("The file “{filename}” cannot be opened.")
_NO_ROWS = N_("The file has a header but no rows of data.")
_TOO_LARGE = N_("The file is {size} MB; the most the dashboard takes is {limit} MB.")


def check_file(path: Path, limits: Limits = DEFAULT_LIMITS, **options: object) -> CheckResult:
    """:func:`check_bytes` of the file at ``path`` (too large a file is refused unread)."""
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            fields = {"size": round(size / MB, 1), "limit": limits.max_bytes // MB}
            return refused(path.name, Problem("read.too-large", Message(_TOO_LARGE, fields)))
        data = path.read_bytes()
    except OSError:
        reason = Message(_MISSING_FILE, {"filename": path.name})
        return refused(path.name, Problem("read.missing", reason))
    return check_bytes(data, path.name, limits=limits, **options)


def check_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    reporting_country: str | None = None,
    places: Places | None = None,
    today: dt.date | None = None,
    max_reported: int = MAX_REPORTED,
) -> CheckResult:
    """Check an uploaded file (see the module's docstring); never raises on bad input.

    ``reporting_country`` is the reporting country of every row when the file has no such
    column (a code or name).
    """
    try:
        table = read_upload(data, limits)
    except ReadError as error:
        return refused(filename, error.problem())
    places = places or default_places()
    plan = plan_header(table.header, reporting_country_given=reporting_country is not None)
    if not table.rows:
        plan.problems.append(Problem("read.no-rows", Message(_NO_ROWS)))
    if reporting_country is not None and not plan.has("reporting_country"):
        given = places.resolve(reporting_country)
        if given is None or not places.is_country(given):
            reason = Message(_NOT_REPORTER, {"value": reporting_country})
            plan.problems.append(Problem("option.reporting-country", reason))
    check = _Check(table, plan, places, today, max_reported)
    rows = check.run(reporting_country)
    valid = rows[~rows["row"].isin(check.bad_rows)]
    cells, problems, repeated = aggregate(valid)
    for problem in problems:
        check.add(problem)
    check.bad_rows.update(repeated)
    valid = valid[~valid["row"].isin(repeated)].reset_index(drop=True)
    summary = _summary(filename, table, plan, valid, cells)
    place = {name: index for index, name in enumerate(table.header)}

    def order(problem: Problem) -> tuple[int, int, int]:
        column = place.get(problem.column, len(place)) if problem.column else len(place)
        return (problem.row is not None, problem.row or 0, column)

    return CheckResult(
        summary,
        tuple(sorted(check.problems, key=order)),
        dict(check.counts),
        valid,
        cells,
        frozenset(check.bad_rows),
        refused=plan.refused,
        error_total=check.errors,
    )


def _summary(filename, table: RawTable, plan: HeaderPlan, rows, cells) -> Summary:
    years = (int(cells["year"].min()), int(cells["year"].max())) if len(cells) else None
    return Summary(
        filename=filename,
        format=table.format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        rows=len(table.rows),
        valid_rows=len(rows),
        case_rows=int(rows["record_type"].eq("case").sum()),
        cells=len(cells),
        suppressed_cells=int(cells["censored"].sum()),
        years=years,
        reporting_countries=tuple(sorted(set(cells["reporting_country"]))),
        columns=_columns_read(plan),
    )


def _columns_read(plan: HeaderPlan) -> dict[str, tuple[str, ...]]:
    columns = {column: plan.names(column) for column in COLUMN_NAMES if plan.has(column)}
    if plan.flags:
        columns["exploitation"] = tuple(name for _, name, _ in plan.flags)
    return {column: columns[column] for column in COLUMN_NAMES if column in columns}


class _Required:
    """Marks a column whose empty cells are errors."""


REQUIRED = _Required()


class _Check:
    """The state of one check: the table, the problems found so far, the rows with errors."""

    def __init__(self, table: RawTable, plan: HeaderPlan, places: Places, today, limit: int):
        self.table, self.plan, self.places, self.today = table, plan, places, today
        self.limit = limit
        self.numbers = np.asarray(table.row_numbers, dtype=np.int64)
        self.n = len(table.rows)
        self.problems: list[Problem] = []
        self.counts: Counter[str] = Counter()
        self.bad_rows: set[int] = set()
        self.errors = 0
        for problem in [*plan.problems, *table.problems]:
            self.add(problem)

    def add(self, problem: Problem) -> None:
        self.counts[problem.code] += 1
        if problem.is_error:
            self.errors += 1
            if problem.row is not None:
                self.bad_rows.add(problem.row)
        if len(self.problems) < self.limit:
            self.problems.append(problem)

    def cells(self, index: int) -> np.ndarray:
        return np.array([row[index] for row in self.table.rows], dtype=object)

    def source(self, column: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The text of ``column`` in each row and the file's column it came from (coalescing
        several recognised columns: the first filled one)."""
        found = self.plan.sources.get(column)
        if not found:
            return None
        values = self.cells(found[0][0])
        names = np.full(self.n, found[0][1], dtype=object)
        for index, name in found[1:]:
            empty = values == ""
            if not empty.any():
                break
            other = self.cells(index)
            values = np.where(empty, other, values)
            names = np.where(empty, name, names)
        return values, names

    def parse(
        self,
        values: np.ndarray,
        names: np.ndarray,
        parse: Callable[[str], object],
        empty: object,
    ) -> np.ndarray:
        """Each cell parsed once per distinct value; a failure is reported at every row."""
        codes, uniques = pd.factorize(values)
        results = np.empty(len(uniques), dtype=object)
        failures: dict[int, tuple[str, object]] = {}
        for i, value in enumerate(uniques):
            if value == "":
                if empty is REQUIRED:
                    failures[i] = ("required.empty", Message(_EMPTY))
                else:
                    results[i] = empty
                continue
            try:
                results[i] = parse(value)
            except InvalidValueError as error:
                failures[i] = (error.code, error.reason)
        if failures:
            failing = np.isin(codes, np.fromiter(failures, dtype=np.int64))
            for position in np.flatnonzero(failing):
                code, reason = failures[codes[position]]
                value = str(values[position])
                self.add(
                    Problem(
                        code,
                        reason,
                        row=int(self.numbers[position]),
                        column=str(names[position]),
                        value=value if len(value) <= 100 else value[:99] + "…",
                    )
                )
        return results[codes] if len(codes) else np.empty(0, dtype=object)

    def column(self, column: str, parse: Callable[[str], object], empty: object, absent: object):
        source = self.source(column)
        if source is None:
            return np.full(self.n, absent, dtype=object)
        values, names = source
        if empty == UNKNOWN:
            blank = int((values == "").sum())
            if blank:
                reason = Plural(*_EMPTY_UNKNOWN, blank, {"column": str(names[0])})
                self.add(Problem("cell.empty-unknown", reason, Severity.WARNING))
        return self.parse(values, names, parse, empty)

    def place(self, message: str, allow: Callable[[str], bool]) -> Callable[[str], str]:
        def parse(value: str) -> str:
            code = self.places.resolve(value)
            if code is None:
                raise InvalidValueError("place.unknown", _NOT_PLACE, value=value)
            if not allow(code):
                raise InvalidValueError("place.not-country", message, value=value)
            return code

        return parse

    def transit(self, value: str) -> str:
        stops = []
        for part in value.split(";"):
            if not part.strip():
                continue
            code = self.places.resolve(part)
            if code is None or not self.places.is_country(code):
                raise InvalidValueError("transit.unknown", _NOT_TRANSIT, value=part.strip())
            stops.append(code)
        return ";".join(stops)

    def text(self, column: str):
        limit = TEXT_LIMITS[column]

        def parse(value: str) -> str:
            if len(value) > limit:
                raise InvalidValueError("text.too-long", _TOO_LONG, length=len(value), limit=limit)
            return value

        return self.column(column, parse, "", "")

    def run(self, reporting_country: str | None) -> pd.DataFrame:
        places = self.places
        is_country = places.is_country
        reporter = self.place(_NOT_REPORTER, is_country)
        if self.plan.has("reporting_country") or reporting_country is None:
            reporters = self.column("reporting_country", reporter, REQUIRED, "")
        else:
            given = places.resolve(reporting_country)
            reporters = np.full(self.n, given if given and is_country(given) else "", dtype=object)
        year = self.column("year", lambda v: parse_year(v, self.today), REQUIRED, 0)
        origin = self.column("origin", self.place(_NOT_PLACE, lambda c: True), UNKNOWN, UNKNOWN)
        destination = self.column(
            "destination",
            self.place(_NOT_DESTINATION, lambda c: c == UNKNOWN or is_country(c)),
            UNKNOWN,
            UNKNOWN,
        )
        transit = self.column("transit", self.transit, "", "")
        sex = self.column("sex", parse_sex, UNKNOWN, UNKNOWN)
        age = self.column("age", parse_age, UNKNOWN, UNKNOWN)
        if self.plan.flags:
            exploitation = self.flags()
        else:
            exploitation = self.column("exploitation", parse_exploitation, UNKNOWN, UNKNOWN)
        status = self.column("status", parse_status, "", "")
        low, high, record_type = self.counts_and_types()
        frame = pd.DataFrame(
            {
                "row": self.numbers,
                "reporting_country": reporters,
                "year": year,
                "origin": origin,
                "transit": transit,
                "destination": destination,
                "sex": sex,
                "age": age,
                "exploitation": exploitation,
                "source_agency": self.text("source_agency"),
                "count_low": low,
                "count_high": high,
                "censored": low != high,
                "status": status,
                "record_type": record_type,
                "note": self.text("note"),
            }
        )
        return _typed(frame)

    def flags(self) -> np.ndarray:
        marked: dict[str, np.ndarray] = {}
        for index, name, code in self.plan.flags:
            values = self.cells(index)
            names = np.full(self.n, name, dtype=object)
            flag = self.parse(values, names, parse_flag, False).astype(bool)
            marked[code] = marked.get(code, np.zeros(self.n, dtype=bool)) | flag
        order = [
            code for code in ("sexual-exploitation", "forced-labour", "other") if code in marked
        ]
        how_many = sum((marked[code].astype(int) for code in order), np.zeros(self.n, dtype=int))
        result = np.full(self.n, UNKNOWN, dtype=object)
        for code in order:
            result[marked[code] & (how_many == 1)] = code
        result[how_many > 1] = "mixed"
        if "mixed" in marked:
            result[marked["mixed"]] = "mixed"
        return result

    def counts_and_types(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each row's count and record type: a row is an aggregate when the file has a count
        column, else a case (one person), unless its ``record_type`` says otherwise."""
        has_count = self.plan.has("count")
        kinds = self.column("record_type", parse_record_type, None, None)
        counts = self.column("count", parse_count, None, None)
        blank = np.full(self.n, "", dtype=object)
        count_text, count_names = self.source("count") or (blank, blank)
        type_names = (self.source("record_type") or (blank, blank))[1]
        low = np.ones(self.n, dtype=np.int64)
        high = np.ones(self.n, dtype=np.int64)
        record_type = np.empty(self.n, dtype=object)
        for i in range(self.n):
            kind = kinds[i] or ("aggregate" if has_count else "case")
            record_type[i] = kind
            count, text = counts[i], count_text[i]
            where = {"row": int(self.numbers[i])}
            if kind == "aggregate" and not has_count:
                where["column"] = str(type_names[i])
                self.add(Problem("record_type.no-count", Message(_NO_COUNT), **where))
            elif kind == "aggregate" and text == "":
                where.update(column=str(count_names[i]), value="")
                self.add(Problem("required.empty", Message(_EMPTY), **where))
            elif kind == "aggregate" and count is not None:
                low[i], high[i] = count
            elif kind == "case" and count is not None and count != (1, 1):
                reason = Message(_CASE_COUNT, {"value": text})
                where.update(column=str(count_names[i]), value=text)
                self.add(Problem("count.case", reason, **where))
        return low, high, record_type


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The checked rows with the store's types (rows with errors hold placeholders)."""
    typed = frame.copy()
    for column in ROW_COLUMNS:
        if column in ("row", "year", "count_low", "count_high"):
            typed[column] = pd.to_numeric(typed[column].fillna(0)).astype("int64")
        elif column == "censored":
            typed[column] = typed[column].astype(bool)
        else:
            typed[column] = typed[column].fillna("").astype(str)
    return typed[ROW_COLUMNS]
