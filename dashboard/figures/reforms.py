"""Figures of the Reforms data: timelines of milestones, the Protocol-to-law gap and
institutional convergence (the parties to a treaty in a year: :mod:`dashboard.figures.treaty_map`).

Pure functions ``(analytics frame, options) -> figure`` (plain dicts, see
:mod:`dashboard.figures.plotly_dict`); no Dash, no I/O. Every word comes through ``options.text``
(:class:`dashboard.text.Text`) and every date through ``text.date`` at its source's precision:
a date known to the month or the year is placed in the middle of its period and never shown as
a day. A milestone that is not known is not drawn, and is said to be not known.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from dashboard.figures.plotly_dict import Figure, figure
from dashboard.figures.plotly_dict import empty as message_figure
from dashboard.figures.theme import CATEGORICAL, OTHER_COLOUR, base_layout_dict
from dashboard.schemas import MILESTONE_TYPES
from dashboard.text import ENGLISH, N_, Text
from dashboard.text.milestones import action_label, milestone_label
from dashboard.text.reforms import gap_sentence

NO_MILESTONES = N_("No milestones are known for this selection.")
NO_COUNTRIES = N_("Choose at least one country.")

#: Where each type sits within a country's row when several countries share the axis (so that
#: a law and its body, created the same day, do not hide each other).
ROW_OFFSETS = {
    "untoc": -0.3,
    "palermo-protocol": -0.2,
    "smuggling-protocol": -0.1,
    "national-law": 0.0,
    "law-amendment": 0.0,
    "no-specific-law": 0.0,
    "coordination-body": 0.1,
    "national-strategy": 0.2,
    "national-action-plan": 0.2,
    "coe-convention": 0.3,
}
#: Marker colour and symbol per milestone type (Okabe–Ito colours; steps are drawn open).
MARKERS = {
    "untoc": ("#56B4E9", "circle"),
    "palermo-protocol": ("#0072B2", "diamond"),
    "smuggling-protocol": ("#009E73", "square"),
    "national-law": ("#E69F00", "star"),
    "law-amendment": ("#E69F00", "triangle-up"),
    "coordination-body": ("#CC79A7", "hexagon"),
    "national-strategy": ("#D55E00", "pentagon"),
    "national-action-plan": ("#D55E00", "triangle-down"),
    "coe-convention": ("#000000", "cross"),
    "no-specific-law": (OTHER_COLOUR, "x"),
}


@dataclass(frozen=True)
class ReformOptions:
    """What a Reforms figure shows besides its data."""

    text: Text = ENGLISH
    #: Country code → display name in ``text``'s language (``dataset.names(lang)``).
    names: Mapping[str, str] = field(default_factory=dict)
    title: str = ""
    font_size: int = 13
    height: int | None = None


#: English, no names: for calls that give no options.
DEFAULT_OPTIONS = ReformOptions()


def country_name(options: ReformOptions, code: str) -> str:
    """The display name of ``code`` (the code itself when the options have none)."""
    return options.names.get(code, code)


def _wrap(value: object, width: int = 72) -> str:
    """Text for a hover: HTML-escaped and broken into lines."""
    return "<br>".join(textwrap.wrap(html.escape(str(value), quote=False), width)) or ""


def instrument_text(row: Mapping | pd.Series, text: Text) -> str:
    """A row's instrument: data, in French where the source gives its French title."""
    french = row.get("instrument_fr")
    return text.data(str(row["instrument"]), {"fr": french if isinstance(french, str) else None})


def _hover(row: Mapping, text: Text) -> str:
    """A milestone's hover: what, which act, when (to its precision), the instrument, the
    source's own words and where they come from (the source's words are data: shown as they
    are, marked by the pseudo-language like every word)."""
    lines = [
        f"<b>{html.escape(milestone_label(row['milestone'], text))}</b> · "
        + html.escape(action_label(row["action"], text)),
        html.escape(
            text.gettext("Date: {date}", date=text.date(row["date"], row["date_precision"]))
        ),
        _wrap(instrument_text(row, text)),
        _wrap(text.gettext("“{quote}”", quote=text.data(str(row["quote"])))),
        _wrap(
            text.gettext(
                "Source: {title} ({publisher})",
                title=text.data(str(row["source_title"])),
                publisher=text.data(str(row["source_publisher"])),
            )
        ),
    ]
    return "<br>".join(lines)


def layout_for(options: ReformOptions, height: int) -> dict:
    """The base layout with the options' title, font size and height (``height`` by default)."""
    layout = base_layout_dict(options.font_size)
    layout.update(title={"text": options.title, "x": 0.01}, height=options.height or height)
    return layout


