"""Private workspaces and their datasets, stored server-side; the one access layer to them.

A :class:`Store` holds the database (:mod:`dashboard.db`). A workspace is identified by an
unguessable key (:meth:`Store.create_workspace` returns it once; the web layer keeps it in an
HttpOnly, SameSite cookie); the database keeps only the key's SHA-256 hash. A key of 256
random bits needs no slow hash: it cannot be guessed, and a leaked database holds no key.

Every read and change of a dataset goes through a :class:`Workspace`, which only
:meth:`Store.workspace` makes, from a key: each of its queries names the workspace, so a
request naming another workspace's dataset (a forged address or form) finds nothing and raises
:class:`~dashboard.exchange.errors.DatasetAccessError`, exactly as for a dataset that does not
exist. A change happens in one transaction: a failed upload or replacement leaves the
workspace as it was. Deleting a dataset deletes every one of its cells.

:meth:`Workspace.cells` are the stored, exact counts: for computing on the server only. What
leaves the app goes through :meth:`Workspace.published_cells` or
:mod:`~dashboard.exchange.convert`, which apply the workspace's small-count rule.

Datasets are kept for a retention period (``DASHBOARD_RETENTION_DAYS``, default 30 days)
counted from when their cells were stored; :meth:`Store.purge_expired` removes older ones
(and workspaces left empty and unused as long); the app calls it at start and periodically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update

from dashboard.db.engine import make_engine
from dashboard.db.migrate import upgrade
from dashboard.db.models import Dataset, DatasetCell
from dashboard.db.models import Workspace as WorkspaceRecord
from dashboard.exchange.aggregate import CELL_COLUMNS
from dashboard.exchange.errors import (
    DatasetAccessError,
    InvalidSettingError,
    WorkspaceNotFoundError,
)
from dashboard.exchange.results import Upload
from dashboard.exchange.suppression import DEFAULT_K, check_k
from dashboard.text import N_, Message

if TYPE_CHECKING:
    from dashboard.dataset import Dataset as BaselineDataset

RETENTION_ENV = "DASHBOARD_RETENTION_DAYS"
DEFAULT_RETENTION_DAYS = 30
MAX_DATASETS = 50
MAX_TITLE = 200
_KEY = re.compile(r"^[A-Za-z0-9_-]{32,128}$")

_NO_WORKSPACE = N_(
    "This workspace does not exist or has expired: its datasets were removed after the "
    "retention period. Upload your files again."
)
_NO_DATASET = N_("There is no dataset “{dataset}” in your workspace.")
_BAD_TITLE = N_("A dataset's title must have from 1 to {limit} characters.")
_TOO_MANY = N_("A workspace holds at most {limit} datasets: delete one before adding another.")
_BAD_RETENTION = N_("The retention period must be a whole number of days, 1 or more.")


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time (SQLite returns naive ones)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def retention_days(value: object = None) -> int:
    """The retention period: ``value``, else ``$DASHBOARD_RETENTION_DAYS``, else 30 days."""
    raw = value if value is not None else os.environ.get(RETENTION_ENV, DEFAULT_RETENTION_DAYS)
    try:
        days = int(str(raw))
    except ValueError:
        days = 0
    if days < 1:
        raise InvalidSettingError(Message(_BAD_RETENTION))
    return days


@dataclass(frozen=True)
class DatasetInfo:
    """A stored dataset as its owner sees it (no counts)."""

    id: str
    title: str
    workspace: str
    filename: str | None
    file_format: str | None
    uploaded_at: dt.datetime
    stored_at: dt.datetime
    rows_read: int
    rows_left_out: int
    cells: int
    years: tuple[int, int] | None
    reporting_countries: tuple[str, ...]


@dataclass(frozen=True)
class Purged:
    datasets: int
    workspaces: int


class Store:
    """The database of workspaces (see the module's docstring)."""

    def __init__(self, engine: Engine, retention: int | None = None) -> None:
        self.engine = engine
        self.retention = dt.timedelta(days=retention_days(retention))

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True, retention: int | None = None):
        """The store of ``url`` (default: :func:`~dashboard.db.engine.database_url`), its
        schema brought up to date first."""
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine, retention)

    def create_workspace(self, k: int = DEFAULT_K) -> tuple[Workspace, str]:
        """A new, empty workspace and its key (shown once: only its hash is kept)."""
        k = check_k(k)
        key = secrets.token_urlsafe(32)
        stamp = now()
        with self.engine.begin() as connection:
            connection.execute(
                insert(WorkspaceRecord).values(
                    public_id=secrets.token_urlsafe(12),
                    key_hash=hash_key(key),
                    k=k,
                    created_at=stamp,
                    last_used_at=stamp,
                )
            )
        return self.workspace(key), key

    def workspace(self, key: object) -> Workspace:
        """The workspace of ``key``, or :class:`WorkspaceNotFoundError`."""
        if not isinstance(key, str) or not _KEY.match(key):
            raise WorkspaceNotFoundError(Message(_NO_WORKSPACE))
        table = WorkspaceRecord.__table__
        with self.engine.begin() as connection:
            found = connection.execute(
                select(table).where(table.c.key_hash == hash_key(key))
            ).first()
            if found is None:
                raise WorkspaceNotFoundError(Message(_NO_WORKSPACE))
            stamp = now()
            if stamp - as_utc(found.last_used_at) > dt.timedelta(hours=1):
                connection.execute(
                    update(table).where(table.c.id == found.id).values(last_used_at=stamp)
                )
        return Workspace(self, found.id, found.public_id, found.k, as_utc(found.created_at))

    def purge_expired(self, at: dt.datetime | None = None) -> Purged:
        """Remove the datasets stored before the retention period, and the workspaces with no
        dataset left that were not used within it."""
        limit = (at or now()) - self.retention
        datasets, workspaces = Dataset.__table__, WorkspaceRecord.__table__
        cells = DatasetCell.__table__
        with self.engine.begin() as connection:
            old = select(datasets.c.id).where(datasets.c.stored_at < limit)
            connection.execute(delete(cells).where(cells.c.dataset_id.in_(old)))
            removed = connection.execute(delete(datasets).where(datasets.c.stored_at < limit))
            in_use = select(datasets.c.workspace_id)
            idle = connection.execute(
                delete(workspaces).where(
                    workspaces.c.last_used_at < limit, workspaces.c.id.not_in(in_use)
                )
            )
        return Purged(removed.rowcount, idle.rowcount)


