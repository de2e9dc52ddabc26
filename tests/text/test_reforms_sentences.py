"""Plain-language readings of the milestone analytics, on the hand-made table."""

from __future__ import annotations

import calendar
import re

import pytest

from dashboard.analytics import milestones as am
from dashboard.analytics.treaty_parties import parties_in_year
from dashboard.text import catalogue, text_for
from dashboard.text import reforms as sentences
from dashboard.text.milestones import party_status_label
from tests.analytics.milestone_rows import milestone_rows

EN = text_for("en")
NAMES = {"TUN": "Tunisia", "LBN": "Lebanon", "LBY": "Libya", "PSE": "Palestine", "JOR": "Jordan"}


@pytest.fixture(scope="module")
def rows():
    return milestone_rows()


def _first(rows, countries):
    return am.first_reached(rows, countries, ["palermo-protocol", "national-law"])


def test_parties_and_laws_name_what_is_known_instead(rows):
    first = _first(rows, ["TUN", "LBN", "LBY", "PSE"])
    assert sentences.parties_and_laws_sentence(first, 2014, EN, NAMES) == (
        "By 2014, 3 of the 4 countries were parties to the Trafficking in Persons Protocol "
        "(Palestine: joined later, on 6 December 2017). A specific anti-trafficking law is known "
        "for 1 of them by then (Tunisia: adopted later, on 3 August 2016, Libya: no specific law "
        "as of June 2022 and Palestine: not known)."
    )


def test_all_parties_and_all_laws(rows):
    first = _first(rows, ["TUN", "LBN", "JOR"])
    assert sentences.parties_and_laws_sentence(first, 2016, EN, NAMES) == (
        "By 2016, all 3 countries were parties to the Trafficking in Persons Protocol. A specific "
        "anti-trafficking law is known for all of them by then."
    )
    one = _first(rows, ["TUN"])
    assert sentences.parties_and_laws_sentence(one, 2016, EN, NAMES) == (
        "By 2016, the country was a party to the Trafficking in Persons Protocol. A specific "
        "anti-trafficking law is known for it by then."
    )


def test_gap_sentences_per_state(rows):
    gaps = am.protocol_law_gaps(rows, ["TUN", "JOR", "EGY", "LBY", "PSE"]).set_index("iso3")
    said = {code: sentences.gap_sentence(gaps.loc[code].to_dict() | {"iso3": code}, EN, NAMES)
            for code in gaps.index}  # fmt: skip
    assert said["TUN"] == (
        "Tunisia adopted its specific anti-trafficking law on 3 August 2016, 13 years after "
        "becoming a party to the Trafficking in Persons Protocol (on 14 July 2003)."
    )
    assert said["JOR"] == (
        "Jordan adopted its specific anti-trafficking law on 1 March 2009, before becoming a "
        "party to the Trafficking in Persons Protocol (on 11 June 2009)."
    )
    assert said["EGY"] == (  # a law known to the year: "in 2004", never a day
        "EGY adopted its specific anti-trafficking law in 2004, the year it became a party to "
        "the Trafficking in Persons Protocol (on 5 March 2004)."
    )
    assert said["LBY"] == (
        "Libya became a party to the Trafficking in Persons Protocol on 24 September 2004; as of "
        "June 2022, 18 years later, it had no specific anti-trafficking law."
    )
    assert said["PSE"] == (
        "Palestine became a party to the Trafficking in Persons Protocol on 6 December 2017; "
        "whether it has a specific anti-trafficking law is not known."
    )


def test_one_year_is_singular():
    row = {"iso3": "TUN", "state": "both", "protocol_date": "2015", "protocol_precision": "year",
           "law_date": "2016-08", "law_precision": "month", "years": 1,
           "law_first": False}  # fmt: skip
    assert sentences.gap_sentence(row, EN, NAMES) == (
        "Tunisia adopted its specific anti-trafficking law in August 2016, 1 year after becoming "
        "a party to the Trafficking in Persons Protocol (in 2015)."
    )


