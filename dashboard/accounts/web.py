"""The platform on the Flask server: secret key, sessions, sign-in state, CSRF, datasets.

:func:`configure_accounts` (called by :func:`dashboard.app.create_app`) sets up:

- **``SECRET_KEY``** (environment or Flask config) signs the session cookie; every worker and
  instance must share it. It is required outside development: when ``DASHBOARD_ENV`` is
  ``production`` (``gunicorn.conf.py`` sets it by default) the app refuses to start without one
  of 32 characters or more (:class:`~dashboard.web.security.SecurityConfigError`). In
  development (``python -m dashboard serve``, tests) a random key is made for the process.
- **The session cookie** (``dashboard_session``): HttpOnly, SameSite=Lax, ``Secure`` whenever
  the request came over HTTPS (behind a proxy: ``DASHBOARD_TRUST_PROXY``) or
  ``SESSION_COOKIE_SECURE`` is set; it lasts 12 hours. Only members signing in get one: public
  views set no cookie of this kind.
- **Flask-Login**: the member is read from the database on every request, so a disabled
  account or a changed role counts at once on every instance.
- **CSRF**: a random token in the (signed) session, also given to the page in the readable
  cookie ``dashboard_csrf``; ``assets/csrf.js`` sends it as ``X-CSRF-Token`` with every
  same-origin request that is not a GET (Dash's callback requests included), forms send it as
  ``csrf_token``. A POST, PUT, PATCH or DELETE is refused (403) without the session's token
  when it carries a credential (the session cookie, or a cookie named in
  ``DASHBOARD_CREDENTIAL_COOKIES``, e.g. the upload workspace's) and always under
  ``/account/`` (signing in included). A request with no credential gets nothing a forger
  could not get by sending it directly, so public callbacks need no token.
- **Datasets**: :func:`dataset_resolver` is the registry's hook (see
  :attr:`dashboard.registry.Registry.resolvers`): a dataset key is answered with what the
  requester may read (:meth:`~dashboard.accounts.sharing.Platform.view_dataset`). A CSV
  download (``/download/…?dataset=``) of a dataset the requester may not read gets 403; a
  download of shared data is put on the audit log.

:func:`platform` is the app's :class:`~dashboard.accounts.sharing.Platform` (the store of
``DATABASE_URL`` or SQLite, opened when first needed); :func:`current_member` the signed-in
member or ``None``. For the upload page and the views' dataset choice: :func:`visible_datasets`
(own, shared with the member, published; each with its owner), :func:`member_workspace` (where a
signed-in member's uploads go) and :func:`record` (``record("upload", dataset_id)`` after an
upload, for the audit log).
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import os
import secrets
from typing import TYPE_CHECKING

import flask
from flask import Flask, Response, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, current_user

from dashboard.accounts.members import Member
from dashboard.accounts.sharing import Platform
from dashboard.text import N_
from dashboard.web.security import SecurityConfigError

if TYPE_CHECKING:
    from dashboard.dataset import Dataset

SECRET_ENV = "SECRET_KEY"
ENV = "DASHBOARD_ENV"
CREDENTIAL_COOKIES = "DASHBOARD_CREDENTIAL_COOKIES"
PLATFORM_KEY = "DASHBOARD_PLATFORM"
SESSION_COOKIE = "dashboard_session"
CSRF_COOKIE = "dashboard_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_CSRF_SESSION = "csrf"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MIN_SECRET = 32

CSRF_REFUSED = N_(
    "This request was refused: it did not carry this page's security token. Reload the page "
    "and try again."
)
DOWNLOAD_REFUSED = N_("You may not download this dataset.")

_log = logging.getLogger(__name__)


class _SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, ``Secure`` whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = super().get_cookie_secure(app)
        return bool(configured or (flask.has_request_context() and request.is_secure))


def secret_key(config_value: object = None, environ: os._Environ | dict | None = None) -> str:
    """The session's secret key, or :class:`SecurityConfigError` in production without one."""
    environ = os.environ if environ is None else environ
    key = str(config_value or environ.get(SECRET_ENV) or "")
    mode = (environ.get(ENV) or "development").strip().lower()
    if key:
        if len(key) < MIN_SECRET and mode != "development":
            raise SecurityConfigError(
                f"{SECRET_ENV} is too short ({len(key)} characters): give at least "
                f"{MIN_SECRET} random characters, e.g. from "
                "python -c 'import secrets; print(secrets.token_hex(32))'."
            )
        return key
    if mode != "development":
        raise SecurityConfigError(
            f"{SECRET_ENV} is not set, and {ENV}={mode}: the app needs a secret key shared by "
            "every worker and instance to sign its sessions. Set SECRET_KEY to at least "
            f"{MIN_SECRET} random characters (python -c 'import secrets; "
            f"print(secrets.token_hex(32))'), or {ENV}=development on a development machine."
        )
    _log.info("SECRET_KEY not set: a random key for this process (development only)")
    return secrets.token_hex(32)


def platform(app: Flask | None = None) -> Platform:
    """The app's platform (its store opened, and migrated, when first asked)."""
    app = app or flask.current_app
    found = app.config.get(PLATFORM_KEY)
    if found is None:
        from dashboard.exchange.store import Store

        found = Platform(Store.open())
        app.config[PLATFORM_KEY] = found
    return found


