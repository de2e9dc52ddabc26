"""An upload's views with the public data beside them (``beside=public``), through Dash's real
request path: each view draws the public data's panel for the same state, with ids of its own
and CSV links to the public data, and only for the upload's owner."""

from __future__ import annotations

import json

from dashboard import ids
from dashboard.app import app
from dashboard.callback_requests import request_body
from tests.exchange.conftest import csv_bytes
from tests.exchange.test_web_upload import (
    BESIDE_UNODC,
    TUNISIA_BYTES,
    _flows_values,
    _query,
    _stored,
    post,
    upload,
)


def _components(tree, found=None) -> list[dict]:
    """Every component (type, namespace, props) of a callback answer's tree."""
    found = [] if found is None else found
    if isinstance(tree, dict):
        if "type" in tree and "props" in tree:
            found.append(tree)
        for value in tree.values():
            _components(value, found)
    elif isinstance(tree, list):
        for item in tree:
            _components(item, found)
    return found


def _by_id(tree) -> dict:
    return {str(c["props"]["id"]): c for c in _components(tree) if "id" in c["props"]}


def _text(tree) -> str:
    return json.dumps(tree, ensure_ascii=False)


def _owner(served, dependencies, data: bytes = TUNISIA_BYTES):
    owner = app.server.test_client()
    upload(owner, dependencies, data, "tunisia.csv")
    (info,) = _stored(served, owner).datasets()
    return owner, info


def test_flows_set_the_public_sankey_beside_the_uploads(served, dependencies):
    owner, info = _owner(served, dependencies)
    values = {**_flows_values(info.id), "url.search": f"?lang=en&dataset={info.id}&beside=public"}
    answer = post(owner, dependencies, "flows-graph.figure", values)["response"]
    own = answer[ids.FLOWS_GRAPH]["figure"]["data"][0]
    assert len(set(own["node"]["x"])) == 3  # the upload's: origin → transit → destination
    panel = answer[ids.beside_panel("flows")]["children"]
    assert "Public data (UNODC and other sources)" in _text(panel)
    found = _by_id(panel)
    graph = found["beside-" + ids.FLOWS_GRAPH]
    # UNODC's flows end in 2021 and have none of Tunisia's then: the panel says so.
    assert "Mali → Algeria" not in _text(graph)
    assert "No flows for this selection." in _text(panel)
    # No id of the page's is used twice; the panel's CSV link downloads the public data.
    assert not set(found) & set(answer)  # none of the page's own components' ids
    link = found["beside-" + ids.FLOWS_DOWNLOAD_BUTTON]["props"]
    assert link["data-download"] == "/download/flows/flows.csv?dataset=baseline"
    assert "dataset=baseline" in link["href"] and f"dataset={info.id}" not in link["href"]
    assert owner.get(link["href"]).status_code == 200
    # The address kept in the bar keeps beside=public; without it, no panel.
    assert "beside=public" in _query(answer)
    alone = post(owner, dependencies, "flows-graph.figure", _flows_values(info.id))["response"]
    assert alone[ids.beside_panel("flows")]["children"] == []
    # The same Sankey; side by side its title takes two lines (plotly.js never wraps one).
    own, one = answer[ids.FLOWS_GRAPH]["figure"], alone[ids.FLOWS_GRAPH]["figure"]
    assert own["data"] == one["data"]
    assert own["layout"]["title"]["text"] == one["layout"]["title"]["text"].replace(
        ": ", ":<br>", 1
    )


def test_the_public_panel_is_the_public_views_figure_for_the_years_they_share(served, dependencies):
    owner, info = _owner(served, dependencies, csv_bytes(BESIDE_UNODC))  # 2019–2023
    values = {**_flows_values(info.id), "url.search": f"?lang=en&dataset={info.id}&beside=public"}
    answer = post(owner, dependencies, "flows-graph.figure", values)["response"]
    panel = answer[ids.beside_panel("flows")]["children"]
    # UNODC's flows end in 2021: the panel says so and shows 2019–2021.
    assert "This measure has data for 2007–2021 only" in _text(panel)
    shown = _by_id(panel)["beside-" + ids.FLOWS_GRAPH]["props"]["figure"]
    public = {**values, "flows-years.value": [2019, 2021], "url.search": "?lang=en"}
    changed = "flows-years.value"  # (else the measure: all its years)
    alone = post(owner, dependencies, "flows-graph.figure", public, changed)["response"]
    expected = alone[ids.FLOWS_GRAPH]["figure"]
    assert shown["data"] == expected["data"]
    title = shown["layout"]["title"]["text"]
    assert "<br>" in title and title.replace("<br>", " ") == expected["layout"]["title"]["text"]
    (sankey,) = shown["data"]  # Tunisia's flows by citizenship, 2019–2021: two layers
    assert "Tunisia" in sankey["node"]["label"] and len(set(sankey["node"]["x"])) == 2


def test_nobody_else_gets_the_panel_or_the_upload(served, dependencies):
    _, info = _owner(served, dependencies)
    stranger = app.server.test_client()
    values = {**_flows_values(info.id), "url.search": f"?lang=en&dataset={info.id}&beside=public"}
    answer = post(stranger, dependencies, "flows-graph.figure", values)["response"]
    assert answer[ids.beside_panel("flows")]["children"] == []
    assert "Mali → Algeria" not in _text(answer[ids.FLOWS_GRAPH])
    # Over the public data, beside=public changes nothing.
    public = {**values, "url.search": "?lang=en&beside=public"}
    answer = post(stranger, dependencies, "flows-graph.figure", public)["response"]
    assert answer[ids.beside_panel("flows")]["children"] == []


