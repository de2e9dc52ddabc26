"""Choosing a language in the browser: every view in English, French and Arabic (``lang`` and
``dir`` on ``<html>`` from the first byte, no WCAG A/AA violation that axe-core calls critical
or serious, French numbers), the language menu keeping the view's state and being remembered,
every link keeping the language, and Arabic mirroring the layout."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard import ids
from dashboard.stories import Slide, Story
from tests.browser.accessibility import axe_violations, blocking
from tests.browser.helpers import assert_clean, choose_measure, wait_for_dash

VIEWS = [
    "/",
    "/flows",
    "/compare",
    "/country/TUN",
    "/data",
    "/sources",
    "/story",
    "/upload",
    "/no-such-page",
]
LANGUAGES = {"en": "ltr", "fr": "ltr", "ar": "rtl"}
#: A story whose slides were saved in English, with no title or note of the presenter's.
STORY = Story(
    "", (Slide("/flows", "?countries=TUN&top=5&lang=en"), Slide("/", "?year=2016&lang=en"))
)
#: A number grouped the English way (``1,234``; not a French decimal such as ``0,005``).
ENGLISH_GROUPING = re.compile(r"(?<![\d,.])[1-9]\d{0,2}(,\d{3})+(?![\d,])")
#: A number grouped the French way (``1 234``, with a narrow no-break space).
FRENCH_GROUPING = re.compile(r"\d\u202f\d{3}")
#: A value quoted as the source wrote it (« 1,282 »): literal, not a number the page formats.
QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
#: A year written with a thousands separator on an axis (``2,005``, ``2 005``).
GROUPED_YEAR = re.compile(r"^(1\D9|2\D0)\d{2}$")
#: Every text the page shows (HTML and the figures' SVG text), node by node.
SHOWN_TEXT = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, el = node.parentElement;
        if (el && node.textContent.trim() && el.getClientRects().length
                && !el.closest('script, style')) {
            found.push(node.textContent);
        }
    }
    return found;
}"""


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def seed_story(page, story: Story = STORY) -> None:
    """``story`` in the browser's store, as if built slide by slide."""
    page.goto(f"{page.base_url}/sources")
    page.evaluate(
        "data => localStorage.setItem('story-store', JSON.stringify(data))", story.to_dict()
    )


def html_lang_dir(page) -> tuple[str, str]:
    return tuple(page.evaluate("[document.documentElement.lang, document.documentElement.dir]"))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", VIEWS)
def test_every_view_in_every_language(page, path, lang):
    if path == "/story":
        seed_story(page)
    page.goto(f"{page.base_url}{path}?lang={lang}")
    wait_for_dash(page)
    assert html_lang_dir(page) == (lang, LANGUAGES[lang])
    current = page.locator(f"#{ids.LANGUAGE} a[aria-current='true']")
    assert current.get_attribute("data-lang") == lang
    # Each chart is described by its reading (or the sentences standing for it).
    for described in page.locator(".chart-figure").all():
        refs = (described.get_attribute("aria-describedby") or "").split()
        assert refs, described.inner_html()[:200]
        assert all(page.locator(f"#{ref}").count() == 1 for ref in refs)
    problems = blocking(axe_violations(page))
    assert problems == [], problems
    ticks = page.locator(".js-plotly-plot .xtick text, .js-plotly-plot .ytick text")
    assert not [t for t in ticks.all_text_contents() if GROUPED_YEAR.match(t)]  # no "2,005"
    shown = page.evaluate(SHOWN_TEXT)
    if lang == "fr":
        # Numbers the page writes are grouped the French way. A message not translated yet
        # shows its English, literal numbers included ("per 100,000"): the same text as on
        # the English page, which the translation will replace; those are left out.
        page.goto(f"{page.base_url}{path}?lang=en")
        wait_for_dash(page)
        english = set(page.evaluate(SHOWN_TEXT))
        wrong = [
            t for t in shown if ENGLISH_GROUPING.search(QUOTED.sub("", t)) and t not in english
        ]
        assert wrong == [], wrong
    elif lang == "ar":
        # CLDR's Arabic in Latin digits groups with a comma (1,234), never a French space.
        assert [t for t in shown if FRENCH_GROUPING.search(t)] == []
    assert_clean(page)


