"""The flows Sankey on small hand-made flow tables; expectations worked out by hand."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from dashboard.figures.sankey import (
    DOMESTIC_COLOUR,
    LAYER_X,
    OTHER,
    FlowOptions,
    group_corridors,
    sankey_figure,
)
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR
from dashboard.text import ENGLISH

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
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions(ENGLISH)))
    ids = node_ids(trace)
    assert sorted(ids) == sorted(
        [
            "origin:TUN",  # one origin node for Tunisians, wherever they were detected
            "origin:LBY",
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
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions(ENGLISH)))
    assert sorted(links(trace)) == sorted(
        [
            # Corridor through a route: two links, each with the corridor's interval.
            ("origin:TUN", "transit:route:central-med", 30, "30"),
            ("transit:route:central-med", "destination:ITA", 30, "30"),
            # Domestic victims: from the citizenship's one origin node to the same country.
            ("origin:TUN", "destination:TUN", 20, "20"),
            # LBY → TUN summed over 2019 and 2020: (7, 7) + (1, 4) = (8, 11); width = lower bound.
            ("origin:LBY", "destination:TUN", 8, "8–11"),
            ("origin:TUN", "destination:LBY", 1, "1–4"),
        ]
    )


def test_node_positions_are_fixed_by_layer(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions(ENGLISH)))
    for node_id, x in zip(node_ids(trace), trace.node.x, strict=True):
        assert x == LAYER_X[node_id.split(":")[0]]
    assert all(0 < y < 1 for y in trace.node.y)


def test_labels_are_display_names_and_hover_shows_intervals(both_ways):
    trace = sankey(sankey_figure(both_ways, NAMES, FlowOptions(ENGLISH, unit="detected victims")))
    labels = dict(zip(node_ids(trace), trace.node.label, strict=True))
    assert labels["origin:TUN"] == "Tunisia"
    assert labels["transit:route:central-med"] == "Central Mediterranean route"
    totals = {row[0]: row[1] for row in trace.node.customdata}
    assert totals["destination:TUN"] == "28–31"  # 8–11 from Libya + 20 domestic
    assert totals["origin:TUN"] == "51–54"  # 1–4 to Libya + 30 to Italy + 20 at home
    assert "%{customdata[1]}" in trace.node.hovertemplate
    assert "detected victims" in trace.link.hovertemplate
    hover = {(row[0], row[1]) for row in trace.link.customdata}
    assert ("Libya → Tunisia", "8–11") in hover
    assert ("Tunisia → Central Mediterranean route → Italy", "30") in hover
    notes = {row[0]: row[2] for row in trace.link.customdata}
    assert notes["Tunisia → Libya"] == "includes suppressed counts (<5)"
    assert notes["Tunisia → Tunisia"] == "detected in their own country"
    assert notes["Tunisia → Central Mediterranean route → Italy"] == ""


def test_domestic_bands_are_marked_by_colour_hover_and_key(both_ways):
    figure = sankey_figure(both_ways, NAMES, FlowOptions(ENGLISH))
    trace = sankey(figure)
    colours = {
        (node_ids(trace)[s], node_ids(trace)[t]): colour
        for s, t, colour in zip(trace.link.source, trace.link.target, trace.link.color, strict=True)
    }
    domestic = colours[("origin:TUN", "destination:TUN")]
    assert domestic == DOMESTIC_COLOUR
    assert colours[("origin:TUN", "destination:LBY")] != domestic  # Tunisians abroad: origin's
    key = [a.text for a in figure.layout.annotations if "own country" in a.text]
    assert key == [
        f"<span style='color:{DOMESTIC_COLOUR}'>▬</span> "
        "Grey bands: victims detected in their own country (domestic trafficking)"
    ]


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

    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions(ENGLISH, top=2)))
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
    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions(ENGLISH, top=1)))
    got = {(s, t): text for s, t, _, text in links(trace)}
    assert got[("origin:NGA", f"transit:{OTHER}")] == "1–4"
    assert got[(f"transit:{OTHER}", f"destination:{OTHER}")] == "1–4"
    assert dict(zip(node_ids(trace), trace.node.label, strict=True))[f"transit:{OTHER}"] == (
        "Other corridors"
    )


def test_domestic_is_recognised_without_origin_class():
    corridors = frame([("EGY", None, "EGY", 2020, 5, 5, False)])
    trace = sankey(sankey_figure(corridors, NAMES, FlowOptions(ENGLISH)))
    assert node_ids(trace) == ["origin:EGY", "destination:EGY"]
    assert list(trace.node.label) == ["Egypt", "Egypt"]
    assert list(trace.link.color) == [DOMESTIC_COLOUR]


def test_empty_selection_gives_a_figure_that_says_so():
    empty = frame([])
    figure = sankey_figure(empty, NAMES, FlowOptions(ENGLISH, empty_message="Nothing selected."))
    assert len(figure.data) == 0
    assert [a.text for a in figure.layout.annotations] == ["Nothing selected."]
