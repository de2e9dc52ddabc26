"""Plain-language readings of the Reforms analytics (:mod:`dashboard.analytics.milestones`,
:mod:`dashboard.analytics.treaty_parties`).

Every function takes the analytics' result, a :class:`~dashboard.text.Text` and the display
names of countries (``dataset.names(lang)``; a code without a name is shown as the code), and
returns whole sentences: messages with named fields, plurals through ``text.ngettext``, lists
through ``text.join``, dates through ``text.date`` (never a day the source does not give). A
milestone that is not known is said to be not known, never "not adopted".
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.analytics.milestones import AllReached
from dashboard.text.core import NN_, Text
from dashboard.text.milestones import GOAL_PHRASES, when

#: "At the end of {year}, {n} countries were parties to …", per treaty (the treaty's name, its
#: article and its gender differ between languages: one whole sentence each).
PARTIES_SENTENCES = {
    "untoc": NN_(
        "At the end of {year}, {n} country was a party to the UN Convention against "
           "Transnational Organized Crime.",
        "At the end of {year}, {n} countries were parties to the UN Convention against "
           "Transnational Organized Crime.",
    ),
    "palermo-protocol": NN_(
        "At the end of {year}, {n} country was a party to the Trafficking in Persons "
           "Protocol.",
        "At the end of {year}, {n} countries were parties to the Trafficking in Persons "
           "Protocol.",
    ),
    "smuggling-protocol": NN_(
        "At the end of {year}, {n} country was a party to the Smuggling of Migrants "
           "Protocol.",
        "At the end of {year}, {n} countries were parties to the Smuggling of Migrants "
           "Protocol.",
    ),
}  # fmt: skip


def _name(names: Mapping[str, str], code: str) -> str:
    return names.get(code, code)


def _when(row: Mapping | pd.Series, text: Text, prefix: str = "") -> str:
    """The date of ``row`` (``date``/``date_precision``, or ``<prefix>_date``/
    ``<prefix>_precision``) with its preposition."""
    if prefix:
        return when(str(row[f"{prefix}_date"]), str(row[f"{prefix}_precision"]), text)
    return when(str(row["date"]), str(row["date_precision"]), text)


def _reached_by(row: pd.Series, year: int) -> bool:
    return row["state"] == "reached" and int(row["year"]) <= year


def _true(value: object) -> bool:
    """True for a true boolean; False for false or missing (pandas' NA included)."""
    return bool(pd.notna(value) and value)


def parties_and_laws_sentence(
    first: pd.DataFrame, year: int, text: Text, names: Mapping[str, str] = {}
) -> str:
    """Two sentences: how many countries were parties to the Protocol by ``year``, and for how
    many a specific law is known by then (the others named, with what is known instead).

    ``first`` is :func:`dashboard.analytics.milestones.first_reached` with the goals
    ``palermo-protocol`` and ``national-law``.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> first = pd.DataFrame({"iso3": ["TUN", "TUN", "LBY", "LBY"],
    ...     "goal": ["palermo-protocol", "national-law"] * 2,
    ...     "state": ["reached", "reached", "reached", "no-law-stated"],
    ...     "date": ["2003-07-14", "2016-08-03", "2004-09-24", "2022-06"],
    ...     "date_precision": ["day", "day", "day", "month"], "year": [2003, 2016, 2004, 2022]})
    >>> parties_and_laws_sentence(first, 2020, ENGLISH, {"TUN": "Tunisia", "LBY": "Libya"})
    'By 2020, both countries were parties to the Trafficking in Persons Protocol. A specific \
anti-trafficking law is known for 1 of them by then (Libya: no specific law as of June 2022).'
    """
    countries = list(dict.fromkeys(first["iso3"]))
    n = len(countries)
    by_goal = first.set_index(["iso3", "goal"])
    protocol = {c: by_goal.loc[(c, "palermo-protocol")] for c in countries}
    law = {c: by_goal.loc[(c, "national-law")] for c in countries}
    parties = [c for c in countries if _reached_by(protocol[c], year)]
    if len(parties) == n == 2:
        opening = text.gettext(
            "By {year}, both countries were parties to the Trafficking in Persons Protocol.",
            year=year,
        )
    elif len(parties) == n:
        opening = text.ngettext(
            "By {year}, the country was a party to the Trafficking in Persons Protocol.",
            "By {year}, all {n} countries were parties to the Trafficking in Persons Protocol.",
            n,
            year=year,
        )
    else:
        others = [
            _party_instead(protocol[c], _name(names, c), text)
            for c in countries
            if c not in parties
        ]
        opening = text.ngettext(
            "By {year}, {n} of the {total} countries was a party to the Trafficking in Persons "
            "Protocol ({others}).",
            "By {year}, {n} of the {total} countries were parties to the Trafficking in Persons "
            "Protocol ({others}).",
            len(parties),
            year=year,
            total=text.number(n),
            others=text.join(others),
        )
    laws = [c for c in countries if _reached_by(law[c], year)]
    if len(laws) == n:
        closing = text.ngettext(
            "A specific anti-trafficking law is known for it by then.",
            "A specific anti-trafficking law is known for all of them by then.",
            n,
        )
    else:
        others = [_law_instead(law[c], _name(names, c), text) for c in countries if c not in laws]
        closing = text.ngettext(
            "A specific anti-trafficking law is known for {n} of them by then ({others}).",
            "A specific anti-trafficking law is known for {n} of them by then ({others}).",
            len(laws),
            others=text.join(others),
        )
    return f"{opening} {closing}"


def _party_instead(row: pd.Series, country: str, text: Text) -> str:
    """What is known of a country that was not a party to the Protocol by the year asked."""
    if row["state"] == "reached":
        return text.gettext(
            "{country}: joined later, {when}", country=country, when=_when(row, text)
        )
    if row["state"] == "not-party-as-of-snapshot":
        month = text.date(str(row["date"])[:7], "month")
        return text.gettext(
            "{country}: not a party as of {date} (UN snapshot)", country=country, date=month
        )
    return text.gettext("{country}: not known", country=country)


def _law_instead(row: pd.Series, country: str, text: Text) -> str:
    """What is known of a country's specific law when none is known by the year asked."""
    if row["state"] == "reached":
        return text.gettext(
            "{country}: adopted later, {when}", country=country, when=_when(row, text)
        )
    if row["state"] == "no-law-stated":
        shown = text.date(str(row["date"]), str(row["date_precision"]))
        return text.gettext("{country}: no specific law as of {date}", country=country, date=shown)
    return text.gettext("{country}: not known", country=country)


def gap_sentence(row: Mapping | pd.Series, text: Text, names: Mapping[str, str] = {}) -> str:
    """One country's time from the Protocol to a specific law, in a sentence.

    ``row`` is a row of :func:`dashboard.analytics.milestones.protocol_law_gaps`.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> gap_sentence({"iso3": "TUN", "state": "both", "protocol_date": "2003-07-14",
    ...     "protocol_precision": "day", "law_date": "2016-08", "law_precision": "month",
    ...     "years": 13, "law_first": False}, ENGLISH, {"TUN": "Tunisia"})
    'Tunisia adopted its specific anti-trafficking law in August 2016, 13 years after becoming \
a party to the Trafficking in Persons Protocol (on 14 July 2003).'
    """
    country = _name(names, str(row["iso3"]))
    state = row["state"]
    if state == "both":
        fields = {
            "country": country,
            "law": _when(row, text, "law"),
            "protocol": _when(row, text, "protocol"),
        }
        years = int(row["years"])
        if _true(row["law_first"]) or years < 0:
            return text.gettext(
                "{country} adopted its specific anti-trafficking law {law}, before becoming a "
                "party to the Trafficking in Persons Protocol ({protocol}).",
                **fields,
            )
        if years == 0:
            return text.gettext(
                "{country} adopted its specific anti-trafficking law {law}, the year it became a "
                "party to the Trafficking in Persons Protocol ({protocol}).",
                **fields,
            )
        return text.ngettext(
            "{country} adopted its specific anti-trafficking law {law}, {n} year after becoming "
            "a party to the Trafficking in Persons Protocol ({protocol}).",
            "{country} adopted its specific anti-trafficking law {law}, {n} years after becoming "
            "a party to the Trafficking in Persons Protocol ({protocol}).",
            years,
            **fields,
        )
    if state == "no-law-stated":
        return text.ngettext(
            "{country} became a party to the Trafficking in Persons Protocol {protocol}; as of "
            "{status}, {n} year later, it had no specific anti-trafficking law.",
            "{country} became a party to the Trafficking in Persons Protocol {protocol}; as of "
            "{status}, {n} years later, it had no specific anti-trafficking law.",
            int(row["years_at_least"]),
            country=country,
            protocol=_when(row, text, "protocol"),
            status=text.date(str(row["status_date"]), str(row["status_precision"])),
        )
    if state == "law-not-known":
        return text.gettext(
            "{country} became a party to the Trafficking in Persons Protocol {protocol}; "
            "whether it has a specific anti-trafficking law is not known.",
            country=country,
            protocol=_when(row, text, "protocol"),
        )
    if state == "protocol-not-known":
        return text.gettext(
            "{country} adopted its specific anti-trafficking law {law}; when it became a party "
            "to the Trafficking in Persons Protocol is not known.",
            country=country,
            law=_when(row, text, "law"),
        )
    return text.gettext(
        "For {country}, neither the Trafficking in Persons Protocol nor a specific "
        "anti-trafficking law is known.",
        country=country,
    )


def gap_summary(gaps: pd.DataFrame, text: Text) -> str:
    """The range of the Protocol-to-law gap, where the law came after the Protocol; the
    countries where it came first, or where a date is not known, are counted apart.

    ``gaps`` is :func:`dashboard.analytics.milestones.protocol_law_gaps`.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> gaps = pd.DataFrame({"state": ["both", "both", "both", "law-not-known"],
    ...     "years": [13, 5, 0, None], "law_first": [False, False, True, None]})
    >>> gap_summary(gaps, ENGLISH)
    'In 2 countries the specific law came 5–13 years after the Protocol. In 1 country it came \
first. For 1 country one of the two dates is not known.'
    """
    both = gaps[gaps["state"] == "both"]
    first = both["law_first"].map(_true) | (both["years"] < 0)
    after = both[~first]
    sentences = []
    if len(after):
        low, high = int(after["years"].min()), int(after["years"].max())
        sentences.append(
            text.ngettext(
                "In {countries} the specific law came {years} year after the Protocol.",
                "In {countries} the specific law came {years} years after the Protocol.",
                high,
                countries=text.ngettext("{n} country", "{n} countries", len(after)),
                years=text.interval(low, high),
            )
        )
    if first.sum():
        sentences.append(
            text.ngettext(
                "In {n} country it came first.", "In {n} countries it came first.", int(first.sum())
            )
        )
    missing = len(gaps) - len(both)
    if missing:
        sentences.append(
            text.ngettext(
                "For {n} country one of the two dates is not known.",
                "For {n} countries one of the two dates is not known.",
                missing,
            )
        )
    return " ".join(sentences)


def parties_sentence(parties: pd.DataFrame, year: int, treaty: str, text: Text) -> str:
    """How many countries were parties to ``treaty`` at the end of ``year``, and how sure that
    is.

    ``parties`` is :func:`dashboard.analytics.treaty_parties.parties_in_year`.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> parties = pd.DataFrame({"status": ["party-as-of-snapshot", "party", "signatory"],
    ...                         "as_of": ["2014-01-27"] * 3})
    >>> parties_sentence(parties, 2020, "palermo-protocol", ENGLISH)
    'At the end of 2020, 2 countries were parties to the Trafficking in Persons Protocol. 1 of \
them is known as a party only from the UN snapshot of January 2014: later changes were not \
checked.'
    """
    statuses = parties["status"]
    n = int(statuses.isin(["party", "party-as-of-snapshot"]).sum())
    singular, plural = PARTIES_SENTENCES[treaty]
    sentence = text.ngettext(singular, plural, n, year=year)
    as_of = parties["as_of"].dropna()
    from_snapshot = int((statuses == "party-as-of-snapshot").sum())
    if from_snapshot and len(as_of):
        caveat = text.ngettext(
            "{n} of them is known as a party only from the UN snapshot of {as_of}: later "
            "changes were not checked.",
            "{n} of them are known as parties only from the UN snapshot of {as_of}: later "
            "changes were not checked.",
            from_snapshot,
            as_of=text.date(str(as_of.iloc[0])[:7], "month"),
        )
        sentence = f"{sentence} {caveat}"
    return sentence


def convergence_sentence(result: AllReached, text: Text, names: Mapping[str, str] = {}) -> str:
    """By which year all the countries had reached all the goals, or what is not known.

    ``result`` is :func:`dashboard.analytics.milestones.all_reached`.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> goals = ("national-law", "coordination-body")
    >>> done = AllReached(("TUN", "DZA"), goals, 2023, {"TUN": 2016, "DZA": 2023}, ())
    >>> convergence_sentence(done, ENGLISH, {"DZA": "Algeria"})
    'By 2023, both countries had a specific anti-trafficking law and a national coordination \
body; Algeria was the last to have both.'
    >>> pending = AllReached(("LBN", "TUN"), goals, None, {"LBN": None, "TUN": 2016},
    ...                      (("LBN", "coordination-body", "not-known"),))
    >>> convergence_sentence(pending, ENGLISH, {"LBN": "Lebanon"})
    'It is not known whether both countries had a specific anti-trafficking law and a national \
coordination body: Lebanon (a national coordination body not known).'
    """
    goals = text.join([text.gettext(GOAL_PHRASES[g]) for g in result.goals])
    n = len(result.countries)
    if result.year is None:
        return _pending_sentence(result, goals, text, names)
    if n == 1:
        return text.gettext("By {year}, the country had {goals}.", year=result.year, goals=goals)
    if n == 2:
        opening = text.gettext(
            "By {year}, both countries had {goals}", year=result.year, goals=goals
        )
    else:
        opening = text.ngettext(
            "By {year}, all {n} countries had {goals}",
            "By {year}, all {n} countries had {goals}",
            n,
            year=result.year,
            goals=goals,
        )
    last = text.join([_name(names, c) for c in result.last])
    if len(result.goals) == 2:
        ending = text.ngettext(
            "{last} was the last to have both",
            "{last} were the last to have both",
            len(result.last),
            last=last,
        )
    else:
        ending = text.ngettext(
            "{last} was the last to have them all",
            "{last} were the last to have them all",
            len(result.last),
            last=last,
        )
    return text.gettext("{opening}; {ending}.", opening=opening, ending=ending)


def _pending_sentence(result: AllReached, goals: str, text: Text, names: Mapping[str, str]) -> str:
    by_country: dict[str, list[str]] = {}
    for code, goal, state in result.pending:
        by_country.setdefault(code, []).append(_pending(goal, state, text))
    details = text.join(
        [
            text.gettext("{country} ({items})", country=_name(names, code), items=text.join(items))
            for code, items in by_country.items()
        ]
    )
    n = len(result.countries)
    if n == 2:
        return text.gettext(
            "It is not known whether both countries had {goals}: {details}.",
            goals=goals,
            details=details,
        )
    return text.ngettext(
        "It is not known whether the country had {goals}: {details}.",
        "It is not known whether all {n} countries had {goals}: {details}.",
        n,
        goals=goals,
        details=details,
    )


def _pending(goal: str, state: str, text: Text) -> str:
    """What is known instead of a goal reached (inside a list for one country)."""
    phrase = text.gettext(GOAL_PHRASES[goal])
    if state == "no-law-stated":
        return text.gettext("no specific law at the latest statement")
    if state == "steps-only":
        return text.gettext("only steps towards {goal}", goal=phrase)
    if state == "not-party-as-of-snapshot":
        return text.gettext("{goal}: not as of the UN snapshot", goal=phrase)
    return text.gettext("{goal} not known", goal=phrase)


def timeline_reading(
    rows: pd.DataFrame, gap: Mapping, text: Text, names: Mapping[str, str] = {}
) -> str:
    """What one country's timeline holds, where it comes from, and its Protocol-to-law gap.

    ``rows`` is :func:`dashboard.analytics.milestones.timeline` of one country and ``gap`` its
    row of :func:`dashboard.analytics.milestones.protocol_law_gaps`. A country known only from
    the UN treaty snapshot is said to be so: its laws and bodies are not known, not absent.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> rows = pd.DataFrame({"year": [2002, 2002], "as_of": ["2014-01-27", "2014-01-27"]})
    >>> timeline_reading(rows, {"iso3": "FRA", "state": "law-not-known",
    ...     "protocol_date": "2002-10-29", "protocol_precision": "day"}, ENGLISH, {"FRA": "France"})
    '2 dated milestones of France are in the data (2002). All come from the UN treaty snapshot \
of January 2014: its national laws, coordination bodies and plans are not known. France became \
a party to the Trafficking in Persons Protocol on 29 October 2002; whether it has a specific \
anti-trafficking law is not known.'
    """
    country = _name(names, str(gap["iso3"]))
    if rows.empty:
        return text.gettext(
            "No milestone of {country} is in the data: its treaties, laws and bodies are not "
            "known.",
            country=country,
        )
    years = text.span(int(rows["year"].min()), int(rows["year"].max()))
    sentences = [
        text.ngettext(
            "{n} dated milestone of {country} is in the data ({years}).",
            "{n} dated milestones of {country} are in the data ({years}).",
            len(rows),
            country=country,
            years=years,
        )
    ]
    as_of = rows["as_of"]
    if as_of.notna().all():
        months = sorted({str(day)[:7] for day in as_of})
        sentences.append(
            text.ngettext(
                "All come from the UN treaty snapshot of {as_of}: its national laws, "
                "coordination bodies and plans are not known.",
                "All come from the UN treaty snapshots of {as_of}: its national laws, "
                "coordination bodies and plans are not known.",
                len(months),
                as_of=text.join([text.date(month, "month") for month in months]),
            )
        )
    sentences.append(gap_sentence(gap, text, names))
    return " ".join(sentences)
