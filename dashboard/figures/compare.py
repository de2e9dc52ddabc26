"""Figures of the Compare and Country views.

Pure functions ``(tidy frame, options) -> figure`` (a ``go.Figure``, or its plain dict when
serving: see :func:`_figure`); no Dash, no I/O. Intervals are drawn as
what they are: a line or bar at the lower bound ("at least") with a range bar up to the upper
bound; a year with no report is a gap, never a zero. Every figure has at most a few traces (one
per panel at most), in the colour-blind-safe palettes of :mod:`dashboard.figures.theme`.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics.intervals import format_interval
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, SEQUENTIAL, base_layout_dict
from dashboard.i18n import t

MAX_TRACES = 30
RANGE_NOTE = "Line at the lower bound; bars reach the upper bound where <5 cells make a range."


@dataclass(frozen=True)
class TrendOptions:
    """How the small multiples show their values."""

    title: str = ""
    percent: bool = False
    digits: int = 0
    shared_y: bool = False  # one y scale for every panel (shares: comparable as they are)
    columns: int = 4
    font_size: int = 13
    row_height: int = 170


def _fmt(low: float, high: float, percent: bool, digits: int) -> str:
    if percent:
        return format_interval(low * 100, high * 100, digits=digits) + " %"
    return format_interval(low, high, digits=digits)


# --------------------------------------------------------------------------------------------
# Building figures in one go: a complete dict (plotly validates every update_* call and
# make_subplots separately, which cost most of a callback's time). Under the tests
# (DASHBOARD_VALIDATE_FIGURES=1, set by tests/conftest.py) the dict is validated by plotly.py
# into a go.Figure, so a wrong property fails a test. When serving, the dict itself is the
# figure: plotly.py's object model would validate it, copy it deeply twice (when built and when
# serialised) and re-encode its arrays, for nothing, since the dict is complete and checked.
# tests/integration/test_figure_validation.py checks that every figure of every view gives the
# same JSON either way.
# --------------------------------------------------------------------------------------------

#: Validate figures as they are built (plotly.py's property checks); off when serving.
VALIDATE = os.environ.get("DASHBOARD_VALIDATE_FIGURES", "") == "1"
#: What the figure functions return: a go.Figure under the tests, its plain dict when serving
#: (``dcc.Graph`` takes either).
Figure = go.Figure | dict


@cache
def _default_template() -> dict:
    """plotly.py's default template as plain JSON (shared by every figure: read-only)."""
    return json.loads(go.Figure().to_json())["layout"]["template"]


def _figure(data: list[dict], layout: dict) -> Figure:
    """The figure of ``data`` (trace dicts with ``type``) and a complete ``layout`` dict."""
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


def _axis_ref(index: int) -> str:
    """The suffix of subplot ``index``'s (from 0) axes: ``""``, ``"2"``, …"""
    return str(index + 1) if index else ""


def _update_axes(layout: dict, prefix: str, **properties: object) -> None:
    """Like ``update_xaxes``/``update_yaxes``: set ``properties`` on every axis of ``layout``."""
    for key, axis in layout.items():
        if (key.startswith(prefix) and key[len(prefix) :].isdigit()) or key == prefix:
            axis.update(properties)


def _empty(title: str, message: str, font_size: int = 13, height: int = 320) -> Figure:
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
    return _figure([], layout)


