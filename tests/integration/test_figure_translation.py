"""Every word the Compare and Country charts show in hovers and labels goes through ``t()``.

Pseudo-translation: a catalogue that wraps every message in ‹ ›. Data (numbers, years, country
names) is not translated; every piece of text around it must be.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from dashboard import i18n
from dashboard.app import app  # noqa: F401 - pages register with the app first
from dashboard.figures import compare as compare_figures
from dashboard.pages import compare, country
from tests.integration.test_figure_validation import _figures


class Marked(dict):
    def get(self, message, default=None):
        return f"‹{message}›"


@pytest.fixture
def marked(monkeypatch):
    monkeypatch.setitem(i18n.CATALOGUES, "en", Marked())
    monkeypatch.setattr(compare_figures, "VALIDATE", False)
    compare._compare_data.cache_clear()
    yield
    compare._compare_data.cache_clear()


def _flat(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _flat(item)]
    return []


def _diagonal_free(matrix: list[list[str]]) -> list[str]:
    return [text for i, row in enumerate(matrix) for j, text in enumerate(row) if i != j]


def test_compare_hovers_are_translated(dataset, marked):
    state = replace(compare.defaults(dataset), countries=("TUN", "MAR", "EGY", "PSE"))
    panels = compare.build_panels(dataset, state)
    similarity = panels["similarity"][0]["data"][0]
    overlap = panels["overlap"][0]["data"][0]
    for heatmap in (similarity, overlap):
        hovers = _diagonal_free(heatmap["hovertext"])
        assert hovers and all("‹" in text for text in hovers), hovers[:3]
    cv_line, reporting = panels["convergence"][0]["data"]
    assert all("‹" in text for text in _flat(cv_line["hovertext"]))
    assert reporting["hovertemplate"].startswith("‹")
    trends = panels["trends"][0]["data"]
    missing = [text for trace in trends for text in trace["hovertext"] if "reported" in text]
    assert missing and all("‹" in text for text in missing)


def test_country_hovers_are_translated(dataset, marked):
    figures = _figures(country.country_body(dataset, "TUN", country.defaults(dataset)))
    grid = next(f for f in figures if f["data"] and f["data"][0]["type"] == "heatmap")
    assert all("‹" in text for text in _flat(grid["data"][0]["hovertext"]))
    bars = [t for f in figures for t in f["data"] if t["type"] == "bar" and "hovertext" in t]
    hovers = [text for trace in bars for text in _flat(trace["hovertext"])]
    assert hovers and all("‹" in text for text in hovers if "year" in text)
    templates = [t["hovertemplate"] for f in figures for t in f["data"] if "hovertemplate" in t]
    worded = [
        tpl for tpl in templates if re.search(r"[a-z]", re.sub(r"%\{[^}]*\}|<[^>]*>", "", tpl))
    ]
    assert all("‹" in tpl for tpl in worded), worded


def test_map_hovers_are_translated(dataset, marked):
    from dashboard.pages import home

    state = replace(
        home.defaults(dataset), year=2018, lines=True, incidents=True, measure="border-crossings"
    )
    figure = home.build_figure(dataset, state)
    texts = [text for trace in figure.data for text in _flat(trace.text or trace.hovertext or [])]
    via = [text for text in texts if " via " in text]
    incidents = [text for text in texts if "dead or missing" in text]
    assert via and incidents
    assert all(text.startswith("‹") for text in via + incidents)
