"""The curated milestones importer and its merge with the UN snapshot, on hand-written rows."""

from __future__ import annotations

import csv
import filecmp
import io

import pandas as pd
import pytest

from dashboard.paths import DATA_DIR
from dashboard.pipeline import milestones, untreaties
from dashboard.pipeline.build import MILESTONE_FILES, RAW_FILES, build_milestones
from dashboard.tables import write_table
from tests.pipeline.test_untreaties import write_raw

COLUMNS = milestones.COLUMNS


def curated_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows in the curated file's layout, written out and read back as the importer reads."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return pd.read_csv(io.StringIO(buffer.getvalue()), dtype=str, keep_default_na=False)


def row(iso3, milestone, date, precision, instrument, **extra) -> dict:
    return {
        "iso3": iso3,
        "milestone": milestone,
        "date": date,
        "date_precision": precision,
        "instrument": instrument,
        "source_title": "A page",
        "source_url": "https://example.org/page",
        "source_publisher": "Publisher",
        "quote": "words of the source",
        **extra,
    }


CURATED = [
    row("TUN", "palermo-protocol", "2003-07-14", "day", "Ratification of the Protocol",
        note="Signed 13 Dec 2000."),
    row("EGY", "palermo-protocol", "2004-03", "month", "Ratification of the Protocol"),
    row("JOR", "palermo-protocol", "2009", "year", "Ratification of the Protocol"),
    row("PSE", "palermo-protocol", "2017-12-06", "day", "Accession of the Protocol"),
    row("LBY", "palermo-protocol", "2004-09-24", "day", "Ratification of the Protocol"),
    row("TUN", "coe-convention", "2017-07", "month", "Request by Tunisia to accede to CETS 197"),
    row("TUN", "coe-convention", "2018-02", "month",
        "Council of Europe acceptance of Tunisia's request to accede to CETS No. 197"),
    row("JOR", "coordination-body", "2009", "year", "Law No. 9 of 2009, articles 4-5",
        body_name="National Committee"),
    row("LBN", "national-action-plan", "2013", "year", "Draft National Strategy and Action Plan"),
    row("LBY", "no-specific-law", "2022-06", "month", "None - no specific law (status)"),
]  # fmt: skip
UN_PROTOCOL = [
    "Tunisia,13 Dec 2000,14 Jul 2003",  # agrees with the curated row and its note
    "Egypt,1 May 2002,5 Mar 2004",  # in the curated month: agrees
    "Jordan,,11 Jun 2009 a",  # the curated row says ratification: differs
    "Libya,13 Nov 2001,24 Sep 2005",  # another year: differs
    "Morocco,,25 Apr 2011 a",  # no curated row: kept from the UN
]


@pytest.fixture
def curated():
    return milestones.tidy_curated(curated_frame(CURATED))


@pytest.fixture
def build(tmp_path, curated):
    treaties = untreaties.tidy(*untreaties.read_raw(write_raw(tmp_path, protocol=UN_PROTOCOL)))
    return milestones.merge(curated, treaties.rows, treaties.left_out)


def test_dates_keep_the_precision_the_source_gives(curated):
    by_key = curated.set_index(["iso3", "milestone", "date"])
    assert by_key.loc[("TUN", "coe-convention", "2017-07"), "date_precision"] == "month"
    assert by_key.loc[("JOR", "coordination-body", "2009"), "date_precision"] == "year"
    assert by_key.loc[("JOR", "coordination-body", "2009"), "year"] == 2009
    assert set(curated["source"]) == {"curated-milestones"}
    assert curated["as_of"].isna().all()


def test_each_row_gets_the_action_its_words_say(curated):
    keys = zip(curated["iso3"], curated["milestone"], curated["date"], strict=True)
    assert dict(zip(keys, curated["action"], strict=True)) == {
        ("TUN", "palermo-protocol", "2003-07-14"): "ratification",
        ("EGY", "palermo-protocol", "2004-03"): "ratification",
        ("JOR", "palermo-protocol", "2009"): "ratification",
        ("PSE", "palermo-protocol", "2017-12-06"): "accession",
        ("LBY", "palermo-protocol", "2004-09-24"): "ratification",
        ("TUN", "coe-convention", "2017-07"): "accession-request",
        ("TUN", "coe-convention", "2018-02"): "request-accepted",
        ("JOR", "coordination-body", "2009"): "adopted",
        ("LBN", "national-action-plan", "2013"): "draft",
        ("LBY", "no-specific-law", "2022-06"): "status",
    }


def test_empty_optional_cells_are_missing_not_empty_text(curated):
    jor = curated[(curated["iso3"] == "JOR") & (curated["milestone"] == "coordination-body")]
    assert jor["body_name"].tolist() == ["National Committee"]
    assert jor["instrument_fr"].isna().all()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2017-07", "date_precision": "day"}, "is not a 'day' date"),
        ({"date": "2017-02-30"}, "is not a 'day' date"),
        ({"iso3": "XXX"}, "unknown country code 'XXX'"),
        ({"milestone": "treaty"}, "unknown milestone type 'treaty'"),
        ({"quote": ""}, "empty quote"),
        ({"source_title": "", "source_publisher": " "}, "empty source_title, source_publisher"),
        ({"instrument": "Deposit of the Protocol"}, "does not begin with a treaty act"),
    ],
)
def test_a_row_breaking_the_readme_is_an_error_naming_its_line(change, message):
    bad = {**CURATED[0], **change}
    with pytest.raises(milestones.MilestoneFileError, match="line 3") as failure:
        milestones.tidy_curated(curated_frame([CURATED[1], bad]))
    assert message in str(failure.value)


