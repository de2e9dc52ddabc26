"""Flow figures: the origin → transit → destination Sankey and its plain-language summary.

Pure functions of tidy frames; no Dash, no I/O.

The Sankey has three separate node *layers* (origins, corridors, destinations). A node's id is
prefixed by its layer (``origin:TUN``, ``transit:route:cm``, ``destination:TUN``), so a country
that is both an origin and a destination is two nodes and the graph cannot hold a cycle, even
when the data hold ``A → B`` and ``B → A`` (plotly.js can hang on cyclic Sankeys). Domestic
victims (origin equal to destination) start from their own origin node, "Nationals of …".

Counts are intervals: band widths show the lower bound ("at least") and every hover shows the
whole interval ("12–27"). Nothing here adds two measures together: callers pass one measure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics.intervals import (
    format_interval,
    ratio_interval,
    sum_frame,
    sum_intervals,
)
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, base_layout
from dashboard.i18n import t

#: Stands for every origin, corridor or destination outside the top corridors.
OTHER = "*other*"
#: The node token for an origin the source did not know or state.
UNKNOWN = "unknown"
LAYERS = ("origin", "transit", "destination")
#: Horizontal position of each layer (plotly ignores a position of exactly 0).
# Corridors left of centre: their labels (drawn to their right) and the destinations' labels
# (drawn to their left) then share the wider right-hand gap without overlapping.
LAYER_X = {"origin": 0.001, "transit": 0.38, "destination": 0.999}
#: Okabe–Ito without black: origins cycle through these, bands take their origin's colour.
ORIGIN_COLOURS = tuple(c for c in CATEGORICAL if c != "#000000")
#: Corridors and destinations are drawn in black: colour belongs to origins.
END_COLOUR = "#000000"
KEY = ["origin", "transit", "destination", "domestic"]
_SORT = ["count_high", "count_low", "origin", "transit", "destination"]
_ASCENDING = [False, False, True, True, True]


@dataclass(frozen=True)
class FlowOptions:
    """What the Sankey shows besides its data.

    Attributes
    ----------
    top : int
        Number of corridors shown individually; the rest are grouped (see
        :func:`group_corridors`).
    unit : str
        What the counts count, shown in hover text (e.g. ``"detected victims"``).
    title : str
        Figure title; empty for none.
    height : int or None
        Figure height in pixels; ``None`` sizes it from the number of nodes.
    font_size : int
        Base font size (larger in presenter mode).
    empty_message : str
        Shown instead of a Sankey when the selection holds no flows.
    """

    top: int = 10
    unit: str = "detected victims"
    title: str = ""
    height: int | None = None
    font_size: int = 14
    empty_message: str = "No flows for this selection."


def group_corridors(corridors: pd.DataFrame, top: int) -> pd.DataFrame:
    """Keep the ``top`` corridors and fold the rest into "other" origins, corridors, destinations.

    Corridors outside the top keep each end (origin, corridor, destination) that a top corridor
    shows, and have their other ends replaced by :data:`OTHER`. So every node shown carries its
    complete total, and the figure's total equals the selection's. Intervals are summed bound by
    bound.

    Parameters
    ----------
    corridors : pandas.DataFrame
        ``origin, transit, destination, count_low, count_high`` and optionally ``censored``,
        ``origin_class`` and ``year`` (rows are summed over years). ``transit`` is empty or
        missing when the source names no corridor.
    top : int
        Number of corridors kept as they are.

    Returns
    -------
    pandas.DataFrame
        ``origin, transit, destination, domestic, count_low, count_high, censored``, largest
        first; ``transit`` is ``""`` for direct flows; ``domestic`` marks victims detected in
        their own country (``origin_class == "domestic"`` or origin equal to destination).
        Rows with nothing to draw (``count_high == 0``) are dropped.

    Examples
    --------
    >>> corridors = pd.DataFrame({"origin": ["NGA", "ERI", "SDN"], "transit": ["", "", ""],
    ...     "destination": ["LBY", "LBY", "EGY"], "count_low": [10, 1, 1],
    ...     "count_high": [10, 4, 4]})
    >>> group_corridors(corridors, 1)[["origin", "destination", "count_low", "count_high"]]
        origin destination  count_low  count_high
    0      NGA         LBY         10          10
    1  *other*         LBY          1           4
    2  *other*     *other*          1           4
    """
    frame = _normalised(corridors)
    totals = _ranked(sum_frame(frame, KEY, "count_low", "count_high"))
    totals = totals.loc[totals["count_high"] > 0]
    kept, rest = totals.iloc[:top], totals.iloc[top:]
    shown_origins = set(zip(kept["origin"], kept["domestic"], strict=True))
    shown_transits = set(kept["transit"]) - {""}
    shown_destinations = set(kept["destination"])
    origin_shown = pd.Series(
        [pair in shown_origins for pair in zip(rest["origin"], rest["domestic"], strict=True)],
        index=rest.index,
        dtype=bool,
    )
    folded = rest.assign(
        origin=rest["origin"].where(origin_shown, OTHER),
        domestic=rest["domestic"] & origin_shown,
        transit=rest["transit"].where(
            rest["transit"].eq("") | rest["transit"].isin(shown_transits), OTHER
        ),
        destination=rest["destination"].where(rest["destination"].isin(shown_destinations), OTHER),
    )
    grouped = sum_frame(pd.concat([kept, folded]), KEY, "count_low", "count_high")
    return _ranked(grouped)[[*KEY, "count_low", "count_high", "censored"]]


def _normalised(corridors: pd.DataFrame) -> pd.DataFrame:
    frame = corridors.copy()
    frame["transit"] = frame["transit"].fillna("").astype(str)
    if "censored" not in frame:
        frame["censored"] = False
    domestic = frame["origin"] == frame["destination"]
    if "origin_class" in frame:
        domestic |= frame["origin_class"] == "domestic"
    frame["domestic"] = domestic.astype(bool)
    return frame[[*KEY, "count_low", "count_high", "censored"]]


def _ranked(frame: pd.DataFrame) -> pd.DataFrame:
    # "Other" always sorts after what it stands for, whatever its size.
    other = (frame[["origin", "transit", "destination"]] == OTHER).sum(axis=1)
    ranked = frame.assign(_other=other).sort_values(
        ["_other", *_SORT], ascending=[True, *_ASCENDING], kind="mergesort"
    )
    return ranked.drop(columns="_other").reset_index(drop=True)


@dataclass
class _Node:
    layer: str
    code: str
    domestic: bool = False
    low: int = 0
    high: int = 0
    colour: str = END_COLOUR

    @property
    def id(self) -> str:
        return f"{self.layer}:{'nationals:' if self.domestic else ''}{self.code}"


def _node_label(node: _Node, names: Mapping[str, str]) -> str:
    if node.code == OTHER:
        return {
            "origin": t("Other origins"),
            "transit": t("Other corridors"),
            "destination": t("Other destinations"),
        }[node.layer]
    name = names.get(node.code, node.code)
    return t("Nationals of {country}", country=name) if node.domestic else name


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _nodes(grouped: pd.DataFrame) -> dict[str, _Node]:
    """The nodes of every layer, with interval totals, ordered largest first (Other last)."""
    nodes: dict[str, _Node] = {}

    def add(layer: str, code: str, domestic: bool, low: int, high: int) -> str:
        node = _Node(layer, code, domestic)
        node = nodes.setdefault(node.id, node)
        node.low += low
        node.high += high
        return node.id

    for row in grouped.itertuples(index=False):
        low, high = int(row.count_low), int(row.count_high)
        add("origin", row.origin, bool(row.domestic), low, high)
        if row.transit:
            add("transit", row.transit, False, low, high)
        add("destination", row.destination, False, low, high)
    ordered = sorted(
        nodes.values(),
        key=lambda n: (LAYERS.index(n.layer), n.code == OTHER, -n.high, -n.low, n.id),
    )
    colours = iter(ORIGIN_COLOURS * (len(ordered) // len(ORIGIN_COLOURS) + 1))
    for node in ordered:
        if node.code == OTHER:
            node.colour = OTHER_COLOUR
        elif node.layer == "origin":
            node.colour = next(colours)
    return {node.id: node for node in ordered}


def _positions(nodes: list[_Node], gap: float = 0.03) -> list[float]:
    """Vertical centres (0 top, 1 bottom): each layer stacked from the top, largest first.

    The scale is the one plotly uses (the fullest layer fills the height), so nodes start
    where plotly would draw them; plotly then only nudges overlaps apart (``snap``).
    """
    layers = {layer: [n for n in nodes if n.layer == layer] for layer in LAYERS}
    scale = min(
        (1 - gap * (len(members) - 1)) / max(sum(n.low for n in members), 1)
        for members in layers.values()
        if members
    )
    centres: dict[str, float] = {}
    for members in layers.values():
        top = 0.0
        for node in members:
            height = max(node.low * scale, 0.005)
            centres[node.id] = min(max(top + height / 2, 0.001), 0.999)
            top += height + gap
    return [centres[n.id] for n in nodes]


def sankey_figure(
    corridors: pd.DataFrame, names: Mapping[str, str], options: FlowOptions
) -> go.Figure:
    """The origin → corridor → destination Sankey of a flow selection (one measure).

    Parameters
    ----------
    corridors : pandas.DataFrame
        Flow rows or corridor totals: ``origin, transit, destination, count_low, count_high``
        and optionally ``censored``, ``origin_class``, ``year`` (summed over years).
    names : mapping
        Country code or node token → display name.
    options : FlowOptions
        Top-N, unit, title, size.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Sankey`` trace whose node ids (``customdata[0]``) are prefixed by layer, so the
        graph is acyclic by construction; or, when there is nothing to draw, an empty figure
        with ``options.empty_message`` as its annotation.

    Examples
    --------
    >>> corridors = pd.DataFrame({"origin": ["TUN", "LBY"], "transit": [None, None],
    ...     "destination": ["LBY", "TUN"], "count_low": [1, 7], "count_high": [4, 7]})
    >>> figure = sankey_figure(corridors, {"TUN": "Tunisia", "LBY": "Libya"}, FlowOptions())
    >>> [row[0] for row in figure.data[0].node.customdata]
    ['origin:LBY', 'origin:TUN', 'destination:TUN', 'destination:LBY']
    >>> [row[1] for row in figure.data[0].link.customdata]
    ['7', '1–4']
    """
    if corridors.empty or corridors["count_high"].sum() == 0:
        return empty_figure(options.empty_message, options.font_size)
    grouped = group_corridors(corridors, options.top)
    nodes = _nodes(grouped)
    ordered = list(nodes.values())
    index = {node_id: i for i, node_id in enumerate(nodes)}
    labels = [_node_label(node, names) for node in ordered]

    sources, targets, values, colours, link_data = [], [], [], [], []
    for row in grouped.itertuples(index=False):
        origin = _Node("origin", row.origin, bool(row.domestic)).id
        destination = f"destination:{row.destination}"
        path = (
            [origin, f"transit:{row.transit}", destination]
            if row.transit
            else [origin, destination]
        )
        names_on_path = [labels[index[node_id]] for node_id in path]
        text = format_interval(row.count_low, row.count_high)
        colour = _rgba(nodes[origin].colour, 0.45)
        for source, target in pairwise(path):
            sources.append(index[source])
            targets.append(index[target])
            values.append(int(row.count_low))
            colours.append(colour)
            link_data.append(
                [
                    " → ".join(names_on_path),
                    text,
                    t("includes suppressed counts (<5)") if row.censored else "",
                ]
            )

    unit = options.unit
    trace = go.Sankey(
        arrangement="snap",
        valueformat=",d",
        node={
            "label": labels,
            "x": [LAYER_X[node.layer] for node in ordered],
            "y": _positions(ordered),
            "color": [node.colour for node in ordered],
            "pad": 12,
            "thickness": 16,
            "line": {"color": "#ffffff", "width": 0.5},
            "customdata": [[node.id, format_interval(node.low, node.high)] for node in ordered],
            "hovertemplate": f"<b>%{{label}}</b><br>%{{customdata[1]}} {unit}<extra></extra>",
        },
        link={
            "source": sources,
            "target": targets,
            "value": values,
            "color": colours,
            "customdata": link_data,
            "hovertemplate": (
                f"%{{customdata[0]}}<br><b>%{{customdata[1]}}</b> {unit}"
                "<br><i>%{customdata[2]}</i><extra></extra>"
            ),
        },
    )
    figure = go.Figure(trace, base_layout(options.font_size))
    layer_sizes = [sum(1 for n in ordered if n.layer == layer) for layer in LAYERS]
    height = options.height or max(420, 80 + 34 * max(layer_sizes))
    figure.update_layout(
        title={"text": options.title, "x": 0.01, "y": 0.985, "yanchor": "top"}
        if options.title
        else None,
        height=height,
        margin={"l": 12, "r": 12, "t": 64 if options.title else 28, "b": 12},
        annotations=_layer_headings(layer_sizes, options.font_size),
    )
    return figure


def _layer_headings(layer_sizes: list[int], font_size: int) -> list[dict]:
    headings = {"origin": t("Origin"), "transit": t("Corridor"), "destination": t("Destination")}
    anchors = {"origin": "left", "transit": "center", "destination": "right"}
    return [
        {
            "text": f"<b>{headings[layer]}</b>",
            "x": min(max(LAYER_X[layer], 0), 1),
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": anchors[layer],
            "showarrow": False,
            "font": {"size": font_size, "color": "#56606b"},
        }
        for layer, size in zip(LAYERS, layer_sizes, strict=True)
        if size
    ]


def empty_figure(message: str, font_size: int = 14) -> go.Figure:
    """A blank figure that says why it is blank (no axes, no trace)."""
    figure = go.Figure(layout=base_layout(font_size))
    figure.update_layout(
        height=320,
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": font_size + 2, "color": "#56606b"},
            }
        ],
    )
    return figure


def flows_summary(flows: pd.DataFrame, names: Mapping[str, str], unit: str) -> str:
    """One plain-language sentence about a flow selection (one measure).

    Parameters
    ----------
    flows : pandas.DataFrame
        Flow rows with ``origin, destination, year, count_low, count_high``.
    names : mapping
        Country code or node token → display name.
    unit : str
        What the counts count (``"detected victims"``).

    Returns
    -------
    str
        The years, the total interval, the number of destinations, the largest known origin's
        share and the share of unknown origin (intervals when counts are suppressed).

    Examples
    --------
    >>> flows = pd.DataFrame({"origin": ["NGA", "ERI", "NGA"], "destination": ["LBY", "LBY", "EGY"],
    ...     "year": [2019, 2020, 2021], "count_low": [30, 1, 10], "count_high": [30, 4, 10]})
    >>> summary = flows_summary(flows, {"NGA": "Nigeria"}, "detected victims")
    >>> summary  # doctest: +NORMALIZE_WHITESPACE
    'Between 2019 and 2021, 41–44 detected victims in 2 destinations;
     the largest origin, Nigeria, accounts for 91–98%.'
    """
    if flows.empty:
        return t("No flows for this selection.")
    first, last = int(flows["year"].min()), int(flows["year"].max())
    total = sum_intervals(zip(flows["count_low"], flows["count_high"], strict=True))
    by_origin = sum_frame(flows, ["origin"], "count_low", "count_high").sort_values(
        ["count_high", "count_low", "origin"], ascending=[False, False, True]
    )
    n_destinations = flows["destination"].nunique()
    period = (
        t("In {year}", year=first)
        if first == last
        else t("Between {first} and {last}", first=first, last=last)
    )
    places = (
        t("in 1 destination")
        if n_destinations == 1
        else t("in {n} destinations", n=f"{n_destinations:,}")
    )
    sentence = f"{period}, {format_interval(*total)} {unit} {places}"

    def share_of(row: pd.Series) -> str | None:
        low, high = ratio_interval((row["count_low"], row["count_high"]), total, cap=1.0)
        return None if pd.isna(low) else format_interval(low * 100, high * 100)

    # "Unknown" is not an origin to rank: it is reported apart, as how much is not known.
    known = by_origin.loc[by_origin["origin"] != UNKNOWN]
    if not known.empty and (share := share_of(known.iloc[0])) is not None:
        name = names.get(known.iloc[0]["origin"], known.iloc[0]["origin"])
        sentence += t("; the largest origin, {name}, accounts for {share}%", name=name, share=share)
    unknown = by_origin.loc[by_origin["origin"] == UNKNOWN]
    if not unknown.empty and (share := share_of(unknown.iloc[0])) is not None:
        sentence += t("; origin unknown for {share}%", share=share)
    return sentence + "."
