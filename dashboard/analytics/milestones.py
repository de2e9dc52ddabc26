"""Anti-trafficking milestones: timelines, first dates, the Protocol-to-law gap, the parties to
a treaty in a year, and institutional convergence.

Pure functions on the ``milestones`` table (:class:`dashboard.schemas.Milestones`); no Dash, no
I/O. Results hold codes (countries, types, states), never words: the text layer writes them.

How the rows are read
---------------------
- A goal is *reached* by a row whose action is a party act (a treaty, the Council of Europe
  Convention) or ``adopted``. Signatures, drafts, requests to accede and status statements are
  steps: timelines show them, they reach nothing.
- Years are compared as years: "by 2014" means in 2014 or before, so a date known only to the
  month or the year is never placed on a day.
- A goal with no row for a country is *not known*, never "not adopted". A ``no-specific-law``
  row says there was no specific law at its date, and nothing about other years.
- A row of the UN snapshot says what the UN listed on its ``as_of`` day. A party by then is a
  party "as of the snapshot" in the snapshot's year and after (later changes were not checked);
  a country the snapshot does not list as a party is "not a party as of the snapshot": before
  the snapshot's year it was not a party, after it nothing is known. The parties to a treaty
  in a year are :func:`dashboard.analytics.treaty_parties.parties_in_year`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.schemas import MILESTONE_TYPES, PARTY_ACTIONS, TREATY_MILESTONES

#: Actions that reach their milestone (see the module's docstring).
REACHING_ACTIONS = frozenset({*PARTY_ACTIONS, "adopted"})
#: What convergence counts: each goal is reached by the first row of any of its types.
GOALS: dict[str, tuple[str, ...]] = {
    **{kind: (kind,) for kind in MILESTONE_TYPES if kind != "no-specific-law"},
    "strategy-or-plan": ("national-strategy", "national-action-plan"),
}
DEFAULT_GOALS = ("palermo-protocol", "national-law", "coordination-body", "strategy-or-plan")
#: A goal's state in a year (:func:`goal_states`).
GOAL_STATES = ("reached", "not-yet", "not-reached", "unknown")
_TYPE_ORDER = {kind: i for i, kind in enumerate(MILESTONE_TYPES)}


def period(date: str, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of what a date written to ``precision`` can mean.

    Examples
    --------
    >>> [d.strftime("%Y-%m-%d") for d in period("2009-02", "month")]
    ['2009-02-01', '2009-02-28']
    >>> [d.strftime("%Y-%m-%d") for d in period("2013", "year")]
    ['2013-01-01', '2013-12-31']
    """
    start = pd.Timestamp(date if precision == "day" else date + ("-01" if len(date) == 7 else ""))
    if precision == "day":
        return start, start
    offset = pd.offsets.MonthEnd(0) if precision == "month" else pd.offsets.YearEnd(0)
    return start, start + offset


def midpoint(date: str, precision: str) -> str:
    """The middle day of a date's period (where a chart can place it), as ``YYYY-MM-DD``.

    Examples
    --------
    >>> midpoint("2013", "year"), midpoint("2017-07", "month"), midpoint("2016-08-03", "day")
    ('2013-07-02', '2017-07-16', '2016-08-03')
    """
    start, end = period(date, precision)
    return (start + (end - start) / 2).strftime("%Y-%m-%d")


def kind_of(action: str) -> str:
    """``reached``, ``status`` (a statement of no specific law) or ``step`` (anything else)."""
    if action in REACHING_ACTIONS:
        return "reached"
    return "status" if action == "status" else "step"


def select(
    milestones: pd.DataFrame, countries: Sequence[str] = (), milestone: str | None = None
) -> pd.DataFrame:
    """Rows of ``countries`` (all when empty) and of one ``milestone`` type (all when None).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["TUN", "MAR"], "milestone": ["untoc", "national-law"]})
    >>> select(rows, ["MAR"])["milestone"].tolist(), len(select(rows, milestone="untoc"))
    (['national-law'], 1)
    """
    keep = pd.Series(True, index=milestones.index)
    if countries:
        keep &= milestones["iso3"].isin(countries)
    if milestone is not None:
        keep &= milestones["milestone"] == milestone
    return milestones[keep]


