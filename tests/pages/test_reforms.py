"""The Reforms view's layout and callbacks (by output name), Compare's fifth panel and the
Country view's milestones, called directly on the bundled data."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from dashboard import ids
from dashboard.app import app
from dashboard.pages import compare as compare_page
from dashboard.pages import country as country_page
from dashboard.pages import reforms as page
from tests.pages.layout_tree import find, text_of

FOCUS = ["DZA", "EGY", "JOR", "LBN", "LBY", "MAR", "PSE", "TUN"]
LAW = {"country": "TUN", "milestone": "national-law_2016-08-03"}


@pytest.fixture(autouse=True)
def request_context():
    with app.server.test_request_context():
        yield


def plain(figure) -> dict:
    return figure if isinstance(figure, dict) else figure.to_dict()


def query_of(out: dict) -> dict:
    return dict(parse_qsl(out["query"].lstrip("?")))


def controls(country="TUN", chosen=None, countries=FOCUS, treaty="palermo-protocol", year=2023):
    return {
        "country": country,
        "chosen": chosen,
        "countries": countries,
        "treaty": treaty,
        "year": year,
    }


# Layout --------------------------------------------------------------------------------------


def test_the_layout_starts_from_the_datas_defaults():
    layout = page.layout()
    assert find(layout, ids.REFORMS_COUNTRY).value == "TUN"
    assert find(layout, ids.REFORMS_COUNTRIES).value == FOCUS
    assert find(layout, ids.REFORMS_TREATY).value == "palermo-protocol"
    slider = find(layout, ids.REFORMS_YEAR)
    assert (slider.min, slider.max, slider.value) == (2000, 2023, 2023)
    assert find(layout, ids.REFORMS_CHOSEN).data == {"country": "TUN", "milestone": None}
    assert "never drawn or counted as “not adopted”" in text_of(layout)
    assert "Ignored" not in text_of(layout)  # no notice
    # Every chart's card has its CSV link, with the view's query.
    for link_id in (ids.REFORMS_TIMELINE_DOWNLOAD_BUTTON, ids.REFORMS_MAP_DOWNLOAD_BUTTON):
        link = find(layout, link_id)
        assert link.href.startswith("/download/reforms/") and "country=TUN" in link.href


def test_a_pasted_address_restores_every_control():
    layout = page.layout(
        country="lby", milestone="no-specific-law_2022-06", countries="TUN,MAR", treaty="untoc",
        year="2010",
    )  # fmt: skip
    assert find(layout, ids.REFORMS_COUNTRY).value == "LBY"
    assert find(layout, ids.REFORMS_COUNTRIES).value == ["TUN", "MAR"]
    assert find(layout, ids.REFORMS_TREATY).value == "untoc"
    assert find(layout, ids.REFORMS_YEAR).value == 2010
    assert find(layout, ids.REFORMS_CHOSEN).data == {
        "country": "LBY",
        "milestone": "no-specific-law_2022-06",
    }


def test_bad_values_in_the_address_give_notices_not_errors():
    layout = page.layout(country="XYZ", treaty="x", year="1890", milestone="national-law_2099")
    said = text_of(layout)
    for key in ("country=XYZ", "treaty=x", "year=1890"):
        assert f"Ignored {key}" in said
    assert "TUN has no milestone national-law_2099" in said
    assert find(layout, ids.REFORMS_COUNTRY).value == "TUN"


def test_the_pickers_list_the_countries_with_milestones():
    layout = page.layout()
    options = find(layout, ids.REFORMS_COUNTRY).options
    codes = {option["value"] for option in options}
    assert {"TUN", "FRA", "PSE"} <= codes and "ABW" not in codes  # Aruba: no milestone
    assert {o["value"] for o in options[:8]} == set(FOCUS)  # the focus countries first


# The timeline --------------------------------------------------------------------------------


def test_the_timeline_callback_draws_reads_lists_and_writes_the_query():
    out = page.update_timeline(**controls(chosen=LAW))
    figure = plain(out["figure"])
    assert figure["layout"]["title"]["text"] == "Tunisia: anti-trafficking milestones"
    names = [trace.get("name") for trace in figure["data"]]
    assert "Specific anti-trafficking law" in names and "National coordination body" in names
    ring = figure["data"][-1]  # the chosen marker, ringed
    assert ring["y"] == ["Specific anti-trafficking law"] and ring["hoverinfo"] == "skip"
    assert out["reading"].startswith("13 dated milestones of Tunisia are in the data (2000–2019).")
    assert "13 years after becoming a party" in out["reading"]
    detail = text_of(out["detail"])
    assert "3 August 2016 · Specific anti-trafficking law · Adopted" in detail
    assert "Il est créé auprès du ministère de la justice" in detail  # the source's own words
    assert "http://www.inlctp.justice.gov.tn/?p=7580" in str(out["detail"])
    items = out["list"].children[1].children
    assert len(items) == 13
    assert [item.className for item in items].count("milestone chosen") == 1
    assert "Sources and licences" in text_of(out["source"])
    assert query_of(out) == {
        "countries": ",".join(FOCUS),
        "year": "2023",
        "country": "TUN",
        "treaty": "palermo-protocol",
        "milestone": "national-law_2016-08-03",
        "lang": "en",
    }
    assert out["config"]["toImageButtonOptions"]["filename"] == "reforms_timeline_tun"


def test_without_a_chosen_marker_the_detail_says_how_to_choose_one():
    out = page.update_timeline(**controls())
    assert text_of(out["detail"]) == (
        "Click a marker to read its source's own words and open the source here."
    )
    assert "milestone" not in query_of(out)


def test_a_marker_chosen_for_another_country_is_not_shown():
    out = page.update_timeline(**controls(country="MAR", chosen=LAW))
    assert "milestone" not in query_of(out) and query_of(out)["country"] == "MAR"
    assert "Click a marker" in text_of(out["detail"])


def test_a_country_known_only_from_the_un_snapshot_says_so():
    out = page.update_timeline(**controls(country="FRA"))
    assert (
        "All come from the UN treaty snapshots of January 2014 and July 2014: its national laws, "
        "coordination bodies and plans are not known."
    ) in out["reading"]
    assert "whether it has a specific anti-trafficking law is not known" in out["reading"]


def test_a_click_on_a_marker_chooses_it_and_its_country():
    click = {
        "points": [{"customdata": ["https://example.org", "LBY", "no-specific-law", "2022-06"]}]
    }
    expected = ({"country": "LBY", "milestone": "no-specific-law_2022-06"}, "LBY")
    assert page.choose_on_timeline(click) == expected
    assert page.choose_on_countries(click) == expected
    nothing = page.choose_on_timeline({"points": [{"x": 1}]})
    assert all(value is page.dash.no_update for value in nothing)


# Countries side by side ----------------------------------------------------------------------


def test_the_countries_callback_draws_both_charts_with_their_readings():
    out = page.update_countries(**controls(countries=["TUN", "LBY", "PSE"]))
    side = plain(out["side_figure"])
    assert side["layout"]["yaxis"]["ticktext"] == ["Tunisia", "Libya", "Palestine"]
    assert out["side_reading"].startswith("By 2023, all 3 countries were parties")
    assert "Libya: no specific law as of June 2022" in out["side_reading"]
    assert "Palestine: not known" in out["side_reading"]
    gaps = plain(out["gaps_figure"])
    labels = next(trace for trace in gaps["data"] if trace.get("mode") == "text")["text"]
    assert labels == ["13 years", "no specific law as of June 2022", "specific law not known"]
    assert out["gaps_reading"] == (
        "In 1 country the specific law came 13 years after the Protocol. For 2 countries one of "
        "the two dates is not known."
    )
    assert "Years are counted between calendar years" in text_of(out["gaps_source"])
    assert out["message"] == []
    assert query_of(out)["countries"] == "TUN,LBY,PSE"


def test_no_country_or_too_many_give_a_notice():
    empty = page.update_countries(**controls(countries=[]))
    assert "Choose at least one country" in text_of(empty["message"])
    assert query_of(empty)["countries"] == ",".join(FOCUS)
    many = [*FOCUS, "FRA", "ITA", "NGA", "SYR", "ERI"]
    out = page.update_countries(**controls(countries=many))
    assert "At most 12 countries can be chosen" in text_of(out["message"])
    assert len(query_of(out)["countries"].split(",")) == 12


# The map -------------------------------------------------------------------------------------


def test_the_map_callback_colours_the_parties_of_the_year_from_local_shapes():
    out = page.update_map(**controls(treaty="untoc", year=2005))
    figure = plain(out["figure"])
    assert figure["layout"]["title"]["text"] == (
        "Parties to the UN Convention against Transnational Organized Crime at the end of 2005"
    )
    assert {trace["type"] for trace in figure["data"]} == {"choropleth"}
    assert out["config"]["topojsonURL"] == "/assets/topojson/"
    assert out["reading"].startswith("At the end of 2005, ")
    assert "Countries the UN snapshot does not list are left blank" in text_of(out["source"])
    assert query_of(out)["treaty"] == "untoc" and query_of(out)["year"] == "2005"


def test_after_the_snapshot_the_map_says_what_is_known_only_from_it():
    out = page.update_map(**controls(year=2020))
    assert "known as parties only from the UN snapshot of January 2014" in out["reading"]
    names = {trace["name"] for trace in plain(out["figure"])["data"]}
    assert "Party as of January 2014 (UN snapshot; later status not checked)" in names


# Compare's fifth panel and the Country view ----------------------------------------------------


def test_compare_draws_institutional_convergence_with_a_reading():
    out = compare_page.update_compare(
        countries=["TUN", "JOR"], indicator="detected-victims", years=[2010, 2020]
    )
    figure = plain(out["institutions_figure"])
    assert figure["layout"]["title"]["text"] == "Anti-trafficking milestones reached by each year"
    assert [trace["name"] for trace in figure["data"] if trace.get("showlegend", True)] == [
        "Tunisia",
        "Jordan",
    ]
    assert out["institutions_reading"] == (
        "By 2016, both countries had a specific anti-trafficking law and a national coordination "
        "body; Tunisia was the last to have both."
    )
    note = text_of(out["institutions_source"])
    assert "not known is never counted as not adopted" in note and "to 2023" in note
    assert out["institutions_config"]["toImageButtonOptions"]["filename"] == (
        "compare_institutions_tun-jor"
    )


def test_compare_says_what_is_not_known_instead_of_a_year():
    out = compare_page.update_compare(countries=FOCUS, indicator="detected-victims", years=None)
    reading = out["institutions_reading"]
    assert reading.startswith("It is not known whether all 8 countries had")
    assert "Lebanon (a national coordination body not known)" in reading


def test_the_country_view_lists_its_milestones_with_their_sources():
    layout = country_page.layout(iso3="JOR")
    section = find(layout, ids.COUNTRY_MILESTONES)
    assert len(section.children) == 7  # six curated milestones and the UN's signature
    said = text_of(section)
    assert "1 March 2009 · Specific anti-trafficking law · Adopted" in said
    assert "2009 · National coordination body · Adopted" in said  # a year, never a day
    link = find(layout, ids.COUNTRY_MILESTONES_DOWNLOAD_BUTTON)
    assert link.href.startswith("/download/country/milestones.csv?") and "country=JOR" in link.href
    assert "/reforms?country=JOR" in str(layout)


def test_a_country_without_milestones_says_they_are_not_known():
    layout = country_page.layout(iso3="ABW")
    assert "No milestone of Aruba is in the data" in text_of(layout)
