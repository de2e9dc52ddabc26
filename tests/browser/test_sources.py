"""Sources view and unknown addresses in Chromium: every dataset cited, no error, offline."""

from __future__ import annotations

from tests.browser.helpers import assert_clean, wait_for_dash


def test_every_dataset_is_listed_with_its_licence_and_citation(page, dataset):
    page.goto(page.base_url + "/sources")
    wait_for_dash(page)
    for source, meta in dataset.metadata.items():
        card = page.locator(f"#source-{source}")
        assert card.count() == 1, source
        text = card.inner_text()
        assert meta["licence"] in text and meta["citation"] in text
    assert "Suppressed counts" in page.inner_text(".methodology")
    assert_clean(page)


def test_an_unknown_address_gets_a_clear_page(page):
    page.goto(page.base_url + "/no/such/view")
    wait_for_dash(page)
    assert "This page does not exist" in page.inner_text("main")
    assert_clean(page)
