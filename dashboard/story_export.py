"""Offline export: a story (or one view) as ONE self-contained HTML file.

The file holds the dashboard's plotly.js bundle (``assets/vendor``), the map shapes
(``assets/topojson/world_50m.json``, handed to plotly through ``window.PlotlyGeoAssets`` so that
nothing is fetched), every slide's figures as JSON, titles, speaker notes and source notes. It
opens from a USB stick (``file://``) with no network; hover and keyboard navigation work as in
the dashboard.

How a slide's figures are made: the view is rendered headlessly through Dash's own callback
machinery, with the Flask test client — the page router callback gives the view's layout for
the slide's address, then every server callback that fires on page load is called as the
browser would call it, in dependency order. The figures and source notes are thus exactly what
the live view shows, for every view, with no per-view export code to keep in step.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import flask

from dashboard.components.present import view_name
from dashboard.figures.theme import FONT_FAMILY, PRESENT_FONT_SIZE
from dashboard.paths import PLOTLY_BUNDLE, TOPOJSON_DIR
from dashboard.stories import Slide, Story
from dashboard.text import Text, plotly_locale
from dashboard.web.address import ADDRESS_COMPONENTS
from dashboard.web.security import script_hash

TOPOJSON_FILE = TOPOJSON_DIR / "world_50m.json"
TOPOJSON_NAME = "world_50m"
_PAGES_OUTPUT = ".._pages_content.children..._pages_store.data.."


@dataclass
class SlideSnapshot:
    """What a slide shows: its figures (plotly JSON) and its source note."""

    figures: list[dict] = field(default_factory=list)
    source_note: str = ""
    problem: str = ""


# --- rendering a view through Dash's callbacks -----------------------------------------------


def _id_key(component_id: Any) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return str(component_id)


def _nodes(tree: Any) -> Iterator[dict]:
    """Every component in a layout's JSON, in document order."""
    if isinstance(tree, list):
        for item in tree:
            yield from _nodes(item)
    elif isinstance(tree, dict) and "props" in tree:
        yield tree
        yield from _nodes(tree["props"].get("children"))


def _text(tree: Any) -> str:
    if isinstance(tree, str | int | float):
        return str(tree)
    if isinstance(tree, list):
        return "".join(_text(item) for item in tree)
    if isinstance(tree, dict) and "props" in tree and tree.get("type") != "Link":
        return _text(tree["props"].get("children"))
    return ""


def _outputs(spec: str) -> list[tuple[str, str]]:
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    return [tuple(part.rsplit(".", 1)) for part in parts]  # type: ignore[misc]


def _parse_id(key: str) -> Any:
    return json.loads(key) if key.startswith("{") else key


