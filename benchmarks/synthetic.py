"""SYNTHETIC data at 10× or 100× the shipped flows and indicators — for benchmarks only.

Rows are resampled from the real tables (so counts, intervals, censoring, sources and the mix
of measures, indicators and breakdowns follow the real distribution); key columns are then
perturbed within the real sets — years within the real years of the table, countries within
the real countries — and duplicate keys dropped until the target size is reached. When the
real sets hold too few unique keys (the shipped tables already fill much of the country × year
cube), years are extended within the schema's range (1990–2100). The tables are written to a
temporary directory (never ``data/``) and loaded with the label ``synthetic-<n>x``.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.dataset import Dataset, load_dataset
from dashboard.paths import DATA_DIR
from dashboard.schemas import TABLES
from dashboard.tables import sort_key, write_table

GROWN = ("flows", "indicators")
SEED = 20250101
YEAR_RANGE = (1990, 2100)


def _grow(
    real: pd.DataFrame, key: list[str], factor: int, places: dict[str, list], rng
) -> pd.DataFrame:
    """``factor`` × ``len(real)`` rows like ``real`` with unique ``key``.

    ``places`` maps each country column to the real codes it may take.
    """
    target = factor * len(real)
    years = np.sort(real["year"].unique())
    grown = real
    extended = False
    for _ in range(60):
        if len(grown) >= target:
            break
        batch = real.sample(
            n=min(2 * (target - len(grown)), 4 * target), replace=True, random_state=rng
        )
        if extended:
            batch["year"] = rng.integers(YEAR_RANGE[0], YEAR_RANGE[1] + 1, len(batch))
        else:
            batch["year"] = rng.choice(years, len(batch))
        for column, codes in places.items():
            move = rng.random(len(batch)) < 0.5
            batch.loc[move, column] = rng.choice(codes, int(move.sum()))
        before = len(grown)
        grown = pd.concat([grown, batch], ignore_index=True).drop_duplicates(key)
        if len(grown) - before < 0.01 * len(batch):
            extended = True  # the real sets are (nearly) full: use more years
    return grown.head(target).reset_index(drop=True)


def synthetic_tables(dataset: Dataset, factor: int, seed: int = SEED) -> dict[str, pd.DataFrame]:
    """The grown ``flows`` and ``indicators`` tables (SYNTHETIC)."""
    rng = np.random.default_rng(seed)
    countries = sorted(dataset.countries["iso3"])
    flows = dataset.flows
    victims = flows["measure"] == "trafficking-victims"
    parts = []
    for measure_rows, places in (
        (flows.loc[victims], {"origin": countries, "destination": countries}),
        (flows.loc[~victims], {"origin": countries}),
    ):
        parts.append(_grow(measure_rows, sort_key("flows"), factor, places, rng))
    indicators = _grow(dataset.indicators, sort_key("indicators"), factor, {"iso3": countries}, rng)
    return {"flows": pd.concat(parts, ignore_index=True), "indicators": indicators}


def write_synthetic(factor: int, directory: Path, source: Path = DATA_DIR) -> Path:
    """Write a complete SYNTHETIC data directory: grown tables, the others copied."""
    real = load_dataset(source)
    for name, frame in synthetic_tables(real, factor).items():
        write_table(name, frame, directory)
    for name in TABLES:
        if name not in GROWN:
            shutil.copy2(source / f"{name}.csv", directory / f"{name}.csv")
    shutil.copytree(source / "meta", directory / "meta", dirs_exist_ok=True)
    return directory


def _fingerprint(source: Path) -> str:
    digest = hashlib.sha256(f"{SEED}".encode())
    for name in TABLES:
        digest.update((source / f"{name}.csv").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()[:12]


def synthetic_dataset(factor: int, source: Path = DATA_DIR) -> tuple[Dataset, Path]:
    """A SYNTHETIC dataset at ``factor`` × and its directory under the system's temp dir.

    The directory is named after the factor and a hash of the real tables and of this module,
    so a rerun on the same data reuses it instead of generating it again.
    """
    directory = Path(tempfile.gettempdir()) / f"medflows-synthetic-{factor}x-{_fingerprint(source)}"
    if not (directory / "complete").exists():
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
        write_synthetic(factor, directory, source)
        (directory / "complete").write_text("SYNTHETIC benchmark data, not real figures\n")
    return load_dataset(directory, label=f"synthetic-{factor}x"), directory
