"""Small multiples of an indicator: one panel per country (Compare) or per indicator (Country).

Pure ``(tidy frame, options) -> figure`` (a plain dict when serving, see
:mod:`dashboard.figures.plotly_dict`); no Dash, no I/O. Intervals are drawn as what they are: a
line at the lower bound ("at least") with a range bar up to the upper bound; a year with no
report is a gap, never a zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.figures.plotly_dict import (
    MAX_TRACES,
    Figure,
    axis_ref,
    empty,
    figure,
    subplot_grid,
    subplot_titles,
    update_axes,
)
from dashboard.figures.theme import CATEGORICAL, base_layout_dict
from dashboard.text import Text


@dataclass(frozen=True)
class TrendOptions:
    """How the small multiples show their values, in the language of ``text``."""

    text: Text
    title: str = ""
    percent: bool = False
    digits: int = 0
    shared_y: bool = False  # one y scale for every panel (shares: comparable as they are)
    columns: int = 4
    font_size: int = 13
    row_height: int = 170
    #: With values drawn beside (:func:`trends_figure`'s ``beside``), the legend's names of
    #: the figure's own series and of the other.
    own_name: str = ""
    beside_name: str = ""


#: The other dataset's series, beside the figure's own: grey, dotted.
BESIDE_COLOUR = "#6b7280"


def _fmt(low: float, high: float, percent: bool, digits: int, text: Text) -> str:
    return text.interval(low, high, digits=digits, percent=percent)


def _trace(
    values: pd.DataFrame,
    years: list[int],
    options: TrendOptions,
    style: dict,
) -> tuple[dict, bool]:
    """One panel's series (``year, low, high, censored`` rows) drawn in ``style`` (colour,
    more ``line`` settings, name, axes ``ref``; ``showlegend`` and its ``group`` when values
    are drawn beside), and whether it has no value at all."""
    text = options.text
    scale = 100.0 if options.percent else 1.0
    own = values.set_index("year")
    own = own.loc[~own.index.duplicated()].reindex(years)
    low = own["low"].to_numpy(dtype="float64") * scale
    high = own["high"].to_numpy(dtype="float64") * scale
    spread = np.where(np.isfinite(high - low), high - low, np.nan)
    lead = f"{style['name']}<br>" if style.get("showlegend") is not None else ""
    hover = [
        lead
        + (
            f"{year}: {_fmt(lo / scale, hi / scale, options.percent, options.digits, text)}"
            + (" " + text.gettext("(includes <5 cells)") if cens is True else "")
            if not np.isnan(lo)
            else text.gettext("{year}: not reported", year=year)
        )
        for year, lo, hi, cens in zip(years, low, high, own["censored"], strict=True)
    ]
    colour = style["colour"]
    trace = {
        "type": "scatter",
        "x": years,
        "y": [None if np.isnan(v) else round(float(v), 6) for v in low],
        "mode": "lines+markers",
        "connectgaps": False,
        "line": {"color": colour, "width": 2, **style.get("line", {})},
        "marker": {"size": 6, "color": colour},
        "error_y": {
            "type": "data",
            "symmetric": False,
            "array": [0 if np.isnan(v) else round(float(v), 6) for v in spread],
            "arrayminus": [0] * len(years),
            "color": colour,
            "thickness": 1.5,
            "width": 3,
        },
        "hovertext": hover,
        "hoverinfo": "text",
        "name": style["name"],
        "showlegend": bool(style.get("showlegend")),
        "xaxis": f"x{style['ref']}",
        "yaxis": f"y{style['ref']}",
    }
    if style.get("showlegend") is not None:
        trace["legendgroup"] = style["group"]
    return trace, bool(own["low"].isna().all())


def trends_figure(
    values: pd.DataFrame,
    panels: Sequence[tuple[str, str]],
    year_from: int,
    year_to: int,
    options: TrendOptions,
    beside: pd.DataFrame | None = None,
) -> Figure:
    """Small multiples: one panel per country (or indicator), one trace per panel (two with
    ``beside``).

    Parameters
    ----------
    values : pandas.DataFrame
        ``panel, year, low, high, censored``; ``panel`` matches the keys of ``panels``.
    panels : sequence of (key, title)
        The panels, in order (at most :data:`MAX_TRACES`, half as many with ``beside``).
    year_from, year_to : int
        The x range; every year in it is a point, so an unreported year is a gap.
    options : TrendOptions
    beside : pandas.DataFrame, optional
        Another dataset's values (same columns), drawn in each panel beside the figure's own
        (grey, dotted), with a legend naming both (``options.own_name``, ``beside_name``).

    Returns
    -------
    plotly.graph_objects.Figure
        A line at the lower bound per panel, with range bars up to the upper bound; a panel with
        no value says "No data reported".
    """
    text = options.text
    panels = list(panels)[: MAX_TRACES if beside is None else MAX_TRACES // 2]
    if not panels:
        return empty(
            options.title, text.gettext("No countries selected."), options.font_size, text=text
        )
    columns = max(1, min(options.columns, len(panels)))
    rows = math.ceil(len(panels) / columns)
    axes, domains = subplot_grid(rows, columns, 0.08, min(0.5 / rows, 0.16))
    annotations = subplot_titles([title for _, title in panels], domains, options.font_size)
    years = list(range(int(year_from), int(year_to) + 1))
    scale = 100.0 if options.percent else 1.0
    data = []
    for index, (key, _) in enumerate(panels):
        ref = axis_ref(index)
        if beside is None:
            colour = CATEGORICAL[index % len(CATEGORICAL)] if len(panels) > 1 else CATEGORICAL[0]
            style = {"colour": colour, "name": str(key), "ref": ref}
        else:  # one colour for the own series, named in the legend once
            first = index == 0
            style = {"colour": CATEGORICAL[0], "name": options.own_name, "ref": ref}
            style.update(showlegend=first, group="own")
        trace, nothing = _trace(values.loc[values["panel"] == key], years, options, style)
        data.append(trace)
        if beside is not None:
            other = {"colour": BESIDE_COLOUR, "line": {"dash": "dot"}, "name": options.beside_name}
            other.update(ref=ref, showlegend=index == 0, group="beside")
            theirs, none_either = _trace(beside.loc[beside["panel"] == key], years, options, other)
            data.append(theirs)
            nothing = nothing and none_either
        if nothing:
            annotations.append(
                {
                    "text": text.gettext("No data reported"),
                    "x": (year_from + year_to) / 2,
                    "y": 0.5,
                    "xref": f"x{ref}",
                    "yref": f"y{ref} domain",
                    "showarrow": False,
                    # every annotation has the figure's font size (as the subplot titles)
                    "font": {"color": "#56606b", "size": options.font_size},
                }
            )
    layout = base_layout_dict(options.font_size)
    layout.update(axes)
    layout.update(
        annotations=annotations,
        title={"text": options.title, "x": 0.01},
        height=80 + rows * options.row_height,
        margin={"l": 48, "r": 16, "t": 80, "b": 36},
        hovermode="closest",
    )
    if beside is not None:  # the legend under the panels, naming both series
        layout["showlegend"] = True
        layout["legend"] = {"orientation": "h", "x": 0, "y": 0, "yref": "container"}
        layout["margin"]["b"] = 72
    update_axes(layout, "xaxis", range=[year_from - 0.5, year_to + 0.5], showgrid=False)
    update_axes(layout, "yaxis", rangemode="tozero", gridcolor="#e6eaee", zeroline=True)
    if options.shared_y:
        # One scale for every panel, set explicitly (plotly's matched axes lose the traces
        # here): from 0 to the largest finite upper bound drawn.
        drawn = values if beside is None else pd.concat([values, beside])
        highs = drawn.loc[drawn["panel"].isin([k for k, _ in panels]), "high"] * scale
        top = highs.replace(np.inf, np.nan).max()
        top = 100.0 if options.percent and not top > 0 else float(top) if top > 0 else 1.0
        update_axes(layout, "yaxis", range=[0, top * 1.05], autorange=False)
    if options.percent:
        update_axes(layout, "yaxis", ticksuffix=text.percent_suffix())
    return figure(data, layout, text)
