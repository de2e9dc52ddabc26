"""The Reforms view: each country's anti-trafficking milestones and the world's parties to the
UN treaties.

Four charts: one country's timeline (its milestones by type, a marker chosen by a click), the
chosen countries side by side on one time axis, the years from the Trafficking Protocol to a
specific law, and a world map of the parties to a treaty at the end of a year. A milestone with
no row is not known, never "not adopted" (see :mod:`dashboard.analytics.milestones`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analytics.milestones import first_reached, protocol_law_gaps, timeline
from dashboard.analytics.treaty_parties import parties_in_year
from dashboard.dataset import Dataset
from dashboard.export import MILESTONE_COLUMNS, milestones_export
from dashboard.schemas import PARTY_ACTIONS, TREATY_MILESTONES
from dashboard.state import Context, ViewState
from dashboard.text import N_, Message
from dashboard.views.base import View
from dashboard.views.countries import chosen_countries

NO_COUNTRIES = N_("Choose at least one country; showing the focus countries instead.")
NO_SUCH_MILESTONE = N_(
    "{country} has no milestone {milestone} in the data; no milestone is chosen."
)


def milestone_key(milestone: str, date: str) -> str:
    """The query value naming one marker of a country's timeline: its type and date.

    Examples
    --------
    >>> milestone_key("national-law", "2016-08-03")
    'national-law_2016-08-03'
    """
    return f"{milestone}_{date}"


def milestone_years(dataset: Dataset) -> tuple[int, int] | None:
    """First and last year of the milestones table (``None`` when it is empty)."""

    def compute() -> tuple[int, int] | None:
        years = dataset.milestones["year"]
        return (int(years.min()), int(years.max())) if len(years) else None

    return dataset.derived.get(("milestone-years",), compute)


def milestone_countries(dataset: Dataset) -> frozenset[str]:
    """The countries with at least one milestone row."""
    return dataset.derived.get(
        ("milestone-countries",), lambda: frozenset(dataset.milestones["iso3"])
    )


@dataclass(frozen=True)
class CountryTimeline:
    """One country's milestones (the timeline and the list under it)."""

    code: str
    #: :func:`dashboard.analytics.milestones.timeline` of the country (date order).
    rows: pd.DataFrame
    #: Its row of :func:`dashboard.analytics.milestones.protocol_law_gaps`.
    gap: Mapping[str, object]
    #: The chosen marker's row (empty when none is chosen).
    selected: pd.DataFrame
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """The chosen countries side by side, and their Protocol-to-law gaps."""

    countries: tuple[str, ...]
    rows: pd.DataFrame  # timeline of the countries (in the order chosen)
    first: pd.DataFrame  # first_reached: the Protocol and a specific law
    gaps: pd.DataFrame  # protocol_law_gaps
    #: The year the reading speaks of: the last year of the milestones table.
    year: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TreatyParties:
    """Every country's standing towards a treaty at the end of a year (the map)."""

    treaty: str
    year: int
    #: :func:`dashboard.analytics.treaty_parties.parties_in_year`.
    parties: pd.DataFrame
    #: The treaty's rows of the countries shown (signatures and party acts: the map's hovers).
    rows: pd.DataFrame
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReformsData:
    """Everything the Reforms view shows for one state."""

    state: ViewState
    country: CountryTimeline
    comparison: Comparison
    parties: TreatyParties


def _sources(rows: pd.DataFrame) -> tuple[str, ...]:
    """The source datasets of ``rows``, in order of first appearance."""
    return tuple(pd.unique(rows["source"]))