def current_member() -> Member | None:
    """The signed-in member of the current request (``None``: anonymous, or no request)."""
    if not flask.has_request_context():
        return None
    user = current_user
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    found = user._get_current_object()
    return found if isinstance(found, Member) else None


def visible_datasets(member: Member | bool | None = True) -> list:
    """The datasets the current request's member (or ``member``: ``None`` for anonymous) may
    read, each with its owner: :meth:`~dashboard.accounts.sharing.Platform.visible_datasets`.
    For the views' dataset choice (the upload helper's selector)."""
    who = current_member() if member is True else member
    return platform().visible_datasets(who if isinstance(who, Member) else None)


def member_workspace():
    """The signed-in member's own workspace (made when first asked), where their uploads go;
    ``None`` for an anonymous visitor (whose uploads go to the cookie's workspace)."""
    member = current_member()
    return platform().workspace_of(member) if member is not None else None


def record(action: str, dataset_id: str, detail: str = "") -> None:
    """Put ``action`` (``upload``, ``download`` …) on the audit log, by the current member."""
    platform().record(current_member(), action, dataset_id, detail)


def csrf_token() -> str:
    """The session's CSRF token (made now if there is none: this starts a session)."""
    token = session.get(_CSRF_SESSION)
    if not token:
        token = secrets.token_urlsafe(32)
        session[_CSRF_SESSION] = token
    return token


def new_session(member: Member) -> None:
    """Sign ``member`` in on a fresh session (a session from before is not kept: fixation)."""
    from flask_login import login_user

    session.clear()
    session.permanent = True
    login_user(member)
    csrf_token()


def _credentials(app: Flask) -> set[str]:
    names = {app.config.get("SESSION_COOKIE_NAME", SESSION_COOKIE)}
    extra = app.config.get(CREDENTIAL_COOKIES) or os.environ.get(CREDENTIAL_COOKIES, "")
    if isinstance(extra, str):
        extra = extra.replace(",", " ").split()
    return names | set(extra)


def _needs_token(app: Flask) -> bool:
    if request.method not in _UNSAFE:
        return False
    if request.path.startswith("/account/"):
        return True
    return any(name in request.cookies for name in _credentials(app))


def _refusal(message: str, status: int = 403) -> Response:
    from dashboard.web.address import current_text

    return Response(current_text().gettext(message), status=status, mimetype="text/plain")


def _check_csrf() -> Response | None:
    app = flask.current_app
    if not _needs_token(app):
        return None
    expected = session.get(_CSRF_SESSION)
    given = request.headers.get(CSRF_HEADER) or ""
    if not given and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        given = request.form.get(CSRF_FIELD, "")
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        return _refusal(CSRF_REFUSED)
    return None


def _give_token(response: Response) -> Response:
    # The page's scripts read the token from this cookie (never HttpOnly: that is its use).
    token = session.get(_CSRF_SESSION)
    if token and request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            samesite="Lax",
            secure=request.is_secure,
            httponly=False,
            path="/",
        )
    elif not token and CSRF_COOKIE in request.cookies:
        response.delete_cookie(CSRF_COOKIE, path="/")
    return response


# Datasets ------------------------------------------------------------------------------------


def dataset_resolver(app: Flask):
    """The registry's hook: ``key -> Dataset | None``, what the requester may read of it."""

    def resolve(key: str) -> Dataset | None:
        if not flask.has_request_context() or not isinstance(key, str):
            return None
        from dashboard.registry import registry_of

        return platform(app).view_dataset(current_member(), key, registry_of(app).baseline)

    return resolve


def _check_download() -> Response | None:
    if not request.path.startswith("/download/"):
        return None
    key = request.args.get("dataset")
    if not key:
        return None
    from dashboard.registry import BASELINE, registry_of, resolve_current

    if key == BASELINE or key in registry_of(flask.current_app).sources:
        return None
    the_platform = platform()
    if not the_platform.exists(key):
        return None  # the download's own answer: no such dataset (404)
    member = current_member()
    if not resolve_current().found:
        return _refusal(DOWNLOAD_REFUSED)
    relation = the_platform.relation(member, key)
    if relation is not None and relation != "own":
        the_platform.record(member, "download", key, request.path[:200])
    return None


def configure_accounts(server: Flask) -> None:
    """Sessions, sign-in, CSRF and the dataset hook on ``server`` (see the module)."""
    from dashboard.registry import registry_of

    server.secret_key = secret_key(server.config.get("SECRET_KEY"))
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=12),
        SESSION_REFRESH_EACH_REQUEST=False,
    )
    server.session_interface = _SessionInterface()
    manager = LoginManager()
    manager.session_protection = "basic"
    manager.init_app(server)
    manager.user_loader(lambda user_id: platform(server).members.get(user_id))
    manager.unauthorized_handler(lambda: _refusal(N_("Sign in first."), 401))
    server.before_request(_check_csrf)
    server.before_request(_check_download)
    server.after_request(_give_token)
    registry_of(server).resolvers.append(dataset_resolver(server))
    from dashboard.accounts.routes import register_routes

    register_routes(server)