def _title(value: object) -> str:
    title = " ".join(str(value or "").split())
    if not 1 <= len(title) <= MAX_TITLE:
        raise InvalidSettingError(Message(_BAD_TITLE, {"limit": MAX_TITLE}))
    return title


def _records(upload: Upload, dataset_id: int) -> list[tuple]:
    """The upload's cells as rows of ``dataset_cells`` (Python values, in :data:`_CELL_INSERT`
    order)."""
    columns = [upload.cells[name].tolist() for name in CELL_COLUMNS]
    return [(dataset_id, *values) for values in zip(*columns, strict=True)]


_CELL_INSERT = ["dataset_id", *CELL_COLUMNS]


def _insert_cells(connection, records: list[tuple]) -> None:
    """Insert many cells at once, in the connection's transaction: PostgreSQL's ``COPY``
    (psycopg), else straight through the driver's ``executemany``; for 100,000 cells either
    takes a fraction of the time of SQLAlchemy's per-row parameter processing."""
    if not records:
        return
    names = ", ".join(_CELL_INSERT)
    table = DatasetCell.__table__.name
    if connection.dialect.driver == "psycopg":
        cursor = connection.connection.cursor()
        try:
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
        finally:
            cursor.close()
        return
    marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    markers = ", ".join([marker] * len(_CELL_INSERT))
    connection.exec_driver_sql(f"INSERT INTO {table} ({names}) VALUES ({markers})", records)


