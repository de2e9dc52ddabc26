"""The Flows view in Chromium: loads offline and cleanly, follows its controls, is a link."""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlparse

from dashboard import ids
from tests.browser.helpers import choose_measure

GRAPH = f"#{ids.FLOWS_GRAPH} .js-plotly-plot"


def settle(page) -> None:
    """Wait until Dash has drawn the figure and no callback is pending."""
    page.wait_for_selector(GRAPH)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"]')"
        " && !(document.querySelector('#_dash-global-error-container') || {}).textContent"
    )


def sankey_data(page) -> dict:
    return page.evaluate(
        """selector => {
            const trace = document.querySelector(selector).data[0] || {};
            if (!trace.node) { return {labels: [], values: [], hover: []}; }
            return {labels: trace.node.label, values: trace.link.value,
                    hover: trace.link.customdata.map(row => row[1])};
        }""",
        GRAPH,
    )


def test_flows_view_loads_cleanly_follows_controls_and_is_a_link(page):
    page.goto(f"{page.base_url}/flows")
    settle(page)
    page.wait_for_url(re.compile(r"measure=trafficking-victims.*countries=DZA,EGY"))
    first = sankey_data(page)
    assert first["labels"] and first["values"]
    assert any("–" in text for text in first["hover"]), "suppressed counts show as ranges"
    assert "detected victims" in page.inner_text(f"#{ids.FLOWS_SUMMARY}")

    choose_measure(page, ids.FLOWS_MEASURE, "border-crossings")
    settle(page)
    page.wait_for_function(
        "([selector, before]) => "
        "JSON.stringify(document.querySelector(selector).data[0].node.label) !== before",
        arg=[GRAPH, json.dumps(first["labels"])],
    )
    crossings = sankey_data(page)
    assert crossings["labels"] != first["labels"]
    summary = page.inner_text(f"#{ids.FLOWS_SUMMARY}")
    assert "migration context, not trafficking" in summary
    assert "counts crossings, not persons" in summary
    assert "Frontex" in page.inner_text(f"#{ids.FLOWS_SOURCE}")

    address = page.url
    page.goto(address)
    settle(page)
    assert page.url == address
    assert page.locator(f"#{ids.FLOWS_MEASURE} input[value='border-crossings']").is_checked()
    assert sankey_data(page) == crossings
    assert page.inner_text(f"#{ids.FLOWS_SUMMARY}") == summary

    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_flows_view_reports_bad_address_values(page):
    page.goto(f"{page.base_url}/flows?countries=XXX&top=7")
    settle(page)
    notices = page.inner_text(".notices")
    assert "Ignored countries=XXX" in notices
    assert "Ignored top=7" in notices
    assert sankey_data(page)["labels"]
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []


def test_the_csv_download_is_the_measure_and_years_shown(page, tmp_path):
    page.goto(f"{page.base_url}/flows?countries=TUN,MAR&from=2015&to=2020")
    settle(page)
    choose_measure(page, ids.FLOWS_MEASURE, "border-crossings")
    settle(page)
    shown = parse_qs(urlparse(page.url).query)
    first, last = shown["from"][0], shown["to"][0]  # a new measure starts from all its years
    with page.expect_download() as info:
        page.click(f"#{ids.FLOWS_DOWNLOAD_BUTTON}")
    name = info.value.suggested_filename
    assert name == f"flows_border-crossings_{first}-{last}_tun-mar.csv"
    saved = tmp_path / name
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    assert rows and {row["measure"] for row in rows} == {"border-crossings"}
    assert {row["year"] for row in rows} <= {str(y) for y in range(int(first), int(last) + 1)}

    # No country: nothing to download, so the link is disabled (not a file of other countries).
    page.click(f"#{ids.FLOWS_COUNTRIES} .dash-dropdown-clear")
    page.wait_for_selector(f"#{ids.FLOWS_DOWNLOAD_BUTTON}.disabled")
    assert page.watch.console_errors == []
    assert page.watch.external_requests == []