class _Renderer:
    """Renders views as the browser would, through one Flask test client."""

    def __init__(self, server: flask.Flask, text: Text, workspace_key: str | None = None) -> None:
        self.client = server.test_client()
        if workspace_key:  # the requester's uploads, as their own browser sees them
            from dashboard.web.workspace import COOKIE

            self.client.set_cookie(COOKIE, workspace_key)
        self.callbacks = self.client.get("/_dash-dependencies").get_json()
        self.text = text

    def _call(self, spec: str, inputs: list[dict], state: list[dict]) -> dict:
        outputs = [{"id": _parse_id(i), "property": p} for i, p in _outputs(spec)]
        body = {
            "output": spec,
            "outputs": outputs if spec.startswith("..") else outputs[0],
            "inputs": inputs,
            "state": state,
            "changedPropIds": [],
        }
        response = self.client.post("/_dash-update-component", json=body)
        if response.status_code == 204:
            return {}
        if response.status_code != 200:
            raise RuntimeError(f"callback {spec[:60]} answered {response.status_code}")
        return response.get_json().get("response", {})

    def layout(self, path: str, query: str) -> Any:
        inputs = [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": query},
        ]
        response = self._call(_PAGES_OUTPUT, inputs, [])
        return response["_pages_content"]["children"]

    def address(self, slide: Slide) -> str:
        """The slide's query in the export's language (the one its reader chose), whichever
        language the slide was saved in."""
        return slide.query_in(self.text.lang)

    def snapshot(self, slide: Slide) -> SlideSnapshot:
        query = self.address(slide)
        tree = self.layout(slide.path, query)
        index = {_id_key(n["props"]["id"]): n for n in _nodes(tree) if "id" in n["props"]}
        # The shell's address bar, which every view callback carries (see web.callbacks).
        for component in ADDRESS_COMPONENTS:
            index[component] = {"props": {"id": component, "search": query}}
        pending = []
        for callback in self.callbacks:
            if callback.get("clientside_function") or callback.get("prevent_initial_call"):
                continue
            ids_in = [d["id"] for d in callback["inputs"] + callback["state"]]
            outputs = [key for key, _ in _outputs(callback["output"])]
            if ids_in and all(i in index for i in ids_in) and any(o in index for o in outputs):
                pending.append(callback)
        while pending:
            # Dash's order: a callback runs once none of its inputs is still to be computed.
            produced = {(key, prop) for c in pending for key, prop in _outputs(c["output"])}
            ready = [
                c
                for c in pending
                if not any((d["id"], d["property"]) in produced for d in c["inputs"])
            ] or pending[:1]
            callback = ready[0]
            pending.remove(callback)

            def values(deps: list[dict]) -> list[dict]:
                return [{**d, "value": index[d["id"]]["props"].get(d["property"])} for d in deps]

            response = self._call(
                callback["output"], values(callback["inputs"]), values(callback["state"])
            )
            for key, props in response.items():
                node = index.get(key)
                if node is None:
                    continue
                node["props"].update(props)
                for new in _nodes(props.get("children")):
                    if "id" in new["props"]:
                        index[_id_key(new["props"]["id"])] = new
        nodes = list(_nodes(tree))
        figures = [
            n["props"]["figure"]
            for n in nodes
            if n.get("type") == "Graph" and isinstance(n["props"].get("figure"), dict)
        ]
        notes = [_text(n) for n in nodes if "source-note" in str(n["props"].get("className", ""))]
        snapshot = SlideSnapshot(figures=figures, source_note=notes[0] if notes else "")
        if not figures:
            snapshot.problem = self.text.gettext(
                "This view has no chart to show offline; open it in the dashboard."
            )
        return snapshot


def snapshot_slides(
    server: flask.Flask, slides: tuple[Slide, ...], text: Text
) -> list[SlideSnapshot]:
    """Render each slide's view through the app's callbacks (see the module's docstring).

    Runs in its own thread: inside a Dash callback, the nested requests must not share the
    calling request's context.
    """

    # Slides of an uploaded dataset render with the requester's workspace (read here: the
    # thread below has no request); anyone else's export of them shows the public data.
    key = None
    if flask.has_request_context():
        from dashboard.web.workspace import COOKIE

        key = flask.request.cookies.get(COOKIE)

    def work() -> list[SlideSnapshot]:
        renderer = _Renderer(server, text, key)
        return [renderer.snapshot(slide) for slide in slides]

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


# --- the HTML file ---------------------------------------------------------------------------


def present_figure(figure: dict, main: bool = True, font_size: int = PRESENT_FONT_SIZE) -> dict:
    """``figure`` with every text at least ``font_size`` px (projector legibility).

    The same re-layout ``assets/present.js`` applies in the live presenter mode. The ``main``
    (first) figure of a slide fills the screen; the others keep their own height.
    """
    layout = dict(figure.get("layout") or {})
    layout["font"] = {**layout.get("font", {}), "size": font_size, "color": "#000000"}
    title = layout.get("title")
    if isinstance(title, dict):
        layout["title"] = {**title, "font": {**title.get("font", {}), "size": font_size + 6}}
    for key in list(layout):
        if key.startswith(("xaxis", "yaxis")) and isinstance(layout[key], dict):
            axis = dict(layout[key])
            axis["tickfont"] = {**axis.get("tickfont", {}), "size": font_size}
            if isinstance(axis.get("title"), dict):
                axis["title"] = {**axis["title"], "font": {"size": font_size}}
            layout[key] = axis
    layout["annotations"] = [
        {
            **a,
            "font": {**a.get("font", {}), "size": max(font_size, a.get("font", {}).get("size", 0))},
        }
        for a in layout.get("annotations", [])
    ]
    for key in ("legend", "hoverlabel"):
        layout[key] = {**layout.get(key, {}), "font": {"size": font_size}}
    source = (layout.get("meta") or {}).get("source")
    if source:  # the figure carries its source inside it (no server, so no address)
        small = round(font_size * 0.75)
        lines = textwrap.wrap(source, 110)
        bottom = (layout.get("margin") or {}).get("b", 0)
        layout["margin"] = {
            **(layout.get("margin") or {}),
            "b": bottom + len(lines) * (small + 6) + 8,
        }
        layout["annotations"] = [
            *layout["annotations"],
            {
                "text": "<br>".join(lines), "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                "xanchor": "left", "yanchor": "top", "yshift": -(bottom + 4), "align": "left",
                "showarrow": False, "font": {"size": small, "color": "#000000"},
            },
        ]  # fmt: skip
    layout.pop("width", None)
    layout["autosize"] = True
    if main:
        layout.pop("height", None)
    data = []
    for trace in figure.get("data") or []:
        trace = dict(trace)
        if "textfont" in trace or trace.get("type") == "sankey":
            trace["textfont"] = {**trace.get("textfont", {}), "size": font_size}
        if isinstance(trace.get("colorbar"), dict):
            trace["colorbar"] = {**trace["colorbar"], "tickfont": {"size": font_size}}
        data.append(trace)
    return {"data": data, "layout": layout}


