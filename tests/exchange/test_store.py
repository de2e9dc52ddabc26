"""The workspace store on SQLite and PostgreSQL: keys, the access check, changes, deletion,
retention, thresholds and the migrations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select, text

from dashboard.db.migrate import current_revision, downgrade, head_revision, upgrade
from dashboard.db.models import Base, DatasetCell
from dashboard.db.models import Workspace as WorkspaceRecord
from dashboard.exchange.checks import check_bytes
from dashboard.exchange.errors import (
    DatasetAccessError,
    InvalidSettingError,
    WorkspaceNotFoundError,
)
from dashboard.exchange.store import Store
from tests.exchange.conftest import csv_bytes

ROWS = [
    ["TUN", "2022", "CIV", "MLI;DZA", "TUN", "female", "adult", "sexual-exploitation", "12"],
    ["TUN", "2022", "CIV", "MLI;DZA", "TUN", "male", "adult", "forced-labour", "3"],
    ["TUN", "2021", "unknown", "", "TUN", "female", "child", "other", "<5"],
]


def upload(rows=ROWS):
    result = check_bytes(csv_bytes(rows), "national-2022.csv", today=dt.date(2024, 1, 1))
    return result.upload()


def cell_count(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(DatasetCell)).scalar_one()


def test_a_workspace_is_found_by_its_key_only(store):
    workspace, key = store.create_workspace()
    assert store.workspace(key).public_id == workspace.public_id
    for wrong in (key[:-1] + ("A" if key[-1] != "A" else "B"), "", None, "x" * 500, 42):
        with pytest.raises(WorkspaceNotFoundError):
            store.workspace(wrong)


def test_the_database_keeps_the_keys_hash_never_the_key(store):
    _, key = store.create_workspace()
    with store.engine.connect() as connection:
        rows = connection.execute(select(WorkspaceRecord.__table__)).all()
    assert len(rows) == 1
    assert all(key not in str(value) for value in rows[0])
    assert len(rows[0].key_hash) == 64


def test_two_workspaces_have_different_unguessable_keys(store):
    keys = {store.create_workspace()[1] for _ in range(5)}
    assert len(keys) == 5 and all(len(key) >= 43 for key in keys)


def test_an_upload_is_stored_and_read_back_exactly(store):
    workspace, _ = store.create_workspace()
    info = workspace.add_dataset(upload(), "Tunisia 2022")
    assert (info.title, info.filename, info.cells, info.years) == (
        "Tunisia 2022",
        "national-2022.csv",
        3,
        (2021, 2022),
    )
    cells = workspace.cells(info.id).sort_values(["year", "sex"])
    assert cells[
        ["year", "origin", "transit", "count_low", "count_high", "censored"]
    ].values.tolist() == [
        [2021, "unknown", "", 1, 4, True],
        [2022, "CIV", "MLI;DZA", 12, 12, False],
        [2022, "CIV", "MLI;DZA", 3, 3, False],
    ]
    assert [d.id for d in workspace.datasets()] == [info.id]


def test_published_cells_apply_the_workspaces_threshold(store):
    workspace, _ = store.create_workspace(k=10)
    info = workspace.add_dataset(upload())
    published = workspace.published_cells(info.id).sort_values(["year", "sex"])
    assert published[["count_low", "count_high"]].values.tolist() == [[1, 9], [12, 12], [1, 9]]
    workspace.set_threshold(3)
    again = workspace.published_cells(info.id).sort_values(["year", "sex"])
    assert again[["count_low", "count_high"]].values.tolist() == [[1, 4], [12, 12], [3, 3]]
    with pytest.raises(InvalidSettingError):
        workspace.set_threshold(2)


def test_a_forged_request_for_another_workspaces_dataset_is_refused(store):
    owner, owner_key = store.create_workspace()
    other, _ = store.create_workspace()
    info = owner.add_dataset(upload(), "Private")
    for attempt in (
        lambda: other.dataset(info.id),
        lambda: other.cells(info.id),
        lambda: other.published_cells(info.id),
        lambda: other.rename_dataset(info.id, "Mine now"),
        lambda: other.replace_dataset(info.id, upload(ROWS[:1])),
        lambda: other.delete_dataset(info.id),
    ):
        with pytest.raises(DatasetAccessError) as refused:
            attempt()
        assert str(refused.value) == f"There is no dataset “{info.id}” in your workspace."
    assert other.datasets() == []
    # The owner's dataset is untouched.
    again = store.workspace(owner_key)
    assert again.dataset(info.id).title == "Private"
    assert len(again.cells(info.id)) == 3


def test_a_dataset_that_does_not_exist_is_refused_the_same_way(store):
    workspace, _ = store.create_workspace()
    for missing in ("no-such-id", "", None, "x" * 1000):
        with pytest.raises(DatasetAccessError):
            workspace.cells(missing)


def test_rename_and_replace(store):
    workspace, _ = store.create_workspace()
    info = workspace.add_dataset(upload(), "First")
    renamed = workspace.rename_dataset(info.id, "  Tunisia,   2021–2022 ")
    assert renamed.title == "Tunisia, 2021–2022"
    for bad in ("", "   ", "x" * 201):
        with pytest.raises(InvalidSettingError):
            workspace.rename_dataset(info.id, bad)
    replaced = workspace.replace_dataset(info.id, upload(ROWS[:1]))
    assert (replaced.id, replaced.title, replaced.cells) == (info.id, "Tunisia, 2021–2022", 1)
    assert replaced.stored_at >= info.stored_at
    assert len(workspace.cells(info.id)) == 1
    assert cell_count(store) == 1


def test_deleting_a_dataset_deletes_every_one_of_its_cells(store):
    workspace, _ = store.create_workspace()
    kept = workspace.add_dataset(upload(ROWS[:1]), "Kept")
    doomed = workspace.add_dataset(upload(), "Doomed")
    assert cell_count(store) == 4
    workspace.delete_dataset(doomed.id)
    assert cell_count(store) == 1
    assert [d.id for d in workspace.datasets()] == [kept.id]
    with pytest.raises(DatasetAccessError):
        workspace.cells(doomed.id)


def test_deleting_a_workspace_deletes_its_datasets_and_cells(store):
    workspace, key = store.create_workspace()
    workspace.add_dataset(upload())
    workspace.delete()
    assert cell_count(store) == 0
    with pytest.raises(WorkspaceNotFoundError):
        store.workspace(key)


def test_a_failed_replacement_leaves_the_workspace_as_it_was(store, monkeypatch):
    import dashboard.exchange.store as module

    workspace, _ = store.create_workspace()
    info = workspace.add_dataset(upload(), "Before")

    def broken(upload, dataset_id):
        records = original(upload, dataset_id)
        year = module._CELL_INSERT.index("year")
        last = list(records[-1])
        last[year] = None  # NOT NULL: the insert fails after the old cells were deleted
        return [*records[:-1], tuple(last)]

    original = module._records
    monkeypatch.setattr(module, "_records", broken)
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
        workspace.replace_dataset(info.id, upload(ROWS[:2]))
    with pytest.raises(Exception):  # noqa: B017
        workspace.add_dataset(upload(), "Never stored")
    monkeypatch.undo()
    assert [d.title for d in workspace.datasets()] == ["Before"]
    assert len(workspace.cells(info.id)) == 3 and cell_count(store) == 3


def test_a_workspace_holds_a_bounded_number_of_datasets(store, monkeypatch):
    import dashboard.exchange.store as module

    monkeypatch.setattr(module, "MAX_DATASETS", 2)
    workspace, _ = store.create_workspace()
    workspace.add_dataset(upload(ROWS[:1]))
    workspace.add_dataset(upload(ROWS[:1]))
    with pytest.raises(InvalidSettingError):
        workspace.add_dataset(upload(ROWS[:1]))
    assert len(workspace.datasets()) == 2


def test_datasets_past_the_retention_period_are_removed(store):
    workspace, key = store.create_workspace()
    _idle, idle_key = store.create_workspace()
    old = workspace.add_dataset(upload(ROWS[:1]), "Old")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=20)
    assert store.purge_expired(at=later).datasets == 0
    new = workspace.replace_dataset(old.id, upload(ROWS[:2]))  # stored again: counted anew
    purged = store.purge_expired(at=dt.datetime.now(dt.UTC) + dt.timedelta(days=31))
    assert (purged.datasets, purged.workspaces) == (1, 2)
    assert cell_count(store) == 0
    for gone in (key, idle_key):
        with pytest.raises(WorkspaceNotFoundError):
            store.workspace(gone)
    assert new.id == old.id


def test_the_retention_period_is_configurable(engine, monkeypatch):
    upgrade(engine)
    monkeypatch.setenv("DASHBOARD_RETENTION_DAYS", "7")
    store = Store(engine)
    workspace, _key = store.create_workspace()
    workspace.add_dataset(upload(ROWS[:1]))
    assert store.purge_expired(at=dt.datetime.now(dt.UTC) + dt.timedelta(days=6)).datasets == 0
    assert store.purge_expired(at=dt.datetime.now(dt.UTC) + dt.timedelta(days=8)).datasets == 1
    for bad in ("0", "soon"):
        monkeypatch.setenv("DASHBOARD_RETENTION_DAYS", bad)
        with pytest.raises(InvalidSettingError):
            Store(engine)


# Migrations --------------------------------------------------------------------------------


def test_the_migrations_build_the_models_schema(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_the_migrations_go_back_to_an_empty_database(engine):
    upgrade(engine)
    downgrade(engine, "base")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade(engine)  # and forward again
    assert {"workspaces", "datasets", "dataset_cells"} <= set(inspect(engine).get_table_names())


def test_upgrading_twice_changes_nothing(store):
    workspace, _ = store.create_workspace()
    workspace.add_dataset(upload())
    upgrade(store.engine)
    assert cell_count(store) == 3


def test_sqlite_enforces_foreign_keys(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
