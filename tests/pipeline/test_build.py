"""The build: committed tables are exactly what the importers make from the raw files."""

from __future__ import annotations

import filecmp
import shutil

import pytest

from dashboard.dataset import load_dataset
from dashboard.paths import DATA_DIR
from dashboard.pipeline.build import build_tables, write_tables
from dashboard.schemas import TABLES, TableError


@pytest.mark.raw
def test_rebuild_is_byte_identical_to_the_committed_tables(raw_dir, tmp_path):
    build = build_tables(raw_dir)
    write_tables(build.tables, tmp_path, log=lambda _: None)
    for name in TABLES:
        assert filecmp.cmp(tmp_path / f"{name}.csv", DATA_DIR / f"{name}.csv", shallow=False), (
            f"data/{name}.csv differs from a fresh build: run `python -m dashboard build-data`"
        )
    assert {"country", "domestic", "unknown", "group"} <= set(build.coverage["class"])
    report = build.report()
    assert "GLOTIP label coverage" in report
    assert "Conflicts (curated kept):" in report  # the milestones' sources compared


def test_a_bad_table_is_reported_with_every_failing_row(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    flows = tmp_path / "data" / "flows.csv"
    lines = flows.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    low, high = header.index("count_low"), header.index("count_high")
    broken = []
    for line in lines[1:4]:  # three rows with low > high
        cells = line.split(",")
        cells[low], cells[high] = "9", "1"
        broken.append(",".join(cells))
    flows.write_text("\n".join([lines[0], *broken, *lines[4:]]) + "\n", encoding="utf-8")
    with pytest.raises(TableError) as failure:
        load_dataset(tmp_path / "data")
    assert str(failure.value).splitlines() == [
        "table 'flows' failed:",
        "- low must not exceed high: rows 0, 1, 2",
    ]
