"""Figures of the Compare and Country views on tiny hand-made frames (in English)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.convergence import convergence_figure
from dashboard.figures.country import (
    breakdown_figure,
    context_figure,
    ranked_bars,
    reporting_grid_figure,
)
from dashboard.figures.pairs import overlap_heatmap, similarity_heatmap
from dashboard.figures.plotly_dict import MAX_TRACES, ChartOptions
from dashboard.figures.theme import CATEGORICAL
from dashboard.figures.trends import TrendOptions, trends_figure
from dashboard.text import ENGLISH, text_for

NAMES = {"TUN": "Tunisia", "MAR": "Morocco", "EGY": "Egypt"}


def values() -> pd.DataFrame:
    # TUN: 2018 exact, 2019 missing, 2020 a range (1–4); MAR: nothing at all.
    return pd.DataFrame(
        {
            "panel": ["TUN", "TUN"],
            "year": [2018, 2020],
            "low": [10.0, 1.0],
            "high": [10.0, 4.0],
            "censored": [False, True],
        }
    )


def test_trends_missing_years_are_gaps_and_ranges_are_bars():
    figure = trends_figure(
        values(), [("TUN", "Tunisia"), ("MAR", "Morocco")], 2018, 2020, TrendOptions(ENGLISH)
    )
    assert len(figure.data) == 2
    tunisia = figure.data[0]
    assert list(tunisia.x) == [2018, 2019, 2020]
    assert list(tunisia.y) == [10.0, None, 1.0]  # the missing year is a gap, never 0
    assert list(tunisia.error_y.array) == [0, 0, 3.0]  # the bar reaches the upper bound
    assert list(tunisia.error_y.arrayminus) == [0, 0, 0]
    assert tunisia.connectgaps is False
    assert "1–4" in tunisia.hovertext[2] and "<5" in tunisia.hovertext[2]
    assert tunisia.hovertext[1] == "2019: not reported"
    assert all(v is None for v in figure.data[1].y)
    assert any(a.text == "No data reported" for a in figure.layout.annotations)


def test_trends_percent_scale_and_palette():
    shares = values().assign(low=[0.1, 0.2], high=[0.1, 0.5])
    figure = trends_figure(
        shares, [("TUN", "Tunisia")], 2018, 2020, TrendOptions(ENGLISH, percent=True)
    )
    assert list(figure.data[0].y) == [10.0, None, 20.0]
    assert figure.data[0].line.color == CATEGORICAL[0]
    assert figure.layout.yaxis.ticksuffix == "%"  # CLDR's English: 12%
    assert "10–50%" in " ".join(figure.data[0].hovertext) or "20–50%" in " ".join(
        figure.data[0].hovertext
    )
    french = trends_figure(
        shares, [("TUN", "Tunisia")], 2018, 2020, TrendOptions(text_for("fr"), percent=True)
    )
    assert french.layout.yaxis.ticksuffix == "\xa0%"  # French spaces it: 12 %
    assert french.layout.separators == ",\u202f"  # plotly.js writes 1 234,5


def test_trends_never_exceed_the_trace_budget():
    panels = [(f"C{i}", f"C{i}") for i in range(40)]
    figure = trends_figure(values(), panels, 2018, 2020, TrendOptions(ENGLISH))
    assert len(figure.data) <= MAX_TRACES


def test_similarity_heatmap_is_symmetric_and_marks_incomparable_pairs():
    similarity = pd.DataFrame(
        {
            "iso3_a": ["TUN", "TUN", "MAR"],
            "iso3_b": ["MAR", "EGY", "EGY"],
            "low": [0.6, math.nan, 0.3],
            "high": [0.7, math.nan, 0.3],
            "shared": [4, 1, 3],
        }
    )
    figure = similarity_heatmap(
        similarity, ["TUN", "MAR", "EGY"], NAMES, ChartOptions(ENGLISH, "t")
    )
    (trace,) = figure.data
    assert isinstance(trace, go.Heatmap)
    z = [list(row) for row in trace.z]
    assert z[0][1] == z[1][0] == 0.6  # coloured by the lower bound
    assert z[0][2] is None and trace.text[0][2] == "n/a"
    assert trace.text[0][1] == "0.60–0.70"
    assert z[0][0] is None  # no self-similarity drawn


def test_overlap_heatmap_counts_and_no_data():
    overlap = pd.DataFrame(
        {
            "iso3_a": ["TUN", "TUN", "MAR"],
            "iso3_b": ["MAR", "EGY", "EGY"],
            "shared": [2, 0, 0],
            "k_a": [5, 5, 5],
            "k_b": [5, 0, 0],
            "jaccard": [0.25, math.nan, math.nan],
            "shared_origins": ["NGA;SYR", "", ""],
        }
    )
    figure = overlap_heatmap(overlap, ["TUN", "MAR", "EGY"], NAMES, ChartOptions(ENGLISH))
    (trace,) = figure.data
    assert trace.z[0][1] == 2 and trace.z[0][2] is None
    assert trace.text[0][2] == "no data"
    assert "NGA and SYR" in trace.hovertext[0][1]


def test_convergence_figure_shows_gaps_and_reporting_counts():
    dispersion = pd.DataFrame(
        {
            "year": [2018, 2019, 2020],
            "reporting": [2, 1, 3],
            "countries": ["A;B", "A", "A;B;C"],
            "cv_low": [0.5, math.nan, 0.2],
            "cv_high": [0.6, math.nan, 0.2],
        }
    )
    figure = convergence_figure(dispersion, ChartOptions(ENGLISH, "t"))
    line, bars = figure.data
    assert list(line.y) == [0.5, None, 0.2]
    assert list(line.error_y.array) == [0.1, 0, 0]
    assert list(bars.y) == [2, 1, 3]


def test_country_figures():
    totals = pd.DataFrame({"low": [10, 1], "high": [10, 4], "years": [2, 1]})
    bars = ranked_bars(totals, ["Nigeria", "Egypt"], ChartOptions(ENGLISH, "t"))
    assert [list(t.x) for t in bars.data] == [[10.0, 1.0], [0.0, 3.0]]
    assert (
        "No data"
        in ranked_bars(totals.iloc[0:0], [], ChartOptions(ENGLISH, "t")).layout.annotations[0].text
    )
    breakdown = pd.DataFrame(
        {
            "dimension": ["sex", "sex", "age"],
            "category": ["female", "male", "child"],
            "low": [5, 1, 2],
            "high": [5, 4, 2],
            "censored": [False, True, False],
            "years": [1, 1, 1],
        }
    )
    figure = breakdown_figure(
        breakdown,
        {"exploitation": "Form", "sex": "Sex", "age": "Age"},
        {"female": "Women"},
        ChartOptions(ENGLISH),
    )
    assert len(figure.data) == 2 and list(figure.data[0].x) == ["Women", "male"]
    grid = pd.DataFrame({"item": ["a", "a"], "year": [2019, 2020], "status": ["missing", "range"]})
    assert [list(r) for r in reporting_grid_figure(grid, {}, ChartOptions(ENGLISH)).data[0].z] == [
        [0, 1]
    ]
    context = context_figure(
        pd.DataFrame({"year": [2020], "value": [1e6]}),
        pd.DataFrame(columns=["year", "low", "high"]),
        ("Population", "Crossings"),
        ChartOptions(ENGLISH),
    )
    assert len(context.data) == 1


def test_trends_beside_another_datasets_values():
    theirs = values().assign(panel=["TUN", "MAR"], low=[12.0, 7.0], high=[12.0, 7.0])
    options = TrendOptions(ENGLISH, own_name="Tunisia 2022", beside_name="UNODC (public data)")
    panels = [("TUN", "Tunisia"), ("MAR", "Morocco")]
    figure = trends_figure(values(), panels, 2018, 2020, options, beside=theirs)
    own, other, _, morocco_other = figure.data
    assert list(own.y) == [10.0, None, 1.0] and list(other.y) == [12.0, None, None]
    assert list(morocco_other.y) == [None, None, 7.0]
    # One colour for the own series and a dotted grey one beside; each named once in a legend.
    assert {t.line.color for t in figure.data[::2]} == {CATEGORICAL[0]}
    assert {t.line.dash for t in figure.data[1::2]} == {"dot"}
    assert [t.name for t in figure.data if t.showlegend] == ["Tunisia 2022", "UNODC (public data)"]
    assert figure.layout.showlegend is True
    assert own.hovertext[0].startswith("Tunisia 2022<br>2018: 10")
    # Morocco has UNODC's value: its panel is not "No data reported".
    assert sum(a.text == "No data reported" for a in figure.layout.annotations) == 0
    many = [(f"C{i}", f"C{i}") for i in range(40)]
    assert len(trends_figure(values(), many, 2018, 2020, options, beside=theirs).data) <= MAX_TRACES
