"""The schema's migrations (Alembic), run from code: no ``alembic.ini`` is needed.

:func:`upgrade` brings a database to the latest revision (creating every table on a new one);
``python -m dashboard db upgrade`` runs it on :func:`~dashboard.db.engine.database_url`, and
:meth:`dashboard.exchange.store.Store.open` runs it when the app opens the store, so a fresh
machine needs no step of its own. New revisions go in ``migrations/versions`` (``alembic
revision --autogenerate`` with ``-c`` pointing at a config whose ``script_location`` is
``dashboard/db/migrations`` works too, or :func:`alembic_config` from Python).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration for the migrations in ``migrations/`` (and ``url`` if given)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database of ``engine`` to ``revision`` (the latest by default)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database of ``engine`` back to ``revision`` (``base``: no tables)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (``None`` before the first migration)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The latest revision of the migrations."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
