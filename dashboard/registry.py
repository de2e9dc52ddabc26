"""Which dataset a request is answered from: the ``dataset`` key of its address, resolved here.

A :class:`Registry` maps dataset keys to loaded :class:`~dashboard.dataset.Dataset` objects; the
app keeps one on its Flask app (``server.config``), so that a test or a second app can serve
other datasets with the same views. Today the registry holds the public baseline (the bundled
``data/``); any other key is asked of its ``resolvers``: the requester's uploaded datasets
(:mod:`dashboard.web.workspace`), each checked against the requester's workspace cookie, then
the datasets the platform's shares let a signed-in member read (:mod:`dashboard.accounts.web`).

An unknown key is never a silent fallback: :func:`resolve_current` answers with the baseline
*and* a notice saying so, which views show, and downloads refuse it (404).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import flask

from dashboard.dataset import Dataset, bundled_dataset
from dashboard.text import N_, Message
from dashboard.web import address

#: The key of the public baseline (the bundled data); it is never written into addresses.
BASELINE = "baseline"
CONFIG_KEY = "DASHBOARD_REGISTRY"
_G_KEY = "dashboard_resolution"

UNKNOWN_DATASET = N_(
    "There is no dataset “{key}” here (it may belong to another workspace, or have been "
    "deleted): the public data are shown instead."
)


@dataclass(frozen=True)
class Resolution:
    """The dataset a request asked for (its key) and got, with notices when they differ."""

    key: str
    dataset: Dataset
    notices: tuple[Message, ...] = ()

    @property
    def found(self) -> bool:
        return not self.notices


@dataclass
class Registry:
    """Dataset key → a loaded dataset (or a function loading it once, when first asked)."""

    sources: dict[str, Dataset | Callable[[], Dataset]] = field(default_factory=dict)
    #: Asked in turn for a key that is not in ``sources``: ``resolver(key)`` gives the dataset
    #: the current requester may read under that key, or ``None``. Nothing they give is kept
    #: (access is decided again on every request). First the requester's own uploads
    #: (:func:`dashboard.web.workspace.uploaded_dataset`, checked against the workspace cookie),
    #: then what the platform's shares let them read
    #: (:func:`dashboard.accounts.web.dataset_resolver`).
    resolvers: list[Callable[[str], Dataset | None]] = field(default_factory=list)

    def get(self, key: str) -> Dataset | None:
        source = self.sources.get(key)
        if source is None or isinstance(source, Dataset):
            return source
        loaded = source()
        self.sources[key] = loaded
        return loaded

    def resolve(self, key: str | None) -> Resolution:
        """The dataset of ``key`` (the baseline when none is given)."""
        wanted = key or BASELINE
        found = self.get(wanted)
        for resolver in self.resolvers if found is None else ():
            found = resolver(wanted)
            if found is not None:
                break
        if found is not None:
            return Resolution(wanted, found)
        shown = str(wanted)[:40]
        notice = Message(UNKNOWN_DATASET, {"key": shown})
        return Resolution(wanted, self.baseline, (notice,))

    @property
    def baseline(self) -> Dataset:
        found = self.get(BASELINE)
        if found is None:
            raise LookupError("the registry has no baseline dataset")
        return found


def registry_of(app: flask.Flask) -> Registry:
    return app.config[CONFIG_KEY]


def install(
    app: flask.Flask,
    datasets: Mapping[str, Dataset | Callable[[], Dataset]],
    lookup: Callable[[str], Dataset | None] | None = None,
) -> Registry:
    """Give ``app`` a registry of ``datasets`` (which must include :data:`BASELINE`), asking
    ``lookup`` first for any other key (the requester's uploads); more resolvers may follow."""
    registry = Registry(dict(datasets), [lookup] if lookup is not None else [])
    app.config[CONFIG_KEY] = registry
    return registry


def resolve_current() -> Resolution:
    """The dataset of the current request's address (the baseline outside a request)."""
    if not flask.has_app_context() or CONFIG_KEY not in flask.current_app.config:
        return Resolution(BASELINE, bundled_dataset())
    key = address.value("dataset")
    registry = registry_of(flask.current_app)
    if not flask.has_request_context():
        return registry.resolve(key)
    # One resolution per key and request: a page drawing the public data beside an upload
    # (:func:`public_beside`) asks for both in turn.
    cached = flask.g.setdefault(_G_KEY, {})
    wanted = key or BASELINE
    if wanted not in cached:
        cached[wanted] = registry.resolve(key)
    return cached[wanted]


def current_dataset() -> Dataset:
    """The dataset the current request is answered from (see :func:`resolve_current`)."""
    return resolve_current().dataset


def baseline_beside(dataset: Dataset) -> Dataset | None:
    """The public baseline, to set beside ``dataset`` when that is another one (an upload);
    None for the baseline itself or outside an app."""
    if not flask.has_app_context() or CONFIG_KEY not in flask.current_app.config:
        return None
    baseline = registry_of(flask.current_app).baseline
    return None if dataset is baseline else baseline


def public_beside() -> Dataset | None:
    """The public baseline when the address asks for it beside the uploaded dataset it shows
    (``beside=public``); None otherwise (no such key, or the address shows the baseline)."""
    if address.value("beside") != address.BESIDE_PUBLIC:
        return None
    resolution = resolve_current()
    return baseline_beside(resolution.dataset) if resolution.found else None


def dataset_notices() -> tuple[Message, ...]:
    """What the request should be told about its dataset (empty when it got what it asked)."""
    return resolve_current().notices
