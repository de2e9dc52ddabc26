"""From checked rows to counts: one cell per group, case rows added up, repeats refused.

A *cell* is one count of victims for one group: reporting country, year, origin, transit path,
destination, sex, age, exploitation and agency (:data:`CELL_KEY`). An aggregate row is a cell
as it is; case rows (one person each) of the same group are added up into one cell. Two
aggregate rows for the same group would count the same victims twice, as would an aggregate row
for a group that case rows also count: such rows are errors (all of them: which one is right is
the uploader's call), and are left out of the cells.
"""

from __future__ import annotations

import pandas as pd

from dashboard.exchange.problems import Plural, Problem, Severity
from dashboard.text import N_, Message
from dashboard.text.core import NN_

CELL_KEY = [
    "reporting_country",
    "year",
    "origin",
    "transit",
    "destination",
    "sex",
    "age",
    "exploitation",
    "source_agency",
]
#: A cell: its group, its count as an interval, and what the uploader said about it.
CELL_COLUMNS = [*CELL_KEY, "count_low", "count_high", "censored", "status", "record_type", "note"]
#: A checked row: where it is in the file, then its values in the template's codes.
ROW_COLUMNS = ["row", *CELL_COLUMNS]

_REPEATS = N_(
    "This row repeats the group of row {first} (same reporting country, year, origin, transit, "
    "destination, sex, age, exploitation and agency): give each group one row, or add them up."
)
_REPEATED = NN_(
    "This row's group is repeated in row {rows}: give each group one row, or add them up.",
    "This row's group is repeated in rows {rows}: give each group one row, or add them up.",
)
_OVERLAPS = N_(
    "This row counts a group that case rows also count (row {first}): the same victims would be "
    "counted twice."
)
_CASE_NOTES = NN_(
    "{n} case row has a note: notes of case rows are not kept, as they may describe a person.",
    "{n} case rows have notes: notes of case rows are not kept, as they may describe a person.",
)


def _key_frame(rows: pd.DataFrame) -> pd.DataFrame:
    return rows[CELL_KEY].astype(str)


def aggregate(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem], set[int]]:
    """The cells of valid ``rows`` (:data:`ROW_COLUMNS`), the problems found, and the rows
    (spreadsheet numbers) that are errors and were left out."""
    problems: list[Problem] = []
    bad: set[int] = set()
    is_case = rows["record_type"].eq("case")
    cases, counts = rows[is_case], rows[~is_case]

    keys = _key_frame(counts)
    repeated = keys.duplicated(keep=False)
    if repeated.any():
        groups = counts[repeated].groupby(list(keys.columns), sort=False)["row"]
        for _, numbers in groups:
            first, *others = numbers.tolist()
            shown = tuple(str(n) for n in others)
            reason = Plural(*_REPEATED, len(shown), {"rows": shown})
            problems.append(Problem("row.repeated", reason, row=int(first)))
            for number in others:
                reason = Message(_REPEATS, {"first": str(first)})
                problems.append(Problem("row.repeats", reason, row=int(number)))
            bad.update(int(n) for n in numbers)

    if len(cases) and len(counts):
        first_case = cases.assign(_key=_key_frame(cases).agg("\x1f".join, axis=1))
        first_case = first_case.drop_duplicates("_key").set_index("_key")["row"]
        count_keys = keys.agg("\x1f".join, axis=1)
        overlap = count_keys.isin(first_case.index)
        for number, key in zip(counts.loc[overlap, "row"], count_keys[overlap], strict=True):
            reason = Message(_OVERLAPS, {"first": str(first_case[key])})
            problems.append(Problem("row.overlaps-case", reason, row=int(number)))
            bad.add(int(number))

    noted = int(cases["note"].ne("").sum())
    if noted:
        reason = Plural(*_CASE_NOTES, noted)
        problems.append(Problem("case.notes-dropped", reason, Severity.WARNING))

    kept = counts[~counts["row"].isin(bad)]
    cells = [kept[CELL_COLUMNS]]
    if len(cases):
        flagged = cases.assign(
            provisional=cases["status"].eq("provisional"), final=cases["status"].eq("final")
        )
        grouped = flagged.groupby(CELL_KEY, sort=False, observed=True)
        added = grouped.agg(
            count_low=("count_low", "sum"),
            count_high=("count_high", "sum"),
            provisional=("provisional", "max"),
            final=("final", "min"),
        ).reset_index()
        status = added["final"].map({True: "final", False: ""})
        added["status"] = status.mask(added["provisional"], "provisional")
        added["censored"] = added["count_low"] != added["count_high"]
        added["record_type"] = "case"
        added["note"] = ""
        cells.append(added[CELL_COLUMNS])
    frame = (
        pd.concat(cells, ignore_index=True) if len(cells) > 1 else cells[0].reset_index(drop=True)
    )
    return frame, problems, bad
