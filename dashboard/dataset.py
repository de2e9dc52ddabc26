"""The loaded data: every tidy table and its metadata, read once and shared read-only.

Views take a :class:`Dataset` rather than reaching for module globals, so that a user's own
national data can later be loaded into another ``Dataset`` and shown by the same code.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from dashboard.paths import DATA_DIR
from dashboard.schemas import TABLES
from dashboard.tables import read_table

if TYPE_CHECKING:
    from dashboard.analytics.network import NetworkPosition


T = TypeVar("T")

#: What :meth:`Dataset.precompute` computes, in order (each a cached property).
PRECOMPUTED = ("population", "by_country", "profile_table", "default_network")


def _split(frame: pd.DataFrame, column: str) -> Mapping[str, pd.DataFrame]:
    """``frame``'s rows by value of ``column`` (read-only mapping; row order kept)."""
    return MappingProxyType(dict(iter(frame.groupby(column, sort=False, observed=True))))


@dataclass(frozen=True)
class CountryIndex:
    """Each table a country page reads, split by country once: value → that country's rows.

    The frames are shared and read-only: hand out shallow copies (``copy(deep=False)``).
    """

    indicators: Mapping[str, pd.DataFrame]  # by iso3
    received: Mapping[str, pd.DataFrame]  # flows by destination
    sent: Mapping[str, pd.DataFrame]  # flows by origin
    population: Mapping[str, pd.DataFrame]  # population rows (iso3, year, value) by iso3


class DerivedCache:
    """What the views derive from one dataset, kept with that dataset: bounded (least recently
    used first out) and safe to share between threads.

    Keys name what is computed and from what (``("compare", state)``); a value that holds text
    has the language in its key. Values are shared: callers must not change them.
    """

    def __init__(self, maxsize: int = 512) -> None:
        self.maxsize = maxsize
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value of ``key``, computed by ``compute()`` the first time it is asked for."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = compute()  # outside the lock: two threads may compute it once each
        with self._lock:
            self._values[key] = value
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __len__(self) -> int:
        return len(self._values)


