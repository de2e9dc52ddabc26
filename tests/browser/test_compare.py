"""Compare view in headless Chromium: five panels, URL state both ways, notices."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

from tests.browser.helpers import assert_clean, figure_title, wait_for_dash

GRAPHS = (
    "compare-trends",
    "compare-similarity",
    "compare-overlap",
    "compare-convergence",
    "compare-institutions",
)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def figure_data(page, graph_id: str) -> str:
    return page.eval_on_selector(f"#{graph_id} .js-plotly-plot", "el => JSON.stringify(el.data)")


def test_compare_loads_five_panels_offline_with_no_errors(page):
    page.goto(page.base_url + "/compare")
    wait_for_dash(page)
    for graph in GRAPHS:
        assert page.locator(f"#{graph} .main-svg").count() > 0
    assert "Detected victims of trafficking" in figure_title(page, "compare-trends")
    readings = page.locator(".reading")
    assert readings.count() == 5 and all(r for r in readings.all_inner_texts())
    assert query(page)["countries"] == ["DZA,EGY,JOR,LBN,LBY,MAR,PSE,TUN"]
    assert page.locator(".source-note").count() == 5
    assert_clean(page)


def test_changing_the_indicator_changes_figure_and_url_and_reload_restores_it(page):
    page.goto(page.base_url + "/compare?countries=JOR,LBN,TUN&from=2010&to=2020")
    wait_for_dash(page)
    page.locator("#compare-indicator").click()
    page.get_by_role("option", name="Share of detected victims who are children").click()
    wait_for_dash(page)
    title = figure_title(page, "compare-trends")
    assert title.startswith("Share of detected victims who are children")
    assert query(page)["indicator"] == ["share-children"]
    assert query(page)["countries"] == ["JOR,LBN,TUN"]
    before = {graph: figure_data(page, graph) for graph in GRAPHS}
    page.goto(page.url)
    wait_for_dash(page)
    assert figure_title(page, "compare-trends") == title
    assert {graph: figure_data(page, graph) for graph in GRAPHS} == before
    assert_clean(page)


def test_invalid_url_values_show_notices_and_the_default(page):
    page.goto(page.base_url + "/compare?countries=TUN&indicator=bananas")
    wait_for_dash(page)
    notices = page.locator(".notice").all_inner_texts()
    assert any("indicator=bananas" in n for n in notices)
    assert any("Choose between 2 and 8 countries" in n for n in notices)
    assert "Detected victims of trafficking" in figure_title(page, "compare-trends")
    assert_clean(page)


def test_the_csv_downloads_are_the_panels_of_the_state_shown(page, tmp_path):
    page.goto(page.base_url + "/compare?countries=JOR,LBN&from=2015&to=2020")
    wait_for_dash(page)
    with page.expect_download() as info:
        page.locator("#compare-overlap-download-button").click()
    assert info.value.suggested_filename == (
        "compare_overlap_detected-victims_2015-2020_jor-lbn.csv"
    )
    # A control changed, then the trends panel's file: it holds the new indicator.
    page.locator("#compare-indicator").click()
    page.get_by_role("option", name="Share of detected victims who are children").click()
    page.wait_for_url("**indicator=share-children**")
    wait_for_dash(page)
    with page.expect_download() as info:
        page.locator("#compare-download-button").click()
    assert info.value.suggested_filename == ("compare_trends_share-children_2015-2020_jor-lbn.csv")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows and {row["indicator"] for row in rows} == {"share-children"}
    assert {row["iso3"] for row in rows} <= {"JOR", "LBN"}
    assert_clean(page)
