"""The curated nodes reference: schema, corridors and their arrival areas."""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline import frontex
from dashboard.pipeline.countries import country_codes
from dashboard.pipeline.nodes import read_reference_nodes


def test_reference_nodes_pass_the_schema_and_cover_every_frontex_route():
    nodes = read_reference_nodes().set_index("token")
    assert set(frontex.ROUTES.values()) <= set(nodes.index)
    assert "unknown" in nodes.index


def test_every_corridor_arrives_in_a_listed_area():
    nodes = read_reference_nodes().set_index("token")
    routes = nodes[nodes["kind"] == "route"]
    assert routes["arrival"].notna().all()
    assert set(routes["arrival"]) <= set(nodes.index[nodes["kind"] == "area"])
    assert nodes.loc["route:central-mediterranean", "members"] == "LBY;TUN;EGY;DZA;TUR"
    assert nodes.loc["area:italy-malta", "members"] == "ITA;MLT"


def test_members_are_country_codes_and_descriptions_cite_a_source():
    nodes = read_reference_nodes()
    for members in nodes["members"].dropna():
        assert set(members.split(";")) <= country_codes()
    assert nodes["description"].notna().all()
    routes = nodes[nodes["token"].str.startswith("route:") & (nodes["token"] != "route:other")]
    assert routes["description"].str.contains("Frontex").all()
    assert routes[["lon", "lat"]].notna().all().all()


def test_every_place_and_group_has_french_and_arabic_names():
    from dashboard.pipeline.labels import GROUP_NAMES
    from dashboard.pipeline.names import NODE_NAMES, add_node_names

    nodes = read_reference_nodes()
    assert nodes["name_fr"].str.len().gt(0).all() and nodes["name_ar"].str.len().gt(0).all()
    groups = add_node_names(pd.DataFrame({"token": sorted(GROUP_NAMES)}))
    assert groups[["name_fr", "name_ar"]].notna().all().all()
    assert nodes.set_index("token").loc["route:central-mediterranean", "name_fr"] == (
        "Route de la Méditerranée centrale"
    )
    try:
        add_node_names(pd.DataFrame({"token": ["route:nowhere"]}))
    except ValueError as error:
        assert "route:nowhere" in str(error) and NODE_NAMES.name in str(error)
    else:
        raise AssertionError("a place without names must not pass silently")