def timeline(milestones: pd.DataFrame, countries: Sequence[str]) -> pd.DataFrame:
    """Every row of ``countries`` in date order (countries in the order given).

    Returns
    -------
    pandas.DataFrame
        The rows with ``kind`` (:func:`kind_of`), ``start``/``end`` (the period the date can
        mean) and ``mid`` (its middle day, where a chart places it; never shown as a date).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["TUN", "TUN"], "milestone": ["national-law", "untoc"],
    ...     "action": ["adopted", "ratification"], "date": ["2016-08-03", "2003"],
    ...     "date_precision": ["day", "year"]})
    >>> timeline(rows, ["TUN"])[["milestone", "kind", "mid"]].values.tolist()
    [['untoc', 'reached', '2003-07-02'], ['national-law', 'reached', '2016-08-03']]
    """
    rows = milestones[milestones["iso3"].isin(countries)].copy()
    periods = [period(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)]
    rows["start"] = [start for start, _ in periods]
    rows["end"] = [end for _, end in periods]
    rows["mid"] = [
        midpoint(d, p) for d, p in zip(rows["date"], rows["date_precision"], strict=True)
    ]
    rows["kind"] = rows["action"].map(kind_of)
    order = {code: i for i, code in enumerate(countries)}
    rows["_country"] = rows["iso3"].map(order)
    rows["_type"] = rows["milestone"].map(_TYPE_ORDER)
    rows = rows.sort_values(["_country", "start", "_type"], kind="mergesort")
    return rows.drop(columns=["_country", "_type"]).reset_index(drop=True)


def snapshot_dates(milestones: pd.DataFrame) -> dict[str, str]:
    """Treaty → the day its UN snapshot was taken (the latest ``as_of`` of its rows).

    Examples
    --------
    >>> rows = pd.DataFrame({"milestone": ["untoc", "untoc"], "as_of": ["2014-01-27", None]})
    >>> snapshot_dates(rows)
    {'untoc': '2014-01-27'}
    """
    dated = milestones.dropna(subset=["as_of"])
    return {str(k): str(v) for k, v in dated.groupby("milestone")["as_of"].max().items()}


_FIRST_DAY = {"day": "", "month": "-01", "year": "-01-01"}


def start_keys(rows: pd.DataFrame) -> pd.Series:
    """The first day each row's date can mean, as ``YYYY-MM-DD`` text (which sorts as dates do).

    Examples
    --------
    >>> rows = pd.DataFrame({"date": ["2013", "2017-07", "2016-08-03"],
    ...                      "date_precision": ["year", "month", "day"]})
    >>> start_keys(rows).tolist()
    ['2013-01-01', '2017-07-01', '2016-08-03']
    """
    return (rows["date"] + rows["date_precision"].map(_FIRST_DAY)).astype("str")


def first_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Each country's earliest row (by the start of its period), indexed by country."""
    ordered = rows.assign(_start=start_keys(rows)).sort_values(["iso3", "_start"], kind="mergesort")
    return ordered.drop_duplicates("iso3").drop(columns="_start").set_index("iso3")


def first_reached(
    milestones: pd.DataFrame, countries: Sequence[str], goals: Sequence[str] = DEFAULT_GOALS
) -> pd.DataFrame:
    """For each country and goal, when it was first reached, or what is known instead.

    Returns
    -------
    pandas.DataFrame
        One row per country × goal (in the orders given): ``iso3, goal, state, date,
        date_precision, year, milestone, action, instrument, source_url``. ``state``:

        - ``reached``: the first reaching row (``date`` is its date);
        - ``no-law-stated``: no specific law, as a source stated at ``date`` (the latest
          ``no-specific-law`` row; national law only);
        - ``not-party-as-of-snapshot``: a treaty the UN snapshot of ``date`` does not list the
          country as a party to;
        - ``steps-only``: rows, none reaching (a signature, a draft, a request): ``date`` is the
          latest step;
        - ``not-known``: no row at all (``date`` empty).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["LBY", "LBY"], "milestone": ["untoc", "no-specific-law"],
    ...     "action": ["ratification", "status"], "date": ["2004-06-18", "2022-06"],
    ...     "date_precision": ["day", "month"], "instrument": ["…", "…"],
    ...     "source_url": ["u1", "u2"], "as_of": [None, None]})
    >>> first = first_reached(rows, ["LBY"], ["untoc", "national-law", "coordination-body"])
    >>> first[["goal", "state", "date"]].fillna("").values.tolist()
    [['untoc', 'reached', '2004-06-18'], ['national-law', 'no-law-stated', '2022-06'], \
['coordination-body', 'not-known', '']]
    """
    snapshots = snapshot_dates(milestones)
    rows = milestones[milestones["iso3"].isin(countries)]
    # Plain Python over the chosen rows, in the order of their periods' starts (a stable sort).
    fields = [c for c in ("iso3", *_ROW_FIELDS) if c in rows.columns]
    values = zip(*(rows[c].tolist() for c in fields), strict=True)
    records = [dict(zip(fields, r, strict=True)) for r in values]
    starts = start_keys(rows).tolist()
    served = _goals_of_types(goals)
    first: dict[tuple, dict] = {}  # (iso3, goal) → its first reaching row
    steps: dict[tuple, dict] = {}  # (iso3, goal) → its latest row reaching nothing
    statements: dict[tuple, dict] = {}  # (iso3,) → its latest no-specific-law row
    for i in sorted(range(len(records)), key=starts.__getitem__):
        row = records[i]
        for goal in served.get(row["milestone"], ()):
            if row["action"] in REACHING_ACTIONS:
                first.setdefault((row["iso3"], goal), row)
            else:
                steps[(row["iso3"], goal)] = row
        if row["milestone"] == "no-specific-law":
            statements[(row["iso3"],)] = row
    out = []
    for code in countries:
        for goal in goals:
            state, row = "not-known", None
            if (code, goal) in first:
                state, row = "reached", first[(code, goal)]
            elif goal == "national-law" and (code,) in statements:
                state, row = "no-law-stated", statements[(code,)]
            elif goal in TREATY_MILESTONES and goal in snapshots:
                state = "not-party-as-of-snapshot"
                row = {"date": snapshots[goal], "date_precision": "day"}
            elif (code, goal) in steps:
                state, row = "steps-only", steps[(code, goal)]
            out.append(_first_row(code, goal, state, row))
    frame = pd.DataFrame(out, columns=[*_FIRST_COLUMNS])
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _goals_of_types(goals: Sequence[str]) -> dict[str, list[str]]:
    """Milestone type → the ``goals`` (in their order) a row of that type serves."""
    served: dict[str, list[str]] = {}
    for goal in goals:
        for kind in GOALS[goal]:
            served.setdefault(kind, []).append(goal)
    return served