def test_french_numbers_are_grouped_the_french_way(page):
    page.goto(f"{page.base_url}/flows?countries=TUN,MAR,EGY,LBY&from=2003&to=2021&lang=fr")
    wait_for_dash(page)
    summary = page.locator(f"#{ids.FLOWS_SUMMARY}").inner_text()
    assert re.search(r"\d\u202f\d{3}", summary), summary  # 1 234 (narrow no-break space)
    # Over 1 000 rows, so that AG Grid's own words write a grouped number.
    rows = "kind=flows&countries=TUN,MAR,DZA,EGY,LBY,JOR,LBN,PSE,ITA,ESP,FRA,DEU&from=2003&to=2021"
    page.goto(f"{page.base_url}/data?{rows}&lang=fr")
    wait_for_dash(page)
    page.wait_for_selector(".ag-paging-row-summary-panel")
    paging = page.locator(".ag-paging-row-summary-panel").inner_text()
    assert re.search(r"\d\u202f\d{3}", paging) and " de " in paging, paging  # AG Grid's French
    assert not [t for t in page.evaluate(SHOWN_TEXT) if ENGLISH_GROUPING.search(t)]


def test_the_language_menu_keeps_the_view_state_and_is_remembered(page):
    page.goto(f"{page.base_url}/flows?countries=TUN,MAR&top=5")
    wait_for_dash(page)
    # A control changes the address after the page was drawn: the menu takes the new state.
    choose_measure(page, ids.FLOWS_MEASURE, "border-crossings")
    wait_for_dash(page)
    before = {k: v for k, v in query(page.url).items() if k != "lang"}
    with page.expect_navigation():
        page.click(f"#{ids.LANGUAGE} a[data-lang='fr']")
    wait_for_dash(page)
    assert html_lang_dir(page) == ("fr", "ltr")
    after = query(page.url)
    assert after.pop("lang") == ["fr"] and after == before
    assert page.locator(f"#{ids.FLOWS_MEASURE} input[value='border-crossings']").is_checked()
    # Remembered (the cookie): an address without lang= opens in French.
    page.goto(f"{page.base_url}/sources")
    wait_for_dash(page)
    assert html_lang_dir(page) == ("fr", "ltr")
    assert {c["name"]: c["value"] for c in page.context.cookies()}["lang"] == "fr"
    # … until another language is chosen.
    with page.expect_navigation():
        page.click(f"#{ids.LANGUAGE} a[data-lang='ar']")
    page.goto(f"{page.base_url}/compare")
    assert html_lang_dir(page) == ("ar", "rtl")
    assert_clean(page)


