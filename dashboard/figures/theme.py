"""Colours, fonts and layout defaults shared by every figure.

Palettes are colour-blind safe: Okabe–Ito for categories, cividis for quantities. Fonts are the
system's own (no web font is fetched).
"""

from __future__ import annotations

import plotly.graph_objects as go
from plotly.colors import get_colorscale

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif"
#: Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour vision.
CATEGORICAL = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
#: Light (low) to dark (high); cividis is readable with any colour vision. Written out as
#: ``[position, colour]`` pairs (plotly.js knows no "_r" names; plotly.py's validation would
#: expand the name, and figures built from dicts are not validated when served).
SEQUENTIAL = [[position, colour] for position, colour in get_colorscale("cividis_r")]
DIVERGING = "RdBu"
#: Flow lines, thinnest (lightest) to widest (darkest).
FLOW_COLOURS = ("#56B4E9", "#0072B2", "#08519c", "#08306b")
INCIDENT_COLOUR = "#D55E00"
OTHER_COLOUR = "#9aa3ad"
#: Smallest font size at which a figure stays legible on a projector at 1280×720.
PRESENT_FONT_SIZE = 22


def base_layout_dict(font_size: int = 14) -> dict:
    """:func:`base_layout` as a plain dict (a fresh one per call), for figures built in one go."""
    return {
        "font": {"family": FONT_FAMILY, "size": font_size, "color": "#1b1f24"},
        "colorway": list(CATEGORICAL),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": max(font_size, 13)}},
        "margin": {"l": 48, "r": 24, "t": 56, "b": 48},
    }


def base_layout(font_size: int = 14) -> go.Layout:
    """Layout defaults: system fonts, white background, colour-blind-safe colourway."""
    return go.Layout(base_layout_dict(font_size))
