"""The Country view's figures: ranked partners, breakdowns, years reported, context.

Pure ``(tidy frame, …) -> figure`` (a plain dict when serving); no Dash, no I/O. Intervals are
bars at the lower bound with the possible rest up to the upper bound.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.figures.plotly_dict import (
    ChartOptions,
    Figure,
    axis_ref,
    empty,
    figure,
    subplot_grid,
    subplot_titles,
    update_axes,
)
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, base_layout_dict


def ranked_bars(
    totals: pd.DataFrame,
    labels: Sequence[str],
    options: ChartOptions,
    empty_message: str | None = None,
) -> Figure:
    """Horizontal bars of interval totals, largest first: solid to the lower bound, light to the
    upper bound (the range suppressed ``<5`` cells leave open). Two traces.

    ``totals`` has ``low, high`` (and optionally ``years``), one row per bar, in display order;
    ``labels`` names each row.
    """
    text, title, font_size = options.text, options.title, options.font_size
    if totals.empty:
        return empty(
            title,
            empty_message or text.gettext("No data reported."),
            font_size,
            height=360,
            text=text,
        )
    low = totals["low"].astype("float64").tolist()
    extra = (totals["high"].astype("float64") - totals["low"].astype("float64")).tolist()
    hover = [
        f"{label}: {text.interval(lo, hi)}"
        + (" " + text.ngettext("({n} year)", "({n} years)", int(n)) if n is not None else "")
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
            "name": text.gettext("at least"),
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
                "name": text.gettext("possible (<5 cells)"),
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
    return figure(data, layout, text)


def breakdown_figure(
    breakdown: pd.DataFrame,
    dimension_titles: Mapping[str, str],
    category_labels: Mapping[str, str],
    options: ChartOptions,
) -> Figure:
    """Detected victims by form of exploitation, sex and age: three panels of interval bars.

    ``breakdown`` comes from :func:`dashboard.analytics.country.breakdown_totals`;
    ``category_labels`` is looked up as ``"dimension:category"``, then ``"category"``.
    """
    text, title, font_size = options.text, options.title, options.font_size
    dimensions = [d for d in dimension_titles if d in set(breakdown["dimension"])]
    if not dimensions:
        return empty(title, text.gettext("No breakdown reported."), font_size, text=text)
    axes, domains = subplot_grid(1, len(dimensions), 0.08, 0.3)
    data = []
    for col, dimension in enumerate(dimensions, start=1):
        rows = breakdown.loc[breakdown["dimension"] == dimension]
        labels = [
            category_labels.get(f"{dimension}:{c}", category_labels.get(c, c))
            for c in rows["category"]
        ]
        hover = [
            f"{label}: {text.interval(lo, hi)} "
            + text.ngettext("({n} year)", "({n} years)", int(n))
            for label, lo, hi, n in zip(
                labels, rows["low"], rows["high"], rows["years"], strict=True
            )
        ]
        ref = axis_ref(col - 1)
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
    update_axes(layout, "yaxis", gridcolor="#e6eaee", rangemode="tozero")
    update_axes(layout, "xaxis", automargin=True)
    return figure(data, layout, text)


#: Reporting grid status → (z value, colour).
GRID_STATUS = {"missing": 0, "range": 1, "exact": 2}


def reporting_grid_figure(
    grid: pd.DataFrame,
    item_labels: Mapping[str, str],
    options: ChartOptions,
) -> Figure:
    """A year × indicator grid: dark where published exactly, light where a range, blank where
    nothing was published. One trace.
    """
    text, title, font_size = options.text, options.title, options.font_size
    if grid.empty:
        return empty(title, text.gettext("No years selected."), font_size, text=text)
    items = list(dict.fromkeys(grid["item"]))
    years = sorted(grid["year"].unique())
    table = grid.pivot(index="item", columns="year", values="status").reindex(items)
    # One row of statuses per item, in the order of ``years`` (no per-cell .loc look-ups).
    statuses = table.loc[:, years].to_numpy(dtype=object).tolist()
    z = [[GRID_STATUS[s] for s in row] for row in statuses]
    words = {
        "missing": text.gettext("not reported"),
        "range": text.gettext("reported (includes <5 cells)"),
        "exact": text.gettext("reported"),
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
    return figure([heatmap], layout, text)


def context_figure(
    population: pd.DataFrame,
    crossings: pd.DataFrame,
    titles: tuple[str, str],
    options: ChartOptions,
) -> Figure:
    """Context (never trafficking): population by year, and border-crossing detections of the
    country's nationals by year. ``population`` has ``year, value``; ``crossings`` has
    ``year, low, high``. Two traces.
    """
    text, title, font_size = options.text, options.title, options.font_size
    axes, domains = subplot_grid(1, 2, 0.12, 0.3)
    annotations = subplot_titles(list(titles), domains, font_size)
    data = []
    if not population.empty:
        data.append(
            {
                "type": "scatter",
                "meta": {"measure": "population", "context": True},
                "x": population["year"].tolist(),
                "y": population["value"].tolist(),
                "mode": "lines",
                "line": {"color": OTHER_COLOUR, "width": 2},
                "hovertext": [
                    f"{year}: {text.number(value)}"
                    for year, value in zip(population["year"], population["value"], strict=True)
                ],
                "hoverinfo": "text",
                "showlegend": False,
                "xaxis": "x",
                "yaxis": "y",
            }
        )
    if not crossings.empty:
        data.append(
            {
                "type": "bar",
                "meta": {"measure": "border-crossings", "context": True},
                "x": crossings["year"].tolist(),
                "y": crossings["low"].tolist(),
                "marker": {"color": OTHER_COLOUR},
                "hovertext": [
                    text.ngettext(
                        "{year}: {n} detection",
                        "{year}: {n} detections",
                        int(high),
                        year=year,
                        n=text.interval(low, high),
                    )
                    for year, low, high in zip(
                        crossings["year"], crossings["low"], crossings["high"], strict=True
                    )
                ],
                "hoverinfo": "text",
                "showlegend": False,
                "xaxis": "x2",
                "yaxis": "y2",
            }
        )
    else:
        annotations.append(
            {
                "text": text.gettext("No detections published"),
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
    update_axes(layout, "yaxis", rangemode="tozero", gridcolor="#e6eaee")
    return figure(data, layout, text)
