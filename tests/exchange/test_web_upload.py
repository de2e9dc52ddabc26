"""The web side of uploads, through Dash's real request path (Flask test client): the workspace
cookie, the upload view's callback, views and downloads of an uploaded dataset, and refusals of
other workspaces' requests. On SQLite, and on PostgreSQL when ``DATABASE_URL`` is set."""

from __future__ import annotations

import base64
import io
import json
import os

import pandas as pd
from sqlalchemy import func, select

from dashboard import ids
from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body
from dashboard.db.models import DatasetCell
from dashboard.web import workspace as workspaces
from tests.exchange.conftest import FIXTURES, csv_bytes

TUNISIA = os.path.join(FIXTURES, "tunisia-utf8-bom.csv")
ERRORS = os.path.join(FIXTURES, "errors.csv")
with open(TUNISIA, "rb") as _file:
    TUNISIA_BYTES = _file.read()
with open(ERRORS, "rb") as _file:
    ERRORS_BYTES = _file.read()


def _contents(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def post(client, dependencies, output: str, values: dict, changed: str | None = None) -> dict:
    dependency = find_callback(dependencies, output)
    body = request_body(dependency, values, values)
    if changed:
        body["changedPropIds"] = [changed]
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:500]
    answer = response.get_json()
    assert ids.ERROR_BANNER not in json.dumps(answer.get("sideUpdate", {})), answer
    return answer


def upload(client, dependencies, data: bytes, filename: str, *, lang="en", **more) -> dict:
    values = {
        "upload-file.contents": _contents(data),
        "upload-file.filename": filename,
        "upload-target.value": "",
        "url.search": f"?lang={lang}",
        **more,
    }
    answer = post(client, dependencies, "upload-status.children", values)
    return answer["response"]


def _cell_count(store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DatasetCell)).scalar_one()


def _stored(store, client):
    key = client.get_cookie(workspaces.COOKIE).value
    return store.workspace(key)


def test_a_valid_upload_creates_the_workspace_and_its_httponly_cookie(served, dependencies):
    client = app.server.test_client()
    assert client.get_cookie(workspaces.COOKIE) is None
    body = upload(client, dependencies, TUNISIA_BYTES, "tunisia.csv")
    assert "was stored" in body[ids.UPLOAD_STATUS]["children"]
    cookie = client.get_cookie(workspaces.COOKIE)
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure  # plain HTTP here; Secure over HTTPS
    (info,) = _stored(served, client).datasets()
    assert info.title == "tunisia.csv" and info.cells == 3
    assert "tunisia.csv" in json.dumps(body[ids.UPLOAD_DATASETS], ensure_ascii=False)
    # The preview shows the suppressed count as its interval, never the exact small count.
    preview = json.dumps(body[ids.UPLOAD_PREVIEW]["children"], ensure_ascii=False)
    assert "1–4" in preview


def test_a_file_with_errors_stores_nothing_until_its_valid_rows_are_kept(served, dependencies):
    client = app.server.test_client()
    data = ERRORS_BYTES
    body = upload(client, dependencies, data, "errors.csv", lang="fr")
    assert body[ids.UPLOAD_STATUS]["children"] != ""
    assert client.get_cookie(workspaces.COOKIE) is None  # no workspace for a failed upload
    assert _cell_count(served) == 0
    assert body[ids.UPLOAD_KEEP]["hidden"] is False
    report = json.dumps(body[ids.UPLOAD_REPORT]["children"], ensure_ascii=False)
    assert '"2"' in report and "Atlantis" in report  # row numbers as a spreadsheet's, values
    values = {
        "upload-file.contents": _contents(data),
        "upload-file.filename": "errors.csv",
        "upload-target.value": "",
        "upload-keep.n_clicks": 1,
        "url.search": "?lang=en",
    }
    kept = post(client, dependencies, "upload-status.children", values, "upload-keep.n_clicks")
    assert "valid rows only" in kept["response"][ids.UPLOAD_STATUS]["children"]
    (info,) = _stored(served, client).datasets()
    assert info.rows_left_out > 0 and _cell_count(served) == info.cells


def test_an_unreadable_upload_is_a_sentence_and_changes_nothing(served, dependencies):
    client = app.server.test_client()
    upload(client, dependencies, TUNISIA_BYTES, "tunisia.csv")
    before = _cell_count(served)
    values = {
        "upload-file.contents": "data:text/csv;base64,@@not base64@@",
        "upload-file.filename": "x.csv",
        "upload-target.value": "",
        "url.search": "?lang=en",
    }
    answer = post(client, dependencies, "upload-status.children", values)
    assert "could not be received" in answer["response"][ids.UPLOAD_STATUS]["children"]
    body = upload(client, dependencies, b"\x00\x01binary", "x.xlsx")
    assert "Nothing was stored" in body[ids.UPLOAD_STATUS]["children"]
    assert _cell_count(served) == before


