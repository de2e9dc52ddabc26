"""The story editor's callback through Dash's request path (Flask test client).

Dash calls it not only when a person edits a field or clicks a button, but also each time the
slide list is redrawn (the list's fields are new inputs), and a newer call replaces one still
running. These tests send the calls the browser sends in those cases.
"""

from __future__ import annotations

import json

import pytest

from dashboard import ids
from dashboard.app import app
from dashboard.callback_requests import find_callback, request_body
from dashboard.pages.story import _digest
from dashboard.stories import Slide, Story

STORY = Story(
    "Three views",
    (
        Slide("/", "?year=2016", "The map", "Start with the map."),
        Slide("/flows", "?countries=TUN&top=5", "Corridors", "Then Tunisia."),
        Slide("/compare", "?countries=TUN,MAR", "Compare", "End here."),
    ),
)


def _fields(story: Story, titles=None, notes=None, clicks=None) -> dict:
    """The slide list's inputs as drawn for ``story`` (optionally with other text or clicks)."""
    clicks = clicks or {}
    count = len(story.slides)
    values = {
        ("story-title", "value"): [story.title],
        ("title", "value"): titles if titles is not None else [s.title for s in story.slides],
        ("note", "value"): notes if notes is not None else [s.note for s in story.slides],
        **{
            (kind, "n_clicks"): [clicks.get((kind, i), 0) for i in range(count)]
            for kind in ("up", "down", "remove")
        },
    }
    pattern = '{{"index":["ALL"],"type":"story-slide-{}"}}.{}'
    return {
        pattern.format(kind, prop): [
            {"id": ids.story_slide_control(kind, i), "property": prop, "value": value}
            for i, value in enumerate(items)
        ]
        for (kind, prop), items in values.items()
    }


def _control(kind: str, index: int, prop: str = "value") -> str:
    """How Dash names a changed input of the slide list."""
    component = json.dumps(
        ids.story_slide_control(kind, index), separators=(",", ":"), sort_keys=True
    )
    return f"{component}.{prop}"


@pytest.fixture(scope="module")
def edit():
    """Send one call of the editor: ``changed`` names the inputs Dash reports as changed."""
    client = app.server.test_client()
    dependency = find_callback(client.get("/_dash-dependencies").get_json(), "story-message")

    def send(story_in_store: Story, drawn_from: Story, fields: dict, changed: list[str]):
        state = {
            "story-store.data": story_in_store.to_dict(),
            "story-rendered.data": _digest(drawn_from),
        }
        body = {**request_body(dependency, fields, state), "changedPropIds": changed}
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code in (200, 204), response.data[:300]
        return {} if response.status_code == 204 else response.get_json()["response"]

    return send


def test_a_redrawn_list_changes_nothing(edit):
    """The call Dash makes when the list is drawn: every field reported as changed."""
    changed = [_control(k, i) for i in range(3) for k in ("title", "note")]
    changed = [_control("story-title", 0), *changed, _control("down", 0, "n_clicks")]
    assert edit(STORY, STORY, _fields(STORY), changed) == {}


def test_fields_drawn_for_another_story_change_nothing(edit):
    """A list drawn from an older story (a newer one is being drawn) must not overwrite it.

    This was the bug: opening a story link drew the empty story first; that list's call then
    wrote an empty story over the linked one.
    """
    empty = Story()
    answer = edit(STORY, empty, _fields(empty), [_control("story-title", 0)])
    assert answer == {}
    clicked = _fields(empty)
    answer = edit(STORY, Story("x", STORY.slides[:2]), clicked, [_control("remove", 1, "n_clicks")])
    assert answer == {}


def test_typed_text_is_kept_without_redrawing(edit):
    notes = [s.note for s in STORY.slides]
    notes[1] = "Pause here."
    answer = edit(STORY, STORY, _fields(STORY, notes=notes), [_control("note", 1)])
    expected = Story(
        STORY.title,
        (
            STORY.slides[0],
            Slide("/flows", "?countries=TUN&top=5", "Corridors", "Pause here."),
            STORY.slides[2],
        ),
    )
    assert answer["story-store"]["data"] == expected.to_dict()
    assert answer["story-rendered"]["data"] == _digest(expected)  # the list is not redrawn


def test_a_click_keeps_text_whose_own_call_was_replaced(edit):
    """A title typed, then a click at once: Dash drops the title's call for the click's."""
    titles = ["The map", "Corridors", "Closing comparison"]
    clicks = {("down", 0): 1}
    answer = edit(
        STORY,
        STORY,
        _fields(STORY, titles=titles, clicks=clicks),
        [_control("down", 0, "n_clicks")],
    )
    slides = answer["story-store"]["data"]["slides"]
    assert [s["title"] for s in slides] == ["Corridors", "The map", "Closing comparison"]
    assert "story-rendered" not in answer  # the list is redrawn in its new order


def test_remove_names_the_slide_removed(edit):
    clicks = {("remove", 2): 1}
    answer = edit(STORY, STORY, _fields(STORY, clicks=clicks), [_control("remove", 2, "n_clicks")])
    assert [s["title"] for s in answer["story-store"]["data"]["slides"]] == ["The map", "Corridors"]
    assert "Removed slide 3 “Compare”" in json.dumps(answer["story-message"], ensure_ascii=False)


def test_a_click_and_the_text_it_committed_in_one_call(edit):
    """Leaving a field by clicking a button: Dash may send both changes in one call."""
    titles = ["Opening map", "Corridors", "Compare"]
    fields = _fields(STORY, titles=titles, clicks={("down", 0): 1})
    changed = [_control("title", 0), _control("down", 0, "n_clicks")]
    slides = edit(STORY, STORY, fields, changed)["story-store"]["data"]["slides"]
    assert [s["title"] for s in slides] == ["Corridors", "Opening map", "Compare"]
