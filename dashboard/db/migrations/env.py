"""Alembic's environment for the dashboard's migrations (see :mod:`dashboard.db.migrate`).

The migrations run on the connection the caller shares (``config.attributes["connection"]``,
as :func:`dashboard.db.migrate.upgrade` does), else on the database of ``sqlalchemy.url`` or
:func:`dashboard.db.engine.database_url`. Batch mode lets later migrations alter SQLite tables.
"""

from __future__ import annotations

from alembic import context

from dashboard.db.engine import make_engine
from dashboard.db.models import Base

config = context.config
target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


shared = config.attributes.get("connection")
if shared is not None:
    run(shared)
else:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        run(connection)
    engine.dispose()
