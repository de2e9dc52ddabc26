"""Exceptions of the data exchange: each carries the sentence to show, as a message to translate.

Callers (the command line, the app) catch :class:`ExchangeError` and render ``error.reason``
in the user's language (:func:`dashboard.exchange.problems.render`); ``str(error)`` is the
English sentence, for logs. None of them is ever shown as a traceback.
"""

from __future__ import annotations

from dashboard.exchange.problems import Problem, Reason, render
from dashboard.text import ENGLISH


class ExchangeError(Exception):
    """Bad input or a refused request, with the reason to show."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(render(ENGLISH, reason))
        self.reason = reason


class ReadError(ExchangeError):
    """The file cannot be read as a table (not CSV or XLSX, unreadable characters, unsafe,
    over a limit); ``code`` says which (``read.too-large`` …)."""

    def __init__(self, code: str, reason: Reason) -> None:
        super().__init__(reason)
        self.code = code

    def problem(self) -> Problem:
        return Problem(code=self.code, reason=self.reason)


class InvalidUploadError(ExchangeError):
    """A file with errors was about to be stored (nothing was stored)."""


class InvalidSettingError(ExchangeError):
    """A bad title, threshold or other setting (nothing was changed)."""


class WorkspaceNotFoundError(ExchangeError):
    """No workspace has this key (it never existed, or it expired and was removed)."""


class DatasetAccessError(ExchangeError):
    """The dataset asked for is not in the requester's workspace.

    Raised alike whether the dataset belongs to another workspace or does not exist at all, so
    that a forged request learns nothing about other workspaces' datasets.
    """
