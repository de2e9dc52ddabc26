"""The codes and patterns the tables' columns take, and meanings several columns share."""

from __future__ import annotations

from dashboard.text.core import N_

__all__ = [
    "AGE",
    "CENSORED",
    "DATE_PRECISIONS",
    "EXPLOITATION",
    "FOCUS_COUNTRIES",
    "INDICATORS",
    "ISO3",
    "MEASURES",
    "MILESTONE_ACTIONS",
    "MILESTONE_TYPES",
    "NODE",
    "NODE_KINDS",
    "ORIGIN_CLASSES",
    "PARTIAL_DATE",
    "PARTY_ACTIONS",
    "SEX",
    "SLUG",
    "SOURCE",
    "TOKEN",
    "TREATY_MILESTONES",
]

ISO3 = r"^[A-Z]{3}$"
TOKEN = r"^(route|area|group):[a-z0-9-]+$|^unknown$"
NODE = rf"{ISO3}|{TOKEN}"
SLUG = r"^[a-z0-9-]+$"

FOCUS_COUNTRIES = ("DZA", "EGY", "JOR", "LBN", "LBY", "MAR", "PSE", "TUN")

INDICATORS = (
    "detected-victims",
    "persons-prosecuted",
    "persons-convicted",
    "persons-formal-contact",
    "offences",
)
EXPLOITATION = ("total", "sexual-exploitation", "forced-labour", "other")
SEX = ("total", "female", "male", "other", "unknown")
AGE = ("total", "adult", "child", "unknown")
MEASURES = ("trafficking-victims", "border-crossings")
ORIGIN_CLASSES = ("country", "domestic", "unknown", "group")
NODE_KINDS = ("route", "area", "group", "unknown")
#: Types of anti-trafficking milestone (``milestones.milestone``), as the curated file names them.
MILESTONE_TYPES = (
    "untoc",
    "palermo-protocol",
    "smuggling-protocol",
    "national-law",
    "law-amendment",
    "coordination-body",
    "national-strategy",
    "national-action-plan",
    "coe-convention",
    "no-specific-law",
)
#: The three UN treaties (the Convention and its trafficking and smuggling protocols).
TREATY_MILESTONES = ("untoc", "palermo-protocol", "smuggling-protocol")
#: How a state became a party to a UN treaty (the UN's marks: none, ``a``, ``A``, ``AA``, ``d``).
PARTY_ACTIONS = ("ratification", "accession", "acceptance", "approval", "succession")
#: What a milestone row records (``milestones.action``): a treaty action (signature or one of
#: :data:`PARTY_ACTIONS`); for a national instrument ``adopted`` (adopted, created, installed or
#: launched) or ``draft`` (never adopted as far as the source says); for the Council of Europe
#: Convention a request to accede or its acceptance (neither makes a state a party); ``status``
#: for a dated statement that a country has no specific law.
MILESTONE_ACTIONS = (
    "signature",
    *PARTY_ACTIONS,
    "adopted",
    "draft",
    "accession-request",
    "request-accepted",
    "status",
)
DATE_PRECISIONS = ("day", "month", "year")
#: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``: no more of a date than the source gives.
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


#: Column meanings shared by several tables.
CENSORED = N_("true when the count includes a suppressed cell (“<5”), so it is a range.")
SOURCE = N_("Identifier of the source dataset (see the Sources page).")
