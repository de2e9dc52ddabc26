"""Curated anti-trafficking milestones + the UN treaty snapshot → the ``milestones`` table.

Raw files: ``milestones/milestones.csv`` (curated by hand for the eight focus countries, one
row per dated step with its source and quote; see its README, GAPS.md and SOURCES.md) and the
UN Treaty Collection snapshot read by :mod:`dashboard.pipeline.untreaties`.

Decisions (also written for readers in ``data/meta/curated-milestones.json``)
---------------------------------------------------------------------------
- Curated rows are kept as written: dates to their own precision (``2017-07`` stays a month),
  quotes in their original language, notes with the conflicts their curator found.
- Each row gets an ``action``: for a treaty the word its instrument begins with
  ("Ratification", "Accession" …); ``draft`` for a national instrument described as a draft
  (Lebanon's 2013 plan), else ``adopted``; for the Council of Europe Convention a request to
  accede or its acceptance (neither makes Tunisia a party); ``status`` for a dated statement
  that a country has no specific law. A row that fits no rule stops the build.
- Where a curated row and the UN snapshot give the same treaty action (signature, or becoming a
  party) of one country, the curated row is kept and the UN row left out; every such pair is
  compared and the build prints the differences. UN rows of countries and treaties the curated
  file does not cover are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.pipeline.countries import country_codes
from dashboard.pipeline.rdata import conform
from dashboard.pipeline.untreaties import TREATY_FILES, parse_cell
from dashboard.schemas import (
    MILESTONE_TYPES,
    PARTY_ACTIONS,
    TREATY_MILESTONES,
    date_matches_precision,
)

SOURCE = "curated-milestones"
COLUMNS = [
    "iso3",
    "milestone",
    "date",
    "date_precision",
    "instrument",
    "instrument_fr",
    "body_name",
    "source_title",
    "source_url",
    "source_publisher",
    "quote",
    "note",
]
#: Cells every row must fill: a fact is kept only with its source and the source's words.
REQUIRED = [
    "iso3",
    "milestone",
    "date",
    "date_precision",
    "instrument",
    "source_title",
    "source_url",
    "source_publisher",
    "quote",
]
_OPTIONAL = ["instrument_fr", "body_name", "note"]

#: First word of a curated treaty instrument → the treaty action.
_TREATY_WORDS = {
    "signature": "signature",
    "ratification": "ratification",
    "accession": "accession",
    "acceptance": "acceptance",
    "approval": "approval",
    "succession": "succession",
}
_SIGNED = re.compile(r"\bSigned (\d{1,2} [A-Z][a-z]{2} \d{4})")


class MilestoneFileError(ValueError):
    """The curated file breaks its README (every failing row is listed)."""


def read_curated(path: Path) -> pd.DataFrame:
    """Read the curated file as text (I/O only); empty cells are ``""``."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise MilestoneFileError(f"{path.name} lacks columns {missing}")
    return frame


def curated_action(milestone: str, instrument: str) -> str:
    """The ``action`` of a curated row, from its type and the words of its instrument.

    Raises ``ValueError`` when no rule fits, so that a new kind of row is looked at by a person.

    Examples
    --------
    >>> curated_action("palermo-protocol", "Accession of the Protocol to Prevent …")
    'accession'
    >>> curated_action("national-action-plan", "Draft National Strategy and Action Plan …")
    'draft'
    >>> curated_action("coe-convention", "Request by Tunisia to accede to the Convention")
    'accession-request'
    >>> curated_action("no-specific-law", "None - no specific anti-trafficking law (status)")
    'status'
    """
    words = instrument.strip().split()
    first = words[0].casefold() if words else ""
    if milestone in TREATY_MILESTONES:
        if first in _TREATY_WORDS:
            return _TREATY_WORDS[first]
        raise ValueError(f"{milestone} instrument does not begin with a treaty act: {instrument!r}")
    if milestone == "no-specific-law":
        return "status"
    if milestone == "coe-convention":
        lowered = instrument.casefold()
        if first == "request" and "accede" in lowered:
            return "accession-request"
        if "acceptance of" in lowered and "request to accede" in lowered:
            return "request-accepted"
        if first in ("accession", "ratification"):
            return first
        raise ValueError(f"coe-convention step not recognised: {instrument!r}")
    return "draft" if first == "draft" else "adopted"


