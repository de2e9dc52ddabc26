"""An upload's detected victims beside UNODC's, for the same reporting countries and years.

Pure: the upload's cells (published by the workspace's rule first, so nothing exact of a small
count leaves) and the baseline's indicators in, one row per reporting country and year out.
Two counts *differ* when their intervals do not overlap (:func:`dashboard.analytics.beside.beside`).
"""

from __future__ import annotations

import pandas as pd

from dashboard.analytics.beside import beside
from dashboard.exchange.convert import INDICATOR, indicator_rows

COLUMNS = ["iso3", "year", "upload_low", "upload_high", "unodc_low", "unodc_high", "differs"]


def beside_unodc(cells: pd.DataFrame, k: int, indicators: pd.DataFrame) -> pd.DataFrame:
    """The upload's total detected victims by reporting country and year, UNODC's for the same
    country and year (missing when UNODC has none), and whether they differ (``None``: nothing
    to compare).

    Examples
    --------
    >>> cells = pd.DataFrame({"reporting_country": ["TUN"], "year": [2020], "origin": ["CIV"],
    ...     "transit": [""], "destination": ["TUN"], "sex": ["female"], "age": ["adult"],
    ...     "exploitation": ["other"], "source_agency": [""], "count_low": [3],
    ...     "count_high": [3], "censored": [False], "status": ["final"],
    ...     "record_type": ["aggregate"], "note": [""]})
    >>> unodc = pd.DataFrame({"iso3": ["TUN"], "year": [2020], "indicator": [INDICATOR],
    ...     "exploitation": ["total"], "sex": ["total"], "age": ["total"], "value_low": [181],
    ...     "value_high": [181]})
    >>> row = beside_unodc(cells, 5, unodc).to_dict("records")[0]  # 3 is published as 1–4
    >>> row["upload_low"], row["upload_high"], row["unodc_low"], row["differs"]
    (1, 4, 181, True)
    """

    def totals(frame: pd.DataFrame) -> pd.DataFrame:
        whole = frame["exploitation"].eq("total") & frame["sex"].eq("total")
        chosen = frame.loc[whole & frame["age"].eq("total") & frame["indicator"].eq(INDICATOR)]
        return chosen.rename(columns={"value_low": "low", "value_high": "high"})

    both = beside(totals(indicator_rows(cells, k)), totals(indicators), ["iso3", "year"])
    both = both.rename(
        columns={
            "own_low": "upload_low",
            "own_high": "upload_high",
            "their_low": "unodc_low",
            "their_high": "unodc_high",
        }
    )
    return both[COLUMNS].sort_values(["iso3", "year"]).reset_index(drop=True)