_FIRST_COLUMNS = ("iso3", "goal", "state", "date", "date_precision", "year", "milestone")
_FIRST_COLUMNS += ("action", "instrument", "source_url")
_ROW_FIELDS = ("date", "date_precision", "milestone", "action", "instrument", "source_url")


def _first_row(code: str, goal: str, state: str, row) -> dict:
    record = dict.fromkeys(_FIRST_COLUMNS)
    record.update(iso3=code, goal=goal, state=state)
    if row is not None:
        for column in _ROW_FIELDS:
            record[column] = row.get(column)
        record["year"] = int(str(row["date"])[:4])
    return record


def goal_states(
    milestones: pd.DataFrame,
    countries: Sequence[str],
    goals: Sequence[str] = DEFAULT_GOALS,
    years: Sequence[int] = (),
) -> pd.DataFrame:
    """Each country's state towards each goal at the end of each year.

    ``reached`` (a reaching row in that year or before), ``not-yet`` (first reached in a later
    year), ``not-reached`` (a source says so for that year: a ``no-specific-law`` statement of
    that year, or a treaty the UN snapshot does not list the country as a party to, for a year
    before the snapshot's) or ``unknown`` (anything else: a missing row is never "not reached").

    Returns
    -------
    pandas.DataFrame
        ``iso3, goal, year, state``, countries, goals and years in the orders given.

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["LBY", "LBY"], "milestone": ["no-specific-law"] * 2,
    ...     "action": ["status"] * 2, "date": ["2013-04-05", "2017-12-29"],
    ...     "date_precision": ["day"] * 2, "as_of": [None, None]})
    >>> goal_states(rows, ["LBY"], ["national-law"], range(2012, 2019))["state"].tolist()
    ['unknown', 'not-reached', 'unknown', 'unknown', 'unknown', 'not-reached', 'unknown']
    """
    snapshots = snapshot_dates(milestones)
    chosen = milestones[milestones["iso3"].isin(countries)]
    # Plain Python over the chosen rows: the table is small, pandas per goal cost ~1 ms each.
    served = _goals_of_types(goals)
    stated: dict[str, set[str]] = {}
    first: dict[tuple[str, str], int] = {}
    columns = (chosen[c].tolist() for c in ("iso3", "milestone", "action", "date"))
    for code, kind, action, date in zip(*columns, strict=True):
        if kind == "no-specific-law":
            stated.setdefault(code, set()).add(date[:4])
        if action in REACHING_ACTIONS and kind in served:
            year = int(date[:4])
            for goal in served[kind]:
                first[(code, goal)] = min(year, first.get((code, goal), year))
    out = []
    for code in countries:
        statements = stated.get(code, set())
        for goal in goals:
            reached = first.get((code, goal))
            snapshot_year = int(snapshots[goal][:4]) if goal in snapshots else None
            for year in years:
                stated_that_year = goal == "national-law" and str(year) in statements
                before_snapshot = snapshot_year is not None and year < snapshot_year
                if reached is not None:
                    state = "reached" if reached <= year else "not-yet"
                elif stated_that_year or before_snapshot:
                    state = "not-reached"
                else:
                    state = "unknown"
                out.append((code, goal, int(year), state))
    return pd.DataFrame(out, columns=["iso3", "goal", "year", "state"])


