"""Unknown addresses get a clear page with a way back, never a stack trace."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.i18n import t

dash.register_page(__name__, path="/404", name="Not found", nav=False, title="Not found")


def layout(**_: str) -> html.Div:
    return html.Div(
        [
            html.H1(t("This page does not exist")),
            html.P(t("The address may be mistyped or out of date.")),
            dcc.Link(t("Go to the map"), href="/"),
        ],
        className="page page-404",
    )