def trends_figure(
    values: pd.DataFrame,
    panels: Sequence[tuple[str, str]],
    year_from: int,
    year_to: int,
    options: TrendOptions = TrendOptions(),
) -> Figure:
    """Small multiples: one panel per country (or indicator), one trace per panel.

    Parameters
    ----------
    values : pandas.DataFrame
        ``panel, year, low, high, censored``; ``panel`` matches the keys of ``panels``.
    panels : sequence of (key, title)
        The panels, in order (at most :data:`MAX_TRACES`).
    year_from, year_to : int
        The x range; every year in it is a point, so an unreported year is a gap.
    options : TrendOptions

    Returns
    -------
    plotly.graph_objects.Figure
        A line at the lower bound per panel, with range bars up to the upper bound; a panel with
        no value says "No data reported".
    """
    panels = list(panels)[:MAX_TRACES]
    if not panels:
        return _empty(options.title, t("No countries selected."), options.font_size)
    columns = max(1, min(options.columns, len(panels)))
    rows = math.ceil(len(panels) / columns)
    axes, domains = subplot_grid(rows, columns, 0.08, min(0.5 / rows, 0.16))
    annotations = subplot_titles([title for _, title in panels], domains, options.font_size)
    years = list(range(int(year_from), int(year_to) + 1))
    scale = 100.0 if options.percent else 1.0
    data = []
    for index, (key, _) in enumerate(panels):
        own = values.loc[values["panel"] == key].set_index("year")
        own = own.loc[~own.index.duplicated()].reindex(years)
        low = own["low"].to_numpy(dtype="float64") * scale
        high = own["high"].to_numpy(dtype="float64") * scale
        spread = np.where(np.isfinite(high - low), high - low, np.nan)
        hover = [
            f"{year}: {_fmt(lo / scale, hi / scale, options.percent, options.digits)}"
            + (" " + t("(includes <5 cells)") if cens is True else "")
            if not np.isnan(lo)
            else t("{year}: not reported", year=year)
            for year, lo, hi, cens in zip(years, low, high, own["censored"], strict=True)
        ]
        colour = CATEGORICAL[index % len(CATEGORICAL)] if len(panels) > 1 else CATEGORICAL[0]
        ref = _axis_ref(index)
        data.append(
            {
                "type": "scatter",
                "x": years,
                "y": [None if np.isnan(v) else round(float(v), 6) for v in low],
                "mode": "lines+markers",
                "connectgaps": False,
                "line": {"color": colour, "width": 2},
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
                "name": str(key),
                "showlegend": False,
                "xaxis": f"x{ref}",
                "yaxis": f"y{ref}",
            }
        )
        if own["low"].isna().all():
            annotations.append(
                {
                    "text": t("No data reported"),
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
    _update_axes(layout, "xaxis", range=[year_from - 0.5, year_to + 0.5], showgrid=False)
    _update_axes(layout, "yaxis", rangemode="tozero", gridcolor="#e6eaee", zeroline=True)
    if options.shared_y:
        # One scale for every panel, set explicitly (plotly's matched axes lose the traces
        # here): from 0 to the largest finite upper bound drawn.
        highs = values.loc[values["panel"].isin([k for k, _ in panels]), "high"] * scale
        top = highs.replace(np.inf, np.nan).max()
        top = 100.0 if options.percent and not top > 0 else float(top) if top > 0 else 1.0
        _update_axes(layout, "yaxis", range=[0, top * 1.05], autorange=False)
    if options.percent:
        _update_axes(layout, "yaxis", ticksuffix=" %")
    return _figure(data, layout)


def _matrix(
    pairs: pd.DataFrame, countries: Sequence[str], value: str
) -> tuple[list[list[float | None]], dict[tuple[str, str], pd.Series]]:
    index = {code: i for i, code in enumerate(countries)}
    z: list[list[float | None]] = [[None] * len(countries) for _ in countries]
    rows = {}
    for _, row in pairs.iterrows():
        a, b = row["iso3_a"], row["iso3_b"]
        if a not in index or b not in index:
            continue
        cell = None if pd.isna(row[value]) else float(row[value])
        z[index[a]][index[b]] = z[index[b]][index[a]] = cell
        rows[(a, b)] = rows[(b, a)] = row
    return z, rows


def similarity_heatmap(
    similarity: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    title: str = "",
    font_size: int = 13,
) -> Figure:
    """Heatmap of profile similarity (0–1), coloured by the lower bound; text shows the range.

    ``similarity`` comes from :func:`dashboard.analytics.convergence.profile_similarity`; pairs
    that are not comparable are blank, marked "n/a".
    """
    if len(countries) < 2:
        return _empty(title, t("Choose at least two countries."), font_size)
    labels = [names.get(code, code) for code in countries]
    z, rows = _matrix(similarity, countries, "low")
    text, hover = [], []
    for a, name_a in zip(countries, labels, strict=True):
        text_row, hover_row = [], []
        for b, name_b in zip(countries, labels, strict=True):
            row = rows.get((a, b))
            if a == b:
                text_row.append("")
                hover_row.append(name_a)
            elif row is None or pd.isna(row["low"]):
                shared = 0 if row is None else int(row["shared"])
                text_row.append(t("n/a"))
                hover_row.append(
                    t(
                        "{a} – {b}<br>not comparable ({n} shared measure(s))",
                        a=name_a,
                        b=name_b,
                        n=shared,
                    )
                )
            else:
                value = format_interval(row["low"], row["high"], digits=2)
                text_row.append(value)
                hover_row.append(
                    t(
                        "{a} – {b}<br>similarity {value}<br>over {n} shared measures",
                        a=name_a,
                        b=name_b,
                        value=value,
                        n=int(row["shared"]),
                    )
                )
        text.append(text_row)
        hover.append(hover_row)
    colorbar = {"title": {"text": t("at least")}, "thickness": 12}
    return _country_pairs_figure(z, labels, text, hover, 1, colorbar, title, font_size)


def _country_pairs_figure(
    z: list,
    labels: list[str],
    text: list[list[str]],
    hover: list[list[str]],
    zmax: float,
    colorbar: dict,
    title: str,
    font_size: int,
) -> Figure:
    """A country × country heatmap with a value written in each cell and its own hover text."""
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": labels,
        "y": labels,
        "zmin": 0,
        "zmax": zmax,
        "colorscale": SEQUENTIAL,
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "hovertext": hover,
        "hoverinfo": "text",
        "xgap": 2,
        "ygap": 2,
        "colorbar": colorbar,
    }
    layout = base_layout_dict(font_size)
    layout.update(
        title={"text": title, "x": 0.01},
        height=440,
        yaxis={"autorange": "reversed", "showgrid": False},
        xaxis={"showgrid": False, "tickangle": -30},
    )
    return _figure([heatmap], layout)


def overlap_heatmap(
    overlap: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    title: str = "",
    font_size: int = 13,
) -> Figure:
    """Heatmap of how many main origin countries each pair shares; hover names them.

    ``overlap`` comes from :func:`dashboard.analytics.convergence.origin_overlap`; a pair where a
    country published no victims by citizenship is blank ("no data"), not 0.
    """
    if len(countries) < 2:
        return _empty(title, t("Choose at least two countries."), font_size)
    labels = [names.get(code, code) for code in countries]
    _, rows = _matrix(overlap, countries, "jaccard")
    counts: list[list[float | None]] = [[None] * len(countries) for _ in countries]
    text, hover = [], []
    for i, (a, name_a) in enumerate(zip(countries, labels, strict=True)):
        text_row, hover_row = [], []
        for j, (b, name_b) in enumerate(zip(countries, labels, strict=True)):
            row = rows.get((a, b))
            if a == b:
                text_row.append("")
                hover_row.append(name_a)
            elif row is None or pd.isna(row["jaccard"]):
                text_row.append(t("no data"))
                hover_row.append(
                    t("{a} – {b}<br>no victims by citizenship published", a=name_a, b=name_b)
                )
            else:
                counts[i][j] = int(row["shared"])
                shared = [names.get(c, c) for c in str(row["shared_origins"]).split(";") if c]
                text_row.append(f"{int(row['shared'])}")
                hover_row.append(
                    t(
                        "{a} – {b}<br>{n} shared of {k_a} and {k_b} main origins "
                        "(Jaccard {jaccard})<br>{origins}",
                        a=name_a,
                        b=name_b,
                        n=int(row["shared"]),
                        k_a=int(row["k_a"]),
                        k_b=int(row["k_b"]),
                        jaccard=f"{row['jaccard']:.2f}",
                        origins=", ".join(shared) or t("none"),
                    )
                )
        text.append(text_row)
        hover.append(hover_row)
    top = max([c for row in counts for c in row if c is not None], default=1) or 1
    colorbar = {"title": {"text": t("shared")}, "thickness": 12, "dtick": 1}
    return _country_pairs_figure(
        counts, labels, text, hover, max(top, 1), colorbar, title, font_size
    )


def convergence_figure(dispersion: pd.DataFrame, title: str = "", font_size: int = 13) -> Figure:
    """Coefficient of variation across countries by year, over the number reporting.

    ``dispersion`` comes from :func:`dashboard.analytics.convergence.dispersion_by_year`: the top
    panel draws the lower bound with range bars to the upper bound (a gap where fewer than two
    countries reported), the bottom panel the number of reporting countries.
    """
    if dispersion.empty:
        return _empty(title, t("No years selected."), font_size)
    axes, domains = subplot_grid(2, 1, 0.2, 0.08, row_heights=[0.72, 0.28], shared_xaxes=True)
    years = dispersion["year"].tolist()
    low = dispersion["cv_low"].to_numpy(dtype="float64")
    high = dispersion["cv_high"].to_numpy(dtype="float64")
    spread = np.where(np.isfinite(high - low), high - low, np.nan)
    hover = [
        t(
            "{year}: {value} across {n} countries",
            year=year,
            value=format_interval(lo, hi, digits=2),
            n=n,
        )
        if not np.isnan(lo)
        else t("{year}: {n} reporting (too few)", year=year, n=n)
        for year, lo, hi, n in zip(years, low, high, dispersion["reporting"], strict=True)
    ]
    reporting = dispersion["reporting"].tolist()
    data = [
        {
            "type": "scatter",
            "x": years,
            "y": [None if np.isnan(v) else round(float(v), 6) for v in low],
            "mode": "lines+markers",
            "connectgaps": False,
            "line": {"color": CATEGORICAL[0], "width": 2},
            "error_y": {
                "type": "data",
                "symmetric": False,
                "array": [0 if np.isnan(v) else round(float(v), 6) for v in spread],
                "arrayminus": [0] * len(years),
                "color": CATEGORICAL[0],
            },
            "hovertext": hover,
            "hoverinfo": "text",
            "name": t("coefficient of variation"),
            "showlegend": False,
            "xaxis": "x",
            "yaxis": "y",
        },
        {
            "type": "bar",
            "x": years,
            "y": reporting,
            "marker": {"color": OTHER_COLOUR},
            "text": [str(count) for count in reporting],
            "textposition": "outside",
            "hovertemplate": t("{year}: {n} countries reporting", year="%{x}", n="%{y}")
            + "<extra></extra>",
            "name": t("countries reporting"),
            "showlegend": False,
            "cliponaxis": False,
            "xaxis": "x2",
            "yaxis": "y2",
        },
    ]
    layout = base_layout_dict(font_size)
    layout.update(axes)
    layout.update(
        annotations=subplot_titles(
            [t("Coefficient of variation"), t("Countries reporting")], domains, font_size
        ),
        title={"text": title, "x": 0.01},
        height=440,
        margin={"l": 48, "r": 16, "t": 80, "b": 36},
    )
    layout["yaxis"].update(rangemode="tozero", gridcolor="#e6eaee")
    top = int(dispersion["reporting"].max() or 1)
    layout["yaxis2"].update(range=[0, top * 1.35 + 0.5], showgrid=False, dtick=max(1, top // 2))
    _update_axes(layout, "xaxis", range=[years[0] - 0.5, years[-1] + 0.5])
    return _figure(data, layout)


# --------------------------------------------------------------------------------------------
# Country view
# --------------------------------------------------------------------------------------------


def ranked_bars(
    totals: pd.DataFrame,
    labels: Sequence[str],
    title: str = "",
    empty_message: str | None = None,
    font_size: int = 13,
) -> Figure:
    """Horizontal bars of interval totals, largest first: solid to the lower bound, light to the
    upper bound (the range suppressed ``<5`` cells leave open). Two traces.

    ``totals`` has ``low, high`` (and optionally ``years``), one row per bar, in display order;
    ``labels`` names each row.
    """
    if totals.empty:
        return _empty(title, empty_message or t("No data reported."), font_size, height=360)
    low = totals["low"].astype("float64").tolist()
    extra = (totals["high"].astype("float64") - totals["low"].astype("float64")).tolist()
    hover = [
        f"{label}: {format_interval(lo, hi)}"
        + (" " + t("({n} year(s))", n=int(n)) if n is not None else "")
        for label, lo, hi, n in zip(
            labels,
            totals["low"],
            totals["high"],
            totals["years"] if "years" in totals else [None] * len(totals),
            strict=True,
        )
    ]
    data = [
        {
            "type": "bar",
            "y": list(labels),
            "x": low,
            "orientation": "h",
            "marker": {"color": CATEGORICAL[0]},
            "name": t("at least"),
            "hovertext": hover,
            "hoverinfo": "text",
        }
    ]
    if any(e > 0 for e in extra):
        data.append(
            {
                "type": "bar",
                "y": list(labels),
                "x": extra,
                "orientation": "h",
                "marker": {"color": "#9ecae1", "pattern": {"shape": "/"}},
                "name": t("possible (<5 cells)"),
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
    layout = base_layout_dict(font_size)
    layout.update(
        barmode="stack",
        title={"text": title, "x": 0.01},
        height=max(260, 90 + 28 * len(labels)),
        legend={"orientation": "h", "y": -0.12},
        margin={"l": 160, "r": 16, "t": 56, "b": 40},
        showlegend=any(e > 0 for e in extra),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"gridcolor": "#e6eaee", "rangemode": "tozero"},
    )
    return _figure(data, layout)


def breakdown_figure(
    breakdown: pd.DataFrame,
    dimension_titles: Mapping[str, str],
    category_labels: Mapping[str, str],
    title: str = "",
    font_size: int = 13,
) -> Figure:
    """Detected victims by form of exploitation, sex and age: three panels of interval bars.

    ``breakdown`` comes from :func:`dashboard.analytics.convergence.breakdown_totals`;
    ``category_labels`` is looked up as ``"dimension:category"``, then ``"category"``.
    """
    dimensions = [d for d in dimension_titles if d in set(breakdown["dimension"])]
    if not dimensions:
        return _empty(title, t("No breakdown reported."), font_size)
    axes, domains = subplot_grid(1, len(dimensions), 0.08, 0.3)
    data = []
    for col, dimension in enumerate(dimensions, start=1):
        rows = breakdown.loc[breakdown["dimension"] == dimension]
        labels = [
            category_labels.get(f"{dimension}:{c}", category_labels.get(c, c))
            for c in rows["category"]
        ]
        hover = [
            f"{label}: {format_interval(lo, hi)} " + t("({n} year(s))", n=int(n))
            for label, lo, hi, n in zip(
                labels, rows["low"], rows["high"], rows["years"], strict=True
            )
        ]
        ref = _axis_ref(col - 1)
        data.append(
            {
                "type": "bar",
                "x": labels,
                "y": rows["low"].astype("float64").tolist(),
                "marker": {"color": CATEGORICAL[col - 1]},
                "error_y": {
                    "type": "data",
                    "symmetric": False,
                    "array": (rows["high"] - rows["low"]).astype("float64").tolist(),
                    "arrayminus": [0] * len(rows),
                    "color": "#1b1f24",
                },
                "hovertext": hover,
                "hoverinfo": "text",
                "showlegend": False,
                "xaxis": f"x{ref}",
                "yaxis": f"y{ref}",
            }
        )
    layout = base_layout_dict(font_size)
    layout.update(axes)
    layout.update(
        annotations=subplot_titles([dimension_titles[d] for d in dimensions], domains, font_size),
        title={"text": title, "x": 0.01},
        height=340,
        margin={"l": 48, "r": 16, "t": 80, "b": 36},
    )
    _update_axes(layout, "yaxis", gridcolor="#e6eaee", rangemode="tozero")
    _update_axes(layout, "xaxis", automargin=True)
    return _figure(data, layout)


#: Reporting grid status → (z value, colour).
GRID_STATUS = {"missing": 0, "range": 1, "exact": 2}


def reporting_grid_figure(
    grid: pd.DataFrame, item_labels: Mapping[str, str], title: str = "", font_size: int = 13
) -> Figure:
    """A year × indicator grid: dark where published exactly, light where a range, blank where
    nothing was published. One trace.
    """
    if grid.empty:
        return _empty(title, t("No years selected."), font_size)
    items = list(dict.fromkeys(grid["item"]))
    years = sorted(grid["year"].unique())
    table = grid.pivot(index="item", columns="year", values="status").reindex(items)
    # One row of statuses per item, in the order of ``years`` (no per-cell .loc look-ups).
    statuses = table.loc[:, years].to_numpy(dtype=object).tolist()
    z = [[GRID_STATUS[s] for s in row] for row in statuses]
    words = {
        "missing": t("not reported"),
        "range": t("reported (includes <5 cells)"),
        "exact": t("reported"),
    }
    hover = [
        [
            f"{item_labels.get(item, item)}, {year}: {words[status]}"
            for year, status in zip(years, row, strict=True)
        ]
        for item, row in zip(items, statuses, strict=True)
    ]
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": [int(y) for y in years],
        "y": [item_labels.get(item, item) for item in items],
        "zmin": 0,
        "zmax": 2,
        "colorscale": [
            [0.0, "#f1f3f5"],
            [0.33, "#f1f3f5"],
            [0.34, "#56B4E9"],
            [0.66, "#56B4E9"],
            [0.67, "#0072B2"],
            [1.0, "#0072B2"],
        ],
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "hovertext": hover,
        "hoverinfo": "text",
    }
    layout = base_layout_dict(font_size)
    layout.update(
        title={"text": title, "x": 0.01},
        height=90 + 34 * len(items),
        margin={"l": 200, "r": 16, "t": 56, "b": 36},
        yaxis={"autorange": "reversed", "showgrid": False, "automargin": True},
        xaxis={"showgrid": False, "dtick": 2},
    )
    return _figure([heatmap], layout)


def context_figure(
    population: pd.DataFrame,
    crossings: pd.DataFrame,
    titles: tuple[str, str],
    title: str = "",
    font_size: int = 13,
) -> Figure:
    """Context (never trafficking): population by year, and border-crossing detections of the
    country's nationals by year. ``population`` has ``year, value``; ``crossings`` has
    ``year, low, high``. Two traces.
    """
    axes, domains = subplot_grid(1, 2, 0.12, 0.3)
    annotations = subplot_titles(list(titles), domains, font_size)
    data = []
    if not population.empty:
        data.append(
            {
                "type": "scatter",
                "x": population["year"].tolist(),
                "y": population["value"].tolist(),
                "mode": "lines",
                "line": {"color": OTHER_COLOUR, "width": 2},
                "hovertemplate": "%{x}: %{y:,.0f}<extra></extra>",
                "showlegend": False,
                "xaxis": "x",
                "yaxis": "y",
            }
        )
    if not crossings.empty:
        data.append(
            {
                "type": "bar",
                "x": crossings["year"].tolist(),
                "y": crossings["low"].tolist(),
                "marker": {"color": OTHER_COLOUR},
                "hovertemplate": t("{year}: {n} detections", year="%{x}", n="%{y:,}")
                + "<extra></extra>",
                "showlegend": False,
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
    else:
        annotations.append(
            {
                "text": t("No detections published"),
                "x": 0.5,
                "y": 0.5,
                "xref": "x2 domain",
                "yref": "y2 domain",
                "showarrow": False,
                "font": {"color": "#56606b", "size": font_size},
            }
        )
    layout = base_layout_dict(font_size)
    layout.update(axes)
    layout.update(
        annotations=annotations,
        title={"text": title, "x": 0.01},
        height=300,
        margin={"l": 64, "r": 16, "t": 80, "b": 36},
    )
    _update_axes(layout, "yaxis", rangemode="tozero", gridcolor="#e6eaee")
    return _figure(data, layout)
