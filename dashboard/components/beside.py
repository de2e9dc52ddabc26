"""The public data beside an upload: the same view drawn a second time, from the baseline.

An address showing an uploaded dataset with ``beside=public`` asks every view for both: the
upload's own figures, as always, and beside them the same view of the public data for the same
state (countries, years, measure …), in a panel headed as such. The two are never added
together. A page draws that panel with :func:`public_panel`, giving it a function that draws
the view's content for a dataset; within it the request is answered from the baseline (its
texts, sources and CSV links are the public data's), and every component id of the panel is
made its own (:func:`distinct`), so that the page's callbacks keep to the upload's components.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from dash import html
from dash.development.base_component import Component

from dashboard.dataset import Dataset
from dashboard.exchange.convert import SOURCE as UPLOAD_SOURCE
from dashboard.registry import BASELINE, current_dataset, public_beside
from dashboard.text import Text
from dashboard.text import upload as words
from dashboard.web import address

#: What the ids of the public panel's components begin with.
PREFIX = "beside-"
#: Properties naming other components by id (space-separated lists for ``aria-*``).
_ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "htmlFor")


@contextmanager
def answering_from_baseline() -> Iterator[None]:
    """Within the block, the request is about the same address with the public data."""
    with address.at_address({**dict(address.query().items()), "dataset": BASELINE}):
        yield


def _own_id(value: object) -> object:
    if isinstance(value, str):
        return PREFIX + value
    if isinstance(value, dict):  # a pattern-matching id: no callback of the page matches it
        return {**value, "panel": "beside"}
    return value


def _public_route(route: str) -> str:
    """A CSV route that downloads the public data whatever the address bar's dataset (a
    route's own parameters win over the address's: assets/dashboard.js, downloads.href)."""
    return f"{route}{'&' if '?' in route else '?'}dataset={BASELINE}"


def distinct(component: object) -> object:
    """``component`` (and everything in it) with ids of its own, references to them renamed
    alike, and CSV links that download the public data; changed in place and returned."""
    if isinstance(component, list | tuple):
        for item in component:
            distinct(item)
        return component
    if not isinstance(component, Component):
        return component
    for name in ("id", "data-image-for"):
        found = getattr(component, name, None)
        if found is not None:
            setattr(component, name, _own_id(found))
    for name in _ID_REFERENCES:
        found = getattr(component, name, None)
        if isinstance(found, str):
            setattr(component, name, " ".join(PREFIX + part for part in found.split()))
    route = getattr(component, "data-download", None)
    if isinstance(route, str):
        setattr(component, "data-download", _public_route(route))
    for name in component._prop_names:
        value = getattr(component, name, None)
        if isinstance(value, Component | list | tuple):
            distinct(value)
    return component


#: Where a title is broken in two for a column: after the colon, comma or semicolon (Arabic's
#: too) nearest its middle, else after the space nearest it.
_BREAKS = re.compile(r"(?:: |, |; |، |؛ )")
#: Titles longer than this are broken in two in a column (half a 1280 px page holds ~55).
_COLUMN_CHARACTERS = 48
_LINE_HEIGHT = 32  # one more line, and room between it and what is under the title


def _two_lines(line: str) -> str:
    if len(line) <= _COLUMN_CHARACTERS or "<br>" in line:
        return line
    middle = len(line) / 2
    ends = [found.end() for found in _BREAKS.finditer(line)]
    if not ends or min(abs(end - middle) for end in ends) > len(line) / 4:
        ends = [found.end() for found in re.finditer(" ", line)]  # no separator near the middle
    if not ends:
        return line
    at = min(ends, key=lambda end: abs(end - middle))
    return f"{line[:at].rstrip()}<br>{line[at:]}"


def fit_column(figure):
    """``figure`` with its title and subtitle broken in two where they would not fit half the
    page (plotly.js never wraps them), and its top margin made room for it; a copy when the
    figure is a dict (it may be cached), changed in place otherwise."""
    is_dict = isinstance(figure, dict)
    layout = figure["layout"] if is_dict else figure.layout.to_plotly_json()
    title = dict(layout.get("title") or {})
    subtitle = dict(title.get("subtitle") or {})
    added = 0
    for part in (title, subtitle):
        text = part.get("text")
        if isinstance(text, str) and _two_lines(text) != text:
            part["text"] = _two_lines(text)
            added += 1
    if not added:
        return figure
    if subtitle:
        title["subtitle"] = subtitle
    # plotly.js sets a title of several lines anchored at its top too high, partly outside the
    # figure: placed by default (in the middle of the top margin), it is whole.
    title.pop("y", None)
    title.pop("yanchor", None)
    margin = dict(layout.get("margin") or {})
    margin["t"] = margin.get("t", 64) + added * _LINE_HEIGHT
    if is_dict:
        return {**figure, "layout": {**layout, "title": title, "margin": margin}}
    figure.layout.title = title  # replaced, not merged: without its y and anchor
    figure.update_layout(margin=margin)
    return figure


def uploaded_title(dataset: Dataset, text: Text) -> str | None:
    """The title of an uploaded dataset (its flows and indicators are its own, not UNODC's);
    None for the public data."""
    meta = dataset.metadata.get(UPLOAD_SOURCE)
    return None if meta is None else str(text.meta(meta, "title"))


def public_panel(draw: Callable[[Dataset], list], text: Text) -> list:
    """The public data's panel of a view (``[]`` unless the address asks for it): ``draw``
    gives the view's content for a dataset, called with the baseline."""
    public = public_beside()
    if public is None:
        return []
    with answering_from_baseline():
        children = draw(public)
    return [
        html.Section(
            [html.H2(text.gettext(words.PUBLIC), className="beside-title"), *distinct(children)],
            className="beside-panel",
            **{"aria-label": text.gettext(words.PUBLIC)},
        )
    ]


def side_by_side(own: list, panel_id: str, text: Text, panel: list | None = None) -> html.Div:
    """The view's own content and, beside it, the container of the public data's panel
    (``panel_id``: always in the page; the view's callback fills it, or the page with
    ``panel``). Side by side, each column is headed by its dataset's name."""
    if public_beside() is None:
        children = [html.Div(own, className="beside-own"), html.Div(panel or [], id=panel_id)]
        return html.Div(children, className="one-dataset")
    title = uploaded_title(current_dataset(), text) or ""
    return html.Div(
        [
            html.P(text.gettext(words.BESIDE_INTRO), className="hint beside-intro"),
            html.Div([html.H2(title, className="beside-title"), *own], className="beside-own"),
            html.Div(panel or [], id=panel_id),
        ],
        className="side-by-side",
    )
