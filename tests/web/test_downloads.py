"""CSV downloads are plain GET routes, ``/download/<view>/<name>.csv?<the view's query>``.

Through the Flask test client: each route answers the file of the state the view shows for that
query — the bytes the views' export functions give for that state, with the same file name —
404 for what does not exist, and the view's corrected default for an invalid value.
"""

from __future__ import annotations

import io
from dataclasses import replace
from urllib.parse import parse_qsl

import pandas as pd
import pytest

from dashboard import ids
from dashboard.analytics.selection import FlowFilter, IndicatorFilter
from dashboard.app import app
from dashboard.cli import main as cli_main
from dashboard.export import export_filename, flows_export, indicators_export, to_csv_bytes
from dashboard.pages import compare as compare_page
from dashboard.pages import country as country_page
from dashboard.pages import data as data_page
from dashboard.pages import flows as flows_page
from dashboard.pages import map as map_page
from dashboard.state import ViewState
from dashboard.views.compare import COMPARE
from dashboard.views.data import DATA
from dashboard.views.flows import FLOWS
from dashboard.views.map import MAP
from dashboard.views.years import indicator_years
from tests.pages.layout_tree import find

PANELS = ("trends", "similarity", "overlap", "convergence")


@pytest.fixture
def client():
    return app.server.test_client()


