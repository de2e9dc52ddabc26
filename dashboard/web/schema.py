"""What every callback input accepts, in one place: component property → :class:`Accept`.

Applied to every callback request before any callback runs (:mod:`dashboard.web.boundary`): a
value that does not fit becomes the default declared here (the view's default, or ``None``,
which the views read as "not set") and the user is told. Keys are ``(component id, property)``;
a pattern-matching component is named by its ``type``. A property without an entry here is
read by :data:`BY_PROPERTY`, else as bounded JSON (:data:`FALLBACK`); the tests require an
entry for every input of every registered callback, so a new callback declares its own.
"""

from __future__ import annotations

import math
from collections.abc import Collection

from dashboard import ids
from dashboard.analytics.indicators import SPECS
from dashboard.exchange.reading import DEFAULT_LIMITS
from dashboard.exchange.store import MAX_TITLE as MAX_DATASET_TITLE
from dashboard.registry import current_dataset
from dashboard.schemas import AGE, EXPLOITATION, MEASURES, SEX, TREATY_MILESTONES
from dashboard.state import DATA_KINDS, TOP_CHOICES, ViewState
from dashboard.stories import MAX_FILE_BYTES, MAX_NOTE, MAX_TITLE, StoryError, validate_story
from dashboard.web.inputs import (
    Accept,
    checked,
    choice,
    choices,
    count,
    items,
    json_data,
    record,
    scalar,
    span,
    text,
    whole,
)

#: The largest upload a request may carry (base64 of the largest file, and the rest of the body).
UPLOAD_BODY_LIMIT = math.ceil(DEFAULT_LIMITS.max_bytes * 4 / 3) + 1_000_000
#: Years any control may hold (the views keep them inside their data's years).
FIRST_YEAR, LAST_YEAR = 1900, 2100
DEFAULTS = ViewState()


def _country_codes() -> Collection[str]:
    return current_dataset().country_codes


def _story(value: object) -> dict:
    # As the story callbacks read the store (stories.from_store): any path, checked shape.
    return validate_story(value).to_dict()


def _map_year() -> int | None:
    from dashboard.views.map import MAP

    return MAP.defaults(current_dataset()).year


COUNTRY = choice(_country_codes)
COUNTRIES = choices(_country_codes)
YEARS = span(FIRST_YEAR, LAST_YEAR)
YEAR = whole(FIRST_YEAR, LAST_YEAR)
MEASURE = choice(MEASURES, DEFAULTS.measure)
INDICATOR = choice(tuple(SPECS), DEFAULTS.indicator)
STORY = checked(_story, (StoryError,))
#: A click on a plotly graph: at least one point, each an object of plain values.
CLICK = record(
    {
        "points": items(
            record(
                {
                    "location": text(20),
                    "customdata": items(scalar(), most=50),
                    "curveNumber": whole(0, 10_000),
                    "pointIndex": whole(0, 10**7),
                }
            ),
            most=1000,
            least=1,
        )
    },
    required=("points",),
)
#: The grid's request for a block of rows (AG Grid's infinite row model); its filter model
#: is read by ``analytics.grid_rows``, which ignores what it does not understand.
ROWS_REQUEST = record(
    {
        "startRow": whole(0, 10**8, 0),
        "endRow": whole(0, 10**8, 100),
        "sortModel": items(
            record({"colId": text(100), "sort": choice(("asc", "desc"), "asc")}), most=50
        ),
        "filterModel": json_data({}),
    }
)

