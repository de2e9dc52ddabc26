"""The Dash application: shell, navigation and server (``server`` is what gunicorn serves).

Pages register themselves (Dash Pages) and are imported explicitly below; the shell builds its
navigation from the page registry, in the request's language. ``app`` is created once per
process at import; nothing in it is translated then.
"""

from __future__ import annotations

import gc
import re
from html import escape as html_escape

import dash
import flask
from dash import ALL, Input, Output, State, dcc, html
from flask import Flask, Response, jsonify, request

from dashboard import ids
from dashboard.accounts.web import configure_accounts
from dashboard.components.datasets import dataset_chooser
from dashboard.components.language import language_menu
from dashboard.components.present import add_to_story_form, exit_button, is_view_path
from dashboard.dataset import Dataset, bundled_dataset
from dashboard.downloads import register_routes as register_downloads
from dashboard.figures.theme import PRESENT_FONT_SIZE
from dashboard.paths import ASSETS_DIR
from dashboard.registry import BASELINE, current_dataset, install
from dashboard.schemas import TABLES
from dashboard.serving import cache_validation_layout, configure_index, configure_serving
from dashboard.stories import StoryError, add_slide, from_store
from dashboard.text import N_, Text
from dashboard.text.languages import COOKIE, known
from dashboard.web.address import current_text, link, value
from dashboard.web.boundary import configure_boundary
from dashboard.web.callbacks import view_callback
from dashboard.web.first_page import page_container, serving_layout
from dashboard.web.first_paint import ASSETS_IGNORE as FIRST_PAINT_SCRIPT
from dashboard.web.first_paint import configure_first_paint
from dashboard.web.security import configure_security
from dashboard.web.uploads import configure_uploads
from dashboard.web.workspace import uploaded_dataset

BRAND = N_("Trafficking in persons · Southern Mediterranean")
CALLBACK_FAILED = N_(
    "Something went wrong while updating this view, so part of it was not updated. "
    "The rest of the page still works: try another setting, or reload the page."
)


def _navigation(text: Text) -> html.Nav:
    dataset = current_dataset()

    def path(page: dict) -> str:
        default = page.get("default_path")
        return default(dataset) if default else page["relative_path"]

    links = [
        dcc.Link(text.gettext(page["name"]), href=link(path(page)), className="nav-link")
        for page in dash.page_registry.values()
        if page.get("nav", True)
    ]
    return html.Nav(links, className="nav", **{"aria-label": text.gettext("Views")})


def shell() -> html.Div:
    """The layout around every page: header, navigation, page container (in the language of
    the page's address: ``_dash-layout`` is asked for by the page, see ``web.address``)."""
    text = current_text()
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            # The story lives in the browser (local storage), shared by every view.
            dcc.Store(id=ids.STORY_STORE, storage_type="local"),
            html.Header(
                [
                    html.A(text.gettext(BRAND), href=link("/"), className="brand"),
                    _navigation(text),
                    add_to_story_form(text),
                    # assets/present.js keeps this link's query equal to the view's (plus
                    # present=1), so presenting keeps the view's state.
                    html.A(
                        text.gettext("Present"),
                        id=ids.PRESENT_TOGGLE,
                        href="?present=1",
                        className="button present-toggle",
                        title=text.gettext(
                            "Presenter mode: large text, no controls (Escape leaves)"
                        ),
                    ),
                    language_menu(text),
                    # Members of the platform sign in here; the views need no account.
                    html.A(
                        text.gettext("Members"),
                        href=link("/account/login"),  # signed in: on to /account
                        className="nav-link account-link",
                    ),
                    dataset_chooser(text),
                ],
                className="shell-header",
            ),
            html.Div(id=ids.ERROR_BANNER, role="alert", className="error-banner"),
            html.Main(page_container(), className="shell-main"),
            exit_button(text),
        ],
        className="shell",
        # Read by assets/present.js: one font size for every figure on a projector.
        **{"data-present-font-size": str(PRESENT_FONT_SIZE)},
        lang=text.lang,
        dir=text.direction,
    )


