"""Presenter mode and stories in the shell: the "Add to story" form and the present controls.

Presenter mode itself is browser-side (``assets/present.js`` and ``assets/present.css``): it
reads ``present=1`` from the address, hides navigation and controls, and re-lays out every
figure with the projector font size :data:`~dashboard.figures.theme.PRESENT_FONT_SIZE`, which
the shell hands to the script in a ``data-`` attribute. Doing it in the browser makes it work
for every view without the views knowing about it.
"""

from __future__ import annotations

import re

import dash
from dash import dcc, html

from dashboard import ids
from dashboard.text import Text
from dashboard.web.address import link

#: Pages that are not views a story can show.
NOT_VIEWS = frozenset({"/story", "/404"})


def _path_pattern(page: dict) -> re.Pattern[str]:
    template = page.get("path_template") or page["path"]
    parts = [
        r"[^/]+" if re.fullmatch(r"<[^>]+>", part) else re.escape(part)
        for part in template.split("/")
    ]
    return re.compile("/".join(parts) + "/?")


def is_view_path(path: str) -> bool:
    """Whether ``path`` is one of the dashboard's views (from the page registry).

    Used to refuse story slides pointing anywhere else (another site, a mistyped address).
    """
    for page in dash.page_registry.values():
        if page["path"] in NOT_VIEWS:
            continue
        if _path_pattern(page).fullmatch(path):
            return True
    return False


def view_name(path: str, text: Text) -> str:
    """The name of the view at ``path`` in ``text``'s language (the path itself when unknown)."""
    for page in dash.page_registry.values():
        if page["path"] not in NOT_VIEWS and _path_pattern(page).fullmatch(path):
            return text.gettext(page["name"])
    return path


def add_to_story_form(text: Text) -> html.Details:
    """The header's "Add to story" disclosure: a title, a speaker note and an Add button."""
    return html.Details(
        [
            html.Summary(text.gettext("+ Add to story"), className="button"),
            html.Div(
                [
                    html.Label(text.gettext("Slide title"), htmlFor=ids.STORY_ADD_TITLE),
                    dcc.Input(
                        id=ids.STORY_ADD_TITLE,
                        type="text",
                        maxLength=120,
                        placeholder=text.gettext("What this view shows"),
                        debounce=False,
                    ),
                    html.Label(text.gettext("Speaker note"), htmlFor=ids.STORY_ADD_NOTE),
                    dcc.Textarea(
                        id=ids.STORY_ADD_NOTE,
                        maxLength=2000,
                        placeholder=text.gettext("What to say (only you see it)"),
                    ),
                    html.Div(
                        [
                            html.Button(
                                text.gettext("Add this view"),
                                id=ids.STORY_ADD,
                                className="button",
                                n_clicks=0,
                            ),
                            dcc.Link(text.gettext("Open the story"), href=link("/story")),
                        ],
                        className="story-add-actions",
                    ),
                    html.P(id=ids.STORY_ADD_STATUS, role="status", className="story-add-status"),
                    dcc.Store(id=ids.STORY_ADD_URL),
                ],
                className="story-add-panel",
            ),
        ],
        className="story-add",
    )


def exit_button(text: Text) -> html.Button:
    """A small button to leave presenter mode with the mouse (shown only when presenting)."""
    return html.Button(
        text.gettext("Exit presentation (Esc)"),
        id=ids.PRESENT_EXIT,
        className="present-exit",
        title=text.gettext("Leave presenter mode"),
        n_clicks=0,
    )
