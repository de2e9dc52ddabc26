"""Random inputs posted to every server callback and route: nothing reaches the error handler.

Every server callback is taken from the app's callback map; hypothesis replaces any of its
inputs and states by random JSON (wrong types, NaN and infinities, nested lists and objects,
long texts) in an otherwise realistic request (:mod:`benchmarks.scenarios`), or posts a body of
the wrong shape. Views' links and CSV downloads get random queries. None may answer 5xx or
reach the app's error handler (its log line "callback failed"); a callback request of the
right shape gets a Dash answer (200 with its outputs, or 204: nothing to update); one of the
wrong shape a 400 with a sentence.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.scenarios import CASES, DOWNLOADS
from dashboard.app import app
from dashboard.callback_requests import request_body
from dashboard.web.boundary import REFUSED

#: Every callback, route and view link, a few hundred requests in all: over a minute.
pytestmark = pytest.mark.slow
FUZZ = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,  # the same examples on every run: a failure is reproduced by rerunning
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["TUN", "MAR", "2018", "flows", "?lang=fr", "/flows", "total", "lines"])
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


class Handled(logging.Handler):
    """What the app's error handler logs ("callback failed")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def handled():
    handler = Handled()
    app.server.logger.addHandler(handler)
    yield handler
    app.server.logger.removeHandler(handler)


@pytest.fixture(scope="module")
def client():
    return app.server.test_client()


def _server_callbacks() -> list[dict]:
    dependencies = app.server.test_client().get("/_dash-dependencies").get_json()
    return [d for d in dependencies if not d.get("clientside_function")]


CALLBACKS = _server_callbacks()


def _case(dependency: dict) -> dict:
    for key, cases in CASES.items():
        if key in dependency["output"]:
            return dict(next(iter(cases.values())))
    return {}


def _names(dependency: dict) -> list[str]:
    return [f"{d['id']}.{d['property']}" for d in [*dependency["inputs"], *dependency["state"]]]


def _post(client, body: object):
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _assert_not_handled(handled: Handled, what: object) -> None:
    failed = [r for r in handled.records if r.getMessage() == "callback failed"]
    handled.records.clear()
    assert not failed, (what, failed[0].exc_info)


def _assert_dash_answer(response, what: object) -> None:
    assert response.status_code in (200, 204), (what, response.status_code, response.data[:300])
    if response.status_code == 200:
        answer = response.get_json()
        assert isinstance(answer, dict) and ("response" in answer or "sideUpdate" in answer)
        assert "Something went wrong" not in response.data.decode(), what


def test_every_server_callback_is_fuzzed():
    """Each callback of the app has a realistic case to fuzz from (a new one must add one)."""
    assert len(CALLBACKS) >= 19
    assert all(_case(d) for d in CALLBACKS), [d["output"] for d in CALLBACKS if not _case(d)]


@pytest.mark.parametrize("dependency", CALLBACKS, ids=lambda d: d["output"][:60])
@FUZZ
@given(data=st.data())
def test_random_values_in_any_input_never_reach_the_error_handler(
    dependency, data, client, handled
):
    case = _case(dependency)
    values = {
        name: data.draw(st.one_of(st.just(case.get(name)), JSON), label=name)
        for name in _names(dependency)
    }
    body = request_body(dependency, values, values)
    for group in ("inputs", "state"):
        for i, declared in enumerate(dependency[group]):
            name = f"{declared['id']}.{declared['property']}"
            wildcard = declared["id"].startswith("{") and any(
                isinstance(v, list) for v in json.loads(declared["id"]).values()
            )
            if wildcard:  # pattern-matching: junk in its components
                kind = json.loads(declared["id"])["type"]
                junk = data.draw(st.lists(JSON, max_size=4), label=name)
                body[group][i] = [
                    {"id": {"index": n, "type": kind}, "property": declared["property"], "value": v}
                    for n, v in enumerate(junk)
                ]
            else:  # request_body leaves None out
                body[group][i]["value"] = values.get(name)
    response = _post(client, body)
    _assert_dash_answer(response, values)
    _assert_not_handled(handled, values)


#: Ways a body's shape can be wrong: a key replaced by junk, or left out.
BODY_KEYS = ("output", "outputs", "inputs", "state", "changedPropIds")


@pytest.mark.parametrize("dependency", CALLBACKS[::4], ids=lambda d: d["output"][:60])
@FUZZ
@given(changes=st.dictionaries(st.sampled_from(BODY_KEYS), JSON, min_size=1))
def test_a_body_of_the_wrong_shape_is_refused_with_a_sentence(dependency, changes, client, handled):
    case = _case(dependency)
    body = {**request_body(dependency, case, case), **changes}
    response = _post(client, body)
    assert response.status_code in (200, 204, 400), (changes, response.status_code)
    if response.status_code == 400:
        assert response.data.decode() == REFUSED
    _assert_not_handled(handled, changes)


def test_junk_that_is_not_json_is_refused(client, handled):
    response = client.post(
        "/_dash-update-component", data=b"{not json", content_type="application/json"
    )
    assert response.status_code == 400
    _assert_not_handled(handled, "not json")


QUERY_KEYS = st.sampled_from(
    ["measure", "from", "to", "countries", "indicator", "year", "top", "lines", "focus",
     "kind", "present", "country", "treaty", "milestone", "lang", "dataset", "iso3", "s"]
)  # fmt: skip
QUERY = st.lists(st.tuples(QUERY_KEYS, st.text(max_size=40)), max_size=6)
PATHS = ("/", "/flows", "/compare", "/reforms", "/country/TUN", "/data", "/sources", "/story")
(ROUTER,) = [d for d in CALLBACKS if "_pages_content.children" in d["output"]]


@FUZZ
@given(path=st.sampled_from(PATHS) | st.text(max_size=30), pairs=QUERY)
def test_junk_view_links_render_a_page(path, pairs, client, handled):
    search = "?" + urlencode(pairs) if pairs else ""
    values = {"_pages_location.pathname": path, "_pages_location.search": search}
    response = _post(client, request_body(ROUTER, values, values))
    _assert_dash_answer(response, (path, search))
    _assert_not_handled(handled, (path, search))


@FUZZ
@given(route=st.sampled_from(sorted(DOWNLOADS)), pairs=QUERY)
def test_junk_download_queries_get_a_file_or_a_sentence(route, pairs, client, handled):
    response = client.get(route + ("?" + urlencode(pairs) if pairs else ""))
    assert response.status_code in (200, 400, 404), (route, pairs, response.status_code)
    if response.status_code != 200:
        assert response.mimetype == "text/plain" and response.data
    _assert_not_handled(handled, (route, pairs))
