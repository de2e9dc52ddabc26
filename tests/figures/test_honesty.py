"""Every figure names every measure it draws, in the figure itself, and says when it draws
migration context — over every benchmark case's figure, as the browser gets them.

A trace says what it draws in its ``meta`` (``measure``, ``context``); the figure's own text
(title and subtitle, annotations, legend and its titles, axis and colour bar titles) must name
that measure, and say "migration context, not trafficking" for context.
"""

from __future__ import annotations

import pytest

from dashboard.app import app
from dashboard.text import labels
from tests.pages.answers import callback_answers

CONTEXT = "migration context, not trafficking"
#: What names each measure in English (indicators by their titles).
NAMES = {
    "trafficking-victims": "detected victims",
    "border-crossings": "irregular border crossings",
    "incidents": "dead and missing migrants",
    "population": "population",
    "treaty-parties": "parties to the",
    **{code: title for code, title in labels.INDICATORS.items()},
}


def figures(value):
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            yield value
            return
        for item in value.values():
            yield from figures(item)
    elif isinstance(value, list):
        for item in value:
            yield from figures(item)


def own_text(figure: dict) -> str:
    """Everything the figure writes (not its hovers: an image or a projector shows none)."""
    layout = figure["layout"]
    parts = []

    def add(value):
        if isinstance(value, dict):
            value = value.get("text")
        if isinstance(value, str):
            parts.append(value)

    title = layout.get("title") or {}
    add(title)
    add((title.get("subtitle") if isinstance(title, dict) else None) or {})
    for note in layout.get("annotations") or []:
        add(note)
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            add(axis.get("title"))
    for trace in figure["data"]:
        if trace.get("showlegend") is not False:
            add(trace.get("name"))
        add((trace.get("legendgrouptitle") or {}).get("text"))
        add((trace.get("colorbar") or {}).get("title"))
    return " ".join(parts).lower()


@pytest.fixture(scope="module")
def drawn():
    answers = callback_answers(app, "en")
    return [(case, figure) for case, answer in answers.items() for figure in figures(answer)]


def test_the_benchmark_draws_the_figures_this_checks(drawn):
    measured = [t for _, f in drawn for t in f["data"] if isinstance(t.get("meta"), dict)]
    kinds = {t["type"] for t in measured}
    assert {"choropleth", "scattergeo", "sankey", "scatter", "bar"} <= kinds
    # Every trace of a map or a Sankey says what it draws.
    for case, figure in drawn:
        for trace in figure["data"]:
            if trace["type"] in ("choropleth", "scattergeo", "sankey"):
                assert isinstance(trace.get("meta"), dict), (case, trace["type"])


def test_every_trace_s_measure_is_named_in_its_figure(drawn):
    for case, figure in drawn:
        text = own_text(figure)
        for trace in figure["data"]:
            meta = trace.get("meta")
            if isinstance(meta, dict) and meta.get("measure"):
                assert NAMES[meta["measure"]].lower() in text, (case, meta, text[:300])


def test_a_figure_drawing_context_says_so(drawn):
    context_figures = 0
    for case, figure in drawn:
        if any(
            isinstance(t.get("meta"), dict) and t["meta"].get("context") for t in figure["data"]
        ):
            context_figures += 1
            assert CONTEXT in own_text(figure), (case, own_text(figure)[:300])
    assert context_figures >= 10  # border-crossing lines and Sankeys, incidents, Country context


def test_every_figure_carries_its_source_line(drawn):
    """What images, presenter mode and the offline export write under a figure."""
    for case, figure in drawn:
        source = (figure["layout"].get("meta") or {}).get("source") or ""
        assert source.startswith("Source"), (case, source)
