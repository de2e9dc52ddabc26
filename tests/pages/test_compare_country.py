"""The Compare and Country views' layouts and callbacks, called directly on the bundled data."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from dashboard import ids
from dashboard.app import app
from dashboard.pages import compare as compare_page
from dashboard.pages import country as country_page
from dashboard.schemas import FOCUS_COUNTRIES
from tests.pages.layout_tree import find, text_of

FOCUS = list(FOCUS_COUNTRIES)


@pytest.fixture(autouse=True)
def request_context():
    with app.server.test_request_context():
        yield


# Compare ------------------------------------------------------------------------------------


def test_compare_defaults_to_the_focus_countries():
    page = compare_page.layout()
    assert find(page, ids.COMPARE_COUNTRIES).value == FOCUS
    assert find(page, ids.COMPARE_INDICATOR).value == "detected-victims"
    assert ".notice" not in text_of(page)


@pytest.mark.parametrize("countries", ["TUN", "TUN,MAR,EGY,JOR,LBN,DZA,LBY,PSE,ITA"])
def test_compare_too_few_or_too_many_countries_give_a_notice_and_the_default(countries):
    page = compare_page.layout(countries=countries)
    assert "Choose between 2 and 8 countries" in text_of(page)
    assert find(page, ids.COMPARE_COUNTRIES).value == FOCUS


def test_compare_url_restores_controls():
    page = compare_page.layout(countries="tun,mar", indicator="share-children", **{"from": "2010"})
    assert find(page, ids.COMPARE_COUNTRIES).value == ["TUN", "MAR"]
    assert find(page, ids.COMPARE_INDICATOR).value == "share-children"
    assert find(page, ids.COMPARE_YEARS).value[0] == 2010


PANELS = ("trends", "similarity", "overlap", "convergence")


def update_compare(countries, indicator, years):
    return compare_page.update_compare(countries=countries, indicator=indicator, years=years)


def test_compare_callback_returns_four_figures_readings_and_the_query():
    out = update_compare(["TUN", "MAR", "EGY"], "share-children", [2010, 2020])
    figures = [out[f"{panel}_figure"] for panel in PANELS]
    readings = [out[f"{panel}_reading"] for panel in PANELS]
    query = out["query"]
    assert all(len(f.data) <= 30 for f in figures)
    assert all(isinstance(r, str) and r for r in readings)
    assert dict(parse_qsl(query.lstrip("?"))) == {
        "countries": "TUN,MAR,EGY",
        "indicator": "share-children",
        "from": "2010",
        "to": "2020",
        "lang": "en",
    }
    assert figures[0].layout.title.text.startswith("Share of detected victims who are children")
    assert out["message"] == []  # no message


def test_compare_callback_with_one_country_says_so_and_draws_the_default():
    out = update_compare(["TUN"], "detected-victims", [2003, 2021])
    assert "Choose between 2 and 8 countries" in text_of(out["message"][0])
    assert "countries=DZA,EGY" in out["query"]


# Country ------------------------------------------------------------------------------------


def test_country_layout_for_a_known_and_an_unknown_code():
    page = country_page.layout(iso3="tun")
    assert find(page, ids.COUNTRY_CODE).data == "TUN"
    assert find(page, ids.COUNTRY_SELECT).value == "TUN"
    missing = country_page.layout(iso3="XYZ")
    assert "There is no country with the code “XYZ”" in text_of(missing)
    assert find(missing, ids.COUNTRY_SELECT).value is None
    assert find(missing, ids.COUNTRY_YEARS) is None


def test_country_bad_years_give_a_notice():
    page = country_page.layout(iso3="TUN", **{"from": "abc"})
    assert "Ignored from=abc" in text_of(page)


def test_country_callback_builds_every_section():
    out = country_page.update_country(years=[2010, 2021], code="TUN")
    body, query = out["content"], out["query"]
    assert query == "?from=2010&to=2021&lang=en"
    text = text_of(body)
    for heading in ("Trends", "Main origins", "Network position", "Years reported", "Context"):
        assert heading in text
    assert "not trafficking" in text
    graphs = [find(body, i) for i in (ids.COUNTRY_TRENDS, ids.COUNTRY_ORIGINS, ids.COUNTRY_GRID)]
    assert all(g is not None and len(g.figure.data) <= 30 for g in graphs)


def test_country_without_any_data_shows_messages_not_errors():
    body = country_page.update_country(years=[2003, 2021], code="LBY")["content"]
    assert "never reported" in text_of(body)
