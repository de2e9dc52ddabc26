"""The Flows view's sentences: titles, what each measure counts, notes and the summary.

Detected trafficking victims and irregular border crossings are separate measures with their
own sentences: a border crossing is migration context, never a victim.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.analytics.intervals import ratio_interval, sum_frame, sum_intervals
from dashboard.text.core import N_, NN_, Text

#: What each measure counts (hover text after a number).
UNITS = {
    "trafficking-victims": N_("detected victims"),
    "border-crossings": N_("irregular border crossings"),
}
#: The Sankey's title for each measure (then its years).
# Translators: the arrows show the way the Sankey reads; right to left it reads from the right
# (origins on the right), so write them ←.
TITLES = {
    "trafficking-victims": N_(
        "Detected victims of trafficking: citizenship → country of detection"
    ),
    # Translators: right to left, write the arrows ←, as in the title above.
    "border-crossings": N_(
        "Irregular border crossings (migration context, not trafficking): nationality → route "
        "→ arrival area"
    ),
}
CONTEXT_NOTE = N_(
    "Frontex detections of irregular border crossings — migration context, not trafficking; "
    "counts crossings, not persons."
)
BAND_NOTE = N_("Band widths show the lower bound where suppressed counts (<5) make a range.")
NO_COUNTRY = N_("Choose at least one country to see its flows.")
NO_FLOWS = N_("No flows of this measure touch these countries in these years.")
NO_MEASURE = N_("This dataset has no flows of this measure.")

#: The first sentence of the summary: the years, the total and the destinations, by measure.
_TOTALS = {
    ("trafficking-victims", True): NN_(
        "In {year}, {total} detected victim in {destinations}.",
        "In {year}, {total} detected victims in {destinations}.",
    ),
    ("trafficking-victims", False): NN_(
        "Between {first} and {last}, {total} detected victim in {destinations}.",
        "Between {first} and {last}, {total} detected victims in {destinations}.",
    ),
    ("border-crossings", True): NN_(
        "In {year}, {total} irregular border crossing in {destinations}.",
        "In {year}, {total} irregular border crossings in {destinations}.",
    ),
    ("border-crossings", False): NN_(
        "Between {first} and {last}, {total} irregular border crossing in {destinations}.",
        "Between {first} and {last}, {total} irregular border crossings in {destinations}.",
    ),
}

#: The node token for an origin the source did not know or state.
UNKNOWN = "unknown"


def title(measure: str, first: int, last: int, text: Text) -> str:
    """The Sankey's title: what it shows, and its years."""
    return text.gettext(
        "{what}, {span}", what=text.gettext(TITLES[measure]), span=text.span(first, last)
    )


def flows_summary(flows: pd.DataFrame, measure: str, names: Mapping[str, str], text: Text) -> str:
    """Plain-language sentences about a flow selection of one measure.

    The years, the total interval and the number of destinations; the largest known origin's
    share and the share of unknown origin (intervals when counts are suppressed).

    Examples
    --------
    >>> from dashboard.text import ENGLISH
    >>> flows = pd.DataFrame({"origin": ["NGA", "ERI", "NGA"], "destination": ["LBY", "LBY", "EGY"],
    ...     "year": [2019, 2020, 2021], "count_low": [30, 1, 10], "count_high": [30, 4, 10]})
    >>> flows_summary(flows, "trafficking-victims", {"NGA": "Nigeria"}, ENGLISH)
    ... # doctest: +NORMALIZE_WHITESPACE
    'Between 2019 and 2021, 41–44 detected victims in 2 destinations. The largest origin,
     Nigeria, accounts for 91–98%.'
    """
    if flows.empty:
        return text.gettext("No flows for this selection.")
    first, last = int(flows["year"].min()), int(flows["year"].max())
    total = sum_intervals(zip(flows["count_low"], flows["count_high"], strict=True))
    by_origin = sum_frame(flows, ["origin"], "count_low", "count_high").sort_values(
        ["count_high", "count_low", "origin"], ascending=[False, False, True]
    )
    count = flows["destination"].nunique()
    singular, plural = _TOTALS[(measure, first == last)]
    sentences = [
        text.ngettext(
            singular,
            plural,
            int(total[1]),
            year=first,
            first=first,
            last=last,
            total=text.interval(*total),
            destinations=text.ngettext("{n} destination", "{n} destinations", count),
        )
    ]

    def share_of(row: pd.Series) -> str | None:
        low, high = ratio_interval((row["count_low"], row["count_high"]), total, cap=1.0)
        return None if pd.isna(low) else text.interval(low, high, percent=True)

    # "Unknown" is not an origin to rank: it is reported apart, as how much is not known.
    known = by_origin.loc[by_origin["origin"] != UNKNOWN]
    if not known.empty and (share := share_of(known.iloc[0])) is not None:
        name = names.get(known.iloc[0]["origin"], known.iloc[0]["origin"])
        sentences.append(
            text.gettext(
                "The largest origin, {name}, accounts for {share}.", name=name, share=share
            )
        )
    unknown = by_origin.loc[by_origin["origin"] == UNKNOWN]
    if not unknown.empty and (share := share_of(unknown.iloc[0])) is not None:
        sentences.append(text.gettext("Origin unknown for {share}.", share=share))
    domestic = flows["origin"] == flows["destination"]
    if "origin_class" in flows:
        domestic |= flows["origin_class"] == "domestic"
    if measure == "trafficking-victims" and domestic.any():
        rows = flows.loc[domestic]
        home = {"count_low": rows["count_low"].sum(), "count_high": rows["count_high"].sum()}
        if (share := share_of(pd.Series(home))) is not None:
            sentences.append(
                text.gettext("Victims detected in their own country: {share}.", share=share)
            )
    return " ".join(sentences)
