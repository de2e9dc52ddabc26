"""Classifying the country labels a source publishes, through an explicit alias file.

A source's "citizenship" or "partner country" labels are free text: official names, other
languages, demonyms, misspellings, broken encodings, totals and "unknown". Each distinct label is
listed, by hand, in a CSV file ``label,class,code,comment`` (see ``aliases/``); code here only
normalises spelling variants that cannot change the meaning (surrounding and repeated spaces,
letter case, Unicode composition) and looks labels up. There is no fuzzy matching: a label missing
from the file is an error that names it, so a new spelling is reviewed before it is used.

Classes
-------
``country``
    A country or territory; ``code`` is its ISO 3166-1 alpha-3 code (``XKX`` for Kosovo).
``domestic``
    Nationals of the reporting country ("Nationals", "own country"); ``code`` is empty because the
    country is the reporter, known only row by row.
``unknown``
    Citizenship not known or not stated, including empty labels; ``code`` is ``unknown``.
``group``
    Several countries published as one figure ("Africa others", "M49 Region: Asia"); ``code`` is
    a ``group:<slug>`` token.
``total``
    A total over the other labels; ``code`` is empty and such rows are dropped (double counts).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from dashboard.schemas import ISO3

ALIASES_DIR = Path(__file__).resolve().parent / "aliases"
GLOTIP_LABELS = ALIASES_DIR / "glotip_labels.csv"
#: Participant names of the UN Treaty Collection status tables (``dashboard.pipeline.untreaties``).
UN_PARTICIPANTS = ALIASES_DIR / "un_participants.csv"

CLASSES = ("country", "domestic", "unknown", "group", "total")
ALIAS_COLUMNS = ["label", "class", "code", "comment"]

_GROUP = re.compile(r"^group:[a-z0-9-]+$")
_SPACES = re.compile(r"\s+")

#: Readable English names of the ``group:`` tokens used in the alias files.
GROUP_NAMES: dict[str, str] = {
    "group:africa": "Africa (UN M49 region, countries not stated)",
    "group:africa-others": "Other African countries",
    "group:americas": "Americas (countries not stated)",
    "group:asia": "Asia (UN M49 region, countries not stated)",
    "group:asia-others": "Other Asian countries",
    "group:caribbean": "Caribbean (Trinidad and Tobago, Barbados, etc.)",
    "group:central-africa": "Central Africa (countries not stated)",
    "group:eu-28-others": "Other EU-28 countries",
    "group:europe-others": "Other European countries",
    "group:european-economic-area": "European Economic Area (countries not stated)",
    "group:european-union": "European Union (a party to UN treaties in its own right)",
    "group:former-czechoslovakia": "Former Czechoslovakia",
    "group:former-netherlands-antilles": "Former Netherlands Antilles",
    "group:former-yugoslavia": "Former Yugoslavia",
    "group:niger-tunisia": "Niger and Tunisia (one combined figure)",
    "group:rohingya": "Rohingya (an ethnic group, mostly stateless)",
    "group:stateless": "Stateless persons",
}


class UnclassifiedLabelError(ValueError):
    """Labels missing from the alias file; ``labels`` lists every one of them."""

    def __init__(self, labels: Iterable[str], alias_file: str = "the alias file") -> None:
        self.labels = sorted(set(labels))
        listed = "\n".join(f"  {label!r}" for label in self.labels)
        super().__init__(
            f"{len(self.labels)} label(s) not classified in {alias_file}; add them by hand:\n"
            f"{listed}"
        )


class AliasFileError(ValueError):
    """The alias file itself is inconsistent (bad class, code or duplicate label)."""


def normalise(label: object) -> str:
    """Return the lookup form of a label: NFC, stripped, spaces collapsed, case-folded.

    Missing values (``None``, ``NaN``) become the empty string, which the alias files classify
    explicitly.

    Parameters
    ----------
    label
        A label as published, or a missing value.

    Returns
    -------
    str
        The normalised label.

    Examples
    --------
    >>> normalise("  MORROCAN ")
    'morrocan'
    >>> normalise("Bosnia   and\\tHerzegovina")
    'bosnia and herzegovina'
    >>> normalise(None)
    ''
    """
    if label is None or (not isinstance(label, str) and pd.isna(label)):
        return ""
    text = unicodedata.normalize("NFC", str(label))
    return _SPACES.sub(" ", text.strip()).casefold()


def read_aliases(path: Path = GLOTIP_LABELS) -> pd.DataFrame:
    """Read an alias file (I/O only) and check it with :func:`check_aliases`.

    Parameters
    ----------
    path
        A UTF-8 CSV file with columns ``label,class,code,comment``.

    Returns
    -------
    pandas.DataFrame
        The checked alias table, all columns as text, empty cells as ``""``.
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    return check_aliases(table, source=path.name)


