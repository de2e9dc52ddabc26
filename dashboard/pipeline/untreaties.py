"""UN Treaty Collection status of UNTOC and its two protocols → treaty rows of ``milestones``.

Raw files (``untreaties/``): one CSV per treaty, as scraped from the UN Treaty Collection's
status pages by the public repository ``zmjones/untreaties`` (commit 003ce13 of 14 Mar 2015),
with columns ``Participant``, ``Signature`` and ``Ratification, Acceptance(A), Approval(AA),
Accession(a), Succession(d)``; ``index.csv`` names each treaty and its UN address.

Decisions (also written for readers in ``data/meta/un-treaties.json``)
----------------------------------------------------------------------
- Every participant is kept, not only the focus countries; each non-empty date cell is one row
  (a signature, or the act by which the state became a party).
- The letter after a date says how the state became a party: none = ratification, ``a``
  accession, ``A`` acceptance, ``AA`` approval, ``d`` succession. A cell in any other form is an
  error naming the file and participant, never skipped.
- Participant names go to ISO3 through the hand-made alias file
  ``aliases/un_participants.csv``; footnote digits the UN prints after a name ("Denmark3",
  "China 1, 2") are removed first. A name missing from the file stops the build, naming it.
  Participants that are not states (the European Union) are left out and listed by the build.
- Each row carries ``as_of``, the day its file last changed: the row says what the UN listed
  that day and nothing later. A participant absent from a file is "not a party as of" that day,
  never "not a party".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np
import pandas as pd

from dashboard.pipeline.labels import UN_PARTICIPANTS, UnclassifiedLabelError, classify
from dashboard.pipeline.rdata import conform

SOURCE = "un-treaties"
PARTICIPANT = "Participant"
SIGNATURE = "Signature"
PARTY = "Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
COLUMNS = [PARTICIPANT, SIGNATURE, PARTY]
INDEX_FILE = "index.csv"


@dataclass(frozen=True)
class TreatyFile:
    """One raw status file: its milestone type, ``index.csv`` number and last change."""

    file: str
    treaty_no: str
    #: The day the file last changed in the scrape's history (raw README and GAPS.md: "The
    #: files themselves last changed on 27 Jan 2014 (18-12, 18-12-a) and 10 Jul 2014 (18-12-b)").
    as_of: str


TREATY_FILES: dict[str, TreatyFile] = {
    "untoc": TreatyFile("18-12.csv", "12", "2014-01-27"),
    "palermo-protocol": TreatyFile("18-12-a.csv", "12.a", "2014-01-27"),
    "smuggling-protocol": TreatyFile("18-12-b.csv", "12.b", "2014-07-10"),
}

#: The UN's mark after a date → how the state became a party.
MARKS = {
    "": "ratification",
    "a": "accession",
    "A": "acceptance",
    "AA": "approval",
    "d": "succession",
}
#: Words before the treaty's title in the ``instrument`` column.
ACTION_WORDS = {
    "signature": "Signature of the",
    "ratification": "Ratification of the",
    "accession": "Accession to the",
    "acceptance": "Acceptance of the",
    "approval": "Approval of the",
    "succession": "Succession to the",
}
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
PUBLISHER = (
    "United Nations Treaty Collection (Office of Legal Affairs), as scraped by "
    "zmjones/untreaties (commit 003ce13, March 2015)"
)

_CELL = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: (a|A|AA|d))?$")
_FOOTNOTE = re.compile(r"\s*\d+(?:\s*,\s*\d+)*\s*$")
_SUPPLEMENTING = (
    ", supplementing the United Nations Convention against Transnational Organized Crime"
)


class TreatyStatusError(ValueError):
    """A status file that cannot be read as published (every bad cell is listed)."""


@dataclass(frozen=True)
class TreatyRows:
    """What the status files give: the ``milestones`` rows and the participants left out."""

    rows: pd.DataFrame
    #: Participants that are not states: ``participant, code, milestone, action, date``.
    left_out: pd.DataFrame


def read_status(path: Path) -> pd.DataFrame:
    """Read one status file as text (I/O only); empty cells are ``""``."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != COLUMNS:
        found = list(frame.columns)
        raise TreatyStatusError(f"{path.name}: expected columns {COLUMNS}, got {found}")
    return frame


