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
from dashboard.i18n import t

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


def view_name(path: str) -> str:
    """The translated name of the view at ``path`` (the path itself when unknown)."""
    for page in dash.page_registry.values():
        if page["path"] not in NOT_VIEWS and _path_pattern(page).fullmatch(path):
            return t(page["name"])
    return path


def add_to_story_form() -> html.Details:
    """The header's "Add to story" disclosure: a title, a speaker note and an Add button."""
    return html.Details(
        [
            html.Summary(t("+ Add to story"), className="button"),
            html.Div(
                [
                    html.Label(t("Slide title"), htmlFor=ids.STORY_ADD_TITLE),
                    dcc.Input(
                        id=ids.STORY_ADD_TITLE,
                        type="text",
                        maxLength=120,
                        placeholder=t("What this view shows"),
                        debounce=False,
                    ),
                    html.Label(t("Speaker note"), htmlFor=ids.STORY_ADD_NOTE),
                    dcc.Textarea(
                        id=ids.STORY_ADD_NOTE,
                        maxLength=2000,
                        placeholder=t("What to say (only you see it)"),
                    ),
                    html.Div(
                        [
                            html.Button(
                                t("Add this view"),
                                id=ids.STORY_ADD,
                                className="button",
                                n_clicks=0,
                            ),
                            dcc.Link(t("Open the story"), href="/story"),
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


def exit_button() -> html.Button:
    """A small button to leave presenter mode with the mouse (shown only when presenting)."""
    return html.Button(
        t("Exit presentation (Esc)"),
        id=ids.PRESENT_EXIT,
        className="present-exit",
        title=t("Leave presenter mode"),
        n_clicks=0,
    )
