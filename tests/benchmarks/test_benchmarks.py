"""The benchmark machinery runs (quick mode, one callback) and prints its table; no timings."""

from __future__ import annotations

from benchmarks.__main__ import parse, run
from benchmarks.report import COLUMNS, markdown_table
from benchmarks.synthetic import synthetic_tables
from dashboard.dataset import bundled_dataset
from dashboard.schemas import validate
from dashboard.tables import sort_key


def test_quick_run_of_one_callback_gives_the_table():
    rows, cases = run(parse(["--quick", "--only", "map-graph.figure", "--no-browser"]))
    table = markdown_table(rows)
    header = table.splitlines()[0]
    assert [cell.strip() for cell in header.strip("|").split("|")] == list(COLUMNS)
    (row,) = rows
    assert row.what == "map-graph.figure" and row.runs and row.json_kb > 0 and row.traces >= 1
    assert row.ok is not None and "map-graph.figure" in cases


def test_every_server_callback_has_a_benchmark_case():
    """A callback whose inputs or state change needs its cases updated, or it goes unmeasured."""
    from benchmarks.callbacks import case_key, cases_for, server_callbacks
    from dashboard.app import app

    for dependency in server_callbacks(app):
        key = case_key(dependency)
        assert key is not None, dependency["output"]
        assert cases_for(dependency, key), dependency["output"]


def test_quick_run_of_one_download_route_gives_its_row():
    from benchmarks.downloads import download_paths
    from benchmarks.scenarios import DOWNLOADS

    assert set(download_paths()) == set(DOWNLOADS)  # every download has a case
    rows, cases = run(parse(["--quick", "--only", "/download/data/rows.csv", "--no-browser"]))
    (row,) = rows
    assert row.what == "/download/data/rows.csv" and row.area == "download 1×"
    assert row.runs and row.json_kb > 50 and row.ok is not None and "p95 < 150 ms" in row.budget
    assert "/download/data/rows.csv" in cases


def test_synthetic_tables_grow_with_unique_keys():
    dataset = bundled_dataset()
    grown = synthetic_tables(dataset, 2)
    for name in ("flows", "indicators"):
        frame = grown[name]
        assert len(frame) > 1.5 * len(getattr(dataset, name))
        assert not frame.duplicated(sort_key(name)).any()
        validate(name, frame)


def test_every_baseline_runs_on_its_callbacks_cases():
    """A baseline calls the views' own functions: one whose signature changed must fail here,
    not in the middle of a full run (the Compare baseline did, after ``beside_of`` came)."""
    from benchmarks.baselines import BASELINES
    from benchmarks.callbacks import case_key, cases_for, server_callbacks
    from dashboard.app import app

    dataset = bundled_dataset()
    ran = set()
    for dependency in server_callbacks(app):
        key = case_key(dependency)
        if key in BASELINES:
            for values in cases_for(dependency, key).values():
                BASELINES[key](dataset, values)
            ran.add(key)
    assert ran == set(BASELINES)


def test_the_first_visit_counts_each_address_once_as_a_browser_fetches_it():
    """The Map view's index names plotly.js, the map shapes and the first paint's script twice
    (preload and tag): counted twice, the row said 2,023 kB (37 requests) for 1,332 kB (31)."""
    from benchmarks.transfer import visit_rows
    from dashboard.app import app

    _, fetched = visit_rows(app, "/")
    gets = [fetch.url for fetch in fetched if fetch.method == "GET"]
    assert len(gets) == len(set(gets))
    assert any("plotly-dashboard" in url for url in gets)
    assert any("dash_renderer" in url for url in gets)
