"""The upload template's columns, the other names they are recognised by, and the columns refused.

The template has one row per count (:data:`COLUMNS`). Files laid out in other standards are
recognised by their column names (:data:`ALIASES`, compared by :func:`header_key`: case,
accents, spaces, ``_`` and ``-`` ignored):

- IOM's Human Trafficking Case Data Standard (HTCDS, https://github.com/UNMigration/HTCDS,
  its Excel toolkit v2.0): ``prs_Gender``, ``prs_Citizenship`` (v1: ``prs_Nationality``),
  ``vic_TypeOfExploitation``, ``vic_LocationOfExploitation``;
- the Counter-Trafficking Data Collaborative's datasets (CTDC global dataset and global
  synthetic dataset, https://www.ctdatacollaborative.org): ``yearOfRegistration``, ``gender``,
  ``ageBroad``, ``majorityStatus``, ``citizenship``, ``CountryOfExploitation``,
  ``Datasource`` and the exploitation flags ``isForcedLabour``, ``isSexualExploit``,
  ``isOtherExploit`` …

Both standards hold one row per person (case data): such files have no count, and their rows
are added up into counts when checked. Columns that identify people (names, birth dates,
document numbers, contact details, as HTCDS's ``prs_FirstName``, ``prs_Birthdate`` …) are
refused: the dashboard takes counts, never people (:func:`identifying_kind`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from dashboard.text import N_


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the template: its name, whether a file must have it, and its dictionary
    entry (``description`` and ``values`` are messages, translated where shown)."""

    name: str
    required: bool
    description: str
    values: str
    example: str


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "reporting_country",
        True,
        N_("The country whose authorities report this count."),
        N_("A country: ISO 3166 alpha-3 code (TUN), alpha-2 code (TN) or name."),
        "TUN",
    ),
    ColumnSpec(
        "year",
        True,
        N_("The year the victims were identified."),
        N_("Four digits, from 1990 to this year."),
        "2023",
    ),
    ColumnSpec(
        "origin",
        True,
        N_("The victims' country of citizenship."),
        N_("A country (code or name), or unknown."),
        "CIV",
    ),
    ColumnSpec(
        "transit",
        False,
        N_("The countries the victims passed through, in travel order."),
        N_("Zero or more countries separated by “;”; empty when there were none."),
        "MLI;DZA",
    ),
    ColumnSpec(
        "destination",
        True,
        N_("The country where the victims were exploited."),
        N_("A country (code or name), or unknown."),
        "TUN",
    ),
    ColumnSpec(
        "sex",
        False,
        N_("The victims' sex."),
        N_("female, male, other or unknown."),
        "female",
    ),
    ColumnSpec(
        "age",
        False,
        N_("The victims' age group when identified."),
        N_("adult, child (under 18) or unknown."),
        "adult",
    ),
    ColumnSpec(
        "exploitation",
        False,
        N_("The form of exploitation."),
        N_("sexual-exploitation, forced-labour, other, mixed (several forms) or unknown."),
        "forced-labour",
    ),
    ColumnSpec(
        "count",
        False,
        N_("How many victims this row counts (leave the column out for one row per person)."),
        N_("A whole number, 0 or more, or a suppressed count such as <5."),
        "12",
    ),
    ColumnSpec(
        "source_agency",
        False,
        N_("The agency that recorded the count (optional)."),
        N_("Free text, up to 200 characters."),
        "Instance nationale de lutte contre la traite des personnes",
    ),
    ColumnSpec(
        "status",
        False,
        N_("Whether the count may still change (optional)."),
        N_("provisional or final."),
        "final",
    ),
    ColumnSpec(
        "record_type",
        False,
        N_("Whether the row is a count or one person's case (optional)."),
        N_("aggregate (a count) or case (one person, counted once)."),
        "aggregate",
    ),
    ColumnSpec(
        "note",
        False,
        N_("A caveat about this count (optional; never a person's details)."),
        N_("Free text, up to 500 characters."),
        "",
    ),
)
COLUMN_NAMES = tuple(spec.name for spec in COLUMNS)
REQUIRED = frozenset(spec.name for spec in COLUMNS if spec.required)
#: The longest text kept in each free-text column.
TEXT_LIMITS = {"source_agency": 200, "note": 500}

