"""``python -m benchmarks.upload [--rows 100000] [--format csv|xlsx] [--repeat 3]``.

Times a national upload the way the app will handle it: a SYNTHETIC file of ``--rows`` rows in
the template's columns (distinct groups, 10% suppressed ``<5`` counts, a third with a transit
path, names and alpha-2 codes among the countries) is checked (read, every cell parsed,
aggregated) and loaded into a fresh database (SQLite in a temporary folder; PostgreSQL too when
``DATABASE_URL`` names one, in a schema of its own dropped afterwards). The budget: check and
load of 100,000 rows in under 5 s. Prints the figures; not part of ``python -m benchmarks``
yet.

``--views`` then times every view's callback (one case each, as ``python -m benchmarks
--quick`` does) over the uploaded dataset, converted as the app serves it
(:func:`dashboard.exchange.convert.to_dataset`, k = 5), against the same budgets as the
shipped data's callbacks. (The app also checks the requester's ownership on each request: one
indexed query, not timed here.)
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import secrets
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from dashboard.schemas import FOCUS_COUNTRIES

BUDGET_S = 5.0
SEED = 20251201
ORIGINS = [
    "CIV",
    "NGA",
    "SEN",
    "GIN",
    "MLI",
    "CMR",
    "SDN",
    "ERI",
    "ETH",
    "SOM",
    "SYR",
    "IRQ",
    "EGY",
    "BGD",
    "PAK",
    "AFG",
    "PHL",
    "LKA",
    "NPL",
    "IND",
    "MAR",
    "DZA",
    "TUN",
    "LBY",
    "JOR",
    "LBN",
    "PSE",
    "YEM",
    "CHN",
    "UKR",
]
NAMES = {"CIV": "Côte d'Ivoire", "SEN": "Sénégal", "MAR": "Maroc", "DZA": "الجزائر", "TUN": "TN"}
REPORTERS = FOCUS_COUNTRIES
SEXES = ("female", "male", "other", "unknown")
AGES = ("adult", "child", "unknown")
EXPLOITATIONS = ("sexual-exploitation", "forced-labour", "other", "mixed", "unknown")
TRANSITS = ("", "LBY", "MLI;DZA", "NER;LBY", "TUR", "SDN;EGY")
HEADER = [
    "reporting_country",
    "year",
    "origin",
    "transit",
    "destination",
    "sex",
    "age",
    "exploitation",
    "count",
    "source_agency",
]


def synthetic_rows(n: int, seed: int = SEED) -> list[list[object]]:
    """``n`` rows of distinct groups (reporter × year × origin × transit × sex × age × form)."""
    rng = np.random.default_rng(seed)
    years = list(range(2005, 2025))
    sizes = (len(REPORTERS), len(years), len(ORIGINS), len(TRANSITS), 4, 3, 5)
    total = int(np.prod(sizes))
    if n > total:
        raise SystemExit(f"at most {total:,} distinct rows")
    picks = rng.choice(total, size=n, replace=False)
    rows = []
    for index in picks:
        r, y, o, t, s, a, e = np.unravel_index(index, sizes)
        origin = ORIGINS[o]
        count: object = int(rng.integers(5, 400))
        if rng.random() < 0.1:
            count = "<5"
        rows.append(
            [
                REPORTERS[r],
                years[y],
                NAMES.get(origin, origin),
                TRANSITS[t],
                REPORTERS[r],
                SEXES[s],
                AGES[a],
                EXPLOITATIONS[e],
                count,
                "National referral mechanism",
            ]
        )
    return rows


def file_bytes(rows: list[list[object]], kind: str) -> bytes:
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(HEADER)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _engines():
    from sqlalchemy import text

    from dashboard.db.engine import make_engine

    folder = tempfile.TemporaryDirectory()
    yield "sqlite", make_engine(f"sqlite:///{Path(folder.name) / 'bench.sqlite3'}")
    folder.cleanup()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql")):
        schema = f"bench_{secrets.token_hex(4)}"
        admin = make_engine(url)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield (
                "postgresql",
                make_engine(url, connect_args={"options": f"-csearch_path={schema}"}),
            )
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


def measure(data: bytes, kind: str, repeat: int) -> list[dict[str, object]]:
    from dashboard.db.migrate import upgrade
    from dashboard.exchange.checks import check_bytes
    from dashboard.exchange.places import default_places
    from dashboard.exchange.store import Store

    default_places()  # read once per process, as the app does at its first upload
    results = []
    for database, engine in _engines():
        upgrade(engine)
        store = Store(engine)
        workspace, _ = store.create_workspace()
        checks, loads, cpus = [], [], []
        for _ in range(repeat):
            start, cpu = time.perf_counter(), time.process_time()
            result = check_bytes(data, f"bench.{kind}")
            checked = time.perf_counter()
            if not result.ok:
                raise SystemExit(f"the synthetic file has errors: {result.errors[:3]}")
            info = workspace.add_dataset(result.upload(), "benchmark")
            loaded = time.perf_counter()
            cpus.append(time.process_time() - cpu)
            checks.append(checked - start)
            loads.append(loaded - checked)
            workspace.delete_dataset(info.id)
        engine.dispose()
        results.append(
            {
                "database": database,
                "rows": result.summary.rows,
                "cells": info.cells,
                "check": statistics.median(checks),
                "load": statistics.median(loads),
                "cpu": statistics.median(cpus),
                "total": statistics.median(
                    c + loaded for c, loaded in zip(checks, loads, strict=True)
                ),
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.upload", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--repeat", type=int, default=3, help="runs per database (median shown)")
    parser.add_argument("--views", action="store_true", help="time the views over the upload")
    args = parser.parse_args(argv)
    data = file_bytes(synthetic_rows(args.rows), args.format)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"SYNTHETIC {args.format} upload: {args.rows:,} rows, {len(data) / 1e6:.1f} MB"
        f" (machine load {load:.1f} on {os.cpu_count()} CPUs)"
    )
    print(
        f"{'database':<11} {'check s':>8} {'load s':>8} {'total s':>8} {'cpu s':>7}"
        f"  budget {BUDGET_S:.0f} s (total: wall clock; cpu: this process only)"
    )
    failed = False
    for row in measure(data, args.format, args.repeat):
        verdict = "pass" if row["total"] < BUDGET_S else "FAIL"
        failed |= verdict == "FAIL"
        print(
            f"{row['database']:<11} {row['check']:>8.2f} {row['load']:>8.2f} {row['total']:>8.2f}"
            f" {row['cpu']:>7.2f}  {verdict} ({row['cells']:,} counts stored)"
        )
    if args.views:
        failed |= view_rows(data, args.format)
    return 1 if failed else 0


def view_rows(data: bytes, kind: str, runs: int = 3) -> bool:
    """Time each view's callback over the upload as the app shows it; whether one failed."""
    import datetime as dt

    from benchmarks.callbacks import benchmark_callbacks, use_dataset
    from dashboard.app import app
    from dashboard.exchange.checks import check_bytes
    from dashboard.exchange.convert import to_dataset
    from dashboard.exchange.store import DatasetInfo
    from dashboard.registry import registry_of

    result = check_bytes(data, f"bench.{kind}")
    stamp = dt.datetime.now(dt.UTC)
    info = DatasetInfo("bench", "benchmark", "bench", None, kind, stamp, stamp, 0, 0, 0, None, ())
    start = time.perf_counter()
    dataset = to_dataset(result.cells, 5, info, registry_of(app.server).baseline)
    converted = time.perf_counter() - start
    print(f"converted for the views in {converted:.2f} s: {len(dataset.flows):,} flow rows")
    failed = False
    with use_dataset(app, dataset):
        rows = benchmark_callbacks(app, runs, 1, quick=True, with_baselines=False).rows
    for row in rows:
        if not row.what.startswith(("map", "flows", "country", "data", "sources", "_pages")):
            continue
        failed |= row.ok is False
        verdict = "pass" if row.ok else "FAIL"
        print(
            f"  {row.what:<32} p50 {row.median_ms or 0:>7.1f} ms"
            f"  p95 {row.p95_ms or 0:>7.1f} ms  {verdict}"
            f"  ({row.budget}; {row.note or ''})"
        )
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
