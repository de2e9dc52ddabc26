"""The UN treaty status importer on hand-written files in the scrape's layout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.pipeline import untreaties
from dashboard.pipeline.labels import UnclassifiedLabelError, check_aliases

HEADER = (
    'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"'
)
INDEX = """chapter_no,treaty_no,treaty_name,url,chapter_url,chapter_name
18,12,"United Nations Convention against Transnational Organized Crime. New York, 15 November 2000",http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12&chapter=18&lang=en,http://x,Penal Matters
18,12.a,"Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime. New York, 15 November 2000",http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-a&chapter=18&lang=en,http://x,Penal Matters
18,12.b,"Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime. New York, 15 November 2000",http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-12-b&chapter=18&lang=en,http://x,Penal Matters
"""  # noqa: E501 - a line of the raw file as published
PROTOCOL = [
    "Bahrain,,7 Jun 2004 a",  # accession, empty signature
    "Bolivia (Plurinational State of),12 Dec 2000,18 May 2006",
    "Denmark3,12 Dec 2000,30 Sep 2003 A",  # footnote digit after the name; acceptance
    "European Union,12 Dec 2000,6 Sep 2006 AA",  # not a state
    "Japan,9 Dec 2002,",  # signature only
    "Montenegro,,23 Oct 2006 d",  # succession
]


def write_raw(folder: Path, protocol=PROTOCOL, untoc=("Tunisia,13 Dec 2000,19 Jun 2003",)):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.csv").write_text(INDEX, encoding="utf-8")
    files = {"18-12.csv": untoc, "18-12-a.csv": protocol, "18-12-b.csv": ()}
    for name, lines in files.items():
        (folder / name).write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def rows(tmp_path):
    return untreaties.tidy(*untreaties.read_raw(write_raw(tmp_path / "untreaties")))


def test_one_row_per_date_cell_with_the_mark_read_as_the_action(rows):
    protocol = rows.rows[rows.rows["milestone"] == "palermo-protocol"]
    got = sorted(zip(protocol["iso3"], protocol["action"], protocol["date"], strict=True))
    assert got == [
        ("BHR", "accession", "2004-06-07"),
        ("BOL", "ratification", "2006-05-18"),
        ("BOL", "signature", "2000-12-12"),
        ("DNK", "acceptance", "2003-09-30"),
        ("DNK", "signature", "2000-12-12"),
        ("JPN", "signature", "2002-12-09"),
        ("MNE", "succession", "2006-10-23"),
    ]
    assert set(rows.rows["date_precision"]) == {"day"}


def test_rows_keep_the_cells_as_published_and_the_day_of_the_snapshot(rows):
    denmark = rows.rows.set_index(["iso3", "action"]).loc[("DNK", "acceptance")]
    assert denmark["quote"] == (
        "Denmark3 — Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d): "
        "30 Sep 2003 A"
    )
    assert denmark["as_of"] == "2014-01-27"
    assert denmark["instrument"].startswith("Acceptance of the Protocol to Prevent, Suppress")
    assert "mtdsg_no=XVIII-12-a" in denmark["source_url"]
    assert denmark["source"] == "un-treaties"
    smuggling_as_of = untreaties.TREATY_FILES["smuggling-protocol"].as_of
    assert smuggling_as_of == "2014-07-10"


def test_a_signature_without_a_party_date_says_none_was_listed(rows):
    japan = rows.rows[rows.rows["iso3"] == "JPN"]
    assert japan["action"].tolist() == ["signature"]
    assert (
        "No ratification, acceptance, approval, accession or succession was listed"
        in (japan["note"].iloc[0])
    )
    bahrain = rows.rows[rows.rows["iso3"] == "BHR"]
    assert "No ratification" not in bahrain["note"].iloc[0]


def test_a_participant_that_is_not_a_state_is_left_out_and_listed(rows):
    assert "European Union" not in set(rows.rows["quote"].str.split(" — ").str[0])
    assert rows.left_out.to_dict("records") == [
        {
            "participant": "European Union",
            "code": "group:european-union",
            "milestone": "palermo-protocol",
            "action": "signature",
            "date": "2000-12-12",
        },
        {
            "participant": "European Union",
            "code": "group:european-union",
            "milestone": "palermo-protocol",
            "action": "approval",
            "date": "2006-09-06",
        },
    ]


def test_an_unknown_participant_stops_the_import_naming_it(tmp_path):
    folder = write_raw(
        tmp_path / "u", protocol=["Atlantis,1 Jan 2001,", "Freedonia2,,3 Mar 2003 a"]
    )
    with pytest.raises(UnclassifiedLabelError) as failure:
        untreaties.tidy(*untreaties.read_raw(folder))
    assert failure.value.labels == ["Atlantis", "Freedonia"]
    assert "un_participants.csv" in str(failure.value)


def test_names_are_looked_up_in_the_given_alias_table(tmp_path):
    folder = write_raw(tmp_path / "u", protocol=["Freedonia2,,3 Mar 2003 a"], untoc=())
    aliases = check_aliases(
        pd.DataFrame(
            {"label": ["Freedonia"], "class": ["country"], "code": ["FRA"], "comment": [""]}
        )
    )
    out = untreaties.tidy(*untreaties.read_raw(folder), aliases=aliases)
    assert out.rows[["iso3", "action", "date"]].values.tolist() == [
        ["FRA", "accession", "2003-03-03"]
    ]


@pytest.mark.parametrize("cell", ["12 Dez 2000", "2000-12-12", "12 Dec 2000 x", "Dec 2000"])
def test_a_cell_in_another_form_is_an_error_naming_the_participant(tmp_path, cell):
    folder = write_raw(tmp_path / "u", protocol=[f"Japan,{cell},"])
    with pytest.raises(untreaties.TreatyStatusError, match="Japan"):
        untreaties.tidy(*untreaties.read_raw(folder))


def test_a_date_after_the_files_last_change_is_an_error(tmp_path):
    folder = write_raw(tmp_path / "u", protocol=["Japan,9 Dec 2002,4 Jul 2017"])
    with pytest.raises(untreaties.TreatyStatusError, match="after their file's last change"):
        untreaties.tidy(*untreaties.read_raw(folder))


def test_a_repeated_row_is_one_fact_and_a_contradicting_one_an_error(tmp_path):
    same = write_raw(tmp_path / "same", protocol=["Algeria,6 Jun 2001,9 Mar 2004"] * 2)
    out = untreaties.tidy(*untreaties.read_raw(same)).rows
    assert len(out[out["milestone"] == "palermo-protocol"]) == 2  # signature, ratification
    other = write_raw(
        tmp_path / "other",
        protocol=["Algeria,6 Jun 2001,9 Mar 2004", "Algeria,6 Jun 2001,9 Mar 2005"],
    )
    with pytest.raises(untreaties.TreatyStatusError, match="DZA palermo-protocol ratification"):
        untreaties.tidy(*untreaties.read_raw(other))


def test_a_file_with_other_columns_is_refused(tmp_path):
    path = tmp_path / "18-12-a.csv"
    path.write_text("Participant,Signature\nJapan,9 Dec 2002\n", encoding="utf-8")
    with pytest.raises(untreaties.TreatyStatusError, match="expected columns"):
        untreaties.read_status(path)
