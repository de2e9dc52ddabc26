"""GLOTIP indicator cells the workbook publishes more than once, resolved explicitly
(:func:`resolve_indicator_duplicates`), every case listed for the coverage report."""

from __future__ import annotations

import pandas as pd

#: What identifies one indicator cell.
IND_KEY = ["iso3", "year", "indicator", "exploitation", "sex", "age"]


def resolve_indicator_duplicates(cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Resolve indicator cells that the workbook publishes more than once, explicitly.

    Three patterns occur, each checked against the values rather than assumed:

    1. Several *Other forms of exploitation* rows with the same sex and age: sub-forms whose names
       the file lost (their sum matches the published age breakdown), so they are **added up**
       as intervals (``"summed-subforms"``).
    2. A sex with age "Total" published twice whose two values are exactly that sex's published
       child and adult cells: copies of those cells under the wrong age label, not a total, so
       they are **dropped** (``"dropped-age-copies"``); the sex total stays unpublished.
    3. Otherwise, copies that agree are kept once (``"kept-one-agreeing"``) and copies that
       disagree are all dropped (``"dropped-conflicting"``): no value is picked silently.

    Parameters
    ----------
    cells
        Columns of the ``indicators`` key plus ``value_low``, ``value_high``, ``censored`` and
        ``published`` (the text as published).

    Returns
    -------
    tuple of pandas.DataFrame
        The cells with one row per key (``published`` dropped), and one row per duplicated key:
        the key, ``rows``, ``values`` (as published, joined by ``;``) and ``resolution``.

    Examples
    --------
    >>> cells = pd.DataFrame({"iso3": ["ALB"] * 2, "year": [2017] * 2,
    ...     "indicator": ["detected-victims"] * 2, "exploitation": ["other"] * 2,
    ...     "sex": ["total"] * 2, "age": ["total"] * 2, "value_low": [1, 20],
    ...     "value_high": [4, 20], "censored": [True, False], "published": ["<5", "20"]})
    >>> kept, report = resolve_indicator_duplicates(cells)
    >>> kept[["value_low", "value_high", "censored"]].values.tolist()
    [[21, 24, True]]
    >>> report["resolution"].tolist()
    ['summed-subforms']
    """
    dup_mask = cells.duplicated(IND_KEY, keep=False)
    single = cells[~dup_mask]
    by_age = single.set_index(IND_KEY)["published"]
    kept_rows = []
    report_rows = []
    for key, group in cells[dup_mask].groupby(IND_KEY, sort=True):
        key_values = dict(zip(IND_KEY, key, strict=True))
        published = sorted(group["published"].tolist())
        if key_values["exploitation"] == "other":
            resolution = "summed-subforms"
            kept_rows.append(
                {
                    **key_values,
                    "value_low": int(group["value_low"].sum()),
                    "value_high": int(group["value_high"].sum()),
                    "censored": bool(group["censored"].any()),
                }
            )
        elif _are_age_copies(key_values, published, by_age):
            resolution = "dropped-age-copies"
        elif len(set(published)) == 1:
            resolution = "kept-one-agreeing"
            first = group.iloc[0]
            kept_rows.append(
                {
                    **key_values,
                    "value_low": int(first["value_low"]),
                    "value_high": int(first["value_high"]),
                    "censored": bool(first["censored"]),
                }
            )
        else:
            resolution = "dropped-conflicting"
        report_rows.append(
            {
                **key_values,
                "rows": len(group),
                "values": ";".join(published),
                "resolution": resolution,
            }
        )
    kept = pd.concat(
        [single.drop(columns="published"), pd.DataFrame(kept_rows, columns=single.columns[:-1])],
        ignore_index=True,
    )
    report = pd.DataFrame(report_rows, columns=[*IND_KEY, "rows", "values", "resolution"])
    return kept, report


def _are_age_copies(key: dict, published: list[str], by_age: pd.Series) -> bool:
    if key["age"] != "total" or key["sex"] == "total" or len(published) != 2:
        return False
    parts = []
    for age in ("child", "adult"):
        cell = (key["iso3"], key["year"], key["indicator"], key["exploitation"], key["sex"], age)
        if cell not in by_age.index:
            return False
        parts.append(by_age.loc[cell])
    return sorted(parts) == published
