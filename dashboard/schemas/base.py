"""What every table schema is: strict (no stray column), and interval columns in order."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series


class _Strict(pa.DataFrameModel):
    class Config:
        strict = True  # no stray columns
        coerce = False  # the loader sets dtypes; a wrong dtype is a bug to report, not to hide


class _Interval(_Strict):
    """Shared interval columns: ``low <= high`` is checked per row."""

    @pa.dataframe_check(error="low must not exceed high")
    def low_le_high(cls, df: pd.DataFrame) -> Series[bool]:
        low = [c for c in df.columns if c.endswith("_low")]
        high = [c for c in df.columns if c.endswith("_high")]
        ok = pd.Series(True, index=df.index)
        for lo, hi in zip(sorted(low), sorted(high), strict=True):
            ok &= df[lo] <= df[hi]
        return ok
