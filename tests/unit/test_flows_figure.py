"""The flows Sankey and summary on small hand-made flow tables; expectations worked out by hand."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from dashboard.figures.flows import (
    LAYER_X,
    OTHER,
    FlowOptions,
    flows_summary,
    group_corridors,
    sankey_figure,
)
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR

NAMES = {
    "TUN": "Tunisia",
    "LBY": "Libya",
    "NGA": "Nigeria",
    "ERI": "Eritrea",
    "SDN": "Sudan",
    "EGY": "Egypt",
    "ITA": "Italy",
    "route:central-med": "Central Mediterranean route",
}
COLUMNS = ["origin", "transit", "destination", "year", "count_low", "count_high", "censored"]


def frame(rows: list[tuple], origin_class: list[str] | None = None) -> pd.DataFrame:
    flows = pd.DataFrame(rows, columns=COLUMNS)
    if origin_class is not None:
        flows["origin_class"] = origin_class
    return flows


@pytest.fixture
def both_ways() -> pd.DataFrame:
    """TUN → LBY and LBY → TUN, domestic Tunisians, and one corridor through a route."""
    return frame(
        [
            ("TUN", None, "LBY", 2019, 1, 4, True),
            ("LBY", None, "TUN", 2019, 7, 7, False),
            ("LBY", None, "TUN", 2020, 1, 4, True),
            ("TUN", None, "TUN", 2020, 20, 20, False),
            ("TUN", "route:central-med", "ITA", 2020, 30, 30, False),
        ],
        origin_class=["country", "country", "country", "domestic", "country"],
    )


def sankey(figure):
    return figure.data[0]


def node_ids(trace) -> list[str]:
    return [row[0] for row in trace.node.customdata]


def links(trace) -> list[tuple[str, str, int, str]]:
    ids = node_ids(trace)
    return [
        (ids[s], ids[t], v, data[1])
        for s, t, v, data in zip(
            trace.link.source,
            trace.link.target,
            trace.link.value,
            trace.link.customdata,
            strict=True,
        )
    ]


def test_layers_are_separate_nodes_so_opposite_flows_make_no_cycle(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions()))
    ids = node_ids(trace)
    assert sorted(ids) == sorted(
        [
            "origin:TUN",
            "origin:LBY",
            "origin:nationals:TUN",
            "transit:route:central-med",
            "destination:TUN",
            "destination:LBY",
            "destination:ITA",
        ]
    )
    graph = nx.DiGraph()
    graph.add_edges_from(zip(trace.link.source, trace.link.target, strict=True))
    assert nx.is_directed_acyclic_graph(graph)
    # Every link goes rightwards, from one layer to a later one.
    for source, target in zip(trace.link.source, trace.link.target, strict=True):
        assert trace.node.x[source] < trace.node.x[target]


def test_links_follow_origin_transit_destination(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions()))
    assert sorted(links(trace)) == sorted(
        [
            # Corridor through a route: two links, each with the corridor's interval.
            ("origin:TUN", "transit:route:central-med", 30, "30"),
            ("transit:route:central-med", "destination:ITA", 30, "30"),
            # Domestic victims start from their own origin node.
            ("origin:nationals:TUN", "destination:TUN", 20, "20"),
            # LBY → TUN summed over 2019 and 2020: (7, 7) + (1, 4) = (8, 11); width = lower bound.
            ("origin:LBY", "destination:TUN", 8, "8–11"),
            ("origin:TUN", "destination:LBY", 1, "1–4"),
        ]
    )


def test_node_positions_are_fixed_by_layer(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions()))
    for node_id, x in zip(node_ids(trace), trace.node.x, strict=True):
        assert x == LAYER_X[node_id.split(":")[0]]
    assert all(0 < y < 1 for y in trace.node.y)


def test_labels_are_display_names_and_hover_shows_intervals(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions(unit="detected victims")))
    labels = dict(zip(node_ids(trace), trace.node.label, strict=True))
    assert labels["origin:nationals:TUN"] == "Nationals of Tunisia"
    assert labels["origin:TUN"] == "Tunisia"
    assert labels["transit:route:central-med"] == "Central Mediterranean route"
    totals = {row[0]: row[1] for row in trace.node.customdata}
    assert totals["destination:TUN"] == "28–31"  # 8–11 from Libya + 20 domestic
    assert totals["origin:TUN"] == "31–34"  # 1–4 to Libya + 30 to Italy
    assert "%{customdata[1]}" in trace.node.hovertemplate
    assert "detected victims" in trace.link.hovertemplate
    hover = {(row[0], row[1]) for row in trace.link.customdata}
    assert ("Libya → Tunisia", "8–11") in hover
    assert ("Tunisia → Central Mediterranean route → Italy", "30") in hover
    notes = {row[0]: row[2] for row in trace.link.customdata}
    assert notes["Tunisia → Libya"] == "includes suppressed counts (<5)"
    assert notes["Tunisia → Central Mediterranean route → Italy"] == ""


def test_other_grouping_sums_intervals():
    corridors = frame(
        [
            ("NGA", None, "LBY", 2020, 50, 50, False),
            ("ERI", None, "LBY", 2020, 40, 40, False),
            ("SDN", None, "EGY", 2020, 1, 4, True),
            ("ERI", None, "EGY", 2020, 1, 4, True),
            ("SDN", None, "LBY", 2019, 2, 2, False),
            ("SDN", None, "LBY", 2020, 1, 4, True),
        ]
    )
    grouped = group_corridors(corridors, top=2)
    got = {
        (row.origin, row.destination): (row.count_low, row.count_high, row.censored)
        for row in grouped.itertuples()
    }
    assert got == {
        ("NGA", "LBY"): (50, 50, False),
        ("ERI", "LBY"): (40, 40, False),
        # ERI is shown, EGY is not: ERI's corridor to Egypt keeps its origin.
        ("ERI", OTHER): (1, 4, True),
        # SDN → LBY (2 + 1–4 = 3–6) keeps the shown destination Libya.
        (OTHER, "LBY"): (3, 6, True),
        (OTHER, OTHER): (1, 4, True),  # SDN → EGY
    }
    # Nothing is lost: the grouped total is the selection's total.
    assert grouped["count_low"].sum() == corridors["count_low"].sum() == 95
    assert grouped["count_high"].sum() == corridors["count_high"].sum() == 104

    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions(top=2)))
    labels = dict(zip(node_ids(trace), trace.node.label, strict=True))
    assert labels[f"origin:{OTHER}"] == "Other origins"
    assert labels[f"destination:{OTHER}"] == "Other destinations"
    totals = {row[0]: row[1] for row in trace.node.customdata}
    assert totals[f"origin:{OTHER}"] == "4–10"  # 3–6 + 1–4
    assert totals[f"destination:{OTHER}"] == "2–8"  # 1–4 + 1–4
    colours = dict(zip(node_ids(trace), trace.node.color, strict=True))
    assert colours[f"origin:{OTHER}"] == OTHER_COLOUR
    assert colours["origin:NGA"] in CATEGORICAL


def test_other_corridor_groups_unshown_routes():
    corridors = frame(
        [
            ("NGA", "route:central-med", "ITA", 2020, 10, 10, False),
            ("NGA", "route:west-med", "ESP", 2020, 1, 4, True),
        ]
    )
    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions(top=1)))
    got = {(s, t): text for s, t, _, text in links(trace)}
    assert got[("origin:NGA", f"transit:{OTHER}")] == "1–4"
    assert got[(f"transit:{OTHER}", f"destination:{OTHER}")] == "1–4"
    assert dict(zip(node_ids(trace), trace.node.label, strict=True))[f"transit:{OTHER}"] == (
        "Other corridors"
    )


def test_domestic_is_recognised_without_origin_class():
    corridors = frame([("EGY", None, "EGY", 2020, 5, 5, False)])
    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions()))
    assert node_ids(trace) == ["origin:nationals:EGY", "destination:EGY"]
    assert list(trace.node.label) == ["Nationals of Egypt", "Egypt"]


def test_empty_selection_gives_a_figure_that_says_so():
    empty = frame([])
    figure = sankey_figure(empty, NAMES, FlowOptions(empty_message="Nothing selected."))
    assert len(figure.data) == 0
    assert [a.text for a in figure.layout.annotations] == ["Nothing selected."]


def test_summary_sentence():
    flows = frame(
        [
            ("NGA", None, "LBY", 2015, 30, 30, False),
            ("ERI", None, "LBY", 2018, 1, 4, True),
            ("NGA", None, "EGY", 2021, 10, 10, False),
        ]
    )
    # Total 41–44; Nigeria 40 of it: 40/44 = 91 % to 40/41 = 98 %.
    assert flows_summary(flows, NAMES, "detected victims") == (
        "Between 2015 and 2021, 41–44 detected victims in 2 destinations; "
        "the largest origin, Nigeria, accounts for 91–98%."
    )
    one_year = flows.loc[flows["year"] == 2015]
    assert flows_summary(one_year, NAMES, "detected victims") == (
        "In 2015, 30 detected victims in 1 destination; the largest origin, Nigeria, "
        "accounts for 100%."
    )
    assert flows_summary(frame([]), NAMES, "detected victims") == "No flows for this selection."


def test_summary_ranks_known_origins_and_reports_unknown_apart():
    flows = frame(
        [
            ("unknown", None, "TUN", 2020, 60, 60, False),
            ("LBY", None, "TUN", 2020, 30, 30, False),
            ("SDN", None, "TUN", 2020, 1, 4, True),
        ]
    )
    # Total 91–94: Libya 30/94 = 32 % to 30/91 = 33 %; unknown 60/94 = 64 % to 60/91 = 66 %.
    assert flows_summary(flows, NAMES, "detected victims") == (
        "In 2020, 91–94 detected victims in 1 destination; the largest origin, Libya, "
        "accounts for 32–33%; origin unknown for 64–66%."
    )
