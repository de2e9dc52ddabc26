"""A country's milestones as a list a reader can check: each with its date (to its source's
precision), its type and act, the instrument, the source's own words and a link to the source.

Used by the Reforms view (under a country's timeline, and for the marker chosen on it) and by
the Country view. The source's words are data: shown as written (in their own language, their
direction found by the browser), and marked by the pseudo-language like every word.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.figures.reforms import NO_MILESTONES, instrument_text
from dashboard.text import Text
from dashboard.text.milestones import action_label, milestone_label


def milestone_key_of(row: pd.Series) -> str:
    """The query value naming a row's marker (:func:`dashboard.views.reforms.milestone_key`)."""
    return f"{row['milestone']}_{row['date']}"


def milestone_item(row: pd.Series, text: Text, chosen: bool = False) -> html.Li:
    """One milestone: what and when, the instrument, the quote, the source and its notes."""
    heading = text.gettext(
        "{date} · {milestone} · {act}",
        date=text.date(str(row["date"]), str(row["date_precision"])),
        milestone=milestone_label(row["milestone"], text),
        act=action_label(row["action"], text),
    )
    source = [
        text.gettext("Source:"),
        " ",
        html.A(
            text.data(str(row["source_title"])),
            href=str(row["source_url"]),
            target="_blank",
            rel="noopener noreferrer",
        ),
        " · ",
        text.data(str(row["source_publisher"])),
    ]
    children: list = [
        html.Div(html.Strong(heading), className="milestone-heading"),
        html.Div(instrument_text(row, text), className="milestone-instrument"),
        html.Blockquote(
            text.gettext("“{quote}”", quote=text.data(str(row["quote"]))),
            className="milestone-quote",
            cite=str(row["source_url"]),
            dir="auto",
        ),
        html.Div(source, className="milestone-source hint"),
    ]
    note = row.get("note")
    if isinstance(note, str) and note:
        children.append(
            html.Div([text.gettext("Note:"), " ", text.data(note)], className="milestone-note hint")
        )
    return html.Li(
        children,
        className="milestone chosen" if chosen else "milestone",
        **{"data-milestone": milestone_key_of(row)},
    )


def milestone_list(
    rows: pd.DataFrame, text: Text, chosen: str | None = None, list_id: str | None = None
) -> html.Ol | html.P:
    """Every row of ``rows`` (in their order) as a list; a sentence when there is none."""
    if rows.empty:
        return html.P(text.gettext(NO_MILESTONES), className="hint")
    items = [
        milestone_item(row, text, milestone_key_of(row) == chosen) for _, row in rows.iterrows()
    ]
    props = {"id": list_id} if list_id else {}
    return html.Ol(items, className="milestone-list", **props)
