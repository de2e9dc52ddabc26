"""Story view (``/story``): the presenter's slides — edit, play full screen, save, share, export.

The story itself lives in the browser (the shell's ``dcc.Store`` in local storage) and is
edited with the pure functions of :mod:`dashboard.stories`. Slides are added from any view with
the header's "Add to story". A story also travels as a link (``/story?s=…``), as a small JSON
file, and as one offline HTML file (:mod:`dashboard.story_export`).
"""

from __future__ import annotations

import hashlib
import json
import re

import dash
import flask
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from dashboard import ids
from dashboard.components.controls import notices
from dashboard.components.present import is_view_path, view_name
from dashboard.i18n import t
from dashboard.stories import (
    MAX_NOTE,
    MAX_TITLE,
    Story,
    StoryError,
    decode_link,
    encode_link,
    from_store,
    move_slide,
    parse_upload,
    remove_slide,
    serialise_story,
    story_link,
    with_fields,
)

dash.register_page(__name__, path="/story", name="Story", order=7, title="Story")

#: Texts of the player (assets/present.js), translated here.
PLAYER_LABELS = {
    "player": t("Story player"),
    "previous": t("Previous slide"),
    "next": t("Next slide"),
    "notes": t("Notes (N)"),
    "close": t("Close (Esc)"),
    "slide": t("Slide"),
    "noNote": t("(no speaker note)"),
    "noteLabel": t("Speaker note"),
}


def _digest(story: Story) -> str:
    return hashlib.sha1(serialise_story(story).encode()).hexdigest()


