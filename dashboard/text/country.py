"""The Country view's sentences: a reading for each section, the key figures' details, notes.

Each function takes what the analytics computed and a :class:`~dashboard.text.core.Text`, and
writes whole sentences in its language. ``name`` is the country's name in that language.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from dashboard.analytics.network import NetworkPosition
from dashboard.text import labels
from dashboard.text.core import N_, Text

#: Notes under the sections (after the source).
ORIGINS_NOTE = N_("Top {n}; ranked by lower bound.")
DESTINATIONS_NOTE = N_("Only countries that reported victims by citizenship are included.")
BREAKDOWN_NOTE = N_("Categories are published separately: they need not add up to totals.")
NETWORK_NOTE = N_(
    "Betweenness centrality among {n} places in all countries' flows of detected victims by "
    "citizenship, {span}."
)


def key_figure_detail(year: int | None, censored: bool, published: bool, text: Text) -> str:
    """What a key figure's card says under its value: its year, or why there is none.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> key_figure_detail(2021, True, True, ENGLISH)
    'in 2021 (latest year reported) · a range: includes counts published as <5'
    >>> key_figure_detail(None, False, True, ENGLISH)
    'no total published (breakdowns only)'
    """
    if year is None:
        # Breakdowns without a total: summing them could double count or miss people.
        if published:
            return text.gettext("no total published (breakdowns only)")
        return text.gettext("never reported")
    if censored:
        return text.gettext(
            "in {year} (latest year reported) · a range: includes counts published as <5",
            year=year,
        )
    return text.gettext("in {year} (latest year reported)", year=year)


def trends_reading(counts: list[int], name: str, years: int, span: str, text: Text) -> str:
    """How many years of the span a country published each key indicator's total."""
    return text.ngettext(
        "{name} published a total of detected victims in {a} of the {n} year {span}, of persons "
        "prosecuted in {b} and of persons convicted in {c}. Missing years are gaps, not zeros.",
        "{name} published a total of detected victims in {a} of the {n} years {span}, of persons "
        "prosecuted in {b} and of persons convicted in {c}. Missing years are gaps, not zeros.",
        years,
        name=name,
        a=text.number(counts[0]),
        b=text.number(counts[1]),
        c=text.number(counts[2]),
        span=span,
    )


def partners_reading(
    totals: pd.DataFrame,
    name: str,
    direction: str,
    span: str,
    partner_label: Callable[[str], str],
    text: Text,
) -> str:
    """The main origins of victims detected in a country, or where its nationals were detected.

    ``direction`` is ``"origins"`` or ``"destinations"``; ``partner_label`` names a partner
    code (own nationals and unknown citizenship included).
    """
    if totals.empty:
        if direction == "origins":
            return text.gettext(
                "{name} published no victims by citizenship in {span}.", name=name, span=span
            )
        return text.gettext(
            "No country reported victims who are nationals of {name} in {span}.",
            name=name,
            span=span,
        )
    top = totals.head(3)
    listed = text.join(
        [
            text.gettext(
                "{partner} ({count})", partner=partner_label(p), count=text.interval(lo, hi)
            )
            for p, lo, hi in zip(top["partner"], top["low"], top["high"], strict=True)
        ]
    )
    if direction == "origins":
        return text.ngettext(
            "Victims of {n} citizenship were detected in {name} in {span}; the most: {listed}.",
            "Victims of {n} citizenships were detected in {name} in {span}; the most: {listed}.",
            len(totals),
            name=name,
            span=span,
            listed=listed,
        )
    return text.ngettext(
        "Nationals of {name} were detected in {n} other country that reported them in {span}; "
        "the most in: {listed}.",
        "Nationals of {name} were detected in {n} other countries that reported them in {span}; "
        "the most in: {listed}.",
        len(totals),
        name=name,
        span=span,
        listed=listed,
    )


