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
from dashboard.pages.frame import page_notices, page_title
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
from dashboard.text import N_, Message, Text, labels
from dashboard.web.address import current_text, link
from dashboard.web.callbacks import view_callback

dash.register_page(
    __name__, path="/story", name=labels.VIEWS["story"], order=7, title=page_title("story")
)

#: Words of the player (assets/present.js), translated where the page is drawn.
PLAYER_LABELS = {
    "player": N_("Story player"),
    "previous": N_("Previous slide"),
    "next": N_("Next slide"),
    "notes": N_("Notes (N)"),
    "close": N_("Close (Esc)"),
    "slide": N_("Slide"),
    "noNote": N_("(no speaker note)"),
    "noteLabel": N_("Speaker note"),
}


def player_labels(text: Text) -> str:
    """The player's words in ``text``'s language, as the JSON its button carries."""
    return json.dumps(
        {key: text.gettext(message) for key, message in PLAYER_LABELS.items()}, ensure_ascii=False
    )


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
    text = current_text()
    linked, messages = None, []
    if s is not None:
        try:
            linked = decode_link(s, is_view_path).to_dict()
        except StoryError as error:
            why = text.render(error.message)
            messages.append(
                Message(N_("The story in this link could not be opened: {why}"), {"why": why})
            )
    return html.Div(
        [
            html.H1(text.gettext("Story")),
            notices(page_notices(messages), text),
            html.P(
                # Translators: right to left, the player's arrow keys are mirrored: ← shows
                # the next slide and → the previous one.
                text.gettext(
                    "Open a view, set it up, then use “+ Add to story” in the header. "
                    "Play shows each slide as the live view in presenter mode: → or Space for "
                    "the next slide, ← for the previous one, N for your notes, Escape to stop."
                ),
                className="hint",
            ),
            html.Div(
                [
                    html.Button(
                        text.gettext("▶ Play story"),
                        id=ids.STORY_PLAY,
                        className="button",
                        n_clicks=0,
                        # Read by the play callback in the browser: the player's words.
                        **{"data-labels": player_labels(text)},
                    ),
                    html.Button(
                        text.gettext("Save story (JSON)"),
                        id=ids.STORY_SAVE,
                        className="button",
                        n_clicks=0,
                    ),
                    # dcc.Upload's file input has no label and takes no aria-* property:
                    # assets/accessibility.js names it from data-input-label.
                    html.Div(
                        dcc.Upload(
                            html.Span(text.gettext("Load story file…")),
                            id=ids.STORY_LOAD,
                            accept=".json,application/json",
                            className="upload-area",
                            max_size=-1,
                        ),
                        **{"data-input-label": text.gettext("Load story file…")},
                    ),
                    html.A(
                        text.gettext("Download offline HTML"),
                        id=ids.STORY_EXPORT,
                        className="button",
                        download="",
                        title=text.gettext(
                            "One file with every slide: opens from a USB stick, no network"
                        ),
                    ),
                    html.Button(
                        text.gettext("Clear story"),
                        id=ids.STORY_CLEAR,
                        className="button",
                        n_clicks=0,
                    ),
                ],
                className="story-toolbar",
            ),
            html.Div(id=ids.STORY_MESSAGE),
            html.Div(
                [
                    html.P(id=ids.STORY_LINKED),
                    html.Button(
                        text.gettext("Replace my story with the linked one"),
                        id=ids.STORY_LINK_ACCEPT,
                        className="button",
                        n_clicks=0,
                    ),
                ],
                id=f"{ids.STORY_LINKED}-box",
                style={"display": "none"},
                className="notice",
            ),
            dcc.Loading([dcc.Download(id=ids.STORY_SAVE_DOWNLOAD)], delay_show=300),
            dcc.Store(id=ids.STORY_LINK_DATA, data=linked),
            dcc.Store(id=ids.STORY_RENDERED),
            html.Div(id=ids.STORY_SLIDES),
            html.Label(text.gettext("Link to this story (copy to share)"), htmlFor=ids.STORY_LINK),
            dcc.Input(id=ids.STORY_LINK, readOnly=True, className="story-link-box", value=""),
            html.Div(id=ids.STORY_PLAY_DUMMY, hidden=True),
        ],
        className="page page-story",
    )


