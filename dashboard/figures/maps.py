"""Map figures: choropleth of an indicator, flow lines, Missing Migrants incidents.

Pure functions of tidy frames; no Dash, no I/O. Flow lines are drawn as a handful of traces
(one per width class, segments separated by gaps) however many corridors there are, and
the map's shapes come from the app's own assets (``topojsonURL`` in the graph config).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.direction import mirrored_x, rtl_text
from dashboard.figures.plotly_dict import localised
from dashboard.figures.theme import (
    FLOW_COLOURS,
    INCIDENT_COLOUR,
    SEQUENTIAL,
    base_layout,
)
from dashboard.text import Text

#: Widths (px) of the flow-line classes, thinnest first.
LINE_WIDTHS = (1.5, 3.0, 5.0, 8.0)


@dataclass(frozen=True)
class MapOptions:
    """What the map shows besides its data: ``area`` is the part of the world it shows
    (``{"lon": [west, east], "lat": [south, north]}``, from the dataset)."""

    text: Text
    area: Mapping[str, Sequence[float]]
    title: str = ""
    #: What else the map draws (its lines, its points), under the title: every measure the
    #: figure holds is named in the figure itself, context as context.
    subtitle: str = ""
    colour_label: str = ""
    #: The choropleth's measure (an indicator code), kept in the trace's ``meta``.
    measure: str = ""
    percent: bool = False
    digits: int = 0
    focus: str | None = None
    height: int | None = None
    font_size: int = 14


def _hover_value(low: float, high: float, options: MapOptions) -> str:
    return options.text.interval(low, high, digits=options.digits, percent=options.percent)


def _colour_values(low: pd.Series, options: MapOptions) -> dict:
    """Colour positions: linear for shares, logarithmic for counts and rates.

    Counts span four orders of magnitude (one country's thousands would make every other
    country look alike), so they are coloured by ``log10(1 + value)`` with a legend in real
    numbers.
    """
    if options.percent:
        z = (low * 100).round(2)
        ticks = [0, 25, 50, 75, 100]
        return {
            "z": z.tolist(),
            "zmax": 100,
            "tickvals": ticks,
            "ticktext": [options.text.number(v) + options.text.percent_suffix() for v in ticks],
        }
    z = np.log10(1 + low.astype(float))
    top = max(float(z.max()) if len(z) else 1.0, 1.0)
    ticks = [v for v in (0, 10, 100, 1_000, 10_000, 100_000) if np.log10(1 + v) <= top + 1e-9]
    return {
        "z": z.to_numpy(dtype="float32"),
        "zmax": top,
        "tickvals": [round(float(np.log10(1 + v)), 4) for v in ticks],
        "ticktext": [options.text.number(v) for v in ticks],
    }


def choropleth_trace(
    values: pd.DataFrame, names: dict[str, str], options: MapOptions
) -> go.Choropleth:
    """One choropleth trace coloured by each country's *lower* bound ("at least").

    ``values`` has ``iso3, low, high, censored``; hover shows the full interval.
    """
    colour = _colour_values(values["low"], options)
    suppressed = options.text.gettext("includes suppressed counts (&lt;5)")
    hover = [
        f"<b>{names.get(code, code)}</b><br>{_hover_value(lo, hi, options)}"
        + (f"<br><i>{suppressed}</i>" if cens else "")
        for code, lo, hi, cens in zip(
            values["iso3"], values["low"], values["high"], values["censored"], strict=True
        )
    ]
    return go.Choropleth(
        locations=values["iso3"].tolist(),
        z=colour["z"],
        locationmode="ISO-3",
        colorscale=SEQUENTIAL,
        zmin=0,
        zmax=colour["zmax"],
        marker={"line": {"color": "#ffffff", "width": 0.5}},
        colorbar={
            "title": {"text": options.colour_label},
            "thickness": 14,
            "len": 0.6,
            "tickvals": colour["tickvals"],
            "ticktext": colour["ticktext"],
        },
        hovertext=hover,
        hoverinfo="text",
        name="",
        meta={"measure": options.measure, "context": False},
    )


@dataclass(frozen=True)
class LineOptions:
    """What the flow lines are: their measure (a flows measure code), whether it is migration
    context, and their legend's title (which says both, and that width is the count)."""

    text: Text
    measure: str
    legend_title: str
    context: bool = False


