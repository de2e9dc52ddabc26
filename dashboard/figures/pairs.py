"""Country-pair heatmaps: similarity of profiles and shared main origin countries.

Pure ``(tidy frame, …) -> figure`` (a plain dict when serving); no Dash, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from dashboard.figures.plotly_dict import (
    ChartOptions,
    Figure,
    empty,
    figure,
)
from dashboard.figures.theme import SEQUENTIAL, base_layout_dict


def _matrix(
    pairs: pd.DataFrame, countries: Sequence[str], value: str
) -> tuple[list[list[float | None]], dict[tuple[str, str], pd.Series]]:
    index = {code: i for i, code in enumerate(countries)}
    z: list[list[float | None]] = [[None] * len(countries) for _ in countries]
    rows = {}
    for _, row in pairs.iterrows():
        a, b = row["iso3_a"], row["iso3_b"]
        if a not in index or b not in index:
            continue
        cell = None if pd.isna(row[value]) else float(row[value])
        z[index[a]][index[b]] = z[index[b]][index[a]] = cell
        rows[(a, b)] = rows[(b, a)] = row
    return z, rows


def similarity_heatmap(
    similarity: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    options: ChartOptions,
) -> Figure:
    """Heatmap of profile similarity (0–1), coloured by the lower bound; text shows the range.

    ``similarity`` comes from :func:`dashboard.analytics.profiles.profile_similarity`; pairs
    that are not comparable are blank, marked "n/a".
    """
    text, title, font_size = options.text, options.title, options.font_size
    if len(countries) < 2:
        return empty(title, text.gettext("Choose at least two countries."), font_size, text=text)
    labels = [names.get(code, code) for code in countries]
    z, rows = _matrix(similarity, countries, "low")
    cells, hover = [], []
    for a, name_a in zip(countries, labels, strict=True):
        text_row, hover_row = [], []
        for b, name_b in zip(countries, labels, strict=True):
            row = rows.get((a, b))
            if a == b:
                text_row.append("")
                hover_row.append(name_a)
            elif row is None or pd.isna(row["low"]):
                shared = 0 if row is None else int(row["shared"])
                text_row.append(text.gettext("n/a"))
                hover_row.append(
                    text.gettext(
                        "{a} – {b}<br>not comparable ({n} shared measure(s))",
                        a=name_a,
                        b=name_b,
                        n=shared,
                    )
                )
            else:
                value = text.interval(row["low"], row["high"], digits=2)
                text_row.append(value)
                hover_row.append(
                    text.gettext(
                        "{a} – {b}<br>similarity {value}<br>over {n} shared measures",
                        a=name_a,
                        b=name_b,
                        value=value,
                        n=int(row["shared"]),
                    )
                )
        cells.append(text_row)
        hover.append(hover_row)
    colorbar = {"title": {"text": text.gettext("at least")}, "thickness": 12}
    return _country_pairs_figure(z, labels, cells, hover, 1, colorbar, options)


def _country_pairs_figure(
    z: list,
    labels: list[str],
    cells: list[list[str]],
    hover: list[list[str]],
    zmax: float,
    colorbar: dict,
    options: ChartOptions,
) -> Figure:
    """A country × country heatmap with a value written in each cell and its own hover text."""
    heatmap = {
        "type": "heatmap",
        "z": z,
        "x": labels,
        "y": labels,
        "zmin": 0,
        "zmax": zmax,
        "colorscale": SEQUENTIAL,
        "text": cells,
        "texttemplate": "%{text}",
        "textfont": {"size": 12},
        "hovertext": hover,
        "hoverinfo": "text",
        "xgap": 2,
        "ygap": 2,
        "colorbar": colorbar,
    }
    layout = base_layout_dict(options.font_size)
    layout.update(
        title={"text": options.title, "x": 0.01},
        height=440,
        yaxis={"autorange": "reversed", "showgrid": False},
        xaxis={"showgrid": False, "tickangle": -30},
    )
    return figure([heatmap], layout, options.text)


def overlap_heatmap(
    overlap: pd.DataFrame,
    countries: Sequence[str],
    names: Mapping[str, str],
    options: ChartOptions,
) -> Figure:
    """Heatmap of how many main origin countries each pair shares; hover names them.

    ``overlap`` comes from :func:`dashboard.analytics.origins.origin_overlap`; a pair where a
    country published no victims by citizenship is blank ("no data"), not 0.
    """
    text, title, font_size = options.text, options.title, options.font_size
    if len(countries) < 2:
        return empty(title, text.gettext("Choose at least two countries."), font_size, text=text)
    labels = [names.get(code, code) for code in countries]
    _, rows = _matrix(overlap, countries, "jaccard")
    counts: list[list[float | None]] = [[None] * len(countries) for _ in countries]
    cells, hover = [], []
    for i, (a, name_a) in enumerate(zip(countries, labels, strict=True)):
        text_row, hover_row = [], []
        for j, (b, name_b) in enumerate(zip(countries, labels, strict=True)):
            row = rows.get((a, b))
            if a == b:
                text_row.append("")
                hover_row.append(name_a)
            elif row is None or pd.isna(row["jaccard"]):
                text_row.append(text.gettext("no data"))
                hover_row.append(
                    text.gettext(
                        "{a} – {b}<br>no victims by citizenship published", a=name_a, b=name_b
                    )
                )
            else:
                counts[i][j] = int(row["shared"])
                shared = [names.get(c, c) for c in str(row["shared_origins"]).split(";") if c]
                text_row.append(f"{int(row['shared'])}")
                hover_row.append(
                    text.gettext(
                        "{a} – {b}<br>{n} shared of {k_a} and {k_b} main origins "
                        "(Jaccard {jaccard})<br>{origins}",
                        a=name_a,
                        b=name_b,
                        n=text.number(int(row["shared"])),
                        k_a=text.number(int(row["k_a"])),
                        k_b=text.number(int(row["k_b"])),
                        jaccard=text.number(float(row["jaccard"]), 2),
                        origins=text.join(shared) or text.gettext("none"),
                    )
                )
        cells.append(text_row)
        hover.append(hover_row)
    top = max([c for row in counts for c in row if c is not None], default=1) or 1
    colorbar = {"title": {"text": text.gettext("shared")}, "thickness": 12, "dtick": 1}
    return _country_pairs_figure(counts, labels, cells, hover, max(top, 1), colorbar, options)
