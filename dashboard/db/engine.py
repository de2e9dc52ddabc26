"""Which database holds the uploads, and its SQLAlchemy engine.

``DATABASE_URL`` names it when set (PostgreSQL in production: ``postgresql://user:pw@host/db``;
the ``postgres://`` form some platforms give is accepted; both use the psycopg 3 driver).
Otherwise it is a SQLite file, ``exchange.sqlite3``, in the instance folder:
``$DASHBOARD_INSTANCE_DIR``, else ``instance/`` in the project (git-ignored), created when
needed. Nothing has to be installed or started for SQLite. (``DASHBOARD_DATA_DIR`` already
names the folder of the bundled public tables, so it is not reused here.)
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event

from dashboard.paths import PROJECT_ROOT

URL_ENV = "DATABASE_URL"
INSTANCE_ENV = "DASHBOARD_INSTANCE_DIR"
SQLITE_FILE = "exchange.sqlite3"


def instance_dir() -> Path:
    """The folder of the default SQLite database (``$DASHBOARD_INSTANCE_DIR`` or ``instance/``)."""
    return Path(os.environ.get(INSTANCE_ENV) or PROJECT_ROOT / "instance")


def database_url(url: str | None = None) -> str:
    """The database to use: ``url``, else ``$DATABASE_URL``, else the SQLite file.

    Examples
    --------
    >>> database_url("postgres://u:p@db.example/uploads")
    'postgresql+psycopg://u:p@db.example/uploads'
    >>> database_url("sqlite:///x.db")
    'sqlite:///x.db'
    """
    url = url or os.environ.get(URL_ENV) or ""
    if not url:
        folder = instance_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / SQLITE_FILE}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str | None = None, **options: object) -> Engine:
    """An engine for :func:`database_url` (SQLite: foreign keys enforced, write-ahead log, a
    wait instead of an error when another process writes)."""
    url = database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **options)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection, _record) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, **options)