def _stops(transit: object) -> list[str]:
    """The transit stops of a corridor in travel order: one corridor token (``route:cm``), or
    the countries an upload names joined by ``;`` (``MLI;DZA``), or none."""
    if not isinstance(transit, str) or not transit:
        return []
    return [stop for stop in transit.split(";") if stop]


def flow_line_traces(
    corridors: pd.DataFrame,
    points: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    options: LineOptions,
) -> list[go.Scattergeo]:
    """Flow lines, width by count, drawn through the transit corridor when there is one.

    All lines of one width class are one trace, segments separated by NaN gaps, so the number
    of traces does not grow with the number of corridors.

    Parameters
    ----------
    corridors : pandas.DataFrame
        ``origin, transit, destination, count_low, count_high`` (e.g. from ``top_corridors``).
    points : dict
        Code or token → ``(lon, lat)``; corridors whose ends have no point are not drawn.
    names : dict
        Code or token → display name, for hover text.
    options : LineOptions
        The language, the lines' measure and their legend's title.

    Returns
    -------
    list of plotly.graph_objects.Scattergeo
        At most ``len(LINE_WIDTHS)`` line traces, each in the legend with the range of counts
        its width stands for, plus one trace of hover markers.
    """
    text = options.text
    meta = {"measure": options.measure, "context": options.context}
    drawable = corridors[
        corridors["origin"].isin(points)
        & corridors["destination"].isin(points)
        & corridors["transit"]
        .map(lambda via: all(stop in points for stop in _stops(via)))
        .astype(bool)
        & (corridors["origin"] != corridors["destination"])
    ]
    if drawable.empty:
        return []
    highs = drawable["count_high"].to_numpy(dtype=float)
    edges = np.unique(np.quantile(highs, np.linspace(0, 1, len(LINE_WIDTHS) + 1)))
    classes = np.clip(np.searchsorted(edges, highs, side="right") - 1, 0, len(LINE_WIDTHS) - 1)
    traces: list[go.Scattergeo] = []
    mid_lon, mid_lat, mid_text = [], [], []
    via_template = text.gettext("{route} via {via}")  # filled per corridor below
    arrow = " ← " if text.direction == "rtl" else " → "  # routes read from their origin
    for width_class, width in enumerate(LINE_WIDTHS):
        lon: list[float] = []
        lat: list[float] = []
        members = drawable.loc[classes == width_class]
        for row in members.itertuples(index=False):
            stops = [row.origin, *_stops(row.transit), row.destination]
            for stop in stops:
                lon.append(points[stop][0])
                lat.append(points[stop][1])
            lon.append(np.nan)  # a gap: plotly.js starts a new line segment
            lat.append(np.nan)
            mid_lon.append(points[stops[-2]][0] * 0.5 + points[stops[-1]][0] * 0.5)
            mid_lat.append(points[stops[-2]][1] * 0.5 + points[stops[-1]][1] * 0.5)
            origin, destination = names.get(row.origin, row.origin), names.get(row.destination)
            route = f"{origin}{arrow}{destination or row.destination}"
            if row.transit:
                via = arrow.join(names.get(stop, stop) for stop in _stops(row.transit))
                route = via_template.format(route=route, via=via)
            mid_text.append(f"{route}<br>{text.interval(row.count_low, row.count_high)}")
        if lon:
            low, high = members["count_high"].min(), members["count_high"].max()
            traces.append(
                go.Scattergeo(
                    lon=np.array(lon, dtype="float32"),
                    lat=np.array(lat, dtype="float32"),
                    mode="lines",
                    line={"width": width, "color": FLOW_COLOURS[width_class]},
                    opacity=0.75,
                    hoverinfo="skip",
                    # The legend: what the lines are, and the counts each width stands for.
                    name=text.interval(low, high),
                    legendgroup="lines",
                    legendgrouptitle={"text": options.legend_title},
                    showlegend=True,
                    meta=meta,
                )
            )
    traces.append(
        go.Scattergeo(
            lon=np.array(mid_lon, dtype="float32"),
            lat=np.array(mid_lat, dtype="float32"),
            mode="markers",
            marker={"size": 7, "color": FLOW_COLOURS[-1], "symbol": "diamond"},
            hovertext=mid_text,
            hoverinfo="text",
            name="flows",
            showlegend=False,
            meta=meta,
        )
    )
    return traces


