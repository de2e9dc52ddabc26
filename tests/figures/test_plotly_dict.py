"""The figures' own subplot grid is exactly plotly's ``make_subplots`` grid (same floats)."""

from __future__ import annotations

import pytest
from plotly.subplots import make_subplots

from dashboard.figures.plotly_dict import subplot_grid, subplot_titles

SHAPES = [
    # rows, cols, horizontal spacing, vertical spacing, row heights, shared x axes
    *[(r, c, 0.08, min(0.5 / r, 0.16), None, False) for r in (1, 2, 3, 4, 8) for c in (1, 2, 3, 4)],
    (2, 1, 0.2, 0.08, [0.72, 0.28], True),
    (1, 3, 0.08, 0.3, None, False),
    (1, 2, 0.12, 0.3, None, False),
    (3, 2, 0.1, 0.1, [0.5, 0.3, 0.2], True),
]


@pytest.mark.parametrize(("rows", "cols", "hs", "vs", "heights", "shared"), SHAPES)
def test_grid_and_titles_match_make_subplots(rows, cols, hs, vs, heights, shared):
    titles = [f"panel {i}" if i % 3 != 2 else "" for i in range(rows * cols)]
    expected = make_subplots(
        rows=rows,
        cols=cols,
        horizontal_spacing=hs,
        vertical_spacing=vs,
        row_heights=heights,
        shared_xaxes=shared,
        subplot_titles=titles,
    ).layout.to_plotly_json()
    axes, domains = subplot_grid(rows, cols, hs, vs, row_heights=heights, shared_xaxes=shared)
    annotations = expected.pop("annotations", [])
    expected.pop("template", None)
    assert axes == expected
    mine = subplot_titles(titles, domains, 16)  # make_subplots' default title size
    assert mine == annotations
