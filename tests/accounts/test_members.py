"""Accounts: argon2 hashes, roles, invitations and their expiry, the sign-in rate limit, the
secret key and the session cookie."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.accounts import members as members_module
from dashboard.accounts.members import AccountError, Members
from dashboard.accounts.models import Invitation, LoginAttempt, User
from dashboard.accounts.web import secret_key
from dashboard.web.security import SecurityConfigError
from tests.accounts.conftest import PASSWORD, sign_in


def test_passwords_are_stored_as_argon2id_hashes(store):
    members = Members(store.engine)
    members.add("a@example.org", PASSWORD, "analyst", "MAR")
    with store.engine.connect() as connection:
        row = connection.execute(select(User.__table__)).one()
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert members.authenticate("a@example.org", PASSWORD, "1.2.3.4").email == "a@example.org"
    with pytest.raises(AccountError):
        members.authenticate("a@example.org", PASSWORD + "!", "1.2.3.4")


def test_roles_are_checked(store):
    members = Members(store.engine)
    with pytest.raises(AccountError, match="focal point needs a country"):
        members.add("fp@example.org", PASSWORD, "focal-point")
    for role, country in (("owner", "TUN"), ("analyst", "TUNISIA")):
        with pytest.raises(AccountError):
            members.add("x@example.org", PASSWORD, role, country)
    with pytest.raises(AccountError):
        members.add("x@example.org", "short", "analyst", "TUN")
    member = members.add("fp@example.org", PASSWORD, "focal-point", "tun")
    assert (member.role, member.country) == ("focal-point", "TUN")
    with pytest.raises(AccountError):
        members.add("FP@example.org", PASSWORD, "analyst", "TUN")  # the same email


def test_a_disabled_account_cannot_sign_in_and_its_session_ends(store):
    members = Members(store.engine)
    member = members.add("a@example.org", PASSWORD, "analyst", "MAR")
    assert members.get(member.id) is not None
    members.disable("a@example.org")
    assert members.get(member.id) is None  # read on every request: the session ends
    with pytest.raises(AccountError):
        members.authenticate("a@example.org", PASSWORD, "1.2.3.4")


def test_invitations_expire_and_work_once(store):
    members = Members(store.engine)
    sent = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    token = members.invite("new@example.org", "analyst", "JOR", days=7, at=sent)
    with store.engine.connect() as connection:
        row = connection.execute(select(Invitation.__table__)).one()
    assert token not in str(tuple(row)) and len(row.token_hash) == 64
    assert members.invitation(token, at=sent + dt.timedelta(days=6)).email == "new@example.org"
    with pytest.raises(AccountError, match="expired"):
        members.invitation(token, at=sent + dt.timedelta(days=7, seconds=1))
    with pytest.raises(AccountError, match="expired"):
        members.accept(token, PASSWORD, at=sent + dt.timedelta(days=8))
    member = members.accept(token, PASSWORD, at=sent + dt.timedelta(days=1))
    assert (member.email, member.role, member.country) == ("new@example.org", "analyst", "JOR")
    with pytest.raises(AccountError):
        members.accept(token, PASSWORD, at=sent + dt.timedelta(days=1))
    with pytest.raises(AccountError):
        members.invitation(token[:-2] + "xx", at=sent)


def test_failed_sign_ins_are_limited_per_email_and_address_across_instances(store):
    # Two Members objects on one database stand for two workers or instances.
    first, second = Members(store.engine), Members(store.engine)
    first.add("a@example.org", PASSWORD, "analyst", "MAR")
    for attempt in range(members_module.MAX_FAILURES):
        instance = first if attempt % 2 else second
        with pytest.raises(AccountError, match="not right"):
            instance.authenticate("a@example.org", "wrong password!", "10.0.0.1")
    with pytest.raises(AccountError, match="Too many"):
        first.authenticate("a@example.org", PASSWORD, "10.0.0.1")  # even the right one
    # Another address is not blocked, and its success clears only its own failures.
    assert second.authenticate("a@example.org", PASSWORD, "10.0.0.2")
    with pytest.raises(AccountError, match="Too many"):
        second.authenticate("a@example.org", PASSWORD, "10.0.0.1")
    # After the window, the address may try again.
    table = LoginAttempt.__table__
    with store.engine.begin() as connection:
        old = dt.datetime.now(dt.UTC) - members_module.WINDOW - dt.timedelta(seconds=1)
        connection.execute(table.update().values(at=old))
    assert first.authenticate("a@example.org", PASSWORD, "10.0.0.1")


def test_the_sign_in_page_answers_429_when_limited(server, world):
    client = server.test_client()
    for _ in range(members_module.MAX_FAILURES):
        assert sign_in(client, world.partner.email, "not the password").status_code == 400
    limited = sign_in(client, world.partner.email)
    assert limited.status_code == 429
    assert "Too many failed attempts" in limited.get_data(as_text=True)
    other = server.test_client()
    answer = sign_in(other, world.partner.email, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    assert answer.status_code == 302


def test_the_secret_key_is_required_outside_development():
    with pytest.raises(SecurityConfigError, match="SECRET_KEY is not set"):
        secret_key(None, {"DASHBOARD_ENV": "production"})
    with pytest.raises(SecurityConfigError, match="too short"):
        secret_key(None, {"DASHBOARD_ENV": "production", "SECRET_KEY": "abc"})
    key = "k" * 40
    assert secret_key(None, {"DASHBOARD_ENV": "production", "SECRET_KEY": key}) == key
    first, second = secret_key(None, {}), secret_key(None, {})
    assert len(first) >= 32 and first != second  # development: one per process


def test_gunicorn_means_production():
    from pathlib import Path

    config = (Path(__file__).parents[2] / "gunicorn.conf.py").read_text()
    assert 'os.environ.setdefault("DASHBOARD_ENV", "production")' in config


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(server, world):
    for base, secure in (("http://localhost", False), ("https://localhost", True)):
        client = server.test_client()
        answer = sign_in(client, world.partner.email, base_url=base)
        assert answer.status_code == 302
        cookies = answer.headers.getlist("Set-Cookie")
        session = next(c for c in cookies if c.startswith("dashboard_session="))
        assert "HttpOnly" in session and "SameSite=Lax" in session
        assert ("Secure" in session) is secure


def test_public_views_set_no_session(server):
    client = server.test_client()
    answer = client.get("/flows")
    assert answer.status_code == 200
    assert not any(c.startswith("dashboard_session=") for c in answer.headers.getlist("Set-Cookie"))


def test_production_hashes_use_argon2s_recommended_parameters(monkeypatch):
    from argon2 import profiles

    from dashboard.accounts import passwords

    monkeypatch.setenv(passwords.FAST_ENV, "1")
    monkeypatch.setenv("DASHBOARD_ENV", "production")
    hashed = passwords._hasher().hash(PASSWORD)
    wanted = profiles.RFC_9106_LOW_MEMORY
    assert f"m={wanted.memory_cost},t={wanted.time_cost},p={wanted.parallelism}" in hashed
    monkeypatch.setenv("DASHBOARD_ENV", "development")
    assert "m=8,t=1,p=1" in passwords._hasher().hash(PASSWORD)  # the tests' cheapest