#: The callback drawing each view (its first output, as the benchmark's cases name it).
VIEW_CALLBACKS = {
    "map": "map-graph.figure",
    "flows": "flows-graph.figure",
    "country": "country-content.children",
    "data": "data-selection.data",
}


def test_every_view_draws_the_public_panel_in_the_request_language(served, dependencies):
    from benchmarks.callbacks import case_key, cases_for, server_callbacks

    owner, info = _owner(served, dependencies, csv_bytes(BESIDE_UNODC))
    search = f"?lang=fr&dataset={info.id}&beside=public"
    panels = {}
    for dependency in server_callbacks(app):
        key = case_key(dependency)
        if key not in VIEW_CALLBACKS.values():
            continue
        values = {**next(iter(cases_for(dependency, key).values())), "url.search": search}
        body = request_body(dependency, values, values)
        response = owner.post("/_dash-update-component", json=body)
        assert response.status_code == 200, (key, response.data[:300])
        answer = response.get_json()
        assert ids.ERROR_BANNER not in json.dumps(answer.get("sideUpdate", {})), key
        (page,) = [p for p, k in VIEW_CALLBACKS.items() if k == key]
        panels[page] = answer["response"][ids.beside_panel(page)]["children"]
    assert set(panels) == set(VIEW_CALLBACKS)
    for page, panel in panels.items():
        assert "Données publiques (ONUDC et autres sources)" in _text(panel), page
        found = _by_id(panel)
        assert found and all(i.startswith("beside-") for i in found), (page, sorted(found))
        links = [c["props"] for c in _components(panel) if "data-download" in c["props"]]
        assert links, page  # every panel gives the public data's CSV …
        for link in links:  # … whatever dataset the address bar names
            assert link["data-download"].endswith("dataset=baseline"), link
            assert owner.get(link["href"]).status_code == 200, link["href"]

    # The map: the upload colours its reporting country, the public data the region's.
    choropleths = [
        t
        for t in _by_id(panels["map"])["beside-" + ids.MAP_GRAPH]["props"]["figure"]["data"]
        if t["type"] == "choropleth"
    ]
    assert len(choropleths[0]["locations"]) > 10
    # The data: the public rows' count, the first 200 of them in a grid of their own.
    grid = _by_id(panels["data"])["beside-" + ids.DATA_TABLE]["props"]
    assert 0 < len(grid["rowData"]) <= 200 and "citation" not in grid["rowData"][0]
    assert "La grille contient les 200 premières de ces lignes" in _text(panels["data"])
    # The country: the public data's sections for Tunisia (network position included).
    assert "Tunisie" in _text(panels["country"])
    assert "Position dans le réseau" in _text(panels["country"])


def test_the_map_page_comes_with_both_maps(served, dependencies):
    owner, info = _owner(served, dependencies)
    values = {
        "_pages_location.pathname": "/",
        "_pages_location.search": f"?lang=en&dataset={info.id}&beside=public",
    }
    answer = post(owner, dependencies, "_pages_content.children", values)["response"]
    found = _by_id(answer)
    assert ids.MAP_GRAPH in found and "beside-" + ids.MAP_GRAPH in found
    assert "side-by-side" in _text(answer)
    alone = {**values, "_pages_location.search": f"?lang=en&dataset={info.id}"}
    found = _by_id(post(owner, dependencies, "_pages_content.children", alone)["response"])
    assert ids.MAP_GRAPH in found and "beside-" + ids.MAP_GRAPH not in found


def test_the_data_grid_of_an_upload_holds_its_rows_and_nobody_elses(served, dependencies):
    """The grid asks for its rows by a callback of its own: it reads the address's dataset too
    (it used to be given the public data's rows under an upload's row count)."""
    owner, info = _owner(served, dependencies, csv_bytes(BESIDE_UNODC))
    selection = {
        "kind": "flows",
        "measure": "trafficking-victims",
        "indicator": "detected-victims",
        "years": [2019, 2023],
        "countries": ["TUN"],
    }
    values = {
        "data-table.getRowsRequest": {"startRow": 0, "endRow": 100, "sortModel": []},
        "data-selection.data": selection,
        "url.search": f"?lang=en&dataset={info.id}",
    }
    answer = post(owner, dependencies, "data-table.getRowsResponse", values)["response"]
    rows = answer[ids.DATA_TABLE]["getRowsResponse"]["rowData"]
    assert {row["origin"] for row in rows} == {"CIV", "NGA"}  # the upload's, 2019–2023
    assert {row["year"] for row in rows} == {2019, 2020, 2023}
    # The public data's rows for the same selection, and another browser's answer: no upload.
    public = {**values, "url.search": "?lang=en"}
    theirs = post(owner, dependencies, "data-table.getRowsResponse", public)["response"]
    stranger = post(app.server.test_client(), dependencies, "data-table.getRowsResponse", values)
    assert stranger["response"] == theirs
    assert "NGA" not in json.dumps(theirs)
