"""CSRF: a state-changing request that carries a credential, or any under /account/, is refused
without the session's token; public callbacks (no credential) need none."""

from __future__ import annotations

from dashboard.callback_requests import find_callback, request_body
from tests.accounts.conftest import PASSWORD, csrf, sign_in


def _flows_body(client):
    dependencies = client.get("/_dash-dependencies").get_json()
    dependency = find_callback(dependencies, "flows-")
    return request_body(dependency, {"url.search": "?lang=en"}, {"url.search": "?lang=en"})


def test_signing_in_without_the_token_is_refused(server, world):
    client = server.test_client()
    form = {"email": world.partner.email, "password": PASSWORD}
    answer = client.post("/account/login", data=form)
    assert answer.status_code == 403
    assert "security token" in answer.get_data(as_text=True)


def test_a_members_post_without_the_token_is_refused_and_changes_nothing(server, world):
    client = server.test_client()
    assert sign_in(client, world.owner.email).status_code == 302
    route = f"/account/shares/{world.share}/withdraw"
    for headers in ({}, {"X-CSRF-Token": "forged" + csrf(client)[6:]}):
        assert client.post(route, headers=headers).status_code == 403
    assert world.platform.shares(world.owner, world.dataset)[0].withdrawn_at is None
    assert client.post(route, headers={"X-CSRF-Token": csrf(client)}).status_code == 303
    assert world.platform.shares(world.owner, world.dataset)[0].withdrawn_at is not None


def test_dash_callbacks_of_a_signed_in_member_need_the_token(server, world):
    client = server.test_client()
    body = _flows_body(client)
    assert client.post("/_dash-update-component", json=body).status_code == 200  # public
    assert sign_in(client, world.partner.email).status_code == 302
    assert client.post("/_dash-update-component", json=body).status_code == 403
    headers = {"X-CSRF-Token": csrf(client)}
    assert client.post("/_dash-update-component", json=body, headers=headers).status_code == 200


def test_the_page_script_sends_the_token_with_every_non_get_request():
    from pathlib import Path

    script = (Path(__file__).parents[2] / "assets" / "csrf.js").read_text()
    assert 'var COOKIE = "dashboard_csrf"' in script and 'var HEADER = "X-CSRF-Token"' in script
    assert "window.fetch = function" in script
