"""The command line: exports, their escaping and encoding, and one-line errors on bad input."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], cwd=ROOT, capture_output=True, timeout=120
    )


def read_export(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf"), "exports are UTF-8 with a BOM"
    return pd.read_csv(io.StringIO(data.decode("utf-8-sig")), keep_default_na=False)


def test_flows_export_has_the_documented_columns_and_filter(tmp_path):
    out = tmp_path / "flows.csv"
    status = main(
        [
            "export",
            "flows",
            "--from",
            "2015",
            "--to",
            "2020",
            "--destination",
            "JOR,LBN",
            "--out",
            str(out),
        ]
    )
    assert status == 0
    frame = read_export(out.read_bytes())
    for column in [
        "origin",
        "transit",
        "destination",
        "year",
        "measure",
        "count_low",
        "count_high",
        "source",
    ]:
        assert column in frame.columns
    assert set(frame["destination"]) == {"JOR", "LBN"}
    assert frame["year"].between(2015, 2020).all()
    assert set(frame["measure"]) == {"trafficking-victims"}
    assert (frame["count_low"] <= frame["count_high"]).all()
    key = ["origin", "transit", "destination", "year", "measure"]
    assert not frame.duplicated(key).any(), "one row per origin–transit–destination–year–measure"


def test_domestic_victims_are_origin_equal_destination(dataset, tmp_path):
    out = tmp_path / "f.csv"
    assert main(["export", "flows", "--destination", "JOR", "--out", str(out)]) == 0
    frame = read_export(out.read_bytes())
    domestic = frame[frame["origin_class"] == "domestic"]
    assert not domestic.empty
    assert (domestic["origin"] == domestic["destination"]).all()


def test_border_crossings_go_through_a_corridor(tmp_path):
    out = tmp_path / "b.csv"
    assert (
        main(
            [
                "export",
                "flows",
                "--measure",
                "border-crossings",
                "--origin",
                "TUN",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    frame = read_export(out.read_bytes())
    assert set(frame["origin"]) == {"TUN"}
    assert frame["transit"].str.startswith("route:").all()
    assert frame["destination"].str.startswith("area:").all()


def test_indicator_export_filters(tmp_path):
    out = tmp_path / "i.csv"
    assert (
        main(
            [
                "export",
                "indicators",
                "--indicator",
                "persons-convicted",
                "--countries",
                "tun,MAR",
                "--from",
                "2018",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    frame = read_export(out.read_bytes())
    assert set(frame["iso3"]) <= {"TUN", "MAR"}
    assert set(frame["indicator"]) == {"persons-convicted"}
    assert frame["year"].min() >= 2018


@pytest.mark.parametrize(
    "args",
    [
        ["export", "flows", "--measure", "smuggling"],
        ["export", "flows", "--origin", "XXX"],
        ["export", "flows", "--from", "20x5"],
        ["export", "flows", "--from", "2020", "--to", "2010"],
        ["export", "flows", "--bogus"],
        ["export", "indicators", "--indicator", "nope"],
        ["export", "indicators", "--exploitation", "slavery"],
        ["export", "tables"],
        ["build-data", "--raw", "/nonexistent/raw"],
    ],
)
def test_bad_flags_give_one_line_and_status_2(args):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert b"Traceback" not in result.stderr


def test_export_to_stdout_is_the_same_as_to_a_file(tmp_path):
    out = tmp_path / "f.csv"
    stdout = run_cli("export", "flows", "--origin", "NGA", "--from", "2019", "--to", "2019").stdout
    assert (
        main(
            [
                "export",
                "flows",
                "--origin",
                "NGA",
                "--from",
                "2019",
                "--to",
                "2019",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert stdout == out.read_bytes()


def test_formula_cells_are_escaped():
    from dashboard.export import to_csv_bytes

    frame = pd.DataFrame(
        {
            "raw_label": ["=cmd|' /C calc'!A0", "+1", "-x", "@SUM(1)", "Tunisia"],
            "count_low": [1, 2, 3, 4, 5],
        }
    )
    rows = list(csv.DictReader(io.StringIO(to_csv_bytes(frame).decode("utf-8-sig"))))
    assert [r["raw_label"] for r in rows] == [
        "'=cmd|' /C calc'!A0",
        "'+1",
        "'-x",
        "'@SUM(1)",
        "Tunisia",
    ]
    assert [r["count_low"] for r in rows] == ["1", "2", "3", "4", "5"]