def breakdown_reading(breakdown: pd.DataFrame, span: str, text: Text) -> str:
    """The largest published category of each breakdown (form, sex, age)."""
    if breakdown.empty:
        return text.gettext(
            "No breakdown of detected victims by form, sex or age was published in {span}.",
            span=span,
        )
    parts = []
    for dimension in labels.DIMENSIONS:
        rows = breakdown.loc[
            (breakdown["dimension"] == dimension) & (breakdown["category"] != "unknown")
        ]
        if rows.empty:
            continue
        top = rows.sort_values(["low", "high"], ascending=False).iloc[0]
        key = labels.category_key(dimension, top["category"])
        phrase = labels.CATEGORIES_IN_SENTENCE.get(key)
        category = text.pgettext(labels.CATEGORY_IN_SENTENCE, phrase) if phrase else key
        parts.append(
            text.gettext(
                "{category} ({count})",
                category=category,
                count=text.interval(top["low"], top["high"]),
            )
        )
    return text.gettext(
        "Largest published categories in {span}: {parts}; each summed over the years it was "
        "published.",
        span=span,
        parts=text.join(parts),
    )


def grid_reading(reported_years: int, name: str, years: int, span: str, text: Text) -> str:
    """How many years of the span a country reported anything in."""
    if not reported_years:
        return text.gettext("{name} reported nothing to UNODC in {span}.", name=name, span=span)
    return text.ngettext(
        "{name} reported at least one figure in {k} of the {n} year {span}; light cells are "
        "ranges (counts published as <5), blank cells years with no report.",
        "{name} reported at least one figure in {k} of the {n} years {span}; light cells are "
        "ranges (counts published as <5), blank cells years with no report.",
        years,
        name=name,
        k=text.number(reported_years),
        span=span,
    )


def context_reading(
    population: tuple[float, int] | None,
    crossings: tuple[float, float] | None,
    name: str,
    span: str,
    text: Text,
) -> str:
    """The latest population, and the Frontex border crossings of the country's nationals
    (migration context, never trafficking)."""
    sentences = []
    if population is not None:
        value, year = population
        sentences.append(
            text.gettext("Population {value} in {year}.", value=text.number(value), year=year)
        )
    if crossings is None:
        sentences.append(
            text.gettext(
                "Frontex published no border-crossing detections of nationals of {name} in {span}.",
                name=name,
                span=span,
            )
        )
    else:
        sentences.append(
            text.gettext(
                "Frontex detected {n} irregular border crossings by nationals of {name} in {span}; "
                "these are migration context, not trafficking, and count crossings, not persons.",
                n=text.interval(*crossings),
                name=name,
                span=span,
            )
        )
    return " ".join(sentences)


def network_reading(position: NetworkPosition, name: str, text: Text) -> str:
    """Plain words on a country's network position, and whether it looks like a hub.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> pos = NetworkPosition("TUN", 0.02, 3, 12, 80, (40, 52), 6, (10, 10), 2)
    >>> network_reading(pos, "Tunisia", ENGLISH)  # doctest: +ELLIPSIS
    'Victims from 6 other origins were detected in Tunisia (40–52); nationals of Tunisia...
    """
    fields = {
        "name": name,
        "inflow": text.interval(*position.inflow),
        "outflow": text.interval(*position.outflow),
        "m": text.number(position.outflow_partners),
    }
    # One sentence per combination of plural forms would be four; the two counts are far
    # enough apart in the sentence to be two sentences joined by a semicolon.
    incoming = text.ngettext(
        "Victims from {n} other origin were detected in {name} ({inflow})",
        "Victims from {n} other origins were detected in {name} ({inflow})",
        position.inflow_partners,
        **fields,
    )
    outgoing = text.ngettext(
        "nationals of {name} were detected in {m} other country ({outflow})",
        "nationals of {name} were detected in {m} other countries ({outflow})",
        position.outflow_partners,
        **fields,
    )
    if position.rank is None:
        verdict = text.gettext(
            "{name} links no other countries in this network (betweenness 0): not a hub.",
            name=name,
        )
    else:
        message = (
            N_(
                "It ranks {rank} of {ranked} places that link others (betweenness {b}): a hub of "
                "this network."
            )
            if position.is_hub
            else N_(
                "It ranks {rank} of {ranked} places that link others (betweenness {b}): not "
                "among the 10 main hubs."
            )
        )
        verdict = text.gettext(
            message,
            rank=text.number(position.rank),
            ranked=text.number(position.ranked_nodes),
            b=text.number(position.betweenness, 3),
        )
    caveat = text.gettext(
        "Edges join citizenship to the country of detection, not routes, so a hub here is a "
        "crossroads of origins and destinations, not proof that victims passed through."
    )
    return text.gettext(
        "{incoming}; {outgoing}. {verdict} {caveat}",
        incoming=incoming,
        outgoing=outgoing,
        verdict=verdict,
        caveat=caveat,
    )
