"""Unknown addresses get a clear page with a way back, never a stack trace."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.pages.frame import page_title
from dashboard.text import labels
from dashboard.web.address import current_text, link

dash.register_page(
    __name__, path="/404", name=labels.VIEWS["not-found"], nav=False, title=page_title("not-found")
)


def layout(**_: str) -> html.Div:
    text = current_text()
    return html.Div(
        [
            html.H1(text.gettext("This page does not exist")),
            html.P(text.gettext("The address may be mistyped or out of date.")),
            dcc.Link(text.gettext("Go to the map"), href=link("/")),
        ],
        className="page page-404",
    )
