"""igraph's betweenness (what the app uses) against networkx's, the reference implementation."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analytics.network import betweenness

NODES = [f"n{i}" for i in range(12)]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES)), max_size=60))
def test_betweenness_is_networkx_normalised_betweenness(edges):
    graph = nx.DiGraph()
    graph.add_nodes_from(NODES[:3])
    graph.add_edges_from((a, b) for a, b in edges if a != b)
    expected = nx.betweenness_centrality(graph, normalized=True)
    got = betweenness(graph)
    assert got.keys() == expected.keys()
    for node, score in expected.items():
        assert math.isclose(got[node], score, rel_tol=1e-12, abs_tol=1e-15), node


def test_the_real_network_has_the_same_scores(dataset):
    from dashboard.analytics.graph import build_flow_graph

    flows = dataset.flows
    graph = build_flow_graph(flows.loc[flows["measure"] == "trafficking-victims"])
    expected = nx.betweenness_centrality(graph, normalized=True)
    got = betweenness(graph)
    assert max(abs(got[node] - expected[node]) for node in graph) < 1e-12
    assert (
        sorted(got, key=lambda n: (-got[n], n))[:10]
        == sorted(expected, key=lambda n: (-expected[n], n))[:10]
    )
