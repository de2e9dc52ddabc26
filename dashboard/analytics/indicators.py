"""Country indicator values for a year or a span of years, including derived ratios.

Every value is an interval ``(low, high)``: ratios over suppressed counts take the widest bounds
(see :func:`dashboard.analytics.intervals.ratio_interval`). A country with no published figure
has no row: absence is not zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analytics.cells import count_cells


@dataclass(frozen=True)
class IndicatorSpec:
    """How a view indicator is computed from the indicators table (its name:
    :data:`dashboard.text.labels.INDICATORS`)."""

    base: str  # indicators.indicator of the numerator
    numerator: dict  # breakdown of the numerator (exploitation/sex/age)
    denominator: dict | None = None  # breakdown of the denominator (same base), for shares
    per_population: bool = False
    digits: int = 0

    @property
    def percent(self) -> bool:
        """A share (a fraction of a whole, shown as a percentage)."""
        return self.denominator is not None


SPECS: dict[str, IndicatorSpec] = {
    "detected-victims": IndicatorSpec("detected-victims", {}),
    "victims-per-100k": IndicatorSpec("detected-victims", {}, per_population=True, digits=2),
    "persons-prosecuted": IndicatorSpec("persons-prosecuted", {}),
    "persons-convicted": IndicatorSpec("persons-convicted", {}),
    "share-children": IndicatorSpec("detected-victims", {"age": "child"}, denominator={}),
    "share-female": IndicatorSpec("detected-victims", {"sex": "female"}, denominator={}),
    "share-forced-labour": IndicatorSpec(
        "detected-victims", {"exploitation": "forced-labour"}, denominator={}
    ),
    "share-sexual-exploitation": IndicatorSpec(
        "detected-victims", {"exploitation": "sexual-exploitation"}, denominator={}
    ),
}

VALUE_COLUMNS = ["iso3", "year", "low", "high", "censored"]


def indicator_values(
    indicators: pd.DataFrame,
    population: pd.DataFrame,
    indicator: str,
    exploitation: str = "total",
) -> pd.DataFrame:
    """Values of a view indicator for every country and year that published one.

    Parameters
    ----------
    indicators : pandas.DataFrame
        The ``indicators`` table.
    population : pandas.DataFrame
        ``iso3, year, value`` population rows (``context_indicators`` where variable is
        ``population``); used by per-capita indicators only.
    indicator : str
        A key of :data:`SPECS`.
    exploitation : str
        Form of exploitation for count indicators (``total`` by default); shares by form of
        exploitation ignore it.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, low, high, censored``; shares are fractions in ``[0, 1]``.

    Examples
    --------
    >>> ind = pd.DataFrame({"iso3": ["TUN"] * 2, "year": [2020] * 2,
    ...     "indicator": ["detected-victims"] * 2, "exploitation": ["total"] * 2,
    ...     "sex": ["total"] * 2, "age": ["total", "child"], "value_low": [10, 1],
    ...     "value_high": [10, 4], "censored": [False, True]})
    >>> indicator_values(ind, pd.DataFrame(), "share-children")[["low", "high"]].values.tolist()
    [[0.1, 0.4]]
    """
    spec = SPECS[indicator]
    numerator = dict(spec.numerator)
    if spec.denominator is None and "exploitation" not in numerator:
        numerator["exploitation"] = exploitation
    values = count_cells(indicators, spec.base, numerator)
    if spec.denominator is not None:
        whole = count_cells(indicators, spec.base, spec.denominator)
        values = values.merge(whole, on=["iso3", "year"], suffixes=("", "_whole"))
        low = values["low"] / values["high_whole"].where(values["high_whole"] > 0)
        high = values["high"] / values["low_whole"].where(values["low_whole"] > 0)
        values = values.assign(
            low=low.clip(upper=1.0),
            high=high.fillna(np.inf).clip(upper=1.0),
            censored=values["censored"] | values["censored_whole"],
        ).dropna(subset=["low"])
    elif spec.per_population:
        pop = population.rename(columns={"value": "population"})[["iso3", "year", "population"]]
        values = values.merge(pop, on=["iso3", "year"])
        values = values.assign(
            low=values["low"] / values["population"] * 1e5,
            high=values["high"] / values["population"] * 1e5,
        )
    else:
        values = values.astype({"low": "float64", "high": "float64"})
    return values[VALUE_COLUMNS].sort_values(["iso3", "year"]).reset_index(drop=True)


def population_of(context_indicators: pd.DataFrame) -> pd.DataFrame:
    """The population rows of the context table: ``iso3, year, value``."""
    rows = context_indicators.loc[context_indicators["variable"] == "population"]
    return rows[["iso3", "year", "value"]]
