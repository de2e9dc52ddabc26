"""The command line of the exchange: ``check``, ``export … --dataset``, ``template``, ``db``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.text.catalogue import PSEUDO_CLOSE, PSEUDO_OPEN
from dashboard.text.languages import PSEUDO_ENV

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_check_a_valid_file_exits_0_with_a_summary():
    done = run("check", str(FIXTURES / "tunisia-utf8-bom.csv"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "tunisia-utf8-bom.csv: no errors."
    assert "3 counts would be stored, for 2022–2023, reported by TUN." in lines
    assert done.stderr == b""


def test_check_a_file_with_errors_exits_2_with_every_error():
    done = run("check", str(FIXTURES / "errors.csv"))
    assert done.returncode == 2
    lines = done.stdout.decode().splitlines()
    assert lines[0] == "errors.csv: 12 errors."
    assert (
        lines[1] == "Row 2, column “reporting_country”: This cell is empty: it must be filled in."
    )
    assert lines[12] == "Row 13: This row has 10 cells but the header names 9 columns."
    assert b"Traceback" not in done.stdout + done.stderr


def test_every_sentence_of_a_check_report_goes_through_the_catalogue(capsys, monkeypatch):
    """In the pseudo-language every line is marked: no English is written around the text layer."""
    monkeypatch.setenv(PSEUDO_ENV, "1")
    for name in ("errors.csv", "ctdc-synthetic-sample.csv", "maroc-cp1252-semicolon.csv"):
        main(["check", str(FIXTURES / name), "--lang", "qps", "--reporting-country", "LBY"])
        for line in capsys.readouterr().out.splitlines():
            assert line.startswith(PSEUDO_OPEN) and line.endswith(PSEUDO_CLOSE), line


@pytest.mark.parametrize(
    ("lang", "first_line"),
    [("fr", "errors.csv\u00a0: 12 erreurs."), ("ar", "errors.csv: 12 خطأً.")],
)
def test_check_speaks_the_chosen_language(capsys, lang, first_line):
    status = main(["check", str(FIXTURES / "errors.csv"), "--lang", lang])
    assert status == 2
    assert capsys.readouterr().out.splitlines()[0] == first_line


@pytest.mark.parametrize(
    ("data", "first_line"),
    [
        (b"\x00\x01binary", "photo.csv: 1 error."),
        (b"", "photo.csv: 1 error."),
    ],
)
def test_check_an_unreadable_file_says_so(tmp_path, capsys, data, first_line):
    path = tmp_path / "photo.csv"
    path.write_bytes(data)
    assert main(["check", str(path)]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == first_line and len(lines) == 2


def test_check_a_missing_file(capsys, tmp_path):
    assert main(["check", str(tmp_path / "nowhere.csv")]) == 2
    assert capsys.readouterr().out.splitlines()[1] == "The file “nowhere.csv” cannot be opened."


def read_csv(data: bytes) -> pd.DataFrame:
    assert data.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.StringIO(data.decode("utf-8-sig")), keep_default_na=False)


def test_export_flows_of_an_upload_suppresses_small_counts(tmp_path):
    out = tmp_path / "flows.csv"
    upload = FIXTURES / "tunisia-utf8-bom.csv"
    assert main(["export", "flows", "--dataset", str(upload), "--k", "10", "--out", str(out)]) == 0
    frame = read_csv(out.read_bytes()).sort_values(["year", "sex"])
    assert frame[["year", "sex", "count_low", "count_high", "censored"]].values.tolist() == [
        [2022, "female", 12, 12, False],
        [2022, "male", 1, 9, True],
        [2023, "female", 1, 9, True],  # 7 is exact in the file, below k = 10
    ]
    assert frame["rule"].str.startswith("Small counts are suppressed (k = 10)").all()


def test_export_flows_of_an_upload_filters_like_the_public_export(tmp_path):
    out = tmp_path / "flows.csv"
    args = ["export", "flows", "--dataset", str(FIXTURES / "tunisia-utf8-bom.csv")]
    assert (
        main([*args, "--countries", "MLI", "--from", "2022", "--to", "2022", "--out", str(out)])
        == 0
    )
    frame = read_csv(out.read_bytes())
    assert set(frame["transit"]) == {"MLI;DZA"} and len(frame) == 2


def test_export_indicators_of_an_upload(tmp_path):
    out = tmp_path / "indicators.csv"
    upload = FIXTURES / "tunisia-utf8-bom.csv"
    assert main(["export", "indicators", "--dataset", str(upload), "--out", str(out)]) == 0
    frame = read_csv(out.read_bytes()).set_index(["year", "exploitation", "sex", "age"])
    assert frame.loc[(2022, "total", "total", "total"), ["value_low", "value_high"]].tolist() == [
        13,
        16,
    ]
    assert frame.loc[(2023, "total", "total", "total"), ["value_low", "value_high"]].tolist() == [
        7,
        7,
    ]
    assert set(frame["rule"].str[:30]) == {"Small counts are suppressed (k"}


def test_export_of_an_invalid_upload_prints_the_report_and_exits_2():
    done = run("export", "flows", "--dataset", str(FIXTURES / "errors.csv"))
    assert done.returncode == 2
    assert done.stdout == b""  # no partial export
    assert done.stderr.decode().splitlines()[0] == "errors.csv: 12 errors."


@pytest.mark.parametrize(
    "args",
    [
        ["--k", "2"],
        ["--measure", "border-crossings"],
    ],
)
def test_bad_export_flags_for_an_upload_give_one_line(args):
    done = run("export", "flows", "--dataset", str(FIXTURES / "tunisia-utf8-bom.csv"), *args)
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert done.stderr.startswith(b"error: ")


def test_template_command_writes_both_formats(tmp_path):
    import openpyxl

    assert main(["template", "--format", "csv", "--out", str(tmp_path / "t.csv")]) == 0
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbfreporting_country,year,")
    assert main(["template", "--lang", "ar", "--out", str(tmp_path / "t.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert len(book.sheetnames) == 3 and book.worksheets[0].sheet_view.rightToLeft


def test_db_upgrade_creates_the_sqlite_database(tmp_path):
    from sqlalchemy import create_engine, inspect

    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    done = run("db", "upgrade", "--url", url)
    assert done.returncode == 0, done.stderr
    assert done.stderr.decode().strip().endswith("is at revision 0002")
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"workspaces", "datasets", "dataset_cells", "alembic_version"} <= tables
    purge = run("db", "purge", "--url", url, "--days", "30")
    assert purge.returncode == 0
    assert purge.stderr.decode().strip() == "removed 0 dataset(s) and 0 idle workspace(s)"


def test_db_commands_on_a_bad_database_give_one_line(tmp_path):
    done = run("db", "upgrade", "--url", "postgresql://nobody@127.0.0.1:1/none")
    assert done.returncode == 2
    assert done.stderr.startswith(b"error: database ") and b"Traceback" not in done.stderr
    days = run("db", "purge", "--url", f"sqlite:///{tmp_path / 'y.sqlite3'}", "--days", "0")
    assert days.returncode == 2 and b"retention period" in days.stderr


def test_the_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    from dashboard.db.engine import database_url

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DASHBOARD_INSTANCE_DIR", str(tmp_path / "instance"))
    assert database_url() == f"sqlite:///{tmp_path / 'instance' / 'exchange.sqlite3'}"
    assert (tmp_path / "instance").is_dir()