#: The columns a marker and its hover read.
_MARKER_COLUMNS = ("milestone", "action", "date", "date_precision", "instrument", "quote")
_MARKER_COLUMNS += ("source_title", "source_publisher", "source_url", "iso3", "mid", "kind")


def _marker_traces(rows: pd.DataFrame, y: list, options: ReformOptions) -> list[dict]:
    """One scatter trace per milestone type: markers at the middle of each date's period."""
    text = options.text
    columns = [*_MARKER_COLUMNS, *(["instrument_fr"] if "instrument_fr" in rows else [])]
    by_kind: dict[str, list[dict]] = {}
    # One pass over plain records (selecting each type's rows from the frame took longer).
    for row, position in zip(rows[columns].to_dict("records"), y, strict=True):
        by_kind.setdefault(row["milestone"], []).append({**row, "_y": position})
    traces = []
    for kind in MILESTONE_TYPES:
        own = by_kind.get(kind)
        if not own:
            continue
        colour, symbol = MARKERS[kind]
        symbols = [symbol if r["kind"] == "reached" else f"{symbol}-open" for r in own]
        traces.append(
            {
                "type": "scatter",
                "x": [r["mid"] for r in own],
                "y": [r["_y"] for r in own],
                "mode": "markers",
                "marker": {
                    "color": colour,
                    "symbol": symbols,
                    "size": 13,
                    "line": {"color": colour, "width": 1.5},
                },
                "name": milestone_label(kind, text),
                "hovertext": [_hover(r, text) for r in own],
                "hoverinfo": "text",
                "customdata": [[r["source_url"], r["iso3"], kind, r["date"]] for r in own],
            }
        )
    return traces


def _time_axis(rows: pd.DataFrame) -> dict:
    start = rows["start"].min() - pd.DateOffset(years=1)
    end = rows["end"].max() + pd.DateOffset(years=1)
    # Axis dicts do not begin with "type" (tests/unit/test_offline_assets.py reads a dict that
    # begins with it as a trace).
    return {
        "range": [start.strftime("%Y-01-01"), end.strftime("%Y-12-31")],
        "type": "date",
        "tickformat": "%Y",
        "showgrid": True,
        "gridcolor": "#eceff1",
    }


def _steps_note(rows: pd.DataFrame, options: ReformOptions) -> list[dict]:
    """The legend's key to open markers, under the plot, when any step is drawn."""
    if (rows["kind"] == "reached").all():
        return []
    text = options.text
    return [
        {
            "text": text.gettext(
                "Open markers: steps that reach nothing (a signature, a draft, a request, a "
                "statement that there is no specific law)."
            ),
            "x": 0,
            "y": -0.14,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "showarrow": False,
            "font": {"size": max(options.font_size - 2, 11), "color": "#56606b"},
        }
    ]


