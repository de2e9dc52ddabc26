"""The parts of the public data's panel beside an upload: column titles and distinct ids."""

from __future__ import annotations

import copy

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.components.beside import distinct, fit_column

LONG = "Detected victims of trafficking: citizenship → country of detection, 2019–2021"


def _figure(title: str, subtitle: str | None = None) -> dict:
    text = {"text": title, **({"subtitle": {"text": subtitle}} if subtitle else {})}
    return {"data": [], "layout": {"title": text, "margin": {"t": 64, "b": 12}}}


def test_a_long_title_takes_two_lines_at_the_break_nearest_its_middle():
    given = _figure(LONG, "Lines: detected victims by citizenship → country of detection, 2020")
    before = copy.deepcopy(given)
    fitted = fit_column(given)
    assert given == before  # a copy: the figure may be cached
    assert fitted["layout"]["title"]["text"] == LONG.replace(": ", ":<br>", 1)
    subtitle = fitted["layout"]["title"]["subtitle"]["text"]
    # No separator near its middle: the space nearest it.
    assert subtitle == "Lines: detected victims by citizenship<br>→ country of detection, 2020"
    assert fitted["layout"]["margin"] == {"t": 64 + 2 * 32, "b": 12}
    # Arabic's comma breaks too; a short title, or one already broken, is left as it is.
    arabic = "الضحايا المكتشفون للاتجار بالبشر، حسب الجنسية وبلد الاكتشاف، ٢٠١٩–٢٠٢١"
    assert "،<br>" in fit_column(_figure(arabic))["layout"]["title"]["text"]
    for kept in ("Detected victims, 2020", LONG.replace(": ", ":<br>")):
        assert fit_column(_figure(kept)) == _figure(kept)


def test_a_plotly_figure_is_fitted_in_place():
    figure = go.Figure(layout={"title": {"text": LONG}, "margin": {"t": 64}})
    assert fit_column(figure) is figure
    assert figure.layout.title.text == LONG.replace(": ", ":<br>", 1)
    assert figure.layout.margin.t == 96


def test_distinct_gives_every_id_and_reference_its_own_name_and_csv_links_the_public_data():
    tree = html.Div(
        [
            html.H3("Title", id="card-title"),
            html.Div(dcc.Graph(id="graph"), **{"aria-labelledby": "card-title"}),
            html.A("CSV", id="csv", href="/x", **{"data-download": "/download/map/map.csv"}),
            html.A("CSV", **{"data-download": "/download/country/flows.csv?country=TUN"}),
            html.Button("PNG", **{"data-image-for": "graph"}),
            dcc.Store(id={"type": "view-state", "page": "map"}),
        ],
        id="card",
    )
    distinct(tree)
    card = tree.children
    assert tree.id == "beside-card" and card[0].id == "beside-card-title"
    assert card[1].children.id == "beside-graph"
    assert getattr(card[1], "aria-labelledby") == "beside-card-title"
    assert getattr(card[2], "data-download") == "/download/map/map.csv?dataset=baseline"
    assert getattr(card[3], "data-download") == (
        "/download/country/flows.csv?country=TUN&dataset=baseline"
    )
    assert getattr(card[4], "data-image-for") == "beside-graph"
    assert card[5].id == {"type": "view-state", "page": "map", "panel": "beside"}
