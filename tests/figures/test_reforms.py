"""Reforms figures on the hand-made milestones: what each draws, its hovers, its words."""

from __future__ import annotations

import json
import re

import plotly.io as pio
import pytest

from dashboard.analytics import milestones as am
from dashboard.analytics.treaty_parties import parties_in_year
from dashboard.figures import reforms as fr
from dashboard.figures.treaty_map import parties_map_figure
from dashboard.text import catalogue, text_for
from tests.analytics.milestone_rows import milestone_rows
from tests.text.test_reforms_sentences import english_words

NAMES = {"TUN": "Tunisia", "LBN": "Lebanon", "LBY": "Libya", "PSE": "Palestine", "JOR": "Jordan",
         "EGY": "Egypt", "FRA": "France", "JPN": "Japan", "MAR": "Morocco"}  # fmt: skip
ENGLISH = fr.ReformOptions(text=text_for("en"), names=NAMES, title="A title")
PSEUDO = fr.ReformOptions(
    text=text_for("qps"), names={c: catalogue.pseudo(n) for c, n in NAMES.items()}
)


def plain(figure) -> dict:
    """The figure as the browser gets it (a dict either way)."""
    return json.loads(pio.to_json(figure) if not isinstance(figure, dict) else json.dumps(figure))


@pytest.fixture(scope="module")
def rows():
    return milestone_rows()


def test_a_country_timeline_has_one_trace_per_type_and_open_markers_for_steps(rows):
    figure = plain(fr.timeline_figure(am.timeline(rows, ["TUN"]), ENGLISH))
    names = [trace["name"] for trace in figure["data"]]
    assert names == [
        "Trafficking in Persons Protocol",
        "Specific anti-trafficking law",
        "National coordination body",
        "National strategy",
        "Council of Europe Convention (steps towards it)",
    ]
    protocol, coe = figure["data"][0], figure["data"][4]
    assert protocol["marker"]["symbol"] == ["diamond-open", "diamond"]  # signature, ratification
    assert coe["marker"]["symbol"] == ["cross-open"]  # a request to accede reaches nothing
    assert figure["layout"]["title"]["text"] == "A title"
    assert "Open markers" in figure["layout"]["annotations"][0]["text"]


def test_a_month_date_is_placed_mid_month_and_shown_as_the_month(rows):
    figure = plain(fr.timeline_figure(am.timeline(rows, ["TUN"]), ENGLISH))
    coe = figure["data"][4]
    assert coe["x"] == ["2017-07-16"]  # where the marker sits, not a date anyone reads
    hover = coe["hovertext"][0]
    assert "July 2017" in hover
    assert re.search(r"\d+ July 2017", hover) is None, "never a day the source does not give"
    assert "16" not in hover.replace("2016", "")


def test_hovers_quote_the_source_and_markers_carry_its_address(rows):
    figure = plain(fr.timeline_figure(am.timeline(rows, ["TUN"]), ENGLISH))
    law = figure["data"][1]
    hover = law["hovertext"][0]
    assert "<b>Specific anti-trafficking law</b> · Adopted" in hover
    assert "3 August 2016" in hover
    assert "“Words of the source on national-law”" in hover
    assert "Source: Page about TUN (Publisher &lt;TUN&gt;)" in hover  # escaped for the hover
    assert law["customdata"] == [
        ["https://example.org/TUN/2016-08-03", "TUN", "national-law", "2016-08-03"]
    ]


def test_countries_share_one_axis_in_the_order_given_first_on_top(rows):
    timeline = am.timeline(rows, ["TUN", "LBY"])
    figure = plain(fr.countries_timeline_figure(timeline, ["TUN", "LBY"], ENGLISH))
    assert figure["layout"]["yaxis"]["ticktext"] == ["Tunisia", "Libya"]
    assert figure["layout"]["yaxis"]["tickvals"] == [1, 0]
    by_name = {trace["name"]: trace for trace in figure["data"]}
    # Within a row each type has its place, so a law and a body of the same day stay apart.
    assert by_name["Trafficking in Persons Protocol"]["y"] == [0.8, 0.8, -0.2]  # TUN ×2, LBY
    assert by_name["Specific anti-trafficking law"]["y"] == [1.0]
    assert by_name["National coordination body"]["y"] == [1.1, 1.1]
    assert by_name["No specific law (status at the date)"]["marker"]["symbol"] == [
        "x-open",
        "x-open",
    ]


def test_the_gap_chart_draws_what_is_known_and_says_the_rest(rows):
    gaps = am.protocol_law_gaps(rows, ["TUN", "JOR", "LBY", "PSE"])
    figure = plain(fr.gap_figure(gaps, ENGLISH))
    bars = [trace for trace in figure["data"] if trace["type"] == "bar"]
    known, stated = bars
    assert (known["y"], known["base"], known["x"]) == (["Tunisia", "Jordan"], [2003, 2009], [13, 0])
    assert (stated["y"], stated["base"], stated["x"]) == (["Libya"], [2004], [18])
    assert stated["marker"]["pattern"]["shape"] == "/"  # at least this long
    labels = next(t for t in figure["data"] if t.get("mode") == "text")
    assert labels["text"] == [
        "13 years",
        "law first",
        "no specific law as of June 2022",
        "specific law not known",
    ]
    assert labels["y"] == ["Tunisia", "Jordan", "Libya", "Palestine"]
    markers = {t["name"]: t for t in figure["data"] if t.get("mode") == "markers"}
    assert markers["Specific law"]["y"] == ["Tunisia", "Jordan"]  # none drawn where not known
    assert markers["Became a party to the Protocol"]["x"] == [2003, 2009, 2004, 2017]
    assert "13 years after becoming a party" in known["hovertext"][0].replace("<br>", " ")