def timeline_figure(
    rows: pd.DataFrame,
    options: ReformOptions = DEFAULT_OPTIONS,
    chosen: pd.DataFrame | None = None,
) -> Figure:
    """One country's milestones on a time axis, one row per milestone type.

    ``rows`` is :func:`dashboard.analytics.milestones.timeline` for one country. Hovers give
    the act, the date to its precision, the instrument, the source's quote and its title;
    ``customdata`` holds ``[source_url, iso3, milestone, date]`` for each marker. ``chosen``
    (some of ``rows``) are ringed: the marker whose source the page shows.
    """
    text = options.text
    if rows.empty:
        return message_figure(options.title, text.gettext(NO_MILESTONES), options.font_size)
    labels = [milestone_label(kind, text) for kind in rows["milestone"]]
    order = [milestone_label(k, text) for k in MILESTONE_TYPES if k in set(rows["milestone"])]
    layout = layout_for(options, 120 + 42 * len(order))
    layout.update(
        xaxis=_time_axis(rows),
        yaxis={"categoryorder": "array", "categoryarray": order[::-1], "type": "category"},
        showlegend=False,
        annotations=_steps_note(rows, options),
        margin={"l": 240, "r": 24, "t": 56, "b": 72},
    )
    traces = _marker_traces(rows, labels, options)
    if chosen is not None and not chosen.empty:
        ring = {"symbol": "circle-open", "size": 26, "color": "#1b1f24", "line": {"width": 2.5}}
        traces.append(
            {
                "type": "scatter",
                "x": chosen["mid"].tolist(),
                "y": [milestone_label(kind, text) for kind in chosen["milestone"]],
                "mode": "markers",
                "marker": ring,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    return figure(traces, layout, options.text)


def countries_timeline_figure(
    rows: pd.DataFrame, countries: Sequence[str], options: ReformOptions = DEFAULT_OPTIONS
) -> Figure:
    """Several countries' milestones on one time axis, one row per country (in the order
    given), markers by milestone type (the legend).

    ``rows`` is :func:`dashboard.analytics.milestones.timeline` for ``countries``.
    """
    text = options.text
    if not countries:
        return message_figure(options.title, text.gettext(NO_COUNTRIES), options.font_size)
    if rows.empty:
        return message_figure(options.title, text.gettext(NO_MILESTONES), options.font_size)
    position = {code: len(countries) - 1 - i for i, code in enumerate(countries)}  # first on top
    y = [
        position[code] + ROW_OFFSETS[kind]
        for code, kind in zip(rows["iso3"], rows["milestone"], strict=True)
    ]
    layout = layout_for(options, 160 + 52 * len(countries))
    layout.update(
        xaxis=_time_axis(rows),
        yaxis={
            "tickvals": list(position.values()),
            "ticktext": [country_name(options, code) for code in position],
            "range": [-0.6, len(countries) - 0.4],
            "showgrid": False,
            "zeroline": False,
        },
        legend={"orientation": "h", "y": -0.18, "x": 0},
        margin={"l": 140, "r": 24, "t": 56, "b": 120},
    )
    return figure(_marker_traces(rows, y, options), layout, options.text)


def gap_figure(gaps: pd.DataFrame, options: ReformOptions = DEFAULT_OPTIONS) -> Figure:
    """From the Trafficking Protocol to a specific law, per country, in calendar years.

    ``gaps`` is :func:`dashboard.analytics.milestones.protocol_law_gaps`. A bar joins the two
    years; a hatched bar runs to the latest statement that there is no specific law (at least
    that long); a country whose law (or Protocol) is not known gets no bar, only its words.
    """
    text = options.text
    if gaps.empty:
        return message_figure(options.title, text.gettext(NO_COUNTRIES), options.font_size)
    names = [country_name(options, code) for code in gaps["iso3"]]
    both = gaps["state"] == "both"
    stated = gaps["state"] == "no-law-stated"
    data = []
    if both.any():
        rows = gaps[both]
        start = rows[["protocol_year", "law_year"]].min(axis=1)
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [n for n, keep in zip(names, both, strict=True) if keep],
                "base": start.astype(int).tolist(),
                "x": rows["years"].abs().astype(int).tolist(),
                "marker": {"color": "#0072B2", "opacity": 0.35},
                "name": text.gettext("Years from the Protocol to the specific law"),
                "hovertext": [_gap_hover(row, text, options) for row in rows.to_dict("records")],
                "hoverinfo": "text",
            }
        )
    if stated.any():
        rows = gaps[stated]
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": [n for n, keep in zip(names, stated, strict=True) if keep],
                "base": rows["protocol_year"].astype(int).tolist(),
                "x": rows["years_at_least"].astype(int).tolist(),
                "marker": {
                    "color": "#ffffff",
                    "line": {"color": OTHER_COLOUR, "width": 1},
                    "pattern": {"shape": "/", "fgcolor": OTHER_COLOUR},
                },
                "name": text.gettext("No specific law at the latest statement"),
                "hovertext": [_gap_hover(row, text, options) for row in rows.to_dict("records")],
                "hoverinfo": "text",
            }
        )
    for column, label, colour, symbol in (
        ("protocol_year", N_("Became a party to the Protocol"), "#0072B2", "diamond"),
        ("law_year", N_("Specific law"), "#E69F00", "star"),
    ):
        known = gaps[column].notna()
        rows = gaps[known]
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": rows[column].astype(int).tolist(),
                "y": [n for n, keep in zip(names, known, strict=True) if keep],
                "marker": {"color": colour, "symbol": symbol, "size": 13},
                "name": text.gettext(label),
                "hovertext": [_gap_hover(row, text, options) for row in rows.to_dict("records")],
                "hoverinfo": "text",
            }
        )
    years = gaps[["protocol_year", "law_year", "status_year"]].astype("Float64")
    first, last = years.min().min(), years.max().max()
    if pd.isna(first):  # neither date known anywhere: the labels alone, on an axis of today
        first = last = pd.Timestamp.now().year
    right = years.max(axis=1).fillna(first)
    data.append(
        {
            "type": "scatter",
            "mode": "text",
            "x": [float(x) + 0.4 for x in right],
            "y": names,
            "text": [_gap_label(row, text) for row in gaps.to_dict("records")],
            "textposition": "middle right",
            "textfont": {"color": "#56606b"},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    layout = layout_for(options, 160 + 46 * len(gaps))
    layout.update(
        barmode="overlay",
        xaxis={
            "title": {"text": text.gettext("Year")},
            "tickformat": "d",
            "dtick": 2,
            "range": [float(first) - 1, float(last) + 8],
        },
        yaxis={"categoryorder": "array", "categoryarray": names[::-1], "type": "category"},
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 140, "r": 24, "t": 56, "b": 110},
    )
    return figure(data, layout, text)


def _gap_label(row: Mapping, text: Text) -> str:
    state = row["state"]
    if state == "both":
        if bool(pd.notna(row["law_first"]) and row["law_first"]) or row["years"] < 0:
            return text.gettext("law first")
        return text.ngettext("{n} year", "{n} years", int(row["years"]))
    if state == "no-law-stated":
        return text.gettext(
            "no specific law as of {date}",
            date=text.date(row["status_date"], row["status_precision"]),
        )
    if state == "law-not-known":
        return text.gettext("specific law not known")
    if state == "protocol-not-known":
        return text.gettext("Protocol not known")
    return text.gettext("neither known")


def _gap_hover(row: Mapping, text: Text, options: ReformOptions) -> str:
    """The country's sentence (:func:`dashboard.text.reforms.gap_sentence`) is its hover."""
    return _wrap(gap_sentence(row, text, options.names))


def convergence_figure(
    counts: pd.DataFrame, goals: Sequence[str], options: ReformOptions = DEFAULT_OPTIONS
) -> Figure:
    """How many of ``goals`` each country had reached by each year, as steps.

    ``counts`` is :func:`dashboard.analytics.milestones.convergence`. A solid step line counts
    what is known to be reached; where some goals are not known, a dotted line shows how high
    the count could be if every one of them had been reached. Lines are lifted by a few
    hundredths each so that countries with the same count stay apart (hovers give the counts).
    """
    text = options.text
    if counts.empty:
        return message_figure(options.title, text.gettext(NO_COUNTRIES), options.font_size)
    data = []
    groups = list(counts.groupby("iso3", sort=False))
    for index, (code, rows) in enumerate(groups):
        colour = CATEGORICAL[index % len(CATEGORICAL)]
        # Countries with the same count would draw one line: each is lifted a little.
        lift = round((index - (len(groups) - 1) / 2) * 0.05, 3)
        name = country_name(options, code)
        hover = [_convergence_hover(name, row, goals, text) for row in rows.to_dict("records")]
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": rows["year"].tolist(),
                "y": (rows["reached"] + lift).tolist(),
                "line": {"shape": "hv", "color": colour, "width": 2.5},
                "name": name,
                "legendgroup": code,
                "hovertext": hover,
                "hoverinfo": "text",
            }
        )
        if rows["unknown"].any():
            data.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "x": rows["year"].tolist(),
                    "y": (rows["reached"] + rows["unknown"] + lift).tolist(),
                    "line": {"shape": "hv", "color": colour, "width": 1.5, "dash": "dot"},
                    "opacity": 0.6,
                    "name": text.gettext(
                        "{country}: if every goal not known was reached", country=name
                    ),
                    "legendgroup": code,
                    "showlegend": False,
                    "hovertext": hover,
                    "hoverinfo": "text",
                }
            )
    total = int(counts["goals"].max())
    layout = layout_for(options, 440)
    layout.update(
        xaxis={"title": {"text": text.gettext("Year")}, "tickformat": "d", "dtick": 2},
        yaxis={
            "title": {
                "text": text.ngettext(
                    "Milestones reached (of {n})", "Milestones reached (of {n})", total
                )
            },
            "range": [-0.4, total + 0.4],
            "dtick": 1,
            "zeroline": False,
        },
        legend={"orientation": "h", "y": -0.2, "x": 0},
        margin={"l": 64, "r": 24, "t": 56, "b": 110},
        hovermode="closest",
    )
    return figure(data, layout, text)


def _convergence_hover(name: str, row: Mapping, goals: Sequence[str], text: Text) -> str:
    lines = [
        f"<b>{html.escape(name)}</b> · {row['year']}",
        text.ngettext(
            "{n} of {total} milestone reached", "{n} of {total} milestones reached",
            int(row["reached"]), total=text.number(int(row["goals"])),
        ),
    ]  # fmt: skip
    reached = [g for g in str(row["reached_goals"]).split(";") if g]
    if reached:
        lines.append(
            _wrap(
                text.gettext(
                    "Reached: {goals}", goals=text.join([milestone_label(g, text) for g in reached])
                )
            )
        )
    unknown = [g for g in str(row["unknown_goals"]).split(";") if g]
    if unknown:
        lines.append(
            _wrap(
                text.gettext(
                    "Not known: {goals}",
                    goals=text.join([milestone_label(g, text) for g in unknown]),
                )
            )
        )
    return "<br>".join(lines)
