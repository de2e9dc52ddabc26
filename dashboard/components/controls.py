"""Labelled controls and notices, in the request's language.

Every function takes the :class:`~dashboard.text.core.Text` of the request: labels, options and
placeholders are translated where the control is built, never at import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from dash import dcc, html

from dashboard.analytics.indicators import SPECS
from dashboard.dataset import Dataset
from dashboard.schemas import EXPLOITATION, MEASURES
from dashboard.text import N_, Message, Text, labels
from dashboard.text.collation import sort_key
from dashboard.views.years import year_marks

#: The words dcc.Dropdown writes itself (its ``labels`` property), translated where it is built.
DROPDOWN_LABELS = {
    "select_all": N_("Select All"),
    "deselect_all": N_("Deselect All"),
    # Translators: Dash fills {num_selected} in the browser, with no plural form: prefer a
    # wording that suits any number ("Selected: {num_selected}").
    "selected_count": N_("{num_selected} selected"),
    "search": N_("Search"),
    "clear_search": N_("Clear search"),
    "clear_selection": N_("Clear selection"),
    "no_options_found": N_("No options found"),
}


def label_id(control_id: str) -> str:
    """The id of a control's visible label (what its group or picker is named by)."""
    return f"{control_id}-label"


def labelled(label: str, control: object, control_id: str | None = None) -> html.Div:
    """A control with its visible label (associated for screen readers: ``for`` names a form
    control, and ``assets/accessibility.js`` names Dash's pickers and groups by the label's
    id)."""
    own_id = {"id": label_id(control_id)} if control_id else {}
    return html.Div(
        [html.Label(label, htmlFor=control_id, className="control-label", **own_id), control],
        className="control",
    )


def dropdown_labels(text: Text) -> dict[str, str]:
    """dcc.Dropdown's own words (select all, clear, no options …) in ``text``'s language."""
    return {key: text.gettext(message) for key, message in DROPDOWN_LABELS.items()}


def measure_radio(control_id: str, value: str, text: Text) -> html.Div:
    options = [{"label": text.gettext(labels.MEASURES[m]), "value": m} for m in MEASURES]
    return labelled(
        text.gettext("Measure"),
        dcc.RadioItems(options, value, id=control_id, className="radio"),
        control_id,
    )


def ltr_slider(control_id: str, slider: object, thumbs: Sequence[str]) -> html.Div:
    """A numeric slider, kept left to right in every language, as a group named by its label.

    Years and numbers are written left to right in Arabic too, and the slider's parts do not
    all follow the page's direction: Dash 4's sliders (Radix) draw their track left to right
    whatever ``dir`` says, while the boxes to type a value in and the marks would mirror; a
    half-mirrored slider reads wrong, so the whole of it is explicitly ``dir="ltr"`` (the
    smallest year at the left, as on the charts' time axes). ``thumbs`` are the names of its
    handles (and of the boxes to type their values), which dcc.Slider has no property for
    (its range handles are named "Minimum" and "Maximum" in English): ``assets/
    accessibility.js`` sets them from ``data-thumb-labels``.
    """
    return html.Div(
        slider,
        dir="ltr",
        role="group",
        className="slider-ltr",
        **{
            "aria-labelledby": label_id(control_id),
            "data-thumb-labels": json.dumps(list(thumbs), ensure_ascii=False),
        },
    )


def choice_dropdown(
    control_id: str,
    label: str,
    names: dict[str, str],
    value: str,
    text: Text,
    disabled: bool = False,
) -> html.Div:
    """A labelled dropdown of codes, each shown by its name (a message) in ``text``'s
    language (``disabled``: shown, not usable)."""
    options = [{"label": text.gettext(name), "value": code} for code, name in names.items()]
    return labelled(
        label,
        dcc.Dropdown(
            options,
            value,
            id=control_id,
            clearable=False,
            searchable=False,
            disabled=disabled,
            labels=dropdown_labels(text),
        ),
        control_id,
    )


def indicator_dropdown(control_id: str, value: str, text: Text) -> html.Div:
    names = {key: labels.INDICATORS[key] for key in SPECS}
    return choice_dropdown(control_id, text.gettext("Indicator"), names, value, text)


def exploitation_dropdown(control_id: str, value: str, text: Text) -> html.Div:
    names = {code: labels.EXPLOITATION[code] for code in EXPLOITATION}
    return choice_dropdown(control_id, text.gettext("Form of exploitation"), names, value, text)


def country_options(dataset: Dataset, text: Text, codes: Sequence[str] | None = None) -> list:
    """Dropdown options for countries, focus countries first, then by name (in ``text``'s
    language)."""

    def compute() -> list[dict]:
        names = dataset.names(text.lang)
        frame = dataset.countries
        if codes is not None:
            frame = frame[frame["iso3"].isin(codes)]
        shown = frame.assign(_name=frame["iso3"].map(names))
        # By the language's alphabetical order (accents and the Arabic article ignored).
        shown = shown.assign(_key=shown["_name"].map(lambda name: sort_key(name, text.lang)))
        shown = shown.sort_values(["focus", "_key"], ascending=[False, True], kind="mergesort")
        return [
            {"label": f"{name} ({code})", "value": code}
            for code, name in zip(shown["iso3"], shown["_name"], strict=True)
        ]

    key = ("country-options", text.lang, None if codes is None else tuple(codes))
    return dataset.derived.get(key, compute)


def countries_dropdown(
    dataset: Dataset,
    control_id: str,
    value: Sequence[str],
    label: str,
    placeholder: str,
    text: Text,
    multi: bool = True,
    codes: Sequence[str] | None = None,
) -> html.Div:
    """A labelled country picker (several countries, or one when not ``multi``), of every
    country or of ``codes``."""
    return labelled(
        label,
        dcc.Dropdown(
            country_options(dataset, text, codes),
            list(value) if multi else value,
            id=control_id,
            multi=multi,
            clearable=multi,
            placeholder=placeholder,
            labels=dropdown_labels(text),
        ),
        control_id,
    )


def year_range_slider(
    control_id: str, span: tuple[int, int], value: tuple[int, int], text: Text
) -> html.Div:
    first, last = span
    slider = dcc.RangeSlider(
        first,
        last,
        1,
        value=list(value),
        marks=year_marks(first, last),
        id=control_id,
        allowCross=False,
        tooltip={"placement": "bottom"},
    )
    thumbs = (text.gettext("First year"), text.gettext("Last year"))
    return labelled(text.gettext("Years"), ltr_slider(control_id, slider, thumbs), control_id)


def notices(messages: Sequence[Message], text: Text) -> html.Div:
    """Visible notices about values of the address that were changed (never an error page)."""
    if not messages:
        return html.Div(className="notices")
    return html.Div(
        [html.P(text.render(message), className="notice") for message in messages],
        className="notices",
        role="status",
    )


def notice_paragraphs(messages: Sequence[Message], text: Text) -> list[html.P]:
    """The same notices as paragraphs, for a callback's output."""
    return [html.P(text.render(message), className="notice") for message in messages]


def empty_state(message: str) -> html.Div:
    """What a view shows in place of a figure its dataset cannot draw (no such table or
    measure): a plain sentence, never an error."""
    return html.Div(message, className="empty-state", role="status")
