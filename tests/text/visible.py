"""The text a user reads in a callback's answer: component text and labels, figure text.

Codes (ISO3, node tokens, slugs), numbers, years, addresses and command lines are data, the
same in every language; everything else a user reads comes from the text layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Component properties a user reads (besides ``children``).
READ_PROPS = ("placeholder", "title", "aria-label", "alt", "label", "headerTooltip")
#: Components whose text is code, not words.
CODE_TYPES = {"Code"}
_DATA = re.compile(
    r"%\{[^}]*\}|<[^>]*>|&[a-z]+;|https?://\S+|/[\w/.-]*(?:\?\S*)?|\b[A-Z]{3}\b|"
    r"\b(?:route|area|group):[a-z0-9-]+|\b[a-z]+(?:-[a-z0-9]+)+\b|[\d.,–·:;()\s→+-]+|%(?!\{)"
)


def words(text: str) -> str:
    """The letters of ``text`` once its data (codes, numbers, templates, tags, addresses) are
    left out: empty when it holds no words."""
    return re.sub(r"[\W\d_]+", "", _DATA.sub(" ", text))


def _figure_text(figure: dict) -> Iterator[tuple[str, str]]:
    layout = figure.get("layout") or {}

    def title(value, where):
        if isinstance(value, dict):
            value = value.get("text")
        if isinstance(value, str):
            yield where, value

    yield from title(layout.get("title"), "layout.title")
    for annotation in layout.get("annotations") or []:
        yield from title(annotation.get("text"), "annotation")
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            yield from title(axis.get("title"), f"{key}.title")
            for tick in axis.get("ticktext") or []:
                yield f"{key}.ticktext", str(tick)
    for trace in figure.get("data") or []:
        kind = trace.get("type", "")
        # A trace's name is read in its legend (not when the trace has none).
        shown = ("name", "hovertemplate") if trace.get("showlegend") is not False else ()
        for prop in shown or ("hovertemplate",):
            if isinstance(trace.get(prop), str):
                yield f"{kind}.{prop}", trace[prop]
        for prop in ("text", "hovertext"):
            yield from _strings(trace.get(prop), f"{kind}.{prop}")
        colorbar = trace.get("colorbar") or {}
        yield from title(colorbar.get("title"), f"{kind}.colorbar")
        for tick in colorbar.get("ticktext") or []:
            yield f"{kind}.colorbar.ticktext", str(tick)
        for part in ("node", "link"):
            block = trace.get(part) or {}
            yield from _strings(block.get("label"), f"{kind}.{part}.label")
            if isinstance(block.get("hovertemplate"), str):
                yield f"{kind}.{part}.hovertemplate", block["hovertemplate"]
        # A link's custom data is shown by its hover (a node's first item is only its id).
        yield from _strings((trace.get("link") or {}).get("customdata"), f"{kind}.link.customdata")


def _strings(value, where) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, where)


def visible(value, where: str = "", language: str = "qps") -> Iterator[tuple[str, str]]:
    """``(where, text)`` for every string a user reads in a layout or a callback's answer, in
    ``language`` (text marked as another language, such as a citation, is left out)."""
    if isinstance(value, dict):
        if isinstance(value.get("data"), list) and isinstance(value.get("layout"), dict):
            yield from _figure_text(value)
            return
        props = value.get("props")
        if isinstance(props, dict) and "type" in value:
            kind = value["type"]
            if kind in CODE_TYPES or props.get("lang", language) != language:
                return  # code, or text marked as another language (a citation)
            for prop in READ_PROPS:
                yield from _strings(props.get(prop), f"{kind}.{prop}")
            for option in props.get("options") or []:
                if isinstance(option, dict):
                    yield from _strings(option.get("label"), f"{kind}.options")
            if isinstance(props.get("figure"), dict):
                yield from _figure_text(props["figure"])
            yield from visible(props.get("children"), kind, language)
            return
        for key, item in value.items():
            if key in ("figure",) and isinstance(item, dict):
                yield from _figure_text(item)
            elif key in ("children", *READ_PROPS) or isinstance(item, dict | list):
                yield from visible(item, where, language)
    elif isinstance(value, list):
        for item in value:
            yield from visible(item, where, language)
    elif isinstance(value, str) and where:
        yield where, value