def _flows_values(dataset_id: str, countries=("TUN",)) -> dict:
    return {
        "flows-measure.value": "trafficking-victims",
        "flows-years.value": None,
        "flows-countries.value": list(countries),
        "flows-top.value": 10,
        "flows-exploitation.value": "total",
        "flows-sex.value": "total",
        "flows-age.value": "total",
        "url.search": f"?lang=en&dataset={dataset_id}",
    }


def test_flows_of_an_upload_have_three_layers_and_only_its_owner_sees_them(served, dependencies):
    owner = app.server.test_client()
    upload(owner, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, owner).datasets()
    answer = post(owner, dependencies, "flows-graph.figure", _flows_values(info.id))
    figure = answer["response"][ids.FLOWS_GRAPH]["figure"]
    (sankey,) = figure["data"]
    labels = sankey["node"]["label"]
    assert "Mali → Algeria" in labels  # the transit layer: the countries passed through
    assert {"Côte d'Ivoire", "Libya", "Tunisia"} <= set(labels), labels
    xs = sorted(set(sankey["node"]["x"]))
    assert len(xs) == 3  # origin, transit, destination layers
    summary = json.dumps(answer["response"][ids.FLOWS_SUMMARY]["children"], ensure_ascii=False)
    assert "There is no dataset" not in summary

    # Another browser (no cookie, or its own workspace) gets the public data and a notice.
    stranger = app.server.test_client()
    upload(
        stranger,
        dependencies,
        csv_bytes([["TUN", 2022, "NGA", "", "TUN", "male", "adult", "other", 9]]),
        "mine.csv",
    )
    forged = post(stranger, dependencies, "flows-graph.figure", _flows_values(info.id))
    labels = forged["response"][ids.FLOWS_GRAPH]["figure"]["data"][0]["node"]["label"]
    assert "Mali → Algeria" not in labels
    # … the public data's answer exactly (the page's notice says so: the browser test).
    values = {**_flows_values(info.id), "url.search": "?lang=en"}
    public = post(stranger, dependencies, "flows-graph.figure", values)
    assert forged["response"][ids.FLOWS_GRAPH] == public["response"][ids.FLOWS_GRAPH]


def test_csv_downloads_of_an_upload_are_suppressed_and_refused_to_others(served, dependencies):
    owner = app.server.test_client()
    upload(owner, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, owner).datasets()
    address = f"/download/flows/flows.csv?countries=TUN&dataset={info.id}&lang=en"
    response = owner.get(address)
    assert response.status_code == 200
    rows = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig", keep_default_na=False)
    assert set(rows["rule_code"]) == {"small-count-suppression-k5"}
    assert rows["rule"].str.startswith("Small counts are suppressed (k = 5)").all()
    by_origin = rows.set_index(["origin", "year"])
    # 12 + <5 from Côte d'Ivoire in 2022: a total holding a suppressed count is a range.
    assert tuple(by_origin.loc[("CIV", 2022), ["count_low", "count_high"]]) == (13, 16)
    assert tuple(by_origin.loc[("LBY", 2023), ["count_low", "count_high"]]) == (7, 7)
    assert owner.get(address.replace("lang=en", "lang=fr")).status_code == 200
    stranger = app.server.test_client()
    assert stranger.get(address).status_code == 404
    upload(stranger, dependencies, TUNISIA_BYTES, "copy.csv")
    assert stranger.get(address).status_code == 404  # a workspace of its own changes nothing


def test_map_and_country_views_answer_over_an_upload(served, dependencies):
    from benchmarks.callbacks import case_key, cases_for, server_callbacks

    owner = app.server.test_client()
    upload(owner, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, owner).datasets()
    checked = set()
    for dependency in server_callbacks(app):
        key = case_key(dependency)
        if key is None or not key.startswith(("map-", "country-", "flows-")):
            continue
        for values in cases_for(dependency, key).values():
            values = {**values, "url.search": f"?lang=en&dataset={info.id}"}
            body = request_body(dependency, values, values)
            response = owner.post("/_dash-update-component", json=body)
            assert response.status_code in (200, 204), (key, response.data[:300])
            if response.status_code == 200:
                side = json.dumps(response.get_json().get("sideUpdate", {}))
                assert ids.ERROR_BANNER not in side, key
            checked.add(key)
    assert {"map-graph.figure", "flows-graph.figure"} <= checked


