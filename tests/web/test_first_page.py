"""The shell served to a page holds that page (web/first_page.py): Dash Pages' router need not
run on a first visit; anything else gets Dash's empty page container, as before."""

from __future__ import annotations

import json

import pytest

from dashboard import ids
from dashboard.app import app

CLIENT = app.server.test_client()


def _component(node, wanted: str) -> dict | None:
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == wanted:
            return node
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            found = _component(item, wanted)
            if found is not None:
                return found
    return None


def _shell(referrer: str | None) -> dict:
    headers = {"Referer": referrer} if referrer else {}
    response = CLIENT.get("/_dash-layout", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def test_the_shell_of_a_page_holds_the_page_drawn_for_its_address():
    shell = _shell("http://localhost/flows?countries=TUN&lang=fr")
    location = _component(shell, "_pages_location")["props"]
    assert (location["pathname"], location["search"]) == ("/flows", "?countries=TUN&lang=fr")
    content = _component(shell, "_pages_content")["props"]["children"]
    assert _component(content, ids.FLOWS_GRAPH) is not None
    assert _component(content, ids.FLOWS_COUNTRIES)["props"]["value"] == ["TUN"]
    assert "Flux" in json.dumps(shell, ensure_ascii=False)  # the page's language, French
    # The same page as the router draws: its answer for that address.
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": "/flows"},
            {"id": "_pages_location", "property": "search", "value": "?countries=TUN&lang=fr"},
        ],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }
    routed = CLIENT.post("/_dash-update-component", json=body).get_json()["response"]
    assert routed["_pages_content"]["children"] == content
    store = _component(shell, "_pages_store")["props"]["data"]
    assert store == routed["_pages_store"]["data"]


def test_a_country_page_takes_its_path_variable():
    shell = _shell("http://localhost/country/MAR")
    content = _component(shell, "_pages_content")["props"]["children"]
    assert _component(content, ids.COUNTRY_CODE)["props"]["data"] == "MAR"


@pytest.mark.parametrize(
    "referrer",
    [None, "http://localhost/nowhere", "http://elsewhere.example/flows", "not an address"],
)
def test_anything_else_gets_dashs_empty_container(referrer):
    shell = _shell(referrer)
    location = _component(shell, "_pages_location")["props"]
    assert location.get("pathname") is None and location.get("search") is None
    assert not _component(shell, "_pages_content")["props"].get("children")
