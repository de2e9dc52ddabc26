"""Small-cell suppression: how an upload's counts may leave the app.

Every number from uploaded data that leaves the app (a view, a CSV, an export) is published by
this rule, with a threshold ``k`` set per workspace (default 5, at least 3):

- **cells** (:func:`suppress_cells`): a count known to be 0 is published as 0 (a true zero
  says that nobody was counted; it is not sensitive); a count from 1 to k−1 is published as the
  interval [1, k−1] and marked censored, never exactly; a count of k or more is published as it
  is. A count the uploader already gave as an interval (``<5``, that is [1, 4]) is published as
  its interval, widened to cover all of [1, k−1] when it reaches below k.
- **totals** (:func:`suppressed_totals`): secondary suppression by construction. A total is the
  interval sum of the *published* cells of its group, never of the true counts: exact when all
  its cells are, a range when one of them is suppressed. Every published number is then a
  function of the published cells alone, so whatever totals are shown (margins of one table,
  totals in several views, across requests), subtracting some from others tells nothing about
  a suppressed cell beyond its published interval.

Why not classic cell suppression (exact totals, and further "complementary" cells suppressed
so that no suppressed cell can be computed back)? It protects a fixed set of tables. A
dashboard answers any filter and grouping, so its set of totals is open-ended, and one total
that was not planned for reopens subtraction; guarding against that would need an audit of
each new total against all shown before (the linear programs of tools such as τ-ARGUS). The
price of this rule: a total over groups with small counts is a range, wider by k−2 for each
suppressed cell in it.

k = 2 would publish a count of 1 as [1, 1], that is exactly: k is at least 3.

Every function here is pure: frames in, new frames out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.exchange.errors import InvalidSettingError
from dashboard.text import N_, Message

DEFAULT_K = 5
MIN_K = 3
MAX_K = 100

_BAD_K = N_(
    "The small-count threshold must be a whole number from {low} to {high}; “{value}” is not."
)
RULE = N_(
    "Small counts are suppressed (k = {k}): a count from 1 to {below} is published as the "
    "range 1–{below}; 0 and counts of {k} or more are exact; a total is the sum of the "
    "published counts, so a total that includes a suppressed count is a range."
)


def check_k(value: object) -> int:
    """``value`` as a threshold, or :class:`InvalidSettingError`.

    Examples
    --------
    >>> check_k(5), check_k("10")
    (5, 10)
    """
    try:
        k = int(str(value).strip())
    except ValueError:
        k = None
    if k is None or not MIN_K <= k <= MAX_K:
        raise InvalidSettingError(
            Message(_BAD_K, {"low": str(MIN_K), "high": str(MAX_K), "value": str(value)})
        )
    return k


@dataclass(frozen=True)
class Rule:
    """The rule a published number went through, for the file or view that shows it."""

    k: int

    def __post_init__(self) -> None:
        check_k(self.k)

    @property
    def code(self) -> str:
        """A machine-readable name (``small-count-suppression-k5``)."""
        return f"small-count-suppression-k{self.k}"

    @property
    def message(self) -> Message:
        """The rule in words (:data:`RULE`), to render in the reader's language."""
        return Message(RULE, {"k": str(self.k), "below": str(self.k - 1)})


def suppress_cells(
    frame: pd.DataFrame, k: int, low: str = "count_low", high: str = "count_high"
) -> pd.DataFrame:
    """``frame`` with its cells published by the rule (module docstring), and ``censored``
    (``low < high``) set.

    Examples
    --------
    >>> cells = pd.DataFrame({"count_low": [0, 3, 5, 1], "count_high": [0, 3, 5, 4]})
    >>> suppress_cells(cells, 5).values.tolist()
    [[0, 0, False], [1, 4, True], [5, 5, False], [1, 4, True]]
    >>> suppress_cells(cells, 10)[["count_low", "count_high"]].values.tolist()
    [[0, 0], [1, 9], [1, 9], [1, 9]]
    """
    k = check_k(k)
    lo = frame[low].to_numpy(dtype=np.int64)
    hi = frame[high].to_numpy(dtype=np.int64)
    # May hold a count from 1 to k-1: published as [1, k-1] (or [0, k-1] if it may be 0).
    small = (lo < k) & (hi > 0)
    new_lo = np.where(small, np.minimum(lo, 1), lo)
    new_hi = np.where(small, np.maximum(hi, k - 1), hi)
    out = frame.copy()
    out[low] = new_lo
    out[high] = new_hi
    out["censored"] = new_lo < new_hi
    return out


def suppressed_totals(
    frame: pd.DataFrame,
    by: Sequence[str],
    k: int,
    low: str = "count_low",
    high: str = "count_high",
) -> pd.DataFrame:
    """The totals of ``frame``'s cells by ``by`` (``[]``: one grand total), each the sum of the
    published cells (:func:`suppress_cells` is applied first, so true counts never reach a
    total): columns ``*by, low, high, censored``.

    Examples
    --------
    >>> cells = pd.DataFrame({"sex": ["female", "male", "male"], "count_low": [12, 3, 20],
    ...                       "count_high": [12, 3, 20]})
    >>> suppressed_totals(cells, ["sex"], 5).values.tolist()
    [['female', 12, 12, False], ['male', 21, 24, True]]
    >>> suppressed_totals(cells, [], 5).values.tolist()
    [[33, 36, True]]
    """
    published = suppress_cells(frame, k, low, high)
    by = list(by)
    if not by:
        totals = pd.DataFrame(
            {low: [int(published[low].sum())], high: [int(published[high].sum())]}
        )
    else:
        grouped = published.groupby(by, sort=True, observed=True, dropna=False)
        totals = grouped[[low, high]].sum().reset_index()
    totals[low] = totals[low].astype("int64")
    totals[high] = totals[high].astype("int64")
    totals["censored"] = totals[low] < totals[high]
    return totals[[*by, low, high, "censored"]]
