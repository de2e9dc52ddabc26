"""Sources view (``/sources``): every dataset's producer, licence, citation and processing."""

from __future__ import annotations

import dash
from dash import html

from dashboard.context import current_dataset
from dashboard.i18n import t

dash.register_page(__name__, path="/sources", name="Sources", order=6, title="Sources")

#: Methodology notes shown on the page (English messages, translated when shown).
METHODOLOGY = (
    (
        "Suppressed counts",
        "UNODC publishes counts from 1 to 4 as “<5”. We keep them as the interval 1–4, never "
        "as 0 or a guess: every total that includes one is a range such as “12–27”. Maps colour "
        "a range by its lower bound (“at least”) and show the whole range on hover.",
    ),
    (
        "No report is not zero",
        "A country that did not report a figure for a year has no value: it is shown as missing, "
        "never as zero, and not interpolated from other years.",
    ),
    (
        "Double reporting",
        "A victim detected in one country and repatriated to another may be counted by both. "
        "Detections by citizenship (origin → country of detection) and repatriation links are "
        "kept apart and never added together; repatriation links have no reliable direction.",
    ),
    (
        "Migration is context, not trafficking",
        "Irregular border crossings (Frontex), dead and missing migrants (IOM), migrant stocks "
        "(UN DESA) and refugees (UNHCR) describe migration, not trafficking. They are labelled "
        "as such and never added to counts of trafficking victims. Frontex counts detections of "
        "crossings, not persons: one person may cross, and be counted, more than once.",
    ),
    (
        "Detected victims are not all victims",
        "The figures count victims that authorities detected. They reflect each country's "
        "capacity and priorities as much as the extent of trafficking.",
    ),
)


def _dataset_card(meta: dict) -> html.Article:
    rows = [
        (t("Producer"), meta.get("producer")),
        (t("Licence"), meta.get("licence")),
        (t("Version"), meta.get("version")),
        (t("Accessed"), meta.get("accessed")),
        (t("Citation"), meta.get("citation")),
        (t("Tables"), ", ".join(meta.get("tables", []))),
    ]
    url = meta.get("url")
    return html.Article(
        [
            html.H2(meta.get("title", meta["id"])),
            html.Dl(
                [
                    item
                    for label, value in rows
                    if value
                    for item in (html.Dt(label), html.Dd(value))
                ]
                + ([html.Dt(t("Address")), html.Dd(html.A(url, href=url))] if url else [])
            ),
            html.H3(t("How we processed it")),
            html.Ul([html.Li(step) for step in meta.get("processing", [])]),
            *(
                [html.H3(t("Caveats")), html.Ul([html.Li(c) for c in meta["caveats"]])]
                if meta.get("caveats")
                else []
            ),
        ],
        className="source-card",
        id=f"source-{meta['id']}",
    )


def layout(**_: str) -> html.Div:
    dataset = current_dataset()
    return html.Div(
        [
            html.H1(t("Sources, licences and methodology")),
            html.P(
                t(
                    "Every figure in this dashboard comes from one of the public datasets below. "
                    "The tidy tables and the code that derives them from the published files are "
                    "open; each download carries its source and citation."
                )
            ),
            html.Section(
                [html.H2(t("Methodology"))]
                + [
                    item
                    for title, text in METHODOLOGY
                    for item in (html.H3(t(title)), html.P(t(text)))
                ],
                className="methodology",
            ),
            html.Section(
                # Trafficking data first, then context and reference data.
                [
                    _dataset_card(meta)
                    for _, meta in sorted(
                        dataset.metadata.items(),
                        key=lambda item: (item[0] != "unodc-glotip", item[0]),
                    )
                ],
                className="source-cards",
            ),
        ],
        className="page page-sources prose",
    )
