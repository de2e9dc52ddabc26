"""Presenter mode: present=1 hides navigation and controls, enlarges every figure's text for a
projector, keeps the view's state and source note, and Escape leaves it."""

from __future__ import annotations

import pytest

from dashboard.figures.theme import PRESENT_FONT_SIZE

#: Smallest computed font size (px) of the visible texts of the page's figures.
MIN_FIGURE_FONT = """() => Math.min(...[...document.querySelectorAll('.js-plotly-plot text')]
    .filter(e => e.textContent.trim())
    .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
#: Computed font size of the first axis tick and the first annotation (or null).
TICK_AND_ANNOTATION = """() => {
    const size = s => { const e = document.querySelector(s);
        return e ? parseFloat(getComputedStyle(e).fontSize) : null; };
    return [size('.js-plotly-plot .xtick text, .js-plotly-plot .cbaxis text'),
            size('.js-plotly-plot .annotation-text')];
}"""


def _visible(page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def _wait_for_font(page, size: float) -> None:
    page.wait_for_function(f"() => ({MIN_FIGURE_FONT})() >= {size}", timeout=60_000)


def test_present_hides_controls_and_enlarges_text(page):
    page.goto(f"{page.base_url}/?year=2016&present=1")
    page.wait_for_selector(".js-plotly-plot .cbaxis text")
    _wait_for_font(page, 20)
    assert not _visible(page, ".controls")
    assert not _visible(page, ".nav")
    # The source is in the projected figure itself (under its legend), not only beside it.
    assert not _visible(page, ".source-note")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')]"
        ".some(e => e.textContent.includes('UNODC') && e.textContent.includes('year=2016'))",
        timeout=20_000,
    )
    tick, _ = page.evaluate(TICK_AND_ANNOTATION)
    assert tick >= 20
    # The main figure fills the screen (16:9 at 1280×720).
    box = page.locator(".js-plotly-plot").first.bounding_box()
    assert box["width"] >= 1200 and box["height"] >= 600
    assert page.watch.console_errors == [] and page.watch.external_requests == []


def test_toggle_keeps_query_and_escape_restores(page):
    page.goto(f"{page.base_url}/compare?countries=TUN,MAR,EGY")
    page.wait_for_selector(".js-plotly-plot .xtick text")
    page.wait_for_timeout(500)
    normal = page.evaluate(MIN_FIGURE_FONT)
    assert normal < 20
    assert _visible(page, ".controls")

    page.click("#shell-present-toggle")
    _wait_for_font(page, 20)  # the source line under each figure: 20 px, the rest larger
    assert "countries=TUN,MAR,EGY" in page.url and "present=1" in page.url
    assert not _visible(page, ".controls") and not _visible(page, ".shell-header")
    tick, annotation = page.evaluate(TICK_AND_ANNOTATION)
    assert tick >= PRESENT_FONT_SIZE
    assert annotation is None or annotation >= 20

    page.keyboard.press("Escape")
    page.wait_for_function(f"() => ({MIN_FIGURE_FONT})() < 20", timeout=30_000)
    assert "present=1" not in page.url and "countries=TUN,MAR,EGY" in page.url
    assert _visible(page, ".controls") and _visible(page, ".nav")
    assert page.evaluate(MIN_FIGURE_FONT) == normal
    assert page.watch.console_errors == [] and page.watch.external_requests == []


def test_shell_keeps_present_when_the_view_writes_its_state(page):
    page.goto(f"{page.base_url}/flows?countries=TUN&top=5&present=1")
    page.wait_for_selector(".js-plotly-plot")
    # The view's callback has written its full state into the address: present=1 survived.
    page.wait_for_function("() => location.search.includes('measure=')", timeout=20_000)
    assert "present=1" in page.url and "top=5" in page.url
    _wait_for_font(page, 20)
    assert page.watch.console_errors == []


#: Counts the page's plotly relayouts and re-renders from now on (in window.__redraws).
COUNT_REDRAWS = """() => {
    window.__redraws = 0;
    for (const name of ["relayout", "react", "restyle"]) {
        const call = window.Plotly[name];
        window.Plotly[name] = function () {
            window.__redraws++;
            return call.apply(this, arguments);
        };
    }
}"""


#: True once the page has not redrawn for 1.5 s (kept in the page between polls).
AT_REST = """() => {
    const now = performance.now();
    if (window.__seen !== window.__redraws) {
        window.__seen = window.__redraws;
        window.__changed = now;
    }
    return now - window.__changed > 1500;
}"""


@pytest.mark.parametrize(
    "address",
    ["/", "/flows?countries=TUN", "/compare?countries=TUN,MAR,EGY", "/country/TUN", "/reforms"],
)
def test_present_mode_comes_to_rest(page, address):
    # Dash hands each relayout back as a new figure; enlarging that again must ask for nothing
    # new. It once asked anew each time (a doubled tick step), an endless, growing round of
    # redraws that froze a slow machine.
    page.goto(f"{page.base_url}{address}")
    page.wait_for_selector(".js-plotly-plot .main-svg")
    page.wait_for_timeout(500)
    page.evaluate(COUNT_REDRAWS)
    page.click("#shell-present-toggle")
    _wait_for_font(page, 20)
    page.wait_for_function(AT_REST, timeout=60_000, polling=250)
    # Enlarging a view's figures, their source lines and Dash's echoes: a few dozen redraws.
    assert page.evaluate("() => window.__redraws") < 100
