"""The Data view's sentences: what the rows are, and notes about them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dashboard.text import labels
from dashboard.text.core import N_, Text
from dashboard.text.flows import CONTEXT_NOTE

if TYPE_CHECKING:
    from dashboard.views.data import DataRows

__all__ = ["CONTEXT_NOTE", "NO_COUNTRY", "derived_notice", "rows_line"]

NO_COUNTRY = N_("Choose at least one country to list its rows.")


def rows_line(data: DataRows, text: Text) -> str:
    """How many rows, of what, in which years and countries."""
    state = data.state
    what = (
        text.gettext(labels.MEASURES[state.measure])
        if state.kind == "flows"
        else data.filter.indicator
    )
    return text.ngettext(
        "{n} row · {what} · {first}–{last} · {countries}",
        "{n} rows · {what} · {first}–{last} · {countries}",
        len(data.rows),
        what=what,
        first=state.year_from,
        last=state.year_to,
        countries=", ".join(state.countries),
    )


def derived_notice(indicator: str, base: str, text: Text) -> str:
    """Why a derived indicator lists its base indicator's rows."""
    return text.gettext(
        "“{label}” is computed from the {base} rows (all breakdowns are listed); these are the "
        "rows shown.",
        label=text.gettext(labels.INDICATORS[indicator]),
        base=base,
    )
