"""Tests of the GLOTIP importer on a tiny hand-made workbook in the official layout.

Every expected number below was worked out by hand from the fixture rows, not by the code.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard.paths import DEFAULT_RAW_DIR
from dashboard.pipeline import glotip
from dashboard.pipeline.labels import UnclassifiedLabelError
from dashboard.schemas import validate

GLOTIP_XLSX = DEFAULT_RAW_DIR / "unodc" / "data_glotip.xlsx"

VICTIMS = "Detected trafficking victims"
MAR = ("MAR", "Morocco", "Africa", "Northern Africa")
JOR = ("JOR", "Jordan", "Asia", "Western Asia")
SAM = ("SAM", None, None, None)  # a regional aggregate: no country name, no region

#: (reporter, indicator, dimension, category, sex, age, year, txtVALUE)
FIXTURE_ROWS = [
    (MAR, VICTIMS, "Total", "Total", "Total", "Total", 2020, "1,282"),
    (MAR, VICTIMS, "Total", "Total", "Female", "Total", 2020, "<5"),
    (MAR, VICTIMS, "by form of exploitation", "Sexual exploitation", "Total", "Total", 2020, "12"),
    (MAR, VICTIMS, "by citizenship", "Nationals", "Total", "Total", 2020, "1,100"),
    (MAR, VICTIMS, "by citizenship", "Marruecos", "Total", "Total", 2020, "<5"),
    (MAR, VICTIMS, "by citizenship", "Espa\ufffda", "Total", "Total", 2020, "7"),
    (MAR, VICTIMS, "by citizenship", "Spain", "Total", "Total", 2020, "<5"),
    (MAR, VICTIMS, "by citizenship", "T\u00c3\u00bcrkiye", "Total", "Total", 2020, "3"),
    (MAR, VICTIMS, "by citizenship", None, "Total", "Total", 2020, "<5"),
    (MAR, VICTIMS, "by citizenship", "Africa others", "Total", "Total", 2020, "6"),
    (MAR, VICTIMS, "by citizenship", "TOTAL", "Total", "Total", 2020, "1,300"),
    (MAR, "Persons convicted", "by citizenship", "Maroc", "Total", "Total", 2020, "9"),
    (MAR, VICTIMS, "by country of repatriation", "Alemania", "Total", "Total", 2020, "<5"),
    (MAR, VICTIMS, "by citizenship", "Inconnue", "Total", "Total", 2019, "<5"),
    (JOR, VICTIMS, "Total", "Total", "Total", "Total", 2019, "40"),
    (JOR, VICTIMS, "by citizenship", "Ethiopie", "Total", "Total", 2019, "30"),
    (JOR, VICTIMS, "by citizenship", None, "Total", "Total", 2019, "40"),  # the total, unlabelled
    (SAM, VICTIMS, "Total", "Total", "Total", "Total", 2020, "250"),
]


def write_fixture(path: Path, rows: list[tuple] = FIXTURE_ROWS) -> Path:
    """Write ``rows`` as a workbook in the layout of the UNODC data portal file."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["UNODC", "unodc_ddds@un.org"])
    sheet.append(["30/05/2023"])
    sheet.append(glotip.COLUMNS)
    for reporter, indicator, dimension, category, sex, age, year, value in rows:
        sheet.append(
            [*reporter, indicator, dimension, category, sex, age, year, "Counts", value, "GLOTIP"]
        )
    book.save(path)
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_fixture(tmp_path / "glotip_small.xlsx")


@pytest.fixture
def tables(workbook: Path) -> glotip.GlotipTables:
    return glotip.tidy(glotip.read_workbook(workbook))


def test_read_workbook_finds_the_header_and_keeps_text(workbook: Path) -> None:
    raw = glotip.read_workbook(workbook)
    assert list(raw.columns) == glotip.COLUMNS
    assert len(raw) == len(FIXTURE_ROWS)
    assert raw.loc[0, "txtVALUE"] == "1,282"
    assert raw.loc[0, "Year"] == "2020"
    assert raw.attrs["preamble"] == [["UNODC", "unodc_ddds@un.org"], ["30/05/2023"]]


