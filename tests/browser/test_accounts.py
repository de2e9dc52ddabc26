"""Members in the browser: signing in through the form, the account page, and views over a
shared dataset whose callbacks (POSTs carrying the session) get the CSRF header from
``assets/csrf.js``; all under the Content-Security-Policy (the ``page`` fixture fails on any
violation). The server here has a database of its own (``server_url`` overridden)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.browser.conftest import ROOT, _free_port, wait_for
from tests.browser.helpers import wait_for_dash

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def shared_dataset(tmp_path_factory):
    """A database with Tunisia's focal point, a dataset shared with Morocco, and Morocco's
    analyst; (instance folder, dataset id)."""
    from dashboard.accounts.sharing import Platform
    from dashboard.exchange.store import Store
    from tests.accounts.conftest import upload

    folder = tmp_path_factory.mktemp("instance")
    store = Store.open(f"sqlite:///{folder / 'exchange.sqlite3'}")
    platform = Platform(store)
    owner = platform.members.add("fp@tn.example.org", PASSWORD, "focal-point", "TUN")
    dataset = platform.workspace_of(owner).add_dataset(upload(), "Tunisia 2020-2022").id
    platform.share(platform.members.get(owner.id), dataset, "countries", ["MAR"])
    platform.members.add("analyst@ma.example.org", PASSWORD, "analyst", "MAR")
    store.engine.dispose()
    return folder, dataset


@pytest.fixture(scope="module")
def server_url(shared_dataset, tmp_path_factory):
    folder, _dataset = shared_dataset
    port = _free_port()
    log = (tmp_path_factory.mktemp("server") / "server.log").open("w")
    env = {**os.environ, "DASHBOARD_INSTANCE_DIR": str(folder)}
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{url}/health", process, seconds=120)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _sign_in(page, email: str) -> None:
    page.goto(page.base_url + "/account/login?lang=fr")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.account-form button")
    page.wait_for_url("**/account?lang=fr")


def test_a_partner_signs_in_and_sees_what_is_shared_with_it(page, shared_dataset):
    _sign_in(page, "analyst@ma.example.org")
    body = page.text_content("main")
    assert "Connecté en tant que analyst@ma.example.org" in body
    assert "Tunisia 2020-2022" in body and "partagé avec vous" in body and "TUN" in body


def test_a_members_views_work_with_the_csrf_header(page, shared_dataset):
    _folder, dataset = shared_dataset
    _sign_in(page, "analyst@ma.example.org")
    seen = []
    page.on(
        "request",
        lambda request: (
            seen.append(request.headers.get("x-csrf-token"))
            if "/_dash-update-component" in request.url
            else None
        ),
    )
    refused = []
    page.on(
        "response",
        lambda response: refused.append(response.url) if response.status == 403 else None,
    )
    page.goto(page.base_url + f"/flows?dataset={dataset}&lang=en")
    wait_for_dash(page)
    assert seen and all(seen), "every callback request carries the token"
    assert refused == []
    assert "There is no dataset" not in page.text_content("body")


def test_an_anonymous_visitor_gets_the_refusal_notice(page, shared_dataset):
    _folder, dataset = shared_dataset
    page.goto(page.base_url + f"/flows?dataset={dataset}&lang=en")
    wait_for_dash(page)
    assert "There is no dataset" in page.text_content("body")
