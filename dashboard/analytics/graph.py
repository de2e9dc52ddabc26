"""Flow graphs: origin → transit → destination edges as a networkx ``DiGraph``.

Nodes are country codes or node tokens (``route:…`` corridors, ``area:…``, ``group:…``,
``unknown``), each with the set of ``roles`` it plays in the selection (origin, transit,
destination). Edge weights are intervals (``low``, ``high``). Domestic victims (origin equal to
destination) are not edges: they are kept on the node as ``domestic_low``/``domestic_high`` so
they count in a country's totals without a self-loop distorting paths and centrality.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import numpy as np
import pandas as pd

from dashboard.analytics.intervals import sum_frame

EDGE_KEY = ["origin", "transit", "destination"]


def corridor_totals(flows: pd.DataFrame) -> pd.DataFrame:
    """Sum a flow selection over years into one row per origin–transit–destination.

    Returns columns ``origin, transit, destination, count_low, count_high, censored``, sorted by
    ``count_high`` then ``count_low`` descending (ties by key, so the order is stable).
    """
    keyed = flows.assign(transit=flows["transit"].fillna(""))
    totals = sum_frame(keyed, EDGE_KEY, "count_low", "count_high")
    return totals.sort_values(
        ["count_high", "count_low", *EDGE_KEY], ascending=[False, False, True, True, True]
    ).reset_index(drop=True)


def build_flow_graph(flows: pd.DataFrame) -> nx.DiGraph:
    """Build the flow graph of a (filtered) flow table, summed over its years.

    Parameters
    ----------
    flows : pandas.DataFrame
        Rows of the ``flows`` table (one measure: never mix measures in one graph).

    Returns
    -------
    networkx.DiGraph
        Edge attributes ``low``, ``high``, ``censored``; node attributes ``roles`` (a set),
        ``domestic_low`` and ``domestic_high``.

    Examples
    --------
    >>> flows = pd.DataFrame({"origin": ["NGA", "TUN"], "transit": ["route:cm", None],
    ...     "destination": ["area:it", "TUN"], "count_low": [10, 1], "count_high": [10, 4],
    ...     "censored": [False, True]})
    >>> g = build_flow_graph(flows)
    >>> sorted(g.edges(data="high"))
    [('NGA', 'route:cm', 10), ('route:cm', 'area:it', 10)]
    >>> g.nodes["TUN"]["domestic_high"]
    4
    """
    if "measure" in flows and flows["measure"].nunique() > 1:
        raise ValueError("a flow graph holds one measure; filter the flows first")
    totals = corridor_totals(flows)
    if totals["transit"].str.contains(";", regex=False).any():
        return _graph_of_paths(totals)
    origin = totals["origin"].to_numpy()
    transit = totals["transit"].to_numpy()
    destination = totals["destination"].to_numpy()
    low = totals["count_low"].to_numpy(dtype="int64")
    high = totals["count_high"].to_numpy(dtype="int64")
    censored = totals["censored"].to_numpy(dtype=bool)
    via = transit != ""
    domestic = (origin == destination) & ~via

    # Nodes in the order the corridors first name them (origin, destination, then transit),
    # each with the roles it plays; domestic victims stay on their country's node.
    slots = np.column_stack([origin, destination, np.where(via, transit, None)]).ravel()
    roles = np.tile(np.array(["origin", "destination", "transit"], dtype=object), len(totals))
    named = slots != None  # noqa: E711 - elementwise test on an object array
    # One row per node and role (at most three per node), still in order of first naming.
    nodes = pd.DataFrame({"node": slots[named], "role": roles[named]}).drop_duplicates()
    graph = nx.DiGraph()
    home = pd.DataFrame({"node": origin[domestic], "low": low[domestic], "high": high[domestic]})
    home = home.groupby("node", sort=False).sum()
    kept = dict(zip(home.index, zip(home["low"], home["high"], strict=True), strict=True))
    for node, played in nodes.groupby("node", sort=False)["role"]:
        domestic_low, domestic_high = kept.get(node, (0, 0))
        graph.add_node(
            node,
            roles=set(played),
            domestic_low=int(domestic_low),
            domestic_high=int(domestic_high),
        )

    # Edges in the order the corridors first name them; a corridor through a transit node is
    # two edges. Parallel corridors add up (bounds summed, censored if any part is).
    direct = ~domestic & ~via
    hops = [  # (source, target, corridors, hop number within the corridor)
        (origin, destination, direct, 0),
        (origin, transit, via, 0),
        (transit, destination, via, 1),
    ]
    corridor = np.arange(len(totals))
    edges = pd.concat(
        [
            pd.DataFrame(
                {
                    "source": source[rows],
                    "target": target[rows],
                    "low": low[rows],
                    "high": high[rows],
                    "censored": censored[rows],
                    "at": corridor[rows] * 2 + hop,
                }
            )
            for source, target, rows, hop in hops
        ],
        ignore_index=True,
    ).sort_values("at", kind="stable")
    summed = edges.groupby(["source", "target"], sort=False).agg(
        low=("low", "sum"), high=("high", "sum"), censored=("censored", "any")
    )
    sources = summed.index.get_level_values("source").to_numpy()
    targets = summed.index.get_level_values("target").to_numpy()
    graph.add_edges_from(
        (source, target, {"low": lo, "high": hi, "censored": cen})
        for source, target, lo, hi, cen in zip(
            sources,
            targets,
            summed["low"].tolist(),
            summed["high"].tolist(),
            summed["censored"].tolist(),
            strict=True,
        )
    )
    return graph


def strength(graph: nx.DiGraph) -> pd.DataFrame:
    """In- and out-strength (interval sums of edge weights) of every node.

    Domestic victims are added to both in- and out-strength of their country.

    Returns
    -------
    pandas.DataFrame
        ``node, in_low, in_high, out_low, out_high``, one row per node, sorted by node.
    """
    rows = []
    for node, data in sorted(graph.nodes(data=True)):
        ins = graph.in_edges(node, data=True)
        outs = graph.out_edges(node, data=True)
        rows.append(
            {
                "node": node,
                "in_low": sum(d["low"] for *_, d in ins) + data["domestic_low"],
                "in_high": sum(d["high"] for *_, d in ins) + data["domestic_high"],
                "out_low": sum(d["low"] for *_, d in outs) + data["domestic_low"],
                "out_high": sum(d["high"] for *_, d in outs) + data["domestic_high"],
            }
        )
    return pd.DataFrame(rows, columns=["node", "in_low", "in_high", "out_low", "out_high"])


def transit_hubs(graph: nx.DiGraph, top: int = 10) -> pd.DataFrame:
    """Nodes ranked by betweenness centrality: the places most paths pass through.

    Betweenness is computed on the unweighted directed graph (normalised); weights are intervals
    and have no single value to use as a distance.

    Returns
    -------
    pandas.DataFrame
        ``node, betweenness`` for the ``top`` nodes with betweenness above zero.
    """
    if graph.number_of_nodes() == 0:
        return pd.DataFrame({"node": [], "betweenness": []})
    scores = nx.betweenness_centrality(graph, normalized=True)
    ranked = sorted(((-s, n) for n, s in scores.items() if s > 0))[:top]
    return pd.DataFrame({"node": [n for _, n in ranked], "betweenness": [-s for s, _ in ranked]})


def top_corridors(flows: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` largest origin–transit–destination corridors of a flow selection.

    Domestic flows (origin equal to destination) are excluded: they are not corridors.
    """
    totals = corridor_totals(flows)
    return totals.loc[totals["origin"] != totals["destination"]].head(n).reset_index(drop=True)


