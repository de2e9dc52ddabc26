"""The tables of the platform's members (SQLAlchemy 2, on :class:`dashboard.db.models.Base`).

- ``users``: an account. ``email`` is stored lower-case; ``password_hash`` is an argon2 hash
  (empty until an invitation is accepted); ``role`` is ``admin``, ``focal-point`` or
  ``analyst``; ``country`` the ISO3 code of the member's country (required for a focal point);
  ``workspace_id`` the store workspace that holds the member's own datasets (made when first
  needed). A disabled account cannot sign in, and a session it holds ends at its next request.
- ``invitations``: an expiring link to create an account; only the token's SHA-256 is kept.
- ``login_attempts``: failed sign-ins, keyed by a hash of email and address, for the rate
  limit (in the database, so that every worker and instance counts the same attempts).
- ``shares``: a dataset (or a span of its years) shared with named countries
  (``audience='countries'``), with every member (``'members'``) or published to everyone
  (``'public'``); ``withdrawn_at`` set when withdrawn (the row stays, for the record).
- ``audit_events``: who did what to which dataset, when. ``owner_workspace_id`` is the
  dataset's owner (the events stay when the dataset is deleted: no foreign key on it).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.db.models import Base

ROLES = ("admin", "focal-point", "analyst")
AUDIENCES = ("countries", "members", "public")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean)
    workspace_id: Mapped[int | None] = mapped_column(
        ForeignKey("workspaces.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    country: Mapped[str | None] = mapped_column(String(3), nullable=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class Share(Base):
    __tablename__ = "shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    dataset_id: Mapped[int] = mapped_column(
        ForeignKey("datasets.id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[str] = mapped_column(String(16))
    #: ISO3 codes joined by ``;`` (``audience='countries'``), else empty.
    countries: Mapped[str] = mapped_column(Text)
    year_from: Mapped[int | None] = mapped_column(Integer, nullable=True)
    year_to: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    #: Who, as they were then (kept when the account is deleted); empty: anonymous.
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(16))
    dataset: Mapped[str] = mapped_column(String(32))
    dataset_title: Mapped[str] = mapped_column(String(200))
    owner_workspace_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text)
