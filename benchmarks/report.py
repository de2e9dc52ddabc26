"""The results as a markdown table."""

from __future__ import annotations

from benchmarks.stats import Row

COLUMNS = ("area", "what", "runs", "median ms", "p95 ms", "JSON kB", "traces", "ratio", "budget")
COLUMNS = (*COLUMNS, "pass")


def _number(value: float | None, digits: int = 0) -> str:
    if value is None:
        return ""
    return f"{value:,.{digits}f}"


def _cells(row: Row) -> list[str]:
    status = {True: "✅ pass", False: "❌ FAIL", None: ""}[row.ok]
    what = f"{row.what} ({row.note})" if row.note else row.what
    return [
        row.area,
        what,
        "" if row.runs is None else str(row.runs),
        _number(row.median_ms, 1),
        _number(row.p95_ms, 1),
        _number(row.json_kb, 1),
        "" if row.traces is None else str(row.traces),
        row.ratio,
        row.budget,
        status,
    ]


def markdown_table(rows: list[Row]) -> str:
    """A GitHub markdown table of ``rows`` with the columns of :data:`COLUMNS`."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = [c.replace("|", "\\|") for c in _cells(row)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def budget_summary(rows: list[Row]) -> str:
    judged = [r for r in rows if r.ok is not None]
    failed = [r for r in judged if not r.ok]
    return f"{len(judged) - len(failed)} of {len(judged)} budget checks pass."
