"""The Data view in Chromium: the grid loads offline, follows its controls, is a link, and its
CSV download is byte for byte the command line's export of the same filter."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import parse_qs, urlparse

from dashboard import ids
from tests.browser.conftest import ROOT
from tests.browser.helpers import assert_clean, choose_measure, wait_for_dash

QUERY = "?kind=flows&measure=border-crossings&from=2016&to=2021&countries=TUN,MAR"


def settle(page) -> None:
    """Wait until the grid shows rows with data and no Dash callback is pending."""
    page.wait_for_selector(f"#{ids.DATA_TABLE} .ag-row")
    page.wait_for_load_state("networkidle")
    # Infinite row model: rows appear as empty placeholders before their block arrives.
    page.wait_for_function(
        """(grid) => {
            const cell = document.querySelector(`#${grid} .ag-row [col-id]`);
            return cell && cell.textContent.trim() !== '';
        }""",
        arg=ids.DATA_TABLE,
    )
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
        " && !(document.querySelector('#_dash-global-error-container') || {}).textContent"
    )


def grid_cells(page) -> dict:
    """The grid's paging summary and the cells of its first columns (always rendered)."""
    cells = {
        column: page.locator(f"#{ids.DATA_TABLE} .ag-row [col-id='{column}']").all_inner_texts()
        for column in ("iso3", "year", "indicator")
    }
    cells["paging"] = page.inner_text(f"#{ids.DATA_TABLE} .ag-paging-row-summary-panel")
    return cells


def headers(page) -> list[str]:
    return page.locator(f"#{ids.DATA_TABLE} .ag-header-cell-text").all_inner_texts()


def test_data_download_is_the_command_line_export(page, tmp_path):
    # Open the view with one measure, switch to the other: the file is the one shown now.
    page.goto(f"{page.base_url}/data{QUERY.replace('border-crossings', 'trafficking-victims')}")
    settle(page)
    choose_measure(page, ids.DATA_MEASURE, "border-crossings")
    settle(page)
    assert "origin" in headers(page)
    summary = page.inner_text(f"#{ids.DATA_SUMMARY}")
    assert "rows" in summary
    shown = parse_qs(urlparse(page.url).query)
    first, last = shown["from"][0], shown["to"][0]  # a new measure starts from all its years
    with page.expect_download() as info:
        page.click(f"#{ids.DATA_DOWNLOAD_BUTTON}")
    download = info.value
    assert download.suggested_filename == f"flows_border-crossings_{first}-{last}_tun-mar.csv"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    cli = subprocess.run(
        [
            *(sys.executable, "-m", "dashboard", "export", "flows"),
            *("--measure", "border-crossings", "--from", first, "--to", last),
            *("--countries", "TUN,MAR"),
        ],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    assert saved.read_bytes() == cli.stdout
    rows = cli.stdout.decode("utf-8-sig").count("\n") - 1
    assert f"{rows:,} rows" in summary
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_data_view_follows_controls_and_is_a_link(page):
    page.goto(f"{page.base_url}/data{QUERY}")
    settle(page)
    before = page.inner_text(f"#{ids.DATA_SUMMARY}")

    page.locator(f"#{ids.DATA_KIND} input[value='indicators']").check()
    page.wait_for_url(re.compile(r"kind=indicators"))
    page.wait_for_function(
        "selector => [...document.querySelectorAll(selector)].some(e => e.textContent === 'iso3')",
        arg=f"#{ids.DATA_TABLE} .ag-header-cell-text",
    )
    settle(page)
    summary = page.inner_text(f"#{ids.DATA_SUMMARY}")
    assert summary != before
    assert "export indicators --indicator detected-victims" in summary
    assert "value_low" in headers(page)
    assert "value_low" in page.inner_text(f"#{ids.DATA_DICTIONARY}")
    first_rows = grid_cells(page)

    address = page.url
    page.goto(address)
    settle(page)
    assert page.url == address
    assert page.locator(f"#{ids.DATA_KIND} input[value='indicators']").is_checked()
    assert page.inner_text(f"#{ids.DATA_SUMMARY}") == summary
    assert grid_cells(page) == first_rows
    assert first_rows["iso3"] and set(first_rows["iso3"]) <= {"TUN", "MAR"}
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_the_citation_column_is_filled_in_the_browser(page, dataset):
    # Rows travel without their (long, repeated) citation; the column computes it from source.
    page.goto(f"{page.base_url}/data{QUERY}")
    settle(page)
    citation = page.evaluate(
        """async (gridId) => {
            const api = await dash_ag_grid.getApiAsync(gridId);
            const row = api.getDisplayedRowAtIndex(0);
            return [row.data.source, api.getCellValue({rowNode: row, colKey: 'citation'})];
        }""",
        ids.DATA_TABLE,
    )
    assert citation == ["frontex", dataset.citation("frontex")]
    assert page.watch.external_requests == [] and page.watch.console_errors == []


def test_grid_reached_by_a_link_from_a_view_that_held_its_script_back(page):
    # The Map view's index holds AG Grid's script back until its first paint has drawn, and
    # runs it last (dashboard/serving.py): the grid must still draw when the Data view is
    # reached by the navigation, without a reload.
    page.goto(f"{page.base_url}/")
    wait_for_dash(page)
    held = page.evaluate(
        "() => [...document.getElementById('dash-scripts').content.children]"
        ".map(s => s.getAttribute('src'))"
    )
    assert "dash_ag_grid" in held[-1]
    assert page.evaluate("() => typeof window.dash_ag_grid") == "object"  # it has run
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("nav a[href^='/data']").first.click()
    settle(page)
    assert page.evaluate("() => window.__sameDocument === true")  # no reload happened
    assert_clean(page)
