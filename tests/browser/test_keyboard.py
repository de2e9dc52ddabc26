"""The keyboard alone reaches and works the main controls: the language menu, the country
picker, the year slider and a CSV link (in English and in Arabic, where the page mirrors)."""

from __future__ import annotations

import re

import pytest

from dashboard import ids
from tests.browser.helpers import assert_clean, wait_for_dash

#: What has the focus, in a few words.
FOCUSED = """() => {
    const e = document.activeElement;
    return e ? [e.tagName, e.id, e.getAttribute('role') || '', e.getAttribute('data-lang') || '',
                e.getAttribute('data-download') || '', e.className || ''] : null;
}"""


def tab_to(page, matches, most: int = 80) -> list:
    """Press Tab until the focused element ``matches`` (a function of :data:`FOCUSED`)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused and matches(focused):
            return focused
    raise AssertionError(f"Tab never reached it (last: {page.evaluate(FOCUSED)})")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tab_to_the_language_menu_and_choose(page, lang):
    page.goto(f"{page.base_url}/compare?countries=TUN,MAR&lang={lang}")
    wait_for_dash(page)
    tab_to(page, lambda f: f[3] == "fr")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_dash(page)
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert "countries=TUN,MAR" in page.url
    assert_clean(page)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_country_picker_by_keyboard(page, lang):
    page.goto(f"{page.base_url}/country/TUN?lang={lang}")
    wait_for_dash(page)
    tab_to(page, lambda f: f[1] == ids.COUNTRY_SELECT)
    # Typing on the picker opens its list, searching for what is typed (codes match too).
    page.keyboard.type("MAR")
    page.wait_for_selector(".dash-dropdown-content [role='option']:has-text('(MAR)')")
    for _ in range(10):  # down the countries found, to Morocco
        page.keyboard.press("ArrowDown")
        if page.evaluate("document.activeElement.value") == "MAR":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_dash(page)
    assert "/country/MAR" in page.url and f"lang={lang}" in page.url
    assert_clean(page)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_year_slider_and_a_csv_link_by_keyboard(page, lang):
    page.goto(f"{page.base_url}/flows?countries=TUN,MAR&from=2010&to=2020&lang={lang}")
    wait_for_dash(page)
    tab_to(page, lambda f: f[2] == "slider")  # the first year's handle
    # The slider is left to right in every language: → moves the first year later.
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile("from=2011"))
    wait_for_dash(page)
    focused = tab_to(page, lambda f: f[0] == "A" and f[4])
    assert focused[1] == ids.FLOWS_DOWNLOAD_BUTTON
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert "from=2011" in href and f"lang={lang}" in href  # the state shown, as it is focused
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".csv")
    assert_clean(page)
