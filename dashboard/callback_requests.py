"""Build ``/_dash-update-component`` request bodies, as the browser sends them.

Tests and benchmarks use this to exercise callbacks through Dash's real request path (Flask
test client or a running server) without a browser.
"""

from __future__ import annotations

import json
from typing import Any


def _prop(dependency: dict, value: Any = None) -> dict | list:
    component = dependency["id"]
    if component.startswith("{"):
        component = json.loads(component)
        if ["ALL"] in component.values():
            # A wildcard input is the list of matching components' items (none by default).
            return value if isinstance(value, list) else []
    item = {"id": component, "property": dependency["property"]}
    if value is not None:
        item["value"] = value
    return item


def find_callback(dependencies: list[dict], output_contains: str) -> dict:
    """The server-side callback whose output string contains ``output_contains``."""
    for dependency in dependencies:
        if output_contains in dependency["output"] and not dependency.get("clientside_function"):
            return dependency
    raise KeyError(f"no server callback with output containing {output_contains!r}")


def request_body(
    dependency: dict, values: dict[str, Any], state: dict[str, Any] | None = None
) -> dict:
    """The JSON body of one callback request.

    Parameters
    ----------
    dependency : dict
        One entry of ``/_dash-dependencies``.
    values : dict
        ``"component-id.property"`` → value, for every input.
    state : dict, optional
        The same for ``State`` dependencies.
    """
    state = state or {}
    outputs = [_output(o) for o in _split_outputs(dependency["output"])]
    inputs = [_prop(i, values.get(f"{i['id']}.{i['property']}")) for i in dependency["inputs"]]
    states = [_prop(s, state.get(f"{s['id']}.{s['property']}")) for s in dependency["state"]]
    return {
        "output": dependency["output"],
        "outputs": outputs if dependency["output"].startswith("..") else outputs[0],
        "inputs": inputs,
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in dependency["inputs"]][:1],
        "state": states,
    }


def _split_outputs(output: str) -> list[str]:
    if output.startswith(".."):
        return [part for part in output.strip(".").split("...") if part]
    return [output]


def _output(text: str) -> dict:
    component, _, prop = text.rpartition(".")
    if component.startswith("{"):
        component = json.loads(component)
    return {"id": component, "property": prop}
