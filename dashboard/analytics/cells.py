"""Cells of the indicators table: one indicator and breakdown, country by year.

Pure functions of the tidy ``indicators`` table (no Dash, no I/O).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

#: The breakdown of a total cell: no breakdown by form, sex or age.
TOTAL = {"exploitation": "total", "sex": "total", "age": "total"}


def count_cells(indicators: pd.DataFrame, indicator: str, breakdown: dict) -> pd.DataFrame:
    """The cells of one indicator and breakdown: ``iso3, year, low, high, censored``.

    Breakdown keys not given are ``total``.

    Examples
    --------
    >>> ind = pd.DataFrame({"iso3": ["TUN", "TUN"], "year": [2020, 2020],
    ...     "indicator": ["detected-victims"] * 2, "exploitation": ["total"] * 2,
    ...     "sex": ["total"] * 2, "age": ["total", "child"], "value_low": [10, 1],
    ...     "value_high": [10, 4], "censored": [False, True]})
    >>> count_cells(ind, "detected-victims", {"age": "child"})[["low", "high"]].values.tolist()
    [[1, 4]]
    """
    wanted = {**TOTAL, **breakdown}
    keep = indicators["indicator"] == indicator
    for column, value in wanted.items():
        keep &= indicators[column] == value
    cells = indicators.loc[keep, ["iso3", "year", "value_low", "value_high", "censored"]]
    return cells.rename(columns={"value_low": "low", "value_high": "high"}).reset_index(drop=True)


def total_cells(indicators: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """The total cells (no breakdown) of several indicators: ``indicator, iso3, year, low, high,
    censored``, indicator by indicator in the order of ``names``.

    The same rows as ``count_cells(indicators, name, {})`` for each name, concatenated, selected
    in one pass.
    """
    keep = indicators["indicator"].isin(names)
    for column in TOTAL:
        keep &= indicators[column] == "total"
    columns = ["indicator", "iso3", "year", "value_low", "value_high", "censored"]
    cells = indicators.loc[keep, columns]
    order = cells["indicator"].map({name: i for i, name in enumerate(names)})
    cells = cells.iloc[np.argsort(order.to_numpy(), kind="stable")]
    return cells.rename(columns={"value_low": "low", "value_high": "high"}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------
