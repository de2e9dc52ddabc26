"""Callback requests checked at the boundary, before any callback runs.

Dash callbacks can be posted directly, with anything in them. Every request to
``/_dash-update-component`` passes :func:`clean_request` first (a Flask ``before_request``):

- its shape must be the one the browser sends for a registered callback: a known output, the
  callback's inputs and states, in order, each naming its component and property (a
  pattern-matching input, a list of such components with whole-number indices). Anything else
  is refused with a 400 and a plain sentence in the user's language: no callback runs.
- each value is read by what its component property accepts (:mod:`dashboard.web.schema`): a
  value that does not fit becomes that input's default, and the user is told
  (:func:`announce`, called by :func:`dashboard.web.callbacks.view_callback`).
- ``changedPropIds`` keeps only the callback's own inputs; ``outputs`` is the callback's own.

Flask keeps the parsed body of a request, and Dash reads that same object: the cleaned body
is what the callback is called with.
"""

from __future__ import annotations

import json
from typing import Any

import dash
import flask

from dashboard import ids
from dashboard.state import IGNORED
from dashboard.text import N_, Message
from dashboard.web.address import current_text
from dashboard.web.inputs import RefusedValueError
from dashboard.web.schema import accept_for

REFUSED = N_(
    "This request does not match this page's controls, so it was refused. Reload the page to go on."
)
_G_NOTICES = "boundary_notices"
#: The most components of one pattern-matching input, and their largest index.
MOST_MATCHES = 1000
MOST_INDEX = 10**6


class MalformedRequestError(ValueError):
    """A callback request whose shape is not one the page sends (``str()`` says why)."""


def _shown(value: Any) -> str:
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _name(component: str | dict) -> str:
    return str(component.get("type", "")) if isinstance(component, dict) else component


def _read(item: dict, notices: list[Message]) -> None:
    """Replace ``item["value"]`` by what its component property accepts."""
    accept, _ = accept_for(item["id"], item["property"])
    value = item.get("value")
    try:
        item["value"] = accept.read(value)
    except RefusedValueError:
        item["value"] = accept.fallback()
        key = f"{_name(item['id'])}.{item['property']}"
        notices.append(Message(IGNORED, {"key": key, "value": _shown(value)}))


