"""The milestones' CSV downloads (Reforms view, Compare's fifth panel, Country view) as plain
GET routes: each is the file of the state the view shows for that query, the same bytes as
``python -m dashboard export milestones`` where it is the table's rows, 404 for a country that
does not exist, the view's corrected default for an invalid value."""

from __future__ import annotations

import io
from urllib.parse import parse_qsl

import pandas as pd
import pytest

from dashboard import ids
from dashboard.app import app
from dashboard.cli import main as cli_main
from dashboard.export import to_csv_bytes
from dashboard.pages import compare as compare_page
from dashboard.pages import country as country_page
from dashboard.pages import reforms as reforms_page
from dashboard.state import ViewState
from dashboard.views import reforms as view
from dashboard.views.reforms import REFORMS
from tests.pages.layout_tree import find
from tests.web.test_downloads import download

MUST_HAVE = {"iso3", "milestone", "date", "date_precision", "instrument", "source_url", "quote"}
MUST_HAVE |= {"source", "citation"}
QUERY = "countries=TUN,LBY,PSE&country=JOR&treaty=untoc&year=2008"


@pytest.fixture
def client():
    return app.server.test_client()


def frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def cli_export(tmp_path, *flags: str) -> bytes:
    out = tmp_path / "cli.csv"
    assert cli_main(["export", "milestones", *flags, "--out", str(out)]) == 0
    return out.read_bytes()


def test_the_timeline_file_is_the_command_lines_export_of_the_country(client, tmp_path):
    data, name = download(client, f"/download/reforms/timeline.csv?{QUERY}")
    assert name == "reforms_timeline_jor.csv"
    assert data == cli_export(tmp_path, "--countries", "JOR")
    rows = frame(data)
    assert set(rows.columns) >= MUST_HAVE and set(rows["iso3"]) == {"JOR"}
    # A date keeps its precision: Jordan's coordination body is known to the year only.
    body = rows[rows["milestone"] == "coordination-body"]
    assert body[["date", "date_precision"]].values.tolist() == [["2009", "year"]]


def test_the_side_by_side_file_is_the_countries_export(client, tmp_path):
    data, name = download(client, f"/download/reforms/side-by-side.csv?{QUERY}")
    assert name == "reforms_countries_tun-lby-pse.csv"
    assert data == cli_export(tmp_path, "--countries", "TUN,LBY,PSE")


def test_the_gaps_and_parties_files_are_what_the_charts_draw(client, dataset):
    state = ViewState(countries=("TUN", "LBY", "PSE"), country="JOR", treaty="untoc", year=2008)
    gaps, name = download(client, f"/download/reforms/gaps.csv?{QUERY}")
    assert name == "reforms_gaps_tun-lby-pse.csv"
    assert gaps == to_csv_bytes(view.gaps_export(dataset, state))
    assert MUST_HAVE | {"gap_state", "gap_years", "role"} <= set(frame(gaps).columns)
    parties, name = download(client, f"/download/reforms/map.csv?{QUERY}")
    assert name == "reforms_parties_untoc_2008.csv"
    assert parties == to_csv_bytes(view.parties_export(dataset, state))
    rows = frame(parties)
    assert MUST_HAVE | {"status", "treaty", "year"} <= set(rows.columns)
    assert set(rows["treaty"]) == {"untoc"} and set(rows["year"]) == {"2008"}


def test_invalid_values_give_the_views_corrected_default(client, dataset):
    data, name = download(client, "/download/reforms/map.csv?treaty=x&year=1800&countries=ZZZ")
    default = REFORMS.defaults(dataset)
    assert name == f"reforms_parties_palermo-protocol_{default.year}.csv"
    assert data == to_csv_bytes(view.parties_export(dataset, default))
    _, name = download(client, "/download/reforms/timeline.csv?country=XYZ")
    assert name == "reforms_timeline_tun.csv"


def test_each_reforms_link_is_the_download_of_the_state_shown(client):
    layout = reforms_page.layout(**dict(parse_qsl(QUERY)))
    for link_id, route in (
        (ids.REFORMS_TIMELINE_DOWNLOAD_BUTTON, "timeline"),
        (ids.REFORMS_SIDE_BY_SIDE_DOWNLOAD_BUTTON, "side-by-side"),
        (ids.REFORMS_GAPS_DOWNLOAD_BUTTON, "gaps"),
        (ids.REFORMS_MAP_DOWNLOAD_BUTTON, "map"),
    ):
        anchor = find(layout, link_id)
        assert getattr(anchor, "data-download") == f"/download/reforms/{route}.csv"
        for pair in QUERY.split("&"):
            assert pair in anchor.href
        download(client, anchor.href)


def test_the_institutions_file_is_the_fifth_panels_counts(client, dataset):
    query = "countries=JOR,LBN,TUN&indicator=detected-victims&from=2010&to=2020"
    data, name = download(client, f"/download/compare/institutions.csv?{query}")
    assert name == "compare_institutions_jor-lbn-tun.csv"
    state = ViewState(
        countries=("JOR", "LBN", "TUN"), indicator="detected-victims", year_from=2010, year_to=2020
    )
    assert data == to_csv_bytes(compare_page.institutions_export(dataset, state))
    rows = frame(data)
    assert {"iso3", "country", "year", "reached", "unknown", "reached_goals", "unknown_goals",
            "counted", "source", "citation"} <= set(rows.columns)  # fmt: skip
    assert rows["year"].astype(int).between(2000, 2023).all()  # the milestones' own years
    lebanon = rows[(rows["iso3"] == "LBN") & (rows["year"] == "2020")].iloc[0]
    assert "coordination-body" in lebanon["unknown_goals"]  # not known, not "not reached"


def test_the_country_milestones_file_is_the_command_lines_export(client, tmp_path):
    layout = country_page.layout(iso3="lby")
    anchor = find(layout, ids.COUNTRY_MILESTONES_DOWNLOAD_BUTTON)
    assert getattr(anchor, "data-download") == "/download/country/milestones.csv?country=LBY"
    data, name = download(client, anchor.href)
    assert name == "milestones_lby.csv"
    assert data == cli_export(tmp_path, "--countries", "LBY")
    assert len(frame(data)) == 9


@pytest.mark.parametrize("country", ["XYZ", "", "TUN,MAR"])
def test_the_country_milestones_of_an_unknown_country_are_not_found(client, country):
    response = client.get(f"/download/country/milestones.csv?country={country}")
    assert response.status_code == 404 and response.mimetype == "text/plain"
    assert response.get_data(as_text=True) == f"There is no country with the code “{country}”."
