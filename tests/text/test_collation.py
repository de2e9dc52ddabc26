"""Country dropdowns in each language's alphabetical order (dashboard.text.collation)."""

from __future__ import annotations

from dashboard.components.controls import country_options
from dashboard.text import text_for
from dashboard.text.collation import sort_key


def test_french_ignores_accents_case_and_hyphens():
    names = ["Zambie", "Égypte", "États-Unis", "Espagne", "Eswatini", "Émirats arabes unis"]
    ordered = sorted(names, key=lambda n: sort_key(n, "fr"))
    assert ordered == [
        "Égypte",
        "Émirats arabes unis",
        "Espagne",
        "Eswatini",
        "États-Unis",
        "Zambie",
    ]
    assert sort_key("Œuf", "fr") < sort_key("Oman", "fr")


def test_arabic_ignores_the_article_and_the_forms_of_alif():
    # The order of the UN's Arabic lists of States.
    un_order = ["الاتحاد الروسي", "إثيوبيا", "أذربيجان", "الأرجنتين", "الأردن", "أرمينيا"]
    assert sorted(reversed(un_order), key=lambda n: sort_key(n, "ar")) == un_order
    assert sort_key("مصر", "ar") < sort_key("المغرب", "ar")  # م ص before م غ, article ignored
    assert sort_key("تونس", "ar") < sort_key("الجزائر", "ar")


def test_english_order_is_unchanged():
    assert sort_key("Égypte", "en") == "Égypte"


def test_country_dropdowns_sort_by_the_language_focus_countries_first(dataset):
    for lang in ("en", "fr", "ar"):
        options = country_options(dataset, text_for(lang))
        focus = set(dataset.countries.loc[dataset.countries["focus"], "iso3"])
        codes = [o["value"] for o in options]
        assert set(codes[: len(focus)]) == focus
        labels = [o["label"].rsplit(" (", 1)[0] for o in options[len(focus) :]]
        assert labels == sorted(labels, key=lambda n: sort_key(n, lang))
    french = [o["label"] for o in country_options(dataset, text_for("fr"))]
    assert french.index("Égypte (EGY)") < french.index("Jordanie (JOR)")  # É with E
    arabic = [o["value"] for o in country_options(dataset, text_for("ar"))][:8]
    # الأردن، تونس، الجزائر، دولة فلسطين، لبنان، ليبيا، مصر، المغرب: the article ignored.
    assert arabic == ["JOR", "TUN", "DZA", "PSE", "LBN", "LBY", "EGY", "MAR"]
