"""The Flows view in Chromium: loads offline and cleanly, follows its controls, is a link."""

from __future__ import annotations

import json
import re

from dashboard import ids

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

    page.locator(f"#{ids.FLOWS_MEASURE} input[value='border-crossings']").check()
    page.wait_for_url(re.compile(r"measure=border-crossings"))
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
