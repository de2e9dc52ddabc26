"""The views, one module each; importing this package registers them in order."""

import dash

from dashboard.pages import (
    compare,
    country,
    data,
    flows,
    not_found_404,
    reforms,
    sources,
    story,
    upload,
)
from dashboard.pages import map as map_view

PAGES = (map_view, flows, compare, reforms, country, data, sources, story, upload, not_found_404)

# Dash's own page importer attaches each module's ``layout`` to the registry; we import the
# modules explicitly (no path guessing), so we attach them here.
for _module in PAGES:
    dash.page_registry[_module.__name__]["layout"] = _module.layout