def test_an_unrecognised_council_of_europe_step_is_an_error():
    with pytest.raises(ValueError, match="coe-convention step not recognised"):
        milestones.curated_action("coe-convention", "Tunisia attends a conference")


def test_curated_rows_replace_the_un_rows_of_the_same_step(build):
    table = build.table
    protocol = table[(table["milestone"] == "palermo-protocol") & (table["action"] != "signature")]
    sources = dict(zip(protocol["iso3"], protocol["source"], strict=True))
    assert sources == {
        "EGY": "curated-milestones",
        "JOR": "curated-milestones",
        "LBY": "curated-milestones",
        "MAR": "un-treaties",  # no curated row: the UN's is kept
        "PSE": "curated-milestones",
        "TUN": "curated-milestones",
    }
    assert build.replaced == 4
    # The UN signatures stay: the curated file gives none as a row.
    signatures = table[table["action"] == "signature"]
    assert sorted(signatures["iso3"]) == ["EGY", "LBY", "TUN", "TUN"]  # Protocol and UNTOC


def test_every_difference_from_the_snapshot_is_reported(build):
    verdicts = {
        (r.iso3, r.step): (r.verdict, r.curated, r.un) for r in build.comparison.itertuples()
    }
    assert verdicts == {
        ("TUN", "party"): ("agree", "ratification 2003-07-14", "ratification 2003-07-14"),
        ("TUN", "signature"): ("agree", "signature 2000-12-13 (note)", "signature 2000-12-13"),
        ("EGY", "party"): ("agree", "ratification 2004-03", "ratification 2004-03-05"),
        ("JOR", "party"): ("differ", "ratification 2009", "accession 2009-06-11"),
        ("LBY", "party"): ("differ", "ratification 2004-09-24", "ratification 2005-09-24"),
        ("PSE", "party"): ("after the snapshot", "accession 2017-12-06", ""),
    }
    report = milestones.format_report(build)
    assert "Conflicts (curated kept): 2" in report
    assert (
        "  differ: LBY palermo-protocol party: curated ratification 2004-09-24; "
        "UN ratification 2005-09-24"
    ) in report
    assert "not listed in the file of 2014-01-27" in report
    assert "Left out (not a state)" not in report  # no European Union in this snapshot


def test_a_curated_date_the_snapshot_should_list_is_flagged(tmp_path, curated):
    treaties = untreaties.tidy(*untreaties.read_raw(write_raw(tmp_path, protocol=[])))
    comparison = milestones.compare(curated, treaties.rows).set_index(["iso3", "step"])
    assert comparison.loc[("TUN", "party"), "verdict"] == "absent from the snapshot"
    assert comparison.loc[("PSE", "party"), "verdict"] == "after the snapshot"


def test_the_left_out_participants_are_in_the_report(tmp_path, curated):
    folder = write_raw(tmp_path, protocol=["European Union,12 Dec 2000,6 Sep 2006 AA"])
    treaties = untreaties.tidy(*untreaties.read_raw(folder))
    report = milestones.format_report(milestones.merge(curated, treaties.rows, treaties.left_out))
    assert (
        "Left out (not a state): European Union: palermo-protocol signature 2000-12-12, "
        "palermo-protocol approval 2006-09-06"
    ) in report


@pytest.fixture
def milestones_raw(raw_dir):
    if not all((raw_dir / RAW_FILES[key]).is_file() for key in MILESTONE_FILES):
        pytest.skip(f"milestone raw files not found under {raw_dir}")
    return raw_dir


@pytest.mark.raw
def test_the_raw_files_rebuild_the_committed_table(milestones_raw, tmp_path):
    build = build_milestones(milestones_raw)
    write_table("milestones", build.table, tmp_path)
    assert filecmp.cmp(tmp_path / "milestones.csv", DATA_DIR / "milestones.csv", shallow=False)
    raw = pd.read_csv(milestones_raw / "milestones" / "milestones.csv", dtype=str)
    curated = build.table[build.table["source"] == "curated-milestones"]
    assert len(curated) == len(raw)  # every curated row kept
    protocol = pd.read_csv(milestones_raw / "untreaties" / "18-12-a.csv", dtype=str)
    un_protocol = build.table[
        (build.table["milestone"] == "palermo-protocol") & (build.table["action"] != "signature")
    ]
    # Every state with a party date in the UN file, plus Palestine (curated, after 2014).
    states = protocol[protocol.iloc[:, 2].notna() & (protocol["Participant"] != "European Union")]
    assert un_protocol["iso3"].nunique() == len(states) + 1
    assert "European Union" in set(build.left_out["participant"])