def test_gap_summary_counts_the_law_first_and_the_unknown_apart(rows):
    gaps = am.protocol_law_gaps(rows, ["TUN", "LBN", "JOR", "LBY", "PSE"])
    assert sentences.gap_summary(gaps, EN) == (
        "In 2 countries the specific law came 6–13 years after the Protocol. In 1 country it "
        "came first. For 2 countries one of the two dates is not known."
    )


def test_parties_sentence_says_what_comes_from_the_snapshot(rows):
    before = parties_in_year(rows, 2010, "palermo-protocol")
    assert sentences.parties_sentence(before, 2010, "palermo-protocol", EN) == (
        "At the end of 2010, 6 countries were parties to the Trafficking in Persons Protocol."
    )
    after = parties_in_year(rows, 2018, "palermo-protocol")
    assert sentences.parties_sentence(after, 2018, "palermo-protocol", EN) == (
        "At the end of 2018, 7 countries were parties to the Trafficking in Persons Protocol. "
        "6 of them are known as parties only from the UN snapshot of January 2014: later changes "
        "were not checked."
    )
    untoc = parties_in_year(rows, 2010, "untoc")
    assert sentences.parties_sentence(untoc, 2010, "untoc", EN) == (
        "At the end of 2010, 1 country was a party to the UN Convention against Transnational "
        "Organized Crime."
    )


def test_convergence_sentences(rows):
    goals = ["national-law", "coordination-body"]
    done = am.all_reached(rows, ["TUN", "JOR"], goals)
    assert sentences.convergence_sentence(done, EN, NAMES) == (
        "By 2016, both countries had a specific anti-trafficking law and a national coordination "
        "body; Tunisia was the last to have both."
    )
    pending = am.all_reached(rows, ["TUN", "LBN", "LBY"], goals)
    assert sentences.convergence_sentence(pending, EN, NAMES) == (
        "It is not known whether all 3 countries had a specific anti-trafficking law and a "
        "national coordination body: Lebanon (a national coordination body not known) and Libya "
        "(no specific law at the latest statement and a national coordination body not known)."
    )
    three = am.all_reached(rows, ["TUN", "JOR"], [*goals, "palermo-protocol"])
    assert sentences.convergence_sentence(three, EN, NAMES).endswith(
        "; Tunisia was the last to have them all."
    )


def test_every_sentence_goes_through_the_catalogue(rows):
    pseudo = text_for("qps")
    names = {code: catalogue.pseudo(name) for code, name in NAMES.items()}  # as dataset.names
    first = _first(rows, ["TUN", "LBY", "PSE"])
    gaps = am.protocol_law_gaps(rows, ["TUN", "JOR", "LBY", "PSE"])
    said = [
        sentences.parties_and_laws_sentence(first, 2010, pseudo, names),
        sentences.parties_and_laws_sentence(first, 2014, pseudo, names),
        sentences.gap_summary(gaps, pseudo),
        sentences.parties_sentence(parties_in_year(rows, 2018), 2018, "palermo-protocol", pseudo),
        sentences.convergence_sentence(
            am.all_reached(rows, ["TUN", "LBN", "LBY"], ["national-law", "coordination-body"]),
            pseudo,
            names,
        ),
        sentences.convergence_sentence(am.all_reached(rows, ["TUN", "JOR"]), pseudo, names),
        *(sentences.gap_sentence(row, pseudo, names) for _, row in gaps.iterrows()),
    ]
    for sentence in said:
        assert sentence.startswith("⟦"), sentence
        assert english_words(sentence) == [], sentence
    assert party_status_label("not-party-as-of-snapshot", "2014-01-27", pseudo) == (
        "⟦Ñöt å pårtý ås öf January 2014 (ÛÑ sñåpshöt)⟧"
    )


#: Words the formats write in English in the pseudo-language (month names, the list's "and").
FORMAT_WORDS = {"and", *calendar.month_name[1:]}


def english_words(text: str) -> list[str]:
    """Words with an unaccented vowel: the pseudo-language accents every vowel of a message,
    so these come from text that bypassed the catalogue (formats' words aside)."""
    words = re.findall(r"[A-Za-zÀ-ÿ]+", text)
    return [w for w in words if re.search(r"[aeiouAEIOU]", w) and w not in FORMAT_WORDS]
