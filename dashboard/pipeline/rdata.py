"""Reading R data files (``.rda``) and shaping importer output into the schema's exact dtypes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.schemas import TABLES, validate
from dashboard.tables import column_dtypes


def read_rda(path: str | Path) -> pd.DataFrame:
    """Read the single table stored in an R data file.

    Parameters
    ----------
    path
        An ``.rda`` file holding exactly one data frame (as the ``gdidata`` files do).

    Returns
    -------
    pandas.DataFrame
        The table as ``pyreadr`` reads it, columns and values unchanged.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file holds no table or more than one.
    """
    import pyreadr  # a build-time dependency only; the app never imports this module

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    tables = pyreadr.read_r(str(path))
    if len(tables) != 1:
        raise ValueError(f"{path} holds {len(tables)} tables, expected exactly one")
    return next(iter(tables.values()))


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Select the columns of table ``name`` in schema order, cast to its exact dtypes, validate.

    Shared by the importers so that each returns a frame the build can write as is.

    Parameters
    ----------
    name
        A table name of :data:`dashboard.schemas.TABLES`.
    frame
        The tidy rows, with at least the table's columns.

    Returns
    -------
    pandas.DataFrame
        A new frame with exactly the schema's columns and dtypes, index ``0..n-1``.

    Raises
    ------
    dashboard.schemas.TableError
        If the rows break the schema (every failing row is listed).
    """
    columns = list(TABLES[name].to_schema().columns)
    out = frame[columns].astype(_dtypes(name)).reset_index(drop=True)
    return validate(name, out)


def _dtypes(name: str) -> dict[str, str]:
    try:
        return column_dtypes(name)
    except KeyError:
        # pandera 0.35 under pandas 3 reports text columns as "string[python]", which
        # tables.column_dtypes does not map yet; text columns are pandas' default "str".
        columns = TABLES[name].to_schema().columns
        return {
            col: "str" if "str" in str(spec.dtype) else str(spec.dtype)
            for col, spec in columns.items()
        }
