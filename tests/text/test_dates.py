"""Dates to their source's precision, in English, French and Arabic (CLDR through Babel)."""

from __future__ import annotations

import pytest

from dashboard.text import text_for
from dashboard.text.dates import format_date, parse_partial
from dashboard.text.milestones import when


@pytest.mark.parametrize(
    ("date", "precision", "lang", "shown"),
    [
        ("2009-03", "month", "en", "March 2009"),
        ("2009-03", "month", "fr", "mars 2009"),
        ("2009-03", "month", "ar", "مارس 2009"),
        ("2003-07-14", "day", "en", "14 July 2003"),
        ("2003-07-14", "day", "fr", "14 juillet 2003"),
        ("2009", "year", "en", "2009"),
        ("2009", "year", "fr", "2009"),
        ("2009", "year", "ar", "2009"),
        ("2017-07", "month", "qps", "July 2017"),  # dates are formats, not messages
    ],
)
def test_a_date_shows_exactly_what_its_precision_says(date, precision, lang, shown):
    assert format_date(date, precision, lang) == shown


def test_arabic_dates_use_latin_digits_like_the_numbers():
    assert format_date("2003-07-14", "day", "ar") == "14 يوليو 2003"


@pytest.mark.parametrize(
    ("date", "precision"),
    [("2009-03", "day"), ("2009-03-01", "month"), ("2009", "month"), ("2009-02-30", "day"),
     ("2009-13", "month"), ("March 2009", "month"), ("2009", "decade")],
)  # fmt: skip
def test_a_date_not_written_to_its_precision_is_refused(date, precision):
    with pytest.raises(ValueError):
        parse_partial(date, precision)


def test_a_date_takes_the_preposition_of_its_precision():
    english = text_for("en")
    assert when("2016-08-03", "day", english) == "on 3 August 2016"
    assert when("2010-05", "month", english) == "in May 2010"
    assert when("2009", "year", english) == "in 2009"
    marked = when("2009", "year", text_for("qps"))
    assert marked.startswith("⟦") and "2009" in marked


def test_text_dates_are_the_dates_module_s():
    assert text_for("fr").date("2022-06", "month") == "juin 2022"
