"""Password hashes: argon2id (``argon2-cffi``, its recommended parameters, RFC 9106 low-memory).

The hash string carries its own salt and parameters, so that stronger parameters later apply
to each password as its owner next signs in (:func:`needs_rehash`).

``DASHBOARD_FAST_PASSWORD_HASHES=1`` (set by the test suite, which makes hundreds of accounts)
uses argon2's cheapest parameters instead: a third of a second a hash on a busy 2-core machine
becomes microseconds. It is ignored when ``DASHBOARD_ENV=production``.
"""

from __future__ import annotations

import contextlib
import os

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

FAST_ENV = "DASHBOARD_FAST_PASSWORD_HASHES"


def _hasher() -> PasswordHasher:
    fast = os.environ.get(FAST_ENV) == "1" and os.environ.get("DASHBOARD_ENV") != "production"
    return PasswordHasher.from_parameters(profiles.CHEAPEST) if fast else PasswordHasher()


_HASHER = _hasher()
MIN_LENGTH = 12
MAX_LENGTH = 1024

#: A hash no password matches (accounts invited but not yet set up), and what unknown emails
#: are checked against, so that signing in takes as long for them as for a real account.
_DUMMY = _HASHER.hash("not a password of anyone's")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (``None`` or empty: never, after the
    same work as a real check)."""
    if not stored:
        with contextlib.suppress(VerificationError):
            _HASHER.verify(_DUMMY, password + "x")
        return False
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _HASHER.check_needs_rehash(stored)


def acceptable(password: object) -> bool:
    """Long enough to resist guessing (12 characters or more), not absurdly long."""
    return isinstance(password, str) and MIN_LENGTH <= len(password) <= MAX_LENGTH
