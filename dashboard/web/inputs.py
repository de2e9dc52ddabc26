"""What one callback input accepts: small declarations, each checking one value.

An :class:`Accept` says what a component's property may hold (a choice among known values, a
year, a list of country codes, a story …) and what it becomes when the value is not that: its
``default`` (the view's own default, or ``None``, which every view reads as "not set"). They are
declared once per component property in :mod:`dashboard.web.schema` and applied to every
callback request before any callback runs (:mod:`dashboard.web.boundary`).

``None`` (a control with nothing chosen, as the browser sends it) is never refused: it becomes
the default without a notice. Anything else that does not fit is refused
(:class:`RefusedValueError`) and replaced by the default, and the user is told.

Examples
--------
>>> year = whole(1900, 2100)
>>> year.read(2018), year.read(2018.0)
(2018, 2018)
>>> year.read("2018")
Traceback (most recent call last):
...
dashboard.web.inputs.RefusedValueError: not a whole number
>>> span(1900, 2100).read([2021, 2010])
[2021, 2010]
>>> items(text(5)).read(["a", "bb"])
['a', 'bb']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

#: The most items of any list and the most characters of any text a callback takes.
MOST_ITEMS = 1000
MOST_TEXT = 10_000
#: How deep and how large free-form JSON (a store, a grid's filter) may be.
MOST_DEPTH = 8
MOST_NODES = 20_000


class RefusedValueError(ValueError):
    """A value an input does not accept (``str()`` says why, in English, for the log)."""


@dataclass(frozen=True)
class Accept:
    """How one input is read: ``check(value)`` returns the value to use or raises
    :class:`RefusedValueError`; ``default`` (a value, or a function of no arguments called at
    request time, e.g. the view's default for the current dataset) replaces ``None`` and
    refused values."""

    check: Callable[[Any], Any]
    default: Any = None

    def read(self, value: Any) -> Any:
        """``value`` checked (raises :class:`RefusedValueError`); ``None`` is the default."""
        if value is None:
            return self.fallback()
        return self.check(value)

    def fallback(self) -> Any:
        """The default, computed now when it is a function."""
        return self.default() if callable(self.default) else self.default


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _whole(value: Any, low: int, high: int) -> int:
    if not _is_number(value) or (isinstance(value, float) and not value.is_integer()):
        raise RefusedValueError("not a whole number")
    if not low <= value <= high:
        raise RefusedValueError("out of range")
    return int(value)


def whole(low: int, high: int, default: Any = None) -> Accept:
    """A whole number from ``low`` to ``high`` (``2018.0`` is 2018; NaN, infinities, booleans
    and text are refused)."""
    return Accept(lambda value: _whole(value, low, high), default)


def count(default: Any = None) -> Accept:
    """A button's ``n_clicks``: a whole number from 0."""
    return whole(0, 10**9, default)


def span(low: int, high: int, default: Any = None) -> Accept:
    """A range slider's value: two whole numbers from ``low`` to ``high``."""

    def check(value: Any) -> list[int]:
        if not isinstance(value, list) or len(value) != 2:
            raise RefusedValueError("not a pair")
        return [_whole(v, low, high) for v in value]

    return Accept(check, default)


def text(
    most: int = MOST_TEXT, default: Any = None, prefix: str = "", empty: bool = True
) -> Accept:
    """Any text of at most ``most`` characters; with a ``prefix``, one starting with it (a
    path ``/…``, a query ``?…``), or empty when ``empty``."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise RefusedValueError("not text")
        if len(value) > most:
            raise RefusedValueError("too long")
        if not value and not empty:
            raise RefusedValueError("empty")
        if prefix and value and not value.startswith(prefix):
            raise RefusedValueError(f"does not start with {prefix}")
        return value

    return Accept(check, default)


def choice(options: Collection[Any] | Callable[[], Collection[Any]], default: Any = None) -> Accept:
    """One of ``options`` (or of what ``options()`` gives at request time)."""

    def check(value: Any) -> Any:
        known = options() if callable(options) else options
        if not isinstance(value, str | int) or isinstance(value, bool) or value not in known:
            raise RefusedValueError("not one of the choices")
        return value

    return Accept(check, default)


def scalar(default: Any = None) -> Accept:
    """A text (of at most :data:`MOST_TEXT` characters), a finite number or a boolean."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) <= MOST_TEXT:
            return value
        if isinstance(value, bool) or (_is_number(value) and math.isfinite(value)):
            return value
        raise RefusedValueError("not a plain value")

    return Accept(check, default)


def choices(
    options: Collection[Any] | Callable[[], Collection[Any]],
    most: int = MOST_ITEMS,
    default: Any = None,
) -> Accept:
    """A list of at most ``most`` of ``options`` (asked for once per list when a function)."""

    def check(value: Any) -> list:
        if not isinstance(value, list) or len(value) > most:
            raise RefusedValueError("not a list, or too long")
        known = options() if callable(options) else options
        for each in value:
            if not isinstance(each, str | int) or isinstance(each, bool) or each not in known:
                raise RefusedValueError("not one of the choices")
        return value

    return Accept(check, default)


def items(
    each: Accept,
    most: int = MOST_ITEMS,
    default: Any = None,
    least: int = 0,
    holes: bool = False,
) -> Accept:
    """A list of ``least`` to ``most`` values, each accepted by ``each``; a ``None`` item (a
    hole) is refused unless ``holes``."""

    def check(value: Any) -> list:
        if not isinstance(value, list):
            raise RefusedValueError("not a list")
        if not least <= len(value) <= most:
            raise RefusedValueError("too few or too many items")
        if not holes and any(v is None for v in value):
            raise RefusedValueError("an empty item")
        return [None if v is None else each.check(v) for v in value]

    return Accept(check, default)


def record(
    fields: Mapping[str, Accept], default: Any = None, required: Collection[str] = ()
) -> Accept:
    """An object with these fields (each read by its own :class:`Accept`; a missing one is
    its default, unless it is ``required``); other keys are dropped."""

    def check(value: Any) -> dict:
        if not isinstance(value, dict):
            raise RefusedValueError("not an object")
        if any(value.get(name) is None for name in required):
            raise RefusedValueError("a required field is missing")
        return {name: accept.read(value.get(name)) for name, accept in fields.items()}

    return Accept(check, default)


def _json_size(value: Any, depth: int = 0) -> int:
    """How many values ``value`` holds (raises :class:`RefusedValueError` beyond the limits, for a
    non-finite number or for a value JSON has not)."""
    if depth > MOST_DEPTH:
        raise RefusedValueError("nested too deep")
    if value is None or isinstance(value, bool | str | int):
        if isinstance(value, str) and len(value) > MOST_TEXT * 10:
            raise RefusedValueError("text too long")
        return 1
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RefusedValueError("not a finite number")
        return 1
    if isinstance(value, list):
        children = value
    elif isinstance(value, dict):
        children = list(value.values())
    else:
        raise RefusedValueError("not JSON")
    total = 1
    for child in children:
        total += _json_size(child, depth + 1)
        if total > MOST_NODES:
            raise RefusedValueError("too large")
    return total


def json_data(default: Any = None) -> Accept:
    """Free-form JSON (a store whose shape its callback checks itself), bounded in depth and
    size, with finite numbers only."""

    def check(value: Any) -> Any:
        _json_size(value)
        return value

    return Accept(check, default)


def checked(read: Callable[[Any], Any], errors: tuple[type[Exception], ...]) -> Accept:
    """A value ``read(value)`` accepts (it raises one of ``errors`` when not): e.g. a story,
    checked by the story module's own validation; what ``read`` returns is used."""

    def check(value: Any) -> Any:
        _json_size(value)
        try:
            return read(value)
        except errors as error:
            raise RefusedValueError(str(error)[:80]) from None

    return Accept(check)
