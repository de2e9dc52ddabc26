"""A world map of the parties to a UN treaty in a year (:mod:`dashboard.figures.reforms` has the
other Reforms figures and their options).

Pure ``(analytics frame, options) -> figure``; no Dash, no I/O. The map's shapes are the app's
own files: the page's graph config says where they are served, nothing here names a server.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd

from dashboard.analytics.treaty_parties import PARTY_STATUSES
from dashboard.figures.plotly_dict import Figure, figure
from dashboard.figures.plotly_dict import empty as message_figure
from dashboard.figures.reforms import (
    DEFAULT_OPTIONS,
    NO_COUNTRIES,
    ReformOptions,
    country_name,
    layout_for,
)
from dashboard.text import Text
from dashboard.text.milestones import action_label, milestone_label, party_status_label

#: Map colours per standing towards a treaty (parties dark, as of the snapshot lighter).
STATUS_COLOURS = {
    "party": "#0072B2",
    "party-as-of-snapshot": "#56B4E9",
    "signatory": "#E69F00",
    "not-yet-party": "#F0E442",
    "signatory-as-of-snapshot": "#f3c57a",
    "not-party-as-of-snapshot": "#d5d9dd",
    "not-known": "#eceff1",
}


def parties_map_figure(
    parties: pd.DataFrame, treaty: str, year: int, options: ReformOptions = DEFAULT_OPTIONS
) -> Figure:
    """A world map of every country's standing towards ``treaty`` at the end of ``year``.

    ``parties`` is :func:`dashboard.analytics.treaty_parties.parties_in_year`; one choropleth
    trace per standing (the legend), shapes from the app's own map files (the page's graph
    config sets where they are served; nothing here names a server).
    """
    text = options.text
    if parties.empty:
        return message_figure(options.title, text.gettext(NO_COUNTRIES), options.font_size)
    as_of = parties["as_of"].dropna()
    snapshot = str(as_of.iloc[0]) if len(as_of) else None
    data = []
    for status in PARTY_STATUSES:
        rows = parties[parties["status"] == status]
        if rows.empty:
            continue
        label = party_status_label(status, snapshot, text)
        colour = STATUS_COLOURS[status]
        data.append(
            {
                "type": "choropleth",
                "locations": rows["iso3"].tolist(),
                "locationmode": "ISO-3",
                "z": [0] * len(rows),
                "zmin": 0,
                "zmax": 1,
                "colorscale": [[0, colour], [1, colour]],
                "showscale": False,
                "showlegend": True,
                "name": label,
                "marker": {"line": {"color": "#ffffff", "width": 0.5}},
                "hovertext": [
                    _party_hover(row, label, treaty, text, options)
                    for row in rows.to_dict("records")
                ],
                "hoverinfo": "text",
                # What it draws (named by the title: "Parties to the ... at the end of ...").
                "meta": {"measure": "treaty-parties", "context": False},
            }
        )
    layout = layout_for(options, 520)
    layout.update(
        geo={
            "resolution": 50,
            "scope": "world",
            "projection": {"type": "natural earth", "rotation": {"lon": 0}},
            "lonaxis": {"range": [-180, 180]},
            "lataxis": {"range": [-58, 84]},  # no Antarctica: no state there
            "showcountries": True,
            "countrycolor": "#ffffff",
            "showland": True,
            "landcolor": "#eceff1",
            "showocean": True,
            "oceancolor": "#f4f8fb",
            "showframe": False,
            "showcoastlines": False,
        },
        legend={"orientation": "h", "x": 0.01, "y": -0.02, "yanchor": "top"},
        margin={"l": 0, "r": 0, "t": 48, "b": 90},
        dragmode="pan",
    )
    return figure(data, layout, text)


def _party_hover(row: Mapping, label: str, treaty: str, text: Text, options: ReformOptions) -> str:
    lines = [f"<b>{html.escape(country_name(options, row['iso3']))}</b>", html.escape(label)]
    if pd.notna(row["party_date"]):
        lines.append(
            text.gettext(
                "{act} of the {treaty}: {date}",
                act=action_label(row["party_action"], text),
                treaty=milestone_label(treaty, text),
                date=text.date(row["party_date"], row["party_precision"]),
            )
        )
    if pd.notna(row["signature_date"]):
        lines.append(
            text.gettext(
                "Signature: {date}",
                date=text.date(row["signature_date"], row["signature_precision"]),
            )
        )
    return "<br>".join(lines)
