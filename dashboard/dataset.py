"""The loaded data: every tidy table and its metadata, read once and shared read-only.

Views take a :class:`Dataset` rather than reaching for module globals, so that a user's own
national data can later be loaded into another ``Dataset`` and shown by the same code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import pandas as pd

from dashboard.paths import DATA_DIR
from dashboard.schemas import TABLES
from dashboard.tables import read_table

if TYPE_CHECKING:
    from dashboard.analytics.convergence import NetworkPosition


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
    #: Source dataset id (``unodc-glotip`` …) → its metadata (producer, licence, citation …).
    metadata: dict[str, dict[str, Any]] = field(default_factory=dict)
    label: str = "bundled"

    @cached_property
    def names(self) -> dict[str, str]:
        """Code or token → English display name, for countries and non-country nodes."""
        names = dict(zip(self.countries["iso3"], self.countries["name_en"], strict=True))
        names.update(zip(self.nodes["token"], self.nodes["name_en"], strict=True))
        return names

    def name(self, code: str) -> str:
        """Display name of a country code or node token (the code itself when unknown)."""
        return self.names.get(code, code)

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
        :func:`dashboard.analytics.convergence.pooled_profiles`); computed once, read-only."""
        from dashboard.analytics.convergence import profile_table

        return profile_table(self.indicators, self.population)

    @cached_property
    def default_network(self) -> Mapping[str, NetworkPosition]:
        """Every node's network position over all the indicators' years (the views' default
        span): the one graph and betweenness centrality the Country view needs on a first visit.

        Computed once per dataset by :func:`bundled_dataset` (so ``gunicorn --preload`` computes
        it once, before forking its workers), lazily otherwise; read-only.
        """
        from dashboard.analytics.convergence import network_positions

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
    dataset = Dataset(**tables, metadata=read_metadata(data_dir / "meta"), label=label)
    if precompute:
        for name in PRECOMPUTED:
            getattr(dataset, name)  # computed once, cached on the dataset
    return dataset


@lru_cache(maxsize=1)
def bundled_dataset() -> Dataset:
    """The dataset shipped in ``data/``, loaded once per process (with its precomputed parts)."""
    return load_dataset(DATA_DIR, precompute=True)
