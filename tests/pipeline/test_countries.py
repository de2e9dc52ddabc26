"""Countries table: names, translations, map points and regions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from dashboard.paths import FULL_TOPOJSON
from dashboard.pipeline import countries, names


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
    assert table.loc["MDA", "name_ar"] == "مولدوفا"  # pycountry's catalogue said Maldives


def test_french_and_arabic_names_are_cldrs_except_the_reviewed_ones():
    import pycountry
    from babel import Locale

    table = countries.build_countries(regions(), tiny_shapes()).set_index("iso3")
    listed = {(row.code, row.lang) for row in names.exceptions().itertuples()}
    for country in pycountry.countries:
        for lang in ("fr", "ar"):
            shown = table.loc[country.alpha_3, f"name_{lang}"]
            if (country.alpha_3, lang) not in listed:
                assert shown == Locale(lang).territories[country.alpha_2], country.alpha_3
    palestine = table.loc["PSE", ["name_fr", "name_ar"]].tolist()
    assert palestine == ["État de Palestine", "دولة فلسطين"]  # as the UN writes it
    assert table.loc["XKX", ["name_fr", "name_ar"]].tolist() == ["Kosovo", "كوسوفو"]


def test_every_exception_differs_from_cldr_as_reviewed_and_has_a_source():
    import pycountry

    for row in names.exceptions().itertuples():
        code = row.code if row.code.isdigit() else pycountry.countries.get(alpha_3=row.code).alpha_2
        # CLDR still says what the reviewer saw (a new Babel may have changed it: review again).
        assert names.cldr_name(code, row.lang) == row.cldr, (row.code, row.lang)
        assert row.name != row.cldr and row.source.strip(), (row.code, row.lang)


def test_regions_in_french_and_arabic():
    table = countries.build_countries(regions(), tiny_shapes()).set_index("iso3")
    tunisia = table.loc["TUN", ["region_fr", "subregion_fr", "region_ar", "subregion_ar"]]
    assert tunisia.tolist() == ["Afrique", "Afrique septentrionale", "أفريقيا", "شمال أفريقيا"]
    assert pd.isna(table.loc["FRA", "subregion_fr"])  # no region given, none invented
    latin = names.region_names(pd.Series(["Latin America and the Caribbean"]), "fr")
    assert latin.tolist() == ["Amérique latine et Caraïbes"]  # M49's name, not CLDR's "419"


def test_an_unknown_region_name_raises():
    try:
        names.region_names(pd.Series(["Atlantis"]), "fr")
    except ValueError as error:
        assert "Atlantis" in str(error)
        return
    raise AssertionError("expected ValueError")


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
