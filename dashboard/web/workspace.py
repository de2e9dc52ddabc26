"""The requester's workspace: its key in a cookie, the store opened lazily in each process.

The key of a workspace (:meth:`dashboard.exchange.store.Store.create_workspace`) lives in the
``dashboard_workspace`` cookie: HttpOnly (no script reads it), ``SameSite=Lax`` (another site's
form posts do not carry it), ``Secure`` over HTTPS, kept for the retention period. It is
created on the first upload, never before: a visitor who only reads the public data has none.

The store (its SQLAlchemy engine) is opened on first use *in the process that uses it*, and
opened again when the process id changed: gunicorn's ``preload_app`` forks its workers after
the master warmed the app up, and a connection must never be shared across a fork (the old
engine is dropped with ``dispose(close=False)``, leaving the parent's connections alone). All
state is in the database, so several workers answer alike.

:func:`uploaded_dataset` is what the registry asks for a ``dataset=`` key it does not hold: the
requester's dataset of that id as a :class:`~dashboard.dataset.Dataset`, or ``None`` (another
workspace's, deleted, or no cookie); its ownership is checked in the database on every request,
the converted dataset cached per process by (id, stored time, k).
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict

import flask

from dashboard.exchange.errors import ExchangeError
from dashboard.exchange.store import Store, Workspace

COOKIE = "dashboard_workspace"
#: Flask config: the database of the uploads (default: ``DATABASE_URL`` or the SQLite file).
DATABASE_CONFIG = "DASHBOARD_DATABASE_URL"
_STORE_KEY = "dashboard_store"
_PURGED_KEY = "dashboard_store_purged"
#: How often each process removes the datasets past the retention period (and at its start).
PURGE_EVERY_S = 3600
_G_WORKSPACE = "dashboard_workspace"
_CACHE_SIZE = 16

_lock = threading.Lock()
#: (dataset id, stored_at, k, language) → converted dataset; bounded, per process. Not user
#: state: an entry is only reached after the requester's ownership of the id was checked.
_converted: OrderedDict[tuple, object] = OrderedDict()


def store(app: flask.Flask | None = None) -> Store:
    """The app's store in this process (opened, and migrated, on first use after a fork);
    datasets past the retention period are purged when it opens and then every hour."""
    app = app or flask.current_app
    pid = os.getpid()
    with _lock:
        held = app.extensions.get(_STORE_KEY)
        if held is not None and held[0] == pid:
            opened = held[1]
        else:
            if held is not None:  # forked: the parent's connections are the parent's
                held[1].engine.dispose(close=False)
            opened = Store.open(app.config.get(DATABASE_CONFIG))
            app.extensions[_STORE_KEY] = (pid, opened)
            app.extensions[_PURGED_KEY] = None
        due = app.extensions.get(_PURGED_KEY)
        now = time.monotonic()
        purge = due is None or now - due > PURGE_EVERY_S
        if purge:
            app.extensions[_PURGED_KEY] = now
    if purge:
        purged = opened.purge_expired()
        if purged.datasets or purged.workspaces:
            app.logger.info("purged %s datasets, %s workspaces", purged.datasets, purged.workspaces)
    return opened


def use_store(app: flask.Flask, opened: Store) -> None:
    """Serve ``app``'s uploads from ``opened`` in this process (tests, another database)."""
    with _lock:
        app.extensions[_STORE_KEY] = (os.getpid(), opened)
        app.extensions[_PURGED_KEY] = None
        _converted.clear()


def current_workspace() -> Workspace | None:
    """The requester's workspace: a signed-in member's own, else the cookie's; ``None`` when
    there is neither (no cookie, or an unknown or expired key)."""
    if not flask.has_request_context():
        return None
    if _G_WORKSPACE in flask.g:
        return flask.g.get(_G_WORKSPACE)
    found = _members_workspace()
    key = flask.request.cookies.get(COOKIE) if found is None else None
    if key:
        try:
            found = store().workspace(key)
        except ExchangeError:
            found = None
    setattr(flask.g, _G_WORKSPACE, found)
    return found


def _members_workspace() -> Workspace | None:
    """A signed-in member's own workspace (their account's, whichever browser they use), or
    ``None`` for an anonymous visitor, whose workspace is the cookie's."""
    from dashboard.accounts.web import member_workspace

    try:
        return member_workspace()
    except ExchangeError:
        return None


