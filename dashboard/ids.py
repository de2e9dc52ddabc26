"""Every component id in one place, so that a typo is a NameError, not a silent no-op.

Ids are namespaced by view (``map-…``, ``flows-…``). Pattern-matching ids are dicts built by
the functions at the end.
"""

from __future__ import annotations

# Shell (present on every page)
URL = "url"
NOTICES = "shell-notices"
ERROR_BANNER = "shell-error-banner"
PRESENT_TOGGLE = "shell-present-toggle"
LANGUAGE = "shell-language"

# Map view (/)
MAP_GRAPH = "map-graph"
MAP_INDICATOR = "map-indicator"
MAP_YEAR = "map-year"
MAP_PLAY = "map-play"
MAP_PLAY_TIMER = "map-play-timer"
MAP_EXPLOITATION = "map-exploitation"
MAP_LAYERS = "map-layers"
MAP_MEASURE = "map-measure"
MAP_SUMMARY = "map-summary"
MAP_FOCUS = "map-focus"
MAP_DOWNLOAD_BUTTON = "map-download-button"
MAP_SOURCE = "map-source"
MAP_READING = "map-reading"

# Flows view (/flows)
FLOWS_GRAPH = "flows-graph"
FLOWS_MEASURE = "flows-measure"
FLOWS_YEARS = "flows-years"
FLOWS_COUNTRIES = "flows-countries"
FLOWS_TOP = "flows-top"
FLOWS_SUMMARY = "flows-summary"
FLOWS_DOWNLOAD_BUTTON = "flows-download-button"
FLOWS_SOURCE = "flows-source"
FLOWS_EXPLOITATION = "flows-exploitation"
FLOWS_SEX = "flows-sex"
FLOWS_AGE = "flows-age"

# Compare view (/compare)
COMPARE_COUNTRIES = "compare-countries"
COMPARE_INDICATOR = "compare-indicator"
COMPARE_YEARS = "compare-years"
COMPARE_TRENDS = "compare-trends"
COMPARE_SIMILARITY = "compare-similarity"
COMPARE_OVERLAP = "compare-overlap"
COMPARE_CONVERGENCE = "compare-convergence"
COMPARE_READINGS = "compare-readings"
COMPARE_DOWNLOAD_BUTTON = "compare-download-button"
COMPARE_MESSAGE = "compare-message"
COMPARE_TRENDS_READING = "compare-trends-reading"
COMPARE_TRENDS_SOURCE = "compare-trends-source"
COMPARE_SIMILARITY_READING = "compare-similarity-reading"
COMPARE_SIMILARITY_SOURCE = "compare-similarity-source"
COMPARE_SIMILARITY_DOWNLOAD_BUTTON = "compare-similarity-download-button"
COMPARE_OVERLAP_READING = "compare-overlap-reading"
COMPARE_OVERLAP_SOURCE = "compare-overlap-source"
COMPARE_OVERLAP_DOWNLOAD_BUTTON = "compare-overlap-download-button"
COMPARE_CONVERGENCE_READING = "compare-convergence-reading"
COMPARE_CONVERGENCE_SOURCE = "compare-convergence-source"
COMPARE_CONVERGENCE_DOWNLOAD_BUTTON = "compare-convergence-download-button"

# Compare view: institutional convergence (the fifth panel)
COMPARE_INSTITUTIONS = "compare-institutions"
COMPARE_INSTITUTIONS_READING = "compare-institutions-reading"
COMPARE_INSTITUTIONS_SOURCE = "compare-institutions-source"
COMPARE_INSTITUTIONS_DOWNLOAD_BUTTON = "compare-institutions-download-button"

# Reforms view (/reforms)
REFORMS_COUNTRY = "reforms-country"
REFORMS_CHOSEN = "reforms-chosen"
REFORMS_TIMELINE = "reforms-timeline"
REFORMS_TIMELINE_READING = "reforms-timeline-reading"
REFORMS_TIMELINE_SOURCE = "reforms-timeline-source"
REFORMS_TIMELINE_DOWNLOAD_BUTTON = "reforms-timeline-download-button"
REFORMS_DETAIL = "reforms-detail"
REFORMS_LIST = "reforms-list"
REFORMS_COUNTRIES = "reforms-countries"
REFORMS_MESSAGE = "reforms-message"
REFORMS_SIDE_BY_SIDE = "reforms-side-by-side"
REFORMS_SIDE_BY_SIDE_READING = "reforms-side-by-side-reading"
REFORMS_SIDE_BY_SIDE_SOURCE = "reforms-side-by-side-source"
REFORMS_SIDE_BY_SIDE_DOWNLOAD_BUTTON = "reforms-side-by-side-download-button"
REFORMS_GAPS = "reforms-gaps"
REFORMS_GAPS_READING = "reforms-gaps-reading"
REFORMS_GAPS_SOURCE = "reforms-gaps-source"
REFORMS_GAPS_DOWNLOAD_BUTTON = "reforms-gaps-download-button"
REFORMS_TREATY = "reforms-treaty"
REFORMS_YEAR = "reforms-year"
REFORMS_MAP = "reforms-map"
REFORMS_MAP_READING = "reforms-map-reading"
REFORMS_MAP_SOURCE = "reforms-map-source"
REFORMS_MAP_DOWNLOAD_BUTTON = "reforms-map-download-button"