def convergence(
    milestones: pd.DataFrame,
    countries: Sequence[str],
    goals: Sequence[str] = DEFAULT_GOALS,
    years: Sequence[int] = (),
) -> pd.DataFrame:
    """How many of ``goals`` each country had reached by each year, the rest kept apart.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, reached, not_yet, not_reached, unknown, goals`` (counts; ``goals`` is
        how many were asked about) and ``reached_goals``/``unknown_goals`` (the goals joined
        by ``;``, in the order given).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["JOR", "JOR"], "milestone": ["national-law", "untoc"],
    ...     "action": ["adopted", "ratification"], "date": ["2009-03-01", "2009-05-22"],
    ...     "date_precision": ["day", "day"], "as_of": [None, None]})
    >>> convergence(rows, ["JOR"], ["national-law", "coordination-body"], [2008, 2009])[
    ...     ["year", "reached", "not_yet", "unknown", "unknown_goals"]].values.tolist()
    [[2008, 0, 1, 1, 'coordination-body'], [2009, 1, 0, 1, 'coordination-body']]
    """
    states = goal_states(milestones, countries, goals, years)
    columns = ["iso3", "year", "reached", "not_yet", "not_reached", "unknown", "goals"]
    columns += ["reached_goals", "unknown_goals"]
    if states.empty:
        return pd.DataFrame(columns=columns)
    # Counted in plain Python (a crosstab and two group-bys cost ~25 ms on these few rows).
    column_of = dict(zip(GOAL_STATES, range(4), strict=True))
    rows: dict[tuple[str, int], list] = {}
    for code, goal, year, state in states.itertuples(index=False):
        row = rows.setdefault((code, year), [0, 0, 0, 0, [], []])
        row[column_of[state]] += 1
        if state in ("reached", "unknown"):
            row[4 if state == "reached" else 5].append(goal)
    # Countries in the order given, years ascending.
    order = {code: i for i, code in enumerate(countries)}
    keys = sorted(rows, key=lambda key: (order[key[0]], key[1]))
    out = [[*key, *rows[key][:4], len(goals), *map(";".join, rows[key][4:])] for key in keys]
    return pd.DataFrame(out, columns=columns)


@dataclass(frozen=True)
class AllReached:
    """By which year every country had reached every goal, and what stands in the way."""

    countries: tuple[str, ...]
    goals: tuple[str, ...]
    #: The year the last country reached its last goal; None while any is pending.
    year: int | None
    #: Each country → the year it had reached all goals (None while any is pending).
    by_country: dict[str, int | None]
    #: ``(iso3, goal, state)`` for every goal not reached at any known date, ``state`` as in
    #: :func:`first_reached` (``not-known``, ``no-law-stated``, ``steps-only`` …).
    pending: tuple[tuple[str, str, str], ...]

    @property
    def last(self) -> tuple[str, ...]:
        """The countries that were last to reach all goals (in ``year``)."""
        if self.year is None:
            return ()
        return tuple(c for c in self.countries if self.by_country[c] == self.year)


def all_reached(
    milestones: pd.DataFrame, countries: Sequence[str], goals: Sequence[str] = DEFAULT_GOALS
) -> AllReached:
    """By which year all ``countries`` had reached all ``goals`` (e.g. a specific law and a
    coordination body).

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["TUN", "TUN", "MAR"],
    ...     "milestone": ["national-law", "coordination-body", "national-law"],
    ...     "action": ["adopted"] * 3, "date": ["2016-08-03", "2017", "2016-08-25"],
    ...     "date_precision": ["day", "year", "day"], "instrument": ["…"] * 3,
    ...     "source_url": ["u"] * 3, "as_of": [None] * 3})
    >>> done = all_reached(rows, ["TUN", "MAR"], ["national-law", "coordination-body"])
    >>> done.year, done.by_country, done.pending
    (None, {'TUN': 2017, 'MAR': None}, (('MAR', 'coordination-body', 'not-known'),))
    >>> all_reached(rows, ["TUN"], ["national-law", "coordination-body"]).last
    ('TUN',)
    """
    first = first_reached(milestones, countries, goals)
    pending = tuple(
        (r.iso3, r.goal, r.state) for r in first.itertuples(index=False) if r.state != "reached"
    )
    years: dict[str, list] = {code: [] for code in countries}
    for code, state, year in zip(first["iso3"], first["state"], first["year"], strict=True):
        years[code].append(year if state == "reached" else None)
    by_country: dict[str, int | None] = {
        code: int(max(own)) if own and None not in own else None for code, own in years.items()
    }
    complete = all(year is not None for year in by_country.values())
    year = max(by_country.values()) if complete and by_country else None  # type: ignore[type-var]
    return AllReached(tuple(countries), tuple(goals), year, by_country, pending)


