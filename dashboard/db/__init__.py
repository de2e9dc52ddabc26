"""The app's own database: uploaded datasets in private workspaces (see
:mod:`dashboard.exchange.store`).

- :mod:`~dashboard.db.engine`: which database (SQLite in ``instance/`` unless ``DATABASE_URL``
  names PostgreSQL) and its engine;
- :mod:`~dashboard.db.models`: the tables, declared with SQLAlchemy 2;
- :mod:`~dashboard.db.migrate`: the schema's Alembic migrations (``migrations/``), run by
  ``python -m dashboard db upgrade`` and whenever the store is opened.
"""