def tidy_curated(raw: pd.DataFrame) -> pd.DataFrame:
    """The curated rows in the ``milestones`` schema.

    Raises
    ------
    MilestoneFileError
        Listing every row with an unknown country or type, a missing required cell, a date not
        written to its precision, or an instrument no action rule fits.
    """
    problems = []
    known = country_codes()
    actions = []
    for number, row in enumerate(raw.itertuples(index=False), start=2):  # line 1: header
        where = f"line {number} ({row.iso3} {row.milestone} {row.date})"
        empty = [c for c in REQUIRED if not str(getattr(row, c)).strip()]
        if empty:
            problems.append(f"{where}: empty {', '.join(empty)}")
        if row.iso3 not in known:
            problems.append(f"{where}: unknown country code {row.iso3!r}")
        if row.milestone not in MILESTONE_TYPES:
            problems.append(f"{where}: unknown milestone type {row.milestone!r}")
        if not date_matches_precision(row.date, row.date_precision):
            problems.append(f"{where}: date {row.date!r} is not a {row.date_precision!r} date")
        try:
            actions.append(curated_action(row.milestone, row.instrument))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            actions.append("")
    if problems:
        raise MilestoneFileError("milestones.csv: " + "; ".join(problems))
    out = raw[COLUMNS].copy()
    for column in COLUMNS:
        out[column] = out[column].str.strip()
    out[_OPTIONAL] = out[_OPTIONAL].replace("", np.nan)
    out["action"] = actions
    out["year"] = out["date"].str.slice(0, 4).astype("int64")
    out["as_of"] = np.nan
    out["source"] = SOURCE
    return conform("milestones", out)


def _party(frame: pd.DataFrame) -> pd.Series:
    return frame["action"].isin(PARTY_ACTIONS)


def _treaty_key(frame: pd.DataFrame) -> pd.Series:
    """``iso3|milestone|signature`` or ``iso3|milestone|party`` for each treaty row."""
    step = np.where(frame["action"].eq("signature"), "signature", "party")
    return frame["iso3"] + "|" + frame["milestone"] + "|" + step


def _within(coarse: str, fine: str) -> bool:
    """The day ``fine`` lies in the period ``coarse`` (a day, month or year) names."""
    return fine.startswith(coarse)


def compare(curated: pd.DataFrame, treaties: pd.DataFrame) -> pd.DataFrame:
    """Each curated treaty fact against the UN snapshot.

    Compares every curated treaty row (signature or becoming a party) with the UN row of the
    same country, treaty and step, and every "Signed D Mon YYYY" its note gives with the UN
    signature.

    Returns
    -------
    pandas.DataFrame
        ``iso3, milestone, step, curated, un, as_of, verdict``; ``curated``/``un`` are
        ``"<action> <date>"`` (empty when absent); ``verdict`` is ``agree``, ``differ``,
        ``after the snapshot`` (a curated date later than the UN file: nothing to compare) or
        ``absent from the snapshot`` (a curated date the UN file should have listed).
    """
    un = treaties.assign(key=_treaty_key(treaties)).set_index("key")
    facts = []
    rows = curated[curated["milestone"].isin(TREATY_MILESTONES)]
    for row, key in zip(rows.itertuples(index=False), _treaty_key(rows), strict=True):
        step = key.rsplit("|", 1)[1]
        facts.append((row.iso3, row.milestone, step, row.action, row.date, "row"))
        for signed in _SIGNED.findall(str(row.note) if isinstance(row.note, str) else ""):
            date = parse_cell(signed)[0]  # type: ignore[index] - the pattern is a date
            facts.append((row.iso3, row.milestone, "signature", "signature", date, "note"))
    out = []
    for iso3, milestone, step, action, date, where in facts:
        key = f"{iso3}|{milestone}|{step}"
        snapshot = TREATY_FILES[milestone].as_of
        if key in un.index:
            match = un.loc[[key]].iloc[0]
            same = match["action"] == action and _within(date, match["date"])
            verdict = "agree" if same else "differ"
            found = f"{match['action']} {match['date']}"
        else:
            found = ""
            verdict = "after the snapshot" if date > snapshot else "absent from the snapshot"
        curated_text = f"{action} {date}" + (" (note)" if where == "note" else "")
        out.append((iso3, milestone, step, curated_text, found, snapshot, verdict))
    columns = ["iso3", "milestone", "step", "curated", "un", "as_of", "verdict"]
    return pd.DataFrame(out, columns=columns).drop_duplicates().reset_index(drop=True)