def test_read_workbook_without_header_fails(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["not", "the", "layout"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(glotip.GlotipFormatError, match="Iso3_code"):
        glotip.read_workbook(tmp_path / "bad.xlsx")


def test_parse_counts() -> None:
    parsed = glotip.parse_counts(pd.Series(["<5", "1,282", "0", "12,345,678"]))
    assert parsed.values.tolist() == [
        [1, 4, True],
        [1282, 1282, False],
        [0, 0, False],
        [12345678, 12345678, False],
    ]
    with pytest.raises(glotip.GlotipFormatError, match=r"'1\.5', 'five'"):
        glotip.parse_counts(pd.Series(["1.5", "five", "3"]))


def test_tables_pass_their_schemas(tables: glotip.GlotipTables) -> None:
    for name, frame in [
        ("indicators", tables.indicators),
        ("flows", tables.flows),
        ("repatriations", tables.repatriations),
        ("nodes", tables.group_nodes),
    ]:
        validate(name, frame)


def test_indicators(tables: glotip.GlotipTables) -> None:
    got = tables.indicators.set_index(["iso3", "year", "exploitation", "sex", "age"])
    assert len(got) == 4  # MAR total, MAR female, MAR sexual exploitation, JOR total
    assert got.loc[
        ("MAR", 2020, "total", "total", "total"), ["value_low", "value_high"]
    ].tolist() == [
        1282,
        1282,
    ]
    female = got.loc[("MAR", 2020, "total", "female", "total")]
    assert (female["value_low"], female["value_high"], female["censored"]) == (1, 4, True)
    assert got.loc[("MAR", 2020, "sexual-exploitation", "total", "total"), "value_low"] == 12
    assert set(tables.indicators["indicator"]) == {"detected-victims"}
    assert "SAM" not in set(tables.indicators["iso3"])
    assert set(tables.indicators["source"]) == {"unodc-glotip"}


def test_flows(tables: glotip.GlotipTables) -> None:
    flows = tables.flows
    got = {
        (r.origin, r.destination, r.year): (
            r.count_low,
            r.count_high,
            r.censored,
            r.origin_class,
            r.raw_label,
        )
        for r in flows.itertuples()
    }
    assert got == {
        # "Nationals" 1,100 + "Marruecos" <5: both Moroccans detected in Morocco
        ("MAR", "MAR", 2020): (1101, 1104, True, "domestic", "Marruecos | Nationals"),
        # "Espa�a" 7 + "Spain" <5
        ("ESP", "MAR", 2020): (8, 11, True, "country", "Espa\ufffda | Spain"),
        ("TUR", "MAR", 2020): (3, 3, False, "country", "T\u00c3\u00bcrkiye"),
        ("unknown", "MAR", 2020): (1, 4, True, "unknown", "(empty)"),
        ("group:africa-others", "MAR", 2020): (6, 6, False, "group", "Africa others"),
        ("unknown", "MAR", 2019): (1, 4, True, "unknown", "Inconnue"),
        ("ETH", "JOR", 2019): (30, 30, False, "country", "Ethiopie"),
    }
    assert flows["transit"].isna().all()
    assert flows["note"].isna().all()
    assert set(flows["measure"]) == {"trafficking-victims"}


def test_repatriations_are_kept_apart(tables: glotip.GlotipTables) -> None:
    rep = tables.repatriations
    assert rep[["reporter", "partner", "year", "count_low", "count_high"]].values.tolist() == [
        ["MAR", "DEU", 2020, 1, 4]
    ]
    assert rep.loc[0, "partner_class"] == "country"
    assert rep.loc[0, "raw_label"] == "Alemania"
    assert "DEU" not in set(tables.flows["origin"])


def test_group_nodes_and_regions(tables: glotip.GlotipTables) -> None:
    assert tables.group_nodes["token"].tolist() == ["group:africa-others"]
    assert tables.group_nodes.loc[0, "kind"] == "group"
    assert tables.group_nodes.loc[0, "name_en"] == "Other African countries"
    assert tables.group_nodes["members"].isna().all()
    assert tables.regions.values.tolist() == [
        ["JOR", "Asia", "Western Asia"],
        ["MAR", "Africa", "Northern Africa"],
    ]


def test_coverage_accounts_for_exclusions(tables: glotip.GlotipTables) -> None:
    cov = tables.coverage.set_index(["scope", "class"])

    def row(scope: str, cls: str) -> list:
        return cov.loc[(scope, cls), ["rows", "victims_low", "victims_high"]].tolist()

    # country rows: Espa�a 7, Spain <5, Türkiye 3, Marruecos <5, Ethiopie 30
    assert row("flows", "country") == [5, 7 + 1 + 3 + 1 + 30, 7 + 4 + 3 + 4 + 30]
    assert row("flows", "domestic") == [1, 1100, 1100]
    assert row("flows", "country-is-reporter") == [1, 1, 4]  # "Marruecos" in Morocco
    assert row("flows", "unknown") == [2, 2, 8]  # empty <5, Inconnue <5
    assert row("flows", "group") == [1, 6, 6]
    assert row("flows", "total") == [1, 1300, 1300]
    assert row("flows", "empty-label-total") == [1, 40, 40]  # Jordan's unlabelled 40
    assert row("repatriations", "country") == [1, 1, 4]
    assert row("excluded", "regional-aggregate-reporter") == [1, 250, 250]
    assert cov.loc[("excluded", "convicted-by-citizenship"), "rows"] == 1
    assert "SAM" in cov.loc[("excluded", "regional-aggregate-reporter"), "note"]


def test_unknown_label_stops_the_import(tmp_path: Path) -> None:
    rows = [
        *FIXTURE_ROWS,
        (MAR, VICTIMS, "by citizenship", "Atlantis", "Total", "Total", 2020, "5"),
        (MAR, VICTIMS, "by country of repatriation", "Lilliput", "Total", "Total", 2020, "5"),
    ]
    raw = glotip.read_workbook(write_fixture(tmp_path / "x.xlsx", rows))
    with pytest.raises(UnclassifiedLabelError) as err:
        glotip.tidy(raw)
    assert err.value.labels == ["Atlantis", "Lilliput"]


def _cells(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["exploitation", "sex", "age", "value_low", "value_high", "censored"]
    )
    frame["published"] = [
        "<5" if c else str(lo) for lo, c in zip(frame["value_low"], frame["censored"], strict=True)
    ]
    frame.insert(0, "indicator", "detected-victims")
    frame.insert(0, "year", 2018)
    frame.insert(0, "iso3", "BOL")
    return frame


def test_duplicate_indicator_cells_are_resolved_explicitly() -> None:
    cells = _cells(
        [
            # female: child 43, adult 62, and "Total" published twice as 62 and 43 → copies
            ("total", "female", "child", 43, 43, False),
            ("total", "female", "adult", 62, 62, False),
            ("total", "female", "total", 62, 62, False),
            ("total", "female", "total", 43, 43, False),
            # three "other" sub-forms: 20 + <5 + 5
            ("other", "total", "total", 20, 20, False),
            ("other", "total", "total", 1, 4, True),
            ("other", "total", "total", 5, 5, False),
            # the same cell twice, agreeing
            ("forced-labour", "total", "total", 9, 9, False),
            ("forced-labour", "total", "total", 9, 9, False),
            # the same cell twice, disagreeing
            ("sexual-exploitation", "total", "total", 9, 9, False),
            ("sexual-exploitation", "total", "total", 11, 11, False),
        ]
    )
    kept, report = glotip.resolve_indicator_duplicates(cells)
    got = {
        (r.exploitation, r.sex, r.age): (r.value_low, r.value_high, r.censored)
        for r in kept.itertuples()
    }
    assert got == {
        ("total", "female", "child"): (43, 43, False),
        ("total", "female", "adult"): (62, 62, False),
        ("other", "total", "total"): (26, 29, True),
        ("forced-labour", "total", "total"): (9, 9, False),
    }
    assert dict(zip(report["exploitation"], report["resolution"], strict=True)) == {
        "total": "dropped-age-copies",
        "other": "summed-subforms",
        "forced-labour": "kept-one-agreeing",
        "sexual-exploitation": "dropped-conflicting",
    }


# --- the real workbook ------------------------------------------------------------------------

needs_raw = pytest.mark.skipif(not GLOTIP_XLSX.is_file(), reason="raw GLOTIP workbook not present")


@pytest.fixture(scope="module")
def real() -> glotip.GlotipTables:
    return glotip.tidy(glotip.read_workbook(GLOTIP_XLSX))


@pytest.mark.raw
@needs_raw
def test_real_workbook_totals_checked_by_hand(real: glotip.GlotipTables) -> None:
    flows = real.flows
    # Jordan 2018, by citizenship (checked with a separate pandas one-liner on the workbook):
    # 5, <5, 9, <5, 8, <5, 7, <5, <5, <5, <5 → exact 29 plus seven "<5" → 36 to 57.
    jordan = flows[(flows["destination"] == "JOR") & (flows["year"] == 2018)]
    assert (jordan["count_low"].sum(), jordan["count_high"].sum()) == (36, 57)
    # Jordan 2013: 20, 5, <5, 6, <5, 5, <5 → 36 exact plus three "<5" → 39 to 48.
    jordan = flows[(flows["destination"] == "JOR") & (flows["year"] == 2013)]
    assert (jordan["count_low"].sum(), jordan["count_high"].sum()) == (39, 48)
    # Egypt 2020: "Egypt" 362 (Egyptians detected in Egypt) and "Unknown" <5.
    egypt = flows[(flows["destination"] == "EGY") & (flows["year"] == 2020)].set_index("origin")
    assert egypt.loc["EGY", ["count_low", "count_high", "origin_class"]].tolist() == [
        362,
        362,
        "domestic",
    ]
    assert egypt.loc["unknown", ["count_low", "count_high"]].tolist() == [1, 4]
    # Tunisia 2019, detected victims, all forms, both sexes, all ages: 775.
    ind = real.indicators.set_index(["iso3", "year", "indicator", "exploitation", "sex", "age"])
    key = ("TUN", 2019, "detected-victims", "total", "total", "total")
    assert ind.loc[key, ["value_low", "value_high"]].tolist() == [775, 775]
    # Bolivia 2017: the "TOTAL" label (397) is dropped.
    assert not flows["raw_label"].str.contains("TOTAL").any()


@pytest.mark.raw
@needs_raw
def test_real_workbook_coverage(real: glotip.GlotipTables) -> None:
    cov = real.coverage.set_index(["scope", "class"])
    assert cov.loc[("excluded", "regional-aggregate-reporter"), "rows"] == 957
    assert cov.loc[("excluded", "reporter-without-iso3"), "rows"] == 26  # Sark
    assert cov.loc[("excluded", "convicted-by-citizenship"), "rows"] == 612
    cit = cov.loc["flows"]
    kept = cit.loc[["country", "domestic", "unknown", "group"], "rows"].sum()
    dropped = cit.loc[["total", "empty-label-total"], "rows"].sum()
    # every "by citizenship" row of detected victims (7,110; none from aggregates) is accounted for
    assert kept + dropped == 7110
    assert set(real.flows["destination"]) >= {"DZA", "EGY", "JOR", "LBN", "MAR", "TUN"}