def test_the_map_colours_each_standing_from_the_apps_own_shapes(rows):
    parties = parties_in_year(rows, 2018, "palermo-protocol", countries=["MAR"])
    figure = plain(parties_map_figure(parties, "palermo-protocol", 2018, ENGLISH))
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert set(traces) == {
        "Party",
        "Party as of January 2014 (UN snapshot; later status not checked)",
        "Signatory, not a party as of January 2014 (UN snapshot)",
        "Not a party as of January 2014 (UN snapshot)",
    }
    assert traces["Party"]["locations"] == ["PSE"]
    assert traces["Not a party as of January 2014 (UN snapshot)"]["locations"] == ["MAR"]
    for trace in figure["data"]:
        assert (trace["type"], trace["locationmode"], trace["showscale"]) == (
            "choropleth",
            "ISO-3",
            False,
        )
    tun = traces["Party as of January 2014 (UN snapshot; later status not checked)"]
    hover = tun["hovertext"][tun["locations"].index("TUN")]
    assert "Ratification of the Trafficking in Persons Protocol: 14 July 2003" in hover
    assert "Signature: 13 December 2000" in hover
    text = json.dumps(figure)
    assert "http" not in text and "topojson" not in text.lower()  # no server named


def test_the_convergence_steps_count_what_is_known(rows):
    goals = ("palermo-protocol", "national-law", "coordination-body", "strategy-or-plan")
    counts = am.convergence(rows, ["TUN", "LBN"], goals, range(2015, 2019))
    figure = plain(fr.convergence_figure(counts, goals, ENGLISH))
    tunisia, lebanon, lebanon_possible = figure["data"]
    assert tunisia["line"]["shape"] == "hv"
    assert tunisia["y"] == [0.975, 2.975, 2.975, 3.975]  # 1, 3, 3, 4 lifted apart
    assert lebanon["y"] == [2.025] * 4
    assert lebanon_possible["y"] == [4.025] * 4  # if the two goals not known were reached
    assert lebanon_possible["line"]["dash"] == "dot"
    assert tunisia["hovertext"][1].startswith("<b>Tunisia</b> · 2016<br>3 of 4 milestones reached")
    assert "Not known: National coordination body and National strategy or action plan" in (
        lebanon["hovertext"][0].replace("<br>", " ")
    )
    assert figure["layout"]["yaxis"]["title"]["text"] == "Milestones reached (of 4)"


def test_every_word_of_the_figures_goes_through_the_catalogue(rows):
    gaps = am.protocol_law_gaps(rows, ["TUN", "JOR", "LBY", "PSE"])
    goals = ("palermo-protocol", "national-law", "coordination-body")
    figures = [
        fr.timeline_figure(am.timeline(rows, ["TUN", "LBY"]), PSEUDO),
        fr.countries_timeline_figure(am.timeline(rows, ["TUN", "LBY"]), ["TUN", "LBY"], PSEUDO),
        fr.gap_figure(gaps, PSEUDO),
        parties_map_figure(parties_in_year(rows, 2018), "palermo-protocol", 2018, PSEUDO),
        fr.convergence_figure(am.convergence(rows, ["TUN", "LBN"], goals, [2016]), goals, PSEUDO),
    ]
    for figure in map(plain, figures):
        layout = figure["layout"]
        words = [trace.get("name", "") for trace in figure["data"]]
        words += [a["text"] for a in layout.get("annotations", [])]
        axes = [layout.get(a, {}) for a in ("xaxis", "yaxis")]
        words += [axis["title"]["text"] for axis in axes if "title" in axis]
        for trace in figure["data"]:
            if trace["type"] != "scatter" or trace.get("customdata") is None:
                words += list(trace.get("hovertext", [])) + list(trace.get("text", []))
            else:  # a milestone's hover: its first two lines are ours, the rest the source's
                words += ["<br>".join(h.split("<br>")[:2]) for h in trace["hovertext"]]
        words += [str(t) for t in layout.get("yaxis", {}).get("ticktext", [])]
        for word in words:
            assert english_words(word) == [], word


def test_no_data_gives_a_message_not_an_error(rows):
    empty = rows.iloc[0:0]
    for figure in (
        fr.timeline_figure(am.timeline(empty, ["TUN"]), ENGLISH),
        fr.countries_timeline_figure(am.timeline(empty, ["TUN"]), ["TUN"], ENGLISH),
    ):
        assert plain(figure)["layout"]["annotations"][0]["text"] == (
            "No milestones are known for this selection."
        )
    none = plain(fr.countries_timeline_figure(am.timeline(rows, []), [], ENGLISH))
    assert none["layout"]["annotations"][0]["text"] == "Choose at least one country."
    assert plain(fr.gap_figure(am.protocol_law_gaps(rows, []), ENGLISH))["data"] == []


def test_the_chosen_marker_is_ringed_without_a_hover_of_its_own(rows):
    timeline = am.timeline(rows, ["TUN"])
    chosen = timeline[timeline["milestone"] == "coe-convention"]
    figure = plain(fr.timeline_figure(timeline, ENGLISH, chosen))
    ring = figure["data"][-1]
    assert ring["x"] == ["2017-07-16"] and ring["y"] == [
        "Council of Europe Convention (steps towards it)"
    ]
    assert ring["marker"]["symbol"] == "circle-open" and ring["hoverinfo"] == "skip"
    assert len(figure["data"]) == len(plain(fr.timeline_figure(timeline, ENGLISH))["data"]) + 1