def download(client, url: str) -> tuple[bytes, str]:
    """The file a GET of ``url`` answers, and its file name (asserting it is a CSV download)."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    return response.get_data(), disposition.removeprefix("attachment; filename=").strip('"')


def frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")


# Each view's files ----------------------------------------------------------------------------


def test_map_download_is_the_rows_the_map_colours(client, dataset):
    query = "indicator=share-female&exploitation=total&year=2015&measure=trafficking-victims"
    data, name = download(client, f"/download/map/map.csv?{query}&lines=1&top=20")
    state = replace(ViewState(), indicator="share-female", exploitation="total", year=2015)
    assert data == to_csv_bytes(map_page.map_export(dataset, state))
    assert name == "map_share-female_total_2015.csv"
    rows = frame(data)
    assert len(rows) > 20 and (rows["year"] == 2015).all()
    assert (rows["indicator"] == "share-female").all() and rows["citation"].notna().all()


def test_flows_download_is_the_export_of_the_views_filter(client, dataset):
    query = "measure=trafficking-victims&from=2012&to=2019&countries=MAR,TUN&top=10"
    data, name = download(client, f"/download/flows/flows.csv?{query}")
    flt = FlowFilter(
        measure="trafficking-victims", year_from=2012, year_to=2019, countries=("MAR", "TUN")
    )
    assert data == to_csv_bytes(flows_export(dataset, flt))
    assert (
        name == export_filename("flows", flt) == "flows_trafficking-victims_2012-2019_mar-tun.csv"
    )


def test_data_download_matches_the_command_line_byte_for_byte(client, tmp_path):
    query = "kind=flows&measure=border-crossings&from=2016&to=2021&countries=TUN,MAR"
    data, name = download(client, f"/download/data/rows.csv?{query}")
    out = tmp_path / "cli.csv"
    args = ["--measure", "border-crossings", "--from", "2016", "--to", "2021"]
    assert cli_main(["export", "flows", *args, "--countries", "TUN,MAR", "--out", str(out)]) == 0
    assert data == out.read_bytes()
    assert name == "flows_border-crossings_2016-2021_tun-mar.csv"


def test_data_download_of_a_derived_indicator_is_its_base_rows(client, dataset):
    data, name = download(
        client, "/download/data/rows.csv?kind=indicators&indicator=share-children&countries=TUN"
    )
    first, last = int(dataset.indicators["year"].min()), int(dataset.indicators["year"].max())
    flt = IndicatorFilter(
        indicator="detected-victims", countries=("TUN",), year_from=first, year_to=last
    )
    assert data == to_csv_bytes(indicators_export(dataset, flt))
    assert name == f"indicators_detected-victims_{first}-{last}_tun.csv"
    assert set(frame(data)["indicator"]) == {"detected-victims"}


def test_country_downloads_are_its_indicator_rows_and_its_flows(client, dataset):
    data, name = download(client, "/download/country/indicators.csv?country=tun&from=2015&to=2020")
    flt = IndicatorFilter(countries=("TUN",), year_from=2015, year_to=2020)
    assert data == to_csv_bytes(indicators_export(dataset, flt))
    assert name == export_filename("indicators", flt)
    rows = frame(data)
    assert set(rows["iso3"]) == {"TUN"} and rows["year"].between(2015, 2020).all()
    assert {"value_low", "value_high", "censored", "source", "citation"} <= set(rows.columns)

    data, name = download(client, "/download/country/flows.csv?from=2010&country=NGA")
    flt = FlowFilter(countries=("NGA",), year_from=2010, year_to=2021)
    assert data == to_csv_bytes(flows_export(dataset, flt))
    assert name == export_filename("flows", flt) == "flows_trafficking-victims_2010-2021_nga.csv"


@pytest.mark.parametrize("panel", PANELS)
def test_compare_downloads_are_what_each_panel_draws(client, dataset, panel):
    query = "countries=JOR,LBN,TUN&indicator=detected-victims&from=2010&to=2020"
    data, name = download(client, f"/download/compare/{panel}.csv?{query}")
    state = ViewState(
        countries=("JOR", "LBN", "TUN"), indicator="detected-victims", year_from=2010, year_to=2020
    )
    assert data == to_csv_bytes(compare_page.EXPORTS[panel](dataset, state))
    assert name == f"compare_{panel}_detected-victims_2010-2020_jor-lbn-tun.csv"


def test_compare_downloads_hold_their_filter_source_and_citation(client):
    query = "countries=JOR,LBN,TUN&indicator=detected-victims&from=2010&to=2020"
    trends, similarity, overlap, convergence = (
        frame(download(client, f"/download/compare/{panel}.csv?{query}")[0]) for panel in PANELS
    )
    assert set(trends["iso3"]) <= {"JOR", "LBN", "TUN"}
    assert trends["year"].between(2010, 2020).all()
    assert {"low", "high", "censored", "source", "citation", "indicator"} <= set(trends.columns)
    assert (trends["source"] == "unodc-glotip").all()
    assert len(overlap) == 3 and {"shared", "jaccard", "citation"} <= set(overlap.columns)
    assert {"similarity_low", "similarity_high", "source"} <= set(similarity.columns)
    assert convergence["year"].tolist() == list(range(2010, 2021))
    assert (convergence["reporting"] <= 3).all()


# What does not exist, and invalid values ------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/download/nowhere/map.csv", "/download/map/nothing.csv", "/download/compare/x.csv"]
)
def test_an_unknown_download_is_not_found(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.get_data(as_text=True) == "There is no such download."


@pytest.mark.parametrize("country", ["XYZ", "", "TUN,MAR"])
def test_an_unknown_country_is_not_found_with_a_one_line_message(client, country):
    for name in ("indicators", "flows"):
        response = client.get(f"/download/country/{name}.csv?country={country}&from=2010")
        assert response.status_code == 404
        assert response.mimetype == "text/plain"
        message = response.get_data(as_text=True)
        assert message == f"There is no country with the code “{country}”."
    assert client.get("/download/country/flows.csv").status_code == 404


def test_invalid_values_give_the_views_corrected_default_not_an_error(client, dataset):
    # Each view shows a notice and the default for these values; the download does the same.
    flows, name = download(client, "/download/flows/flows.csv?countries=XXX&top=7&to=1990")
    state, _ = FLOWS.check(dataset, FLOWS.defaults(dataset))
    flt = FLOWS.filter(state)
    assert (flows, name) == (
        to_csv_bytes(flows_export(dataset, flt)),
        export_filename("flows", flt),
    )

    values, name = download(client, "/download/map/map.csv?indicator=bananas&year=1900")
    default = MAP.defaults(dataset)
    assert values == to_csv_bytes(map_page.map_export(dataset, default))
    assert name == f"map_detected-victims_total_{default.year}.csv"

    trends, name = download(client, "/download/compare/trends.csv?countries=TUN&indicator=x")
    default = COMPARE.defaults(dataset)
    assert trends == to_csv_bytes(compare_page.trends_export(dataset, default))
    assert name.startswith("compare_trends_detected-victims_") and "_dza-egy-jor" in name

    rows, name = download(client, "/download/data/rows.csv?kind=tables&countries=TUN&from=1800")
    state, _ = DATA.check(dataset, replace(DATA.defaults(dataset), countries=("TUN",)))
    flt = DATA.filter(state)
    assert rows == to_csv_bytes(DATA.export_rows(dataset, state))
    assert name == export_filename("flows", flt) and name.startswith("flows_trafficking-victims_")

    indicators, name = download(client, "/download/country/indicators.csv?country=JOR&from=abc")
    first, last = indicator_years(dataset)
    flt = IndicatorFilter(countries=("JOR",), year_from=first, year_to=last)
    assert indicators == to_csv_bytes(indicators_export(dataset, flt))


# The links in the views ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("module", "query", "link", "route"),
    [
        (map_page, "?indicator=share-female&year=2015", ids.MAP_DOWNLOAD_BUTTON, "map/map"),
        (
            flows_page,
            "?measure=border-crossings&from=2015&to=2020&countries=TUN,MAR&top=5",
            ids.FLOWS_DOWNLOAD_BUTTON,
            "flows/flows",
        ),
        (
            data_page,
            "?kind=indicators&indicator=persons-convicted&from=2012&to=2018&countries=JOR",
            ids.DATA_DOWNLOAD_BUTTON,
            "data/rows",
        ),
        (
            compare_page,
            "?countries=JOR,LBN&from=2015&to=2020",
            ids.COMPARE_OVERLAP_DOWNLOAD_BUTTON,
            "compare/overlap",
        ),
    ],
)
def test_each_views_link_is_the_download_of_the_state_it_shows(client, module, query, link, route):
    layout = module.layout(**dict(parse_qsl(query[1:])))
    anchor = find(layout, link)
    base = f"/download/{route}.csv"
    assert getattr(anchor, "data-download") == base  # the script adds the address's query
    assert anchor.href.startswith(base + "?") and anchor.download == ""
    for pair in query[1:].split("&"):
        assert pair in anchor.href  # the link drawn with the page holds the view's state
    download(client, anchor.href)


def test_the_country_links_name_the_country_of_the_view(client):
    layout = country_page.layout(iso3="jor", **{"from": "2012"})
    for link, name in (
        (ids.COUNTRY_DOWNLOAD_BUTTON, "indicators"),
        (ids.COUNTRY_FLOWS_DOWNLOAD_BUTTON, "flows"),
    ):
        anchor = find(layout, link)
        assert getattr(anchor, "data-download") == f"/download/country/{name}.csv?country=JOR"
        data, filename = download(client, anchor.href)
        assert filename.endswith("_2012-2021_jor.csv") and frame(data)["year"].min() >= 2012
