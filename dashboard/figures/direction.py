"""Figures for a right-to-left language (Arabic): what plotly.js lets us mirror, and how.

plotly.js draws every plot left to right (its SVG text is ``direction: ltr``) and has no
right-to-left mode, so the dashboard mirrors what an Arabic reader reads from the right:

- titles and horizontal legends start at the right (``x``/``xanchor`` mirrored), as the page's
  own headings do; hover labels are aligned right;
- a grid of small multiples starts at the top right (each subplot's ``domain`` mirrored), in
  the order an Arabic reader reads the page;
- value axes (``yaxis``) and category labels stand on the right (``side="right"``), where a line
  of Arabic starts, and the margins swap sides with them;
- categories (countries, forms of exploitation) run from the right, and horizontal bars grow
  leftwards from their labels (those x axes are reversed);
- time stays left to right: years and numbers are written left to right in Arabic too, and
  Arabic statistical publications draw their time axes that way, so a time axis (years, dates)
  is never reversed;
- colour bars stand on the left, at the end of the line, as they stand on the right (the end)
  in English;
- every line of text plotly.js draws (titles, annotations, hover labels, legend entries) is
  put in a right-to-left isolate (RLI … PDI, :func:`rtl_lines`). plotly.js lays its SVG text
  out left to right, so a line that starts or ends with a number or a Latin name ("12–27
  victims", a hover's "2019: 12–27") would show its parts in left-to-right order; Chrome
  applies the Unicode bidirectional algorithm inside plotly's SVG text and hover labels, so an
  isolate gives each line the direction of an Arabic sentence. The isolates the text layer puts
  around ranges (FSI … PDI, :mod:`dashboard.text.formats`) render well there, inside it.

The map and the Sankey are ``go.Figure`` objects and mirror themselves with the same helpers
(:func:`mirrored_x`, :func:`mirrored_anchor`); see :mod:`dashboard.figures.sankey` for why its
origins are on the right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: Right-to-left isolate … pop directional isolate.
RLI, PDI = "\u2067", "\u2069"
_BREAK = re.compile(r"(<br\s*/?>)", re.IGNORECASE)
_EXTRA = re.compile(r"<extra>.*?</extra>$", re.DOTALL)
#: A year (a number) or an ISO date: a time axis, never reversed.
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ANCHORS = {"left": "right", "right": "left"}


def rtl_lines(text: object) -> object:
    """Each line of ``text`` (lines split by plotly's ``<br>``) in a right-to-left isolate; a
    hover template's ``<extra>`` box is left as it is; anything but text is returned as is.

    Examples
    --------
    >>> rtl_lines("12–27<br><b>%{x}</b><extra></extra>") == (
    ...     "\u206712–27\u2069<br>\u2067<b>%{x}</b>\u2069<extra></extra>")
    True
    """
    if isinstance(text, list | tuple):
        return [rtl_lines(item) for item in text]
    if not isinstance(text, str) or not text.strip() or text.startswith(RLI):
        return text
    found = _EXTRA.search(text)
    extra = found.group(0) if found else ""
    body = text[: found.start()] if found else text
    parts = _BREAK.split(body)
    lines = [
        part if index % 2 or not part.strip() else f"{RLI}{part}{PDI}"
        for index, part in enumerate(parts)
    ]
    return "".join(lines) + extra


def _titled(item: object) -> object:
    """A ``title`` (text or ``{"text": …}``, and its ``subtitle``) with its text in a
    right-to-left isolate."""
    if isinstance(item, dict):
        item = dict(item)
        if "text" in item:
            item["text"] = rtl_lines(item["text"])
        if isinstance(item.get("subtitle"), dict) and "text" in item["subtitle"]:
            item["subtitle"] = _titled(item["subtitle"])
        return item
    return rtl_lines(item)


def rtl_trace(trace: dict) -> dict:
    """A trace with the text it shows (hover, labels, legend entry) in right-to-left isolates."""
    trace = dict(trace)
    for key in ("text", "hovertext", "hovertemplate", "name"):
        if key in trace:
            trace[key] = rtl_lines(trace[key])
    for part in ("node", "link"):
        if isinstance(trace.get(part), dict):
            block = dict(trace[part])
            for key in ("label", "hovertemplate"):
                if key in block:
                    block[key] = rtl_lines(block[key])
            trace[part] = block
    if isinstance(trace.get("colorbar"), dict) and "title" in trace["colorbar"]:
        trace["colorbar"] = {**trace["colorbar"], "title": _titled(trace["colorbar"]["title"])}
    if isinstance(trace.get("legendgrouptitle"), dict):
        trace["legendgrouptitle"] = _titled(trace["legendgrouptitle"])
    return trace


def mirrored_x(x: float) -> float:
    """A paper position seen in a mirror (``0.01`` → ``0.99``)."""
    return round(1.0 - x, 6)


def mirrored_anchor(anchor: str | None) -> str | None:
    """``left`` ↔ ``right`` (``center`` and ``auto`` are their own mirror)."""
    return _ANCHORS.get(anchor, anchor) if anchor else anchor


def _mirror_position(item: dict) -> dict:
    """``item`` (a title, an annotation, a legend) with its paper ``x`` and anchor mirrored."""
    item = dict(item)
    if isinstance(item.get("x"), int | float):
        item["x"] = mirrored_x(item["x"])
    if "xanchor" in item:
        item["xanchor"] = mirrored_anchor(item["xanchor"])
    return item


def is_time(values: Iterable) -> bool:
    """Whether values on an axis are years or dates (time reads left to right in Arabic too).

    Examples
    --------
    >>> is_time([2019, 2020]), is_time(["2009-03", "2010"]), is_time(["Tunisia", "Egypt"])
    (True, True, False)
    """
    values = [v for v in values if v is not None]
    return bool(values) and all(
        (isinstance(v, int | float) and not isinstance(v, bool))
        or (isinstance(v, str) and _DATE.match(v))
        for v in values
    )


def _reversed_axes(data: list[dict]) -> set[str]:
    """The x axes to reverse: categories, and the value axes of horizontal bars."""
    found = set()
    for trace in data:
        axis = "xaxis" + trace.get("xaxis", "x")[1:]
        horizontal = trace.get("type") == "bar" and trace.get("orientation") == "h"
        if horizontal or not is_time(trace.get("x") or []):
            found.add(axis)
    return found


def right_to_left(data: list[dict], layout: dict) -> tuple[list[dict], dict]:
    """``data`` and ``layout`` mirrored for a right-to-left language (see the module)."""
    layout = dict(layout)
    reverse = _reversed_axes(data)
    for key, axis in list(layout.items()):
        if not isinstance(axis, dict):
            continue
        if key.startswith(("xaxis", "yaxis")) and "title" in axis:
            axis = {**axis, "title": _titled(axis["title"])}
        if key.startswith("xaxis"):
            axis = dict(axis)
            if "domain" in axis:
                start, end = axis["domain"]
                axis["domain"] = [mirrored_x(end), mirrored_x(start)]
            if isinstance(axis.get("tickangle"), int | float):
                axis["tickangle"] = -axis["tickangle"]  # slanted labels lean the other way
            if key in reverse and axis.get("visible", True):
                if "range" in axis:
                    axis["range"] = list(reversed(axis["range"]))
                else:
                    axis["autorange"] = "reversed"
            layout[key] = axis
        elif key.startswith("yaxis") and "overlaying" not in axis:
            layout[key] = {"side": "right", **axis}
    if "yaxis" not in layout and data:
        layout["yaxis"] = {"side": "right"}
    if isinstance(layout.get("title"), dict):
        layout["title"] = _titled(_mirror_position(layout["title"]))
    if isinstance(layout.get("legend"), dict):
        legend = layout["legend"]
        if "x" not in legend and legend.get("orientation") == "h":
            legend = {**legend, "x": 0.0, "xanchor": "left"}
        if "title" in legend:
            legend = {**legend, "title": _titled(legend["title"])}
        layout["legend"] = _mirror_position(legend)
    if layout.get("annotations"):
        layout["annotations"] = [
            _titled(_mirror_position(note) if note.get("xref", "paper") == "paper" else note)
            for note in layout["annotations"]
        ]
    if isinstance(layout.get("margin"), dict):
        margin = dict(layout["margin"])
        margin["l"], margin["r"] = margin.get("r", 80), margin.get("l", 80)
        if any(
            isinstance(a, dict) and a.get("automargin")
            for k, a in layout.items()
            if k[:5] == "yaxis"
        ):
            # plotly.js 4.1.1's automargin widens the left margin for labels on the left, but
            # not the right one for labels on the right: room for labels a little longer.
            margin["r"] += 40
        if any("colorbar" in trace for trace in data):
            margin["l"] += 100  # the colour bar, its title and ticks, now on the left
        layout["margin"] = margin
    layout["hoverlabel"] = {**layout.get("hoverlabel", {}), "align": "right"}
    return [rtl_trace(_colorbar_left(trace)) for trace in data], layout


def _colorbar_left(trace: dict) -> dict:
    """A trace whose colour bar stands on the left."""
    if "colorbar" not in trace:
        return trace
    colorbar = {"x": -0.04, "xanchor": "right"}
    return {**trace, "colorbar": {**trace["colorbar"], **colorbar}}


#: The properties of a trace that hold text it shows.
_TRACE_TEXT = (
    "text", "hovertext", "hovertemplate", "name", "node", "link", "colorbar", "legendgrouptitle",
)  # fmt: skip


def rtl_text(figure: object) -> None:
    """A ``go.Figure``'s text (traces, title, annotations) put in right-to-left isolates, in
    place (the map and the Sankey: the dict figures get it from :func:`right_to_left`)."""

    def trace_text(trace: object) -> None:
        own = trace.to_plotly_json()
        shown = rtl_trace({key: own[key] for key in _TRACE_TEXT if key in own})
        trace.update(shown)

    figure.for_each_trace(trace_text)
    if figure.layout.title.text:
        figure.layout.title.text = rtl_lines(figure.layout.title.text)
    if figure.layout.title.subtitle.text:
        figure.layout.title.subtitle.text = rtl_lines(figure.layout.title.subtitle.text)
    if figure.layout.legend.title.text:
        figure.layout.legend.title.text = rtl_lines(figure.layout.legend.title.text)
    for note in figure.layout.annotations:
        note.text = rtl_lines(note.text)
