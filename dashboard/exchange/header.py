"""Reading a file's header: which of its columns give which template column, and what is wrong.

:func:`plan_header` matches each column name of a file against the template's columns and the
names they are recognised by (:mod:`dashboard.exchange.columns`), and finds what makes the file
unusable as it is: columns that identify people, a name given twice, two columns giving the
same template column, a required column missing. Those are errors of the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.exchange.columns import (
    ALIASES,
    COALESCED,
    EXPLOITATION_FLAGS,
    REQUIRED,
    alias_rank,
    header_key,
    identifying_kind,
    template_column,
)
from dashboard.exchange.problems import Plural, Problem, Severity
from dashboard.text import N_, Message
from dashboard.text.core import NN_

_DUPLICATE = N_(
    "Two columns are named “{column}” (columns {first} and {second}): rename or remove one."
)
_CONFLICT = N_(
    "The columns {columns} all give the {template} column: keep one of them and remove the others."
)
_MISSING = N_("The file has no “{template}” column, which every upload needs.")
_MISSING_REPORTER = N_(
    "The file has no “reporting_country” column: add one, or give the reporting country of the "
    "whole file."
)
_UNUSED = NN_("This column is not used: {columns}.", "These columns are not used: {columns}.")
_ABSENT = N_("The file has no “{template}” column: every row counts as {template} unknown.")
_CASE_DATA = N_(
    "The file has no count column: each row is one person (case data), and rows are added up "
    "into counts."
)


def column_letter(index: int) -> str:
    """A spreadsheet's name for the column at ``index`` (0 → A, 26 → AA).

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class HeaderPlan:
    """Where each template column comes from in a file, and the header's problems."""

    #: Template column → the file's columns giving it, ``(index, name)`` in priority order.
    sources: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    #: CTDC-style exploitation flags: ``(index, name, code)``.
    flags: list[tuple[int, str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def has(self, column: str) -> bool:
        return column in self.sources

    def names(self, column: str) -> tuple[str, ...]:
        return tuple(name for _, name in self.sources.get(column, ()))


def plan_header(header: tuple[str, ...], reporting_country_given: bool = False) -> HeaderPlan:
    """Match ``header``'s names to the template (see the module's docstring).

    Examples
    --------
    >>> plan = plan_header(("Year", "citizenship", "CountryOfExploitation", "prs_FirstName"))
    >>> plan.sources["origin"], plan.refused
    ([(1, 'citizenship')], True)
    """
    plan = HeaderPlan()
    seen: dict[str, int] = {}
    unused: list[str] = []
    for index, name in enumerate(header):
        key = header_key(name)
        if not key:
            continue
        if key in seen:
            fields = {
                "column": name,
                "first": column_letter(seen[key]),
                "second": column_letter(index),
            }
            plan.problems.append(
                Problem("header.duplicate", Message(_DUPLICATE, fields), column=name)
            )
            continue
        seen[key] = index
        refusal = identifying_kind(name)
        if refusal is not None:
            plan.problems.append(
                Problem("header.identifying", Message(refusal, {"column": name}), column=name)
            )
            continue
        column = template_column(name)
        if column is not None:
            plan.sources.setdefault(column, []).append((index, name))
        elif key in EXPLOITATION_FLAGS:
            plan.flags.append((index, name, EXPLOITATION_FLAGS[key]))
        else:
            unused.append(name)
    for column, found in plan.sources.items():
        found.sort(key=lambda source: alias_rank(column, source[1]))
        if len(found) > 1 and column not in COALESCED:
            names = tuple(name for _, name in found)
            reason = Message(_CONFLICT, {"columns": names, "template": column})
            plan.problems.append(Problem("header.conflict", reason))
    if "exploitation" in plan.sources and plan.flags:
        unused.extend(name for _, name, _ in plan.flags)
        plan.flags.clear()
    for column in ALIASES:
        if column in plan.sources or column not in REQUIRED:
            continue
        if column == "reporting_country":
            if not reporting_country_given:
                reason = Message(_MISSING_REPORTER)
                plan.problems.append(Problem("header.missing", reason, column=None))
        else:
            reason = Message(_MISSING, {"template": column})
            plan.problems.append(Problem("header.missing", reason))
    for column in ("sex", "age", "exploitation"):
        if column not in plan.sources and not (column == "exploitation" and plan.flags):
            reason = Message(_ABSENT, {"template": column})
            plan.problems.append(Problem("header.absent", reason, Severity.WARNING))
    if "count" not in plan.sources:
        plan.problems.append(Problem("header.case-data", Message(_CASE_DATA), Severity.WARNING))
    if unused:
        reason = Plural(*_UNUSED, len(unused), {"columns": tuple(unused)})
        plan.problems.append(Problem("header.unused", reason, Severity.WARNING))
    return plan
