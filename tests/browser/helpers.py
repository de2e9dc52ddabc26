"""Small waits shared by the browser tests."""

from __future__ import annotations

import re


def wait_for_dash(page, timeout: float = 45_000) -> None:
    """Wait until Dash has rendered the page, has no callback in flight and every graph drew.

    A wait, not a budget (the benchmarks time pages): a page whose language's caches are still
    cold took over 20 s on a busy CI machine once.

    The page's content must be there first: while the browser evaluates its scripts (plotly.js
    among them) nothing is on the network, so "network idle" alone can come before Dash starts.
    And the Map view's first paint (web/first_paint.py) must have given way to Dash's page.
    """
    page.wait_for_function(
        """() => {
            const content = document.getElementById('_pages_content');
            return content && content.children.length > 0;
        }""",
        timeout=timeout,
    )
    page.wait_for_load_state("networkidle", timeout=timeout)
    page.wait_for_function(
        """() => !document.querySelector('[data-dash-is-loading="true"]')
                 && !document.getElementById('first-paint')
                 && Array.from(document.querySelectorAll('.dash-graph'))
                        .every(g => g.querySelector('.main-svg'))""",
        timeout=timeout,
    )
    page.wait_for_load_state("networkidle", timeout=timeout)


def figure_title(page, graph_id: str) -> str:
    return page.eval_on_selector(
        f"#{graph_id} .js-plotly-plot", "el => el.layout.title && el.layout.title.text"
    )


def assert_clean(page) -> None:
    """No console error, no request off the machine, no Content-Security-Policy violation."""
    assert page.watch.external_requests == [], page.watch.external_requests
    assert page.watch.console_errors == [], page.watch.console_errors
    assert page.watch.csp_violations == [], page.watch.csp_violations


def choose_measure(page, radio_id: str, measure: str) -> None:
    """Choose ``measure`` in a view's measure buttons and wait for the address to hold it."""
    page.locator(f"#{radio_id} input[value='{measure}']").check()
    page.wait_for_url(re.compile(f"measure={measure}"))
