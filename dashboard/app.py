"""The Dash application: shell, navigation and server (``server`` is what gunicorn serves).

Pages register themselves (Dash Pages) and are imported explicitly below; the shell builds its
navigation from the page registry. ``app`` is created once per process at import.
"""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, dcc, html
from flask import Flask, jsonify
from flask_compress import Compress

from dashboard import ids
from dashboard.context import CONFIG_KEY, current_dataset
from dashboard.dataset import Dataset, bundled_dataset
from dashboard.i18n import DEFAULT_LANGUAGE, direction, t
from dashboard.paths import ASSETS_DIR
from dashboard.schemas import TABLES


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
            html.Header(
                [
                    html.A(
                        t("Trafficking in persons · Southern Mediterranean"),
                        href="/",
                        className="brand",
                    ),
                    _navigation(),
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
            html.Main(dash.page_container, className="shell-main"),
        ],
        className="shell",
        lang=DEFAULT_LANGUAGE,
        dir=direction(DEFAULT_LANGUAGE),
    )


def _register_shell_callbacks(app: dash.Dash) -> None:
    # One writer of the URL's query: each page keeps its query string in a view-state store and
    # this copies it into the address bar (refresh=False: the page is not re-rendered).
    app.clientside_callback(
        """
        function(states) {
            const found = (states || []).find(s => typeof s === "string");
            if (found === undefined) { return window.dash_clientside.no_update; }
            return found;
        }
        """,
        Output(ids.URL, "search"),
        Input(ids.view_state(ALL), "data"),
        prevent_initial_call=True,
    )


def _register_routes(server: Flask) -> None:
    @server.route("/health")
    def health() -> object:
        dataset = current_dataset()
        rows = {name: len(getattr(dataset, name)) for name in TABLES}
        return jsonify(status="ok", dataset=dataset.label, rows=rows)


def create_app(dataset: Dataset | None = None) -> dash.Dash:
    """Create the Dash app serving ``dataset`` (the bundled data by default)."""
    server = Flask("dashboard")
    server.config[CONFIG_KEY] = dataset or bundled_dataset()
    Compress(server)
    app = dash.Dash(
        "dashboard",
        server=server,
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        title=t("Trafficking in persons · Southern Mediterranean"),
        serve_locally=True,
        update_title=None,
    )
    from dashboard import pages  # noqa: F401 - registers every page

    app.layout = shell
    _register_shell_callbacks(app)
    _register_routes(server)
    return app


app = create_app()
server = app.server