def protocol_law_gaps(milestones: pd.DataFrame, countries: Sequence[str]) -> pd.DataFrame:
    """The years between becoming a party to the Trafficking Protocol and a specific law.

    Years are counted between calendar years (``law_year - protocol_year``): dates known only to
    the month or year allow no finer count. Negative when the law came first.

    Returns
    -------
    pandas.DataFrame
        One row per country (in the order given): ``iso3, state, protocol_date,
        protocol_precision, protocol_year, law_date, law_precision, law_year, years,
        law_first`` (True/False when the two periods do not overlap, else missing),
        ``status_date, status_precision, status_year`` (the latest "no specific law"
        statement) and ``years_at_least`` (from the Protocol to that statement). ``state``:
        ``both``, ``no-law-stated``, ``law-not-known``, ``protocol-not-known`` or
        ``neither-known``.

    Examples
    --------
    >>> rows = pd.DataFrame({"iso3": ["JOR", "JOR", "PSE"],
    ...     "milestone": ["national-law", "palermo-protocol", "palermo-protocol"],
    ...     "action": ["adopted", "accession", "accession"],
    ...     "date": ["2009-03-01", "2009-06-11", "2017-12-06"], "date_precision": ["day"] * 3,
    ...     "instrument": ["…"] * 3, "source_url": ["u"] * 3, "as_of": [None] * 3})
    >>> gaps = protocol_law_gaps(rows, ["JOR", "PSE"])
    >>> gaps[["iso3", "state", "years", "law_first"]].values.tolist()
    [['JOR', 'both', 0, True], ['PSE', 'law-not-known', <NA>, <NA>]]
    """
    first = first_reached(milestones, countries, ["palermo-protocol", "national-law"])
    first = first.set_index(["iso3", "goal"])
    out = []
    for code in countries:
        protocol, law = first.loc[(code, "palermo-protocol")], first.loc[(code, "national-law")]
        has_protocol, has_law = protocol["state"] == "reached", law["state"] == "reached"
        record = {"iso3": code}
        for prefix, row, known in (("protocol", protocol, has_protocol), ("law", law, has_law)):
            record[f"{prefix}_date"] = row["date"] if known else None
            record[f"{prefix}_precision"] = row["date_precision"] if known else None
            record[f"{prefix}_year"] = row["year"] if known else None
        stated = law["state"] == "no-law-stated"
        record["status_date"] = law["date"] if stated else None
        record["status_precision"] = law["date_precision"] if stated else None
        record["status_year"] = law["year"] if stated else None
        record["years"] = law["year"] - protocol["year"] if has_protocol and has_law else None
        record["years_at_least"] = (
            law["year"] - protocol["year"] if has_protocol and stated else None
        )
        record["law_first"] = _before(law, protocol) if has_protocol and has_law else None
        if has_protocol and has_law:
            record["state"] = "both"
        elif has_protocol:
            record["state"] = "no-law-stated" if stated else "law-not-known"
        else:
            record["state"] = "protocol-not-known" if has_law else "neither-known"
        out.append(record)
    columns = ["iso3", "state", "protocol_date", "protocol_precision", "protocol_year"]
    columns += ["law_date", "law_precision", "law_year", "years", "law_first"]
    columns += ["status_date", "status_precision", "status_year", "years_at_least"]
    frame = pd.DataFrame(out, columns=columns)
    for column in ("protocol_year", "law_year", "status_year", "years", "years_at_least"):
        frame[column] = frame[column].astype("Int64")
    frame["law_first"] = frame["law_first"].astype("boolean")
    return frame


def _before(first: pd.Series, second: pd.Series) -> bool | None:
    """Whether ``first``'s period ends before ``second``'s begins (None when they overlap)."""
    a_start, a_end = period(first["date"], first["date_precision"])
    b_start, b_end = period(second["date"], second["date_precision"])
    if a_end < b_start:
        return True
    if b_end < a_start:
        return False
    return None
