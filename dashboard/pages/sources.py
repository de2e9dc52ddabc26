"""Sources view (``/sources``): every dataset's producer, licence, citation and processing."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.controls import notices
from dashboard.dataset import Dataset
from dashboard.pages.frame import page_notices, page_title
from dashboard.registry import current_dataset
from dashboard.text import Text, labels
from dashboard.text.sources import METHODOLOGY
from dashboard.web.address import current_text

dash.register_page(
    __name__, path="/sources", name=labels.VIEWS["sources"], order=6, title=page_title("sources")
)


def _dataset_card(meta: dict, text: Text) -> html.Article:
    rows = [
        (text.gettext("Producer"), text.meta(meta, "producer")),
        (text.gettext("Licence"), text.meta(meta, "licence")),
        (text.gettext("Version"), text.meta(meta, "version")),
        (text.gettext("Accessed"), meta.get("accessed")),
        # Cited as the producer asks, in its language (marked so, for screen readers).
        (
            text.gettext("Citation"),
            html.Span(cited, lang="en") if (cited := meta.get("citation")) else None,
        ),
        (text.gettext("Tables"), html.Code(", ".join(meta.get("tables", [])))),
    ]
    url = meta.get("url")
    address = [html.Dt(text.gettext("Address")), html.Dd(html.A(url, href=url))] if url else []
    caveats = text.meta(meta, "caveats")
    return html.Article(
        [
            html.H2(text.meta(meta, "title") or meta["id"]),
            html.Dl(
                [
                    item
                    for label, value in rows
                    if value
                    for item in (html.Dt(label), html.Dd(value))
                ]
                + address
            ),
            html.H3(text.gettext("How we processed it")),
            html.Ul([html.Li(step) for step in text.meta(meta, "processing") or []]),
            *(
                [html.H3(text.gettext("Caveats")), html.Ul([html.Li(c) for c in caveats])]
                if caveats
                else []
            ),
        ],
        className="source-card",
        id=f"source-{meta['id']}",
    )


def ordered_sources(dataset: Dataset) -> list[dict]:
    """The sources' metadata: those of trafficking data (the indicators' and the victims'
    flows') first, then context and reference data, each group by id."""
    first = {
        *dataset.sources("indicators"),
        *dataset.sources("flows", measure="trafficking-victims"),
    }
    ordered = sorted(dataset.metadata.items(), key=lambda item: (item[0] not in first, item[0]))
    return [meta for _, meta in ordered]


def layout(**_: str) -> html.Div:
    dataset, text = current_dataset(), current_text()
    return html.Div(
        [
            notices(page_notices(), text),
            html.H1(text.gettext("Sources, licences and methodology")),
            html.P(
                text.gettext(
                    "Every figure in this dashboard comes from one of the public datasets below. "
                    "The tidy tables and the code that derives them from the published files are "
                    "open; each download carries its source and citation."
                )
            ),
            html.Section(
                [html.H2(text.gettext("Methodology"))]
                + [
                    item
                    for title, paragraph in METHODOLOGY
                    for item in (html.H3(text.gettext(title)), html.P(text.gettext(paragraph)))
                ],
                className="methodology",
            ),
            html.Section(
                [_dataset_card(meta, text) for meta in ordered_sources(dataset)],
                className="source-cards",
            ),
        ],
        className="page page-sources prose",
    )