SCHEMA: dict[tuple[str, str], Accept] = {
    # The page router (Dash Pages) and the address bar: a path and a query string.
    ("_pages_location", "pathname"): text(2000, "/", prefix="/", empty=False),
    ("_pages_location", "search"): text(4000, "", prefix="?"),
    (ids.URL, "search"): text(4000, "", prefix="?"),
    # Map
    (ids.MAP_INDICATOR, "value"): INDICATOR,
    (ids.MAP_EXPLOITATION, "value"): choice(EXPLOITATION, DEFAULTS.exploitation),
    (ids.MAP_YEAR, "value"): whole(FIRST_YEAR, LAST_YEAR, _map_year),
    (ids.MAP_MEASURE, "value"): MEASURE,
    (ids.MAP_LAYERS, "value"): items(choice(("lines", "incidents")), most=10, default=["lines"]),
    (ids.MAP_FOCUS, "data"): COUNTRY,
    # A view's query as its page last wrote it (compared, never parsed, by the map's callback).
    ("view-state", "data"): text(4000, ""),
    (ids.MAP_GRAPH, "clickData"): CLICK,
    # Flows
    (ids.FLOWS_MEASURE, "value"): MEASURE,
    (ids.FLOWS_YEARS, "value"): YEARS,
    (ids.FLOWS_COUNTRIES, "value"): COUNTRIES,
    (ids.FLOWS_TOP, "value"): choice(TOP_CHOICES, DEFAULTS.top),
    # The breakdown filters (uploaded flows have them).
    (ids.FLOWS_EXPLOITATION, "value"): choice(EXPLOITATION, DEFAULTS.exploitation),
    (ids.FLOWS_SEX, "value"): choice(SEX, DEFAULTS.sex),
    (ids.FLOWS_AGE, "value"): choice(AGE, DEFAULTS.age),
    # Compare
    (ids.COMPARE_COUNTRIES, "value"): COUNTRIES,
    (ids.COMPARE_INDICATOR, "value"): INDICATOR,
    (ids.COMPARE_YEARS, "value"): YEARS,
    # Country
    (ids.COUNTRY_YEARS, "value"): YEARS,
    (ids.COUNTRY_CODE, "data"): text(20),  # any text: the view says when it is no country
    # Reforms
    (ids.REFORMS_COUNTRY, "value"): COUNTRY,
    (ids.REFORMS_CHOSEN, "data"): record({"country": text(20), "milestone": text(200)}),
    (ids.REFORMS_COUNTRIES, "value"): COUNTRIES,
    (ids.REFORMS_TREATY, "value"): choice(TREATY_MILESTONES, DEFAULTS.treaty),
    (ids.REFORMS_YEAR, "value"): YEAR,
    (ids.REFORMS_TIMELINE, "clickData"): CLICK,
    (ids.REFORMS_SIDE_BY_SIDE, "clickData"): CLICK,
    # Data
    (ids.DATA_KIND, "value"): choice(DATA_KINDS, DEFAULTS.kind),
    (ids.DATA_MEASURE, "value"): MEASURE,
    (ids.DATA_INDICATOR, "value"): INDICATOR,
    (ids.DATA_YEARS, "value"): YEARS,
    (ids.DATA_COUNTRIES, "value"): COUNTRIES,
    (ids.DATA_SELECTION, "data"): record(
        {
            "kind": choice(DATA_KINDS, DEFAULTS.kind),
            "measure": MEASURE,
            "indicator": INDICATOR,
            "years": items(YEAR, most=2, holes=True),  # no years: a dataset without data
            "countries": COUNTRIES,
        }
    ),
    (ids.DATA_TABLE, "getRowsRequest"): ROWS_REQUEST,
    # Upload: the file as dcc.Upload sends it (base64: the server's body limit caps it first),
    # the dataset chosen or to replace (an id; the store says when it is not the requester's),
    # a title, and k (any plain value: the store refuses a bad one with its own sentence).
    (ids.UPLOAD_FILE, "contents"): text(UPLOAD_BODY_LIMIT),
    (ids.UPLOAD_FILE, "filename"): text(500),
    (ids.UPLOAD_TARGET, "value"): text(64),
    (ids.UPLOAD_CHOSEN, "value"): text(64),
    (ids.UPLOAD_TITLE, "value"): text(MAX_DATASET_TITLE * 2),
    (ids.UPLOAD_K, "value"): scalar(),
    # Story
    (ids.STORY_STORE, "data"): STORY,
    (ids.STORY_LINK_DATA, "data"): STORY,
    (ids.STORY_RENDERED, "data"): text(200),
    (ids.STORY_ADD_URL, "data"): record({"url": text(4000, ""), "n": count()}),
    (ids.STORY_ADD_TITLE, "value"): text(MAX_TITLE * 2),
    (ids.STORY_ADD_NOTE, "value"): text(MAX_NOTE * 2),
    (ids.STORY_LOAD, "contents"): text(MAX_FILE_BYTES * 4 // 3 + 1000),
    (ids.STORY_LOAD, "filename"): text(500),
    # The slide list's fields (pattern-matching ids, named by their type).
    ("story-slide-story-title", "value"): text(MAX_TITLE * 2),
    ("story-slide-title", "value"): text(MAX_TITLE * 2),
    ("story-slide-note", "value"): text(MAX_NOTE * 2),
}

#: Properties that hold the same kind of value in every component.
BY_PROPERTY: dict[str, Accept] = {"n_clicks": count()}
#: Anything else: bounded JSON (the callback must check its shape itself).
FALLBACK = json_data()


def accept_for(component: str | dict, prop: str) -> tuple[Accept, bool]:
    """What ``component.prop`` accepts, and whether it is declared (here or by property)."""
    name = component.get("type", "") if isinstance(component, dict) else component
    found = SCHEMA.get((str(name), prop)) or BY_PROPERTY.get(prop)
    return (found, True) if found else (FALLBACK, False)