def slide_row(index: int, count: int, slide, text: Text) -> html.Li:
    """One slide: number, title and note fields, link to the view, move and remove buttons."""
    number = index + 1
    name = view_name(slide.path, text)
    shown = slide.path + slide.query_in(text.lang)
    return html.Li(
        [
            html.Span(str(number), className="story-slide-number"),
            html.Div(
                [
                    html.Label(
                        [
                            html.Span(text.gettext("Title"), className="control-label"),
                            dcc.Input(
                                id=ids.story_slide_control("title", index),
                                value=slide.title,
                                placeholder=name,
                                maxLength=MAX_TITLE,
                                debounce=True,
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            html.Span(text.gettext("Speaker note"), className="control-label"),
                            dcc.Textarea(
                                id=ids.story_slide_control("note", index),
                                value=slide.note,
                                placeholder=text.gettext("What to say (only you see it)"),
                                maxLength=MAX_NOTE,
                            ),
                        ]
                    ),
                    # The view in the language of this page, whichever it was saved in.
                    html.A(f"{name} · {shown}", href=shown, className="story-slide-url"),
                ],
                className="story-slide-fields",
            ),
            html.Div(
                [
                    html.Button(
                        symbol,
                        id=ids.story_slide_control(kind, index),
                        className="button",
                        disabled=disabled,
                        title=text.gettext(title, n=number),
                        n_clicks=0,
                    )
                    for kind, symbol, title, disabled in (
                        ("up", "↑", N_("Move slide {n} up"), index == 0),
                        ("down", "↓", N_("Move slide {n} down"), index == count - 1),
                        ("remove", "✕", N_("Remove slide {n}"), False),
                    )
                ],
                className="story-slide-buttons",
            ),
        ],
        className="story-slide",
    )


def story_list(story: Story, text: Text) -> html.Div:
    """The story's title field and its slides (or how to add the first one)."""
    rows = [slide_row(i, len(story.slides), s, text) for i, s in enumerate(story.slides)]
    body = (
        html.Ol(rows, className="story-slides")
        if rows
        else html.P(text.gettext("No slides yet."), className="empty-state")
    )
    return html.Div(
        [
            html.Label(
                [
                    html.Span(text.gettext("Story title"), className="control-label"),
                    dcc.Input(
                        id=ids.story_slide_control("story-title", 0),
                        value=story.title,
                        placeholder=text.gettext("Story title"),
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


@view_callback(
    output={
        "slides": Output(ids.STORY_SLIDES, "children"),
        "rendered": Output(ids.STORY_RENDERED, "data"),
        "link": Output(ids.STORY_LINK, "value"),
    },
    inputs={
        "stored": Input(ids.STORY_STORE, "data"),
        "rendered": State(ids.STORY_RENDERED, "data"),
    },
)
def render_story(stored, rendered) -> dict:
    """Draw the slides; skipped when the store only took what the fields already show."""
    story = from_store(stored)
    address = flask.request.host_url.rstrip("/") + link(story_link(story).partition("?")[0])
    shared = f"{address}&s={encode_link(story)}" if story.slides else ""
    if rendered == _digest(story):
        return {"slides": dash.no_update, "rendered": dash.no_update, "link": shared}
    return {"slides": story_list(story, current_text()), "rendered": _digest(story), "link": shared}


UNCHANGED = {
    "story": dash.no_update,
    "message": dash.no_update,
    "rendered": dash.no_update,
    "upload": dash.no_update,
}


@view_callback(
    output={
        "story": Output(ids.STORY_STORE, "data", allow_duplicate=True),
        "message": Output(ids.STORY_MESSAGE, "children"),
        "rendered": Output(ids.STORY_RENDERED, "data", allow_duplicate=True),
        "upload": Output(ids.STORY_LOAD, "contents"),
    },
    inputs={
        "story_title": Input(ids.story_slide_control("story-title", ALL), "value"),
        "titles": Input(ids.story_slide_control("title", ALL), "value"),
        "notes": Input(ids.story_slide_control("note", ALL), "value"),
        "_up": Input(ids.story_slide_control("up", ALL), "n_clicks"),
        "_down": Input(ids.story_slide_control("down", ALL), "n_clicks"),
        "_remove": Input(ids.story_slide_control("remove", ALL), "n_clicks"),
        "upload": Input(ids.STORY_LOAD, "contents"),
        "_clear": Input(ids.STORY_CLEAR, "n_clicks"),
        "_accept": Input(ids.STORY_LINK_ACCEPT, "n_clicks"),
        "filename": State(ids.STORY_LOAD, "filename"),
        "linked": State(ids.STORY_LINK_DATA, "data"),
        "stored": State(ids.STORY_STORE, "data"),
        "rendered": State(ids.STORY_RENDERED, "data"),
    },
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
) -> dict:
    """Every change to the story: fields, moves, removal, loading a file, clearing."""
    text = current_text()
    trigger = ctx.triggered_id
    if trigger is None or not ctx.triggered or ctx.triggered[0]["value"] is None:
        return UNCHANGED
    if trigger == ids.STORY_LOAD:
        try:
            loaded = parse_upload(upload, is_view_path)
        except StoryError as error:
            shown = text.gettext(
                "{file} was not loaded: {why} Your story is unchanged.",
                file=filename or text.gettext("The file"),
                why=text.render(error.message),
            )
            return {**UNCHANGED, "message": _message(shown, error=True), "upload": None}
        shown = text.ngettext(
            "Loaded “{title}” ({n} slide) from {file}.",
            "Loaded “{title}” ({n} slides) from {file}.",
            len(loaded.slides),
            title=loaded.title,
            file=filename or text.gettext("the file"),
        )
        return {**UNCHANGED, "story": loaded.to_dict(), "message": _message(shown), "upload": None}
    if trigger == ids.STORY_CLEAR:
        cleared = _message(text.gettext("The story was cleared."))
        return {**UNCHANGED, "story": Story().to_dict(), "message": cleared, "upload": None}
    if trigger == ids.STORY_LINK_ACCEPT:
        opened = _message(text.gettext("Opened the story from the link."))
        return {**UNCHANGED, "story": linked, "message": opened, "upload": None}
    # The slide list's fields and buttons. Dash also calls this when the list is redrawn (its
    # fields are new inputs), and a newer call can replace one still running, so each call
    # takes the text of *every* field, not only the one that changed, and acts only when the
    # list on the page was drawn from the story in the store (otherwise it is being redrawn).
    story = from_store(stored)
    if rendered != _digest(story):
        return UNCHANGED
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
            removed = (
                text.gettext("Removed slide {n} “{title}”.", n=index + 1, title=gone)
                if gone
                else text.gettext("Removed slide {n}.", n=index + 1)
            )
            story_left = remove_slide(edited, index).to_dict()
            return {**UNCHANGED, "story": story_left, "message": _message(removed)}
        moved = move_slide(edited, index, -1 if kind == "up" else 1)
        return {**UNCHANGED, "story": moved.to_dict()}
    if edited == story:
        return UNCHANGED
    # Typed text: the page already shows it, so the list is not redrawn (keeps focus).
    return {**UNCHANGED, "story": edited.to_dict(), "rendered": _digest(edited)}


@view_callback(
    output={
        "story": Output(ids.STORY_STORE, "data", allow_duplicate=True),
        "linked": Output(ids.STORY_LINKED, "children"),
        "box": Output(f"{ids.STORY_LINKED}-box", "style"),
    },
    inputs={"linked": Input(ids.STORY_LINK_DATA, "data"), "stored": State(ids.STORY_STORE, "data")},
    prevent_initial_call="initial_duplicate",
)
def open_linked_story(linked, stored) -> dict:
    """A story link opens its story — unless that would replace a different story of yours."""
    hidden = {"display": "none"}
    if not linked:
        return {"story": dash.no_update, "linked": "", "box": hidden}
    mine = from_store(stored)
    if not mine.slides or mine == from_store(linked):
        return {"story": linked, "linked": "", "box": hidden}
    text = current_text()
    shown = text.ngettext(
        "This link holds the story “{title}” ({n} slide). Your own story ({m}) is kept unless "
        "you replace it.",
        "This link holds the story “{title}” ({n} slides). Your own story ({m}) is kept unless "
        "you replace it.",
        len(linked.get("slides", [])),
        title=linked.get("title", ""),
        m=text.ngettext("{n} slide", "{n} slides", len(mine.slides)),
    )
    return {"story": dash.no_update, "linked": shown, "box": {}}


@callback(
    Output(ids.STORY_SAVE_DOWNLOAD, "data"),
    Input(ids.STORY_SAVE, "n_clicks"),
    State(ids.STORY_STORE, "data"),
    prevent_initial_call=True,
)
def save_story(_, stored):
    story = from_store(stored)
    return dcc.send_string(serialise_story(story), f"story_{_slug(story.title)}.json")


@view_callback(
    output={
        "href": Output(ids.STORY_EXPORT, "href"),
        "class": Output(ids.STORY_EXPORT, "className"),
    },
    inputs={"stored": Input(ids.STORY_STORE, "data")},
)
def export_link(stored) -> dict:
    """The offline export is a plain download (``/export/story.html``), not a callback answer;
    it is written in the page's language."""
    story = from_store(stored)
    if not story.slides:
        return {"href": None, "class": "button disabled"}
    return {"href": link("/export/story.html", f"?s={encode_link(story)}"), "class": "button"}


dash.clientside_callback(
    """
    function(n, story, id) {
        const button = document.getElementById(id);
        const labels = button ? JSON.parse(button.dataset.labels || "{}") : {};
        if (n && window.medflowsStory) { window.medflowsStory.play(story, labels); }
        return window.dash_clientside.no_update;
    }
    """,
    Output(ids.STORY_PLAY_DUMMY, "children"),
    Input(ids.STORY_PLAY, "n_clicks"),
    State(ids.STORY_STORE, "data"),
    State(ids.STORY_PLAY, "id"),
    prevent_initial_call=True,
)
