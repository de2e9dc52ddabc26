"""Reading and writing the tidy CSV tables in ``data/`` (the only place that touches them).

Tables are plain UTF-8 CSV so that a reader can open them and ``git diff`` shows what a rebuild
changed. Writing is deterministic: rows sorted by the table's key, floats in a fixed format,
shortest round-trip floats, ``\\n`` line endings, so the same input gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.schemas import TABLES, validate


def _dtype_name(dtype: object) -> str:
    # pandera names text columns after pandas' string storage ("str", "string[python]",
    # "string[pyarrow]" depending on what is installed): all of them are pandas' "str".
    name = str(dtype)
    return "str" if name == "str" or name.startswith("string") else name


def column_dtypes(name: str) -> dict[str, str]:
    """The pandas dtype of every column of table ``name``, from its schema."""
    columns = TABLES[name].to_schema().columns
    return {col: _dtype_name(spec.dtype) for col, spec in columns.items()}


def sort_key(name: str) -> list[str]:
    """Columns that order the rows of table ``name`` (its unique key, else all columns)."""
    schema = TABLES[name].to_schema()
    unique = schema.unique
    if unique:
        return list(unique)
    return list(schema.columns)


def read_table(name: str, data_dir: Path) -> pd.DataFrame:
    """Read ``data_dir/<name>.csv`` with the schema's dtypes and validate it."""
    dtypes = column_dtypes(name)
    bools = [c for c, d in dtypes.items() if d == "bool"]
    frame = pd.read_csv(
        data_dir / f"{name}.csv",
        dtype={c: d for c, d in dtypes.items() if d != "bool"},
        keep_default_na=False,
        na_values={c: [""] for c, d in dtypes.items() if d != "str" or _nullable(name, c)},
        encoding="utf-8",
    )
    for col in bools:
        frame[col] = frame[col].map({"true": True, "false": False, True: True, False: False})
        frame[col] = frame[col].astype("bool")
    return validate(name, frame)


def _nullable(name: str, column: str) -> bool:
    return bool(TABLES[name].to_schema().columns[column].nullable)


def write_table(name: str, frame: pd.DataFrame, data_dir: Path) -> Path:
    """Validate ``frame`` and write it as ``data_dir/<name>.csv``, deterministically."""
    frame = validate(name, frame)
    columns = list(TABLES[name].to_schema().columns)
    out = frame[columns].sort_values(sort_key(name), kind="mergesort").reset_index(drop=True)
    for col, dtype in column_dtypes(name).items():
        if dtype == "bool":
            out[col] = out[col].map({True: "true", False: "false"})
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"{name}.csv"
    out.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return path
