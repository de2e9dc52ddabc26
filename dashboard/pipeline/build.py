"""Rebuild every table in ``data/`` from the raw public files.

The one place that strings the importers together: read each raw file (I/O), tidy it (pure),
validate it and write it deterministically. ``python -m dashboard build-data --raw DIR`` runs it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.paths import FULL_TOPOJSON
from dashboard.pipeline import (
    countries,
    frontex,
    glotip,
    iom,
    milestones,
    nodes,
    undesa,
    unhcr,
    untreaties,
    wdi,
)
from dashboard.pipeline.rdata import read_rda
from dashboard.schemas import TABLES
from dashboard.tables import write_table

#: Raw files the build needs, relative to the raw folder.
RAW_FILES = {
    "glotip": Path("unodc/data_glotip.xlsx"),
    "frontex": Path("gdidata/frontex.rda"),
    "iom_mmp": Path("gdidata/iom_mmp.rda"),
    "wdi": Path("gdidata/wdi.rda"),
    "undesa_stocks": Path("gdidata/undesa_stocks.rda"),
    "unhcr": Path("gdidata/unhcr.rda"),
    "milestones": Path("milestones/milestones.csv"),
    "untreaties_index": Path("untreaties") / untreaties.INDEX_FILE,
    **{
        f"untreaties_{kind}": Path("untreaties") / spec.file
        for kind, spec in untreaties.TREATY_FILES.items()
    },
}


class MissingRawDataError(FileNotFoundError):
    """The raw folder lacks one or more files the build needs."""


def check_raw_files(raw_dir: Path, keys: list[str]) -> dict[str, Path]:
    """Paths of the raw files ``keys`` of :data:`RAW_FILES`, or :class:`MissingRawDataError`
    naming all that are absent."""
    paths = {key: raw_dir / RAW_FILES[key] for key in keys}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise MissingRawDataError("raw files not found: " + ", ".join(missing))
    return paths


def check_raw_folder(raw_dir: Path) -> dict[str, Path]:
    """Paths of every raw file, or :class:`MissingRawDataError` naming all that are absent."""
    return check_raw_files(raw_dir, list(RAW_FILES))


@dataclass(frozen=True)
class Build:
    """Every table, and what the build reports about them."""

    tables: dict[str, pd.DataFrame]
    #: GLOTIP labels: rows and victims per class (:func:`format_coverage`).
    coverage: pd.DataFrame
    #: The milestones table's sources compared (:func:`milestones.format_report`).
    milestones: milestones.MilestoneBuild

    def report(self) -> str:
        """What ``build-data`` prints before writing."""
        return format_coverage(self.coverage) + "\n" + milestones.format_report(self.milestones)


#: The raw files of the ``milestones`` table.
MILESTONE_FILES = ["milestones", "untreaties_index"] + [
    f"untreaties_{kind}" for kind in untreaties.TREATY_FILES
]


def build_milestones(raw_dir: Path) -> milestones.MilestoneBuild:
    """The ``milestones`` table from the curated file and the UN snapshot (with its report)."""
    paths = check_raw_files(raw_dir, MILESTONE_FILES)
    treaties = untreaties.tidy(*untreaties.read_raw(paths["untreaties_index"].parent))
    curated = milestones.tidy_curated(milestones.read_curated(paths["milestones"]))
    return milestones.merge(curated, treaties.rows, treaties.left_out)


def build_tables(raw_dir: Path) -> Build:
    """Read and tidy every raw file."""
    paths = check_raw_folder(raw_dir)
    glotip_tables = glotip.tidy(glotip.read_workbook(paths["glotip"]))
    reference_nodes = nodes.read_reference_nodes()
    # A token both files define (e.g. ``unknown``) keeps its curated reference row.
    all_nodes = pd.concat([reference_nodes, glotip_tables.group_nodes], ignore_index=True)
    all_nodes = all_nodes.drop_duplicates(subset="token", keep="first")
    geometries = countries.read_geometries(FULL_TOPOJSON)
    border_crossings = frontex.tidy(read_rda(paths["frontex"]), reference_nodes)
    milestone_build = build_milestones(raw_dir)
    tables = {
        "countries": countries.build_countries(glotip_tables.regions, geometries),
        "nodes": all_nodes,
        "indicators": glotip_tables.indicators,
        "flows": pd.concat([glotip_tables.flows, border_crossings], ignore_index=True),
        "repatriations": glotip_tables.repatriations,
        "incidents": iom.tidy(read_rda(paths["iom_mmp"])),
        "context_indicators": wdi.tidy(read_rda(paths["wdi"])),
        "migrant_stocks": undesa.tidy(read_rda(paths["undesa_stocks"])),
        "refugees": unhcr.tidy(read_rda(paths["unhcr"])),
        "milestones": milestone_build.table,
    }
    return Build(tables, glotip_tables.coverage, milestone_build)


def unregistered_nodes(tables: dict[str, pd.DataFrame]) -> list[str]:
    """Codes used in flows, repatriations or milestones that are neither a country nor a node
    token."""
    known = set(tables["countries"]["iso3"]) | set(tables["nodes"]["token"])
    used = set()
    for column in ("origin", "transit", "destination"):
        used |= set(tables["flows"][column].dropna())
    used |= set(tables["repatriations"]["partner"]) | set(tables["repatriations"]["reporter"])
    used |= set(tables["milestones"]["iso3"])
    return sorted(used - known)


def write_tables(
    tables: dict[str, pd.DataFrame],
    data_dir: Path,
    log: Callable[[str], None] = print,
) -> None:
    """Validate and write every table; refuses to write anything if a node is unregistered."""
    unknown = unregistered_nodes(tables)
    if unknown:
        raise ValueError("codes used but not in countries or nodes: " + ", ".join(unknown))
    for name in TABLES:
        path = write_table(name, tables[name], data_dir)
        log(f"wrote {path} ({len(tables[name]):,} rows)")


def format_coverage(coverage: pd.DataFrame) -> str:
    """The coverage report as printed by the build."""
    return "GLOTIP label coverage (rows and victims per class):\n" + coverage.to_string(index=False)
