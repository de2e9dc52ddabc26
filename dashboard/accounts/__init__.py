"""Members of the regional platform (issue 13): accounts, roles, sharing and the audit log.

- :mod:`~dashboard.accounts.models`: the tables (users, invitations, login attempts, shares,
  audit events), migrated by ``dashboard/db/migrations`` like the workspace tables;
- :mod:`~dashboard.accounts.passwords`: argon2 password hashes;
- :mod:`~dashboard.accounts.members`: accounts, roles, invitations, the login rate limit;
- :mod:`~dashboard.accounts.sharing`: a member's workspace, shares, :func:`visible_datasets`,
  the audit log, and who may do what (:func:`~dashboard.accounts.sharing.may`);
- :mod:`~dashboard.accounts.web`: the Flask side (``SECRET_KEY``, session cookie, sign-in,
  CSRF, the dataset hook the registry calls);
- :mod:`~dashboard.accounts.routes`: the account pages and their forms.

Public views need none of it: nothing here is asked of a visitor who does not sign in.
"""