def test_rename_set_k_and_delete_remove_every_cell(served, dependencies):
    client = app.server.test_client()
    upload(client, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, client).datasets()
    base = {
        "upload-chosen.value": info.id,
        "upload-title.value": "Tunisie 2022–2023",
        "upload-k.value": 11,
        "url.search": "?lang=en",
    }
    renamed = post(
        client,
        dependencies,
        "upload-status.children",
        {**base, "upload-rename.n_clicks": 1},
        "upload-rename.n_clicks",
    )
    assert "Tunisie 2022–2023" in renamed["response"][ids.UPLOAD_STATUS]["children"]
    post(
        client,
        dependencies,
        "upload-status.children",
        {**base, "upload-k-set.n_clicks": 1},
        "upload-k-set.n_clicks",
    )
    assert _stored(served, client).k == 11
    bad = post(
        client,
        dependencies,
        "upload-status.children",
        {**base, "upload-k.value": 2, "upload-k-set.n_clicks": 2},
        "upload-k-set.n_clicks",
    )
    assert "threshold" in bad["response"][ids.UPLOAD_STATUS]["children"]
    assert _stored(served, client).k == 11
    assert _cell_count(served) == 3
    deleted = post(
        client,
        dependencies,
        "upload-status.children",
        {**base, "upload-delete.n_clicks": 1},
        "upload-delete.n_clicks",
    )
    assert "were deleted" in deleted["response"][ids.UPLOAD_STATUS]["children"]
    assert _cell_count(served) == 0
    assert _stored(served, client).datasets() == []


def test_a_request_over_the_size_limit_gets_the_limit_in_the_page_language(served):
    client = app.server.test_client()
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    assert limit > 20 * 1024 * 1024 * 4 // 3
    app.server.config["MAX_CONTENT_LENGTH"] = 1000
    try:
        response = client.post(
            "/_dash-update-component",
            data=b"x" * 5000,
            content_type="application/json",
            headers={"Referer": "http://localhost/upload?lang=fr"},
        )
    finally:
        app.server.config["MAX_CONTENT_LENGTH"] = limit
    assert response.status_code == 200
    message = response.get_json()["response"][ids.UPLOAD_STATUS]["children"]
    assert "20" in message and "Traceback" not in message


def test_templates_download_in_the_page_language(served):
    client = app.server.test_client()
    csv = client.get("/exchange/template.csv?lang=fr")
    assert csv.status_code == 200 and b"reporting_country" in csv.data
    xlsx = client.get("/exchange/template.xlsx?lang=ar")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert "upload-template_ar.xlsx" in xlsx.headers["Content-Disposition"]


def _query(response: dict) -> str:
    """The view's query a Flows answer writes (its view-state store)."""
    (key,) = [key for key in response if "view-state" in key]
    return response[key]["data"]


def test_flows_of_an_upload_filter_by_sex_age_and_form(served, dependencies):
    client = app.server.test_client()
    upload(client, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, client).datasets()
    # Women (12, via Mali and Algeria) and children (7 Libyans in 2023) are separate cells.
    values = {**_flows_values(info.id), "flows-sex.value": "female", "flows-age.value": "adult"}
    answer = post(client, dependencies, "flows-graph.figure", values)["response"]
    (sankey,) = answer[ids.FLOWS_GRAPH]["figure"]["data"]
    assert set(sankey["node"]["label"]) == {"Côte d'Ivoire", "Mali → Algeria", "Tunisia"}
    assert sankey["link"]["value"] == [12, 12]  # exactly 12: the small male cell is left out
    assert "sex=female" in _query(answer)
    address = f"/download/flows/flows.csv?countries=TUN&dataset={info.id}&sex=male"
    rows = pd.read_csv(io.BytesIO(client.get(address).data), encoding="utf-8-sig")
    assert list(zip(rows["count_low"], rows["count_high"], strict=True)) == [(1, 4)]

    # The public flows: the filters are there, disabled, and say why; a forged value is ignored.
    public = {**_flows_values(info.id), "url.search": "?lang=en", "flows-sex.value": "female"}
    forged = post(client, dependencies, "flows-graph.figure", public)["response"]
    plain = post(client, dependencies, "flows-graph.figure", {**public, "flows-sex.value": "total"})
    assert forged[ids.FLOWS_GRAPH] == plain["response"][ids.FLOWS_GRAPH]
    assert "sex=" not in _query(forged)


