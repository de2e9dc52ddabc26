"""Frontex importer: tiny hand-made frames in the gdidata layout, expectations by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.paths import DEFAULT_RAW_DIR
from dashboard.pipeline import frontex
from dashboard.pipeline.nodes import read_reference_nodes

CMR = "Central Mediterranean Route"


def days(year: int, month: int) -> float:
    """A month as gdidata stores it: days since 1970-01-01."""
    return float((pd.Timestamp(year, month, 1) - pd.Timestamp(1970, 1, 1)).days)


@pytest.fixture
def raw() -> pd.DataFrame:
    rows = [
        (CMR, "Sea", "TUN", days(2023, 1), 10.0),
        (CMR, "Sea", "TUN", days(2023, 12), 5.0),
        ("Western Mediterranean Route", "Land", "MAR", days(2023, 3), 2.0),
        ("Western Mediterranean Route", "Sea", "MAR", days(2023, 3), 3.0),
        (CMR, "Sea", "OOO", days(2023, 2), 4.0),
        (CMR, "Sea", "OOS", days(2023, 2), 1.0),
        (CMR, "Sea", "STL", days(2023, 2), 7.0),
        (CMR, "Sea", "TUN", days(2024, 1), 6.0),
        (CMR, "Sea", "TUN", days(2024, 2), 1.0),
    ]
    # 2023 covers all twelve months somewhere in the data; 2024 only January and February.
    fill = [("Other", "Sea", "UKR", days(2023, m), 1.0) for m in range(2, 12) if m != 3]
    return pd.DataFrame(rows + fill, columns=["route", "type", "nat", "t", "n"])


def test_sums_sea_land_and_months_per_route_nationality_year(raw):
    flows = frontex.tidy(raw, read_reference_nodes()).set_index(["origin", "transit", "year"])
    tun = flows.loc[("TUN", "route:central-mediterranean", 2023)]
    assert (tun["count_low"], tun["count_high"], tun["censored"]) == (15, 15, False)
    assert tun["destination"] == "area:italy-malta"
    assert tun["measure"] == "border-crossings"
    assert tun["raw_label"] == "Central Mediterranean Route: TUN"
    mar = flows.loc[("MAR", "route:western-mediterranean", 2023)]
    assert mar["count_low"] == 5
    assert mar["destination"] == "area:spain"


def test_non_country_codes_are_classified_not_dropped(raw):
    flows = frontex.tidy(raw, read_reference_nodes()).set_index(["origin", "transit", "year"])
    unknown = flows.loc[("unknown", "route:central-mediterranean", 2023)]
    assert unknown["count_low"] == 5
    assert unknown["origin_class"] == "unknown"
    assert unknown["raw_label"] == f"{CMR}: OOO | {CMR}: OOS"
    stateless = flows.loc[("group:stateless", "route:central-mediterranean", 2023)]
    assert (stateless["count_low"], stateless["origin_class"]) == (7, "group")
    assert flows["count_low"].sum() == raw["n"].sum()


def test_partial_year_gets_a_note_derived_from_the_data(raw):
    flows = frontex.tidy(raw, read_reference_nodes())
    assert set(flows.loc[flows["year"] == 2024, "note"]) == {"Jan–Feb only"}
    assert flows.loc[flows["year"] == 2023, "note"].isna().all()


def test_unknown_codes_routes_and_types_raise(raw):
    nodes = read_reference_nodes()
    for column, value in [("nat", "ZZZ"), ("route", "Arctic Route"), ("type", "Air")]:
        bad = raw.copy()
        bad.loc[0, column] = value
        with pytest.raises(ValueError):
            frontex.tidy(bad, nodes)


def test_months_label():
    assert frontex.months_label({1, 2, 3, 4}) == "Jan–Apr only"


@pytest.mark.raw
def test_real_totals_match_a_separate_pandas_count():
    path = DEFAULT_RAW_DIR / "gdidata" / "frontex.rda"
    if not path.is_file():
        pytest.skip("raw Frontex file not available")
    from dashboard.pipeline.rdata import read_rda

    raw = read_rda(path)
    flows = frontex.tidy(raw, read_reference_nodes())
    year = pd.to_datetime(raw["t"], unit="D").dt.year

    def published(route: str, nat: str, y: int) -> int:
        return int(raw.loc[(raw["route"] == route) & (raw["nat"] == nat) & (year == y), "n"].sum())

    def tidy_count(transit: str, origin: str, y: int) -> int:
        row = flows[
            (flows["transit"] == transit) & (flows["origin"] == origin) & (flows["year"] == y)
        ]
        return int(row["count_low"].sum())

    # Checked by hand against the raw table (Sea + Land, all months).
    assert published(CMR, "TUN", 2023) == 17904
    assert tidy_count("route:central-mediterranean", "TUN", 2023) == 17904
    for route, token, nat, y in [
        ("Western Mediterranean Route", "route:western-mediterranean", "MAR", 2022),
        ("Eastern Mediterranean Route", "route:eastern-mediterranean", "SYR", 2015),
        ("Western African Route", "route:western-african", "SEN", 2024),
    ]:
        assert tidy_count(token, nat, y) == published(route, nat, y)
    assert flows["count_low"].sum() == int(raw["n"].sum())
    assert set(flows.loc[flows["year"] == 2025, "note"]) == {"Jan–Apr only"}
