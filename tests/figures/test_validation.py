"""Figures built from dicts are not validated when served: the JSON must be the same either way.

plotly.py's validation also normalises (named colour scales become lists, for instance); a
figure that relied on it would reach plotly.js differently in production than in the tests.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from dash.development.base_component import Component
from plotly.io.json import to_json_plotly

from dashboard.app import app
from dashboard.figures import plotly_dict
from dashboard.pages import compare as compare_page
from dashboard.pages import country as country_page
from dashboard.text import ENGLISH
from dashboard.views.compare import COMPARE
from dashboard.views.country import COUNTRY


def _graphs(node) -> list:
    """Every component with a figure in a layout tree."""
    if isinstance(node, Component):
        found = [node] if getattr(node, "figure", None) is not None else []
        return found + _graphs(getattr(node, "children", None))
    if isinstance(node, list | tuple):
        return [graph for child in node for graph in _graphs(child)]
    return []


def _figures(node) -> list:
    return [graph.figure for graph in _graphs(node)]


def country_sections(dataset, code, state):
    with app.server.test_request_context():
        data = COUNTRY.process(dataset, replace(state, country=code))
        return country_page.sections(data, ENGLISH)


def _view_figures(dataset) -> list:
    figures = []
    for code in ("TUN", "LBN", "NGA", "PSE"):
        state = COUNTRY.defaults(dataset)
        figures += _figures(country_sections(dataset, code, state))
        figures += _figures(country_sections(dataset, code, replace(state, year_from=2016)))
    base = COMPARE.defaults(dataset)
    for state in (
        base,
        replace(base, countries=("TUN", "MAR"), indicator="share-female"),
        replace(base, indicator="victims-per-100k", year_from=2012, year_to=2014),
    ):
        dataset.derived.clear()
        with app.server.test_request_context():
            panels = compare_page.panels(COMPARE.process(dataset, state), ENGLISH)
        figures += [figure for figure, _ in panels.values()]
    return [json.loads(to_json_plotly(figure)) for figure in figures]


def test_unvalidated_figures_give_the_json_validated_ones_give(dataset, monkeypatch):
    monkeypatch.setattr(plotly_dict, "VALIDATE", True)
    validated = _view_figures(dataset)
    monkeypatch.setattr(plotly_dict, "VALIDATE", False)
    served = _view_figures(dataset)
    assert len(served) == len(validated) > 40
    for number, (mine, reference) in enumerate(zip(served, validated, strict=True)):
        assert mine == reference, f"figure {number}: {json.dumps(mine)[:300]}"


def test_tests_validate_figures():
    # Under the tests, an invalid property is an error (plotly.py's validation is on).
    with pytest.raises(ValueError, match="colorscale"):
        plotly_dict.figure([{"type": "heatmap", "colorscale": "not-a-scale"}], {})


def test_served_graphs_get_their_figures_height(dataset, monkeypatch):
    monkeypatch.setattr(plotly_dict, "VALIDATE", False)
    graphs = _graphs(country_sections(dataset, "TUN", COUNTRY.defaults(dataset)))
    assert graphs and all(isinstance(graph.figure, dict) for graph in graphs)
    for graph in graphs:
        height = graph.figure["layout"].get("height") or 450
        assert graph.style == {"height": f"{height}px"}
    assert {graph.style["height"] for graph in graphs} != {"450px"}  # heights are the figures'
