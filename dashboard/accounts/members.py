"""Accounts: members, their roles, invitations by expiring link, and the sign-in rate limit.

A :class:`Members` holds the database (the same engine as the workspace store). Roles:

- ``admin``: manages accounts, sees every audit event, may withdraw any share and delete any
  shared dataset;
- ``focal-point``: of one country (``country``, ISO3): uploads that country's data into the
  account's workspace and shares it;
- ``analyst``: reads what is shared with the member's country, with every member, or published.

An invitation is a random token (256 bits) sent as a link; the database keeps only its
SHA-256, so a leaked database holds no usable link. It expires (default 7 days) and works once.

Failed sign-ins are counted in the database per email and client address (a hash of both), so
the limit holds across every worker and instance: after :data:`MAX_FAILURES` failures within
:data:`WINDOW`, that email cannot be tried from that address until the window has passed, even
with the right password.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, insert, select, update

from dashboard.accounts import passwords
from dashboard.accounts.models import ROLES, Invitation, LoginAttempt, User
from dashboard.exchange.store import as_utc, hash_key, now
from dashboard.text import N_, Message

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)
INVITATION_DAYS = 7
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s.]{2,63}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")

BAD_EMAIL = N_("“{email}” is not an email address.")
BAD_ROLE = N_("The role must be one of: {roles}.")
NEEDS_COUNTRY = N_("A focal point needs a country (its ISO 3166 alpha-3 code, e.g. TUN).")
BAD_COUNTRY = N_("“{country}” is not an ISO 3166 alpha-3 country code (e.g. TUN).")
TAKEN = N_("There is already an account for {email}.")
NO_ACCOUNT = N_("There is no account for {email}.")
WEAK_PASSWORD = N_("A password needs from {min} to {max} characters.")
WRONG = N_("The email or the password is not right.")
LIMITED = N_(
    "Too many failed attempts to sign in with this email from here: try again in {minutes} minutes."
)
BAD_INVITATION = N_("This invitation link has expired or has already been used. Ask for a new one.")


class AccountError(ValueError):
    """A refused account operation; ``message`` says why, in any language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.message)
        self.message = message


@dataclass(frozen=True)
class Member:
    """An account as the app uses it (what Flask-Login calls a user)."""

    id: int
    email: str
    role: str
    country: str | None
    disabled: bool
    workspace_id: int | None

    # Flask-Login's protocol.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.disabled

    def get_id(self) -> str:
        return str(self.id)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _member(row) -> Member:
    return Member(row.id, row.email, row.role, row.country, row.disabled, row.workspace_id)


def normal_email(email: object) -> str:
    text = str(email or "").strip().lower()
    if not _EMAIL.match(text):
        raise AccountError(Message(BAD_EMAIL, {"email": text[:80]}))
    return text


def check_role(role: object, country: object) -> tuple[str, str | None]:
    """A valid (role, country): the country upper-cased, required for a focal point."""
    if role not in ROLES:
        raise AccountError(Message(BAD_ROLE, {"roles": ", ".join(ROLES)}))
    code = str(country or "").strip().upper() or None
    if code is not None and not _ISO3.match(code):
        raise AccountError(Message(BAD_COUNTRY, {"country": code[:10]}))
    if role == "focal-point" and code is None:
        raise AccountError(Message(NEEDS_COUNTRY))
    return str(role), code


def _check_password(password: object) -> str:
    if not passwords.acceptable(password):
        limits = {"min": passwords.MIN_LENGTH, "max": passwords.MAX_LENGTH}
        raise AccountError(Message(WEAK_PASSWORD, limits))
    return str(password)


@dataclass(frozen=True)
class PendingInvitation:
    email: str
    role: str
    country: str | None
    expires_at: dt.datetime


