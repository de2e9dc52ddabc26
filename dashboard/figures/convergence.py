"""Dispersion across countries over time: are the compared countries growing more alike?

Pure ``(tidy frame, …) -> figure`` (a plain dict when serving); no Dash, no I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures.plotly_dict import (
    ChartOptions,
    Figure,
    empty,
    figure,
    subplot_grid,
    subplot_titles,
    update_axes,
)
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, base_layout_dict


def convergence_figure(dispersion: pd.DataFrame, options: ChartOptions) -> Figure:
    """Coefficient of variation across countries by year, over the number reporting.

    ``dispersion`` comes from :func:`dashboard.analytics.dispersion.dispersion_by_year`: the top
    panel draws the lower bound with range bars to the upper bound (a gap where fewer than two
    countries reported), the bottom panel the number of reporting countries.
    """
    text, title, font_size = options.text, options.title, options.font_size
    if dispersion.empty:
        return empty(title, text.gettext("No years selected."), font_size, text=text)
    axes, domains = subplot_grid(2, 1, 0.2, 0.08, row_heights=[0.72, 0.28], shared_xaxes=True)
    years = dispersion["year"].tolist()
    low = dispersion["cv_low"].to_numpy(dtype="float64")
    high = dispersion["cv_high"].to_numpy(dtype="float64")
    spread = np.where(np.isfinite(high - low), high - low, np.nan)
    hover = [
        text.ngettext(
            "{year}: {value} across {n} country",
            "{year}: {value} across {n} countries",
            int(n),
            year=year,
            value=text.interval(lo, hi, digits=2),
        )
        if not np.isnan(lo)
        else text.ngettext(
            "{year}: {n} country reporting (too few)",
            "{year}: {n} countries reporting (too few)",
            int(n),
            year=year,
        )
        for year, lo, hi, n in zip(years, low, high, dispersion["reporting"], strict=True)
    ]
    reporting = dispersion["reporting"].tolist()
    reporting_hover = [
        text.ngettext(
            "{year}: {n} country reporting", "{year}: {n} countries reporting", int(n), year=year
        )
        for year, n in zip(years, reporting, strict=True)
    ]
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
            "name": text.gettext("coefficient of variation"),
            "showlegend": False,
            "xaxis": "x",
            "yaxis": "y",
        },
        {
            "type": "bar",
            "x": years,
            "y": reporting,
            "marker": {"color": OTHER_COLOUR},
            "text": [text.number(count) for count in reporting],
            "textposition": "outside",
            "hovertext": reporting_hover,
            "hoverinfo": "text",
            "name": text.gettext("countries reporting"),
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
            [text.gettext("Coefficient of variation"), text.gettext("Countries reporting")],
            domains,
            font_size,
        ),
        title={"text": title, "x": 0.01},
        height=440,
        margin={"l": 48, "r": 16, "t": 80, "b": 36},
    )
    layout["yaxis"].update(rangemode="tozero", gridcolor="#e6eaee")
    top = int(dispersion["reporting"].max() or 1)
    layout["yaxis2"].update(range=[0, top * 1.35 + 0.5], showgrid=False, dtick=max(1, top // 2))
    update_axes(layout, "xaxis", range=[years[0] - 0.5, years[-1] + 0.5])
    return figure(data, layout, text)
