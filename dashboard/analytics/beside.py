"""One dataset's values beside another's for the same keys (an upload beside UNODC's).

Values are intervals (``low``, ``high``: a suppressed count is a range). Two values *differ*
when their intervals do not overlap; a range that holds the other value is no difference.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

COLUMNS = ["own_low", "own_high", "their_low", "their_high", "differs"]


def beside(own: pd.DataFrame, theirs: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Each row of ``own`` (``keys``, ``low``, ``high``) with the value ``theirs`` has for the
    same keys (missing when it has none) and whether the two differ: ``True``, ``False``, or
    ``None`` when there is nothing to compare.

    Examples
    --------
    >>> own = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR"], "year": [2019, 2020, 2020],
    ...                     "low": [1, 150, 10], "high": [4, 150, 10]})
    >>> theirs = pd.DataFrame({"iso3": ["TUN", "TUN"], "year": [2019, 2020],
    ...                        "low": [3, 181], "high": [3, 181]})
    >>> beside(own, theirs, ["iso3", "year"])["differs"].tolist()
    [False, True, None]
    """
    keys = list(keys)
    mine = own[[*keys, "low", "high"]].rename(columns={"low": "own_low", "high": "own_high"})
    other = theirs[[*keys, "low", "high"]].drop_duplicates(keys)
    other = other.rename(columns={"low": "their_low", "high": "their_high"})
    both = mine.merge(other, on=keys, how="left")
    known = both["their_low"].notna() & both["own_low"].notna()
    apart = (both["own_high"] < both["their_low"]) | (both["their_high"] < both["own_low"])
    both["differs"] = pd.Series(
        [bool(a) if k else None for a, k in zip(apart, known, strict=True)],
        index=both.index,
        dtype=object,
    )
    return both[[*keys, *COLUMNS]]


def differences(rows: pd.DataFrame, keys: Sequence[str]) -> list[tuple]:
    """The keys of the rows of :func:`beside` that differ, in order."""
    apart = rows.loc[rows["differs"].eq(True)]  # an object column: True, False or None
    return list(apart[list(keys)].itertuples(index=False, name=None))
