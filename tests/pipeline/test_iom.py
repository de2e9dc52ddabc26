"""IOM Missing Migrants importer: hand-made rows in the gdidata layout."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.paths import DEFAULT_RAW_DIR
from dashboard.pipeline import iom

COLUMNS = [
    "t",
    "m",
    "type",
    "route",
    "geo",
    "dead",
    "cause",
    "surv",
    "nat",
    "location",
    "lon",
    "lat",
]


@pytest.fixture
def raw() -> pd.DataFrame:
    rows = [
        (
            dt.date(2023, 6, 14),
            19509.0,
            "Incident",
            "Eastern Mediterranean Route",
            "GRC",
            82.0,
            "Drowning",
            104.0,
            "EGY,PAK,SYR,UNK",
            "Off Pylos, Greece",
            21.123456,
            36.987654,
        ),
        (
            dt.date(2016, 2, 7),
            16832.0,
            "Split Incident",
            "Western African Atlantic Route",
            "ESH",
            57.0,
            "Drowning",
            -1.0,
            "UNK",
            "<p>Between Dakhla and Gran Canaria</p>",
            -15.59438,
            26.94553,
        ),
        (
            dt.date(2016, 2, 7),
            16832.0,
            "Split Incident",
            "Western African Atlantic Route",
            "ESH",
            57.0,
            "Drowning",
            -1.0,
            "UNK",
            "<p>Between Dakhla and Gran Canaria</p>",
            -15.59438,
            26.94553,
        ),
        (
            dt.date(2022, 4, 7),
            19083.0,
            "Incident,Split Incident",
            "Undefined",
            "MAR",
            7.0,
            "Drowning",
            np.nan,
            "MAR,UNK,MAR",
            "Akhfennir, Morocco",
            -12.04966,
            28.10278,
        ),
        (
            dt.date(2019, 1, 31),
            17897.0,
            "Cumulative Incident",
            "Central Mediterranean Route",
            "LBY",
            12.0,
            "Mixed or unknown",
            np.nan,
            "UNK",
            "Libya",
            13.0,
            32.9,
        ),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_every_row_is_kept_and_deaths_sum_unchanged(raw):
    incidents = iom.tidy(raw)
    assert len(incidents) == 5  # the identical pair stays: no id tells repeats apart
    assert incidents["dead_missing"].sum() == 82 + 57 + 57 + 7 + 12
    assert set(incidents["incident_type"]) == set(raw["type"])
    assert (incidents["source"] == "iom-mmp").all()


def test_fields_are_shaped_as_the_schema_says(raw):
    first = iom.tidy(raw).iloc[0]
    assert (first["date"], first["year"], first["country"]) == ("2023-06-14", 2023, "GRC")
    assert (first["lon"], first["lat"]) == (21.1235, 36.9877)
    assert first["nationalities"] == "EGY;PAK;SYR;unknown"
    assert first["survivors"] == 104.0


def test_negative_survivors_become_missing_and_markup_is_removed(raw):
    incidents = iom.tidy(raw)
    assert np.isnan(incidents.loc[1, "survivors"])
    assert iom.negative_survivors(raw) == 2
    assert incidents.loc[1, "location"] == "Between Dakhla and Gran Canaria"
    assert incidents.loc[3, "nationalities"] == "MAR;unknown"


def test_unknown_incident_type_raises(raw):
    raw.loc[0, "type"] = "Rumour"
    with pytest.raises(ValueError):
        iom.tidy(raw)


@pytest.mark.raw
def test_real_file_keeps_every_incident():
    path = DEFAULT_RAW_DIR / "gdidata" / "iom_mmp.rda"
    if not path.is_file():
        pytest.skip("raw IOM file not available")
    from dashboard.pipeline.rdata import read_rda

    raw = read_rda(path)
    incidents = iom.tidy(raw)
    assert len(incidents) == len(raw) == 19669
    assert incidents["dead_missing"].sum() == raw["dead"].sum()
    central = incidents[(incidents["route"] == "Central Mediterranean Route")]
    assert (
        central["dead_missing"].sum()
        == raw.loc[raw["route"] == "Central Mediterranean Route", "dead"].sum()
    )