def paths_between(
    graph: nx.DiGraph, origin: str, destination: str, cutoff: int = 3
) -> list[list[str]]:
    """All simple paths from ``origin`` to ``destination`` with at most ``cutoff`` edges."""
    if origin not in graph or destination not in graph:
        return []
    return sorted(nx.all_simple_paths(graph, origin, destination, cutoff=cutoff))


def ego_network(graph: nx.DiGraph, node: str, radius: int = 1) -> nx.DiGraph:
    """The sub-graph within ``radius`` steps of ``node``, in either direction.

    With ``radius=1`` a country's corridors are included as nodes, so its direct partners
    through a corridor are two steps away; use ``radius=2`` to include them.
    """
    if node not in graph:
        return nx.DiGraph()
    return nx.ego_graph(graph, node, radius=radius, undirected=True).copy()


def _graph_of_paths(totals: pd.DataFrame) -> nx.DiGraph:
    """The flow graph of corridors through several transit countries each (uploaded data:
    ``transit`` holds ISO3 codes in travel order joined by ``;``): a corridor is the chain of
    edges origin → first stop → … → destination, so every country passed through is a node of
    its own, with the transit role (and betweenness on the real route).

    Examples
    --------
    >>> totals = pd.DataFrame({"origin": ["CIV"], "transit": ["MLI;DZA"],
    ...     "destination": ["TUN"], "count_low": [12], "count_high": [12], "censored": [False]})
    >>> sorted(_graph_of_paths(totals).edges)
    [('CIV', 'MLI'), ('DZA', 'TUN'), ('MLI', 'DZA')]
    """
    graph = nx.DiGraph()

    def node(name: str, role: str) -> None:
        if name not in graph:
            graph.add_node(name, roles=set(), domestic_low=0, domestic_high=0)
        graph.nodes[name]["roles"].add(role)

    for row in totals.itertuples(index=False):
        stops = [stop for stop in str(row.transit).split(";") if stop]
        low, high, censored = int(row.count_low), int(row.count_high), bool(row.censored)
        node(row.origin, "origin")
        node(row.destination, "destination")
        if not stops and row.origin == row.destination:
            graph.nodes[row.origin]["domestic_low"] += low
            graph.nodes[row.origin]["domestic_high"] += high
            continue
        for stop in stops:
            node(stop, "transit")
        path = [row.origin, *stops, row.destination]
        for source, target in pairwise(path):
            if source == target:
                continue
            if graph.has_edge(source, target):
                edge = graph.edges[source, target]
                edge["low"] += low
                edge["high"] += high
                edge["censored"] = edge["censored"] or censored
            else:
                graph.add_edge(source, target, low=low, high=high, censored=censored)
    return graph
