"""Fixtures of the platform tests: a migrated database (SQLite, and PostgreSQL when
``DATABASE_URL`` is set: the ``engine`` and ``store`` fixtures of the data-exchange tests), the
app's Flask server on it, and a small world of members and one shared dataset."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from dashboard.accounts.members import Member
from dashboard.accounts.sharing import Platform
from dashboard.accounts.web import CSRF_COOKIE, PLATFORM_KEY
from dashboard.exchange.checks import check_bytes
from tests.exchange.conftest import csv_bytes, engine, store  # noqa: F401 - fixtures

PASSWORD = "correct horse battery staple"
ROWS = [
    ["TUN", "2020", "CIV", "", "TUN", "female", "adult", "sexual-exploitation", "12"],
    ["TUN", "2021", "CIV", "MLI;DZA", "TUN", "male", "adult", "forced-labour", "30"],
    ["TUN", "2022", "NGA", "NER", "TUN", "female", "child", "other", "3"],
]


def upload(rows=ROWS):
    result = check_bytes(csv_bytes(rows), "tunisia.csv", today=dt.date(2024, 1, 1))
    return result.upload()


@dataclass
class World:
    platform: Platform
    owner: Member  # Tunisia's focal point, who owns the dataset
    other_focal_point: Member  # Egypt's
    partner: Member  # an analyst of Morocco, the dataset is shared with Morocco
    stranger: Member  # an analyst of Jordan
    admin: Member
    dataset: str
    share: str


@pytest.fixture
def world(store) -> World:  # noqa: F811 - the fixture above
    platform = Platform(store)
    members = platform.members
    owner = members.add("fp@tn.example.org", PASSWORD, "focal-point", "TUN")
    workspace = platform.workspace_of(owner)
    owner = members.get(owner.id)
    dataset = workspace.add_dataset(upload(), "Tunisia 2020-2022").id
    share = platform.share(owner, dataset, "countries", ["MAR"]).id
    return World(
        platform=platform,
        owner=owner,
        other_focal_point=members.add("fp@eg.example.org", PASSWORD, "focal-point", "EGY"),
        partner=members.add("analyst@ma.example.org", PASSWORD, "analyst", "MAR"),
        stranger=members.add("analyst@jo.example.org", PASSWORD, "analyst", "JOR"),
        admin=members.add("admin@example.org", PASSWORD, "admin"),
        dataset=dataset,
        share=share,
    )


@pytest.fixture
def server(world):
    """The app's Flask server, answering from the world's database."""
    from dashboard.app import app

    flask_app = app.server
    before = flask_app.config.get(PLATFORM_KEY)
    flask_app.config[PLATFORM_KEY] = world.platform
    yield flask_app
    flask_app.config[PLATFORM_KEY] = before


def csrf(client) -> str:
    """The CSRF token the client holds (after a page gave it one)."""
    cookie = client.get_cookie(CSRF_COOKIE)
    return cookie.value if cookie else ""


def sign_in(client, email: str, password: str = PASSWORD, **options):
    """Open the sign-in page (for its token), then post the form; returns the answer."""
    page = client.get("/account/login", **options)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
    form = {"email": email, "password": password, "csrf_token": token.group(1) if token else ""}
    return client.post("/account/login", data=form, **options)
