"""The words of the milestones: names of the milestone types and goals, of what a row records,
of a country's standing towards a treaty, and dates with their preposition.

Constants are English messages marked with :func:`N_`; the functions translate them with a
:class:`~dashboard.text.Text`. Data tables keep the codes (``palermo-protocol``, ``draft`` …).
"""

from __future__ import annotations

from dashboard.text.core import N_, Text

MILESTONE_LABELS = {
    "untoc": N_("UN Convention against Transnational Organized Crime"),
    "palermo-protocol": N_("Trafficking in Persons Protocol"),
    "smuggling-protocol": N_("Smuggling of Migrants Protocol"),
    "national-law": N_("Specific anti-trafficking law"),
    "law-amendment": N_("Amendment of the law"),
    "coordination-body": N_("National coordination body"),
    "national-strategy": N_("National strategy"),
    "national-action-plan": N_("National action plan"),
    "coe-convention": N_("Council of Europe Convention (steps towards it)"),
    "no-specific-law": N_("No specific law (status at the date)"),
    "strategy-or-plan": N_("National strategy or action plan"),
}
#: The goals inside a sentence ("… had reached {goals}").
GOAL_PHRASES = {
    "untoc": N_("membership of the UN Convention against Transnational Organized Crime"),
    "palermo-protocol": N_("membership of the Trafficking in Persons Protocol"),
    "smuggling-protocol": N_("membership of the Smuggling of Migrants Protocol"),
    "national-law": N_("a specific anti-trafficking law"),
    "law-amendment": N_("an amendment of the law"),
    "coordination-body": N_("a national coordination body"),
    "national-strategy": N_("a national strategy"),
    "national-action-plan": N_("a national action plan"),
    "coe-convention": N_("membership of the Council of Europe Convention"),
    "strategy-or-plan": N_("a national strategy or action plan"),
}
ACTION_LABELS = {
    "signature": N_("Signature"),
    "ratification": N_("Ratification"),
    "accession": N_("Accession"),
    "acceptance": N_("Acceptance"),
    "approval": N_("Approval"),
    "succession": N_("Succession"),
    "adopted": N_("Adopted"),
    "draft": N_("Draft, not adopted"),
    "accession-request": N_("Request to accede"),
    "request-accepted": N_("Request to accede accepted (not yet a party)"),
    "status": N_("Status at this date"),
}
PARTY_STATUS_LABELS = {
    "party": N_("Party"),
    "party-as-of-snapshot": N_("Party as of {as_of} (UN snapshot; later status not checked)"),
    "signatory": N_("Signatory, not yet a party"),
    "not-yet-party": N_("Not yet a party"),
    "signatory-as-of-snapshot": N_("Signatory, not a party as of {as_of} (UN snapshot)"),
    "not-party-as-of-snapshot": N_("Not a party as of {as_of} (UN snapshot)"),
    "not-known": N_("Not known"),
}
#: Under every chart or list of milestones.
DATES_NOTE = N_(
    "Dates are as precise as their source: a marker of a date known only to the month or the "
    "year sits in the middle of it, and its hover gives the month or the year alone."
)


def milestone_label(kind: str, text: Text) -> str:
    """The name of a milestone type or goal, e.g. "National coordination body"."""
    return text.gettext(MILESTONE_LABELS[kind])


def action_label(action: str, text: Text) -> str:
    """What a row records, e.g. "Accession", "Draft, not adopted"."""
    return text.gettext(ACTION_LABELS[action])


def party_status_label(status: str, as_of: str | None, text: Text) -> str:
    """A country's standing towards a treaty, the snapshot's day written as its month.

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> party_status_label("not-party-as-of-snapshot", "2014-01-27", ENGLISH)
    'Not a party as of January 2014 (UN snapshot)'
    """
    month = text.date(as_of[:7], "month") if as_of else ""
    return text.gettext(PARTY_STATUS_LABELS[status], as_of=month)


def when(date: str, precision: str, text: Text) -> str:
    """A date with the preposition its precision takes: "on 3 August 2016", "in May 2010",
    "in 2009" (a day the source does not give is never shown).

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> when("2016-08-03", "day", ENGLISH), when("2010-05", "month", ENGLISH)
    ('on 3 August 2016', 'in May 2010')
    """
    shown = text.date(date, precision)
    if precision == "day":
        return text.gettext("on {date}", date=shown)
    if precision == "month":
        return text.gettext("in {month}", month=shown)
    return text.gettext("in {year}", year=shown)
