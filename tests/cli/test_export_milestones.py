"""``python -m dashboard export milestones``: columns, filters, encoding, escaping, bad input."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.paths import DATA_DIR

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ["iso3", "milestone", "date", "date_precision", "instrument", "source_url", "quote"]


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def read_export(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf"), "exports are UTF-8 with a BOM"
    return pd.read_csv(io.StringIO(data.decode("utf-8-sig")), dtype=str, keep_default_na=False)


def test_the_export_has_the_documented_columns_with_sources_and_citations(tmp_path):
    out = tmp_path / "m.csv"
    assert main(["export", "milestones", "--countries", "TUN,MAR", "--out", str(out)]) == 0
    frame = read_export(out.read_bytes())
    assert [c for c in frame.columns if c in COLUMNS] == COLUMNS
    for column in ("source_title", "source_publisher", "note", "source", "citation", "action"):
        assert column in frame.columns
    assert set(frame["iso3"]) == {"TUN", "MAR"}
    assert (frame["source_url"].str.startswith("http")).all()
    assert (frame["citation"] != "").all()
    assert set(frame["source"]) == {"curated-milestones", "un-treaties"}


def test_dates_are_exported_as_the_source_gives_them(tmp_path):
    out = tmp_path / "coe.csv"
    assert main(["export", "milestones", "--milestone", "coe-convention", "--out", str(out)]) == 0
    frame = read_export(out.read_bytes())
    assert list(zip(frame["iso3"], frame["date"], frame["date_precision"], strict=True)) == [
        ("TUN", "2017-07", "month"),
        ("TUN", "2018-02", "month"),
    ]


def test_the_file_is_the_table_s_rows_for_the_filter(dataset, tmp_path):
    out = tmp_path / "law.csv"
    assert main(["export", "milestones", "--milestone", "national-law", "--out", str(out)]) == 0
    frame = read_export(out.read_bytes())
    table = dataset.milestones[dataset.milestones["milestone"] == "national-law"]
    assert sorted(frame["iso3"]) == sorted(table["iso3"])
    libya = run_cli("export", "milestones", "--countries", "lby", "--milestone", "no-specific-law")
    arabic = read_export(libya.stdout)
    assert arabic["quote"].str.contains("ليبيا").any()  # Arabic text survives UTF-8 with a BOM


def test_cells_a_spreadsheet_would_run_are_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "milestones.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["quote"] = '=HYPERLINK("http://example.org","x")'
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = run_cli("export", "milestones", env={"DASHBOARD_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    frame = read_export(result.stdout)
    assert frame["quote"].iloc[0] == '\'=HYPERLINK("http://example.org","x")'


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--countries", "XXX"], "error: unknown country code(s): XXX"),
        (["--countries", ","], "error: argument --countries: expected ISO3 codes"),
        (["--milestone", "law"], "error: argument --milestone: invalid choice: 'law'"),
        (["--from", "2010"], "error: unrecognized arguments: --from 2010"),
        (["--out", "/nonexistent-folder/m.csv"], "error: cannot write /nonexistent-folder/m.csv"),
    ],
)
def test_bad_input_gives_one_line_and_status_2(args, message):
    result = run_cli("export", "milestones", *args)
    assert result.returncode == 2
    lines = result.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines
    assert result.stdout == b""