class ReformsView(View):
    page = "reforms"
    keys = ("countries", "country", "milestone", "treaty", "year")

    def context(self, dataset: Dataset) -> Context:
        """Valid values: the dataset's countries, the milestones' years."""

        def compute() -> Context:
            first, last = milestone_years(dataset) or (0, -1)
            return Context(countries=dataset.country_codes, first_year=first, last_year=last)

        return dataset.derived.get(("reforms-context",), compute)

    def default_country(self, dataset: Dataset) -> str | None:
        """The dataset's default country when it has milestones, else the first focus country
        (else any country) that has."""
        known = milestone_countries(dataset)
        for code in (dataset.default_country, *dataset.focus_countries, *sorted(known)):
            if code in known:
                return code
        return dataset.default_country

    def defaults(self, dataset: Dataset) -> ViewState:
        """The default country's timeline, the focus countries side by side, the parties to
        the Trafficking Protocol in the last year of the milestones."""
        years = milestone_years(dataset)
        return ViewState(
            countries=tuple(dataset.focus_countries[:12]),
            country=self.default_country(dataset),
            treaty="palermo-protocol",
            year=years[1] if years else None,
        )

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """At least one country side by side; a chosen milestone that the country has."""
        notices = []
        defaults = self.defaults(dataset)
        if not state.countries:
            notices.append(Message(NO_COUNTRIES))
            state = replace(state, countries=defaults.countries)
        if state.country is None:
            state = replace(state, country=defaults.country)
        if state.year is None:
            state = replace(state, year=defaults.year)
        if state.milestone is not None and self._selected(dataset, state).empty:
            fields = {"country": state.country, "milestone": state.milestone}
            notices.append(Message(NO_SUCH_MILESTONE, fields))
            state = replace(state, milestone=None)
        return state, notices

    def from_controls(
        self,
        dataset: Dataset,
        country: str | None,
        selected: Mapping | None,
        countries: list[str] | None,
        treaty: str | None,
        year: int | None,
    ) -> tuple[ViewState, list[Message]]:
        """The state the controls describe, checked. ``selected`` is the chosen marker
        (``{"country": …, "milestone": …}``): it counts only for its own country."""
        codes, notices = chosen_countries(countries)
        selected = selected or {}
        code = country if country in dataset.country_codes else None
        chosen = selected.get("milestone") if code and selected.get("country") == code else None
        state = ViewState(
            countries=codes,
            country=code,
            milestone=chosen if isinstance(chosen, str) else None,
            treaty=treaty if treaty in TREATY_MILESTONES else "palermo-protocol",
            year=None if year is None else int(year),
        )
        years = milestone_years(dataset)
        if years and state.year is not None:
            state = replace(state, year=min(max(state.year, years[0]), years[1]))
        state, more = self.check(dataset, state)
        return state, [*notices, *more]

    # The parts: each cached on the dataset by what it depends on ------------------------------

    def _country_rows(self, dataset: Dataset, code: str) -> tuple[pd.DataFrame, dict]:
        def compute() -> tuple[pd.DataFrame, dict]:
            rows = timeline(dataset.milestones, [code])
            gap = protocol_law_gaps(dataset.milestones, [code])
            return rows, gap.iloc[0].to_dict()

        return dataset.derived.get(("reforms-country", code), compute)

    def _selected(self, dataset: Dataset, state: ViewState) -> pd.DataFrame:
        rows, _ = self._country_rows(dataset, str(state.country))
        if state.milestone is None:
            return rows.iloc[0:0]
        keys = rows["milestone"] + "_" + rows["date"]
        return rows[keys == state.milestone]

    def country_timeline(self, dataset: Dataset, state: ViewState) -> CountryTimeline:
        """The timeline country's rows, its Protocol-to-law gap and the chosen marker."""
        code = str(state.country)
        rows, gap = self._country_rows(dataset, code)
        return CountryTimeline(
            code=code,
            rows=rows.copy(deep=False),
            gap=dict(gap),
            selected=self._selected(dataset, state).copy(deep=False),
            sources=_sources(rows),
        )

    def comparison(self, dataset: Dataset, state: ViewState) -> Comparison:
        """The chosen countries' rows, first dates and gaps."""
        countries = tuple(state.countries)

        def compute() -> Comparison:
            milestones = dataset.milestones
            rows = timeline(milestones, list(countries))
            years = milestone_years(dataset)
            return Comparison(
                countries=countries,
                rows=rows,
                first=first_reached(milestones, countries, ["palermo-protocol", "national-law"]),
                gaps=protocol_law_gaps(milestones, countries),
                year=years[1] if years else 0,
                sources=_sources(rows),
            )

        data = dataset.derived.get(("reforms-comparison", countries), compute)
        frames = ("rows", "first", "gaps")
        return replace(data, **{name: getattr(data, name).copy(deep=False) for name in frames})

    def treaty_parties(self, dataset: Dataset, state: ViewState) -> TreatyParties:
        """Every country's standing towards the state's treaty at the end of its year."""
        treaty, year = state.treaty, int(state.year or 0)

        def compute() -> TreatyParties:
            milestones = dataset.milestones
            rows = milestones[milestones["milestone"] == treaty]
            # Every country with a row of the treaty (the UN snapshot's participants, the
            # curated rows), and the focus countries even without one. Other countries are
            # left blank: the snapshot does not list them.
            parties = parties_in_year(milestones, year, treaty, dataset.focus_countries)
            return TreatyParties(
                treaty=treaty,
                year=year,
                parties=parties,
                rows=rows,
                sources=_sources(rows) or dataset.sources("milestones"),
            )

        data = dataset.derived.get(("reforms-parties", treaty, year), compute)
        return replace(data, parties=data.parties.copy(deep=False), rows=data.rows.copy(deep=False))

    def process(self, dataset: Dataset, state: ViewState) -> ReformsData:
        """Every part of the view for a checked state (each callback draws one part)."""
        return ReformsData(
            state=state,
            country=self.country_timeline(dataset, state),
            comparison=self.comparison(dataset, state),
            parties=self.treaty_parties(dataset, state),
        )


