"""The Content-Security-Policy in the browser: every view, and what runs in the browser (the
clientside callbacks, the grid's citation column, plotly's exports, the story player), works
under it with no violation.

Every browser test fails on a violation (see conftest.py); these tests make sure each view and
each interaction is exercised at least once, and that the guard itself sees violations.
"""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.stories import Slide, Story, story_link
from tests.browser.helpers import assert_clean, figure_title, wait_for_dash

VIEWS = ["/", "/flows", "/compare", "/country/TUN", "/data", "/sources", "/story", "/no/such/view"]


def _received(page, count: int = 1) -> None:
    """Wait until at least ``count`` violations reached the test."""
    for _ in range(50):
        if len(page.watch.csp_violations) >= count:
            return
        page.wait_for_timeout(100)


@pytest.mark.parametrize("path", VIEWS)
def test_every_view_has_the_policy_and_keeps_to_it(page, path):
    response = page.goto(page.base_url + path)
    policy = response.headers["content-security-policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert script_src.startswith("script-src 'self' 'sha256-")
    assert "unsafe" not in script_src
    assert response.headers["x-content-type-options"] == "nosniff"
    wait_for_dash(page)
    assert_clean(page)


def test_map_play_and_both_exports_keep_to_the_policy(page):
    page.goto(page.base_url + "/?year=2010")
    wait_for_dash(page)
    # Play: a clientside callback steps the year on each tick, another toggles the button.
    page.click(f"#{ids.MAP_PLAY}")
    page.wait_for_function(
        "(id) => !document.getElementById(id).textContent.includes('Play')", arg=ids.MAP_PLAY
    )
    page.wait_for_function(
        "(id) => !document.querySelector(`#${id} .gtitle`).textContent.endsWith('2010')",
        arg=ids.MAP_GRAPH,
        timeout=20_000,
    )
    page.click(f"#{ids.MAP_PLAY}")
    wait_for_dash(page)
    assert not figure_title(page, ids.MAP_GRAPH).endswith("2010")
    # SVG and PNG (drawn through an image), each with its source line.
    with page.expect_download() as svg:
        page.click(f"[data-image-for='{ids.MAP_GRAPH}'][data-format='svg']")
    assert svg.value.suggested_filename.endswith(".svg")
    with page.expect_download() as png:
        page.click(f"[data-image-for='{ids.MAP_GRAPH}'][data-format='png']")
    assert png.value.suggested_filename.endswith(".png")
    assert_clean(page)


def test_the_grid_computes_its_citation_column_under_the_policy(page, dataset):
    # The column is a dash-ag-grid {"function": ...}: parsed and interpreted by the grid, no eval.
    page.goto(f"{page.base_url}/data?kind=flows&measure=border-crossings&countries=TUN")
    page.wait_for_selector(f"#{ids.DATA_TABLE} .ag-row")
    wait_for_dash(page)
    citation = page.evaluate(
        """async (gridId) => {
            const api = await dash_ag_grid.getApiAsync(gridId);
            const row = api.getDisplayedRowAtIndex(0);
            return api.getCellValue({rowNode: row, colKey: 'citation'});
        }""",
        ids.DATA_TABLE,
    )
    assert citation == dataset.citation("frontex")
    # A new selection: the clientside callback sends the grid back to its first block.
    page.locator(f"#{ids.DATA_MEASURE} input[value='trafficking-victims']").check()
    page.wait_for_url("**measure=trafficking-victims**")
    wait_for_dash(page)
    assert_clean(page)


def test_the_story_player_and_export_keep_to_the_policy(page):
    story = Story(
        "Policy",
        (
            Slide("/", "?year=2016", "The map", "First."),
            Slide("/country/TUN", "", "Tunisia", "Second."),
        ),
    )
    page.goto(page.base_url + story_link(story))
    page.wait_for_selector(".story-slide")
    page.click(f"#{ids.STORY_PLAY}")
    for index in range(len(story.slides)):
        page.wait_for_function(
            f"() => document.querySelector('.story-player')?.dataset.slide === '{index}'"
        )
        frame = page.frame_locator(".story-frame")
        frame.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
        page.keyboard.press("ArrowRight")
    # → on the last slide changes nothing (the slide stays, not reloaded); Escape closes.
    page.wait_for_function("() => document.querySelector('.story-player')?.dataset.slide === '1'")
    page.keyboard.press("Escape")
    page.wait_for_selector(".story-player", state="detached")
    with page.expect_download(timeout=60_000) as download:
        page.click(f"#{ids.STORY_EXPORT}")
    assert download.value.suggested_filename == "story_policy.html"
    assert_clean(page)


def test_the_guard_sees_what_the_policy_blocks(page):
    """eval and an injected inline script are refused, and each refusal reaches the test."""
    page.goto(page.base_url + "/sources")
    wait_for_dash(page)
    # From a task of the page's own (code that Playwright evaluates directly may use eval).
    page.evaluate(
        """() => setTimeout(() => {
            try { eval('1 + 1'); window.evalOutcome = 'ran'; }
            catch (error) { window.evalOutcome = error.name; }
        })"""
    )
    page.wait_for_function("() => window.evalOutcome !== undefined")
    assert page.evaluate("() => window.evalOutcome") == "EvalError"
    page.evaluate(
        """() => {
            const script = document.createElement('script');
            script.textContent = 'window.injected = true';
            document.head.append(script);
        }"""
    )
    _received(page, 2)
    assert page.evaluate("() => window.injected") is None
    seen = "\n".join(page.watch.csp_violations)
    assert "script-src eval" in seen and "script-src-elem inline" in seen
    # Both were this test's own doing: the page itself broke nothing.
    page.watch.csp_violations.clear()
    page.watch.console_errors.clear()
