"""Write docs/DATA.md, the data dictionary of every tidy table, from the schemas.

    .venv/bin/python scripts/data_dictionary.py           # rewrite docs/DATA.md
    .venv/bin/python scripts/data_dictionary.py --check   # exit 1 if it is out of date

The column meanings are the schemas' ``Field(description=...)`` — the same text the Data view
shows under its grid (translated there) — so they are written in one place.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.schemas import TABLES  # noqa: E402

OUT = ROOT / "docs" / "DATA.md"


def dictionary() -> str:
    lines = [
        "# Data dictionary",
        "",
        "The tidy tables in `data/` (CSV, UTF-8), as their schemas in `dashboard/schemas.py`",
        "declare them. Written by `scripts/data_dictionary.py`; do not edit by hand.",
        "",
    ]
    for name, model in TABLES.items():
        schema = model.to_schema()
        lines += [f"## `{name}`", "", (model.__doc__ or "").strip(), ""]
        lines += ["| column | type | meaning |", "|---|---|---|"]
        for column, spec in schema.columns.items():
            meaning = " ".join((spec.description or "").split()) or "—"
            nullable = ", may be empty" if spec.nullable else ""
            lines.append(f"| `{column}` | {spec.dtype}{nullable} | {meaning} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    text = dictionary()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.is_file() and OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
