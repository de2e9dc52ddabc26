"""Flow graph construction and analytics on a small hand-made flow table."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analytics.graph import (
    build_flow_graph,
    ego_network,
    paths_between,
    strength,
    top_corridors,
    transit_hubs,
)


@pytest.fixture
def flows() -> pd.DataFrame:
    rows = [
        # origin, transit, destination, year, low, high, censored
        ("NGA", "route:cm", "area:it", 2019, 100, 100, False),
        ("NGA", "route:cm", "area:it", 2020, 50, 50, False),
        ("TUN", "route:cm", "area:it", 2020, 30, 30, False),
        ("ERI", None, "LBY", 2020, 1, 4, True),
        ("TUN", None, "TUN", 2020, 7, 7, False),  # domestic victims
        ("EGY", None, "JOR", 2020, 1, 4, True),
    ]
    frame = pd.DataFrame(
        rows,
        columns=["origin", "transit", "destination", "year", "count_low", "count_high", "censored"],
    )
    return frame.assign(measure="trafficking-victims")


def test_edges_pass_through_the_corridor_and_sum_over_years(flows):
    graph = build_flow_graph(flows)
    assert graph.edges["NGA", "route:cm"]["low"] == 150
    assert graph.edges["route:cm", "area:it"]["high"] == 180  # NGA 150 + TUN 30
    assert graph.edges["ERI", "LBY"] == {"low": 1, "high": 4, "censored": True}
    assert not graph.has_edge("NGA", "area:it")


def test_roles_and_domestic_victims(flows):
    graph = build_flow_graph(flows)
    assert graph.nodes["route:cm"]["roles"] == {"transit"}
    assert graph.nodes["TUN"]["roles"] == {"origin", "destination"}
    assert not graph.has_edge("TUN", "TUN")
    assert (graph.nodes["TUN"]["domestic_low"], graph.nodes["TUN"]["domestic_high"]) == (7, 7)


def test_strength_counts_domestic_victims_on_both_sides(flows):
    table = strength(build_flow_graph(flows)).set_index("node")
    assert table.loc["TUN", ["in_low", "in_high", "out_low", "out_high"]].tolist() == [7, 7, 37, 37]
    assert table.loc["LBY", ["in_low", "in_high"]].tolist() == [1, 4]
    assert table.loc["area:it", "in_high"] == 180


def test_the_corridor_is_the_transit_hub(flows):
    hubs = transit_hubs(build_flow_graph(flows))
    assert hubs["node"].tolist() == ["route:cm"]
    assert hubs["betweenness"].iloc[0] > 0


def test_top_corridors_excludes_domestic_and_orders_by_size(flows):
    corridors = top_corridors(flows, n=3)
    assert corridors[["origin", "transit", "destination"]].values.tolist() == [
        ["NGA", "route:cm", "area:it"],
        ["TUN", "route:cm", "area:it"],
        ["EGY", "", "JOR"],
    ]
    assert corridors["count_high"].tolist() == [150, 30, 4]


def test_paths_and_ego_network(flows):
    graph = build_flow_graph(flows)
    assert paths_between(graph, "NGA", "area:it") == [["NGA", "route:cm", "area:it"]]
    assert paths_between(graph, "NGA", "XXX") == []
    ego = ego_network(graph, "TUN", radius=1)
    assert set(ego.nodes) == {"TUN", "route:cm"}
    assert set(ego_network(graph, "TUN", radius=2).nodes) == {"TUN", "route:cm", "NGA", "area:it"}


def test_mixing_measures_is_refused(flows):
    mixed = flows.assign(measure=["trafficking-victims"] * 5 + ["border-crossings"])
    with pytest.raises(ValueError, match="one measure"):
        build_flow_graph(mixed)
