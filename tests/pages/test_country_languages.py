"""The Country view's names in French and Arabic: the country and its UN M49 sub-region."""

from __future__ import annotations

import pytest

from dashboard.app import app
from dashboard.pages import country as country_page
from tests.pages.layout_tree import text_of


@pytest.mark.parametrize(
    ("lang", "name", "subregion"),
    [
        ("en", "Tunisia", "Northern Africa"),
        ("fr", "Tunisie", "Afrique septentrionale"),
        ("ar", "تونس", "شمال أفريقيا"),
    ],
)
def test_the_country_and_its_subregion_are_named_in_the_language(lang, name, subregion):
    with app.server.test_request_context(headers={"Accept-Language": lang}):
        page = text_of(country_page.layout(iso3="TUN"))
    assert name in page
    assert subregion in page
