"""Country view in headless Chromium: sections, URL state both ways, unknown codes, picker."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

from tests.browser.helpers import assert_clean, figure_title, wait_for_dash


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_country(page) -> None:
    """The sections are drawn by a callback after the page: wait for them too."""
    wait_for_dash(page)
    page.wait_for_selector("#country-trends .main-svg", timeout=20_000)
    wait_for_dash(page)


def pick_country(page, name: str, code: str) -> None:
    """Choose a country in the view's picker, searched first: the long list is virtualised (a
    click in it can land on another option). The search box is filled, not typed at: the open
    list focuses the chosen country's option, which the search then removes."""
    page.locator("#country-select").click()
    page.locator(".dash-dropdown-search:visible").fill(name)  # the open list (a popover)
    page.get_by_role("option", name=f"{name} ({code})").click()
    page.wait_for_url(f"**/country/{code}*")
    wait_for_country(page)


def trends_x(page) -> list[int]:
    return page.eval_on_selector("#country-trends .js-plotly-plot", "el => el.data[0].x")


def test_country_view_loads_from_the_navigation_with_no_errors(page):
    page.goto(page.base_url + "/")
    wait_for_dash(page)
    page.locator(".nav-link", has_text="Country").click()
    page.wait_for_url("**/country/TUN*")
    wait_for_country(page)
    assert urlparse(page.url).path == "/country/TUN"
    assert "Tunisia" in page.locator("h1").first.inner_text()
    assert "Tunisia: trends" in figure_title(page, "country-trends")
    for graph in ("country-origins", "country-destinations", "country-grid", "country-context"):
        assert page.locator(f"#{graph} .main-svg").count() > 0
    assert page.get_by_text("Network position").count() == 1
    assert_clean(page)


def test_changing_the_years_changes_figure_and_url_and_reload_restores_it(page):
    page.goto(page.base_url + "/country/TUN")
    wait_for_country(page)
    assert trends_x(page)[0] == 2003
    start = page.locator("#country-years input.dash-range-slider-min-input")
    start.fill("2012")
    start.press("Tab")
    page.wait_for_function(
        """() => { const el = document.querySelector('#country-trends .js-plotly-plot');
                   return el && el.data[0].x[0] === 2012; }""",
        timeout=20_000,
    )
    wait_for_dash(page)
    assert trends_x(page)[0] == 2012
    assert query(page)["from"] == ["2012"]
    title = figure_title(page, "country-trends")
    assert "2012–2021" in title
    page.goto(page.url)
    wait_for_country(page)
    assert trends_x(page)[0] == 2012
    assert figure_title(page, "country-trends") == title
    assert_clean(page)


def test_an_unknown_code_shows_a_notice_and_a_picker_that_navigates(page):
    page.goto(page.base_url + "/country/XYZ")
    wait_for_dash(page)
    assert "There is no country with the code “XYZ”" in page.locator(".notice").inner_text()
    pick_country(page, "Morocco", "MAR")
    assert "Morocco" in page.locator("h1").first.inner_text()
    assert_clean(page)


def test_the_picker_opens_another_country_with_the_same_years(page):
    page.goto(page.base_url + "/country/TUN?from=2012")
    wait_for_country(page)
    # The view writes its whole state into the address first (to=2021 added); a history
    # update landing after the choice would cancel the navigation the choice starts.
    page.wait_for_url("**to=2021*")
    pick_country(page, "Morocco", "MAR")
    assert "Morocco" in page.locator("h1").first.inner_text()
    assert query(page)["from"] == ["2012"]
    assert trends_x(page)[0] == 2012
    page.go_back()
    wait_for_country(page)
    assert "Tunisia" in page.locator("h1").first.inner_text()
    assert_clean(page)


def test_an_invalid_year_shows_a_notice(page):
    page.goto(page.base_url + "/country/TUN?from=abc")
    wait_for_country(page)
    assert "Ignored from=abc" in page.locator(".notice").first.inner_text()
    assert trends_x(page)[0] == 2003
    assert_clean(page)


def test_every_country_chart_saves_as_svg(page):
    page.goto(page.base_url + "/country/JOR")
    page.wait_for_selector("[data-image-for]", timeout=30_000)
    buttons = page.locator("[data-image-for][data-format='svg']")
    graphs = page.locator(".dash-graph")
    assert buttons.count() == graphs.count() > 0
    assert page.locator("[data-image-for][data-format='png']").count() == graphs.count()
    first = buttons.first.get_attribute("data-image-for")
    page.wait_for_selector(f"#{first} .main-svg", timeout=30_000)
    with page.expect_download(timeout=30_000) as download:
        buttons.first.click()
    assert download.value.suggested_filename.startswith("country_jor_")
    assert download.value.suggested_filename.endswith(".svg")


def saved_rows(download, folder) -> list[dict]:
    saved = folder / download.suggested_filename
    download.save_as(saved)
    return list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))


def test_the_csv_downloads_are_the_country_and_years_shown(page, tmp_path):
    page.goto(page.base_url + "/country/TUN")
    wait_for_country(page)
    start = page.locator("#country-years input.dash-range-slider-min-input")
    start.fill("2012")
    start.press("Tab")
    page.wait_for_url("**from=2012**")
    wait_for_dash(page)
    with page.expect_download() as info:
        page.click("#country-download-button")
    assert info.value.suggested_filename == "indicators_all-indicators_2012-2021_tun.csv"
    rows = saved_rows(info.value, tmp_path)
    assert rows and {row["iso3"] for row in rows} == {"TUN"}
    assert min(int(row["year"]) for row in rows) >= 2012

    # Another country's page: its own files.
    page.goto(page.base_url + "/country/MAR?from=2015")
    wait_for_country(page)
    with page.expect_download() as info:
        page.click("#country-flows-download-button")
    assert info.value.suggested_filename == "flows_trafficking-victims_2015-2021_mar.csv"
    rows = saved_rows(info.value, tmp_path)
    assert rows and all("MAR" in (row["origin"], row["destination"]) for row in rows)
    assert_clean(page)