@dataclass(frozen=True, eq=False)
class Dataset:
    """All tables of one build of ``data/`` plus the metadata of each source dataset."""

    countries: pd.DataFrame
    nodes: pd.DataFrame
    indicators: pd.DataFrame
    flows: pd.DataFrame
    repatriations: pd.DataFrame
    incidents: pd.DataFrame
    context_indicators: pd.DataFrame
    migrant_stocks: pd.DataFrame
    refugees: pd.DataFrame
    #: Dated anti-trafficking milestones (treaty actions of every UN participant, the focus
    #: countries' laws, bodies, strategies …), each with its source and quote.
    milestones: pd.DataFrame
    #: Source dataset id (``unodc-glotip`` …) → its metadata (producer, licence, citation …).
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    label: str = "bundled"
    #: The dataset's own description (``dataset.json``): title, and the defaults its views
    #: start from (``default_country``, ``map_area``); what it leaves out is derived from data.
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: What views derive from this dataset (see :class:`DerivedCache`).
    derived: DerivedCache = field(default_factory=DerivedCache, repr=False)

    def names(self, lang: str) -> Mapping[str, str]:
        """Code or token → display name in ``lang``, for countries and non-country nodes.

        A name the dataset lacks in ``lang`` is its English name; the pseudo-language marks
        the English names, as it marks every message.
        """
        return self.derived.get(("names", lang), lambda: self._names(lang))

    def _names(self, lang: str) -> Mapping[str, str]:
        from dashboard.text.catalogue import pseudo
        from dashboard.text.languages import PSEUDO

        names: dict[str, str] = {}
        for frame, key in ((self.countries, "iso3"), (self.nodes, "token")):
            column = f"name_{lang}"
            english = frame["name_en"]
            if lang == PSEUDO:
                shown = english.map(pseudo)
            elif column in frame.columns:
                shown = frame[column].fillna(english).mask(frame[column].eq(""), english)
            else:
                shown = english
            names.update(zip(frame[key], shown, strict=True))
        return MappingProxyType(names)

    def name(self, code: str, lang: str) -> str:
        """Display name of a country code or node token in ``lang`` (the code when unknown)."""
        return self.names(lang).get(code, code)

    def sources(self, table: str, **equal: str) -> tuple[str, ...]:
        """The source datasets of a table's rows (those whose columns equal ``equal``), in
        order of first appearance: what a source note names, read from the rows themselves."""

        def compute() -> tuple[str, ...]:
            frame = getattr(self, table)
            keep = pd.Series(True, index=frame.index)
            for column, value in equal.items():
                keep &= frame[column] == value
            return tuple(pd.unique(frame.loc[keep, "source"]))

        return self.derived.get(("sources", table, tuple(sorted(equal.items()))), compute)

    def citation(self, source: str) -> str:
        """The citation of source dataset ``source``, for notes under charts and in exports."""
        meta = self.metadata.get(source, {})
        return str(meta.get("citation") or meta.get("title") or source)

    @cached_property
    def country_codes(self) -> frozenset[str]:
        return frozenset(self.countries["iso3"])

    @cached_property
    def focus_countries(self) -> list[str]:
        return sorted(self.countries.loc[self.countries["focus"], "iso3"])

    @cached_property
    def default_country(self) -> str | None:
        """The country a country page shows when none is named: the dataset's choice, else
        the focus country (else any country) with the most indicator rows, else none."""
        chosen = self.settings.get("default_country")
        if chosen in self.country_codes:
            return chosen
        rows = self.indicators["iso3"].value_counts()
        focus = rows[rows.index.isin(self.focus_countries)]
        for ranked in (focus, rows):
            if len(ranked):
                return str(sorted(ranked.index, key=lambda code: (-ranked[code], code))[0])
        return self.focus_countries[0] if self.focus_countries else None

    @cached_property
    def map_area(self) -> Mapping[str, list[float]]:
        """The part of the world the map shows: the dataset's choice, else the focus
        countries' points with 20° around them (the whole world without focus countries)."""
        area = self.settings.get("map_area")
        if area:
            return {"lon": list(area["lon"]), "lat": list(area["lat"])}
        points = self.countries.loc[self.countries["focus"]].dropna(subset=["lon", "lat"])
        if points.empty:
            return {"lon": [-180.0, 180.0], "lat": [-60.0, 85.0]}
        margin = 20.0
        return {
            "lon": [max(float(points["lon"].min()) - margin, -180.0),
                    min(float(points["lon"].max()) + margin, 180.0)],
            "lat": [max(float(points["lat"].min()) - margin, -90.0),
                    min(float(points["lat"].max()) + margin, 90.0)],
        }  # fmt: skip

    @cached_property
    def population(self) -> pd.DataFrame:
        """The population rows of the context table: ``iso3, year, value`` (read-only)."""
        from dashboard.analytics.indicators import population_of

        return population_of(self.context_indicators)

    @cached_property
    def by_country(self) -> CountryIndex:
        """The indicators, flows and population rows split by country (computed once)."""
        return CountryIndex(
            indicators=_split(self.indicators, "iso3"),
            received=_split(self.flows, "destination"),
            sent=_split(self.flows, "origin"),
            population=_split(self.population, "iso3"),
        )

    @cached_property
    def profile_table(self) -> pd.DataFrame:
        """Every country-year's profile cells (the Compare view pools any selection of it:
        :func:`dashboard.analytics.profiles.pooled_profiles`); computed once, read-only."""
        from dashboard.analytics.profiles import profile_table

        return profile_table(self.indicators, self.population)

    @cached_property
    def default_network(self) -> Mapping[str, NetworkPosition]:
        """Every node's network position over all the indicators' years (the views' default
        span): the one graph and betweenness centrality the Country view needs on a first visit.

        Computed once per dataset by :func:`bundled_dataset` (so ``gunicorn --preload`` computes
        it once, before forking its workers), lazily otherwise; read-only.
        """
        from dashboard.analytics.network import network_positions

        years = self.indicators["year"]
        if years.empty:
            return network_positions(self.flows)
        return network_positions(self.flows, int(years.min()), int(years.max()))


def read_metadata(metadata_dir: Path) -> dict[str, dict[str, Any]]:
    """Read every ``<id>.json`` metadata file in ``metadata_dir``."""
    metadata = {}
    for path in sorted(metadata_dir.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        metadata[meta["id"]] = meta
    return metadata


def load_dataset(
    data_dir: Path = DATA_DIR, label: str = "bundled", precompute: bool = False
) -> Dataset:
    """Read and validate every table in ``data_dir`` (raises ``TableError`` on a bad table).

    With ``precompute``, also compute what is costly to derive and needed on a first visit
    (:data:`PRECOMPUTED`: the per-country index and the default span's network), so that no
    request pays for it.
    """
    tables = {name: read_table(name, data_dir) for name in TABLES}
    described = data_dir / "dataset.json"
    settings = json.loads(described.read_text(encoding="utf-8")) if described.is_file() else {}
    dataset = Dataset(
        **tables, metadata=read_metadata(data_dir / "meta"), label=label, settings=settings
    )
    if precompute:
        for name in PRECOMPUTED:
            getattr(dataset, name)  # computed once, cached on the dataset
    return dataset


@lru_cache(maxsize=1)
def bundled_dataset() -> Dataset:
    """The dataset shipped in ``data/``, loaded once per process (with its precomputed parts)."""
    return load_dataset(DATA_DIR, precompute=True)