# Country view (/country/<ISO3>)
COUNTRY_SELECT = "country-select"
COUNTRY_CONTENT = "country-content"
COUNTRY_YEARS = "country-years"
COUNTRY_DOWNLOAD_BUTTON = "country-download-button"
COUNTRY_CODE = "country-code"
COUNTRY_KEY_FIGURES = "country-key-figures"
COUNTRY_TRENDS = "country-trends"
COUNTRY_ORIGINS = "country-origins"
COUNTRY_DESTINATIONS = "country-destinations"
COUNTRY_BREAKDOWN = "country-breakdown"
COUNTRY_NETWORK = "country-network"
COUNTRY_GRID = "country-grid"
COUNTRY_CONTEXT = "country-context"
COUNTRY_CONTEXT_TEXT = "country-context-text"
COUNTRY_FLOWS_DOWNLOAD_BUTTON = "country-flows-download-button"
COUNTRY_NAVIGATE = "country-navigate"
COUNTRY_MILESTONES = "country-milestones"
COUNTRY_MILESTONES_DOWNLOAD_BUTTON = "country-milestones-download-button"

# Data view (/data)
DATA_TABLE = "data-table"
DATA_SELECTION = "data-selection"
DATA_KIND = "data-kind"
DATA_MEASURE = "data-measure"
DATA_INDICATOR = "data-indicator"
DATA_YEARS = "data-years"
DATA_COUNTRIES = "data-countries"
DATA_DOWNLOAD_BUTTON = "data-download-button"
DATA_SUMMARY = "data-summary"
DATA_DICTIONARY = "data-dictionary"
DATA_MEASURE_CONTROL = "data-measure-control"
DATA_INDICATOR_CONTROL = "data-indicator-control"

# Upload view (/upload) and the header's dataset chooser
DATASET_CHOOSER = "shell-dataset-chooser"
UPLOAD_FILE = "upload-file"
UPLOAD_TARGET = "upload-target"
UPLOAD_STATUS = "upload-status"
UPLOAD_REPORT = "upload-report"
UPLOAD_PREVIEW = "upload-preview"
UPLOAD_KEEP = "upload-keep"
UPLOAD_DATASETS = "upload-datasets"
UPLOAD_BESIDE = "upload-beside"
UPLOAD_CHOSEN = "upload-chosen"
UPLOAD_TITLE = "upload-title"
UPLOAD_RENAME = "upload-rename"
UPLOAD_DELETE = "upload-delete"
UPLOAD_K = "upload-k"
UPLOAD_K_SET = "upload-k-set"


def beside_panel(page: str) -> str:
    """The container of a view's public-data panel, beside an upload's (components/beside.py);
    the components inside it have ids of their own, ``beside-`` and the view's."""
    return f"{page}-beside"


def view_state(page: str) -> dict[str, str]:
    """The ``dcc.Store`` holding a view's query string (one per page; see ``app.py``)."""
    return {"type": "view-state", "page": page}


# Stories (/story) and presenter mode; the story store and the "add to story" form are in the shell
STORY_STORE = "story-store"
STORY_ADD_TITLE = "story-add-title"
STORY_ADD_NOTE = "story-add-note"
STORY_ADD = "story-add"
STORY_ADD_STATUS = "story-add-status"
STORY_ADD_URL = "story-add-url"
STORY_SLIDES = "story-slides"
STORY_MESSAGE = "story-message"
STORY_PLAY = "story-play"
STORY_PLAY_DUMMY = "story-play-dummy"
STORY_SAVE = "story-save"
STORY_SAVE_DOWNLOAD = "story-save-download"
STORY_LOAD = "story-load"
STORY_LINK = "story-link"
STORY_LINK_DATA = "story-link-data"
STORY_RENDERED = "story-rendered"
STORY_LINKED = "story-linked"
STORY_LINK_ACCEPT = "story-link-accept"
STORY_EXPORT = "story-export"
STORY_CLEAR = "story-clear"
PRESENT_EXIT = "present-exit"


def story_slide_control(kind: str, index: int) -> dict[str, str | int]:
    """A control of slide ``index`` on the story page (``kind``: up, down, remove, title, note).

    The story's own title is ``story_slide_control("story-title", 0)``: like the slides' fields
    it is drawn from the browser's store, so it is a pattern-matching id too.
    """
    return {"type": f"story-slide-{kind}", "index": index}