class Workspace:
    """One workspace's datasets: the only way to them (made by :meth:`Store.workspace`)."""

    def __init__(self, store: Store, record_id: int, public_id: str, k: int, created_at) -> None:
        self._store = store
        self._id = record_id
        self.public_id = public_id
        self.k = k
        self.created_at = created_at

    def __repr__(self) -> str:
        return f"<Workspace {self.public_id} k={self.k}>"

    @property
    def _engine(self) -> Engine:
        return self._store.engine

    def _owned(self, connection, dataset_id: object):
        """The dataset record ``dataset_id`` if this workspace owns it, else the refusal."""
        table = Dataset.__table__
        found = None
        if isinstance(dataset_id, str) and len(dataset_id) <= 64:
            found = connection.execute(
                select(table).where(
                    table.c.public_id == dataset_id, table.c.workspace_id == self._id
                )
            ).first()
        if found is None:
            shown = str(dataset_id)[:40]
            raise DatasetAccessError(Message(_NO_DATASET, {"dataset": shown}))
        return found

    def _info(self, record) -> DatasetInfo:
        years = None
        if record.first_year is not None:
            years = (record.first_year, record.last_year)
        countries = tuple(c for c in record.reporting_countries.split(";") if c)
        return DatasetInfo(
            id=record.public_id,
            title=record.title,
            workspace=self.public_id,
            filename=record.filename,
            file_format=record.file_format,
            uploaded_at=as_utc(record.uploaded_at),
            stored_at=as_utc(record.stored_at),
            rows_read=record.rows_read,
            rows_left_out=record.rows_left_out,
            cells=record.cell_count,
            years=years,
            reporting_countries=countries,
        )

    def datasets(self) -> list[DatasetInfo]:
        """This workspace's datasets, most recently stored first."""
        table = Dataset.__table__
        with self._engine.connect() as connection:
            rows = connection.execute(
                select(table)
                .where(table.c.workspace_id == self._id)
                .order_by(table.c.stored_at.desc(), table.c.id.desc())
            ).all()
        return [self._info(row) for row in rows]

    def dataset(self, dataset_id: str) -> DatasetInfo:
        with self._engine.connect() as connection:
            return self._info(self._owned(connection, dataset_id))

    def _upload_values(self, upload: Upload, stamp: dt.datetime) -> dict[str, object]:
        summary = upload.summary
        years = summary.years or (None, None)
        return {
            "filename": summary.filename,
            "file_format": summary.format,
            "encoding": summary.encoding,
            "stored_at": stamp,
            "rows_read": summary.rows,
            "rows_left_out": upload.rows_left_out,
            "cell_count": len(upload.cells),
            "first_year": years[0],
            "last_year": years[1],
            "reporting_countries": ";".join(summary.reporting_countries),
        }

    def add_dataset(self, upload: Upload, title: str | None = None) -> DatasetInfo:
        """Store an accepted upload as a new dataset (title: the file's name by default)."""
        title = _title(title if title is not None else (upload.summary.filename or "upload"))
        table = Dataset.__table__
        stamp = now()
        with self._engine.begin() as connection:
            held = connection.execute(
                select(func.count()).select_from(table).where(table.c.workspace_id == self._id)
            ).scalar_one()
            if held >= MAX_DATASETS:
                raise InvalidSettingError(Message(_TOO_MANY, {"limit": MAX_DATASETS}))
            values = self._upload_values(upload, stamp)
            public_id = secrets.token_urlsafe(12)
            dataset_id = connection.execute(
                insert(table).values(
                    public_id=public_id,
                    workspace_id=self._id,
                    title=title,
                    uploaded_at=stamp,
                    **values,
                )
            ).inserted_primary_key[0]
            _insert_cells(connection, _records(upload, dataset_id))
            return self._info(self._owned(connection, public_id))

    def replace_dataset(self, dataset_id: str, upload: Upload) -> DatasetInfo:
        """Replace a dataset's cells by an accepted upload's (its id and title are kept)."""
        table, cells = Dataset.__table__, DatasetCell.__table__
        with self._engine.begin() as connection:
            record = self._owned(connection, dataset_id)
            connection.execute(delete(cells).where(cells.c.dataset_id == record.id))
            _insert_cells(connection, _records(upload, record.id))
            values = self._upload_values(upload, now())
            connection.execute(update(table).where(table.c.id == record.id).values(**values))
            return self._info(self._owned(connection, dataset_id))

    def rename_dataset(self, dataset_id: str, title: str) -> DatasetInfo:
        title = _title(title)
        table = Dataset.__table__
        with self._engine.begin() as connection:
            record = self._owned(connection, dataset_id)
            connection.execute(update(table).where(table.c.id == record.id).values(title=title))
            return self._info(self._owned(connection, dataset_id))

    def delete_dataset(self, dataset_id: str) -> None:
        """Delete a dataset and every one of its cells."""
        table, cells = Dataset.__table__, DatasetCell.__table__
        with self._engine.begin() as connection:
            record = self._owned(connection, dataset_id)
            connection.execute(delete(cells).where(cells.c.dataset_id == record.id))
            connection.execute(delete(table).where(table.c.id == record.id))

    def set_threshold(self, k: object) -> None:
        """Set the small-count threshold applied to everything this workspace publishes."""
        k = check_k(k)
        table = WorkspaceRecord.__table__
        with self._engine.begin() as connection:
            connection.execute(update(table).where(table.c.id == self._id).values(k=k))
        self.k = k

    def delete(self) -> None:
        """Delete this workspace, its datasets and all their cells."""
        datasets, cells = Dataset.__table__, DatasetCell.__table__
        with self._engine.begin() as connection:
            owned = select(datasets.c.id).where(datasets.c.workspace_id == self._id)
            connection.execute(delete(cells).where(cells.c.dataset_id.in_(owned)))
            connection.execute(delete(datasets).where(datasets.c.workspace_id == self._id))
            table = WorkspaceRecord.__table__
            connection.execute(delete(table).where(table.c.id == self._id))

    def cells(self, dataset_id: str) -> pd.DataFrame:
        """The dataset's stored, exact cells (:data:`CELL_COLUMNS`): for the server's
        computations only, never to be sent out as they are (see :meth:`published_cells`)."""
        cells = DatasetCell.__table__
        with self._engine.connect() as connection:
            record = self._owned(connection, dataset_id)
            columns = [cells.c[name] for name in CELL_COLUMNS]
            rows = connection.execute(
                select(*columns).where(cells.c.dataset_id == record.id).order_by(cells.c.id)
            ).all()
        frame = pd.DataFrame.from_records(rows, columns=CELL_COLUMNS)
        for column in ("year", "count_low", "count_high"):
            frame[column] = frame[column].astype("int64")
        frame["censored"] = frame["censored"].astype(bool)
        for column in CELL_COLUMNS:
            if column not in ("year", "count_low", "count_high", "censored"):
                frame[column] = frame[column].astype(str)
        return frame

    def published_cells(self, dataset_id: str) -> pd.DataFrame:
        """The dataset's counts as they may leave the app: agencies added up, this workspace's
        rule applied (:func:`dashboard.exchange.convert.published_cells`)."""
        from dashboard.exchange.convert import published_cells

        return published_cells(self.cells(dataset_id), self.k)

    def as_dataset(self, dataset_id: str, baseline: BaselineDataset) -> BaselineDataset:
        """The dataset as a :class:`~dashboard.dataset.Dataset` the views can show, its counts
        published by this workspace's rule (:func:`dashboard.exchange.convert.to_dataset`)."""
        from dashboard.exchange.convert import to_dataset

        info = self.dataset(dataset_id)
        return to_dataset(self.cells(dataset_id), self.k, info, baseline)