def _script_json(value: Any) -> str:
    # Inside <script>, "</" would end the element early.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


_STYLE = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: #fff; color: #000; font-family: FONT; }
.slide { display: none; height: 100vh; overflow-y: auto; flex-direction: column;
  padding: 0.4rem 0.8rem 0; }
.slide.current { display: flex; }
.slide h2 { margin: 0 0 0.2rem; font-size: 28px; }
.figures { flex: 1 0 auto; display: flex; flex-direction: column; gap: 0.4rem; }
.figure:first-child { height: calc(100vh - 6rem); flex: none; }
.source-note { position: sticky; bottom: 0; background: #fff; font-size: 18px;
  margin: 0.2rem 0 0; padding: 0.1rem 0; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; }
.problem { font-size: 22px; padding: 2rem; border: 2px dashed #000; }
.note { font-size: 18px; background: #fffbe6; border-top: 2px solid #000; padding: 0.3rem 0.6rem;
  white-space: pre-wrap; max-height: 20vh; overflow: auto; }
body.notes-hidden .note { display: none; }
.bar { position: fixed; inset-inline-end: 0.5rem; top: 0.4rem; display: flex; gap: 0.4rem;
  align-items: center; font-size: 16px; opacity: 0.4; z-index: 10; }
.bar:hover, .bar:focus-within { opacity: 1; }
.bar button { font: inherit; background: #fff; border: 1px solid #000; border-radius: 4px;
  padding: 0.1rem 0.6rem; cursor: pointer; }
""".replace("FONT", FONT_FAMILY)

_SCRIPT = """
(function () {
  "use strict";
  var story = JSON.parse(document.getElementById("story-data").textContent);
  var sections = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var counter = document.getElementById("counter");
  var current = -1;
  // The charts' options, their language's words (modebar, months) among them.
  var config = story.config;
  function render(i) {
    var section = sections[i];
    if (section.getAttribute("data-rendered")) {
      section.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
        Plotly.Plots.resize(gd);
      });
      return;
    }
    section.setAttribute("data-rendered", "1");
    story.slides[i].figures.forEach(function (figure, j) {
      var holder = section.querySelectorAll(".figure")[j];
      Plotly.newPlot(holder, figure.data, figure.layout, config);
    });
  }
  function show(i) {
    i = Math.max(0, Math.min(i, sections.length - 1));
    if (i === current) { return; }
    if (current >= 0) { sections[current].classList.remove("current"); }
    current = i;
    sections[i].classList.add("current");
    counter.textContent = (i + 1) + " / " + sections.length;
    document.body.setAttribute("data-slide", String(i));
    if (history.replaceState) { history.replaceState(null, "", "#slide-" + (i + 1)); }
    render(i);
  }
  // Right to left the story moves leftwards: ← is the next slide (as the buttons show).
  var rtl = document.documentElement.getAttribute("dir") === "rtl";
  var step = {ArrowRight: rtl ? -1 : 1, PageDown: 1, " ": 1, ArrowLeft: rtl ? 1 : -1, PageUp: -1};
  document.addEventListener("keydown", function (event) {
    if (event.key in step) { show(current + step[event.key]); }
    else if (event.key === "Home") { show(0); }
    else if (event.key === "End") { show(sections.length - 1); }
    else if (event.key === "n" || event.key === "N") {
      document.body.classList.toggle("notes-hidden");
    }
    else { return; }
    event.preventDefault();
  });
  document.getElementById("previous").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  document.getElementById("notes").addEventListener("click", function () {
    document.body.classList.toggle("notes-hidden");
  });
  var start = /^#slide-(\\d+)$/.exec(window.location.hash);
  show(start ? Number(start[1]) - 1 : 0);
})();
"""


def offline_policy(scripts: list[str]) -> str:
    """The Content-Security-Policy of the offline file: its own inline ``scripts`` (by their
    hashes) and nothing else; no request of any kind (``default-src 'none'``).

    Styles are inline (the file's own ``<style>``, and plotly.js adds rules and style
    attributes as it draws); images are ``data:``/``blob:`` (plotly's PNG export).
    ``frame-ancestors`` cannot be set in a ``<meta>`` element, so it is not.
    """
    hashes = " ".join(script_hash(script) for script in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; base-uri 'none'; form-action 'none'"
    )


def story_html(story: Story, snapshots: list[SlideSnapshot], text: Text) -> str:
    """The self-contained HTML file for ``story`` with its rendered ``snapshots``, in the
    language of ``text``."""
    title = story.title or text.gettext("Story")
    sections = []
    slides_data = []
    for number, (slide, snap) in enumerate(zip(story.slides, snapshots, strict=True), start=1):
        heading = slide.title or view_name(slide.path, text)
        figures = "".join('<div class="figure"></div>' for _ in snap.figures)
        if snap.problem:
            figures = f'<p class="problem">{html.escape(snap.problem)}</p>'
        note = (
            f'<aside class="note" aria-label="{html.escape(text.gettext("Speaker note"))}">'
            f"{html.escape(slide.note)}</aside>"
            if slide.note
            else ""
        )
        sections.append(
            f'<section class="slide" id="slide-{number}" data-view="{html.escape(slide.url)}">'
            f"<h2>{html.escape(heading)}</h2>"
            f'<div class="figures">{figures}</div>'
            f'<p class="source-note">{html.escape(snap.source_note)}</p>{note}</section>'
        )
        slides_data.append(
            {
                "title": heading,
                "view": slide.url,
                "figures": [present_figure(f, i == 0) for i, f in enumerate(snap.figures)],
            }
        )
    config = {
        "responsive": True,
        "displaylogo": False,
        "showSendToCloud": False,  # nothing leaves the machine (see components/chart.py)
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        **plotly_locale.config(text),
    }
    data = {"title": title, "slides": slides_data, "config": config}
    topojson = TOPOJSON_FILE.read_text(encoding="utf-8")
    labels = {
        "previous": text.gettext("Previous slide"),
        "next": text.gettext("Next slide"),
        "notes": text.gettext("Notes (N)"),
    }
    previous, following = html.escape(labels["previous"]), html.escape(labels["next"])
    # Map shapes for plotly's geo: with these set, plotly fetches nothing.
    shapes = (
        f'window.PlotlyGeoAssets = {{topojson: {{"{TOPOJSON_NAME}": '
        + topojson.strip().replace("</", "<\\/")
        + "}};"
    )
    bundle = PLOTLY_BUNDLE.read_text(encoding="utf-8").replace("</script", "<\\/script")
    back, forward = ("→", "←") if text.direction == "rtl" else ("←", "→")
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{text.lang}" dir="{text.direction}"><head><meta charset="utf-8">',
            '<meta http-equiv="Content-Security-Policy" '
            f'content="{offline_policy([shapes, bundle, _SCRIPT])}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style>",
            f"<script>{shapes}</script>\n<script>{bundle}</script></head><body>",
            '<nav class="bar">',
            f'<button id="previous" type="button" aria-label="{previous}">{back}</button>',
            '<span id="counter"></span>',
            f'<button id="next" type="button" aria-label="{following}">{forward}</button>',
            f'<button id="notes" type="button">{html.escape(labels["notes"])}</button></nav>',
            f"<main>{''.join(sections)}</main>",
            f'<script type="application/json" id="story-data">{_script_json(data)}</script>',
            f"<script>{_SCRIPT}</script></body></html>\n",
        ]
    )


def export_story(story: Story, server: flask.Flask, text: Text) -> str:
    """``story`` as one offline HTML file in ``text``'s language, its views rendered by
    ``server`` (the Dash app's)."""
    return story_html(story, snapshot_slides(server, story.slides, text), text)
