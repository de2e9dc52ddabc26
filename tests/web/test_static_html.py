"""A Dash layout as plain HTML (web/static_html.py): the likeness of a page's first paint."""

from __future__ import annotations

from html.parser import HTMLParser

from dash import dcc, html

from dashboard.web.static_html import GRAPH_PREFIX, find_graph, render


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _parsed(fragment: str) -> _Elements:
    parser = _Elements()
    parser.feed(fragment)
    return parser


def test_html_components_keep_their_element_classes_styles_and_attributes_but_no_ids():
    tree = html.Div(
        [
            html.H1(
                "Carte", id="title", className="panel-title", style={"marginTop": 2, "zIndex": 1}
            ),
            html.Label("Année", htmlFor="year", id="year-label"),
            html.A("Flux", href="/flows?lang=fr", hrefLang="fr", **{"aria-current": "true"}),
            html.Br(),
            html.Nav(hidden=True, id="chooser"),
            html.Button("Lire", n_clicks=0, **{"data-play": "▶", "aria-labelledby": "year-label"}),
        ],
        className="page",
        dir="rtl",
    )
    out = render(tree)
    assert out.startswith('<div class="page" dir="rtl"><h1 class="panel-title"')
    assert 'style="margin-top: 2px; z-index: 1"' in out
    assert '<a href="/flows?lang=fr" hreflang="fr" aria-current="true">Flux</a>' in out
    assert "<br>" in out and "</br>" not in out
    assert "<nav hidden></nav>" in out
    assert '<button data-play="▶">Lire</button>' in out
    # No ids (Dash's page has them), nor references to ids, nor Dash's own properties.
    for tag, attributes in _parsed(out).tags:
        assert not {"id", "for", "aria-labelledby", "n_clicks"} & set(attributes), tag


def test_text_and_attribute_values_are_escaped():
    out = render(html.P('<script>alert("x")</script> & co', title='"><img src=x>'))
    assert out == (
        '<p title="&quot;&gt;&lt;img src=x&gt;">'
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</p>"
    )
    assert "<script" not in out and "<img" not in out


def test_dcc_controls_are_inert_likenesses_with_the_chosen_values():
    options = [{"label": "Tous", "value": "total"}, {"label": "Travail forcé", "value": "fl"}]
    dropdown = render(dcc.Dropdown(options=options, value="fl", id="d"))
    assert dropdown == '<div class="first-paint-dropdown">Travail forcé</div>'
    radio = _parsed(render(dcc.RadioItems(options=options, value="total", className="radio")))
    inputs = [attrs for tag, attrs in radio.tags if tag == "input"]
    assert [("checked" in attrs, attrs["type"]) for attrs in inputs] == [
        (True, "radio"),
        (False, "radio"),
    ]
    assert all("readonly" in attrs and attrs["tabindex"] == "-1" for attrs in inputs)
    assert radio.tags[0][1]["class"] == "first-paint-options radio"  # the page's own class
    assert "".join(radio.text) == "TousTravail forcé"
    checklist = _parsed(render(dcc.Checklist(options=["a", "b"], value=["b"])))
    assert ["checked" in attrs for tag, attrs in checklist.tags if tag == "input"] == [False, True]


def test_a_slider_is_drawn_at_its_value_with_its_marks():
    slider = render(
        dcc.Slider(min=2000, max=2020, value=2015, marks={"2000": "2000", "2020": "2020"})
    )
    # 75 % along the track; dcc offsets the 16 px thumb and marks by 8 - 0.16 × share px.
    assert 'class="first-paint-slider-range" style="right: 25.0%"' in slider
    assert 'class="first-paint-slider-thumb" style="left: calc(75.0% + -4.0px)"' in slider
    assert "left: calc(0.0% + 8.0px)" in slider and "left: calc(100.0% + -8.0px)" in slider
    assert "".join(_parsed(slider).text) == "20002020"
    # A slider without a usable range is an empty box, not an error.
    assert render(dcc.Slider(min=1, max=1, value=1)) == '<div class="first-paint-slider"></div>'


def test_components_that_draw_nothing_are_left_out_and_a_graph_is_renamed():
    tree = html.Div(
        [
            dcc.Store(id="s", data={"a": 1}),
            dcc.Location(id="url"),
            dcc.Interval(id="tick"),
            dcc.Loading(dcc.Graph(id="map-graph", className="map-graph", style={"height": 620})),
        ]
    )
    out = render(tree)
    assert out == (
        f'<div><div class="dash-graph map-graph" id="{GRAPH_PREFIX}map-graph"'
        ' style="height: 620px"></div></div>'
    )
    figure = {"data": [{"type": "choropleth"}], "layout": {}}
    tree = html.Div([html.P("x"), dcc.Loading(dcc.Graph(id="g", figure=figure))])
    assert find_graph(tree, "g")["figure"] == figure
    assert find_graph(tree, "other") is None