def test_every_link_keeps_the_language(page):
    seed_story(page)
    page.goto(f"{page.base_url}/flows?countries=TUN&lang=ar")
    wait_for_dash(page)
    for href in page.locator(".nav a").evaluate_all("links => links.map(a => a.href)"):
        assert query(href)["lang"] == ["ar"], href
    csv = page.locator(f"#{ids.FLOWS_DOWNLOAD_BUTTON}")
    csv.focus()  # the link takes the address bar's query as it is focused
    assert query(csv.get_attribute("href"))["lang"] == ["ar"]
    assert "lang=ar" in page.get_attribute(f"#{ids.PRESENT_TOGGLE}", "href")
    page.click(f"#{ids.PRESENT_TOGGLE}")
    page.wait_for_url(re.compile("present=1"))
    assert query(page.url)["lang"] == ["ar"]
    # The story: its links, its export and its player show every slide in this language,
    # whichever language a slide was saved in.
    page.goto(f"{page.base_url}/story?lang=ar")
    page.wait_for_selector(".story-slide")
    for href in page.locator(".story-slide-url").evaluate_all("a => a.map(l => l.href)"):
        assert query(href)["lang"] == ["ar"], href
    page.wait_for_function(f"document.getElementById('{ids.STORY_LINK}').value.includes('s=')")
    assert query(page.input_value(f"#{ids.STORY_LINK}"))["lang"] == ["ar"]
    export = page.get_attribute(f"#{ids.STORY_EXPORT}", "href")
    assert query(export)["lang"] == ["ar"]
    exported = page.request.get(page.base_url + export).text()
    assert '<html lang="ar" dir="rtl">' in exported and '"locale":"ar"' in exported
    page.click(f"#{ids.STORY_PLAY}")
    page.wait_for_selector(".story-player")
    assert query(page.get_attribute(".story-frame", "src"))["lang"] == ["ar"]
    frame = page.frame_locator(".story-frame")
    frame.locator("html[lang='ar'][dir='rtl'].present-mode .js-plotly-plot").first.wait_for()
    page.keyboard.press("Escape")
    assert_clean(page)


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def test_arabic_mirrors_the_layout(page):
    page.goto(f"{page.base_url}/flows?countries=TUN,MAR&top=999&lang=ar")
    wait_for_dash(page)
    # The header starts at the right: the brand, the language menu after it (to its left), the
    # views on the row under them, the first view at the right.
    assert _box(page, ".brand")["x"] > _box(page, ".language-menu")["x"]
    assert _box(page, ".nav")["y"] > _box(page, ".brand")["y"]
    assert _box(page, ".nav a:first-child")["x"] > _box(page, ".nav a:last-child")["x"]
    # Notices: their bar is on the right (border-inline-start).
    notice = page.locator(".notice").first
    assert notice.evaluate("e => getComputedStyle(e).borderRightWidth") == "4px"
    assert notice.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    # Controls: the first (Measure) is the rightmost; the year slider stays left to right.
    assert _box(page, ".controls .control")["x"] > _box(page, ".controls .control + .control")["x"]
    first, last = (_box(page, f".dash-slider-thumb-{n}")["x"] for n in (1, 2))
    assert first < last
    assert page.locator(".slider-ltr").first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # The Sankey reads from the right: origins on the right; its title starts at the right.
    gd = f"#{ids.FLOWS_GRAPH} .js-plotly-plot"
    assert page.eval_on_selector(gd, "g => g._fullData[0].direction") == "reversed"
    assert page.eval_on_selector(gd, "g => g.layout.title.x") > 0.9
    # Charts: value axes on the right, titles from the right, a grid of panels from the right.
    page.goto(f"{page.base_url}/compare?countries=TUN,MAR,EGY&lang=ar")
    wait_for_dash(page)
    trends = f"#{ids.COMPARE_TRENDS} .js-plotly-plot"
    assert page.eval_on_selector(trends, "g => g._fullLayout.yaxis.side") == "right"
    domains = page.eval_on_selector(trends, "g => [g.layout.xaxis.domain, g.layout.xaxis2.domain]")
    assert domains[0][0] > domains[1][0]  # the first country's panel is the rightmost
    # The grid: AG Grid's right-to-left layout and its Arabic words.
    page.goto(f"{page.base_url}/data?countries=TUN,MAR&lang=ar")
    wait_for_dash(page)
    page.wait_for_selector(".ag-root-wrapper.ag-rtl")
    assert "الصفحة" in page.locator(".ag-paging-panel").inner_text()
    # The story player: back at the right, pointing right; next at its left.
    seed_story(page)
    page.goto(f"{page.base_url}/story?lang=ar")
    page.wait_for_selector(".story-slide")
    page.click(f"#{ids.STORY_PLAY}")
    # The player opens after the click's round trip.
    page.wait_for_selector(".story-player-bar button")
    back, forward = page.locator(".story-player-bar button").all()[:2]
    assert back.inner_text() == "→" and forward.inner_text() == "←"
    assert back.bounding_box()["x"] > forward.bounding_box()["x"]
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.keyboard.press("ArrowLeft")  # the next slide, right to left
    page.wait_for_function("document.querySelector('.story-player').dataset.slide === '1'")
    page.keyboard.press("Escape")
    assert_clean(page)