def test_datasets_past_the_retention_period_are_purged_when_the_store_opens(served):
    import datetime as dt

    from sqlalchemy import update

    from dashboard.db.models import Dataset
    from dashboard.exchange.checks import check_bytes

    workspace, key = served.create_workspace()
    old = workspace.add_dataset(check_bytes(TUNISIA_BYTES, "old.csv").upload(), "old")
    kept = workspace.add_dataset(check_bytes(TUNISIA_BYTES, "new.csv").upload(), "new")
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    with served.engine.begin() as connection:
        table = Dataset.__table__
        connection.execute(
            update(table).where(table.c.public_id == old.id).values(stored_at=long_ago)
        )
    workspaces.use_store(app.server, served)  # as a fresh process: purged at the first use
    with app.server.test_request_context("/upload"):
        workspaces.store()
    assert [info.id for info in served.workspace(key).datasets()] == [kept.id]
    assert _cell_count(served) == kept.cells


def test_replace_keeps_the_id_and_title_and_a_refused_file_replaces_nothing(served, dependencies):
    client = app.server.test_client()
    upload(client, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, client).datasets()
    one_row = csv_bytes([["TUN", 2024, "NGA", "", "TUN", "male", "adult", "other", 9]])
    body = upload(client, dependencies, one_row, "2024.csv", **{"upload-target.value": info.id})
    assert "was replaced by 2024.csv" in body[ids.UPLOAD_STATUS]["children"]
    (replaced,) = _stored(served, client).datasets()
    assert (replaced.id, replaced.title, replaced.cells, replaced.years) == (
        info.id,
        info.title,
        1,
        (2024, 2024),
    )
    body = upload(
        client, dependencies, ERRORS_BYTES, "errors.csv", **{"upload-target.value": info.id}
    )
    assert "Nothing was stored" in body[ids.UPLOAD_STATUS]["children"]
    assert _stored(served, client).datasets() == [replaced] and _cell_count(served) == 1
    # Another workspace's id as the target: refused, nothing anywhere changes.
    stranger = app.server.test_client()
    body = upload(stranger, dependencies, one_row, "x.csv", **{"upload-target.value": info.id})
    assert "There is no dataset" in body[ids.UPLOAD_STATUS]["children"]
    assert stranger.get_cookie(workspaces.COOKIE) is None  # not even an empty workspace
    assert _stored(served, client).datasets() == [replaced] and _cell_count(served) == 1
    upload(stranger, dependencies, one_row, "mine.csv")  # now with a workspace of its own
    body = upload(stranger, dependencies, one_row, "x.csv", **{"upload-target.value": info.id})
    assert "There is no dataset" in body[ids.UPLOAD_STATUS]["children"]
    assert _stored(served, client).datasets() == [replaced]


def test_the_offline_story_export_of_an_upload_is_its_owners_and_suppressed(served, dependencies):
    from dashboard.stories import Slide, Story, encode_link

    owner = app.server.test_client()
    upload(owner, dependencies, TUNISIA_BYTES, "tunisia.csv")
    (info,) = _stored(served, owner).datasets()
    story = Story("Tunisia", (Slide("/flows", f"?countries=TUN&dataset={info.id}&lang=en"),))
    address = f"/export/story.html?s={encode_link(story)}"
    exported = owner.get(address)
    assert exported.status_code == 200
    page = exported.get_data(as_text=True)
    assert "Mali → Algeria" in page or "Mali \\u2192 Algeria" in page
    assert "13–16" in page or "13\\u201316" in page  # 12 and a small count: a range
    # Another browser's export of the same link: the public data, never the upload.
    public = app.server.test_client().get(address).get_data(as_text=True)
    assert "Mali → Algeria" not in public and "Mali \\u2192 Algeria" not in public


#: Tunisia's detected victims in three years: one apart from UNODC's, one within its range, one
#: where UNODC has none.
BESIDE_UNODC = [
    ["TUN", 2019, "CIV", "", "TUN", "female", "adult", "other", 5],  # UNODC: 775
    ["TUN", 2020, "CIV", "", "TUN", "female", "adult", "other", 180],  # UNODC: 181
    ["TUN", 2020, "NGA", "", "TUN", "male", "adult", "other", "<5"],  # 181–184 with it
    ["TUN", 2023, "CIV", "", "TUN", "female", "adult", "other", 9],  # UNODC: none
]


