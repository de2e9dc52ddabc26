"""One block of a grid's rows, sorted and filtered as the grid asks (AG Grid's infinite model).

The grid asks for rows ``startRow`` to ``endRow`` (end excluded) of the frame, sorted by its
``sortModel`` and filtered by its ``filterModel``; the answer is those rows and the number of
rows that pass the filter. Everything here is pure: frames in, frames and records out.

Filters are the grid's default column filters, with the grid's default options:

- text (``filterType: "text"``): ``contains``, ``notContains``, ``equals``, ``notEqual``,
  ``startsWith``, ``endsWith``, ``blank``, ``notBlank``; case-insensitive, values compared as
  the grid shows them (``true``/``false`` for booleans, empty for missing values);
- number (``filterType: "number"``): ``equals``, ``notEqual``, ``greaterThan``,
  ``greaterThanOrEqual``, ``lessThan``, ``lessThanOrEqual``, ``inRange`` (bounds excluded, as
  the grid's ``inRangeInclusive=False``), ``blank``, ``notBlank``;
- two conditions joined by ``operator`` ``AND``/``OR`` (``conditions``, or the older
  ``condition1``/``condition2``).

Anything else (another filter type or option, a column the frame lacks, a malformed value) is
ignored: the rows are not filtered by it, and nothing fails.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

_NUMBER_TESTS = {
    "equals": lambda v, a: v == a,
    "notEqual": lambda v, a: v != a,
    "greaterThan": lambda v, a: v > a,
    "greaterThanOrEqual": lambda v, a: v >= a,
    "lessThan": lambda v, a: v < a,
    "lessThanOrEqual": lambda v, a: v <= a,
}

_TEXT_TESTS = {
    "contains": lambda v, a: v.str.contains(a, regex=False),
    "notContains": lambda v, a: ~v.str.contains(a, regex=False),
    "equals": lambda v, a: v == a,
    "notEqual": lambda v, a: v != a,
    "startsWith": lambda v, a: v.str.startswith(a),
    "endsWith": lambda v, a: v.str.endswith(a),
}


def shown_text(values: pd.Series) -> pd.Series:
    """Values as the grid shows them, lower-cased: booleans ``true``/``false``, missing empty.

    Examples
    --------
    >>> shown_text(pd.Series([True, None, "Route:X", 3])).tolist()
    ['true', '', 'route:x', '3']
    """

    def text(value: Any) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, bool | np.bool_):
            return "true" if value else "false"
        return str(value).lower()

    return pd.Series([text(v) for v in values.astype(object)], index=values.index, dtype=object)


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype(object) == "")


def _condition_mask(values: pd.Series, condition: Mapping) -> pd.Series | None:
    """Rows passing one condition; ``None`` when the condition is not understood."""
    kind, option = condition.get("filterType"), condition.get("type")
    if option == "blank":
        return _blank(values)
    if option == "notBlank":
        return ~_blank(values)
    if kind == "text" and option in _TEXT_TESTS:
        argument = condition.get("filter")
        if argument is None:
            return None
        return _TEXT_TESTS[option](shown_text(values), str(argument).lower()).astype(bool)
    if kind == "number" and (option in _NUMBER_TESTS or option == "inRange"):
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        try:
            low = float(condition["filter"])
            if option == "inRange":
                high = float(condition["filterTo"])
                return (numbers > min(low, high)) & (numbers < max(low, high))
        except (KeyError, TypeError, ValueError):
            return None
        return _NUMBER_TESTS[option](numbers, low).fillna(False).astype(bool)
    return None


def _column_mask(values: pd.Series, model: Mapping) -> pd.Series | None:
    """Rows passing one column's filter (one condition or several joined by an operator)."""
    if "operator" not in model:
        return _condition_mask(values, model)
    conditions = model.get("conditions")
    if conditions is None:
        conditions = [model[k] for k in ("condition1", "condition2") if k in model]
    masks = [
        m
        for c in conditions
        if isinstance(c, Mapping) and (m := _condition_mask(values, c)) is not None
    ]
    if not masks:
        return None
    combined = masks[0]
    for mask in masks[1:]:
        combined = (combined | mask) if model["operator"] == "OR" else (combined & mask)
    return combined


def filter_rows(frame: pd.DataFrame, filter_model: Mapping | None) -> pd.DataFrame:
    """The rows of ``frame`` that pass every column filter of ``filter_model`` (order kept).

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["TUN", "MAR", "TUR"], "year": [2015, 2016, 2017]})
    >>> model = {"iso3": {"filterType": "text", "type": "startsWith", "filter": "tu"},
    ...          "year": {"filterType": "number", "type": "greaterThan", "filter": 2015}}
    >>> filter_rows(f, model)["iso3"].tolist()
    ['TUR']
    """
    if not filter_model:
        return frame
    keep = pd.Series(True, index=frame.index)
    for column, model in filter_model.items():
        if column not in frame.columns or not isinstance(model, Mapping):
            continue
        mask = _column_mask(frame[column], model)
        if mask is not None:
            keep &= mask.to_numpy(dtype=bool)
    return frame if keep.all() else frame.loc[keep.to_numpy()]


def sort_rows(frame: pd.DataFrame, sort_model: Sequence[Mapping] | None) -> pd.DataFrame:
    """``frame`` sorted by the model's columns in turn (``asc``/``desc``), stably, blanks last.

    Unknown columns and directions are skipped.

    Examples
    --------
    >>> f = pd.DataFrame({"a": [1, 2, 1], "b": ["x", "y", "z"]})
    >>> sort_rows(f, [{"colId": "a", "sort": "desc"}, {"colId": "b", "sort": "desc"}])["b"].tolist()
    ['y', 'z', 'x']
    """
    keys = [
        (item["colId"], item["sort"] == "asc")
        for item in sort_model or ()
        if isinstance(item, Mapping)
        and item.get("colId") in frame.columns
        and item.get("sort") in ("asc", "desc")
    ]
    if not keys:
        return frame
    columns = list(dict(keys))
    ascending = [dict(keys)[c] for c in columns]
    return frame.sort_values(columns, ascending=ascending, kind="stable", na_position="last")


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready records (missing values become ``None``).

    Examples
    --------
    >>> records(pd.DataFrame({"a": [1, None], "b": ["x", None]}))
    [{'a': 1.0, 'b': 'x'}, {'a': None, 'b': None}]
    """
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def block(
    frame: pd.DataFrame, request: Mapping, hidden: Sequence[str] = ()
) -> dict[str, list[dict] | int]:
    """The grid's answer to ``request``: ``{"rowData": rows, "rowCount": rows passing filters}``.

    ``rows`` are rows ``startRow`` to ``endRow`` (excluded) of ``frame`` filtered and sorted as
    the request asks; the ``hidden`` columns take part in sorting and filtering but are not
    sent (the grid computes them in the browser).

    Examples
    --------
    >>> f = pd.DataFrame({"a": [3, 1, 2], "c": ["long", "long", "long"]})
    >>> block(f, {"startRow": 1, "endRow": 5, "sortModel": [{"colId": "a", "sort": "asc"}]}, ["c"])
    {'rowData': [{'a': 2}, {'a': 3}], 'rowCount': 3}
    """
    rows = sort_rows(filter_rows(frame, request.get("filterModel")), request.get("sortModel"))
    start = max(int(request.get("startRow") or 0), 0)
    end = request.get("endRow")
    end = len(rows) if end is None else max(int(end), start)
    part = rows.iloc[start:end].drop(columns=[c for c in hidden if c in rows.columns])
    return {"rowData": records(part), "rowCount": len(rows)}
