"""Callback requests checked at the boundary (dashboard.web.boundary, dashboard.web.schema)."""

from __future__ import annotations

import json
import math

import pytest

from benchmarks.scenarios import CASES
from dashboard import ids
from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body
from dashboard.web.boundary import REFUSED
from dashboard.web.inputs import RefusedValueError, choice, items, record, span, text, whole
from dashboard.web.schema import accept_for

CLIENT = app.server.test_client()
DEPENDENCIES = CLIENT.get("/_dash-dependencies").get_json()
FLOWS = find_callback(DEPENDENCIES, "flows-graph.figure")
FLOWS_CASE = next(iter(CASES["flows-graph.figure"].values()))


def _post(body: dict, **headers: str):
    return CLIENT.post(
        "/_dash-update-component",
        data=json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def _flows(**changes: object) -> dict:
    values = {**FLOWS_CASE, **changes}
    return request_body(FLOWS, values, values)


def test_every_input_of_every_callback_declares_what_it_accepts():
    """A new callback's inputs must be declared in web/schema.py (else read as loose JSON)."""
    undeclared = [
        f"{item['id']}.{item['property']}"
        for callback in DEPENDENCIES
        if not callback.get("clientside_function")  # only server callbacks reach the server
        for item in [*callback["inputs"], *callback["state"]]
        if not accept_for(_component(item["id"]), item["property"])[1]
    ]
    assert not undeclared


def _component(component: str) -> str | dict:
    return json.loads(component) if component.startswith("{") else component


@pytest.mark.parametrize(
    "accept, value",
    [
        (whole(1900, 2100), math.nan),
        (whole(1900, 2100), math.inf),
        (whole(1900, 2100), True),
        (whole(1900, 2100), 2018.5),
        (whole(1900, 2100), 10**30),
        (span(1900, 2100), [2010]),
        (span(1900, 2100), "2010,2020"),
        (span(1900, 2100), [[2010], 2020]),
        (text(5), "toolong"),
        (text(5), ["a"]),
        (text(100, prefix="?"), "lang=fr"),
        (choice(("a", "b")), ["a"]),  # unhashable: refused, not a TypeError
        (choice(("a", "b")), {"a": 1}),
        (items(text(5), most=2), ["a", "b", "c"]),
        (items(text(5)), ["a", None]),
        (items(text(5)), "a"),
        (record({"n": whole(0, 9)}, required=("n",)), {"m": 1}),
        (record({"n": whole(0, 9)}), [1]),
    ],
)
def test_values_of_the_wrong_type_shape_or_range_are_refused(accept, value):
    with pytest.raises(RefusedValueError):
        accept.read(value)


def test_none_is_the_default_and_good_values_pass():
    assert choice(("a", "b"), "b").read(None) == "b"
    assert whole(1, 9, lambda: 7).read(None) == 7  # a default computed at request time
    assert span(1900, 2100).read([2021.0, 2010]) == [2021, 2010]
    assert record({"n": whole(0, 9, 3), "t": text(9)}).read({"t": "x", "junk": 1}) == {
        "n": 3,
        "t": "x",
    }


def test_a_realistic_request_passes_untouched():
    response = _post(_flows())
    assert response.status_code == 200
    answer = response.get_json()
    assert ids.ERROR_BANNER not in answer.get("sideUpdate", {})
    assert answer["response"][ids.FLOWS_COUNTRIES]["value"] == FLOWS_CASE["flows-countries.value"]


@pytest.mark.parametrize(
    "name, junk",
    [
        ("flows-years.value", "2010-2020"),
        ("flows-years.value", [math.nan, math.inf]),
        ("flows-countries.value", "TUN"),
        ("flows-countries.value", [["TUN"]]),
        ("flows-measure.value", {"a": [1, {"b": None}]}),
        ("flows-top.value", 7),
    ],
)
def test_a_junk_value_becomes_the_default_with_a_notice_and_the_view_works(name, junk):
    response = _post(_flows(**{name: junk}))
    assert response.status_code == 200
    answer = response.get_json()
    banner = answer["sideUpdate"][ids.ERROR_BANNER]["children"]
    assert banner.startswith(f"Ignored {name}=")
    assert "showing the default instead" in banner
    assert "Something went wrong" not in response.data.decode()
    drawn = answer["response"]
    assert drawn[ids.FLOWS_GRAPH]["figure"]["data"] or drawn[ids.FLOWS_GRAPH]["figure"]["layout"]
    years = drawn[ids.FLOWS_YEARS]
    assert years["value"] == [years["min"], years["max"]] or name != "flows-years.value"


def test_the_notice_is_in_the_language_of_the_page():
    response = _post(_flows(**{"flows-top.value": "x", "url.search": "?lang=fr"}))
    banner = response.get_json()["sideUpdate"][ids.ERROR_BANNER]["children"]
    assert banner.startswith('flows-top.value="x" ignoré (valeur non valide)')


def test_changed_prop_ids_keep_only_the_callbacks_inputs():
    body = {**_flows(), "changedPropIds": ["{junk.value", 3, "flows-measure.value", "x.y"]}
    response = _post(body)
    assert response.status_code == 200
    # The measure counts as changed: the years are the new measure's whole span.
    years = response.get_json()["response"][ids.FLOWS_YEARS]
    assert years["value"] == [years["min"], years["max"]]


@pytest.mark.parametrize(
    "change",
    [
        {"output": "nowhere.children"},
        {"output": ["flows-graph.figure"]},
        {"inputs": []},
        {"inputs": "junk"},
        {"inputs": [1, 2, 3, 4]},
        {"state": None},
        {"inputs": [{"id": "map-year", "property": "value", "value": 2018}] * 4},
    ],
)
def test_a_request_of_the_wrong_shape_is_refused_with_a_sentence(change):
    response = _post({**_flows(), **change})
    assert response.status_code == 400
    assert response.mimetype == "text/plain"
    assert response.data.decode() == REFUSED


def test_a_pattern_matching_input_takes_only_its_own_components():
    edit = find_callback(DEPENDENCIES, "story-message.children")
    body = request_body(edit, {}, {})
    body["inputs"][1] = [{"id": {"type": "story-slide-title", "index": "0"}, "property": "value"}]
    assert _post(body).status_code == 400
    body["inputs"][1] = [{"id": {"type": "story-slide-note", "index": 0}, "property": "value"}]
    assert _post(body).status_code == 400
    body["inputs"][1] = [{"id": {"type": "story-slide-title", "index": 0}, "property": "value"}]
    assert _post(body).status_code in (200, 204)


def test_not_json_is_refused_in_the_browsers_language():
    response = CLIENT.post(
        "/_dash-update-component",
        data=b"{junk",
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 400
    assert response.data.decode().startswith("Cette requête")


def test_a_country_link_with_a_repeated_code_shows_the_not_found_page():
    router = find_callback(DEPENDENCIES, "_pages_content.children")
    values = {
        "_pages_location.pathname": "/country/TUN",
        "_pages_location.search": "?iso3=a&iso3=b",
    }
    response = _post(request_body(router, values, values))
    assert response.status_code == 200
    assert "Country not found" in response.data.decode()


def test_a_component_with_a_dict_id_is_one_item_naming_it():
    """The map's callback reads its page's view-state store (a dict id, no wildcard): one
    item, as the browser sends it; a list, or another page's store, is refused."""
    dependency = find_callback(DEPENDENCIES, "map-graph.figure")
    name = '{"page":"map","type":"view-state"}.data'
    values = {**next(iter(CASES["map-graph.figure"].values())), name: "?year=2018"}
    body = request_body(dependency, values, values)
    (index,) = [i for i, s in enumerate(body["state"]) if isinstance(s["id"], dict)]
    assert body["state"][index]["id"] == {"page": "map", "type": "view-state"}
    assert _post(body).status_code == 200
    for forged in (
        [body["state"][index]],
        {**body["state"][index], "id": {"page": "flows", "type": "view-state"}},
    ):
        changed = {**body, "state": [*body["state"]]}
        changed["state"][index] = forged
        response = _post(changed)
        assert response.status_code == 400 and REFUSED in response.get_data(as_text=True)