@dataclass(frozen=True)
class MilestoneBuild:
    """The ``milestones`` table and what the build reports about it."""

    table: pd.DataFrame
    comparison: pd.DataFrame
    left_out: pd.DataFrame
    replaced: int


def merge(curated: pd.DataFrame, treaties: pd.DataFrame, left_out: pd.DataFrame) -> MilestoneBuild:
    """Curated rows first; UN rows for every treaty step the curated file does not give.

    Parameters
    ----------
    curated
        From :func:`tidy_curated`.
    treaties
        ``rows`` from :func:`dashboard.pipeline.untreaties.tidy`.
    left_out
        The participants the treaty importer left out (reported with the table).
    """
    covered = set(_treaty_key(curated[curated["milestone"].isin(TREATY_MILESTONES)]))
    replaced = _treaty_key(treaties).isin(covered)
    table = pd.concat([curated, treaties[~replaced]], ignore_index=True)
    table = table.sort_values(["iso3", "date", "milestone", "action"], kind="mergesort")
    return MilestoneBuild(
        table=conform("milestones", table),
        comparison=compare(curated, treaties),
        left_out=left_out,
        replaced=int(replaced.sum()),
    )


def format_report(build: MilestoneBuild) -> str:
    """What the build prints: row counts, every difference from the UN snapshot, what was left
    out."""
    table, comparison = build.table, build.comparison
    curated = table[table["source"] == SOURCE]
    un = table[table["source"] != SOURCE]
    lines = [
        f"Milestones: {len(table):,} rows: {len(curated)} curated "
        f"({curated['iso3'].nunique()} countries) and {len(un):,} from the UN snapshot "
        f"({un['iso3'].nunique()} countries); {build.replaced} UN rows replaced by curated rows",
    ]
    agree = comparison[comparison["verdict"] == "agree"]
    lines.append(
        f"Curated treaty facts against the UN snapshot: {len(agree)} agree "
        f"({(agree['step'] == 'party').sum()} party dates, "
        f"{(agree['step'] == 'signature').sum()} signatures)"
    )
    others = comparison[comparison["verdict"] != "agree"]
    differ = others[others["verdict"] == "differ"]
    lines.append(f"Conflicts (curated kept): {len(differ) or 'none'}")
    for row in others.itertuples(index=False):
        un_text = row.un or f"not listed in the file of {row.as_of}"
        lines.append(
            f"  {row.verdict}: {row.iso3} {row.milestone} {row.step}: "
            f"curated {row.curated}; UN {un_text}"
        )
    if len(build.left_out):
        grouped = build.left_out.groupby("participant", sort=True)
        for participant, rows in grouped:
            steps = ", ".join(f"{r.milestone} {r.action} {r.date}" for r in rows.itertuples())
            lines.append(f"Left out (not a state): {participant}: {steps}")
    return "\n".join(lines)