def read_index(path: Path) -> pd.DataFrame:
    """Read ``index.csv`` (the treaties' names and UN addresses) as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def read_raw(folder: Path) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Every status file of :data:`TREATY_FILES` (by milestone type) and the index."""
    raw = {kind: read_status(folder / spec.file) for kind, spec in TREATY_FILES.items()}
    return raw, read_index(folder / INDEX_FILE)


def participant_label(name: str) -> str:
    """A participant's name without the footnote digits the UN prints after it.

    Examples
    --------
    >>> participant_label("Denmark3"), participant_label("China 1, 2"), participant_label("Chad")
    ('Denmark', 'China', 'Chad')
    """
    return _FOOTNOTE.sub("", name.strip())


def parse_cell(cell: str) -> tuple[str, str] | None:
    """A date cell as published → ``(ISO date, action)``; ``None`` for an empty cell.

    The action is what the trailing mark says (:data:`MARKS`); a signature cell has none, and
    the caller names it. Raises ``ValueError`` for a cell in any other form.

    Examples
    --------
    >>> parse_cell("25 Apr 2011 a"), parse_cell("6 Sep 2006 AA"), parse_cell("14 Jul 2003")
    (('2011-04-25', 'accession'), ('2006-09-06', 'approval'), ('2003-07-14', 'ratification'))
    >>> parse_cell(" ") is None
    True
    """
    cell = cell.strip()
    if not cell:
        return None
    match = _CELL.fullmatch(cell)
    if match is None or match.group(2) not in MONTHS:
        raise ValueError(f"not a date with an optional a/A/AA/d mark: {cell!r}")
    day, month, year, mark = match.groups()
    iso = pd.Timestamp(int(year), MONTHS[month], int(day)).strftime("%Y-%m-%d")
    return iso, MARKS[mark or ""]


def treaty_names(index: pd.DataFrame) -> dict[str, tuple[str, str, str]]:
    """Milestone type → ``(UN number, title, address)`` for each treaty the index lists (the
    title ends with the place and date of adoption, in brackets).

    Examples
    --------
    >>> index = pd.DataFrame({"treaty_no": ["12.a"], "url": [
    ...     "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a"],
    ...     "treaty_name": ["Protocol to Prevent Trafficking, supplementing the United Nations "
    ...                     "Convention against Transnational Organized Crime. New York, 15 "
    ...                     "November 2000"]})
    >>> treaty_names(index)["palermo-protocol"][:2]
    ('XVIII-12-a', 'Protocol to Prevent Trafficking (New York, 15 November 2000)')
    """
    names = {}
    by_number = index.set_index("treaty_no")
    for kind, spec in TREATY_FILES.items():
        if spec.treaty_no not in by_number.index:
            continue
        row = by_number.loc[spec.treaty_no]
        title, _, signed = str(row["treaty_name"]).rpartition(". ")
        title = title.replace(_SUPPLEMENTING, "")
        number = parse_qs(urlparse(str(row["url"])).query).get("mtdsg_no", [spec.treaty_no])[0]
        names[kind] = (number, f"{title} ({signed})" if signed else title, str(row["url"]))
    return names


def _classify(labels: list[str], aliases: pd.DataFrame | None) -> pd.DataFrame:
    try:
        if aliases is None:
            from dashboard.pipeline.labels import read_aliases

            aliases = read_aliases(UN_PARTICIPANTS)
        return classify(labels, aliases)
    except UnclassifiedLabelError as exc:
        raise UnclassifiedLabelError(exc.labels, f"aliases/{UN_PARTICIPANTS.name}") from None


