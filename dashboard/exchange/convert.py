"""An upload in the dashboard's shapes, every count published by the workspace's rule.

Everything here starts from the stored, exact cells (:meth:`Workspace.cells
<dashboard.exchange.store.Workspace.cells>`, or a check's ``cells``) and the threshold k, and
everything it returns may leave the app:

- :func:`published_cells`: **the one base** every published number derives from. Cells of the
  same group from several agencies are added up first (:data:`BASE_KEY`: reporting country,
  year, origin, transit, destination, sex, age, exploitation), then suppressed once
  (:func:`~dashboard.exchange.suppression.suppress_cells`). Publishing one grain only matters:
  were the per-agency cells published too, an exact sum of two agencies minus one agency's
  exact count would give the other's small count back.
- :func:`flow_rows`: the tidy flow rows (one per base cell) with ``origin_class``, ``measure``
  and the rule applied.
- :func:`indicator_rows`: detected victims by reporting country and year, with every breakdown
  by exploitation, sex and age and their totals (``total``), each an interval sum of published
  cells (:func:`~dashboard.exchange.suppression.suppressed_totals`).
- :func:`to_dataset`: a :class:`~dashboard.dataset.Dataset` the views can show: its ``flows``
  in the baseline's schema (origin → transit → destination by year, measure
  ``trafficking-victims``, summed over sex, age and exploitation as intervals of published
  cells), its ``indicators`` (:func:`dataset_indicators`: detected victims by reporting country
  and year, as the baseline's), the baseline's countries and nodes, every other table empty,
  and metadata naming the upload (``metadata["upload"]``: title, owner workspace, dataset id,
  when stored, the rule).

``transit`` holds the countries passed through, ISO3 codes in travel order joined by ``;``
(empty, or missing in :func:`to_dataset`'s flows, when there were none): several countries,
not a ``route:`` token as in the baseline. :func:`transit_stops` splits it.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.exchange.aggregate import CELL_KEY
from dashboard.exchange.places import UNKNOWN
from dashboard.exchange.suppression import Rule, suppress_cells, suppressed_totals
from dashboard.text import ENGLISH, N_, Text

if TYPE_CHECKING:
    from dashboard.dataset import Dataset
    from dashboard.exchange.store import DatasetInfo

MEASURE = "trafficking-victims"
INDICATOR = "detected-victims"
SOURCE = "upload"
BASE_KEY = [column for column in CELL_KEY if column != "source_agency"]
PUBLISHED_COLUMNS = [*BASE_KEY, "count_low", "count_high", "censored", "status", "source_agency"]
FLOW_ROW_COLUMNS = [
    *BASE_KEY,
    "count_low",
    "count_high",
    "censored",
    "origin_class",
    "measure",
    "status",
    "source_agency",
    "rule",
]
INDICATOR_ROW_COLUMNS = [
    "iso3",
    "year",
    "indicator",
    "exploitation",
    "sex",
    "age",
    "value_low",
    "value_high",
    "censored",
    "source",
    "rule",
]
BREAKDOWNS = ("exploitation", "sex", "age")
_CITATION = N_("{title} (uploaded data, stored {date})")


def transit_stops(transit: object) -> list[str]:
    """The countries of a ``transit`` value, in travel order.

    Examples
    --------
    >>> transit_stops("MLI;DZA"), transit_stops(""), transit_stops(None)
    (['MLI', 'DZA'], [], [])
    """
    if not isinstance(transit, str):
        return []
    return [stop for stop in transit.split(";") if stop]


def _agencies(cells: pd.DataFrame) -> pd.Series:
    """Each :data:`BASE_KEY` group's agencies, sorted and joined by ``; `` (groups with none
    left out). Most groups have one agency: only those with several are joined, group by group
    (a join for every group took 6 s on 100,000 rows)."""
    named = cells.loc[cells["source_agency"].ne(""), [*BASE_KEY, "source_agency"]]
    named = named.drop_duplicates().sort_values([*BASE_KEY, "source_agency"], kind="mergesort")
    several = named.duplicated(BASE_KEY, keep=False)
    single = named.loc[~several].set_index(BASE_KEY)["source_agency"]
    joined = named.loc[several].groupby(BASE_KEY, sort=True, observed=True)["source_agency"]
    return pd.concat([single, joined.agg("; ".join)]).rename("source_agency")


def published_cells(cells: pd.DataFrame, k: int) -> pd.DataFrame:
    """The base of everything published (see the module's docstring): one row per
    :data:`BASE_KEY` group, its count suppressed; ``status`` is ``provisional`` when any
    of its rows is, ``source_agency`` the agencies joined by ``; ``."""
    if cells.empty:
        empty = pd.DataFrame(columns=PUBLISHED_COLUMNS)
        return empty.astype({"count_low": "int64", "count_high": "int64", "censored": bool})
    flagged = cells.assign(
        provisional=cells["status"].eq("provisional"), final=cells["status"].eq("final")
    )
    grouped = flagged.groupby(BASE_KEY, sort=True, observed=True)
    base = grouped.agg(
        count_low=("count_low", "sum"),
        count_high=("count_high", "sum"),
        provisional=("provisional", "max"),
        final=("final", "min"),
    )
    base = base.join(_agencies(cells)).reset_index()
    base["source_agency"] = base["source_agency"].fillna("").astype(str)
    status = np.where(base["provisional"], "provisional", np.where(base["final"], "final", ""))
    base["status"] = status
    published = suppress_cells(base, k)
    return published[PUBLISHED_COLUMNS].reset_index(drop=True)


def origin_class(origin: pd.Series, destination: pd.Series) -> pd.Series:
    """The baseline's classes: ``domestic`` (citizens of the destination), ``unknown``,
    ``group`` (``group:`` tokens) or ``country``."""
    classes = np.where(
        origin.eq(UNKNOWN),
        "unknown",
        np.where(
            origin.str.startswith("group:"),
            "group",
            np.where(origin.eq(destination), "domestic", "country"),
        ),
    )
    return pd.Series(classes, index=origin.index, dtype=str)


def flow_rows(cells: pd.DataFrame, k: int, text: Text = ENGLISH) -> pd.DataFrame:
    """The tidy flow rows of an upload (:data:`FLOW_ROW_COLUMNS`), counts published; ``rule``
    says the rule in ``text``'s language."""
    from dashboard.exchange.problems import render

    rows = published_cells(cells, k)
    rows["origin_class"] = origin_class(rows["origin"], rows["destination"])
    rows["measure"] = MEASURE
    rows["rule"] = render(text, Rule(k).message)
    return rows[FLOW_ROW_COLUMNS]


def indicator_rows(
    cells: pd.DataFrame,
    k: int,
    text: Text = ENGLISH,
    published: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Detected victims by reporting country, year and every combination of breakdowns
    (others ``total``), in the baseline's indicator codes plus ``mixed`` and ``unknown``
    exploitation (:data:`INDICATOR_ROW_COLUMNS`); each an interval sum of published cells
    (``published``: :func:`published_cells` of ``cells``, when already computed)."""
    from dashboard.exchange.problems import render

    base = published_cells(cells, k) if published is None else published
    if base.empty:
        return pd.DataFrame(columns=INDICATOR_ROW_COLUMNS)
    parts = []
    for size in range(len(BREAKDOWNS) + 1):
        for dims in combinations(BREAKDOWNS, size):
            totals = suppressed_totals(base, ["reporting_country", "year", *dims], k)
            for dim in BREAKDOWNS:
                if dim not in dims:
                    totals[dim] = "total"
            parts.append(totals)
    rows = pd.concat(parts, ignore_index=True).rename(
        columns={"reporting_country": "iso3", "count_low": "value_low", "count_high": "value_high"}
    )
    rows["indicator"] = INDICATOR
    rows["source"] = SOURCE
    rows["rule"] = render(text, Rule(k).message)
    order = ["iso3", "year", "exploitation", "sex", "age"]
    return rows[INDICATOR_ROW_COLUMNS].sort_values(order, kind="mergesort").reset_index(drop=True)


def _empty_table(name: str) -> pd.DataFrame:
    from dashboard.tables import column_dtypes

    columns = column_dtypes(name)
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in columns.items()})


def _in_schema(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``'s columns of the baseline's table ``name``, in its dtypes, validated."""
    from dashboard.schemas import validate
    from dashboard.tables import column_dtypes

    if frame.empty:
        return validate(name, _empty_table(name))
    dtypes = column_dtypes(name)
    typed = frame[list(dtypes)].astype({c: d for c, d in dtypes.items() if d != "str"})
    for column, dtype in dtypes.items():
        if dtype == "str":
            typed[column] = typed[column].astype("str").where(typed[column].notna(), np.nan)
    return validate(name, typed.reset_index(drop=True))


def dataset_flows(
    cells: pd.DataFrame, k: int, published: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The upload's flows in the baseline's ``flows`` schema (validated; ``published`` as in
    :func:`indicator_rows`)."""
    base = published_cells(cells, k) if published is None else published
    if base.empty:
        return _in_schema("flows", base)
    edges = suppressed_totals(base, ["origin", "transit", "destination", "year"], k)
    edges["transit"] = edges["transit"].replace("", np.nan)
    edges["measure"] = MEASURE
    edges["origin_class"] = origin_class(edges["origin"], edges["destination"])
    edges["source"] = SOURCE
    edges["raw_label"] = ""
    edges["note"] = np.nan
    return _in_schema("flows", edges)


def dataset_indicators(
    cells: pd.DataFrame, k: int, published: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The upload's detected victims in the baseline's ``indicators`` schema (validated): the
    rows of :func:`indicator_rows` whose form of exploitation the baseline's vocabulary knows
    (``mixed`` and ``unknown`` count in the totals, never as a form of their own)."""
    from dashboard.schemas.vocabulary import EXPLOITATION

    rows = indicator_rows(cells, k, published=published)
    return _in_schema("indicators", rows.loc[rows["exploitation"].isin(EXPLOITATION)])


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value is not None else None


def upload_metadata(info: DatasetInfo, k: int, text: Text = ENGLISH) -> dict[str, object]:
    """The metadata of an uploaded dataset, as the baseline's sources have (``data/meta``)."""
    rule = Rule(k)
    date = info.stored_at.date().isoformat()
    return {
        "id": SOURCE,
        "kind": "upload",
        "title": info.title,
        "producer": info.workspace,
        "workspace": info.workspace,
        "dataset": info.id,
        "filename": info.filename,
        "uploaded_at": _stamp(info.uploaded_at),
        "stored_at": _stamp(info.stored_at),
        "years": list(info.years) if info.years else None,
        "reporting_countries": list(info.reporting_countries),
        "citation": text.gettext(_CITATION, title=info.title, date=date),
        "rule": {"code": rule.code, "k": k, "message": rule.message},
        "tables": ["flows", "indicators"],
    }


def to_dataset(
    cells: pd.DataFrame,
    k: int,
    info: DatasetInfo,
    baseline: Dataset,
    text: Text = ENGLISH,
) -> Dataset:
    """A :class:`~dashboard.dataset.Dataset` of the upload (see the module's docstring)."""
    from dashboard.dataset import Dataset
    from dashboard.schemas import TABLES

    empty = {name: _empty_table(name) for name in TABLES if name not in ("countries", "nodes")}
    published = published_cells(cells, k)  # once: both tables derive from it
    empty["flows"] = dataset_flows(cells, k, published)
    empty["indicators"] = dataset_indicators(cells, k, published)
    return Dataset(
        countries=baseline.countries,
        nodes=baseline.nodes,
        metadata={SOURCE: upload_metadata(info, k, text)},
        label=f"upload:{info.id}",
        **empty,
    )
