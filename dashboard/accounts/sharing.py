"""A member's workspace, shares between countries, what each member may see and do, the audit.

:class:`Platform` holds the workspace store and the accounts. The rules, checked on the server
for every request by :meth:`Platform.may` (never by what a page shows or hides):

============  ==========================================  ==================================
action        who                                         what for
============  ==========================================  ==================================
``read``      the owner, an admin, anyone a live share    a view over the dataset (the span
``download``  reaches (its countries, every member, or    of years shared only)
              everyone when published)
``share``     the owner (a focal point of the dataset's   share, and withdraw any of the
``withdraw``  country) or an admin                        dataset's shares
``delete``
``audit``     the owner or an admin                       the dataset's audit events
============  ==========================================  ==================================

The owner is the account whose workspace holds the dataset (:meth:`Platform.workspace_of`
makes a member's workspace when first needed). Everything that leaves the app from a shared or
published dataset goes through the owner workspace's small-count rule (its ``k``), as for the
owner's own views: the exact counts never leave the server.

Shares and withdrawals are rows in the database, read on every request: a withdrawal is
enforced at once by every worker and instance. The audit log records uploads
(:meth:`Platform.record`, for the upload page to call), shares, withdrawals, downloads of
shared data and deletions.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd
from sqlalchemy import delete, insert, select, update

from dashboard.accounts.members import Member, Members
from dashboard.accounts.models import AUDIENCES, AuditEvent, Share, User
from dashboard.db.models import Dataset as DatasetRecord
from dashboard.db.models import DatasetCell
from dashboard.db.models import Workspace as WorkspaceRecord
from dashboard.exchange.store import Store, Workspace, as_utc, now
from dashboard.text import N_, Message

if TYPE_CHECKING:
    from dashboard.dataset import Dataset

ACTIONS = ("read", "download", "share", "withdraw", "delete", "audit")
AUDITED = ("upload", "share", "withdraw", "download", "delete")
_ISO3 = re.compile(r"^[A-Z]{3}$")

NOT_ALLOWED = N_("You may not do this with this dataset.")
NO_DATASET = N_("There is no dataset “{dataset}”.")
BAD_AUDIENCE = N_("Share with named countries, with every member, or publish to everyone.")
NO_COUNTRIES = N_("Name at least one partner country (ISO 3166 alpha-3 codes, e.g. MAR, JOR).")
BAD_YEARS = N_("The years shared must be a span from one year to a later one, e.g. 2020–2021.")
NOT_YOUR_COUNTRY = N_("A focal point shares its own country's data only.")
NO_SHARE = N_("There is no share “{share}”.")


class AccessError(PermissionError):
    """Refused: the requester may not do this (or the thing does not exist)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.message)
        self.message = message


