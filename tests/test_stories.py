"""Stories: round trips through file and link, editing, and refusal of bad input."""

from __future__ import annotations

import base64
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.stories import (
    MAX_FILE_BYTES,
    MAX_NOTE,
    MAX_SLIDES,
    Slide,
    Story,
    StoryError,
    add_slide,
    decode_link,
    encode_link,
    move_slide,
    parse_story,
    parse_upload,
    remove_slide,
    serialise_story,
    validate_story,
    with_fields,
)

KNOWN = {"/", "/flows", "/data", "/compare"}


def is_known(path: str) -> bool:
    return path in KNOWN or path.startswith("/country/")


STORY = Story(
    "Tunisia in context — سياق",
    (
        Slide("/", "?year=2018&indicator=detected-victims", "The map", "Start here.\nThen pause."),
        Slide("/flows", "?countries=TUN,LBY&top=5", "Corridors", ""),
        Slide("/country/TUN", "", "Profile", "Ask the room."),
    ),
)

texts = st.text(max_size=40)
slides = st.builds(
    Slide,
    path=st.sampled_from(sorted(KNOWN)),
    query=st.sampled_from(["", "?top=5", "?countries=TUN,MAR&from=2010"]),
    title=texts.map(str.strip),
    note=texts,
)
stories = st.builds(
    Story, title=texts.map(str.strip), slides=st.lists(slides, max_size=6).map(tuple)
)


@given(stories)
def test_file_round_trip(story):
    assert parse_story(serialise_story(story), is_known) == story


@given(stories)
def test_link_round_trip(story):
    token = encode_link(story)
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert decode_link(token, is_known) == story


def test_upload_round_trip():
    encoded = base64.b64encode(serialise_story(STORY).encode()).decode()
    assert parse_upload(f"data:application/json;base64,{encoded}", is_known) == STORY


def test_file_is_versioned_readable_json():
    data = json.loads(serialise_story(STORY))
    assert data["format"] == "medflows-story"
    assert data["version"] == 1
    assert data["slides"][1] == {
        "path": "/flows",
        "query": "?countries=TUN,LBY&top=5",
        "title": "Corridors",
        "note": "",
    }


def test_present_is_not_saved_but_added_to_play():
    story = add_slide(Story(), "/flows?top=5&present=1", "x")
    assert story.slides[0].query == "?top=5"
    assert story.slides[0].present_url() == "/flows?top=5&present=1"


def test_editing():
    story = move_slide(STORY, 0, 1)
    assert [s.title for s in story.slides] == ["Corridors", "The map", "Profile"]
    assert move_slide(STORY, 0, -1) == STORY
    assert move_slide(STORY, 2, 1) == STORY
    assert [s.title for s in remove_slide(STORY, 1).slides] == ["The map", "Profile"]
    assert remove_slide(STORY, 7) == STORY


def test_fields_give_the_story_their_text():
    titles = [s.title for s in STORY.slides]
    notes = [s.note for s in STORY.slides]
    assert with_fields(STORY, STORY.title, titles, notes) == STORY
    edited = with_fields(STORY, "  Seminar ", [*titles[:2], " Profile of Tunisia "], notes)
    assert edited.title == "Seminar"
    assert edited.slides[2] == Slide("/country/TUN", "", "Profile of Tunisia", notes[2])
    assert edited.slides[:2] == STORY.slides[:2]
    long = with_fields(STORY, None, titles, [*notes[:2], "x" * (MAX_NOTE + 9)])
    assert (long.title, len(long.slides[2].note)) == (STORY.title, MAX_NOTE)
    # Fields drawn for another story (a different number of slides) change nothing.
    assert with_fields(STORY, "Other", titles[:2], notes[:2]) == STORY


def test_full_story_refuses_more():
    story = Story("", tuple(Slide("/") for _ in range(MAX_SLIDES)))
    with pytest.raises(StoryError, match="at most"):
        add_slide(story, "/flows")


def _file(**changes) -> str:
    data = STORY.to_dict() | changes
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "not valid JSON"),
        (b"\xff\xfe\x00binary", "not a text file"),
        ("[1, 2, 3]", "not a story file"),
        ('{"type": "FeatureCollection", "features": []}', "not a story file"),
        (_file(version=2), "version 2"),
        (_file(version="1"), "version 1;"),
        (_file(version=True), "version True"),
        (_file(slides="none"), "no list of slides"),
        (_file(slides=[{"path": "/nowhere"}]), "not a view of this dashboard"),
        (_file(slides=[{"path": "https://evil.example/"}]), "no valid view address"),
        (_file(slides=[{"path": "//evil.example/"}]), "no valid view address"),
        (_file(slides=["/flows"]), "Slide 1 is not a slide"),
        (_file(slides=[{"path": "/", "query": "top=5"}]), "no valid view address"),
        (_file(slides=[{"path": "/", "title": 7}]), "must be text"),
        (_file(title="x" * 500), "longer than"),
        (_file(slides=[{"path": "/"}] * (MAX_SLIDES + 1)), "more than"),
        ("x" * (MAX_FILE_BYTES + 1), "too big"),
    ],
)
def test_malformed_files_are_refused_with_a_message(text, message):
    with pytest.raises(StoryError, match=message):
        parse_story(text, is_known)


@pytest.mark.parametrize("token", ["", "!!!", "e30", base64.urlsafe_b64encode(b'{"v":1}').decode()])
def test_damaged_links_are_refused(token):
    with pytest.raises(StoryError):
        decode_link(token, is_known)


def test_bad_upload_is_refused():
    with pytest.raises(StoryError, match="could not be read"):
        parse_upload("data:application/json;base64,@@@", is_known)
    with pytest.raises(StoryError, match="too big"):
        parse_upload("data:application/json;base64," + "A" * (MAX_FILE_BYTES * 2))


def test_validate_accepts_missing_optional_fields():
    story = validate_story({"format": "medflows-story", "version": 1, "slides": [{"path": "/"}]})
    assert story == Story("", (Slide("/"),))
