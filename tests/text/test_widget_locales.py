"""The words of the widgets the dashboard does not write itself (plotly.js, AG Grid), per
language: French as published, Arabic through the catalogue and CLDR, the pseudo-language
marking all of them."""

from __future__ import annotations

import pytest

from dashboard.components.chart import graph_config
from dashboard.text import text_for
from dashboard.text.catalogue import PSEUDO_CLOSE, PSEUDO_OPEN
from dashboard.text.grid_locale import grid_options, locale_text
from dashboard.text.plotly_locale import MESSAGES, PLOTLY_FR, config


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setenv("DASHBOARD_PSEUDO_LANGUAGE", "1")
    return text_for("qps")


def test_english_is_plotly_and_ag_grids_own():
    english = text_for("en")
    assert config(english) == {}
    assert grid_options(english) == {}
    assert "locale" not in graph_config("chart", english)


def test_french_takes_plotlys_published_words_and_our_separators():
    french = config(text_for("fr"))["locales"]["fr"]
    assert french["dictionary"]["Reset axes"] == PLOTLY_FR["dictionary"]["Reset axes"]
    assert french["format"]["months"][0] == "Janvier"
    assert (french["format"]["decimal"], french["format"]["thousands"]) == (",", "\u202f")


def test_arabic_names_every_message_plotly_shows_and_cldrs_months():
    arabic = config(text_for("ar"))["locales"]["ar"]
    # Untranslated messages fall back to plotly.js's English (no key, its own word).
    assert set(arabic["dictionary"]) <= set(MESSAGES)
    assert arabic["format"]["months"][:3] == ["يناير", "فبراير", "مارس"]
    assert arabic["format"]["days"][0] == "الأحد"  # plotly.js starts on Sunday
    assert len(set(arabic["format"]["months"])) == 12  # plotly's own ar has آذار twice


def test_the_pseudo_language_marks_plotly_and_the_grid(pseudo):
    words = config(pseudo)["locales"]["qps"]["dictionary"]
    assert set(words) == set(MESSAGES)
    assert all(w.startswith(PSEUDO_OPEN) and w.endswith(PSEUDO_CLOSE) for w in words.values())
    grid = locale_text(pseudo)
    assert grid["page"] == f"{PSEUDO_OPEN}Pågé{PSEUDO_CLOSE}"
    assert grid["thousandSeparator"] == ","  # a symbol, not a word


def test_the_grid_speaks_arabic_right_to_left():
    options = grid_options(text_for("ar"))
    assert options["enableRtl"] is True
    assert options["localeText"]["nextPage"] == "الصفحة التالية"
    assert options["localeText"]["thousandSeparator"] == ","  # CLDR, Latin digits
    assert "enableRtl" not in grid_options(text_for("fr"))
    assert locale_text(text_for("fr"))["thousandSeparator"] == "\u202f"
