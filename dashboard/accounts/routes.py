"""The account pages: sign in, sign out, accept an invitation, the member's page (datasets they
can read, shares to make and withdraw, datasets to delete, the audit log and its CSV).

Plain server-rendered pages and forms (no Dash callback): each works with no script, carries
the CSRF token as a hidden field, and is in the request's language (``?lang=``, else the
remembered choice). Every route checks on the server who is asking
(:meth:`~dashboard.accounts.sharing.Platform.may`): a forged request gets 403 (401 for a page
that needs a signed-in member, with the sign-in link), whatever the page showed.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, redirect, request
from flask_login import logout_user
from markupsafe import Markup

from dashboard.accounts.members import AccountError
from dashboard.accounts.sharing import AccessError, ShareError, VisibleDataset
from dashboard.accounts.web import (
    CSRF_FIELD,
    csrf_token,
    current_member,
    new_session,
    platform,
)
from dashboard.web.address import current_text, link

#: How many audit events the page lists (the CSV has them all).
PAGE_EVENTS = 50


def _page(title: str, body: Markup, status: int = 200) -> Response:
    text = current_text()
    home = text.gettext("Back to the dashboard")
    html = Markup(
        "<!DOCTYPE html>\n"
        '<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>{title}</title>"
        '<link rel="stylesheet" href="/assets/dashboard.css">'
        '<link rel="stylesheet" href="/assets/accounts.css"></head>'
        '<body class="account-page"><header><a href="{home_link}">{home}</a></header>'
        "<main><h1>{title}</h1>{body}</main></body></html>"
    ).format(
        lang=text.lang,
        dir=text.direction,
        title=title,
        home_link=link("/"),
        home=home,
        body=body,
    )
    return Response(str(html), status=status, mimetype="text/html")


def _refuse(status: int = 403) -> Response:
    text = current_text()
    if status == 401:
        body = Markup('<p>{}</p><p><a href="{}">{}</a></p>').format(
            text.gettext("Sign in first."),
            link("/account/login"),
            text.gettext("Sign in"),
        )
        return _page(text.gettext("Sign in"), body, 401)
    message = text.gettext("You may not do this.")
    return _page(message, Markup("<p>{}</p>").format(message), status)


def _hidden() -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, csrf_token())


def _form(action: str, fields: Markup, button: str, css: str = "") -> Markup:
    return Markup(
        '<form method="post" action="{}" class="{}">{}{}<button>{}</button></form>'
    ).format(link(action), css, _hidden(), fields, button)


def _field(label: str, name: str, kind: str = "text", **attributes: str) -> Markup:
    extra = Markup("").join(Markup(' {}="{}"').format(k, v) for k, v in attributes.items())
    return Markup('<label>{} <input type="{}" name="{}"{}></label>').format(
        label, kind, name, extra
    )


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Markup:
    head = Markup("").join(Markup("<th>{}</th>").format(h) for h in header)
    body = Markup("").join(
        Markup("<tr>{}</tr>").format(Markup("").join(Markup("<td>{}</td>").format(c) for c in row))
        for row in rows
    )
    return Markup("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>").format(head, body)


def _message(message) -> Markup:
    return Markup('<p class="account-message" role="alert">{}</p>').format(
        current_text().render(message)
    )


# Signing in ------------------------------------------------------------------------------------


def _login_form(error: Markup | None = None) -> Markup:
    text = current_text()
    fields = _field(text.gettext("Email"), "email", "email", autocomplete="username") + _field(
        text.gettext("Password"), "password", "password", autocomplete="current-password"
    )
    return (error or Markup("")) + _form(
        "/account/login", fields, text.gettext("Sign in"), "account-form"
    )


def login() -> Response:
    text = current_text()
    title = text.gettext("Sign in")
    if request.method == "GET":
        if current_member() is not None:
            return redirect(link("/account"))
        return _page(title, _login_form())
    the_platform = platform()
    try:
        member = the_platform.members.authenticate(
            request.form.get("email"), request.form.get("password"), request.remote_addr or ""
        )
    except AccountError as error:
        limited = "Too many" in error.message.message
        return _page(title, _login_form(_message(error.message)), 429 if limited else 400)
    new_session(member)
    return redirect(link("/account"))


def logout() -> Response:
    from flask import session

    logout_user()
    session.clear()
    return redirect(link("/"))


def invitation(token: str) -> Response:
    text = current_text()
    title = text.gettext("Create your account")
    members = platform().members
    try:
        pending = members.invitation(token)
    except AccountError as error:
        return _page(title, _message(error.message), 404)
    error = Markup("")
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            error = Markup('<p class="account-message" role="alert">{}</p>').format(
                text.gettext("The two passwords are not the same.")
            )
        else:
            try:
                member = members.accept(token, password)
            except AccountError as failure:
                error = _message(failure.message)
            else:
                new_session(member)
                return redirect(link("/account"))
    intro = Markup("<p>{}</p>").format(
        text.gettext(
            "You are invited as {role} ({country}) with the email {email}. Choose a password "
            "of 12 characters or more.",
            role=_role(pending.role),
            country=pending.country or "—",
            email=pending.email,
        )
    )
    fields = _field(
        text.gettext("Password"), "password", "password", autocomplete="new-password"
    ) + _field(text.gettext("The password again"), "confirm", "password")
    form = _form(f"/account/invitation/{token}", fields, text.gettext("Create the account"))
    return _page(title, intro + error + form, 400 if error else 200)


def _role(role: str) -> str:
    text = current_text()
    names = {
        "admin": text.gettext("administrator"),
        "focal-point": text.gettext("focal point"),
        "analyst": text.gettext("analyst"),
    }
    return names.get(role, role)


# The member's page -------------------------------------------------------------------------------


def _relation(dataset: VisibleDataset) -> str:
    text = current_text()
    return {
        "own": text.gettext("yours"),
        "shared": text.gettext("shared with you"),
        "public": text.gettext("published"),
        "admin": text.gettext("any (administrator)"),
    }.get(dataset.relation, dataset.relation)


def _years(spans) -> str:
    if spans is None:
        return current_text().gettext("all")
    return ", ".join(f"{low}–{high}" for low, high in spans)


def _share_forms(dataset: VisibleDataset) -> Markup:
    text = current_text()
    the_platform = platform()
    member = current_member()
    rows = []
    for share in the_platform.shares(member, dataset.id):
        audience = {
            "countries": ", ".join(share.countries),
            "members": text.gettext("every member"),
            "public": text.gettext("everyone (published)"),
        }[share.audience]
        if share.withdrawn_at is None:
            action = _form(
                f"/account/shares/{share.id}/withdraw", Markup(""), text.gettext("Withdraw")
            )
        else:
            action = text.gettext("withdrawn {date}", date=share.withdrawn_at.date().isoformat())
        rows.append((audience, _years([share.years] if share.years else None), action))
    shares = (
        _table((text.gettext("Shared with"), text.gettext("Years"), ""), rows)
        if rows
        else Markup("")
    )
    audience = Markup(
        '<label>{} <select name="audience"><option value="countries">{}</option>'
        '<option value="members">{}</option><option value="public">{}</option></select></label>'
    ).format(
        text.gettext("Share with"),
        text.gettext("these countries"),
        text.gettext("every member"),
        text.gettext("everyone (published, small counts suppressed)"),
    )
    fields = (
        audience
        + _field(text.gettext("Countries (ISO3, e.g. MAR, JOR)"), "countries")
        + _field(text.gettext("From"), "from", "number", min="1900", max="2100")
        + _field(text.gettext("To"), "to", "number", min="1900", max="2100")
    )
    share_form = _form(f"/account/datasets/{dataset.id}/share", fields, text.gettext("Share"))
    delete_form = _form(
        f"/account/datasets/{dataset.id}/delete", Markup(""), text.gettext("Delete the dataset")
    )
    audit = Markup('<a href="{}">{}</a>').format(
        link("/account/audit.csv", f"?dataset={dataset.id}"), text.gettext("Audit log (CSV)")
    )
    return Markup('<section class="account-dataset"><h3>{}</h3>{}{}{}<p>{}</p></section>').format(
        dataset.title, shares, share_form, delete_form, audit
    )


def account() -> Response:
    member = current_member()
    if member is None:
        return _refuse(401)
    text = current_text()
    the_platform = platform()
    who = Markup("<p>{}</p>").format(
        text.gettext(
            "Signed in as {email}: {role} ({country}).",
            email=member.email,
            role=_role(member.role),
            country=member.country or "—",
        )
    )
    signout = _form("/account/logout", Markup(""), text.gettext("Sign out"))
    visible = the_platform.visible_datasets(member)
    rows = [
        (
            Markup('<a href="{}">{}</a>').format(link("/flows", f"?dataset={d.id}"), d.title),
            d.owner or "—",
            _relation(d),
            _years(d.years),
        )
        for d in visible
    ]
    header = (
        text.gettext("Dataset"),
        text.gettext("Owner"),
        text.gettext("Why"),
        text.gettext("Years"),
    )
    readable = Markup("<h2>{}</h2>{}").format(
        text.gettext("Datasets you can read"),
        _table(header, rows) if rows else Markup("<p>{}</p>").format(text.gettext("None yet.")),
    )
    managed = [d for d in visible if the_platform.may(member, "share", d.id)]
    manage = Markup("")
    if managed:
        manage = Markup("<h2>{}</h2>").format(text.gettext("Share your datasets")) + Markup(
            ""
        ).join(_share_forms(d) for d in managed)
    events = the_platform.audit_events(member)
    audit = Markup('<h2>{}</h2><p><a href="{}">{}</a></p>{}').format(
        text.gettext("Audit log"),
        link("/account/audit.csv"),
        text.gettext("Download the audit log (CSV)"),
        _table(
            (
                text.gettext("When"),
                text.gettext("Who"),
                text.gettext("What"),
                text.gettext("Dataset"),
                text.gettext("Details"),
            ),
            [
                (e["at"], e["actor"] or "—", e["action"], e["title"], e["detail"])
                for e in events[:PAGE_EVENTS]
            ],
        ),
    )
    return _page(text.gettext("Your account"), who + signout + readable + manage + audit)


# Changes -----------------------------------------------------------------------------------------


def _back_or_refuse(work) -> Response:
    member = current_member()
    if member is None:
        return _refuse(403)
    try:
        work(member)
    except AccessError:
        return _refuse(403)
    except ShareError as error:
        return _page(current_text().gettext("Share"), _message(error.message), 400)
    return redirect(link("/account"), code=303)


def _year(name: str) -> int | None:
    raw = (request.form.get(name) or "").strip()
    return int(raw) if raw.isdigit() and len(raw) == 4 else None


def share(dataset: str) -> Response:
    low, high = _year("from"), _year("to")
    years = None
    if low is not None or high is not None:
        years = (low or high, high or low)
    countries = (request.form.get("countries") or "").replace(";", ",").split(",")
    audience = request.form.get("audience", "")
    return _back_or_refuse(
        lambda member: platform().share(member, dataset, audience, countries, years)
    )


def withdraw(share_id: str) -> Response:
    return _back_or_refuse(lambda member: platform().withdraw(member, share_id))


def delete(dataset: str) -> Response:
    return _back_or_refuse(lambda member: platform().delete(member, dataset))


def audit_csv() -> Response:
    member = current_member()
    if member is None:
        return _refuse(403)
    dataset = request.args.get("dataset") or None
    try:
        data = platform().audit_csv(member, dataset)
    except AccessError:
        return _refuse(403)
    name = f"audit_{dataset}.csv" if dataset else "audit.csv"
    return Response(
        data,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def register_routes(server: Flask) -> None:
    add = server.add_url_rule
    add("/account/login", "account_login", login, methods=["GET", "POST"])
    add("/account/logout", "account_logout", logout, methods=["POST"])
    add("/account", "account", account)
    add(
        "/account/invitation/<token>",
        "account_invitation",
        invitation,
        methods=["GET", "POST"],
    )
    add("/account/datasets/<dataset>/share", "account_share", share, methods=["POST"])
    add("/account/shares/<share_id>/withdraw", "account_withdraw", withdraw, methods=["POST"])
    add("/account/datasets/<dataset>/delete", "account_delete", delete, methods=["POST"])
    add("/account/audit.csv", "account_audit", audit_csv)