def incident_trace(incidents: pd.DataFrame, label: str, text: Text) -> go.Scattergeo:
    """Missing Migrants incidents as markers sized by the dead and missing.

    Coordinates and sizes go to the browser as typed arrays; hover text is kept short (date,
    dead and missing, the first words of the place) so a year of incidents stays small.
    """
    located = incidents.dropna(subset=["lon", "lat"])
    dead = located["dead_missing"].to_numpy(dtype=float)
    places = located["location"].fillna("").str.slice(0, 48)
    template = text.gettext("{date} · {n} dead or missing<br>{place}")  # filled per incident below
    hover = [
        template.format(date=d, n=text.number(dm), place=place)
        for d, dm, place in zip(located["date"], dead, places, strict=True)
    ]
    return go.Scattergeo(
        lon=located["lon"].to_numpy(dtype="float32"),
        lat=located["lat"].to_numpy(dtype="float32"),
        mode="markers",
        marker={
            "size": np.clip(np.sqrt(dead) * 2.5, 3, 30).astype("float32"),
            "color": INCIDENT_COLOUR,
            "opacity": 0.6,
            "line": {"width": 0},
        },
        hovertext=hover,
        hoverinfo="text",
        name=label,
        showlegend=True,
        meta={"measure": "incidents", "context": True},
    )


def map_figure(
    values: pd.DataFrame,
    names: dict[str, str],
    options: MapOptions,
    lines: list[go.Scattergeo] | None = None,
    incidents: go.Scattergeo | None = None,
) -> go.Figure:
    """The map: choropleth, then flow lines, then incidents, over the options' area."""
    figure = go.Figure(layout=base_layout(options.font_size))
    if not values.empty:
        figure.add_trace(choropleth_trace(values, names, options))
    for trace in lines or []:
        figure.add_trace(trace)
    if incidents is not None:
        figure.add_trace(incidents)
    figure.update_geos(
        resolution=50,
        projection_type="natural earth",
        lonaxis_range=list(options.area["lon"]),
        lataxis_range=list(options.area["lat"]),
        showcountries=True,
        countrycolor="#9aa3ad",
        showland=True,
        landcolor="#eceff1",
        showocean=True,
        oceancolor="#f4f8fb",
        showframe=False,
        showcoastlines=False,
    )
    # The title, then one line per line of the subtitle.
    top = 60 + 22 * (options.subtitle.count("<br>") + 1) if options.subtitle else 48
    figure.update_layout(
        title={"text": options.title, "x": 0.01, "subtitle": {"text": options.subtitle}}
        if options.subtitle
        else {"text": options.title, "x": 0.01},
        margin={"l": 0, "r": 0, "t": top, "b": 0},
        # One row under the map: the lines' widths and the incidents, not over the region.
        legend={
            "orientation": "h",
            "x": 0.01,
            "y": 0.0,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.8)",
            "groupclick": "toggleitem",
            # One row: "grouped" would stack the lines' widths in a column.
            "traceorder": "normal",
        },
        height=options.height,
        dragmode="pan",
        **localised({}, options.text),
    )
    if options.text.direction == "rtl":
        # Right to left (see dashboard.figures.direction): the title and the legend start at
        # the right, the colour bar stands on the left; the map itself is geography.
        figure.update_layout(
            title_x=mirrored_x(0.01),
            legend={"x": mirrored_x(0.01), "xanchor": "right"},
            hoverlabel_align="right",
        )
        figure.update_traces(
            colorbar={"x": -0.02, "xanchor": "right"}, selector={"type": "choropleth"}
        )
        rtl_text(figure)
    return figure
