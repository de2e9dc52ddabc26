"""Reforms view in headless Chromium: four charts offline, the address both ways, a click on a
marker showing its source, and the CSV holding the milestones shown."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

from tests.browser.helpers import assert_clean, figure_title, wait_for_dash

GRAPHS = ("reforms-timeline", "reforms-side-by-side", "reforms-gaps", "reforms-map")
LAW_QUOTE = "Il est créé auprès du ministère de la justice"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def open_reforms(page, search: str = "") -> None:
    page.goto(page.base_url + "/reforms" + search)
    wait_for_dash(page)


def markers(page, graph_id: str) -> list[list[str]]:
    """Every marker's custom data (source address, country, type, date) in a timeline."""
    return page.eval_on_selector(
        f"#{graph_id} .js-plotly-plot",
        "el => el.data.flatMap(t => t.customdata || [])",
    )


def pick_country(page, name: str, code: str) -> None:
    """Choose the timeline's country, searched first (the long list is virtualised)."""
    page.locator("#reforms-country").click()
    page.locator(".dash-dropdown-search:visible").fill(name)
    page.get_by_role("option", name=f"{name} ({code})").click()
    page.wait_for_url(f"**country={code}*")
    wait_for_dash(page)


def test_the_view_opens_from_the_navigation_offline_with_no_errors(page):
    page.goto(page.base_url + "/")
    wait_for_dash(page)
    names = page.locator(".nav-link").all_inner_texts()
    assert names.index("Reforms") == names.index("Compare") + 1
    page.locator(".nav-link", has_text="Reforms").click()
    page.wait_for_url("**/reforms*country=TUN*")  # the view has written its state
    wait_for_dash(page)
    for graph in GRAPHS:
        assert page.locator(f"#{graph} .main-svg").count() > 0
    assert figure_title(page, "reforms-timeline") == "Tunisia: anti-trafficking milestones"
    readings = page.locator(".reading").all_inner_texts()
    assert len(readings) == 4 and all(readings)
    assert page.locator(".source-note").count() == 4
    assert query(page)["country"] == ["TUN"] and query(page)["treaty"] == ["palermo-protocol"]
    # The map's shapes are the app's own: no request left the machine (assert_clean).
    assert page.locator("#reforms-map .choroplethlayer path").count() > 100
    assert_clean(page)


def test_changing_the_country_and_the_maps_year_changes_the_address_and_reload_restores_it(page):
    open_reforms(page)
    pick_country(page, "Morocco", "MAR")
    assert figure_title(page, "reforms-timeline") == "Morocco: anti-trafficking milestones"
    assert {marker[1] for marker in markers(page, "reforms-timeline")} == {"MAR"}
    year = page.locator("#reforms-year input.dash-range-slider-max-input")
    year.fill("2010")
    year.press("Tab")
    page.wait_for_url("**year=2010*")
    wait_for_dash(page)
    assert figure_title(page, "reforms-map") == (
        "Parties to the Trafficking in Persons Protocol at the end of 2010"
    )
    assert query(page)["country"] == ["MAR"]  # the other parts keep their state
    reading = page.locator("#reforms-map-reading").inner_text()
    assert reading.startswith("At the end of 2010, ")
    page.goto(page.url)
    wait_for_dash(page)
    assert figure_title(page, "reforms-timeline") == "Morocco: anti-trafficking milestones"
    assert figure_title(page, "reforms-map").endswith("at the end of 2010")
    assert page.locator("#reforms-map-reading").inner_text() == reading
    assert_clean(page)


def test_a_click_on_a_marker_shows_its_quote_and_source_link_and_is_in_the_address(page):
    open_reforms(page, "?country=TUN")
    assert LAW_QUOTE not in page.locator("#reforms-detail").inner_text()
    law = page.eval_on_selector(
        "#reforms-timeline .js-plotly-plot",
        "el => el.data.findIndex(t => t.name === 'Specific anti-trafficking law')",
    )
    trace = page.locator("#reforms-timeline .scatterlayer .trace").nth(law)
    trace.locator(".points path").first.click(force=True)
    page.wait_for_url("**milestone=national-law_2016-08-03*")
    wait_for_dash(page)
    detail = page.locator("#reforms-detail")
    assert "3 August 2016 · Specific anti-trafficking law · Adopted" in detail.inner_text()
    assert LAW_QUOTE in detail.inner_text()
    assert detail.locator("a").get_attribute("href") == "http://www.inlctp.justice.gov.tn/?p=7580"
    page.goto(page.url)  # the chosen milestone is part of the view's address
    wait_for_dash(page)
    assert LAW_QUOTE in page.locator("#reforms-detail").inner_text()
    assert_clean(page)


def test_the_csv_holds_the_milestones_the_timeline_and_its_list_show(page, tmp_path):
    open_reforms(page, "?country=LBY")
    shown = {(marker[2], marker[3]) for marker in markers(page, "reforms-timeline")}
    listed = page.locator("#reforms-list li.milestone").evaluate_all(
        "items => items.map(li => li.dataset.milestone)"
    )
    assert {tuple(key.split("_")) for key in listed} == shown and len(listed) == 9
    with page.expect_download() as info:
        page.locator("#reforms-timeline-download-button").click()
    assert info.value.suggested_filename == "reforms_timeline_lby.csv"
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert {(row["milestone"], row["date"]) for row in rows} == shown
    assert len(rows) == len(listed)
    status = [row for row in rows if row["milestone"] == "no-specific-law"]
    assert {row["date_precision"] for row in status} == {"day", "month"}
    assert all(row["source_url"].startswith("http") and row["quote"] for row in rows)
    assert_clean(page)
