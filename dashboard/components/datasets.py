"""The header's dataset chooser: the public data, or one of the requester's uploaded datasets.

Like the language menu, each entry is a plain link to the same address with ``dataset=``
changed (left out for the public data), loaded in full: the views are drawn again from the
chosen dataset, whose owner the server checks. With an upload chosen, a last link sets the
public data beside it in every view (``beside=public``, :mod:`dashboard.components.beside`),
or takes them away. ``assets/dashboard.js`` gives every
``data-dataset`` link the address bar's query just before it is followed. The chooser is shown
only to a requester whose workspace holds datasets.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import html

from dashboard import ids
from dashboard.registry import BASELINE, resolve_current
from dashboard.text import Text
from dashboard.text import upload as words
from dashboard.web import workspace as workspaces
from dashboard.web.address import BESIDE_PUBLIC, query, value


def dataset_query(dataset: str, beside: bool = False) -> str:
    """The current address's query with ``dataset`` chosen (none for the public data), and the
    public data set beside it when ``beside`` (``beside=public``; never beside themselves).

    Examples
    --------
    >>> dataset_query("abc"), dataset_query("baseline")  # outside a request: no other key
    ('?dataset=abc', '?')
    >>> dataset_query("abc", beside=True)
    '?dataset=abc&beside=public'
    """
    pairs = [
        (key, item)
        for key, value in query().items()
        if key not in ("dataset", "present", "beside")
        for item in (value if isinstance(value, list) else [value])
    ]
    if dataset != BASELINE:
        pairs.append(("dataset", dataset))
        if beside:
            pairs.append(("beside", BESIDE_PUBLIC))
    return "?" + urlencode(pairs, safe=",")


def _beside_switch(chosen: str, text: Text) -> html.A:
    """The link that sets the public data beside the chosen upload, or takes them away."""
    on = value("beside") == BESIDE_PUBLIC
    return html.A(
        text.gettext(words.BESIDE_SWITCH),
        href=dataset_query(chosen, beside=not on),
        className="dataset-link beside-switch current" if on else "dataset-link beside-switch",
        role="switch",
        **{
            "data-dataset": chosen,
            "data-beside": "" if on else BESIDE_PUBLIC,
            "aria-checked": "true" if on else "false",
        },
    )


def dataset_chooser(text: Text) -> html.Nav:
    """The chooser's links (empty without uploaded datasets); the current one ``aria-current``."""
    workspace = workspaces.current_workspace()
    datasets = workspace.datasets() if workspace is not None else []
    if not datasets:
        return html.Nav(id=ids.DATASET_CHOOSER, className="dataset-chooser", hidden=True)
    current = resolve_current()
    chosen = current.key if current.found else BASELINE
    entries = [(BASELINE, text.gettext(words.PUBLIC))]
    entries += [(info.id, info.title) for info in datasets]
    links = []
    for key, label in entries:
        here = key == chosen
        links.append(
            html.A(
                label,
                href=dataset_query(key),
                className="dataset-link current" if here else "dataset-link",
                **{"data-dataset": key, **({"aria-current": "true"} if here else {})},
            )
        )
    if chosen != BASELINE:
        links.append(_beside_switch(chosen, text))
    return html.Nav(
        [html.Span(text.gettext(words.CHOOSER), className="dataset-chooser-label"), *links],
        id=ids.DATASET_CHOOSER,
        className="dataset-chooser",
        **{"aria-label": text.gettext(words.CHOOSER)},
    )
