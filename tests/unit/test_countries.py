"""Countries table: names, translations, map points and regions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from dashboard.paths import FULL_TOPOJSON
from dashboard.pipeline import countries


def tiny_shapes() -> gpd.GeoDataFrame:
    # Tunisia as a square from (8, 31) to (10, 37); one shape without an id.
    return gpd.GeoDataFrame(
        {"id": ["TUN", None]}, geometry=[box(8, 31, 10, 37), box(20, 42, 21, 43)]
    )


def regions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": ["TUN", "TUN", "ITA"],
            "region": ["Africa", "Africa", "Europe"],
            "subregion": ["Northern Africa", "Northern Africa", "Southern Europe"],
        }
    )


def test_one_row_per_country_plus_kosovo():
    table = countries.build_countries(regions(), tiny_shapes())
    import pycountry

    assert len(table) == len(pycountry.countries) + 1
    assert table["iso3"].is_unique
    kosovo = table.set_index("iso3").loc["XKX"]
    assert kosovo["name_en"] == "Kosovo"
    assert np.isnan(kosovo["lon"])


def test_points_regions_and_focus():
    table = countries.build_countries(regions(), tiny_shapes()).set_index("iso3")
    assert (table.loc["TUN", "lon"], table.loc["TUN", "lat"]) == (9.0, 34.0)
    assert table.loc["TUN", "subregion"] == "Northern Africa"
    assert pd.isna(table.loc["FRA", "region"])
    assert np.isnan(table.loc["ITA", "lon"])  # no shape in the tiny fixture
    assert table.loc["LBY", "focus"] and not table.loc["ITA", "focus"]


def test_short_readable_names_and_translations():
    table = countries.build_countries(regions(), tiny_shapes()).set_index("iso3")
    expected = {
        "BOL": "Bolivia",
        "IRN": "Iran",
        "SYR": "Syria",
        "PSE": "Palestine",
        "TUR": "Türkiye",
    }
    for iso3, name in expected.items():
        assert table.loc[iso3, "name_en"] == name
    assert table.loc["TUN", "name_fr"] == "Tunisie"
    assert table.loc["EGY", "name_ar"] == "مصر"
    assert table.loc["MDA", "name_ar"] != "المالديف"  # the catalogue's wrong "Moldova" entry


def test_fallbacks_to_english_are_few_and_known():
    names = countries.country_names()
    assert names.loc[names["fallback_fr"], "iso3"].tolist() == []
    assert names.loc[names["fallback_ar"], "iso3"].tolist() == ["TUR"]


def test_conflicting_regions_raise():
    bad = pd.concat(
        [regions(), pd.DataFrame([{"iso3": "TUN", "region": "Asia", "subregion": "x"}])]
    )
    try:
        countries.build_countries(bad, tiny_shapes())
    except ValueError:
        return
    raise AssertionError("conflicting regions were accepted")


def test_real_topojson_gives_points_for_the_focus_countries():
    shapes = countries.read_geometries(FULL_TOPOJSON)
    assert len(shapes) == 241
    table = countries.build_countries(regions(), shapes).set_index("iso3")
    focus = table[table["focus"]]
    assert focus[["lon", "lat"]].notna().all().all()
    assert table.loc["MLT", ["lon", "lat"]].notna().all()