class ShareError(ValueError):
    """A share that cannot be made as asked (bad audience, countries or years)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.message)
        self.message = message


#: Spans of years, each (first, last).
Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class VisibleDataset:
    """A dataset a member may read: whose it is, why they see it, and which years."""

    id: str
    title: str
    #: The owner as shown: their country's code, else their email.
    owner: str
    #: ``own``, ``shared`` (with the member's country or all members), ``public``, ``admin``.
    relation: str
    #: The spans of years the member may read (``None``: all of them).
    years: Spans | None
    k: int


@dataclass(frozen=True)
class ShareInfo:
    id: str
    dataset: str
    audience: str
    countries: tuple[str, ...]
    years: tuple[int, int] | None
    created_at: dt.datetime
    withdrawn_at: dt.datetime | None


def _share_info(row, dataset: str) -> ShareInfo:
    years = (row.year_from, row.year_to) if row.year_from is not None else None
    countries = tuple(c for c in row.countries.split(";") if c)
    withdrawn = as_utc(row.withdrawn_at) if row.withdrawn_at is not None else None
    return ShareInfo(
        row.public_id, dataset, row.audience, countries, years, as_utc(row.created_at), withdrawn
    )


def _reaches(share, member: Member | None) -> bool:
    if share.audience == "public":
        return True
    if member is None:
        return False
    if share.audience == "members":
        return True
    return member.country is not None and member.country in share.countries.split(";")


def _spans(shares: list) -> Spans | bool | None:
    """The spans of years the reaching ``shares`` open together (``None``: every year;
    ``False``: none): spans apart stay apart, the years between them are not shared."""
    if not shares:
        return False
    if any(s.year_from is None for s in shares):
        return None
    return tuple(sorted({(s.year_from, s.year_to) for s in shares}))


class Platform:
    """The store's workspaces and the accounts, with the sharing rules (module docstring)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.members = Members(store.engine)

    @property
    def engine(self):
        return self.store.engine

    # Workspaces ----------------------------------------------------------------------------

    def _workspace(self, workspace_id: int) -> Workspace:
        table = WorkspaceRecord.__table__
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.id == workspace_id)).one()
        return Workspace(self.store, row.id, row.public_id, row.k, as_utc(row.created_at))

    def workspace_of(self, member: Member) -> Workspace:
        """The member's own workspace, made (and linked to the account) when first asked."""
        fresh = self.members.get(member.id) or member
        if fresh.workspace_id is not None:
            return self._workspace(fresh.workspace_id)
        workspace, _key = self.store.create_workspace()
        table = WorkspaceRecord.__table__
        with self.engine.connect() as connection:
            record_id = connection.execute(
                select(table.c.id).where(table.c.public_id == workspace.public_id)
            ).scalar_one()
        self.members.link_workspace(fresh, record_id)
        return self._workspace(record_id)

    def _dataset(self, connection, dataset_id: object):
        table = DatasetRecord.__table__
        row = None
        if isinstance(dataset_id, str) and len(dataset_id) <= 64:
            row = connection.execute(select(table).where(table.c.public_id == dataset_id)).first()
        if row is None:
            raise AccessError(Message(NO_DATASET, {"dataset": str(dataset_id)[:40]}))
        return row

    def exists(self, dataset_id: object) -> bool:
        try:
            with self.engine.connect() as connection:
                self._dataset(connection, dataset_id)
        except AccessError:
            return False
        return True

    def _owner_label(self, connection, workspace_id: int) -> str:
        users = User.__table__
        owner = connection.execute(
            select(users.c.country, users.c.email).where(users.c.workspace_id == workspace_id)
        ).first()
        if owner is None:
            return ""
        return owner.country or owner.email

    # Rules ---------------------------------------------------------------------------------

    def _live_shares(self, connection, dataset_row) -> list:
        shares = Share.__table__
        return connection.execute(
            select(shares).where(
                shares.c.dataset_id == dataset_row.id, shares.c.withdrawn_at.is_(None)
            )
        ).all()

    def _relation(self, connection, member: Member | None, row) -> tuple[str, object] | None:
        """(relation, years) for ``member`` and the dataset ``row``, or ``None``: no access."""
        if member is not None and member.workspace_id == row.workspace_id:
            return "own", None
        if member is not None and member.is_admin:
            return "admin", None
        reaching = [s for s in self._live_shares(connection, row) if _reaches(s, member)]
        span = _spans(reaching)
        if span is False:
            return None
        public = all(s.audience == "public" for s in reaching)
        return ("public" if public else "shared"), span

    def relation(self, member: Member | None, dataset_id: object) -> str | None:
        """How ``member`` reaches the dataset: ``own``, ``admin``, ``shared``, ``public``, or
        ``None`` (not at all)."""
        try:
            with self.engine.connect() as connection:
                row = self._dataset(connection, dataset_id)
                found = self._relation(connection, member, row)
        except AccessError:
            return None
        return found[0] if found else None

    def may(self, member: Member | None, action: str, dataset_id: object) -> bool:
        """Whether ``member`` (``None``: anonymous) may do ``action`` with the dataset."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        try:
            with self.engine.connect() as connection:
                row = self._dataset(connection, dataset_id)
                relation = self._relation(connection, member, row)
        except AccessError:
            return False
        if relation is None:
            return False
        if action in ("read", "download"):
            return True
        if relation[0] == "admin":
            return True
        owner = relation[0] == "own"
        if action == "audit":
            return owner
        return owner and member is not None and member.role == "focal-point"

    def _require(self, member: Member | None, action: str, dataset_id: object) -> None:
        if not self.may(member, action, dataset_id):
            raise AccessError(Message(NOT_ALLOWED))

    # What a member sees ----------------------------------------------------------------------

    def visible_datasets(self, member: Member | None) -> list[VisibleDataset]:
        """The datasets ``member`` may read: own, shared with them, published (an admin: all),
        each with its owner; own first, then by title."""
        datasets, shares = DatasetRecord.__table__, Share.__table__
        workspaces = WorkspaceRecord.__table__
        with self.engine.connect() as connection:
            query = select(datasets, workspaces.c.k).join(
                workspaces, workspaces.c.id == datasets.c.workspace_id
            )
            if not (member is not None and member.is_admin):
                shared = select(shares.c.dataset_id).where(shares.c.withdrawn_at.is_(None))
                condition = datasets.c.id.in_(shared)
                if member is not None and member.workspace_id is not None:
                    condition = condition | (datasets.c.workspace_id == member.workspace_id)
                query = query.where(condition)
            found = []
            for row in connection.execute(query).all():
                relation = self._relation(connection, member, row)
                if relation is None:
                    continue
                owner = self._owner_label(connection, row.workspace_id)
                years = relation[1] if relation[1] is not None else None
                found.append(
                    VisibleDataset(row.public_id, row.title, owner, relation[0], years, row.k)
                )
        return sorted(found, key=lambda d: (d.relation != "own", d.title.lower(), d.id))

    def view_dataset(
        self, member: Member | None, dataset_id: object, baseline: Dataset
    ) -> Dataset | None:
        """The dataset as the views show it to ``member`` (the years shared with them, the
        owner's small-count rule, the owner as producer), or ``None``: not theirs to read."""
        from dashboard.exchange.convert import to_dataset

        try:
            with self.engine.connect() as connection:
                row = self._dataset(connection, dataset_id)
                relation = self._relation(connection, member, row)
                owner = self._owner_label(connection, row.workspace_id)
        except AccessError:
            return None
        if relation is None:
            return None
        workspace = self._workspace(row.workspace_id)
        info = workspace.dataset(row.public_id)
        cells = workspace.cells(row.public_id)
        spans = relation[1]
        if spans is not None:
            keep = pd.Series(False, index=cells.index)
            for low, high in spans:
                keep |= cells["year"].between(low, high)
            cells = cells[keep].reset_index(drop=True)
            shown = (min(s[0] for s in spans), max(s[1] for s in spans))
            info = dataclasses.replace(info, years=shown)
        if owner:
            info = dataclasses.replace(info, workspace=owner)
        return to_dataset(cells, workspace.k, info, baseline)

    # Shares ------------------------------------------------------------------------------------

    def share(
        self,
        member: Member,
        dataset_id: str,
        audience: str,
        countries: Iterable[str] = (),
        years: tuple[int, int] | None = None,
    ) -> ShareInfo:
        """Share the dataset (or the span ``years`` of it) with ``audience``."""
        self._require(member, "share", dataset_id)
        if audience not in AUDIENCES:
            raise ShareError(Message(BAD_AUDIENCE))
        codes = sorted({str(c).strip().upper() for c in countries if str(c).strip()})
        if audience == "countries" and (not codes or not all(_ISO3.match(c) for c in codes)):
            raise ShareError(Message(NO_COUNTRIES))
        if audience != "countries":
            codes = []
        if years is not None:
            low, high = years
            if not (1900 <= low <= high <= 2100):
                raise ShareError(Message(BAD_YEARS))
        with self.engine.begin() as connection:
            row = self._dataset(connection, dataset_id)
            if not member.is_admin:
                reporting = {c for c in row.reporting_countries.split(";") if c}
                if reporting - {member.country}:
                    raise ShareError(Message(NOT_YOUR_COUNTRY))
            public_id = secrets.token_urlsafe(12)
            connection.execute(
                insert(Share.__table__).values(
                    public_id=public_id,
                    dataset_id=row.id,
                    audience=audience,
                    countries=";".join(codes),
                    year_from=years[0] if years else None,
                    year_to=years[1] if years else None,
                    created_by=member.id,
                    created_at=now(),
                )
            )
            span = f" {years[0]}-{years[1]}" if years else ""
            detail = f"{audience}{':' + ','.join(codes) if codes else ''}{span} [{public_id}]"
            self._record(connection, member, "share", row, detail)
        return next(s for s in self.shares(member, dataset_id) if s.id == public_id)

    def shares(self, member: Member, dataset_id: str) -> list[ShareInfo]:
        """Every share of the dataset, live and withdrawn (for its owner and admins)."""
        self._require(member, "share", dataset_id)
        table = Share.__table__
        with self.engine.connect() as connection:
            row = self._dataset(connection, dataset_id)
            rows = connection.execute(
                select(table).where(table.c.dataset_id == row.id).order_by(table.c.id)
            ).all()
        return [_share_info(r, dataset_id) for r in rows]

    def withdraw(self, member: Member, share_id: object) -> ShareInfo:
        table, datasets = Share.__table__, DatasetRecord.__table__
        with self.engine.connect() as connection:
            found = None
            if isinstance(share_id, str) and len(share_id) <= 64:
                found = connection.execute(
                    select(table, datasets.c.public_id.label("dataset_public_id"))
                    .join(datasets, datasets.c.id == table.c.dataset_id)
                    .where(table.c.public_id == share_id)
                ).first()
        if found is None:
            raise AccessError(Message(NO_SHARE, {"share": str(share_id)[:40]}))
        self._require(member, "withdraw", found.dataset_public_id)
        with self.engine.begin() as connection:
            connection.execute(
                update(table)
                .where(table.c.id == found.id, table.c.withdrawn_at.is_(None))
                .values(withdrawn_at=now())
            )
            row = self._dataset(connection, found.dataset_public_id)
            self._record(connection, member, "withdraw", row, f"[{share_id}]")
        return next(s for s in self.shares(member, found.dataset_public_id) if s.id == share_id)

    def delete(self, member: Member, dataset_id: str) -> None:
        """Delete the dataset, its cells and its shares (the audit events stay)."""
        self._require(member, "delete", dataset_id)
        datasets, cells = DatasetRecord.__table__, DatasetCell.__table__
        with self.engine.begin() as connection:
            row = self._dataset(connection, dataset_id)
            self._record(connection, member, "delete", row, "")
            shares = Share.__table__
            connection.execute(delete(shares).where(shares.c.dataset_id == row.id))
            connection.execute(delete(cells).where(cells.c.dataset_id == row.id))
            connection.execute(delete(datasets).where(datasets.c.id == row.id))

    # Audit -------------------------------------------------------------------------------------

    def _record(self, connection, member: Member | None, action: str, row, detail: str) -> None:
        connection.execute(
            insert(AuditEvent.__table__).values(
                at=now(),
                user_id=member.id if member else None,
                actor=member.email if member else "",
                action=action,
                dataset=row.public_id,
                dataset_title=row.title[:200],
                owner_workspace_id=row.workspace_id,
                detail=detail[:2000],
            )
        )

    def record(self, member: Member | None, action: str, dataset_id: str, detail: str = "") -> None:
        """Put an event on record (e.g. ``upload`` by the upload page, ``download``)."""
        if action not in AUDITED:
            raise ValueError(f"not an audited action: {action!r}")
        with self.engine.begin() as connection:
            self._record(connection, member, action, self._dataset(connection, dataset_id), detail)

    def audit_events(self, member: Member, dataset_id: str | None = None) -> list[dict]:
        """The events ``member`` may see (an admin: all; else those of their workspace's
        datasets), newest first; of one dataset when ``dataset_id`` is given."""
        if member is None:
            raise AccessError(Message(NOT_ALLOWED))
        table = AuditEvent.__table__
        query = select(table).order_by(table.c.at.desc(), table.c.id.desc())
        if not member.is_admin:
            if member.workspace_id is None:
                return []
            query = query.where(table.c.owner_workspace_id == member.workspace_id)
        if dataset_id is not None:
            query = query.where(table.c.dataset == dataset_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query.limit(10_000)).all()
        return [
            {
                "at": as_utc(r.at).isoformat(timespec="seconds"),
                "actor": r.actor,
                "action": r.action,
                "dataset": r.dataset,
                "title": r.dataset_title,
                "detail": r.detail,
            }
            for r in rows
        ]

    def audit_csv(self, member: Member, dataset_id: str | None = None) -> bytes:
        if dataset_id is not None:
            self._require(member, "audit", dataset_id)
        events = self.audit_events(member, dataset_id)
        buffer = io.StringIO()
        writer = csv.DictWriter(
            buffer, ["at", "actor", "action", "dataset", "title", "detail"], lineterminator="\r\n"
        )
        writer.writeheader()
        for event in events:
            # A spreadsheet must not run a cell as a formula (=, +, -, @ first).
            writer.writerow({k: _no_formula(v) for k, v in event.items()})
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _no_formula(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
