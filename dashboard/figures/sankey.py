"""The origin → transit → destination Sankey of a flow selection (one measure).

Pure functions of tidy frames; no Dash, no I/O.

The Sankey has three separate node *layers* (origins, corridors, destinations). A node's id is
prefixed by its layer (``origin:TUN``, ``transit:route:cm``, ``destination:TUN``), so a country
that is both an origin and a destination is two nodes and the graph cannot hold a cycle, even
when the data hold ``A → B`` and ``B → A`` (plotly.js can hang on cyclic Sankeys). A
citizenship is one origin node, whoever detected its victims: domestic victims (detected in
their own country) are a band from that node to the same country on the destination side,
drawn in :data:`DOMESTIC_COLOUR` and said so in its hover and in the figure's key.

Counts are intervals: band widths show the lower bound ("at least") and every hover shows the
whole interval ("12–27"). Nothing here adds two measures together: callers pass one measure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

import pandas as pd
import plotly.graph_objects as go

from dashboard.analytics.intervals import sum_frame
from dashboard.figures.direction import mirrored_anchor, mirrored_x, rtl_text
from dashboard.figures.plotly_dict import localised
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, base_layout
from dashboard.text import N_, Text

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
#: Bands of victims detected in their own country (whatever their origin node's colour).
DOMESTIC_COLOUR = "rgba(86,96,107,0.55)"
KEY = ["origin", "transit", "destination", "domestic"]
_SORT = ["count_high", "count_low", "origin", "transit", "destination"]
_ASCENDING = [False, False, True, True, True]


@dataclass(frozen=True)
class FlowOptions:
    """What the Sankey shows besides its data.

    Attributes
    ----------
    text : Text
        The language of every label, hover and heading.
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

    text: Text
    top: int = 10
    unit: str = "detected victims"
    #: The flows' measure (kept in the trace's ``meta``) and whether it is migration context.
    measure: str = "trafficking-victims"
    context: bool = False
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
    shown_transits = set(kept["transit"]) - {""}
    shown_destinations = set(kept["destination"])
    origin_shown = rest["origin"].isin(set(kept["origin"]))
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
    low: int = 0
    high: int = 0
    colour: str = END_COLOUR

    @property
    def id(self) -> str:
        return f"{self.layer}:{self.code}"


def _node_label(node: _Node, names: Mapping[str, str], text: Text) -> str:
    if node.code == OTHER:
        return {
            "origin": text.gettext("Other origins"),
            "transit": text.gettext("Other corridors"),
            "destination": text.gettext("Other destinations"),
        }[node.layer]
    if node.layer == "transit" and ";" in node.code:
        # Several countries passed through, in travel order (uploaded data): one path node,
        # so the Sankey keeps its three layers and no cycle.
        arrow = " ← " if text.direction == "rtl" else " → "
        return arrow.join(names.get(stop, stop) for stop in node.code.split(";") if stop)
    return names.get(node.code, node.code)


