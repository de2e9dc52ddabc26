"""Stories: an ordered list of saved views (slides) a presenter plays one after another.

A story is plain data, kept in the browser (a ``dcc.Store`` in local storage), in a link
(``/story?s=<token>``) and in a small JSON file. This module is pure: it validates, parses,
serialises and edits stories, and never touches Dash, files or the network.

The file format (``version`` 1)::

    {"format": "medflows-story", "version": 1, "title": "…",
     "slides": [{"path": "/flows", "query": "?measure=…", "title": "…", "note": "…"}]}

A slide is a view's address (path and query, without ``present``) with a title and a speaker
note. Every function that reads outside input raises :class:`StoryError` with a message written
for the user; the caller shows it and keeps the current story.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode

from dashboard.text import ENGLISH, N_, NN_, Message

FORMAT = "medflows-story"
VERSION = 1
#: Limits keep a story small enough for a link, a file and local storage.
MAX_FILE_BYTES = 100_000
MAX_SLIDES = 40
MAX_TITLE = 120
MAX_NOTE = 2_000
MAX_QUERY = 600

#: Is this path one of the dashboard's views? (Supplied by the caller: the page registry.)
PathCheck = Callable[[str], bool]


class StoryError(ValueError):
    """A story file, link or edit that cannot be accepted. ``message`` says why (written out in
    the user's language where it is shown: ``text.render(error.message)``); ``str()`` is the
    English."""

    def __init__(
        self, message: str, plural: str | None = None, count: int | None = None, **fields: object
    ) -> None:
        self.message = Message(message, fields, plural, count)
        super().__init__(ENGLISH.render(self.message))


@dataclass(frozen=True)
class Slide:
    """One saved view: its address, a title and the presenter's note."""

    path: str
    query: str = ""
    title: str = ""
    note: str = ""

    @property
    def url(self) -> str:
        """The view's address as saved (path and query)."""
        return self.path + self.query

    def query_in(self, lang: str) -> str:
        """The view's query in ``lang``: a story is shown in the language of whoever shows it,
        whichever language each slide was saved in.

        Examples
        --------
        >>> Slide("/flows", "?top=5&lang=en").query_in("ar")
        '?top=5&lang=ar'
        >>> Slide("/").query_in("fr")
        '?lang=fr'
        """
        pairs = [
            pair
            for pair in parse_qsl(self.query.lstrip("?"), keep_blank_values=True)
            if pair[0] != "lang"
        ]
        return "?" + urlencode([*pairs, ("lang", lang)], safe=",")

    def present_url(self) -> str:
        """The view's address in presenter mode (``present=1`` added).

        Examples
        --------
        >>> Slide("/flows", "?top=5").present_url()
        '/flows?top=5&present=1'
        >>> Slide("/").present_url()
        '/?present=1'
        """
        pairs = [*parse_qsl(self.query.lstrip("?"), keep_blank_values=True), ("present", "1")]
        return f"{self.path}?{urlencode(pairs, safe=',')}"


@dataclass(frozen=True)
class Story:
    """A titled, ordered list of slides."""

    title: str = ""
    slides: tuple[Slide, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """The file format (also what the browser's store holds)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "title": self.title,
            "slides": [
                {"path": s.path, "query": s.query, "title": s.title, "note": s.note}
                for s in self.slides
            ],
        }


# --- reading outside input -------------------------------------------------------------------


def clean_query(query: str) -> str:
    """A slide's query: ``?``-prefixed, ``present`` removed, empty when nothing is left.

    Examples
    --------
    >>> clean_query("top=5&present=1")
    '?top=5'
    >>> clean_query("?present=1")
    ''
    """
    pairs = [
        (k, v) for k, v in parse_qsl(query.lstrip("?"), keep_blank_values=True) if k != "present"
    ]
    return "?" + urlencode(pairs, safe=",") if pairs else ""


TOO_BIG = N_("The file is too big for a story (more than {n} kB).")
#: What a story's text field must be, field by field: (not text, too long).
FIELD_ERRORS = {
    "title": (
        N_("The story's title must be text."),
        NN_(
            "The story's title is longer than {n} character.",
            "The story's title is longer than {n} characters.",
        ),
    ),
    "slide-title": (
        N_("The title of slide {number} must be text."),
        NN_(
            "The title of slide {number} is longer than {n} character.",
            "The title of slide {number} is longer than {n} characters.",
        ),
    ),
    "slide-note": (
        N_("The note of slide {number} must be text."),
        NN_(
            "The note of slide {number} is longer than {n} character.",
            "The note of slide {number} is longer than {n} characters.",
        ),
    ),
    "slide-address": (
        N_("The address of slide {number} must be text."),
        NN_(
            "The address of slide {number} is longer than {n} character.",
            "The address of slide {number} is longer than {n} characters.",
        ),
    ),
}


def _text(value: Any, field: str, limit: int, number: int | None = None) -> str:
    if value is None:
        return ""
    not_text, too_long = FIELD_ERRORS[field]
    if not isinstance(value, str):
        raise StoryError(not_text, number=number)
    if len(value) > limit:
        raise StoryError(*too_long, limit, number=number, n=limit)
    return value


def _slide(raw: Any, number: int, is_known: PathCheck | None) -> Slide:
    if not isinstance(raw, Mapping):
        raise StoryError(N_("Slide {n} is not a slide (expected an object)."), n=number)
    path = raw.get("path")
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//"):
        raise StoryError(N_("Slide {n} has no valid view address."), n=number)
    if is_known is not None and not is_known(path):
        raise StoryError(
            N_("Slide {n} points to {path}, which is not a view of this dashboard."),
            n=number,
            path=path[:60],
        )
    query = _text(raw.get("query"), "slide-address", MAX_QUERY, number)
    if query and not query.startswith("?"):
        raise StoryError(N_("Slide {n} has no valid view address."), n=number)
    return Slide(
        path=path,
        query=clean_query(query),
        title=_text(raw.get("title"), "slide-title", MAX_TITLE, number).strip(),
        note=_text(raw.get("note"), "slide-note", MAX_NOTE, number),
    )


def validate_story(data: Any, is_known: PathCheck | None = None) -> Story:
    """The :class:`Story` in ``data`` (the decoded JSON), or :class:`StoryError` saying why not.

    ``is_known`` says whether a path is a view of this dashboard (``None``: any path).

    Examples
    --------
    >>> validate_story({"format": "medflows-story", "version": 1, "title": "Tunisia",
    ...     "slides": [{"path": "/flows", "query": "?top=5"}]}).slides[0].url
    '/flows?top=5'
    >>> validate_story({"version": 1, "slides": []})
    Traceback (most recent call last):
    ...
    dashboard.stories.StoryError: This is not a story file of this dashboard.
    """
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise StoryError(N_("This is not a story file of this dashboard."))
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise StoryError(
            N_("This story file has version {found}; this dashboard reads version {version}."),
            found=str(version)[:20],
            version=VERSION,
        )
    slides = data.get("slides")
    if not isinstance(slides, list):
        raise StoryError(N_("The story has no list of slides."))
    if len(slides) > MAX_SLIDES:
        raise StoryError(
            *NN_("The story has more than {n} slide.", "The story has more than {n} slides."),
            MAX_SLIDES,
            n=MAX_SLIDES,
        )
    return Story(
        title=_text(data.get("title"), "title", MAX_TITLE).strip(),
        slides=tuple(_slide(raw, i, is_known) for i, raw in enumerate(slides, start=1)),
    )


def parse_story(text: str | bytes, is_known: PathCheck | None = None) -> Story:
    """Parse a story file's contents (JSON text or bytes)."""
    if len(text) > MAX_FILE_BYTES:
        raise StoryError(TOO_BIG, n=MAX_FILE_BYTES // 1000)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise StoryError(
                N_("The file is not a text file (expected a story in JSON).")
            ) from None
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise StoryError(N_("The file is not valid JSON (expected a story file).")) from None
    return validate_story(data, is_known)


def parse_upload(contents: str, is_known: PathCheck | None = None) -> Story:
    """Parse what ``dcc.Upload`` gives (``data:<type>;base64,<data>``)."""
    _, _, encoded = (contents or "").partition(",")
    if len(encoded) > MAX_FILE_BYTES * 4 // 3 + 4:
        raise StoryError(TOO_BIG, n=MAX_FILE_BYTES // 1000)
    try:
        raw = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise StoryError(N_("The file could not be read.")) from None
    return parse_story(raw, is_known)


def serialise_story(story: Story) -> str:
    """The story file's text: indented JSON, UTF-8, stable key order."""
    return json.dumps(story.to_dict(), ensure_ascii=False, indent=2) + "\n"


# --- links -----------------------------------------------------------------------------------


def encode_link(story: Story) -> str:
    """A compact URL-safe token holding ``story`` (base64url of compact JSON, no padding).

    Examples
    --------
    >>> story = Story("T", (Slide("/", "?year=2018", "Map", "Say hi"),))
    >>> decode_link(encode_link(story)) == story
    True
    """
    compact = {
        "v": VERSION,
        "t": story.title,
        "s": [[s.path + s.query, s.title, s.note] for s in story.slides],
    }
    text = json.dumps(compact, ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")


def decode_link(token: str, is_known: PathCheck | None = None) -> Story:
    """The story in a link token (see :func:`encode_link`), or :class:`StoryError`."""
    if not isinstance(token, str) or len(token) > MAX_FILE_BYTES:
        raise StoryError(N_("The story link is damaged or too long."))
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw.decode("utf-8"))
        slides = []
        for item in data["s"]:
            url, title, note = item
            path, _, query = url.partition("?")
            slides.append(
                {"path": path, "query": "?" + query if query else "", "title": title, "note": note}
            )
        full = {
            "format": FORMAT,
            "version": data["v"],
            "title": data.get("t", ""),
            "slides": slides,
        }
    except (binascii.Error, ValueError, KeyError, TypeError, AttributeError):
        raise StoryError(N_("The story link is damaged or too long.")) from None
    return validate_story(full, is_known)


def story_link(story: Story) -> str:
    """The story page's address holding ``story``."""
    return f"/story?s={encode_link(story)}"


# --- editing ---------------------------------------------------------------------------------


def from_store(data: Any) -> Story:
    """The story in the browser's store (an empty story when the store is empty or damaged)."""
    try:
        return validate_story(data)
    except StoryError:
        return Story()


def add_slide(story: Story, url: str, title: str = "", note: str = "") -> Story:
    """``story`` with the view at ``url`` (path and query) appended.

    Examples
    --------
    >>> add_slide(Story(), "/flows?top=5&present=1", "Corridors").slides
    (Slide(path='/flows', query='?top=5', title='Corridors', note=''),)
    """
    if len(story.slides) >= MAX_SLIDES:
        raise StoryError(
            *NN_("A story holds at most {n} slide.", "A story holds at most {n} slides."),
            MAX_SLIDES,
            n=MAX_SLIDES,
        )
    path, _, query = url.partition("?")
    slide = Slide(path or "/", clean_query(query), title.strip()[:MAX_TITLE], note[:MAX_NOTE])
    return replace(story, slides=(*story.slides, slide))


def move_slide(story: Story, index: int, step: int) -> Story:
    """``story`` with slide ``index`` moved ``step`` places (kept inside the list)."""
    target = index + step
    if not (0 <= index < len(story.slides) and 0 <= target < len(story.slides)):
        return story
    slides = list(story.slides)
    slides[index], slides[target] = slides[target], slides[index]
    return replace(story, slides=tuple(slides))


def remove_slide(story: Story, index: int) -> Story:
    """``story`` without slide ``index``."""
    if not 0 <= index < len(story.slides):
        return story
    return replace(story, slides=story.slides[:index] + story.slides[index + 1 :])


def with_fields(story: Story, title: str | None, titles: list, notes: list) -> Story:
    """``story`` with the text its edit fields hold: the story's title, each slide's title and note.

    The fields must be the ones drawn for ``story`` (one title and one note per slide); when
    their number differs, they belong to another story and ``story`` is returned unchanged.
    Titles are stripped and every text cut to its limit, as when it is typed.

    Examples
    --------
    >>> story = add_slide(Story("Seminar"), "/flows", "Corridors", "Say this.")
    >>> with_fields(story, " Seminar ", ["Routes"], ["Say this."]).slides[0].title
    'Routes'
    >>> with_fields(story, "Other", [], []) == story
    True
    """
    if not (len(titles) == len(notes) == len(story.slides)):
        return story
    slides = tuple(
        replace(
            slide,
            title=(new_title or "").strip()[:MAX_TITLE],
            note=(new_note or "")[:MAX_NOTE],
        )
        for slide, new_title, new_note in zip(story.slides, titles, notes, strict=True)
    )
    new_title = story.title if title is None else title.strip()[:MAX_TITLE]
    return Story(title=new_title, slides=slides)
