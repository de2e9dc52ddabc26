"""Registering a view's callbacks: named outputs and inputs, and the address they are for.

A view callback reads like a sentence: controls → state → process → render → a dict of named
outputs. Each one also carries the address bar's query (``url.search``) as a ``State``, so that
:func:`dashboard.web.address.current_language` and :func:`dashboard.registry.current_dataset`
answer it in the language and from the dataset of the view's address; the function itself does
not receive it.

Every value reaching the function has been checked at the boundary
(:mod:`dashboard.web.boundary`, by what :mod:`dashboard.web.schema` declares for each component
property): a value of the wrong type, shape or range is its input's default by now, and the
user is told.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import dash
from dash import Input, Output, State

from dashboard import ids
from dashboard.web.boundary import announce

#: The keyword the address bar's query is posted under (removed before the call).
_ADDRESS = "address_query"


def view_callback(
    output: Mapping[str, Output], inputs: Mapping[str, Input | State], **options: Any
) -> Callable[[Callable[..., dict]], Callable[..., dict]]:
    """Register ``function(**inputs) -> {name: value}`` as a callback of ``output`` (a dict of
    named outputs) with ``inputs`` (a dict of named inputs and states), carrying the address.

    Returns the function itself: called directly (in tests), it takes the same keywords.
    """

    def decorate(function: Callable[..., dict]) -> Callable[..., dict]:
        def with_address(**values: Any) -> dict:
            values.pop(_ADDRESS, None)  # read by current_language() from the request itself
            announce()  # values the boundary replaced by their defaults, if any
            return function(**values)

        with_address.__name__ = function.__name__
        with_address.__doc__ = function.__doc__
        dash.callback(
            output=dict(output),
            inputs={**inputs, _ADDRESS: State(ids.URL, "search")},
            **options,
        )(with_address)
        return function

    return decorate
