"""Two app instances (two processes on two ports) on one PostgreSQL database: a share made on
one is seen and enforced on the other at once, and so is its withdrawal; a session signed in on
one is good on the other (the instances share ``SECRET_KEY`` and keep no state of their own).

Needs ``DATABASE_URL`` naming a PostgreSQL database (``.ci/run`` starts one); skipped without
it, failed instead when ``REQUIRE_POSTGRESQL=1``.
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.db.engine import URL_ENV, make_engine

ROOT = Path(__file__).resolve().parents[2]


def _postgres_url() -> str:
    url = os.environ.get(URL_ENV, "")
    if not url.startswith(("postgres://", "postgresql")):
        if os.environ.get("REQUIRE_POSTGRESQL") == "1":
            pytest.fail("REQUIRE_POSTGRESQL=1 but DATABASE_URL names no PostgreSQL database")
        pytest.skip("the two-instance test needs DATABASE_URL=postgresql://… (.ci/run)")
    return url


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 180) -> None:
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the instance at {url} exited with {process.returncode}")
        try:
            if requests.get(f"{url}/health", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the instance at {url} did not answer within {seconds} s")


@pytest.fixture
def database():
    """A fresh schema of the PostgreSQL database, migrated; its URL."""
    from sqlalchemy import text

    from dashboard.db.migrate import upgrade

    base = _postgres_url()
    schema = f"test_{secrets.token_hex(6)}"
    admin = make_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade(engine)
    try:
        yield url, engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def instances(database, tmp_path):
    """Two instances on two ports, one database, one secret key; their base URLs."""
    url, _engine = database
    env = {**os.environ, URL_ENV: url, "SECRET_KEY": secrets.token_hex(32)}
    processes, bases = [], []
    for number in (1, 2):
        port = _free_port()
        log = (tmp_path / f"instance{number}.log").open("w")
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base, process in zip(bases, processes, strict=True):
            _wait(base, process)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def _signed_in(base: str, email: str, password: str):
    import requests

    session = requests.Session()
    page = session.get(f"{base}/account/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    form = {"email": email, "password": password, "csrf_token": token}
    answer = session.post(f"{base}/account/login", data=form, allow_redirects=False, timeout=30)
    assert answer.status_code == 302, answer.text[:300]
    return session


def _post(session, url: str, data: dict | None = None):
    headers = {"X-CSRF-Token": session.cookies.get("dashboard_csrf", "")}
    return session.post(url, data=data or {}, headers=headers, allow_redirects=False, timeout=30)


def test_a_share_and_its_withdrawal_hold_on_both_instances_at_once(database, instances):
    from dashboard.accounts.sharing import Platform
    from dashboard.exchange.store import Store
    from tests.accounts.conftest import PASSWORD, upload

    _url, engine = database
    platform = Platform(Store(engine))
    owner = platform.members.add("fp@tn.example.org", PASSWORD, "focal-point", "TUN")
    dataset = platform.workspace_of(owner).add_dataset(upload(), "Tunisia").id
    platform.members.add("analyst@ma.example.org", PASSWORD, "analyst", "MAR")
    first, second = instances
    download = f"/download/flows/flows.csv?dataset={dataset}&countries=TUN"

    focal_point = _signed_in(first, "fp@tn.example.org", PASSWORD)
    partner = _signed_in(second, "analyst@ma.example.org", PASSWORD)
    assert partner.get(second + download, timeout=60).status_code == 403

    shared = _post(
        focal_point,
        f"{first}/account/datasets/{dataset}/share",
        {"audience": "countries", "countries": "MAR"},
    )
    assert shared.status_code == 303
    assert partner.get(second + download, timeout=60).status_code == 200
    # The session made on the second instance is good on the first.
    health = partner.get(f"{first}/health?dataset={dataset}", timeout=60).json()
    assert health["dataset"] == f"upload:{dataset}"

    (share,) = platform.shares(platform.members.get(owner.id), dataset)
    focal_point_there = focal_point  # the same session, now on the other instance
    withdrawn = _post(focal_point_there, f"{second}/account/shares/{share.id}/withdraw")
    assert withdrawn.status_code == 303
    assert partner.get(first + download, timeout=60).status_code == 403
    assert partner.get(second + download, timeout=60).status_code == 403
    health = partner.get(f"{first}/health?dataset={dataset}", timeout=60).json()
    assert health["dataset"] == "bundled"
