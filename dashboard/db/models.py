"""The tables of uploaded data (SQLAlchemy 2 declarative models).

- ``workspaces``: one per private workspace. Its key is never stored, only the SHA-256 hash of
  it (``key_hash``); ``public_id`` names the workspace where a reference is needed (a
  dataset's metadata, sharing later) and is no secret. ``k`` is its small-count threshold.
- ``datasets``: one per uploaded dataset, in one workspace; ``public_id`` is what addresses
  name (random, unguessable, though access is checked on every read anyway).
- ``dataset_cells``: the counts of a dataset, one row per group (see
  :data:`dashboard.exchange.aggregate.CELL_COLUMNS`), never the file as uploaded.

Deleting a workspace deletes its datasets and a dataset its cells (foreign keys ``ON DELETE
CASCADE``; the store also deletes them explicitly). The schema is built by the migrations in
``migrations/``, never by ``create_all``; a test checks that the two agree.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Constraint names Alembic can rely on, the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Workspace(Base):
    __tablename__ = "workspaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    k: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Dataset(Base):
    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str | None] = mapped_column(String(255), nullable=True)
    file_format: Mapped[str | None] = mapped_column(String(8), nullable=True)
    encoding: Mapped[str | None] = mapped_column(String(32), nullable=True)
    #: When the dataset was first uploaded, and when its current cells were stored (an upload
    #: or a replacement): retention counts from ``stored_at``.
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    rows_read: Mapped[int] = mapped_column(Integer)
    rows_left_out: Mapped[int] = mapped_column(Integer)
    cell_count: Mapped[int] = mapped_column(Integer)
    first_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: ISO3 codes joined by ``;``.
    reporting_countries: Mapped[str] = mapped_column(Text)


class DatasetCell(Base):
    __tablename__ = "dataset_cells"
    __table_args__ = (Index("ix_dataset_cells_dataset_year", "dataset_id", "year"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"))
    reporting_country: Mapped[str] = mapped_column(String(3))
    year: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(64))
    #: ISO3 codes in travel order joined by ``;`` (empty: no transit country).
    transit: Mapped[str] = mapped_column(Text)
    destination: Mapped[str] = mapped_column(String(64))
    sex: Mapped[str] = mapped_column(String(16))
    age: Mapped[str] = mapped_column(String(16))
    exploitation: Mapped[str] = mapped_column(String(32))
    source_agency: Mapped[str] = mapped_column(Text)
    count_low: Mapped[int] = mapped_column(Integer)
    count_high: Mapped[int] = mapped_column(Integer)
    censored: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)


# The platform's tables (accounts, shares, audit) live with their code; imported here so that
# ``Base.metadata`` (the migrations' target) holds every table.
from dashboard.accounts import models as _accounts_models  # noqa: E402, F401
