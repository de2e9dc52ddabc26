"""The Sources page's words: the methodology notes, each a title and a paragraph."""

from __future__ import annotations

from dashboard.text.core import N_

METHODOLOGY = (
    (
        N_("Suppressed counts"),
        N_(
            "UNODC publishes counts from 1 to 4 as “<5”. We keep them as the interval 1–4, never "
            "as 0 or a guess: every total that includes one is a range such as “12–27”. Maps "
            "colour a range by its lower bound (“at least”) and show the whole range on hover."
        ),
    ),
    (
        N_("No report is not zero"),
        N_(
            "A country that did not report a figure for a year has no value: it is shown as "
            "missing, never as zero, and not interpolated from other years."
        ),
    ),
    (
        N_("Double reporting"),
        N_(
            "A victim detected in one country and repatriated to another may be counted by both. "
            "Detections by citizenship (origin → country of detection) and repatriation links "
            "are kept apart and never added together; repatriation links have no reliable "
            "direction."
        ),
    ),
    (
        N_("Migration is context, not trafficking"),
        N_(
            "Irregular border crossings (Frontex), dead and missing migrants (IOM), migrant "
            "stocks (UN DESA) and refugees (UNHCR) describe migration, not trafficking. They are "
            "labelled as such and never added to counts of trafficking victims. Frontex counts "
            "detections of crossings, not persons: one person may cross, and be counted, more "
            "than once."
        ),
    ),
    (
        N_("Detected victims are not all victims"),
        N_(
            "The figures count victims that authorities detected. They reflect each country's "
            "capacity and priorities as much as the extent of trafficking."
        ),
    ),
)
