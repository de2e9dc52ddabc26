"""Building plotly figures as plain dicts, in one go.

plotly.py validates every ``update_*`` call and ``make_subplots`` separately, which cost most
of a callback's time; the figures of the Compare and Country views are complete dicts instead.
Under the tests (``DASHBOARD_VALIDATE_FIGURES=1``, set by tests/conftest.py) the dict is
validated by plotly.py into a ``go.Figure``, so a wrong property fails a test. When serving, the
dict itself is the figure: plotly.py's object model would validate it, copy it deeply twice
(when built and when serialised) and re-encode its arrays, for nothing, since the dict is
complete and checked. tests/figures/test_validation.py checks that every figure of every view
gives the same JSON either way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import plotly.graph_objects as go

from dashboard.figures.direction import right_to_left
from dashboard.figures.theme import base_layout_dict
from dashboard.text import Text
from dashboard.text import formats as text_formats

#: At most this many traces in one figure (one per panel at most).
MAX_TRACES = 30


@dataclass(frozen=True)
class ChartOptions:
    """What a chart shows besides its data: its language, title and base font size."""

    text: Text
    title: str = ""
    font_size: int = 13


#: Validate figures as they are built (plotly.py's property checks); off when serving.
VALIDATE = os.environ.get("DASHBOARD_VALIDATE_FIGURES", "") == "1"
#: What the figure functions return: a go.Figure under the tests, its plain dict when serving
#: (``dcc.Graph`` takes either).
Figure = go.Figure | dict


@cache
def _default_template() -> dict:
    """plotly.py's default template as plain JSON (shared by every figure: read-only)."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def localised(layout: dict, text: Text) -> dict:
    """``layout`` with the decimal and group separators of ``text``'s language (what plotly.js
    writes numbers with; its default, ``.,``, is English's and is not written)."""
    separators = text_formats.plotly_separators(text.lang)
    return layout if separators == ".," else {**layout, "separators": separators}


def figure(data: list[dict], layout: dict, text: Text | None = None) -> Figure:
    """The figure of ``data`` (trace dicts with ``type``) and a complete ``layout`` dict (with
    ``text``'s number separators, and mirrored in a right-to-left language: see
    :mod:`dashboard.figures.direction`)."""
    if text is not None:
        layout = localised(layout, text)
        if text.lang != "en":
            # Ticks in full (30 000, 5 000 000), not with English SI letters (30k, 5M); plotly
            # groups five digits and more with the language's separator, and leaves years be.
            layout = {
                key: {"exponentformat": "none", **axis}
                if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict)
                else axis
                for key, axis in layout.items()
            }
        if text.direction == "rtl":
            data, layout = right_to_left(data, layout)
    if not VALIDATE:
        # go.Figure adds plotly.py's default template when serialised; so does the dict.
        return {"data": data, "layout": {"template": _default_template(), **layout}}
    return go.Figure({"data": data, "layout": layout})


def subplot_grid(
    rows: int,
    cols: int,
    horizontal_spacing: float,
    vertical_spacing: float,
    row_heights: Sequence[float] | None = None,
    shared_xaxes: bool = False,
) -> tuple[dict[str, dict], list[tuple[list[float], list[float]]]]:
    """The axes of a ``rows`` × ``cols`` grid of xy subplots, exactly as plotly's
    ``make_subplots`` lays them out (default specs, ``start_cell="top-left"``).

    Returns the layout's ``xaxis…``/``yaxis…`` dicts (``domain``, ``anchor``, and with
    ``shared_xaxes`` ``matches``/``showticklabels``) and each subplot's (x domain, y domain),
    row by row from the top. Subplot ``i`` (from 0) uses axes ``x{i+1}``/``y{i+1}``.
    The arithmetic mirrors plotly's term by term so that the floats are the same.
    """
    widths = [(1.0 - horizontal_spacing * (cols - 1)) / cols] * cols
    if row_heights is None:
        heights = [(1.0 - vertical_spacing * (rows - 1)) / rows] * rows
    else:
        total = float(sum(row_heights))
        heights = [(1.0 - vertical_spacing * (rows - 1)) * (h / total) for h in row_heights]
        heights = list(reversed(heights))  # rows are drawn from the top
    grid = [
        [
            (sum(widths[:c]) + c * horizontal_spacing, sum(heights[:r]) + r * vertical_spacing)
            for c in range(cols)
        ]
        for r in range(rows)[::-1]
    ]

    def clamp(value: float) -> float:
        # plotly rounds values within 0.01 outside [0, 1] (floating point errors) to the edge
        return 0.0 if -0.01 < value < 0.0 else 1.0 if 1.0 < value < 1.01 else value

    axes: dict[str, dict] = {}
    domains = []
    for r in range(rows):
        for c in range(cols):
            x_start, y_start = grid[r][c]
            x_domain = [max(0.0, x_start + 0.0), min(1.0, x_start + widths[c] - 0.0)]
            y_domain = [
                max(0.0, clamp(y_start + 0.0)),
                min(1.0, clamp(y_start + heights[-1 - r] - 0.0)),
            ]
            n = r * cols + c + 1
            suffix = str(n) if n > 1 else ""
            axes[f"xaxis{suffix}"] = {"domain": x_domain, "anchor": f"y{suffix}"}
            axes[f"yaxis{suffix}"] = {"domain": y_domain, "anchor": f"x{suffix}"}
            domains.append((x_domain, y_domain))
    if shared_xaxes:
        # Every column's axes match its bottom one, which alone keeps its tick labels.
        for c in range(cols):
            bottom = (rows - 1) * cols + c + 1
            for r in range(rows - 1):
                n = r * cols + c + 1
                axis = axes[f"xaxis{n if n > 1 else ''}"]
                axis["matches"] = f"x{bottom if bottom > 1 else ''}"
                axis["showticklabels"] = False
    return axes, domains


def subplot_titles(
    titles: Sequence[str], domains: Sequence[tuple[list[float], list[float]]], font_size: int
) -> list[dict]:
    """``make_subplots``' title annotations (centred above each subplot; an empty title has
    none), with the figure's font size."""
    return [
        {
            "y": y_domain[1],
            "xref": "paper",
            "x": sum(x_domain) / 2.0,
            "yref": "paper",
            "text": title,
            "showarrow": False,
            "font": {"size": font_size},
            "xanchor": "center",
            "yanchor": "bottom",
        }
        for title, (x_domain, y_domain) in zip(titles, domains, strict=False)
        if title
    ]


def axis_ref(index: int) -> str:
    """The suffix of subplot ``index``'s (from 0) axes: ``""``, ``"2"``, …"""
    return str(index + 1) if index else ""


def update_axes(layout: dict, prefix: str, **properties: object) -> None:
    """Like ``update_xaxes``/``update_yaxes``: set ``properties`` on every axis of ``layout``."""
    for key, axis in layout.items():
        if (key.startswith(prefix) and key[len(prefix) :].isdigit()) or key == prefix:
            axis.update(properties)


def empty(
    title: str, message: str, font_size: int = 13, height: int = 320, text: Text | None = None
) -> Figure:
    """A figure with no data that says why (``message``), under its ``title``; in ``text``'s
    language (its separators, and mirrored right to left)."""
    layout = base_layout_dict(font_size)
    layout.update(
        annotations=[
            {
                "text": message, "x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper",
                "showarrow": False, "font": {"color": "#56606b"},
            }
        ],
        xaxis={"visible": False},
        yaxis={"visible": False},
        title={"text": title, "x": 0.01},
        height=height,
    )  # fmt: skip
    return figure([], layout, text)
