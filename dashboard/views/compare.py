"""The Compare view: two to eight countries side by side.

Five panels: indicator trends (small multiples), similarity of country profiles, shared main
origin countries, whether the countries grow more alike over time (dispersion by year), and
their institutional convergence (how many anti-trafficking milestones each had reached by each
year: :func:`dashboard.analytics.milestones.convergence`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from dashboard.analytics.beside import beside
from dashboard.analytics.dispersion import Change, balanced_change, dispersion_by_year
from dashboard.analytics.indicators import SPECS, indicator_values
from dashboard.analytics.milestones import DEFAULT_GOALS, AllReached, all_reached, convergence
from dashboard.analytics.origins import main_origins, origin_overlap
from dashboard.analytics.profiles import pooled_profiles, profile_similarity
from dashboard.analytics.selection import VICTIMS
from dashboard.dataset import Dataset
from dashboard.state import ViewState
from dashboard.text import N_, Message
from dashboard.views.base import View
from dashboard.views.years import clamp_years, indicator_years, slider_years

MIN_COUNTRIES, MAX_COUNTRIES = 2, 8
#: How many main origin countries of each country are compared.
TOP_ORIGINS = 5
WRONG_COUNT = N_(
    "Choose between {low} and {high} countries to compare; showing the default ({countries}) "
    "instead."
)
YEARS_MOVED = N_("The indicators cover {first}–{last}; the years were moved into that span.")
#: The frames of :class:`CompareData` (each caller gets its own shallow copies).
FRAMES = ("values", "profiles", "similarity", "origins", "overlap", "dispersion", "institutions")
#: What the institutional reading asks: by which year all had a specific law and a body.
INSTITUTION_GOALS = ("national-law", "coordination-body")


@dataclass(frozen=True)
class CompareData:
    """Everything the four panels draw, for one state (also what the CSV downloads hold)."""

    state: ViewState
    values: pd.DataFrame
    profiles: pd.DataFrame
    similarity: pd.DataFrame
    origins: pd.DataFrame
    overlap: pd.DataFrame
    dispersion: pd.DataFrame
    change: Change | None
    #: :func:`dashboard.analytics.milestones.convergence` of :data:`DEFAULT_GOALS`, in the
    #: milestones' own years (from the countries' first row to the table's last year).
    institutions: pd.DataFrame
    #: By which year all had :data:`INSTITUTION_GOALS` (or what is not known).
    institutions_reached: AllReached
    institution_sources: tuple[str, ...]
    #: Another dataset's values of the same indicator, countries and years (the public
    #: baseline's, beside an upload's): ``iso3, year, low, high, censored``; None alone.
    beside_values: pd.DataFrame | None = None
    #: :func:`dashboard.analytics.beside.beside` of ``values`` and ``beside_values``.
    beside_rows: pd.DataFrame | None = None


class CompareView(View):
    page = "compare"
    keys = ("countries", "indicator", "from", "to")

    def defaults(self, dataset: Dataset) -> ViewState:
        """The focus countries, detected victims, every year of the indicators."""
        first, last = indicator_years(dataset) or (None, None)
        return ViewState(
            countries=tuple(dataset.focus_countries[:MAX_COUNTRIES]),
            indicator="detected-victims",
            year_from=first,
            year_to=last,
        )

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """2–8 countries, years within the data."""
        notices = []
        if not MIN_COUNTRIES <= len(state.countries) <= MAX_COUNTRIES:
            default = self.defaults(dataset).countries
            fields = {"low": MIN_COUNTRIES, "high": MAX_COUNTRIES, "countries": ", ".join(default)}
            notices.append(Message(WRONG_COUNT, fields))
            state = replace(state, countries=default)
        state, moved = clamp_years(state, indicator_years(dataset), YEARS_MOVED)
        return state, notices + moved

    def from_controls(
        self,
        dataset: Dataset,
        countries: list[str] | None,
        indicator: str,
        years: list[int] | None,
    ) -> tuple[ViewState, list[Message]]:
        """The state the controls describe, checked (invalid choices fall back, with a note)."""
        first, last = indicator_years(dataset) or (None, None)
        year_from, year_to = slider_years(years)
        state = ViewState(
            countries=tuple(dict.fromkeys(countries or ())),
            indicator=indicator if indicator in SPECS else "detected-victims",
            year_from=first if year_from is None else year_from,
            year_to=last if year_to is None else year_to,
        )
        return self.check(dataset, state)

    def sources(self, dataset: Dataset, indicator: str) -> tuple[str, ...]:
        """The source datasets of an indicator's values (its rows', and the population's for a
        rate per population)."""
        spec = SPECS[indicator]
        sources = list(dataset.sources("indicators", indicator=spec.base))
        if spec.per_population:
            sources += dataset.sources("context_indicators", variable="population")
        return tuple(dict.fromkeys(sources))

    def profile_sources(self, dataset: Dataset) -> tuple[str, ...]:
        """The source datasets of the profiles (indicators and population)."""
        population = dataset.sources("context_indicators", variable="population")
        return tuple(dict.fromkeys([*dataset.sources("indicators"), *population]))

    def origin_sources(self, dataset: Dataset) -> tuple[str, ...]:
        """The source datasets of the flows of detected victims by citizenship."""
        return dataset.sources("flows", measure=VICTIMS)

    def institutions(
        self, dataset: Dataset, countries: tuple[str, ...]
    ) -> tuple[pd.DataFrame, AllReached, tuple[str, ...]]:
        """How many milestones each country had reached by each year, by which year all had a
        specific law and a coordination body, and the rows' sources (cached per countries:
        the indicator and years do not change them)."""

        def compute() -> tuple[pd.DataFrame, AllReached, tuple[str, ...]]:
            milestones = dataset.milestones
            own = milestones[milestones["iso3"].isin(countries)]
            first = int(own["year"].min()) if len(own) else 0
            years = range(first, int(milestones["year"].max()) + 1) if len(own) else ()
            counts = convergence(milestones, countries, DEFAULT_GOALS, years)
            reached = all_reached(milestones, countries, INSTITUTION_GOALS)
            return counts, reached, tuple(pd.unique(own["source"]))

        return dataset.derived.get(("compare-institutions", countries), compute)

    def process(
        self, dataset: Dataset, state: ViewState, beside_of: Dataset | None = None
    ) -> CompareData:
        """Data access → analytics for a checked state, computed once per (dataset, state)
        and shared by the callback and the downloads; each call gets its own shallow copies of
        the frames, so a caller changing one never changes the next caller's. With
        ``beside_of`` (the public baseline, for an upload), its values of the same indicator,
        countries and years are set beside the dataset's."""
        key = ("compare", state, beside_of.label if beside_of is not None else None)
        data = dataset.derived.get(key, lambda: self._compute(dataset, state, beside_of))
        frames = [*FRAMES, "beside_values", "beside_rows"]
        copies = {name: getattr(data, name) for name in frames}
        return replace(
            data, **{name: f if f is None else f.copy(deep=False) for name, f in copies.items()}
        )

    def values(self, dataset: Dataset, state: ViewState) -> pd.DataFrame:
        """The indicator's values of the state's countries and years (cached per state)."""

        def compute() -> pd.DataFrame:
            chosen = dataset.indicators.loc[dataset.indicators["iso3"].isin(state.countries)]
            values = indicator_values(chosen, dataset.population, state.indicator)
            values = values.loc[values["year"].between(state.year_from, state.year_to)]
            return values.reset_index(drop=True)

        return dataset.derived.get(("compare-values", state), compute).copy(deep=False)

    def _compute(
        self, dataset: Dataset, state: ViewState, beside_of: Dataset | None
    ) -> CompareData:
        countries = list(state.countries)
        if state.year_from is None or state.year_to is None:  # no indicators: nothing to compare
            state = replace(state, year_from=0, year_to=-1)
        # Only the chosen countries' rows (in table order) go into the analytics.
        received = dataset.flows.loc[dataset.flows["destination"].isin(countries)]
        values = self.values(dataset, state)
        theirs = self.values(beside_of, state) if beside_of is not None else None
        rows = beside(values, theirs, ["iso3", "year"]) if theirs is not None else None
        profiles = pooled_profiles(dataset.profile_table, countries, state.year_from, state.year_to)
        institutions, reached, sources = self.institutions(dataset, tuple(countries))
        origins = main_origins(received, countries, state.year_from, state.year_to, TOP_ORIGINS)
        return CompareData(
            state=state,
            values=values,
            profiles=profiles,
            similarity=profile_similarity(profiles, countries),
            origins=origins,
            overlap=origin_overlap(origins, countries),
            dispersion=dispersion_by_year(values, countries, state.year_from, state.year_to),
            change=balanced_change(values, countries, state.year_from, state.year_to),
            institutions=institutions,
            institutions_reached=reached,
            institution_sources=sources,
            beside_values=theirs,
            beside_rows=rows,
        )


COMPARE = CompareView()