def audit(action: str, dataset_id: str, detail: str = "") -> None:
    """Put a signed-in member's ``action`` on the platform's audit log (anonymous uploads,
    in a cookie's workspace, are nobody's to audit)."""
    from dashboard.accounts.web import current_member, record

    if current_member() is not None:
        record(action, dataset_id, detail)


def delete(workspace: Workspace, dataset_id: str) -> None:
    """Delete the dataset and every one of its cells (and, for a member's dataset, its shares,
    the deletion put on the audit log)."""
    from dashboard.accounts.web import current_member, platform

    member = current_member()
    if member is not None and platform().may(member, "delete", dataset_id):
        platform().delete(member, dataset_id)  # a focal point's (or an admin's): shares too
    else:  # only the requester's own workspace can answer
        if member is not None:
            workspace.dataset(dataset_id)  # refused here when it is not theirs
            audit("delete", dataset_id)
        workspace.delete_dataset(dataset_id)
    forget(dataset_id)


def workspace_for_upload() -> Workspace:
    """The requester's workspace, created (and its cookie set on this response) when none."""
    found = current_workspace()
    if found is not None:
        return found
    created, key = store().create_workspace()
    setattr(flask.g, _G_WORKSPACE, created)
    days = store().retention.days
    secure = flask.request.is_secure

    @flask.after_this_request
    def set_cookie(response: flask.Response) -> flask.Response:
        response.set_cookie(
            COOKIE,
            key,
            max_age=days * 86400,
            httponly=True,
            samesite="Lax",
            secure=secure,
            path="/",
        )
        return response

    return created


def uploaded_dataset(key: str):
    """The requester's dataset ``key`` for the views, or ``None`` when it is not theirs."""
    workspace = current_workspace()
    if workspace is None:
        return None
    try:
        info = workspace.dataset(key)
    except ExchangeError:
        return None
    from dashboard.registry import registry_of

    cache_key = (info.id, info.stored_at, workspace.k)
    with _lock:
        found = _converted.get(cache_key)
        if found is not None:
            _converted.move_to_end(cache_key)
            return found
    baseline = registry_of(flask.current_app).baseline
    converted = workspace.as_dataset(key, baseline)
    with _lock:
        _converted[cache_key] = converted
        while len(_converted) > _CACHE_SIZE:
            _converted.popitem(last=False)
    return converted


#: The breakdowns an uploaded dataset's flows can be filtered by (the public flows have none).
BREAKDOWNS = ("sex", "age", "exploitation")
_UPLOAD_LABEL = "upload:"


def has_breakdowns(dataset) -> bool:
    """Whether ``dataset``'s flows can be filtered by sex, age and form of exploitation."""
    return str(dataset.label).startswith(_UPLOAD_LABEL)


def breakdown_dataset(dataset, sex: str = "total", age: str = "total", exploitation="total"):
    """``dataset`` with only the flows of one sex, age and form of exploitation (``total``:
    all), when it is the requester's upload; ``dataset`` itself otherwise.

    The cells are filtered *before* they are published (each cell is published on its own,
    and every flow is a sum of published cells), so a filtered total follows the same rule
    as any other (:mod:`dashboard.exchange.suppression`). The owner is checked again here.
    """
    chosen = {"sex": sex, "age": age, "exploitation": exploitation}
    if not has_breakdowns(dataset) or all(value == "total" for value in chosen.values()):
        return dataset
    workspace = current_workspace()
    dataset_id = str(dataset.label)[len(_UPLOAD_LABEL) :]
    if workspace is None:
        return dataset
    try:
        info = workspace.dataset(dataset_id)
    except ExchangeError:
        return dataset
    cache_key = (info.id, info.stored_at, workspace.k, sex, age, exploitation)
    with _lock:
        found = _converted.get(cache_key)
    if found is not None:
        return found
    from dataclasses import replace

    from dashboard.dataset import DerivedCache
    from dashboard.exchange.convert import dataset_flows

    cells = workspace.cells(dataset_id)
    for column, value in chosen.items():
        if value != "total":
            cells = cells[cells[column] == value]
    # Its own derived cache: nothing computed from all the flows may answer for these.
    flows = dataset_flows(cells, workspace.k)
    filtered = replace(dataset, flows=flows, derived=DerivedCache())
    with _lock:
        _converted[cache_key] = filtered
        while len(_converted) > _CACHE_SIZE:
            _converted.popitem(last=False)
    return filtered


def forget(dataset_id: str) -> None:
    """Drop the cached conversions of ``dataset_id`` (after a change or deletion)."""
    with _lock:
        for cache_key in [k for k in _converted if k[0] == dataset_id]:
            del _converted[cache_key]
