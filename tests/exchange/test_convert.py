"""An upload in the dashboard's shapes: flow rows, indicators and a Dataset the views can use,
every count published by the rule."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.exchange.aggregate import CELL_COLUMNS
from dashboard.exchange.convert import (
    FLOW_ROW_COLUMNS,
    flow_rows,
    indicator_rows,
    published_cells,
    to_dataset,
    transit_stops,
)
from dashboard.exchange.store import DatasetInfo


def cells(*rows) -> pd.DataFrame:
    """Cells from ``(origin, transit, destination, sex, count, agency)`` tuples (TUN, 2022)."""
    records = []
    for origin, transit, destination, sex, count, agency in rows:
        low, high = count if isinstance(count, tuple) else (count, count)
        records.append(
            {
                "reporting_country": "TUN",
                "year": 2022,
                "origin": origin,
                "transit": transit,
                "destination": destination,
                "sex": sex,
                "age": "adult",
                "exploitation": "forced-labour",
                "source_agency": agency,
                "count_low": low,
                "count_high": high,
                "censored": low != high,
                "status": "final",
                "record_type": "aggregate",
                "note": "",
            }
        )
    return pd.DataFrame(records, columns=CELL_COLUMNS)


UPLOAD = cells(
    ("CIV", "MLI;DZA", "TUN", "female", 12, "Ministry"),
    ("CIV", "MLI;DZA", "TUN", "male", 3, "Ministry"),
    ("TUN", "", "TUN", "female", 0, "Ministry"),
    ("unknown", "", "TUN", "male", (1, 4), "NGO"),
)
INFO = DatasetInfo(
    id="d1",
    title="Tunisia 2022",
    workspace="w1",
    filename="tn.csv",
    file_format="csv",
    uploaded_at=dt.datetime(2024, 5, 1, tzinfo=dt.UTC),
    stored_at=dt.datetime(2024, 5, 2, tzinfo=dt.UTC),
    rows_read=4,
    rows_left_out=0,
    cells=4,
    years=(2022, 2022),
    reporting_countries=("TUN",),
)


def test_agencies_are_added_up_before_suppression():
    # 3 + 3 from two agencies is 6: published exactly; per agency, each would be [1, 4].
    two = cells(("CIV", "", "TUN", "male", 3, "Ministry"), ("CIV", "", "TUN", "male", 3, "NGO"))
    published = published_cells(two, 5)
    assert published[["count_low", "count_high", "censored", "source_agency"]].values.tolist() == [
        [6, 6, False, "Ministry; NGO"]
    ]


def test_flow_rows_are_published_cells_with_their_class_and_rule():
    assert list(flow_rows(UPLOAD, 5).columns) == FLOW_ROW_COLUMNS
    rows = flow_rows(UPLOAD, 5).set_index(["origin", "sex"])
    assert rows.loc[("CIV", "female"), ["count_low", "count_high"]].tolist() == [12, 12]
    assert rows.loc[("CIV", "male"), ["count_low", "count_high", "censored"]].tolist() == [
        1,
        4,
        True,
    ]
    assert rows.loc[("TUN", "female"), ["count_low", "origin_class"]].tolist() == [0, "domestic"]
    assert rows.loc[("unknown", "male"), "origin_class"] == "unknown"
    assert rows.loc[("CIV", "female"), "origin_class"] == "country"
    assert set(rows["measure"]) == {"trafficking-victims"}
    assert rows["rule"].str.contains("k = 5").all()


def test_indicators_give_every_breakdown_and_total_as_sums_of_published_cells():
    rows = indicator_rows(UPLOAD, 5).set_index(["exploitation", "sex", "age"])
    assert rows.loc[("total", "total", "total"), ["value_low", "value_high"]].tolist() == [14, 20]
    assert rows.loc[("total", "female", "total"), ["value_low", "value_high"]].tolist() == [12, 12]
    assert rows.loc[("total", "male", "total"), ["value_low", "value_high"]].tolist() == [2, 8]
    assert len(rows) == 3 * 2 * 2  # sex (2 and total) x age (1 and total) x exploitation (same)
    assert set(rows["iso3"]) == {"TUN"} and set(rows["indicator"]) == {"detected-victims"}


def test_no_exact_small_count_leaves_in_any_shape():
    for frame, low, high in (
        (flow_rows(UPLOAD, 5), "count_low", "count_high"),
        (indicator_rows(UPLOAD, 5), "value_low", "value_high"),
    ):
        exact = frame[frame[low] == frame[high]]
        assert not exact[low].between(1, 4).any()


def test_the_dataset_is_the_baselines_shape_with_the_uploads_flows_and_indicators(dataset):
    upload = to_dataset(UPLOAD, 5, INFO, dataset)
    flows = upload.flows.set_index(["origin", "destination"])
    # The two CIV cells (female 12, male 3) are one edge: 12 + [1, 4].
    assert flows.loc[
        ("CIV", "TUN"), ["transit", "count_low", "count_high", "censored"]
    ].tolist() == [
        "MLI;DZA",
        13,
        16,
        True,
    ]
    assert pd.isna(flows.loc[("TUN", "TUN"), "transit"])
    assert set(upload.flows["measure"]) == {"trafficking-victims"}
    assert set(upload.flows["source"]) == {"upload"}
    assert upload.incidents.empty and upload.refugees.empty and upload.milestones.empty
    # Its detected victims as the baseline's indicators (the same schema), counts published.
    totals = upload.indicators.set_index(["iso3", "year", "exploitation", "sex", "age"])
    whole = totals.loc[("TUN", 2022, "total", "total", "total")]
    assert (whole["indicator"], whole["value_low"], whole["value_high"]) == (
        "detected-victims",
        14,
        20,
    )
    assert whole["censored"] and set(upload.indicators["source"]) == {"upload"}
    assert list(upload.indicators.columns) == list(dataset.indicators.columns)
    assert upload.countries is dataset.countries and upload.nodes is dataset.nodes
    meta = upload.metadata["upload"]
    assert (meta["title"], meta["workspace"], meta["dataset"]) == ("Tunisia 2022", "w1", "d1")
    assert meta["stored_at"] == "2024-05-02T00:00:00+00:00"
    assert meta["rule"]["k"] == 5 and meta["rule"]["code"] == "small-count-suppression-k5"
    assert upload.citation("upload") == "Tunisia 2022 (uploaded data, stored 2024-05-02)"
    assert upload.label == "upload:d1"
    assert upload.name("CIV", "fr") == "Côte d’Ivoire"  # CLDR's French, as the baseline's


def test_the_dataset_of_a_workspace_goes_through_its_access_check(store, dataset):
    from dashboard.exchange.checks import check_bytes
    from dashboard.exchange.errors import DatasetAccessError
    from tests.exchange.conftest import csv_bytes

    rows = [["TUN", "2022", "CIV", "", "TUN", "male", "adult", "other", "3"]]
    upload = check_bytes(csv_bytes(rows), "x.csv", today=dt.date(2024, 1, 1)).upload()
    owner, _ = store.create_workspace()
    other, _ = store.create_workspace()
    info = owner.add_dataset(upload, "Mine")
    shown = owner.as_dataset(info.id, dataset)
    assert shown.flows[["count_low", "count_high"]].values.tolist() == [[1, 4]]
    with pytest.raises(DatasetAccessError):
        other.as_dataset(info.id, dataset)


def test_transit_stops():
    assert transit_stops("LBY;TUN") == ["LBY", "TUN"]
    assert transit_stops(float("nan")) == []


def test_an_empty_upload_gives_empty_shapes(dataset):
    empty = UPLOAD.iloc[0:0]
    assert flow_rows(empty, 5).empty and indicator_rows(empty, 5).empty
    assert to_dataset(empty, 5, INFO, dataset).flows.empty


def test_the_datasets_indicators_keep_to_the_baselines_forms_of_exploitation(dataset):
    # "mixed" and "unknown" count in the totals, never as a form of their own.
    mixed = UPLOAD.assign(exploitation=["mixed", "forced-labour", "unknown", "forced-labour"])
    indicators = to_dataset(mixed, 5, INFO, dataset).indicators
    assert set(indicators["exploitation"]) == {"total", "forced-labour"}
    whole = indicators.loc[indicators[["exploitation", "sex", "age"]].eq("total").all(axis=1)]
    assert whole[["value_low", "value_high"]].values.tolist() == [[14, 20]]
