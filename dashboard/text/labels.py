"""The names of the dashboard's codes: measures, indicators, breakdowns, tables and views.

Each is an English message marked with :func:`~dashboard.text.core.N_` and translated where it
is shown (``text.gettext(MEASURES[code])``). Codes themselves (``trafficking-victims`` …) are
the same in every language: they are what addresses and CSV files hold.
"""

from __future__ import annotations

from dashboard.text.core import N_, NP_

#: The flows' measures, as the controls name them.
MEASURES = {
    "trafficking-victims": N_("Trafficking victims (UNODC)"),
    "border-crossings": N_("Border crossings (Frontex) — context"),
}

#: Context of the indicators' names inside a sentence (the same English as a title reads
#: differently in other languages).
IN_SENTENCE = "indicator in a sentence"
#: The view indicators (see :data:`dashboard.analytics.indicators.SPECS`): each as a title,
#: and as it reads inside a sentence ("… reported {label} in 2010–2021").
_INDICATOR_NAMES = (
    (
        "detected-victims",
        N_("Detected victims of trafficking"),
        NP_("indicator in a sentence", "detected victims of trafficking"),
    ),
    (
        "victims-per-100k",
        N_("Detected victims per 100,000 population"),
        NP_("indicator in a sentence", "detected victims per 100,000 population"),
    ),
    (
        "persons-prosecuted",
        N_("Persons prosecuted for trafficking"),
        NP_("indicator in a sentence", "persons prosecuted for trafficking"),
    ),
    (
        "persons-convicted",
        N_("Persons convicted of trafficking"),
        NP_("indicator in a sentence", "persons convicted of trafficking"),
    ),
    (
        "share-children",
        N_("Share of detected victims who are children"),
        NP_("indicator in a sentence", "share of detected victims who are children"),
    ),
    (
        "share-female",
        N_("Share of detected victims who are women or girls"),
        NP_("indicator in a sentence", "share of detected victims who are women or girls"),
    ),
    (
        "share-forced-labour",
        N_("Share of detected victims trafficked for forced labour"),
        NP_("indicator in a sentence", "share of detected victims trafficked for forced labour"),
    ),
    (
        "share-sexual-exploitation",
        N_("Share of detected victims trafficked for sexual exploitation"),
        NP_(
            "indicator in a sentence",
            "share of detected victims trafficked for sexual exploitation",
        ),
    ),
)
INDICATORS = {key: title for key, title, _ in _INDICATOR_NAMES}
INDICATORS_IN_SENTENCE = {key: phrase for key, _, phrase in _INDICATOR_NAMES}

#: Forms of exploitation, as the controls name them.
EXPLOITATION = {
    "total": N_("All forms"),
    "sexual-exploitation": N_("Sexual exploitation"),
    "forced-labour": N_("Forced labour"),
    "other": N_("Other forms"),
}

#: Rows of the Country view's reporting grid and key figures: what a country published.
ITEMS = {
    "detected-victims": N_("Detected victims"),
    "persons-prosecuted": N_("Persons prosecuted"),
    "persons-convicted": N_("Persons convicted"),
    "persons-formal-contact": N_("Persons in formal contact"),
    "offences": N_("Offences"),
    "victims-by-citizenship": N_("Victims by citizenship"),
}

#: Categories of the breakdowns by form, sex and age (``dimension:category`` where the same
#: code means different things in two dimensions).
CATEGORIES = {
    **EXPLOITATION,
    "exploitation:other": N_("Other forms"),
    "female": N_("Women and girls"),
    "male": N_("Men and boys"),
    "other": N_("Other"),
    "unknown": N_("Unknown"),
    "adult": N_("Adults"),
    "child": N_("Children"),
}
#: Context of :data:`CATEGORIES_IN_SENTENCE`.
CATEGORY_IN_SENTENCE = "category in a sentence"
#: The categories as they read inside a sentence ("Largest published categories: children …").
CATEGORIES_IN_SENTENCE = {
    "total": NP_("category in a sentence", "all forms"),
    "sexual-exploitation": NP_("category in a sentence", "sexual exploitation"),
    "forced-labour": NP_("category in a sentence", "forced labour"),
    "exploitation:other": NP_("category in a sentence", "other forms"),
    "other": NP_("category in a sentence", "other"),
    "female": NP_("category in a sentence", "women and girls"),
    "male": NP_("category in a sentence", "men and boys"),
    "unknown": NP_("category in a sentence", "unknown"),
    "adult": NP_("category in a sentence", "adults"),
    "child": NP_("category in a sentence", "children"),
}

#: The breakdowns' dimensions.
DIMENSIONS = {"exploitation": N_("Form of exploitation"), "sex": N_("Sex"), "age": N_("Age")}

#: The Data view's tables.
DATA_KINDS = {
    "flows": N_("Flows: origin → corridor → destination, by year"),
    "indicators": N_("Country indicators, by year"),
}

#: The views' names (navigation, page titles, story slides), by page path.
VIEWS = {
    "map": N_("Map"),
    "flows": N_("Flows"),
    "compare": N_("Compare"),
    "reforms": N_("Reforms"),
    "country": N_("Country"),
    "data": N_("Data"),
    "sources": N_("Sources"),
    "story": N_("Story"),
    "upload": N_("Your data"),
    "not-found": N_("Page not found"),
}


def category_key(dimension: str, category: str) -> str:
    """The key of a breakdown category in :data:`CATEGORIES` (``exploitation:other`` for the
    other forms of exploitation; the category itself otherwise).

    Examples
    --------
    >>> category_key("exploitation", "other"), category_key("sex", "other")
    ('exploitation:other', 'other')
    """
    qualified = f"{dimension}:{category}"
    return qualified if qualified in CATEGORIES else category