def check_aliases(table: pd.DataFrame, source: str = "alias table") -> pd.DataFrame:
    """Check an alias table and add its ``key`` column (the normalised label).

    Parameters
    ----------
    table
        Columns ``label,class,code,comment`` as text.
    source
        Name used in error messages.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table`` with a ``key`` column.

    Raises
    ------
    AliasFileError
        Listing every problem: unknown class, a code that does not fit its class, a group token
        without a readable name, or two rows whose labels normalise to the same key.
    """
    missing = [c for c in ALIAS_COLUMNS if c not in table.columns]
    if missing:
        raise AliasFileError(f"{source}: missing column(s) {missing}")
    table = table[ALIAS_COLUMNS].fillna("").astype(str).copy()
    table["key"] = table["label"].map(normalise)
    problems: list[str] = []
    for row in table.itertuples(index=False):
        cls, code = row[1], row[2]
        if cls not in CLASSES:
            problems.append(f"{row.label!r}: unknown class {cls!r}")
        elif cls == "country" and not re.fullmatch(ISO3, code):
            problems.append(f"{row.label!r}: country code {code!r} is not ISO3")
        elif cls == "unknown" and code != "unknown":
            problems.append(f"{row.label!r}: class unknown needs code 'unknown', not {code!r}")
        elif cls == "group" and not (_GROUP.fullmatch(code) and code in GROUP_NAMES):
            problems.append(f"{row.label!r}: group code {code!r} is not a named group: token")
        elif cls in ("domestic", "total") and code:
            problems.append(f"{row.label!r}: class {cls} takes no code, got {code!r}")
    duplicated = table[table["key"].duplicated(keep=False)]
    for key, rows in duplicated.groupby("key"):
        problems.append(f"labels {list(rows['label'])} all normalise to {key!r}")
    if problems:
        raise AliasFileError(f"{source}: " + "; ".join(problems))
    return table


def classify(labels: Iterable[object], aliases: pd.DataFrame) -> pd.DataFrame:
    """Classify labels through an alias table.

    Parameters
    ----------
    labels
        Labels as published (missing values allowed: they are looked up as ``""``).
    aliases
        A table from :func:`read_aliases` or :func:`check_aliases`.

    Returns
    -------
    pandas.DataFrame
        One row per input label, in order, with columns ``label`` (as given, missing values as
        ``""``), ``class`` and ``code`` (as in the alias file).

    Raises
    ------
    UnclassifiedLabelError
        Naming every label that the alias table does not list.

    Examples
    --------
    >>> aliases = check_aliases(pd.DataFrame({
    ...     "label": ["Marruecos", "Nationals", ""], "class": ["country", "domestic", "unknown"],
    ...     "code": ["MAR", "", "unknown"], "comment": ["", "", ""]}))
    >>> classify([" MARRUECOS", None], aliases)[["class", "code"]].values.tolist()
    [['country', 'MAR'], ['unknown', 'unknown']]
    """
    if "key" not in aliases.columns:
        aliases = check_aliases(aliases)
    given = pd.Series(list(labels), dtype=object)
    keys = given.map(normalise)
    lookup = aliases.set_index("key")[["class", "code"]]
    unmatched = sorted({str(given[i]) for i in keys.index[~keys.isin(lookup.index)]})
    if unmatched:
        raise UnclassifiedLabelError(unmatched)
    found = lookup.loc[keys.tolist()].reset_index(drop=True)
    return pd.DataFrame(
        {
            "label": given.map(lambda v: "" if normalise(v) == "" else str(v)).astype(str),
            "class": found["class"].astype(str),
            "code": found["code"].astype(str),
        }
    )