REFORMS = ReformsView()


# Downloads: the milestones each chart shows, as ``export milestones`` writes them ------------


def timeline_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The timeline country's milestones (``export milestones --countries <it>``)."""
    return milestones_export(dataset, (str(state.country),))


def countries_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The milestones of the countries side by side (``export milestones --countries …``)."""
    return milestones_export(dataset, state.countries)


#: The rows a gap is measured between: role → (milestone type, gap column of its date, acts).
GAP_ENDS = {
    "protocol": ("palermo-protocol", "protocol_date", PARTY_ACTIONS),
    "law": ("national-law", "law_date", ("adopted",)),
    "status": ("no-specific-law", "status_date", ("status",)),
}


def gaps_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """The rows each country's gap is measured between (its first party act of the Protocol,
    its first specific law, its latest statement of no specific law), with its gap; a country
    of which neither is known gets one row saying so."""
    gaps = REFORMS.comparison(dataset, state).gaps
    columns = ["iso3", "gap_state", "gap_years", "years_at_least", "role", *MILESTONE_COLUMNS[1:]]
    if gaps.empty:  # a dataset without milestones: the header alone
        return pd.DataFrame(columns=columns)
    ends = pd.DataFrame(
        [
            (gap["iso3"], role, kind, gap[column])
            for gap in gaps.to_dict("records")
            for role, (kind, column, _) in GAP_ENDS.items()
            if isinstance(gap[column], str)
        ],
        columns=["iso3", "role", "milestone", "date"],
    )
    rows = ends.merge(milestones_export(dataset, state.countries), on=["iso3", "milestone", "date"])
    acts = {(role, act) for role, (_, _, actions) in GAP_ENDS.items() for act in actions}
    wanted = [(r, a) in acts for r, a in zip(rows["role"], rows["action"], strict=True)]
    rows = rows.loc[pd.Series(wanted, index=rows.index, dtype=bool)]  # a list [] picks columns
    frame = gaps[["iso3", "state", "years", "years_at_least"]].merge(rows, on="iso3", how="left")
    frame = frame.rename(columns={"state": "gap_state", "years": "gap_years"})
    return frame[columns]


def parties_export(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Every country on the map with its standing at the end of the year, and its rows of the
    treaty (signature, party act) as ``export milestones --milestone <treaty>`` writes them."""
    data = REFORMS.treaty_parties(dataset, state)
    standing = data.parties[["iso3", "status"]].assign(
        country=lambda f: f["iso3"].map(dataset.names("en")), treaty=data.treaty, year=data.year
    )
    rows = milestones_export(dataset, milestone=data.treaty)
    frame = standing.merge(rows, on="iso3", how="left", sort=False)
    frame["milestone"] = frame["milestone"].fillna(data.treaty)
    columns = ["iso3", "country", "treaty", "year", "status", *MILESTONE_COLUMNS[1:]]
    return frame[columns]


EXPORTS = {
    "timeline": timeline_export,
    "side-by-side": countries_export,
    "gaps": gaps_export,
    "map": parties_export,
}


def file_stem(name: str, state: ViewState) -> str:
    """The file name (without ``.csv``) of a chart's image and data: what it shows.

    Examples
    --------
    >>> file_stem("map", ViewState(treaty="untoc", year=2010))
    'reforms_parties_untoc_2010'
    >>> file_stem("side-by-side", ViewState(countries=("TUN", "MAR")))
    'reforms_countries_tun-mar'
    """
    codes = "-".join(state.countries).lower()
    return {
        "timeline": f"reforms_timeline_{str(state.country).lower()}",
        "side-by-side": f"reforms_countries_{codes}",
        "gaps": f"reforms_gaps_{codes}",
        "map": f"reforms_parties_{state.treaty}_{state.year}",
    }[name]
