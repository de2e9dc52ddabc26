"""``python -m benchmarks [--quick] [--scale 10] [--only map-graph.figure] [--no-browser]``.

``python -m benchmarks load --users 50 …`` is the load test instead (:mod:`benchmarks.load`).

Prints a table with median and p95 of every measure and whether each budget passes, and writes
it to ``benchmarks/results/latest.md`` (full runs; ``--out`` chooses another file).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import stats
from benchmarks.report import budget_summary, markdown_table
from benchmarks.stats import Row

RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs, one case per callback")
    parser.add_argument(
        "--scale",
        type=int,
        action="append",
        help="also run the callbacks on SYNTHETIC data this many times larger (repeatable; "
        "default 10, none with --quick)",
    )
    parser.add_argument(
        "--only",
        help="only the callback with this output, e.g. map-graph.figure, or the download route "
        "with this path, e.g. /download/data/rows.csv",
    )
    parser.add_argument(
        "--languages",
        help="the languages the callbacks and downloads on the shipped data are timed in, "
        "comma-separated (default: every language, English only with --quick)",
    )
    parser.add_argument("--no-browser", action="store_true", help="skip headless Chromium")
    parser.add_argument("--out", type=Path, help="write the markdown here")
    return parser.parse_args(argv)


def languages(args: argparse.Namespace) -> list[str]:
    """The languages to time the shipped data's callbacks and downloads in."""
    from dashboard.text import LANGUAGES

    if args.languages:
        chosen = [lang.strip() for lang in args.languages.split(",") if lang.strip()]
        unknown = sorted(set(chosen) - set(LANGUAGES))
        if unknown:
            raise SystemExit(f"unknown language(s): {', '.join(unknown)}; use {LANGUAGES}")
        return chosen
    return ["en"] if args.quick else list(LANGUAGES)


def run(args: argparse.Namespace) -> tuple[list[Row], str]:
    """Run every benchmark; the rows and the per-case markdown."""
    from benchmarks import (
        baselines,
        browser,
        callbacks,
        downloads,
        loading,
        machine,
        synthetic,
        transfer,
    )
    from dashboard.app import app
    from dashboard.registry import registry_of

    quick = args.quick
    runs = 2 if quick else 5
    scales = args.scale if args.scale is not None else ([] if quick else [10])
    rows: list[Row] = []
    cases: list[callbacks.CaseResult] = []

    def step(label: str) -> None:
        print(f"… {label}", file=sys.stderr, flush=True)

    if not args.only:
        step("machine")
        rows.append(machine.machine_row("at the start", runs))
        step("loading")
        rows.append(loading.loading_row(runs))
        rows.append(loading.precompute_row(runs))
    for lang in languages(args):
        step(f"callbacks on the shipped data, {lang}")
        result = callbacks.benchmark_callbacks(app, runs, 1, quick, args.only, lang=lang)
        rows += result.rows
        cases += result.cases
        step(f"CSV download routes on the shipped data, {lang}")
        result = downloads.benchmark_downloads(app, runs, 1, quick, args.only, lang=lang)
        rows += result.rows
        cases += result.cases
    for scale in scales:
        step(f"SYNTHETIC data ×{scale}")
        dataset, directory = synthetic.synthetic_dataset(scale)
        rows.append(loading.loading_row(1, directory, f"synthetic {scale}×"))
        rows[-1].note = f"{len(dataset.flows):,} flows, {len(dataset.indicators):,} indicators"
        with callbacks.use_dataset(app, dataset):
            step(f"callbacks ×{scale}")
            result = callbacks.benchmark_callbacks(
                app, 1 if quick else 2, scale, quick, args.only, with_baselines=False
            )
            step(f"CSV download routes ×{scale}")
            more = downloads.benchmark_downloads(app, 1 if quick else 2, scale, quick, args.only)
        rows += result.rows + more.rows
        cases += result.cases + more.cases
    if not args.only:
        step("flow lines")
        rows += baselines.flow_line_rows(registry_of(app.server).baseline, runs * 2)
        step("transfer")
        rows += transfer.visit_rows(app)[0]
        if not args.no_browser:
            step("browser")
            rows += browser.browser_rows(1 if quick else 5)
        rows.append(machine.machine_row("at the end", runs))
    return rows, case_table(cases)


def case_table(cases) -> str:
    lines = [
        "| callback | case | runs | median ms | p95 ms | JSON kB | traces | pandas ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for c in cases:
        base = "" if c.baseline_ms is None else f"{c.baseline_ms:.1f}"
        lines.append(
            f"| {c.callback} | {c.case} | {len(c.times_ms)} | {stats.median(c.times_ms):.1f} | "
            f"{stats.p95(c.times_ms):.1f} | {c.json_bytes / 1000:.1f} | {c.traces} | {base} |"
        )
    return "\n".join(lines)


def document(rows: list[Row], cases: str, args: argparse.Namespace, seconds: float) -> str:
    import dash
    import pandas
    import plotly

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    command = "python -m benchmarks " + " ".join(sys.argv[1:])
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"`{command.strip()}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {seconds:.0f} s; "
            f"{os.cpu_count()} CPUs (load average {load} at the end: other jobs share them), "
            f"Python {platform.python_version()}, Dash {dash.__version__}, "
            f"plotly {plotly.__version__}, pandas {pandas.__version__}. "
            "Rows marked 10× / 100× use SYNTHETIC data (benchmarks/synthetic.py), never shown "
            "as real. Times are server-side through Dash's request path unless the area is "
            "*browser*; *ratio* is a callback's median over the bare pandas work it needs "
            "(uncached). Each case's first timed request runs with the views' caches cleared "
            "(a first request), the others repeat it: p95 is a first request's time, the median "
            "a repeat's; what a dataset computes once at load is in the *load* rows. The "
            "*machine* rows time one fixed workload at the start and the end: compare them "
            "between runs to tell a slower machine from slower code.",
            "",
            budget_summary(rows),
            "",
            markdown_table(rows),
            "",
            "## Every case",
            "",
            cases,
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["load"]:
        from benchmarks import load  # locust: the optional "bench" dependencies

        return load.main(argv[1:])
    args = parse(argv)
    start = time.perf_counter()
    rows, cases = run(args)
    seconds = time.perf_counter() - start
    print(markdown_table(rows))
    print(budget_summary(rows))
    out = args.out or (None if args.quick or args.only else RESULTS)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(document(rows, cases, args, seconds), encoding="utf-8")
        print(f"written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