class Members:
    """The accounts in the database of ``engine`` (see the module's docstring)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # Accounts ------------------------------------------------------------------------------

    def add(self, email: object, password: str | None, role: str, country: object = None) -> Member:
        """A new account (no password: it cannot sign in until one is set)."""
        email = normal_email(email)
        role, code = check_role(role, country)
        hashed = passwords.hash_password(_check_password(password)) if password else ""
        table = User.__table__
        with self.engine.begin() as connection:
            if connection.execute(select(table.c.id).where(table.c.email == email)).first():
                raise AccountError(Message(TAKEN, {"email": email}))
            connection.execute(
                insert(table).values(
                    email=email,
                    password_hash=hashed,
                    role=role,
                    country=code,
                    disabled=False,
                    created_at=now(),
                )
            )
        return self.by_email(email)

    def by_email(self, email: object) -> Member:
        email = normal_email(email)
        table = User.__table__
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.email == email)).first()
        if row is None:
            raise AccountError(Message(NO_ACCOUNT, {"email": email}))
        return _member(row)

    def get(self, user_id: object) -> Member | None:
        """The account ``user_id`` if it exists and is not disabled (read on every request, so
        a disabled account or a changed role counts at once, on every instance)."""
        try:
            number = int(str(user_id))
        except ValueError:
            return None
        table = User.__table__
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.id == number)).first()
        if row is None or row.disabled:
            return None
        return _member(row)

    def all(self) -> list[Member]:
        table = User.__table__
        with self.engine.connect() as connection:
            rows = connection.execute(select(table).order_by(table.c.email)).all()
        return [_member(row) for row in rows]

    def _change(self, email: object, **values: object) -> Member:
        member = self.by_email(email)
        table = User.__table__
        with self.engine.begin() as connection:
            connection.execute(update(table).where(table.c.id == member.id).values(**values))
        return self.by_email(member.email)

    def disable(self, email: object, disabled: bool = True) -> Member:
        return self._change(email, disabled=disabled)

    def set_role(self, email: object, role: str, country: object = None) -> Member:
        role, code = check_role(role, country)
        return self._change(email, role=role, country=code)

    def set_password(self, email: object, password: str) -> Member:
        hashed = passwords.hash_password(_check_password(password))
        return self._change(email, password_hash=hashed)

    def link_workspace(self, member: Member, workspace_id: int) -> Member:
        return self._change(member.email, workspace_id=workspace_id)

    # Signing in ------------------------------------------------------------------------------

    def authenticate(self, email: object, password: object, address: str) -> Member:
        """The account whose email and password these are, or :class:`AccountError` (wrong, or
        too many failures for this email from ``address``)."""
        text = str(email or "").strip().lower()[:254]
        key = hash_key(f"{text}\n{address}")
        attempts = LoginAttempt.__table__
        since = now() - WINDOW
        with self.engine.connect() as connection:
            failures = connection.execute(
                select(func.count())
                .select_from(attempts)
                .where(attempts.c.key_hash == key, attempts.c.at >= since)
            ).scalar_one()
        if failures >= MAX_FAILURES:
            minutes = int(WINDOW.total_seconds() // 60)
            raise AccountError(Message(LIMITED, {"minutes": minutes}))
        table = User.__table__
        with self.engine.connect() as connection:
            row = connection.execute(select(table).where(table.c.email == text)).first()
        secret = password if isinstance(password, str) else ""
        ok = passwords.verify(row.password_hash if row else None, secret[:1024])
        if not ok or row is None or row.disabled:
            with self.engine.begin() as connection:
                connection.execute(delete(attempts).where(attempts.c.at < since))
                connection.execute(insert(attempts).values(key_hash=key, at=now()))
            raise AccountError(Message(WRONG))
        values: dict[str, object] = {"last_login_at": now()}
        if passwords.needs_rehash(row.password_hash):
            values["password_hash"] = passwords.hash_password(secret)
        with self.engine.begin() as connection:
            connection.execute(delete(attempts).where(attempts.c.key_hash == key))
            connection.execute(update(table).where(table.c.id == row.id).values(**values))
        return _member(row)

    # Invitations ---------------------------------------------------------------------------

    def invite(
        self,
        email: object,
        role: str,
        country: object = None,
        by: Member | None = None,
        days: int = INVITATION_DAYS,
        at: dt.datetime | None = None,
    ) -> str:
        """A new invitation's token (shown once: the link is ``/account/invitation/<token>``)."""
        email = normal_email(email)
        role, code = check_role(role, country)
        token = secrets.token_urlsafe(32)
        stamp = at or now()
        users = User.__table__
        with self.engine.begin() as connection:
            if connection.execute(select(users.c.id).where(users.c.email == email)).first():
                raise AccountError(Message(TAKEN, {"email": email}))
            connection.execute(
                insert(Invitation.__table__).values(
                    token_hash=hash_key(token),
                    email=email,
                    role=role,
                    country=code,
                    created_by=by.id if by else None,
                    created_at=stamp,
                    expires_at=stamp + dt.timedelta(days=days),
                )
            )
        return token

    def _pending(self, connection, token: object, at: dt.datetime):
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            return None
        table = Invitation.__table__
        row = connection.execute(select(table).where(table.c.token_hash == hash_key(token))).first()
        if row is None or row.used_at is not None or as_utc(row.expires_at) <= at:
            return None
        return row

    def invitation(self, token: object, at: dt.datetime | None = None) -> PendingInvitation:
        """The invitation of ``token`` if it can still be accepted, else :class:`AccountError`."""
        with self.engine.connect() as connection:
            row = self._pending(connection, token, at or now())
        if row is None:
            raise AccountError(Message(BAD_INVITATION))
        return PendingInvitation(row.email, row.role, row.country, as_utc(row.expires_at))

    def accept(self, token: object, password: str, at: dt.datetime | None = None) -> Member:
        """Create the invited account with ``password``; the link then no longer works."""
        hashed = passwords.hash_password(_check_password(password))
        stamp = at or now()
        users, invitations = User.__table__, Invitation.__table__
        with self.engine.begin() as connection:
            row = self._pending(connection, token, stamp)
            if row is None:
                raise AccountError(Message(BAD_INVITATION))
            used = connection.execute(
                update(invitations)
                .where(invitations.c.id == row.id, invitations.c.used_at.is_(None))
                .values(used_at=stamp)
            )
            if used.rowcount != 1:  # accepted at the same moment elsewhere
                raise AccountError(Message(BAD_INVITATION))
            if connection.execute(select(users.c.id).where(users.c.email == row.email)).first():
                raise AccountError(Message(TAKEN, {"email": row.email}))
            connection.execute(
                insert(users).values(
                    email=row.email,
                    password_hash=hashed,
                    role=row.role,
                    country=row.country,
                    disabled=False,
                    created_at=stamp,
                )
            )
        return self.by_email(row.email)
