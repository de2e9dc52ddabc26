"""Figures in a right-to-left language (Arabic): what is mirrored and what is not."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.country import ranked_bars
from dashboard.figures.direction import PDI, RLI, right_to_left
from dashboard.figures.pairs import similarity_heatmap
from dashboard.figures.plotly_dict import ChartOptions
from dashboard.figures.sankey import FlowOptions, sankey_figure
from dashboard.figures.trends import TrendOptions, trends_figure
from dashboard.text import text_for

ARABIC, ENGLISH = text_for("ar"), text_for("en")
VALUES = pd.DataFrame(
    {
        "panel": ["TUN", "MAR"],
        "year": [2018, 2019],
        "low": [10.0, 3.0],
        "high": [12.0, 3.0],
        "censored": [True, False],
    }
)


def _dict(figure) -> dict:
    return figure if isinstance(figure, dict) else figure.to_plotly_json()


def _trends(text):
    options = TrendOptions(text=text, title="Title")
    return _dict(
        trends_figure(VALUES, [("TUN", "Tunisia"), ("MAR", "Morocco")], 2017, 2020, options)
    )


def test_small_multiples_start_at_the_right_and_time_stays_left_to_right():
    english, arabic = _trends(ENGLISH)["layout"], _trends(ARABIC)["layout"]
    assert english["xaxis"]["domain"][0] < english["xaxis2"]["domain"][0]
    assert arabic["xaxis"]["domain"][0] > arabic["xaxis2"]["domain"][0]  # first panel: right
    assert arabic["yaxis"]["side"] == "right" and "side" not in english["yaxis"]
    assert arabic["xaxis"].get("autorange") != "reversed"  # years read left to right
    assert arabic["title"]["x"] > 0.9 > english["title"]["x"]
    assert arabic["margin"]["r"] == english["margin"]["l"]
    assert arabic["hoverlabel"]["align"] == "right"


def test_every_line_of_text_is_a_right_to_left_isolate():
    arabic = _trends(ARABIC)
    hover = arabic["data"][0]["hovertext"][1]
    assert hover.startswith(RLI) and hover.endswith(PDI)
    assert arabic["layout"]["title"]["text"] == f"{RLI}Title{PDI}"
    assert all(note["text"].startswith(RLI) for note in arabic["layout"]["annotations"])
    assert RLI not in str(_trends(ENGLISH))


def test_categories_and_horizontal_bars_run_from_the_right():
    totals = pd.DataFrame({"partner": ["MAR", "EGY"], "low": [5, 2], "high": [7, 2]})
    bars = _dict(ranked_bars(totals, ["Morocco", "Egypt"], ChartOptions(ARABIC, "Origins")))
    assert bars["layout"]["xaxis"]["autorange"] == "reversed"  # bars grow leftwards
    assert bars["layout"]["yaxis"]["side"] == "right"  # their labels on the right
    pairs = pd.DataFrame(
        {"iso3_a": ["TUN"], "iso3_b": ["MAR"], "low": [0.5], "high": [0.7], "shared": [4]}
    )
    heatmap = _dict(
        similarity_heatmap(
            pairs, ["TUN", "MAR"], {"TUN": "Tunisia", "MAR": "Morocco"}, ChartOptions(ARABIC)
        )
    )
    assert heatmap["layout"]["xaxis"]["autorange"] == "reversed"
    assert heatmap["data"][0]["colorbar"]["x"] < 0  # the colour bar on the left


def test_the_sankey_reads_from_the_right():
    rows = pd.DataFrame(
        {
            "origin": ["NGA"],
            "transit": [""],
            "destination": ["LBY"],
            "count_low": [5],
            "count_high": [9],
        }
    )
    names = {"NGA": "Nigeria", "LBY": "Libya"}
    arabic = sankey_figure(rows, names, FlowOptions(ARABIC, title="Flows"))
    english = sankey_figure(rows, names, FlowOptions(ENGLISH, title="Flows"))
    assert (arabic.data[0].direction, english.data[0].direction) == ("reversed", None)
    assert " ← " in arabic.data[0].link.customdata[0][0]
    assert " → " in english.data[0].link.customdata[0][0]
    headings = {note.text.strip(RLI + PDI): note.x for note in arabic.layout.annotations}
    origin, destination = (f"<b>{ARABIC.gettext(word)}</b>" for word in ("Origin", "Destination"))
    assert headings[origin] > headings[destination]


def test_mirroring_leaves_the_figure_it_was_given_untouched():
    layout = {"title": {"text": "T", "x": 0.01}, "xaxis": {"domain": [0, 0.4]}}
    data = [{"type": "scatter", "x": [2019], "y": [1], "hovertext": ["a"]}]
    right_to_left(data, layout)
    assert layout == {"title": {"text": "T", "x": 0.01}, "xaxis": {"domain": [0, 0.4]}}
    assert data[0]["hovertext"] == ["a"]


def test_an_empty_figure_is_mirrored_too():
    options = TrendOptions(text=ARABIC, title="Title")
    empty = _dict(trends_figure(VALUES, [], 2017, 2020, options))
    assert empty["layout"]["title"]["x"] > 0.9
    assert empty["layout"]["annotations"][0]["text"].startswith(RLI)


def test_the_maps_subtitle_and_legend_titles_are_right_to_left_isolates():
    """plotly.js lays each out left to right: without an isolate “(UNODC)، 2020؛” and a title
    ending in a colon read out of order."""
    import plotly.graph_objects as go

    from dashboard.figures.maps import MapOptions, map_figure

    def drawn(text):
        line = go.Scattergeo(
            lon=[10, 11], lat=[33, 34], mode="lines", name="5", legendgroup="lines",
            legendgrouptitle={"text": "Lines (UNODC):"},
        )  # fmt: skip
        options = MapOptions(
            text, area={"lon": [-20, 50], "lat": [10, 50]}, title="Title",
            subtitle="Lines: victims (UNODC), 2020; width",
        )  # fmt: skip
        return map_figure(pd.DataFrame(columns=["iso3", "low", "high"]), {}, options, [line])

    arabic, english = drawn(ARABIC), drawn(ENGLISH)
    assert arabic.layout.title.subtitle.text == f"{RLI}Lines: victims (UNODC), 2020; width{PDI}"
    assert arabic.data[0].legendgrouptitle.text == f"{RLI}Lines (UNODC):{PDI}"
    assert RLI not in str(english.to_plotly_json())


def test_a_legend_title_is_a_right_to_left_isolate():
    layout = {
        "title": {"text": "T", "subtitle": {"text": "S"}},
        "legend": {"title": {"text": "L:"}},
    }
    _, mirrored = right_to_left([], layout)
    assert mirrored["legend"]["title"]["text"] == f"{RLI}L:{PDI}"
    assert mirrored["title"]["subtitle"]["text"] == f"{RLI}S{PDI}"
