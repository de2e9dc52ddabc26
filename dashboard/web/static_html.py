"""A Dash layout as plain HTML, for a page's first paint (:mod:`dashboard.web.first_paint`).

What the browser shows before Dash has started: the html components as the elements they are,
with their classes, styles and attributes; dcc's controls as inert likenesses of the same size
(a dropdown its chosen label, radio items and checklists their options, a slider a bar); the
components that draw nothing (stores, locations, intervals, downloads) left out. No element
keeps its ``id`` (the page Dash draws has them; the likeness is thrown away once it has drawn),
except a graph's, which is renamed ``first-paint-<id>`` so that the first paint can draw into
it. Every text and attribute value is escaped.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

#: Elements without content or closing tag.
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
#: html components whose element is named otherwise.
TAGS = {"MapEl": "map", "ObjectEl": "object"}
#: Dash properties that are not attributes of the element, and references to other elements'
#: ids (which the likeness does not have).
NOT_ATTRIBUTES = frozenset(
    {"id", "key", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "loading_state"}
    | {"htmlFor", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns"}
)
#: Dash's names of attributes that HTML spells otherwise.
RENAMED = {"className": "class", "htmlFor": "for"}
#: dcc components that draw nothing.
INVISIBLE = frozenset({"Store", "Location", "Interval", "Download", "Clipboard", "Geolocation"})
GRAPH_PREFIX = "first-paint-"
#: Style properties whose numbers React leaves without a unit.
UNITLESS = frozenset(
    {"flex", "flexGrow", "flexShrink", "fontWeight", "lineHeight", "opacity", "order", "zIndex"}
)
_CAMEL = re.compile(r"(?<!^)([A-Z])")
_DASH = r"-\1"


def _css(style: dict) -> str:
    """A style dict (React's camelCase names) as a style attribute's value; numbers are pixels
    where React makes them so."""
    return "; ".join(
        f"{_CAMEL.sub(_DASH, key).lower()}: {_css_value(key, value)}"
        for key, value in style.items()
        if isinstance(value, str | int | float) and not isinstance(value, bool)
    )


def _css_value(key: str, value: str | float) -> str:
    if isinstance(value, str) or key in UNITLESS or value == 0:
        return str(value)
    return f"{value}px"


def _attributes(props: dict, names: frozenset[str] | None = None) -> str:
    parts = []
    for key, value in props.items():
        if key in NOT_ATTRIBUTES or key == "children" or (names is not None and key not in names):
            continue
        name = RENAMED.get(key, key).lower()
        if key == "style" and isinstance(value, dict):
            value = _css(value)
        if value is True:
            parts.append(f" {escape(name)}")
        elif isinstance(value, str | int | float) and value is not False:
            parts.append(f' {escape(name)}="{escape(str(value))}"')
    return "".join(parts)


def _element(tag: str, attributes: str, inner: str = "") -> str:
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _label(option: Any) -> str:
    if isinstance(option, dict):
        return render(option.get("label", option.get("value", "")))
    return escape(str(option))


def _value(option: Any) -> Any:
    return option.get("value") if isinstance(option, dict) else option


def _options(props: dict, kind: str) -> str:
    """Radio items and checklists laid out as dcc lays them out (``assets/dashboard.css``
    copies its sizes: its own style sheet comes with its script, after the first paint), the
    chosen options checked."""
    chosen = props.get("value")
    chosen = set(chosen) if isinstance(chosen, list) else {chosen}
    items = []
    for option in props.get("options") or []:
        checked = " checked" if _value(option) in chosen else ""
        items.append(
            '<label class="first-paint-option"><span class="first-paint-option-box">'
            f'<input type="{kind}" readonly tabindex="-1"{checked}></span>'
            f'<span class="first-paint-option-text"><span>{_label(option)}</span></span></label>'
        )
    classes = f"first-paint-options {props.get('className') or ''}".strip()
    return f'<div class="{escape(classes)}">{"".join(items)}</div>'


def _slider(props: dict) -> str:
    """A slider as dcc draws it (track, chosen range, marks, thumb; sized alike by
    ``assets/dashboard.css``), inert."""
    low, high = props.get("min"), props.get("max")
    value = props.get("value")
    if isinstance(value, list):
        value = value[-1] if value else None
    if not all(isinstance(v, int | float) for v in (low, high, value)) or high <= low:
        return '<div class="first-paint-slider"></div>'

    def at(point: float) -> float:
        return round(100 * (point - low) / (high - low), 4)

    def left(point: float) -> str:  # as dcc places marks and thumb (16 px) on the track
        share = at(point)
        return f"calc({share}% + {round(8 - 0.16 * share, 4)}px)"

    marks = "".join(
        f'<span class="first-paint-slider-mark" style="left: {left(float(mark))}">'
        f"{render(label)}</span>"
        for mark, label in (props.get("marks") or {}).items()
        if _is_number(mark)
    )
    return (
        '<div class="first-paint-slider">'
        f'<span class="first-paint-slider-root{" has-marks" if marks else ""}">'
        '<span class="first-paint-slider-track">'
        f'<span class="first-paint-slider-range" style="right: {100 - at(value)}%"></span></span>'
        f'{marks}<span class="first-paint-slider-thumb" style="left: {left(value)}"></span>'
        "</span></div>"
    )


def _is_number(text: Any) -> bool:
    try:
        float(text)
    except (TypeError, ValueError):
        return False
    return True


def _dropdown(props: dict) -> str:
    value = props.get("value")
    values = value if isinstance(value, list) else [value]
    labels = [_label(o) for o in props.get("options") or [] if _value(o) in values]
    shown = ", ".join(labels) or escape(str(props.get("placeholder") or ""))
    return f'<div class="first-paint-dropdown">{shown}</div>'


def _dcc(kind: str, props: dict) -> str:
    if kind in INVISIBLE:
        return ""
    if kind == "Link":
        return _element(
            "a",
            _attributes(props, frozenset({"href", "className", "title"})),
            render(props.get("children")),
        )
    if kind == "Graph":
        graph_id = props.get("id")
        id_attribute = (
            f' id="{escape(GRAPH_PREFIX + graph_id)}"' if isinstance(graph_id, str) else ""
        )
        style = _attributes(props, frozenset({"style"}))
        classes = escape(f"dash-graph {props.get('className') or ''}".strip())
        return f'<div class="{classes}"{id_attribute}{style}></div>'
    if kind == "Dropdown":
        return _dropdown(props)
    if kind in ("RadioItems", "Checklist"):
        return _options(props, "radio" if kind == "RadioItems" else "checkbox")
    if kind in ("Slider", "RangeSlider"):
        return _slider(props)
    if kind == "Input":
        value = escape(str(props.get("value") or ""))
        return f'<input class="first-paint-input" disabled value="{value}">'
    if kind == "Textarea":
        return '<textarea class="first-paint-input" disabled></textarea>'
    if kind == "Loading":
        return render(props.get("children"))
    return ""


def render(node: Any) -> str:
    """``node`` (a component, a list of them, a string or number, or ``None``) as HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(render(child) for child in node)
    if hasattr(node, "to_plotly_json"):
        node = node.to_plotly_json()
    if not isinstance(node, dict) or "type" not in node:
        return ""
    kind, props = node["type"], node.get("props") or {}
    if node.get("namespace") == "dash_html_components":
        tag = TAGS.get(kind, kind.lower())
        return _element(tag, _attributes(props), render(props.get("children")))
    if node.get("namespace") == "dash_core_components":
        return _dcc(kind, props)
    return ""


def find_graph(node: Any, graph_id: str) -> dict | None:
    """The properties of the graph with id ``graph_id`` in ``node``'s tree, if there is one."""
    if isinstance(node, list | tuple):
        for child in node:
            found = find_graph(child, graph_id)
            if found is not None:
                return found
        return None
    if hasattr(node, "to_plotly_json"):
        node = node.to_plotly_json()
    if not isinstance(node, dict):
        return None
    props = node.get("props") or {}
    if node.get("type") == "Graph" and props.get("id") == graph_id:
        return props
    return find_graph(props.get("children"), graph_id)