def test_the_upload_view_sets_the_figures_beside_unodcs_and_says_where_they_differ(
    served, dependencies
):
    client = app.server.test_client()
    body = upload(client, dependencies, csv_bytes(BESIDE_UNODC), "tn.csv")
    beside = json.dumps(body[ids.UPLOAD_BESIDE]["children"], ensure_ascii=False)
    assert "1 of 3 differ from UNODC’s" in beside and "no figure for 1" in beside
    table = body[ids.UPLOAD_BESIDE]["children"][-1]["props"]["children"][1]["props"]["children"]
    cells = [[cell["props"]["children"] for cell in row["props"]["children"]] for row in table]
    assert cells == [
        ["Tunisia", "2019", "5", "775", "Yes"],
        ["Tunisia", "2020", "181–184", "181", "No"],
        ["Tunisia", "2023", "9", "", "No UNODC figure"],
    ]


def test_compare_sets_an_uploads_figures_beside_unodcs_and_its_csv_holds_both(served, dependencies):
    client = app.server.test_client()
    upload(client, dependencies, csv_bytes(BESIDE_UNODC), "tn.csv")
    (info,) = _stored(served, client).datasets()
    values = {
        "compare-countries.value": ["TUN", "MAR"],
        "compare-indicator.value": "detected-victims",
        "compare-years.value": None,
        "url.search": f"?lang=en&dataset={info.id}",
    }
    answer = post(client, dependencies, "compare-trends.figure", values)["response"]
    figure = answer[ids.COMPARE_TRENDS]["figure"]
    tunisia_own, tunisia_unodc = figure["data"][:2]
    assert (tunisia_own["name"], tunisia_unodc["name"]) == (info.title, "UNODC (public data)")
    assert tunisia_own["showlegend"] and tunisia_unodc["line"]["dash"] == "dot"
    years = tunisia_own["x"]
    assert years[0] == 2019 and years[-1] == 2023
    assert tunisia_own["y"][0] == 5 and tunisia_unodc["y"][0] == 775
    assert tunisia_own["y"][1] == 181 and tunisia_unodc["y"][1] == 181
    assert tunisia_own["y"][4] == 9 and tunisia_unodc["y"][4] is None
    reading = answer[ids.COMPARE_TRENDS_READING]["children"]
    assert "differ in 1 of the 2 country-years where both have one: Tunisia (2019)." in reading
    source = figure["layout"]["meta"]["source"]
    assert info.title in source and "UNODC" in source
    note = json.dumps(answer[ids.COMPARE_TRENDS_SOURCE]["children"], ensure_ascii=False)
    assert "Dotted grey: UNODC" in note

    address = f"/download/compare/trends.csv?countries=TUN,MAR&dataset={info.id}&lang=en"
    response = client.get(address)
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.data), encoding="utf-8-sig")
    tunisia = frame.loc[frame["iso3"].eq("TUN")].set_index("year")
    assert tunisia.loc[2019, ["low", "unodc_low", "differs"]].tolist() == [5, 775, True]
    assert tunisia.loc[2020, ["low", "high", "unodc_low", "differs"]].tolist() == [
        181,
        184,
        181,
        False,
    ]
    assert tunisia.loc[[2023], ["unodc_low", "unodc_high", "differs"]].isna().all(axis=None)
    assert set(frame["source"]) == {"upload;unodc-glotip"}
    assert "UNODC" in frame["citation"].iloc[0] and info.title in frame["citation"].iloc[0]
    # Over the public data alone, nothing is drawn beside.
    public = {**values, "url.search": "?lang=en"}
    alone = post(client, dependencies, "compare-trends.figure", public)["response"]
    assert not any(t["showlegend"] for t in alone[ids.COMPARE_TRENDS]["figure"]["data"])
    assert "UNODC (public data)" not in json.dumps(alone)


def test_the_map_of_an_upload_colours_its_countries_and_names_it_not_unodc(served, dependencies):
    from benchmarks.callbacks import case_key, cases_for, server_callbacks

    owner = app.server.test_client()
    upload(owner, dependencies, csv_bytes(BESIDE_UNODC), "tn.csv")
    (info,) = _stored(served, owner).datasets()
    (dependency,) = [d for d in server_callbacks(app) if case_key(d) == "map-graph.figure"]
    values = next(iter(cases_for(dependency, "map-graph.figure").values()))
    values = {**values, "map-year.value": 2020, "url.search": f"?lang=en&dataset={info.id}"}
    body = request_body(dependency, values, values)
    response = owner.post("/_dash-update-component", json=body).get_json()["response"]
    figure = response[ids.MAP_GRAPH]["figure"]
    (choropleth,) = [t for t in figure["data"] if t["type"] == "choropleth"]
    assert list(choropleth["locations"]) == ["TUN"]  # the upload's reporting country
    subtitle = figure["layout"]["title"]["subtitle"]["text"]
    assert f"(uploaded: {info.title}), 2020" in subtitle and "UNODC" not in subtitle
