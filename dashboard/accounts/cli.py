"""``python -m dashboard users add|list|disable|enable|set-role|invite``: the admin's commands.

They work on the database of ``--url``, else ``DATABASE_URL``, else the SQLite file (migrated
first). ``add`` asks for the password on the terminal (or reads one line from standard input
with ``--password-stdin``); ``invite`` prints the invitation link (``--base`` is the site's
address) to be sent to the person, valid ``--days`` days.
"""

from __future__ import annotations

import argparse
import getpass
import sys

ROLES = ("admin", "focal-point", "analyst")


def add_commands(commands) -> None:
    """The ``users`` command and its actions on the top-level parser's ``commands``."""
    from dashboard.cli import _Parser

    users = commands.add_parser("users", help="the platform's accounts (admin)")
    actions = users.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="create an account")
    add.add_argument("email")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--country", help="ISO3 code (required for a focal point)")
    add.add_argument("--password-stdin", action="store_true", help="read the password on stdin")
    actions.add_parser("list", help="list the accounts")
    for name, text in (("disable", "stop an account signing in"), ("enable", "let it again")):
        action = actions.add_parser(name, help=text)
        action.add_argument("email")
    role = actions.add_parser("set-role", help="change an account's role (and country)")
    role.add_argument("email")
    role.add_argument("role", choices=ROLES)
    role.add_argument("--country")
    invite = actions.add_parser("invite", help="make an invitation link")
    invite.add_argument("email")
    invite.add_argument("--role", choices=ROLES, required=True)
    invite.add_argument("--country")
    invite.add_argument("--days", type=int, default=7, help="days the link is valid (7)")
    invite.add_argument("--base", default="http://127.0.0.1:8050", help="the site's address")
    for action in actions.choices.values():
        action.add_argument("--url", help="database URL (default: DATABASE_URL, else SQLite)")


def _password(args: argparse.Namespace) -> str:
    from dashboard.cli import UsageError

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    try:
        first = getpass.getpass("Password (12 characters or more): ")
        again = getpass.getpass("The password again: ")
    except EOFError:
        raise UsageError("no password given (use --password-stdin to pipe one)") from None
    if first != again:
        raise UsageError("the two passwords are not the same")
    return first


def run(args: argparse.Namespace) -> int:
    from dashboard.accounts.members import AccountError, Members, check_role
    from dashboard.cli import UsageError
    from dashboard.exchange.store import Store
    from dashboard.text import ENGLISH

    store = Store.open(args.url)
    members = Members(store.engine)
    try:
        if args.action == "add":
            check_role(args.role, args.country)
            member = members.add(args.email, _password(args), args.role, args.country)
            print(f"added {member.email} ({member.role} {member.country or ''})".rstrip())
        elif args.action == "list":
            for m in members.all():
                state = "disabled" if m.disabled else "active"
                print(f"{m.email}\t{m.role}\t{m.country or '-'}\t{state}")
        elif args.action in ("disable", "enable"):
            member = members.disable(args.email, args.action == "disable")
            print(f"{member.email} is {'disabled' if member.disabled else 'active'}")
        elif args.action == "set-role":
            member = members.set_role(args.email, args.role, args.country)
            print(f"{member.email} is {member.role} {member.country or ''}".rstrip())
        else:
            if args.days < 1 or args.days > 90:
                raise UsageError("--days must be from 1 to 90")
            token = members.invite(args.email, args.role, args.country, days=args.days)
            print(f"{args.base.rstrip('/')}/account/invitation/{token}")
    except AccountError as error:
        raise UsageError(ENGLISH.render(error.message)) from None
    finally:
        store.engine.dispose()
    return 0
