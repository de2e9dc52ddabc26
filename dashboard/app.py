"""The Dash application: shell, navigation and server (``server`` is what gunicorn serves).

Pages register themselves (Dash Pages) and are imported explicitly below; the shell builds its
navigation from the page registry. ``app`` is created once per process at import.
"""

from __future__ import annotations

import gc
import re

import dash
import flask
from dash import ALL, Input, Output, State, dcc, html
from flask import Flask, Response, jsonify, request

from dashboard import ids
from dashboard.components.present import add_to_story_form, exit_button, is_view_path
from dashboard.context import CONFIG_KEY, current_dataset
from dashboard.dataset import Dataset, bundled_dataset
from dashboard.downloads import register_routes as register_downloads
from dashboard.figures.theme import PRESENT_FONT_SIZE
from dashboard.i18n import DEFAULT_LANGUAGE, direction, t
from dashboard.paths import ASSETS_DIR
from dashboard.schemas import TABLES
from dashboard.serving import configure_serving
from dashboard.stories import StoryError, add_slide, from_store


def _navigation() -> html.Nav:
    links = [
        dcc.Link(t(page["name"]), href=page["relative_path"], className="nav-link")
        for page in dash.page_registry.values()
        if page.get("nav", True)
    ]
    return html.Nav(links, className="nav", **{"aria-label": t("Views")})


def shell() -> html.Div:
    """The layout around every page: header, navigation, page container."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            # The story lives in the browser (local storage), shared by every view.
            dcc.Store(id=ids.STORY_STORE, storage_type="local"),
            html.Header(
                [
                    html.A(
                        t("Trafficking in persons · Southern Mediterranean"),
                        href="/",
                        className="brand",
                    ),
                    _navigation(),
                    add_to_story_form(),
                    # assets/present.js keeps this link's query equal to the view's (plus
                    # present=1), so presenting keeps the view's state.
                    html.A(
                        t("Present"),
                        id=ids.PRESENT_TOGGLE,
                        href="?present=1",
                        className="button present-toggle",
                        title=t("Presenter mode: large text, no controls (Escape leaves)"),
                    ),
                ],
                className="shell-header",
            ),
            html.Div(id=ids.ERROR_BANNER, role="alert", className="error-banner"),
            html.Main(dash.page_container, className="shell-main"),
            exit_button(),
        ],
        className="shell",
        # Read by assets/present.js: one font size for every figure on a projector.
        **{"data-present-font-size": str(PRESENT_FONT_SIZE)},
        lang=DEFAULT_LANGUAGE,
        dir=direction(DEFAULT_LANGUAGE),
    )


def _register_shell_callbacks(app: dash.Dash) -> None:
    # One writer of the URL's query: each page keeps its query string in a view-state store and
    # this copies it into the address bar (refresh=False: the page is not re-rendered).
    # While presenting (present=1 in the address), present=1 is kept: views never write it.
    app.clientside_callback(
        """
        function(states) {
            const found = (states || []).find(s => typeof s === "string");
            if (found === undefined) { return window.dash_clientside.no_update; }
            const present = new URLSearchParams(window.location.search).get("present") === "1";
            if (!present || /[?&]present=1(&|$)/.test(found)) { return found; }
            return found ? found + "&present=1" : "?present=1";
        }
        """,
        Output(ids.URL, "search"),
        Input(ids.view_state(ALL), "data"),
        prevent_initial_call=True,
    )
    # "Add this view": the address is read in the browser (always the one shown), then the
    # story is extended on the server with the pure functions of dashboard.stories.
    app.clientside_callback(
        """
        function(n) {
            if (!n) { return window.dash_clientside.no_update; }
            return {url: window.location.pathname + window.location.search, n: n};
        }
        """,
        Output(ids.STORY_ADD_URL, "data"),
        Input(ids.STORY_ADD, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.STORY_STORE, "data", allow_duplicate=True),
        Output(ids.STORY_ADD_STATUS, "children"),
        Output(ids.STORY_ADD_TITLE, "value"),
        Output(ids.STORY_ADD_NOTE, "value"),
        Input(ids.STORY_ADD_URL, "data"),
        State(ids.STORY_ADD_TITLE, "value"),
        State(ids.STORY_ADD_NOTE, "value"),
        State(ids.STORY_STORE, "data"),
        prevent_initial_call=True,
    )
    def add_view_to_story(added, title, note, stored):
        url = (added or {}).get("url", "")
        path = url.partition("?")[0]
        if not is_view_path(path):
            return dash.no_update, t("Open a view (map, flows …) to add it."), title, note
        story = from_store(stored)
        try:
            story = add_slide(story, url, title or "", note or "")
        except StoryError as error:
            return dash.no_update, str(error), title, note
        message = t("Added as slide {n} of the story.", n=len(story.slides))
        return story.to_dict(), message, "", ""


def _register_routes(server: Flask) -> None:
    # Every view's CSV downloads (/download/<view>/<name>.csv): plain GET routes too.
    register_downloads(server)

    @server.route("/health")
    def health() -> object:
        dataset = current_dataset()
        rows = {name: len(getattr(dataset, name)) for name in TABLES}
        return jsonify(status="ok", dataset=dataset.label, rows=rows)

    @server.route("/export/story.html")
    def story_export() -> object:
        # A plain download, not a callback: the file (several MB, plotly.js inside) never
        # travels base64-encoded inside a JSON callback answer.
        from dashboard.stories import decode_link
        from dashboard.story_export import export_story

        try:
            story = decode_link(request.args.get("s", ""), is_view_path)
        except StoryError as error:
            return Response(str(error), status=400, mimetype="text/plain")
        if not story.slides:
            return Response(t("The story has no slides."), status=400, mimetype="text/plain")
        name = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-") or "story"
        return Response(
            export_story(story, server),
            mimetype="text/html",
            headers={"Content-Disposition": f'attachment; filename="story_{name}.html"'},
        )


def _on_callback_error(error: Exception) -> None:
    """Any failing callback: log it for us, tell the user in plain words, keep the page.

    The outputs of the failed callback are left as they were (``None`` means no update), so
    the view keeps working and nothing the user did is lost; no stack trace reaches the page.
    """
    flask.current_app.logger.error("callback failed", exc_info=error)
    dash.set_props(
        ids.ERROR_BANNER,
        {
            "children": t(
                "Something went wrong while updating this view, so part of it was not updated. "
                "The rest of the page still works: try another setting, or reload the page."
            )
        },
    )


def create_app(dataset: Dataset | None = None) -> dash.Dash:
    """Create the Dash app serving ``dataset`` (the bundled data by default)."""
    server = Flask("dashboard")
    server.config[CONFIG_KEY] = dataset or bundled_dataset()
    configure_serving(server)  # compression, cache headers
    app = dash.Dash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        title=t("Trafficking in persons · Southern Mediterranean"),
        serve_locally=True,
        on_error=_on_callback_error,
        update_title=None,
    )
    from dashboard import pages  # noqa: F401 - registers every page

    app.layout = shell
    _register_shell_callbacks(app)
    _register_routes(server)
    return app


app = create_app()
server = app.server
# What is loaded by now (modules, the dataset and what it precomputes) lives as long as the
# process. Frozen out of the garbage collector's sight, it is no longer walked by each full
# collection: that took about 100 ms with the data loaded, added to whichever request set it
# off. (With gunicorn's --preload, it also keeps those memory pages shared between workers.)
gc.collect()
gc.freeze()