def _rgba(hex_colour: str, alpha: float) -> str:
    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _nodes(grouped: pd.DataFrame) -> dict[str, _Node]:
    """The nodes of every layer, with interval totals, ordered largest first (Other last)."""
    nodes: dict[str, _Node] = {}

    def add(layer: str, code: str, low: int, high: int) -> str:
        node = _Node(layer, code)
        node = nodes.setdefault(node.id, node)
        node.low += low
        node.high += high
        return node.id

    for row in grouped.itertuples(index=False):
        low, high = int(row.count_low), int(row.count_high)
        add("origin", row.origin, low, high)
        if row.transit:
            add("transit", row.transit, low, high)
        add("destination", row.destination, low, high)
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
    >>> from dashboard.text import ENGLISH
    >>> names = {"TUN": "Tunisia", "LBY": "Libya"}
    >>> figure = sankey_figure(corridors, names, FlowOptions(ENGLISH))
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
    text = options.text
    labels = [_node_label(node, names, text) for node in ordered]

    # A route reads from its origin: rightwards in English, leftwards in a right-to-left
    # language (an arrow keeps its shape in either direction, so it has to be chosen).
    arrow = " ← " if text.direction == "rtl" else " → "
    sources, targets, values, colours, link_data = [], [], [], [], []
    for row in grouped.itertuples(index=False):
        origin = _Node("origin", row.origin).id
        destination = f"destination:{row.destination}"
        path = (
            [origin, f"transit:{row.transit}", destination]
            if row.transit
            else [origin, destination]
        )
        names_on_path = [labels[index[node_id]] for node_id in path]
        count = text.interval(row.count_low, row.count_high)
        colour = DOMESTIC_COLOUR if row.domestic else _rgba(nodes[origin].colour, 0.45)
        remarks = [text.gettext(DOMESTIC_NOTE)] if row.domestic else []
        if row.censored:
            remarks.append(text.gettext("includes suppressed counts (<5)"))
        for source, target in pairwise(path):
            sources.append(index[source])
            targets.append(index[target])
            values.append(int(row.count_low))
            colours.append(colour)
            link_data.append([arrow.join(names_on_path), count, " · ".join(remarks)])

    unit = options.unit
    rtl = text.direction == "rtl"
    # Built from values this module makes, so plotly's validation of every property (half of
    # the figure's time over an upload of 100,000 rows) is skipped; the JSON is the same.
    trace = go.Sankey(
        _validate=False,
        meta={"measure": options.measure, "context": options.context},
        arrangement="snap",
        # Right to left, the flows read from the right: origins on the right, destinations on
        # the left, as an Arabic reader reads "from … to …" (plotly.js mirrors the whole
        # diagram, node positions and label sides included, and keeps the labels readable).
        **({"direction": "reversed"} if rtl else {}),
        valueformat=",d",
        node={
            "label": labels,
            "x": [LAYER_X[node.layer] for node in ordered],
            "y": _positions(ordered),
            "color": [node.colour for node in ordered],
            "pad": 12,
            "thickness": 16,
            "line": {"color": "#ffffff", "width": 0.5},
            "customdata": [[node.id, text.interval(node.low, node.high)] for node in ordered],
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
    figure = go.Figure(trace, base_layout(options.font_size), _validate=False)
    domestic = bool(grouped["domestic"].any())
    layer_sizes = [sum(1 for n in ordered if n.layer == layer) for layer in LAYERS]
    height = options.height or max(420, 80 + 34 * max(layer_sizes))
    title_x = mirrored_x(0.01) if rtl else 0.01
    figure.update_layout(
        title={"text": options.title, "x": title_x, "y": 0.985, "yanchor": "top"}
        if options.title
        else None,
        height=height,
        margin={"l": 12, "r": 12, "t": 64 if options.title else 28, "b": 40 if domestic else 12},
        annotations=_layer_headings(layer_sizes, options.font_size, text)
        + (_domestic_key(options.font_size, text) if domestic else []),
        **localised({}, text),
    )
    if rtl:
        figure.update_layout(hoverlabel_align="right")
        rtl_text(figure)
    return figure


DOMESTIC_NOTE = N_("detected in their own country")
DOMESTIC_KEY = N_("Grey bands: victims detected in their own country (domestic trafficking)")


def _domestic_key(font_size: int, text: Text) -> list[dict]:
    """The key of the domestic bands, under the diagram."""
    return [
        {
            "text": f"<span style='color:{DOMESTIC_COLOUR}'>▬</span> " + text.gettext(DOMESTIC_KEY),
            "x": 0.0,
            "y": 0.0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "top",
            "yshift": -8,
            "showarrow": False,
            "font": {"size": max(font_size - 2, 10), "color": "#56606b"},
        }
    ]


def _layer_headings(layer_sizes: list[int], font_size: int, text: Text) -> list[dict]:
    headings = {
        "origin": text.gettext("Origin"),
        "transit": text.gettext("Corridor"),
        "destination": text.gettext("Destination"),
    }
    anchors = {"origin": "left", "transit": "center", "destination": "right"}
    rtl = text.direction == "rtl"  # the layers mirrored (see sankey_figure)

    def position(layer: str) -> float:
        x = min(max(LAYER_X[layer], 0), 1)
        return mirrored_x(x) if rtl else x

    return [
        {
            "text": f"<b>{headings[layer]}</b>",
            "x": position(layer),
            "y": 1.0,
            "xref": "paper",
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": mirrored_anchor(anchors[layer]) if rtl else anchors[layer],
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
