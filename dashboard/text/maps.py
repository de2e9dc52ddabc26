"""The Map view's sentences: title, legend, notes, the focus country's summary, the controls'
words that the browser shows (play and pause)."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.text import labels
from dashboard.text.core import N_, Text

INCIDENTS = N_("Dead and missing migrants (IOM) — context, not trafficking")
COLOUR_NOTE = N_("Colour shows the lower bound where suppressed counts (<5) make a range.")
#: When the map's year has no flows of the chosen measure.
NO_LINES = {
    "trafficking-victims": N_("No flows of detected victims in {year}."),
    "border-crossings": N_("No flows of border crossings in {year}."),
}
LAYERS = {"lines": N_("Flow lines (region)"), "incidents": N_("Migrant deaths (IOM, context)")}
PLAY = N_("▶ Play")
PAUSE = N_("⏸ Pause")
CLICK_HINT = N_("Click a country on the map to see its summary.")


def title(indicator: str, year: int, text: Text) -> str:
    """The map's title: the indicator and the year."""
    return text.gettext(
        "{indicator}, {year}", indicator=text.gettext(labels.INDICATORS[indicator]), year=year
    )


#: The colour bar's title: what the colour is (the indicator, short), and how a range is shown.
COLOUR_LABELS = {
    "detected-victims": N_("Detected victims<br>(lower bound where a range)"),
    "victims-per-100k": N_("Victims per 100,000<br>(lower bound where a range)"),
    "persons-prosecuted": N_("Persons prosecuted<br>(lower bound where a range)"),
    "persons-convicted": N_("Persons convicted<br>(lower bound where a range)"),
    "share-children": N_("Children, share of victims (%)<br>(lower bound where a range)"),
    "share-female": N_("Women and girls, share of victims (%)<br>(lower bound where a range)"),
    "share-forced-labour": N_("Forced labour, share of victims (%)<br>(lower bound where a range)"),
    "share-sexual-exploitation": N_(
        "Sexual exploitation, share of victims (%)<br>(lower bound where a range)"
    ),
}
#: What the map's lines are, by measure, with their year (the legend's title, and the line
#: under the map's title). Border crossings are migration context, and said so.
LINES = {
    "trafficking-victims": N_(
        "Lines: detected victims by citizenship → country of detection (UNODC), {year}; "
        "width by number"
    ),
    "border-crossings": N_(
        "Lines: irregular border crossings (Frontex), {year} — migration context, not "
        "trafficking; width by number"
    ),
}
#: The lines of an uploaded dataset's flows (its own words: origin and destination as uploaded).
UPLOADED_LINES = N_(
    "Lines: detected victims, origin → destination (uploaded: {title}), {year}; width by number"
)
POINTS = N_("Points: dead and missing migrants (IOM), {year} — migration context, not trafficking")
#: The lines' legend: short (the line under the title says the rest).
LINES_LEGEND = {
    "trafficking-victims": N_("Detected victims (lines):"),
    "border-crossings": N_("Border crossings, context (lines):"),
}


def colour_label(indicator: str, text: Text) -> str:
    """The colour bar's title: the indicator, and that a range is coloured by its lower
    bound."""
    return text.gettext(COLOUR_LABELS[indicator])


def subtitle(
    measure: str | None, incidents: bool, year: int, text: Text, uploaded: str | None = None
) -> str:
    """The line under the map's title: what its lines and points are (``measure`` is the
    lines' measure; ``None`` when the map draws none; ``uploaded``: the title of the uploaded
    dataset the lines are from, not UNODC's)."""
    parts = []
    if measure is not None and uploaded is not None:
        parts.append(text.gettext(UPLOADED_LINES, title=uploaded, year=year))
    elif measure is not None:
        parts.append(text.gettext(LINES[measure], year=year))
    if incidents:
        parts.append(text.gettext(POINTS, year=year))
    return "<br>".join(parts)


def note(no_lines_year: int | None, measure: str, text: Text) -> str:
    """What the source note adds: how colours read, and a year without flow lines."""
    parts = [text.gettext(COLOUR_NOTE)]
    if no_lines_year is not None:
        parts.append(text.gettext(NO_LINES[measure], year=no_lines_year))
    return " ".join(parts)


def focus_summary(
    latest: pd.Series | None, years: list[int], text: Text, uploaded: bool = False
) -> list[str]:
    """Sentences on the focus country: its latest detected victims and the years it reported
    (``uploaded``: in an uploaded dataset, not UNODC's)."""
    if latest is None and uploaded:
        return [text.gettext("No detected victims reported in this uploaded dataset.")]
    if latest is None:
        return [text.gettext("No detected victims reported to UNODC.")]
    return [
        text.ngettext(
            "{count} detected victim in {year} (latest year reported).",
            "{count} detected victims in {year} (latest year reported).",
            int(latest["high"]),
            count=text.interval(latest["low"], latest["high"]),
            year=int(latest["year"]),
        ),
        text.gettext("Years reported: {years}.", years=text.join([str(y) for y in years])),
    ]


def reading(
    values: pd.DataFrame,
    indicator: str,
    year: int,
    names: Mapping[str, str],
    percent: bool,
    digits: int,
    text: Text,
) -> str:
    """The map in one sentence (its text alternative): how many countries it colours, and the
    one with the highest lower bound.

    ``values``: the year's ``iso3, low, high`` (see :class:`dashboard.views.map.MapData`).
    """
    what = text.pgettext(labels.IN_SENTENCE, labels.INDICATORS_IN_SENTENCE[indicator])
    shown = values.dropna(subset=["low"])
    if shown.empty:
        return text.gettext(
            "No country reported {indicator} for {year}.", indicator=what, year=year
        )
    top = shown.sort_values(["low", "high", "iso3"], ascending=[False, False, True]).iloc[0]
    return text.ngettext(
        "The map colours {n} country by {indicator} in {year}; the highest is {country} ({value}).",
        "The map colours {n} countries by {indicator} in {year}; the highest is {country} "
        "({value}).",
        len(shown),
        indicator=what,
        year=year,
        country=names.get(top["iso3"], top["iso3"]),
        value=text.interval(top["low"], top["high"], digits=digits, percent=percent),
    )