def _is_index(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MOST_INDEX


def _matches(pattern: dict, component: Any) -> bool:
    """Does a component id match a pattern-matching id (wildcards take whole numbers)?"""
    if not isinstance(component, dict) or set(component) != set(pattern):
        return False
    return all(
        _is_index(component[key]) if isinstance(wanted, list) else component[key] == wanted
        for key, wanted in pattern.items()
    )


def _item(declared: dict, given: Any, notices: list[Message]) -> None:
    prop = declared["property"]
    wanted: str | dict = declared["id"]
    if declared["id"].startswith("{"):
        pattern = json.loads(declared["id"])
        if not any(isinstance(value, list) for value in pattern.values()):
            wanted = pattern  # one component with a dict id (no wildcard): one item, as below
    if isinstance(wanted, str) and wanted.startswith("{"):
        if not isinstance(given, list) or len(given) > MOST_MATCHES:
            raise MalformedRequestError(f"{declared['id']}: not a list of components")
        for each in given:
            if not (isinstance(each, dict) and each.get("property") == prop):
                raise MalformedRequestError(f"{declared['id']}: not a component of it")
            if not _matches(pattern, each.get("id")):
                raise MalformedRequestError(f"{declared['id']}: an id that does not match")
            _read(each, notices)
        return
    if not (isinstance(given, dict) and given.get("id") == wanted):
        raise MalformedRequestError(f"{declared['id']}.{prop}: not that component")
    if given.get("property") != prop:
        raise MalformedRequestError(f"{declared['id']}.{prop}: not that property")
    _read(given, notices)


def _outputs(output: str) -> list[dict]:
    """The outputs a callback's output string names (without ``@`` suffixes of duplicates)."""
    multi = output.startswith("..")
    parts = [p for p in output.strip(".").split("...") if p] if multi else [output]
    found = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        found.append(
            {
                "id": json.loads(component) if component.startswith("{") else component,
                "property": prop.partition("@")[0],
            }
        )
    return found


def _prop_ids(items: list) -> set[str]:
    """``id.property`` of every component of these inputs, as Dash writes them."""
    from dash._utils import stringify_id  # how Dash itself names a pattern-matching input

    flat = [i for item in items for i in (item if isinstance(item, list) else [item])]
    return {f"{stringify_id(i['id'])}.{i['property']}" for i in flat}


def clean_request(body: Any, callback_map: dict) -> list[Message]:
    """Check and clean a callback request's body in place; the notices for values replaced
    by their defaults. Raises :class:`MalformedRequestError` for a request of the wrong shape."""
    if not isinstance(body, dict):
        raise MalformedRequestError("not a JSON object")
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        raise MalformedRequestError("no such callback")
    callback = callback_map[output]
    notices: list[Message] = []
    for group in ("inputs", "state"):
        declared = callback[group]
        given = body.get(group, [])
        if not isinstance(given, list) or len(given) != len(declared):
            raise MalformedRequestError(f"{group}: not the callback's")
        for wanted, item in zip(declared, given, strict=True):
            _item(wanted, item, notices)
    body["outputs"] = _checked_outputs(output, body.get("outputs"))
    changed = body.get("changedPropIds")
    known = _prop_ids(body["inputs"])
    changed = changed if isinstance(changed, list) else []
    body["changedPropIds"] = [c for c in changed if isinstance(c, str) and c in known]
    return notices


def _has_wildcard(component: str | dict) -> bool:
    return isinstance(component, dict) and any(isinstance(v, list) for v in component.values())


def _checked_outputs(output: str, given: Any) -> list | dict:
    """The outputs Dash answers: the callback's own; for a pattern-matching output, the
    components the page names, each of which must match it."""
    outputs = _outputs(output)
    if not any(_has_wildcard(o["id"]) for o in outputs):
        return outputs if output.startswith("..") else outputs[0]
    listed = given if output.startswith("..") else [given]
    if not isinstance(listed, list) or len(listed) != len(outputs):
        raise MalformedRequestError("outputs: not the callback's")
    for wanted, item in zip(outputs, listed, strict=True):
        if not _has_wildcard(wanted["id"]):
            if item != wanted:
                raise MalformedRequestError("outputs: not the callback's")
            continue
        components = item if isinstance(item, list) else [item]
        if len(components) > MOST_MATCHES or not all(
            isinstance(c, dict)
            and c.get("property") == wanted["property"]
            and _matches(wanted["id"], c.get("id"))
            for c in components
        ):
            raise MalformedRequestError("outputs: components that do not match")
    return given


def announce() -> None:
    """Tell the user which values of this request were replaced by their defaults (in the
    shell's banner, in the request's language); nothing when none was."""
    notices = flask.g.get(_G_NOTICES) or []
    if notices:
        text = current_text()
        shown = " ".join(text.render(notice) for notice in notices[:5])
        dash.set_props(ids.ERROR_BANNER, {"children": shown})


def configure_boundary(app: dash.Dash) -> None:
    """Check every callback request of ``app`` before Dash dispatches it."""
    server = app.server

    @server.before_request
    def check_callback_request() -> flask.Response | None:
        request = flask.request
        if request.method != "POST" or not request.path.endswith("/_dash-update-component"):
            return None
        body = request.get_json(silent=True)  # cached: Dash reads this same, cleaned, object
        try:
            setattr(flask.g, _G_NOTICES, clean_request(body, app.callback_map))
        except MalformedRequestError as why:
            server.logger.info("callback request refused: %s", why)
            message = current_text().gettext(REFUSED)
            return flask.Response(message, status=400, mimetype="text/plain")
        return None
