"""An uploaded dataset in the views' analytics and figures: transit countries as a path in
the flow graph (network position, betweenness), on the map and in the Sankey."""

from __future__ import annotations

import math

from dashboard.analytics.network import network_positions
from dashboard.exchange.convert import to_dataset
from dashboard.figures.maps import LineOptions, flow_line_traces
from dashboard.figures.sankey import FlowOptions, sankey_figure
from dashboard.text import ENGLISH, text_for
from tests.exchange.test_convert import INFO, UPLOAD


def test_countries_passed_through_are_nodes_with_betweenness(dataset):
    upload = to_dataset(UPLOAD, 5, INFO, dataset)
    positions = network_positions(upload.flows)
    assert {"CIV", "MLI", "DZA", "TUN"} <= set(positions)
    # CIV → MLI → DZA → TUN: the two transit countries lie on the only path of length 3.
    assert positions["MLI"].betweenness > 0 and positions["DZA"].betweenness > 0
    assert positions["CIV"].betweenness == 0 == positions["TUN"].betweenness
    assert "MLI;DZA" not in positions
    # Into Tunisia: 12 + a suppressed 3 (published 1–4) from Algeria's side, and 1–4 of
    # unknown origin; never the exact 15 of Ivorians.
    assert positions["TUN"].inflow == (14, 20)


def test_the_map_draws_the_line_through_every_transit_country(dataset):
    upload = to_dataset(UPLOAD, 5, INFO, dataset)
    corridors = upload.flows.assign(transit=upload.flows["transit"].fillna(""))
    points = {c: (float(i) * 10, float(i)) for i, c in enumerate(["CIV", "MLI", "DZA", "TUN"])}
    names = upload.names("en")
    options = LineOptions(text=ENGLISH, measure="trafficking-victims", legend_title="")
    traces = flow_line_traces(corridors, points, names, options)
    lines = [t for t in traces if t.mode == "lines"]
    lons = [lon for trace in lines for lon in trace.lon if not math.isnan(lon)]
    assert lons == [0.0, 10.0, 20.0, 30.0]  # CIV, MLI, DZA, TUN in travel order
    hovers = " ".join(t for trace in traces if trace.hovertext for t in trace.hovertext)
    assert "via Mali → Algeria" in hovers


def test_the_sankey_keeps_three_layers_and_reads_the_path_in_each_direction(dataset):
    upload = to_dataset(UPLOAD, 5, INFO, dataset)
    for lang, path in (("en", "Mali → Algeria"), ("ar", "←")):
        text = text_for(lang)
        figure = sankey_figure(upload.flows, upload.names(lang), FlowOptions(text=text))
        (trace,) = figure.data
        assert len(set(trace.node.x)) == 3
        assert any(path in label for label in trace.node.label), trace.node.label
