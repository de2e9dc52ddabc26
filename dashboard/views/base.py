"""The view protocol: query keys, defaults, checks and processing of one view.

A view never reads the request: it is given the dataset and a state (or the address's query,
parsed by :meth:`View.from_query`), and returns data and notices. Notices are
:class:`~dashboard.text.core.Message` objects, written out in the request's language by the
page that shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from dashboard.dataset import Dataset
from dashboard.state import Context, ViewState, parse_query, to_query
from dashboard.text import Message
from dashboard.views.years import query_context


class View:
    """One view (see the module's docstring); subclasses set :attr:`page` and :attr:`keys`."""

    #: The view's page name (component ids, downloads, file names): ``"flows"`` …
    page: ClassVar[str]
    #: The query keys the view reads and writes, in the order they are written.
    keys: ClassVar[tuple[str, ...]]

    def defaults(self, dataset: Dataset) -> ViewState:
        """The state shown when the address sets nothing."""
        raise NotImplementedError

    def check(self, dataset: Dataset, state: ViewState) -> tuple[ViewState, list[Message]]:
        """``state`` made valid for ``dataset`` beyond what each key's parser checks (years
        within the data, enough countries …), with a notice for each change."""
        return state, []

    def process(self, dataset: Dataset, state: ViewState) -> Any:
        """What the view's figures and texts need for a checked ``state`` (pure)."""
        raise NotImplementedError

    def context(self, dataset: Dataset) -> Context:
        """Valid values of the keys for ``dataset``."""
        return query_context(dataset)

    def from_query(
        self, dataset: Dataset, query: str | Mapping[str, Any]
    ) -> tuple[ViewState, list[Message]]:
        """The checked state an address's query describes, and notices about what it changed
        (an invalid value falls back to its default)."""
        state, notices = parse_query(
            query, self.defaults(dataset), self.context(dataset), self.keys
        )
        state, more = self.check(dataset, state)
        return state, [*notices, *more]

    def query(self, state: ViewState) -> str:
        """The view's query string (with ``?``) for ``state``."""
        return to_query(state, self.keys)
