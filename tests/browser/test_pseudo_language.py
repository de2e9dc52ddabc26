"""In the pseudo-language (``lang=qps``, which marks every catalogue message ⟦…⟧), the browser
shows no word without its mark: the pages, the figures, the menus, the grid's own words, the
story player and the notices all come through the text layer in the page's language.

What is not a message is left out, as the server-side test leaves it out
(``tests/text/visible.py``): codes, numbers and addresses, text marked as another language
(the language menu's names, citations), code (``<code>``) and the grid's column headers, which
are the CSV's column names (the data dictionary and the headers' tooltips say what they mean),
and its cells, which are the rows' values as the CSV holds them.
"""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.stories import Slide, Story
from tests.browser.helpers import assert_clean, wait_for_dash
from tests.text.test_pseudo_language import outside_marks
from tests.text.visible import words

#: Every string ``root`` (a selector) shows or names: visible text nodes (HTML and SVG), and
#: the titles, labels and placeholders of its elements. Skips what is not a message.
SHOWN = """(root) => {
    const skip = el => {
        const marked = el.closest('[lang]');
        return (marked && marked.getAttribute('lang') !== 'qps')
            || el.closest('code, script, style, .ag-header-cell-text, .ag-cell, [hidden]');
    };
    const visible = el => el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden';
    const found = [];
    document.querySelectorAll(root).forEach(top => {
        const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (el && node.textContent.trim() && !skip(el) && visible(el)) {
                found.push(['text', node.textContent]);
            }
        }
        const named = '[title], [aria-label], [placeholder], [data-title]';
        [top, ...top.querySelectorAll(named)].forEach(el => {
            if (!el.matches || !el.matches(named) || skip(el)) { return; }
            for (const name of ['title', 'aria-label', 'placeholder', 'data-title']) {
                const value = el.getAttribute(name);
                if (value && value.trim()) { found.push([name, value]); }
            }
        });
    });
    return found;
}"""
VIEWS = [
    "/",
    "/?lines=0&incidents=1",
    "/flows?countries=TUN,MAR&top=999",  # a notice about top=999
    "/flows?measure=border-crossings&countries=TUN",
    "/compare?countries=TUN,MAR,EGY",
    "/country/TUN",
    "/country/XYZ",  # not found
    "/data?countries=TUN,MAR",
    "/data?kind=indicators&countries=TUN",
    "/sources",
    "/story",
    "/no-such-page",
]
STORY = Story("", (Slide("/flows", "?countries=TUN"), Slide("/compare", "?countries=TUN,MAR")))


def unmarked(page, root: str = "body") -> list[tuple[str, str]]:
    """What ``root`` shows that has words outside every ⟦…⟧ mark."""
    return [
        (kind, shown[:100])
        for kind, shown in page.evaluate(SHOWN, root)
        if words(outside_marks(shown))
    ]


def open_pseudo(page, path: str) -> None:
    separator = "&" if "?" in path else "?"
    page.goto(f"{page.base_url}{path}{separator}lang=qps")
    wait_for_dash(page)


@pytest.mark.parametrize("path", VIEWS)
def test_every_word_of_every_view_is_marked(page, path):
    if path == "/story":
        page.goto(f"{page.base_url}/sources")
        page.evaluate(
            "data => localStorage.setItem('story-store', JSON.stringify(data))", STORY.to_dict()
        )
    open_pseudo(page, path)
    assert page.evaluate("document.documentElement.lang") == "qps"
    # Show a figure's modebar and a hover label (plotly.js's words, in the page's language).
    plots = page.locator(".js-plotly-plot:visible")
    if plots.count():
        plots.first.hover()
    assert unmarked(page) == []
    assert_clean(page)


def test_menus_are_marked(page):
    open_pseudo(page, "/flows?countries=TUN")
    page.click(f"#{ids.FLOWS_COUNTRIES}")
    page.wait_for_selector(".dash-dropdown-content")
    assert page.locator(".dash-dropdown-content [role='option']").count() >= 5
    assert unmarked(page, ".dash-dropdown-content") == []
    page.keyboard.press("Escape")
    open_pseudo(page, "/country/TUN")
    page.click(f"#{ids.COUNTRY_SELECT}")
    page.locator(".dash-dropdown-search:visible").fill("zzzz")  # nothing found: its words
    page.wait_for_selector(".dash-dropdown-content")
    assert unmarked(page, ".dash-dropdown-content") == []
    assert_clean(page)


def test_the_grid_and_its_menus_are_marked(page):
    open_pseudo(page, "/data?countries=TUN,MAR")
    page.wait_for_selector(".ag-paging-panel")
    assert unmarked(page, ".ag-root-wrapper") == []
    # A column's filter menu (AG Grid's own words: operators, the filter box's placeholder).
    page.locator(".ag-header-cell[col-id='year'] .ag-header-cell-filter-button").click()
    page.wait_for_selector(".ag-popup .ag-filter")
    assert page.locator(".ag-popup").inner_text().strip()
    assert unmarked(page, ".ag-popup") == []
    assert_clean(page)


def test_the_story_player_is_marked(page):
    page.goto(f"{page.base_url}/sources")
    page.evaluate(
        "data => localStorage.setItem('story-store', JSON.stringify(data))", STORY.to_dict()
    )
    open_pseudo(page, "/story")
    page.click(f"#{ids.STORY_PLAY}")
    page.wait_for_selector(".story-player")
    assert unmarked(page, ".story-player") == []
    frame = page.frame_locator(".story-frame")
    frame.locator("html[lang='qps'].present-mode .js-plotly-plot").first.wait_for()
    page.keyboard.press("Escape")
    assert_clean(page)
