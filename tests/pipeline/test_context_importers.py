"""WDI, UN DESA stocks and UNHCR importers: hand-made rows in the gdidata layouts."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.paths import DEFAULT_RAW_DIR
from dashboard.pipeline import undesa, unhcr, wdi


def test_wdi_keeps_three_variables_for_listed_countries():
    raw = pd.DataFrame(
        {
            "geo": ["TUN", "TUN", "TUN", "TUN", "CHI"],
            "var": ["pop", "nmig", "remin", "gdp", "nmig"],
            "t": pd.array([2020, 2020, 2020, 2020, 2020], dtype="int32"),
            "v": [11974057.0, -19188.0, 2.28e9, 4.2e10, 150.0],
        }
    )
    out = wdi.tidy(raw).set_index("variable")
    assert sorted(out.index) == ["net-migration", "population", "remittances-in"]
    assert out.loc["population", "value"] == 11974057.0
    assert out["year"].tolist() == [2020, 2020, 2020]
    assert (out["source"] == "wb-wdi").all()
    assert wdi.excluded(raw).to_dict("records") == [{"geo": "CHI", "var": "nmig", "rows": 1}]


def stocks_frame(rows):
    columns = ["geo", "t", "from", "sex", "n", "type_b", "type_c", "type_r", "type_i"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "int32" for c in ["t", "n", "type_b", "type_c", "type_r", "type_i"]})


def test_undesa_sums_sexes_and_maps_non_country_origins():
    raw = stocks_frame(
        [
            ("ITA", 2020, "TUN", "female", 40, 1, 0, 1, 0),
            ("ITA", 2020, "TUN", "male", 60, 1, 0, 1, 0),
            ("ITA", 2020, "OOO", "female", 3, 1, 0, 1, 0),
            ("ITA", 2020, "OOO", "male", 0, 1, 0, 1, 0),
            ("GBR", 2020, "XCX", "male", 5, 1, 0, 1, 0),
            ("GBR", 2020, "XCX", "female", 4, 1, 0, 1, 0),
            ("XCX", 2020, "GBR", "female", 9, 1, 0, 1, 0),
            ("XCX", 2020, "GBR", "male", 8, 1, 0, 1, 0),
        ]
    )
    out = undesa.tidy(raw).set_index(["destination", "origin"])["count"]
    assert out.to_dict() == {
        ("GBR", "group:channel-islands"): 9,
        ("ITA", "TUN"): 100,
        ("ITA", "unknown"): 3,
    }
    assert undesa.excluded(raw).to_dict("records") == [{"geo": "XCX", "rows": 2, "n": 17}]


def test_undesa_refuses_a_total_sex_row_that_would_double_count():
    raw = stocks_frame([("ITA", 2020, "TUN", "total", 100, 1, 0, 1, 0)])
    with pytest.raises(ValueError):
        undesa.tidy(raw)


def test_unhcr_slugs_groups_and_classifies_origins():
    raw = pd.DataFrame(
        {
            "geo": ["LBY", "LBY", "IND", "DEU", "OOO"],
            "t": [2023.0, 2023.0, 2023.0, 2023.0, 2023.0],
            "from": ["SDN", "STL", "TIB", "OOO", "SYR"],
            "group": ["refugee", "stateless", "refugee", "asylum", "refugee return"],
            "n": [100.0, 5.0, 70.0, 12.0, 400.0],
        }
    )
    out = unhcr.tidy(raw)
    assert out[["asylum", "origin", "group", "count"]].values.tolist() == [
        ["DEU", "unknown", "asylum", 12],
        ["IND", "group:tibetan", "refugee", 70],
        ["LBY", "SDN", "refugee", 100],
        ["LBY", "group:stateless", "stateless", 5],
    ]
    assert unhcr.excluded(raw).to_dict("records") == [{"geo": "OOO", "rows": 1, "n": 400.0}]
    assert unhcr.group_slug("idp return") == "idp-return"


def test_unclassified_origin_codes_raise():
    with pytest.raises(ValueError):
        unhcr.origin_node("ZZZ")
    with pytest.raises(ValueError):
        undesa.origin_node("ZZZ")


@pytest.mark.raw
def test_real_context_files_tidy_and_account_for_every_row():
    folder = DEFAULT_RAW_DIR / "gdidata"
    if not (folder / "wdi.rda").is_file():
        pytest.skip("raw gdidata files not available")
    from dashboard.pipeline.rdata import read_rda

    stocks_raw = read_rda(folder / "undesa_stocks.rda")
    stocks = undesa.tidy(stocks_raw)
    kept = stocks_raw[stocks_raw["geo"] != "XCX"]
    assert stocks["count"].sum() == kept["n"].sum()
    tun_ita_2020 = kept[(kept["geo"] == "ITA") & (kept["from"] == "TUN") & (kept["t"] == 2020)]
    row = stocks[
        (stocks["destination"] == "ITA") & (stocks["origin"] == "TUN") & (stocks["year"] == 2020)
    ]
    assert row["count"].item() == tun_ita_2020["n"].sum()

    refugees_raw = read_rda(folder / "unhcr.rda")
    refugees = unhcr.tidy(refugees_raw)
    assert len(refugees) + unhcr.excluded(refugees_raw)["rows"].sum() == len(refugees_raw)

    indicators = wdi.tidy(read_rda(folder / "wdi.rda"))
    assert set(indicators["variable"]) == {"population", "net-migration", "remittances-in"}