def _message(text: str, error: bool = False) -> html.P:
    return html.P(
        text,
        className="story-message error" if error else "story-message",
        role="alert" if error else "status",
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "story"


def layout(s: str | None = None, **_: str) -> html.Div:
    linked, messages = None, []
    if s is not None:
        try:
            linked = decode_link(s, is_view_path).to_dict()
        except StoryError as error:
            messages.append(t("The story in this link could not be opened: {why}", why=str(error)))
    return html.Div(
        [
            html.H1(t("Story")),
            notices(messages),
            html.P(
                t(
                    "Open a view, set it up, then use “+ Add to story” in the header. "
                    "Play shows each slide as the live view in presenter mode: → or Space for "
                    "the next slide, ← for the previous one, N for your notes, Escape to stop."
                ),
                className="hint",
            ),
            html.Div(
                [
                    html.Button(
                        t("▶ Play story"), id=ids.STORY_PLAY, className="button", n_clicks=0
                    ),
                    html.Button(
                        t("Save story (JSON)"), id=ids.STORY_SAVE, className="button", n_clicks=0
                    ),
                    dcc.Upload(
                        html.Span(t("Load story file…")),
                        id=ids.STORY_LOAD,
                        accept=".json,application/json",
                        className="upload-area",
                        max_size=-1,
                    ),
                    html.A(
                        t("Download offline HTML"),
                        id=ids.STORY_EXPORT,
                        className="button",
                        download="",
                        title=t("One file with every slide: opens from a USB stick, no network"),
                    ),
                    html.Button(
                        t("Clear story"), id=ids.STORY_CLEAR, className="button", n_clicks=0
                    ),
                ],
                className="story-toolbar",
            ),
            html.Div(id=ids.STORY_MESSAGE),
            html.Div(
                [
                    html.P(id=ids.STORY_LINKED),
                    html.Button(
                        t("Replace my story with the linked one"),
                        id=ids.STORY_LINK_ACCEPT,
                        className="button",
                        n_clicks=0,
                    ),
                ],
                id=f"{ids.STORY_LINKED}-box",
                style={"display": "none"},
                className="notice",
            ),
            dcc.Loading(
                [
                    dcc.Download(id=ids.STORY_SAVE_DOWNLOAD),
                ],
                delay_show=300,
            ),
            dcc.Store(id=ids.STORY_LINK_DATA, data=linked),
            dcc.Store(id=ids.STORY_RENDERED),
            html.Div(id=ids.STORY_SLIDES),
            html.Label(t("Link to this story (copy to share)"), htmlFor=ids.STORY_LINK),
            dcc.Input(id=ids.STORY_LINK, readOnly=True, className="story-link-box", value=""),
            html.Div(id=ids.STORY_PLAY_DUMMY, hidden=True),
        ],
        className="page page-story",
    )


def slide_row(index: int, count: int, slide) -> html.Li:
    """One slide: number, title and note fields, link to the view, move and remove buttons."""
    number = index + 1
    return html.Li(
        [
            html.Span(str(number), className="story-slide-number"),
            html.Div(
                [
                    html.Label(
                        [
                            html.Span(t("Title"), className="control-label"),
                            dcc.Input(
                                id=ids.story_slide_control("title", index),
                                value=slide.title,
                                placeholder=view_name(slide.path),
                                maxLength=MAX_TITLE,
                                debounce=True,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            html.Span(t("Speaker note"), className="control-label"),
                            dcc.Textarea(
                                id=ids.story_slide_control("note", index),
                                value=slide.note,
                                placeholder=t("What to say (only you see it)"),
                                maxLength=MAX_NOTE,
                            ),
                        ]
                    ),
                    html.A(
                        f"{view_name(slide.path)} · {slide.url}",
                        href=slide.url,
                        className="story-slide-url",
                    ),
                ],
                className="story-slide-fields",
            ),
            html.Div(
                [
                    html.Button(
                        "↑",
                        id=ids.story_slide_control("up", index),
                        className="button",
                        disabled=index == 0,
                        title=t("Move slide {n} up", n=number),
                        n_clicks=0,
                    ),
                    html.Button(
                        "↓",
                        id=ids.story_slide_control("down", index),
                        className="button",
                        disabled=index == count - 1,
                        title=t("Move slide {n} down", n=number),
                        n_clicks=0,
                    ),
                    html.Button(
                        "✕",
                        id=ids.story_slide_control("remove", index),
                        className="button",
                        title=t("Remove slide {n}", n=number),
                        n_clicks=0,
                    ),
                ],
                className="story-slide-buttons",
            ),
        ],
        className="story-slide",
    )


def story_list(story: Story) -> html.Div:
    """The story's title field and its slides (or how to add the first one)."""
    rows = [slide_row(i, len(story.slides), s) for i, s in enumerate(story.slides)]
    body = (
        html.Ol(rows, className="story-slides")
        if rows
        else html.P(t("No slides yet."), className="empty-state")
    )
    return html.Div(
        [
            html.Label(
                [
                    html.Span(t("Story title"), className="control-label"),
                    dcc.Input(
                        id=ids.story_slide_control("story-title", 0),
                        value=story.title,
                        placeholder=t("Story title"),
                        maxLength=MAX_TITLE,
                        debounce=True,
                        className="story-title-input",
                    ),
                ],
                className="story-title-label",
            ),
            body,
        ]
    )


@callback(
    Output(ids.STORY_SLIDES, "children"),
    Output(ids.STORY_RENDERED, "data"),
    Output(ids.STORY_LINK, "value"),
    Input(ids.STORY_STORE, "data"),
    State(ids.STORY_RENDERED, "data"),
)
def render_story(stored, rendered):
    """Draw the slides; skipped when the store only took what the fields already show."""
    story = from_store(stored)
    link = flask.request.host_url.rstrip("/") + story_link(story) if story.slides else ""
    if rendered == _digest(story):
        return dash.no_update, dash.no_update, link
    return story_list(story), _digest(story), link


@callback(
    Output(ids.STORY_STORE, "data", allow_duplicate=True),
    Output(ids.STORY_MESSAGE, "children"),
    Output(ids.STORY_RENDERED, "data", allow_duplicate=True),
    Output(ids.STORY_LOAD, "contents"),
    Input(ids.story_slide_control("story-title", ALL), "value"),
    Input(ids.story_slide_control("title", ALL), "value"),
    Input(ids.story_slide_control("note", ALL), "value"),
    Input(ids.story_slide_control("up", ALL), "n_clicks"),
    Input(ids.story_slide_control("down", ALL), "n_clicks"),
    Input(ids.story_slide_control("remove", ALL), "n_clicks"),
    Input(ids.STORY_LOAD, "contents"),
    Input(ids.STORY_CLEAR, "n_clicks"),
    Input(ids.STORY_LINK_ACCEPT, "n_clicks"),
    State(ids.STORY_LOAD, "filename"),
    State(ids.STORY_LINK_DATA, "data"),
    State(ids.STORY_STORE, "data"),
    State(ids.STORY_RENDERED, "data"),
    prevent_initial_call=True,
)
def edit_story(
    story_title,
    titles,
    notes,
    _up,
    _down,
    _remove,
    upload,
    _clear,
    _accept,
    filename,
    linked,
    stored,
    rendered,
):
    """Every change to the story: fields, moves, removal, loading a file, clearing."""
    unchanged = dash.no_update, dash.no_update, dash.no_update, dash.no_update
    trigger = ctx.triggered_id
    if trigger is None or not ctx.triggered or ctx.triggered[0]["value"] is None:
        return unchanged
    if trigger == ids.STORY_LOAD:
        try:
            loaded = parse_upload(upload, is_view_path)
        except StoryError as error:
            text = t(
                "{file} was not loaded: {why} Your story is unchanged.",
                file=filename or t("The file"),
                why=str(error),
            )
            return dash.no_update, _message(text, error=True), dash.no_update, None
        text = t(
            "Loaded “{title}” ({n} slides) from {file}.",
            title=loaded.title,
            n=len(loaded.slides),
            file=filename or t("the file"),
        )
        return loaded.to_dict(), _message(text), dash.no_update, None
    if trigger == ids.STORY_CLEAR:
        return Story().to_dict(), _message(t("The story was cleared.")), dash.no_update, None
    if trigger == ids.STORY_LINK_ACCEPT:
        return linked, _message(t("Opened the story from the link.")), dash.no_update, None
    # The slide list's fields and buttons. Dash also calls this when the list is redrawn (its
    # fields are new inputs), and a newer call can replace one still running, so each call
    # takes the text of *every* field, not only the one that changed, and acts only when the
    # list on the page was drawn from the story in the store (otherwise it is being redrawn).
    story = from_store(stored)
    if rendered != _digest(story):
        return unchanged
    edited = with_fields(story, story_title[0] if story_title else None, titles, notes)
    # A click may come in one call with the text its field committed as focus left it.
    clicks = [
        ctx.triggered_prop_ids[item["prop_id"]]
        for item in ctx.triggered
        if item["prop_id"].endswith(".n_clicks") and item["value"]
    ]
    if clicks:
        kind, index = clicks[-1]["type"].removeprefix("story-slide-"), clicks[-1]["index"]
        if kind == "remove":
            gone = edited.slides[index].title if index < len(edited.slides) else ""
            title = f"“{gone}”" if gone else ""
            message = _message(t("Removed slide {n} {title}.", n=index + 1, title=title))
            return remove_slide(edited, index).to_dict(), message, dash.no_update, dash.no_update
        moved = move_slide(edited, index, -1 if kind == "up" else 1)
        return moved.to_dict(), dash.no_update, dash.no_update, dash.no_update
    if edited == story:
        return unchanged
    # Typed text: the page already shows it, so the list is not redrawn (keeps focus).
    return edited.to_dict(), dash.no_update, _digest(edited), dash.no_update


@callback(
    Output(ids.STORY_STORE, "data", allow_duplicate=True),
    Output(ids.STORY_LINKED, "children"),
    Output(f"{ids.STORY_LINKED}-box", "style"),
    Input(ids.STORY_LINK_DATA, "data"),
    State(ids.STORY_STORE, "data"),
    prevent_initial_call="initial_duplicate",
)
def open_linked_story(linked, stored):
    """A story link opens its story — unless that would replace a different story of yours."""
    hidden = {"display": "none"}
    if not linked:
        return dash.no_update, "", hidden
    mine = from_store(stored)
    if not mine.slides or mine == from_store(linked):
        return linked, "", hidden
    text = t(
        "This link holds the story “{title}” ({n} slides). Your own story ({m} slides) is kept "
        "unless you replace it.",
        title=linked.get("title", ""),
        n=len(linked.get("slides", [])),
        m=len(mine.slides),
    )
    return dash.no_update, text, {}


@callback(
    Output(ids.STORY_SAVE_DOWNLOAD, "data"),
    Input(ids.STORY_SAVE, "n_clicks"),
    State(ids.STORY_STORE, "data"),
    prevent_initial_call=True,
)
def save_story(_, stored):
    story = from_store(stored)
    return dcc.send_string(serialise_story(story), f"story_{_slug(story.title)}.json")


@callback(
    Output(ids.STORY_EXPORT, "href"),
    Output(ids.STORY_EXPORT, "className"),
    Input(ids.STORY_STORE, "data"),
)
def export_link(stored):
    """The offline export is a plain download (``/export/story.html``), not a callback answer."""
    story = from_store(stored)
    if not story.slides:
        return None, "button disabled"
    return f"/export/story.html?s={encode_link(story)}", "button"


dash.clientside_callback(
    """
    function(n, story) {
        if (n && window.medflowsStory) { window.medflowsStory.play(story, LABELS); }
        return window.dash_clientside.no_update;
    }
    """.replace("LABELS", json.dumps(PLAYER_LABELS, ensure_ascii=False)),
    Output(ids.STORY_PLAY_DUMMY, "children"),
    Input(ids.STORY_PLAY, "n_clicks"),
    State(ids.STORY_STORE, "data"),
    prevent_initial_call=True,
)
