"""Reading Dash layout trees in callback tests: find a component, collect its text."""

from __future__ import annotations


def find(component, component_id):
    """The component with ``component_id`` in a layout tree (``None`` when absent)."""
    if isinstance(component, list | tuple):
        return next((f for c in component if (f := find(c, component_id)) is not None), None)
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    if children is None or isinstance(children, str | int | float):
        return None
    for child in children if isinstance(children, list | tuple) else [children]:
        found = find(child, component_id)
        if found is not None:
            return found
    return None


def text_of(component) -> str:
    """All text in a layout tree (or a list of trees), pieces joined by spaces."""
    if component is None:
        return ""
    if isinstance(component, list | tuple):
        return " ".join(text_of(c) for c in component if c is not None)
    if isinstance(component, str | int | float):
        return str(component)
    return text_of(getattr(component, "children", None))
