"""Map figures: choropleth of an indicator, flow lines, Missing Migrants incidents.

Pure functions of tidy frames; no Dash, no I/O. Flow lines are drawn as a handful of traces
(one per width class, segments separated by gaps) however many corridors there are, and
the map's shapes come from the app's own assets (``topojsonURL`` in the graph config).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics.intervals import format_interval
from dashboard.figures.theme import (
    FLOW_COLOURS,
    INCIDENT_COLOUR,
    SEQUENTIAL,
    base_layout,
)
from dashboard.i18n import t

#: Widths (px) of the flow-line classes, thinnest first.
LINE_WIDTHS = (1.5, 3.0, 5.0, 8.0)
MEDITERRANEAN = {"lon": [-28.0, 68.0], "lat": [0.0, 56.0]}


@dataclass(frozen=True)
class MapOptions:
    """What the map shows besides its data."""

    title: str = ""
    colour_label: str = ""
    percent: bool = False
    digits: int = 0
    focus: str | None = None
    height: int | None = None
    font_size: int = 14


def _hover_value(low: float, high: float, options: MapOptions) -> str:
    if options.percent:
        return format_interval(low * 100, high * 100, digits=options.digits) + " %"
    return format_interval(low, high, digits=options.digits)


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
            "ticktext": [f"{v} %" for v in ticks],
        }
    z = np.log10(1 + low.astype(float))
    top = max(float(z.max()) if len(z) else 1.0, 1.0)
    ticks = [v for v in (0, 10, 100, 1_000, 10_000, 100_000) if np.log10(1 + v) <= top + 1e-9]
    return {
        "z": z.to_numpy(dtype="float32"),
        "zmax": top,
        "tickvals": [round(float(np.log10(1 + v)), 4) for v in ticks],
        "ticktext": [f"{v:,}" for v in ticks],
    }


def choropleth_trace(
    values: pd.DataFrame, names: dict[str, str], options: MapOptions
) -> go.Choropleth:
    """One choropleth trace coloured by each country's *lower* bound ("at least").

    ``values`` has ``iso3, low, high, censored``; hover shows the full interval.
    """
    colour = _colour_values(values["low"], options)
    hover = [
        f"<b>{names.get(code, code)}</b><br>{_hover_value(lo, hi, options)}"
        + ("<br><i>includes suppressed counts (&lt;5)</i>" if cens else "")
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
    )


def flow_line_traces(
    corridors: pd.DataFrame, points: dict[str, tuple[float, float]], names: dict[str, str]
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

    Returns
    -------
    list of plotly.graph_objects.Scattergeo
        At most ``len(LINE_WIDTHS)`` line traces plus one trace of hover markers.
    """
    drawable = corridors[
        corridors["origin"].isin(points)
        & corridors["destination"].isin(points)
        & (corridors["transit"].eq("") | corridors["transit"].isin(points))
        & (corridors["origin"] != corridors["destination"])
    ]
    if drawable.empty:
        return []
    highs = drawable["count_high"].to_numpy(dtype=float)
    edges = np.unique(np.quantile(highs, np.linspace(0, 1, len(LINE_WIDTHS) + 1)))
    classes = np.clip(np.searchsorted(edges, highs, side="right") - 1, 0, len(LINE_WIDTHS) - 1)
    traces: list[go.Scattergeo] = []
    mid_lon, mid_lat, mid_text = [], [], []
    via_template = t("{route} via {via}")  # filled per corridor below
    for width_class, width in enumerate(LINE_WIDTHS):
        lon: list[float] = []
        lat: list[float] = []
        for row in drawable.loc[classes == width_class].itertuples(index=False):
            stops = [row.origin, *([row.transit] if row.transit else []), row.destination]
            for stop in stops:
                lon.append(points[stop][0])
                lat.append(points[stop][1])
            lon.append(np.nan)  # a gap: plotly.js starts a new line segment
            lat.append(np.nan)
            mid_lon.append(points[stops[-2]][0] * 0.5 + points[stops[-1]][0] * 0.5)
            mid_lat.append(points[stops[-2]][1] * 0.5 + points[stops[-1]][1] * 0.5)
            origin, destination = names.get(row.origin, row.origin), names.get(row.destination)
            route = f"{origin} → {destination or row.destination}"
            if row.transit:
                route = via_template.format(route=route, via=names.get(row.transit, row.transit))
            mid_text.append(f"{route}<br>{format_interval(row.count_low, row.count_high)}")
        if lon:
            traces.append(
                go.Scattergeo(
                    lon=np.array(lon, dtype="float32"),
                    lat=np.array(lat, dtype="float32"),
                    mode="lines",
                    line={"width": width, "color": FLOW_COLOURS[width_class]},
                    opacity=0.75,
                    hoverinfo="skip",
                    showlegend=False,
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
        )
    )
    return traces


def in_map_area(frame: pd.DataFrame, area: dict = MEDITERRANEAN) -> pd.DataFrame:
    """Rows of ``frame`` (with ``lon``/``lat``) inside the map's visible area."""
    return frame.loc[frame["lon"].between(*area["lon"]) & frame["lat"].between(*area["lat"])]


def incident_trace(incidents: pd.DataFrame, label: str) -> go.Scattergeo:
    """Missing Migrants incidents as markers sized by the dead and missing.

    Coordinates and sizes go to the browser as typed arrays; hover text is kept short (date,
    dead and missing, the first words of the place) so a year of incidents stays small.
    """
    located = incidents.dropna(subset=["lon", "lat"])
    dead = located["dead_missing"].to_numpy(dtype=float)
    places = located["location"].fillna("").str.slice(0, 48)
    template = t("{date} · {n} dead or missing<br>{place}")  # filled per incident below
    hover = [
        template.format(date=d, n=f"{dm:g}", place=place)
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
    )


def map_figure(
    values: pd.DataFrame,
    names: dict[str, str],
    options: MapOptions,
    lines: list[go.Scattergeo] | None = None,
    incidents: go.Scattergeo | None = None,
) -> go.Figure:
    """The map: choropleth, then flow lines, then incidents, over the Mediterranean."""
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
        lonaxis_range=MEDITERRANEAN["lon"],
        lataxis_range=MEDITERRANEAN["lat"],
        showcountries=True,
        countrycolor="#9aa3ad",
        showland=True,
        landcolor="#eceff1",
        showocean=True,
        oceancolor="#f4f8fb",
        showframe=False,
        showcoastlines=False,
    )
    figure.update_layout(
        title={"text": options.title, "x": 0.01},
        margin={"l": 0, "r": 0, "t": 48, "b": 0},
        legend={"x": 0.01, "y": 0.02, "bgcolor": "rgba(255,255,255,0.8)"},
        height=options.height,
        dragmode="pan",
    )
    return figure
