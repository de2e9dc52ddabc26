"""Fixtures of the data-exchange tests: upload files written on the fly, and databases.

Database tests run on SQLite always, and on PostgreSQL when ``DATABASE_URL`` names one (``.ci/run``
starts a server and sets it); each PostgreSQL test gets a schema of its own, dropped after it.
Without ``DATABASE_URL`` the PostgreSQL cases are skipped, saying so, unless
``REQUIRE_POSTGRESQL=1`` (CI), when they fail instead.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
from collections.abc import Iterator, Sequence

import pytest

from dashboard.db.engine import URL_ENV, make_engine

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")

HEADER = (
    "reporting_country",
    "year",
    "origin",
    "transit",
    "destination",
    "sex",
    "age",
    "exploitation",
    "count",
)


def csv_bytes(
    rows: Sequence[Sequence[object]],
    header: Sequence[str] = HEADER,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    """A CSV file of ``header`` and ``rows``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], header: Sequence[str] = HEADER) -> bytes:
    """An Excel workbook whose first sheet holds ``header`` and ``rows``."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _postgres_url() -> str | None:
    url = os.environ.get(URL_ENV, "")
    return url if url.startswith(("postgres://", "postgresql")) else None


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path) -> Iterator:
    """An engine on an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'exchange.sqlite3'}")
        yield engine
        engine.dispose()
        return
    url = _postgres_url()
    if url is None:
        if os.environ.get("REQUIRE_POSTGRESQL") == "1":
            pytest.fail("REQUIRE_POSTGRESQL=1 but DATABASE_URL names no PostgreSQL database")
        pytest.skip("PostgreSQL tests need DATABASE_URL=postgresql://… (.ci/run starts a server)")
    from sqlalchemy import text

    schema = f"test_{secrets.token_hex(6)}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(engine):
    """A store on a migrated, empty database."""
    from dashboard.db.migrate import upgrade
    from dashboard.exchange.store import Store

    upgrade(engine)
    return Store(engine)


@pytest.fixture
def served(store):
    """The app serving uploads from ``store`` (SQLite or PostgreSQL) in this test."""
    from dashboard.app import app
    from dashboard.web import workspace as workspaces

    workspaces.use_store(app.server, store)
    yield store
    app.server.extensions.pop("dashboard_store", None)


@pytest.fixture(scope="module")
def dependencies():
    """The app's callbacks, as the browser gets them."""
    from dashboard.app import app

    return app.server.test_client().get("/_dash-dependencies").get_json()
