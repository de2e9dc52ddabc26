"""What a check finds: problems (errors and warnings), the messages they carry, and how they are
written out in a language.

Everything here is language-free until :func:`render`: a :class:`Problem` holds the row (as a
spreadsheet numbers it: the header is row 1), the column (as the file names it), the value (as
written) and a reason, a :class:`~dashboard.text.Message` or a :class:`Plural` whose fields are
raw values (constants are marked with :func:`~dashboard.text.N_`, pairs of plural forms with
:func:`~dashboard.text.NN_`). :func:`render` writes a message in a
:class:`~dashboard.text.Text`'s language: numbers formatted as the language writes them, lists
joined with its words, plurals chosen by its rules. The command line and the app render the
same results in different languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from dashboard.text import N_, Message, Text


@dataclass(frozen=True)
class Plural:
    """A message with singular and plural forms, chosen by ``n`` when rendered."""

    singular: str
    plural: str
    n: int
    fields: Mapping[str, object] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash((self.singular, self.n, tuple(sorted(map(str, self.fields.items())))))


Reason = Message | Plural


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing a check found.

    ``row`` is ``None`` for a problem of the whole file (its header, its size …); ``column`` is
    ``None`` when no single column is at fault. ``code`` is stable (``count.invalid``), for
    programs and tests; ``reason`` is the sentence people read.
    """

    code: str
    reason: Reason
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


#: How a problem at a row and column is written as one line (the reason is a whole sentence).
AT_ROW_COLUMN = N_("Row {row}, column “{column}”: {reason}")
AT_ROW = N_("Row {row}: {reason}")
AT_COLUMN = N_("Column “{column}”: {reason}")


def _field(text: Text, value: object) -> object:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return text.number(value)
    if isinstance(value, float):
        return text.number(value, 0 if value.is_integer() else 1)
    if isinstance(value, tuple | list | frozenset | set):
        items = sorted(value) if isinstance(value, frozenset | set) else value
        return text.join([str(item) for item in items])
    return value


def render(text: Text, reason: Reason) -> str:
    """``reason`` in ``text``'s language, its number fields formatted and list fields joined.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> render(ENGLISH, Message("{n} rows from {countries}", {"n": 1234, "countries": ("A", "B")}))
    '1,234 rows from A and B'
    >>> render(ENGLISH, Plural("{n} row", "{n} rows", 1))
    '1 row'
    """
    if isinstance(reason, Plural):
        fields = {key: _field(text, value) for key, value in reason.fields.items()}
        return text.ngettext(reason.singular, reason.plural, reason.n, **fields)
    fields = {key: _field(text, value) for key, value in reason.fields.items()}
    return text.gettext(reason.message, **fields)


def describe(text: Text, problem: Problem) -> str:
    """One line for ``problem``: where it is, then why (for a text report such as the CLI's).

    Rows are not grouped as numbers (a spreadsheet shows row 1234, not 1,234).
    """
    reason = render(text, problem.reason)
    if problem.row is not None and problem.column is not None:
        return text.gettext(AT_ROW_COLUMN, row=problem.row, column=problem.column, reason=reason)
    if problem.row is not None:
        return text.gettext(AT_ROW, row=problem.row, reason=reason)
    if problem.column is not None:
        return text.gettext(AT_COLUMN, column=problem.column, reason=reason)
    return reason