def _long(kind: str, raw: pd.DataFrame) -> pd.DataFrame:
    """One row per non-empty date cell: ``participant, column, cell, date, action``."""
    rows, problems = [], []
    for record in raw.itertuples(index=False):
        participant, signature, party = record
        for column, cell in ((SIGNATURE, signature), (PARTY, party)):
            try:
                parsed = parse_cell(cell)
            except ValueError as exc:
                problems.append(f"{participant!r} {column}: {exc}")
                continue
            if parsed is not None:
                action = "signature" if column == SIGNATURE else parsed[1]
                has_party = bool(party.strip())
                rows.append((participant, column, cell.strip(), parsed[0], action, has_party))
    if problems:
        raise TreatyStatusError(f"{TREATY_FILES[kind].file}: " + "; ".join(problems))
    columns = ["participant", "column", "cell", "date", "action", "has_party"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["milestone"] = kind
    return frame


def _note(action: str, has_party: bool, as_of: str) -> str:
    what = "date of signature" if action == "signature" else "date the instrument was deposited"
    note = (
        f"UN Treaty Collection status as scraped (file last changed {as_of}): {what}; "
        "anything after that day is not known."
    )
    if action == "signature" and not has_party:
        note += (
            " No ratification, acceptance, approval, accession or succession was listed that day."
        )
    return note


def tidy(
    raw: Mapping[str, pd.DataFrame], index: pd.DataFrame, aliases: pd.DataFrame | None = None
) -> TreatyRows:
    """The treaty rows of every participant, in the ``milestones`` schema.

    Parameters
    ----------
    raw
        Milestone type (``untoc``, ``palermo-protocol``, ``smuggling-protocol``) → its status
        file as read by :func:`read_status`.
    index
        ``index.csv`` (treaty names and addresses).
    aliases
        The participant alias table (default: ``aliases/un_participants.csv``).

    Returns
    -------
    TreatyRows
        ``rows`` in the ``milestones`` schema, one per signature or party date; ``left_out``
        lists the participants that are not states.

    Raises
    ------
    TreatyStatusError
        For a date cell in another form, a date after the file's last change, or one country
        listed twice with different dates.
    dashboard.pipeline.labels.UnclassifiedLabelError
        Naming every participant missing from the alias file.
    """
    names = treaty_names(index)
    missing = sorted(set(raw) - set(names))
    if missing:
        raise TreatyStatusError(f"{INDEX_FILE} does not list {missing}")
    long = pd.concat([_long(kind, frame) for kind, frame in raw.items()], ignore_index=True)
    labels = [participant_label(p) for p in long["participant"]]
    classes = _classify(labels, aliases)
    long["class"], long["code"] = classes["class"].to_numpy(), classes["code"].to_numpy()
    long["as_of"] = long["milestone"].map({k: s.as_of for k, s in TREATY_FILES.items()})
    late = long[long["date"] > long["as_of"]]
    if len(late):
        found = [f"{r.participant} {r.milestone} {r.date}" for r in late.itertuples()]
        raise TreatyStatusError(f"dates after their file's last change: {', '.join(found)}")
    states = long[long["class"] == "country"]
    left_out = long[long["class"] != "country"][["participant", "code", "milestone", "action"]]
    left_out = left_out.assign(date=long.loc[left_out.index, "date"]).reset_index(drop=True)
    key = ["code", "milestone", "action"]
    dates = states.groupby(key)["date"].nunique()
    if (dates > 1).any():
        found = [" ".join(k) for k in dates.index[dates > 1]]
        raise TreatyStatusError(f"countries listed twice with different dates: {found}")
    states = states.drop_duplicates(key)  # a row the scrape repeats is one fact
    out = pd.DataFrame(
        {
            "iso3": states["code"],
            "milestone": states["milestone"],
            "action": states["action"],
            "date": states["date"],
            "date_precision": "day",
            "year": states["date"].str.slice(0, 4).astype("int64"),
            "instrument": [
                f"{ACTION_WORDS[a]} {names[m][1]}"
                for a, m in zip(states["action"], states["milestone"], strict=True)
            ],
            "instrument_fr": np.nan,
            "body_name": np.nan,
            "source_title": [
                f"UN Treaty Collection, Status of Treaties, {names[m][0]}: "
                f"{names[m][1].rsplit(' (', 1)[0]} (scraped status, file last changed {as_of})"
                for m, as_of in zip(states["milestone"], states["as_of"], strict=True)
            ],
            "source_url": states["milestone"].map({k: v[2] for k, v in names.items()}),
            "source_publisher": PUBLISHER,
            "quote": [
                f"{p} — {c}: {cell}"
                for p, c, cell in zip(
                    states["participant"], states["column"], states["cell"], strict=True
                )
            ],
            "note": [
                _note(a, has, as_of)
                for a, has, as_of in zip(
                    states["action"], states["has_party"], states["as_of"], strict=True
                )
            ],
            "as_of": states["as_of"],
            "source": SOURCE,
        }
    )
    out = out.sort_values(["iso3", "date", "milestone", "action"], kind="mergesort")
    return TreatyRows(conform("milestones", out), left_out)
