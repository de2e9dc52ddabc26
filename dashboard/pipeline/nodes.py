"""The curated reference of places that are not countries (``reference/nodes.csv``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.pipeline.names import add_node_names
from dashboard.pipeline.rdata import conform

#: Package data: Frontex corridors, their arrival areas, a few published groups, ``unknown``.
REFERENCE_NODES = Path(__file__).resolve().parent / "reference" / "nodes.csv"

_TEXT = ["token", "kind", "name_en", "members", "arrival", "description"]


def read_reference_nodes(path: Path = REFERENCE_NODES) -> pd.DataFrame:
    """Read the curated nodes reference, in the ``nodes`` schema (French and Arabic names from
    ``reference/node_names.csv``).

    Parameters
    ----------
    path
        The CSV file; the package's own ``reference/nodes.csv`` by default.

    Returns
    -------
    pandas.DataFrame
        One row per token, validated against :class:`dashboard.schemas.Nodes`.

    Examples
    --------
    >>> nodes = read_reference_nodes()
    >>> nodes.set_index("token").loc["route:central-mediterranean", "arrival"]
    'area:italy-malta'
    """
    frame = pd.read_csv(
        path,
        dtype={**dict.fromkeys(_TEXT, "str"), "lon": "float64", "lat": "float64"},
        keep_default_na=False,
        na_values={col: [""] for col in [*_TEXT, "lon", "lat"]},
        encoding="utf-8",
    )
    return conform("nodes", add_node_names(frame))
