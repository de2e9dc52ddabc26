"""What every page shares: its title in the request's language, and the notices it shows
about its address (language, dataset) before its own."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from dashboard.registry import dataset_notices
from dashboard.state import IGNORED
from dashboard.text import Message, labels, languages
from dashboard.web.address import current_text, value


def page_title(view: str) -> Callable[..., str]:
    """The page title of ``view`` (Dash Pages calls it with the path's variables)."""

    def title(**_: str) -> str:
        text = current_text()
        return text.gettext(
            "{view} · Trafficking in persons · Southern Mediterranean",
            view=text.gettext(labels.VIEWS[view]),
        )

    return title


def page_notices(messages: Sequence[Message] = ()) -> list[Message]:
    """The notices of a page: an unknown language or dataset in the address, then the view's."""
    found: list[Message] = []
    lang = value("lang")
    if lang is not None and languages.known(lang) is None:
        found.append(Message(IGNORED, {"key": "lang", "value": lang[:20]}))
    return [*found, *dataset_notices(), *_uploaded(), *messages]


def _uploaded() -> list[Message]:
    """Whose data the page shows, when it is the requester's upload (never the public data)."""
    from dashboard.registry import resolve_current
    from dashboard.text.upload import UPLOADED_NOTE

    resolution = resolve_current()
    upload = resolution.dataset.metadata.get("upload") if resolution.found else None
    if not isinstance(upload, dict):
        return []
    k = upload.get("rule", {}).get("k")
    return [Message(UPLOADED_NOTE, {"title": upload.get("title", ""), "k": str(k)})]