_NOT_KEY = re.compile(r"[\W_]+")


def header_key(name: object) -> str:
    """The comparison form of a column name: case, accents, spaces, ``_`` and ``-`` ignored.

    Examples
    --------
    >>> header_key(" Country_Of-Exploitation "), header_key("Année"), header_key("prs_Gender")
    ('countryofexploitation', 'annee', 'prsgender')
    """
    text = unicodedata.normalize("NFKD", str(name or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_KEY.sub("", text)


def _keys(*names: str) -> tuple[str, ...]:
    return tuple(header_key(name) for name in names)


#: Template column → the names it is recognised by (its own name first), in priority order.
ALIASES: dict[str, tuple[str, ...]] = {
    "reporting_country": _keys(
        "reporting_country", "reporter", "reporting state", "pays déclarant", "البلد المبلغ"
    ),
    "year": _keys(
        "year",
        "yearOfRegistration",  # CTDC
        "registration year",
        "year of identification",
        "année",
        "السنة",
    ),
    "origin": _keys(
        "origin",
        "country of origin",
        "origin country",
        "citizenship",  # CTDC
        "prs_Citizenship",  # HTCDS 2.0
        "prs_Nationality",  # HTCDS 1.0
        "nationality",
        "origine",
        "pays d'origine",
        "nationalité",
        "بلد المنشأ",
        "الجنسية",
    ),
    "transit": _keys("transit", "transit countries", "countries of transit", "pays de transit"),
    "destination": _keys(
        "destination",
        "country of destination",
        "destination country",
        "CountryOfExploitation",  # CTDC
        "country of exploitation",
        "vic_LocationOfExploitation",  # HTCDS
        "pays de destination",
        "pays d'exploitation",
        "بلد المقصد",
        "بلد الاستغلال",
    ),
    "sex": _keys("sex", "gender", "prs_Gender", "sexe", "genre", "الجنس"),  # CTDC, HTCDS
    "age": _keys(
        "age",
        "age group",
        "majorityStatus",  # CTDC: Adult, Minor
        "ageBroad",  # CTDC: 0--8, 09--17, 18--20 … 48+
        "âge",
        "tranche d'âge",
        "العمر",
        "الفئة العمرية",
    ),
    "exploitation": _keys(
        "exploitation",
        "type of exploitation",
        "exploitation type",
        "vic_TypeOfExploitation",  # HTCDS 2.0
        "typeOfExploitConcatenated",  # CTDC global dataset
        "forme d'exploitation",
        "type d'exploitation",
        "نوع الاستغلال",
    ),
    "count": _keys(
        "count", "number", "victims", "number of victims", "nombre", "effectif", "العدد"
    ),
    "source_agency": _keys(
        "source_agency", "agency", "source", "Datasource", "organisation", "organization", "agence"
    ),
    "status": _keys("status", "data status", "statut"),
    "record_type": _keys("record_type", "record type", "type d'enregistrement"),
    "note": _keys("note", "notes", "comment", "comments", "remarks", "remarque", "ملاحظات"),
}
#: Columns where several recognised names may all be present: the first filled one is used
#: (CTDC files have both ``majorityStatus`` and ``ageBroad``).
COALESCED = frozenset({"age"})

#: CTDC's yes/no exploitation columns (1 or empty) → the dashboard's exploitation code.
EXPLOITATION_FLAGS: dict[str, str] = {
    header_key("isSexualExploit"): "sexual-exploitation",
    header_key("isForcedLabour"): "forced-labour",
    header_key("isSexAndLabour"): "mixed",
    header_key("isOtherExploit"): "other",
    header_key("isForcedMarriage"): "other",
    header_key("isForcedMilitary"): "other",
    header_key("isOrganRemoval"): "other",
    header_key("isSlaveryAndPractices"): "other",
}

_KIND_NAME = N_(
    "The column “{column}” holds people's names. Remove it and upload the file again: the "
    "dashboard takes counts, never the names of victims or of anyone else."
)
_KIND_BIRTH = N_(
    "The column “{column}” holds birth dates. Remove it and upload the file again: give each "
    "person's age group (adult or child) instead."
)
_KIND_DOCUMENT = N_(
    "The column “{column}” holds identity document numbers. Remove it and upload the file "
    "again: the dashboard never takes them."
)
_KIND_CONTACT = N_(
    "The column “{column}” holds contact details (address, telephone or e-mail). Remove it and "
    "upload the file again: the dashboard never takes them."
)
_IDENTIFYING_EXACT: dict[str, str] = {
    **dict.fromkeys(
        _keys(
            "name",
            "full name",
            "first name",
            "given name",
            "middle name",
            "second name",
            "last name",
            "family name",
            "surname",
            "prs_FirstName",  # HTCDS
            "prs_MiddleName",
            "prs_SecondName",
            "cas_CaseOwner",  # HTCDS: the caseworker's name
            "cas_ReferringPrimaryCaseWorker",
            "cas_ReferredPrimaryCaseWorker",
            "case worker",
            "nom",
            "prénom",
            "nom complet",
            "nom de famille",
            "اسم",
            "الاسم",
            "الاسم الكامل",
            "اللقب",
        ),
        _KIND_NAME,
    ),
    **dict.fromkeys(
        _keys("dob", "prs_Birthdate", "date de naissance", "تاريخ الميلاد"), _KIND_BIRTH
    ),
    **dict.fromkeys(
        _keys(
            "id number",
            "national id",
            "identity card",
            "id card",
            "document number",
            "document no",
            "cin",
            "numéro de pièce",
            "جواز السفر",
            "رقم جواز السفر",
            "رقم الهوية",
        ),
        _KIND_DOCUMENT,
    ),
    **dict.fromkeys(
        _keys(
            "address",
            "street",
            "postal code",
            "zip code",
            "prs_MailingStreet",  # HTCDS
            "prs_MailingPostalCode",
            "prs_Email",
            "prs_HomePhone",
            "prs_MobilePhone",
            "adresse",
            "العنوان",
            "الهاتف",
            "البريد الإلكتروني",
        ),
        _KIND_CONTACT,
    ),
}
#: Parts of a column name that always mean it identifies people.
_IDENTIFYING_PARTS: tuple[tuple[str, str], ...] = (
    ("firstname", _KIND_NAME),
    ("lastname", _KIND_NAME),
    ("surname", _KIND_NAME),
    ("fullname", _KIND_NAME),
    ("birthdate", _KIND_BIRTH),
    ("dateofbirth", _KIND_BIRTH),
    ("birthday", _KIND_BIRTH),
    ("naissance", _KIND_BIRTH),
    ("passport", _KIND_DOCUMENT),
    ("passeport", _KIND_DOCUMENT),
    ("phone", _KIND_CONTACT),
    ("telephone", _KIND_CONTACT),
    ("email", _KIND_CONTACT),
)


def identifying_kind(name: object) -> str | None:
    """The refusal message for a column that identifies people, else ``None``.

    Examples
    --------
    >>> identifying_kind("prs_FirstName") is not None, identifying_kind("Date of birth") is not None
    (True, True)
    >>> identifying_kind("citizenship") is None, identifying_kind("Passport No.") is not None
    (True, True)
    """
    key = header_key(name)
    if key in _IDENTIFYING_EXACT:
        return _IDENTIFYING_EXACT[key]
    for part, kind in _IDENTIFYING_PARTS:
        if part in key:
            return kind
    return None


def template_column(name: object) -> str | None:
    """The template column a file's column name stands for, else ``None``.

    Examples
    --------
    >>> template_column("CountryOfExploitation"), template_column("Sexe"), template_column("x")
    ('destination', 'sex', None)
    """
    key = header_key(name)
    for column, keys in ALIASES.items():
        if key in keys:
            return column
    return None


def alias_rank(column: str, name: object) -> int:
    """Where ``name`` comes among ``column``'s recognised names (0 for its own name)."""
    return ALIASES[column].index(header_key(name))