class DashboardDash(dash.Dash):
    """Dash with the page's language and direction on ``<html>`` in its first byte (the index
    is the page itself, so its own query and cookie say which), and a shell that comes with the
    page it is served to (:mod:`dashboard.web.first_page`)."""

    def serve_layout(self):
        """The shell, with the page it is served to already in it (web/first_page.py)."""
        serving_layout()
        return super().serve_layout()

    def interpolate_index(self, **kwargs: str) -> str:
        text = current_text()
        kwargs["title"] = html_escape(text.gettext(BRAND))
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{text.lang}" dir="{text.direction}">', 1)


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

    @view_callback(
        output={
            "story": Output(ids.STORY_STORE, "data", allow_duplicate=True),
            "status": Output(ids.STORY_ADD_STATUS, "children"),
            "title": Output(ids.STORY_ADD_TITLE, "value"),
            "note": Output(ids.STORY_ADD_NOTE, "value"),
        },
        inputs={
            "added": Input(ids.STORY_ADD_URL, "data"),
            "title": State(ids.STORY_ADD_TITLE, "value"),
            "note": State(ids.STORY_ADD_NOTE, "value"),
            "stored": State(ids.STORY_STORE, "data"),
        },
        prevent_initial_call=True,
    )
    def add_view_to_story(added, title, note, stored) -> dict:
        text = current_text()
        kept = {"story": dash.no_update, "title": title, "note": note}
        url = (added or {}).get("url", "")
        path = url.partition("?")[0]
        if not is_view_path(path):
            return {**kept, "status": text.gettext("Open a view (map, flows …) to add it.")}
        story = from_store(stored)
        try:
            story = add_slide(story, url, title or "", note or "")
        except StoryError as error:
            return {**kept, "status": text.render(error.message)}
        message = text.gettext("Added as slide {n} of the story.", n=len(story.slides))
        return {"story": story.to_dict(), "status": message, "title": "", "note": ""}


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

        text = current_text()
        try:
            story = decode_link(request.args.get("s", ""), is_view_path)
        except StoryError as error:
            return Response(text.render(error.message), status=400, mimetype="text/plain")
        if not story.slides:
            return Response(
                text.gettext("The story has no slides."), status=400, mimetype="text/plain"
            )
        name = re.sub(r"[^a-z0-9]+", "-", story.title.lower()).strip("-") or "story"
        return Response(
            export_story(story, server, text),
            mimetype="text/html",
            headers={"Content-Disposition": f'attachment; filename="story_{name}.html"'},
        )

    @server.after_request
    def remember_language(response: Response) -> Response:
        # A page opened with lang= in its address remembers the choice for addresses without.
        chosen = known(value("lang"))
        is_page = request.method == "GET" and response.mimetype == "text/html"
        if chosen and is_page and request.cookies.get(COOKIE) != chosen:
            response.set_cookie(COOKIE, chosen, max_age=365 * 86400, samesite="Lax")
        return response


def _on_callback_error(error: Exception) -> None:
    """Any failing callback: log it for us, tell the user in plain words, keep the page.

    The outputs of the failed callback are left as they were (``None`` means no update), so
    the view keeps working and nothing the user did is lost; no stack trace reaches the page.
    """
    flask.current_app.logger.error("callback failed", exc_info=error)
    dash.set_props(ids.ERROR_BANNER, {"children": current_text().gettext(CALLBACK_FAILED)})


def create_app(dataset: Dataset | None = None) -> dash.Dash:
    """Create the Dash app serving ``dataset`` (the bundled data by default) as its baseline."""
    server = Flask("dashboard")
    install(server, {BASELINE: dataset or bundled_dataset()}, lookup=uploaded_dataset)
    configure_uploads(server)  # request size limit, template downloads
    configure_serving(server)  # compression, cache headers
    configure_first_paint(server)  # the map shapes of a first paint, as scripts
    app = DashboardDash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        assets_ignore=FIRST_PAINT_SCRIPT,  # placed after plotly.js by configure_index
        title="",  # each page's title is set in its language (see pages.frame.page_title)
        serve_locally=True,
        on_error=_on_callback_error,
        update_title=None,
    )
    from dashboard import pages  # noqa: F401 - registers every page

    app.layout = shell
    configure_boundary(app)  # every callback request checked before Dash dispatches it
    configure_index(app)  # index: unused scripts left out, first render loaded early
    cache_validation_layout(app)
    _register_shell_callbacks(app)
    _register_routes(server)
    configure_accounts(server)  # members: sessions, sign-in, CSRF, shared datasets (issue 13)
    configure_security(server, app)  # CSP (hashes of the inline scripts), nosniff, HSTS …
    return app


app = create_app()
server = app.server
# What is loaded by now (modules, the dataset and what it precomputes) lives as long as the
# process. Frozen out of the garbage collector's sight, it is no longer walked by each full
# collection: that took about 100 ms with the data loaded, added to whichever request set it
# off. (With gunicorn's --preload, it also keeps those memory pages shared between workers.)
gc.collect()
gc.freeze()
