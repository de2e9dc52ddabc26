"""The Compare view's sentences: one plain-language reading per panel, and its notes.

Each function takes what the analytics computed and a :class:`~dashboard.text.core.Text`, and
writes whole sentences in its language. ``names`` maps codes to names in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.analytics.dispersion import Change
from dashboard.text.core import N_, Text

#: The notes under each panel (after the source).
RANGE_NOTE = N_("Line at the lower bound; bars reach the upper bound where <5 cells make a range.")
COMPONENT_NOTE = N_(
    "Profiles: shares of detected victims by form of exploitation, children and women and girls, "
    "victims per 100,000 and convictions per prosecution, each pooled over the years a country "
    "published both parts; similarity is 1 minus the mean distance over the measures both "
    "countries have (at least 2), from the bounds of each range."
)
ORIGINS_NOTE = N_(
    "Detected victims by citizenship; each country's {k} main foreign origins, ranked by the "
    "lower bound of victims over the years."
)
DISPERSION_NOTE = N_(
    "Coefficient of variation (standard deviation over mean) of the countries that reported each "
    "year, as the range the <5 cells allow; for counts it mostly reflects country size, so "
    "shares and rates compare better."
)
INSTITUTIONS_NOTE = N_(
    "Counted: membership of the Trafficking in Persons Protocol, a specific anti-trafficking "
    "law, a national coordination body and a national strategy or action plan, from each "
    "country's first dated milestone to {last}, whatever the years chosen above. A dotted line "
    "shows how high a count could be if every milestone not known had been reached: not known "
    "is never counted as not adopted."
)


def _names(codes: Sequence[str], names: Mapping[str, str], text: Text) -> str:
    return text.join([names.get(code, code) for code in codes])


def convergence_reading(
    change: Change | None, label: str, year_from: int, year_to: int, text: Text
) -> str:
    """One sentence on whether the countries grew more alike on an indicator (``label``: the
    indicator as it reads in a sentence).

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> convergence_reading(Change(2012, 2020, ("MAR", "TUN"), (0.8, 0.8), (0.4, 0.45)),
    ...     "the share of children", 2010, 2020, ENGLISH)  # doctest: +NORMALIZE_WHITESPACE
    'Dispersion of the share of children fell from 0.80 in 2012 to 0.40–0.45 in 2020 across
    the 2 countries that reported both years: they grew more alike.'
    """
    if change is None:
        return text.gettext(
            "Too few countries reported {label} in the same two years of {span} to tell whether "
            "they grew more alike.",
            label=label,
            span=text.span(year_from, year_to),
        )
    fields = {
        "label": label,
        "a": text.interval(*change.first, digits=2),
        "b": text.interval(*change.last, digits=2),
        "y0": change.first_year,
        "y1": change.last_year,
    }
    count = len(change.countries)
    if change.direction == "fell":
        return text.ngettext(
            "Dispersion of {label} fell from {a} in {y0} to {b} in {y1} across the {n} country "
            "that reported both years: they grew more alike.",
            "Dispersion of {label} fell from {a} in {y0} to {b} in {y1} across the {n} countries "
            "that reported both years: they grew more alike.",
            count,
            **fields,
        )
    if change.direction == "rose":
        return text.ngettext(
            "Dispersion of {label} rose from {a} in {y0} to {b} in {y1} across the {n} country "
            "that reported both years: they grew further apart.",
            "Dispersion of {label} rose from {a} in {y0} to {b} in {y1} across the {n} countries "
            "that reported both years: they grew further apart.",
            count,
            **fields,
        )
    return text.ngettext(
        "Dispersion of {label} was {a} in {y0} and {b} in {y1} across the {n} country that "
        "reported both years: no clear change.",
        "Dispersion of {label} was {a} in {y0} and {b} in {y1} across the {n} countries that "
        "reported both years: no clear change.",
        count,
        **fields,
    )


def overlap_reading(overlap: pd.DataFrame, names: Mapping[str, str], years: str, text: Text) -> str:
    """One sentence naming the pair of countries sharing most main origin countries.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> overlap = pd.DataFrame({"iso3_a": ["JOR"], "iso3_b": ["LBN"], "shared": [3],
    ...     "k_a": [5], "k_b": [5], "jaccard": [3 / 7], "shared_origins": ["BGD;EGY;SYR"]})
    >>> names = {"JOR": "Jordan", "LBN": "Lebanon", "EGY": "Egypt"}
    >>> overlap_reading(overlap, names, "2020", ENGLISH)
    'Jordan and Lebanon share 3 of their 5 main origin countries (BGD, Egypt and SYR) in 2020.'
    """
    comparable = overlap.dropna(subset=["jaccard"])
    if comparable.empty:
        return text.gettext(
            "Fewer than two of the selected countries published victims by citizenship in {years}.",
            years=years,
        )
    top = comparable.sort_values(["shared", "jaccard"], ascending=False, kind="mergesort").iloc[0]
    if top["shared"] == 0:
        return text.gettext(
            "None of the selected countries share a main origin country in {years}.", years=years
        )
    fields = {
        "pair": _names([top["iso3_a"], top["iso3_b"]], names, text),
        "origins": _names(top["shared_origins"].split(";"), names, text),
        "years": years,
        "n": text.number(int(top["shared"])),
    }
    if top["k_a"] == top["k_b"]:
        return text.ngettext(
            "{pair} share {n} of their {k} main origin country ({origins}) in {years}.",
            "{pair} share {n} of their {k} main origin countries ({origins}) in {years}.",
            int(top["k_a"]),
            k=text.number(int(top["k_a"])),
            **fields,
        )
    return text.ngettext(
        "{pair} share {n} main origin country ({origins}) of their {ka} and {kb} in {years}.",
        "{pair} share {n} main origin countries ({origins}) of their {ka} and {kb} in {years}.",
        int(top["shared"]),
        ka=text.number(int(top["k_a"])),
        kb=text.number(int(top["k_b"])),
        **fields,
    )


def similarity_reading(similarity: pd.DataFrame, names: Mapping[str, str], text: Text) -> str:
    """One sentence naming the most and least alike pairs of profiles (by lower bound).

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> sim = pd.DataFrame({"iso3_a": ["TUN", "TUN"], "iso3_b": ["MAR", "EGY"],
    ...     "low": [0.8, 0.3], "high": [0.9, 0.3], "shared": [5, 4]})
    >>> similarity_reading(sim, {"TUN": "Tunisia", "MAR": "Morocco", "EGY": "Egypt"}, ENGLISH)
    ... # doctest: +NORMALIZE_WHITESPACE
    'Of 2 comparable pairs, Tunisia and Morocco have the most alike profiles (similarity
    0.80–0.90 on a 0–1 scale, over 5 measures) and Tunisia and Egypt the least alike (0.30).'
    """
    comparable = similarity.dropna(subset=["low"])
    if comparable.empty:
        return text.gettext(
            "No two of the selected countries published at least two of the same profile "
            "measures in these years, so their profiles cannot be compared."
        )
    ordered = comparable.sort_values(["low", "high"], ascending=False, kind="mergesort")
    top, bottom = ordered.iloc[0], ordered.iloc[-1]
    shared = int(top["shared"])
    fields = {
        "pair": _names([top["iso3_a"], top["iso3_b"]], names, text),
        "value": text.interval(top["low"], top["high"], digits=2),
        "shared": text.number(shared),
    }
    if len(ordered) == 1:
        return text.ngettext(
            "{pair} have profiles of similarity {value} on a 0–1 scale, over {shared} measure.",
            "{pair} have profiles of similarity {value} on a 0–1 scale, over {shared} measures.",
            shared,
            **fields,
        )
    return text.ngettext(
        "Of {m} comparable pairs, {pair} have the most alike profiles (similarity {value} on a "
        "0–1 scale, over {shared} measure) and {other} the least alike ({other_value}).",
        "Of {m} comparable pairs, {pair} have the most alike profiles (similarity {value} on a "
        "0–1 scale, over {shared} measures) and {other} the least alike ({other_value}).",
        shared,
        m=text.number(len(ordered)),
        other=_names([bottom["iso3_a"], bottom["iso3_b"]], names, text),
        other_value=text.interval(bottom["low"], bottom["high"], digits=2),
        **fields,
    )


def coverage_reading(
    values: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    label: str,
    year_from: int,
    year_to: int,
    text: Text,
) -> str:
    """One sentence on who reported an indicator, and how many country-years there are.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> values = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR"], "year": [2019, 2020, 2020]})
    >>> coverage_reading(values, ["TUN", "MAR", "LBY"], {"LBY": "Libya"}, "detected victims",
    ...     2019, 2020, ENGLISH)  # doctest: +NORMALIZE_WHITESPACE
    '2 of the 3 countries reported detected victims in 2019–2020 (3 country-years); no data
    from Libya. Missing years are gaps, not zeros.'
    """
    keep = values["iso3"].isin(countries) & values["year"].between(year_from, year_to)
    chosen = values.loc[keep]
    reporting = set(chosen["iso3"])
    silent = [code for code in countries if code not in reporting]
    country_years = len(chosen.drop_duplicates(["iso3", "year"]))
    fields = {
        "n": text.number(len(reporting)),
        "label": label,
        "span": text.span(year_from, year_to),
        "country_years": text.ngettext("{n} country-year", "{n} country-years", country_years),
    }
    if silent:
        return text.ngettext(
            "{n} of the {m} country reported {label} in {span} ({country_years}); no data from "
            "{names}. Missing years are gaps, not zeros.",
            "{n} of the {m} countries reported {label} in {span} ({country_years}); no data from "
            "{names}. Missing years are gaps, not zeros.",
            len(countries),
            m=text.number(len(countries)),
            names=_names(silent, names, text),
            **fields,
        )
    return text.ngettext(
        "{n} of the {m} country reported {label} in {span} ({country_years}). Missing years are "
        "gaps, not zeros.",
        "{n} of the {m} countries reported {label} in {span} ({country_years}). Missing years "
        "are gaps, not zeros.",
        len(countries),
        m=text.number(len(countries)),
        **fields,
    )


#: The legend's name of the public baseline's series, drawn beside an upload's.
PUBLIC_NAME = N_("UNODC (public data)")
#: Added to the trends' note when UNODC's figures are drawn beside an upload's.
BESIDE_NOTE = N_(
    "Dotted grey: UNODC’s published figures for the same countries and years; two figures "
    "differ when their ranges do not overlap."
)
#: At most this many differing country-years are named in the reading.
NAMED_DIFFERENCES = 8


def beside_reading(rows: pd.DataFrame, names: Mapping[str, str], text: Text) -> str:
    """One sentence on where a dataset's figures differ from UNODC's (``rows``: the
    ``iso3, year, …, differs`` of :func:`dashboard.analytics.beside.beside`); empty when the
    dataset has no figure to compare.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> rows = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR"], "year": [2019, 2020, 2020],
    ...                      "differs": [False, True, None]})
    >>> beside_reading(rows, {"TUN": "Tunisia"}, ENGLISH)  # doctest: +NORMALIZE_WHITESPACE
    'These figures and UNODC’s differ in 1 of the 2 country-years where both have one:
    Tunisia (2020).'
    """
    if rows.empty:  # the dataset has no value here: the coverage reading says so
        return ""
    compared = rows.loc[rows["differs"].notna()]
    if compared.empty:
        return text.gettext(
            "UNODC publishes no figure for these countries and years to set beside this dataset’s."
        )
    apart = compared.loc[compared["differs"].eq(True)]
    if apart.empty:
        return text.ngettext(
            "These figures and UNODC’s agree in the {n} country-year where both have one (their "
            "ranges overlap).",
            "These figures and UNODC’s agree in all {n} country-years where both have one (their "
            "ranges overlap).",
            len(compared),
        )
    named = [
        text.gettext("{country} ({year})", country=names.get(code, code), year=year)
        for code, year in apart[["iso3", "year"]].head(NAMED_DIFFERENCES).itertuples(index=False)
    ]
    places = text.join(named)
    if len(apart) > NAMED_DIFFERENCES:
        more = len(apart) - NAMED_DIFFERENCES
        places = text.ngettext(
            "{places} and {n} more", "{places} and {n} more", more, places=places
        )
    return text.ngettext(
        "These figures and UNODC’s differ in {count} of the {n} country-year where both have "
        "one: {places}.",
        "These figures and UNODC’s differ in {count} of the {n} country-years where both have "
        "one: {places}.",
        len(compared),
        count=text.number(len(apart)),
        places=places,
    )
