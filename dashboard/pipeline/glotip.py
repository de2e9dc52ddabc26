"""UNODC Global Report on Trafficking in Persons (GLOTIP) country data: workbook → tidy tables.

:func:`read_workbook` is the only I/O; :func:`tidy` is pure and returns every table this source
feeds (``indicators``, ``flows``, ``repatriations``, the ``group:`` nodes it uses, the regions of
its reporters) with a coverage report that accounts for every row of citizenship and
repatriation data and every row left out.

Decisions (also written for readers in ``data/meta/unodc-glotip.json``)
-----------------------------------------------------------------------
- ``<5`` is a suppressed count: the interval ``(1, 4)``, ``censored = True``. ``"1,282"`` is 1282.
- Reporters that are not one country (regional aggregates ``CAR``, ``CAS``, ``EEU``, ``MCA``,
  ``MCN``, ``SAF``, ``SAM`` and ``Aruba/Curacao``: no region) and a reporter with no ISO3 code
  (Sark) are left out of every table and counted in the coverage report.
- "by citizenship" rows of *Detected trafficking victims* become flows citizenship → reporter;
  those of *Persons convicted* give offenders' citizenship, not victims', and are left out.
- "by country of repatriation" rows become repatriation links, never flows.
- Labels are classified through ``aliases/glotip_labels.csv``; ``total`` labels are dropped, and
  so is an empty label whose count equals the reporter's published total or the sum of the other
  labels in the same table (it is a total whose label was lost).
- A country label naming the reporter itself is a domestic flow (``origin_class = "domestic"``).
- Rows that map to the same edge are added up as intervals; their labels are kept in
  ``raw_label``.
- Indicator cells published more than once are resolved explicitly (see
  :func:`resolve_indicator_duplicates`) and every case is listed in ``GlotipTables.duplicates``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from dashboard.pipeline.glotip_coverage import coverage as coverage_report
from dashboard.pipeline.glotip_duplicates import resolve_indicator_duplicates
from dashboard.pipeline.glotip_vocabulary import (
    AGE_SLUGS,
    COLUMNS,
    CONVICTED,
    DIM_CITIZENSHIP,
    DIM_EXPLOITATION,
    DIM_REPATRIATION,
    DIM_TOTAL,
    EMPTY_LABEL,
    EXPLOITATION_SLUGS,
    INDICATOR_SLUGS,
    SEX_SLUGS,
    SOURCE,
    VICTIMS,
)
from dashboard.pipeline.labels import GROUP_NAMES, classify, read_aliases
from dashboard.pipeline.names import add_node_names
from dashboard.schemas import ISO3, TABLES, validate
from dashboard.tables import column_dtypes

_COUNT = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


class GlotipTables(NamedTuple):
    """Everything :func:`tidy` derives from the workbook."""

    #: Rows of :class:`dashboard.schemas.Indicators`.
    indicators: pd.DataFrame
    #: Rows of :class:`dashboard.schemas.Flows` (measure ``trafficking-victims``).
    flows: pd.DataFrame
    #: Rows of :class:`dashboard.schemas.Repatriations`.
    repatriations: pd.DataFrame
    #: Rows of :class:`dashboard.schemas.Nodes` for the ``group:`` tokens used above.
    group_nodes: pd.DataFrame
    #: ``iso3, region, subregion`` of every reporting country, as the workbook gives them.
    regions: pd.DataFrame
    #: ``scope, class, rows, victims_low, victims_high, note``: where every row went.
    coverage: pd.DataFrame
    #: Every indicator cell published more than once, its values and what was done.
    duplicates: pd.DataFrame


class GlotipFormatError(ValueError):
    """The workbook does not have the layout or values this importer was written for."""


def read_workbook(path: Path) -> pd.DataFrame:
    """Read the GLOTIP workbook as published, every cell as text (I/O only).

    The header row is found as the first row whose first cell is ``Iso3_code``; the cells of the
    rows above it (publisher, date) are kept in ``frame.attrs["preamble"]``.

    Parameters
    ----------
    path
        ``data_glotip.xlsx`` from the UNODC data portal.

    Returns
    -------
    pandas.DataFrame
        The data rows under their published column names; empty cells are missing values.

    Raises
    ------
    GlotipFormatError
        If no header row is found or the columns differ from :data:`COLUMNS`.
    """
    sheet = pd.read_excel(
        path, header=None, dtype=str, keep_default_na=False, na_values=[""], engine="openpyxl"
    )
    first = sheet.iloc[:, 0].astype("string").str.strip()
    header_rows = first.index[first == COLUMNS[0]]
    if len(header_rows) == 0:
        raise GlotipFormatError(f"{path}: no header row starting with {COLUMNS[0]!r}")
    at = header_rows[0]
    header = [str(v).strip() for v in sheet.iloc[at].tolist()]
    frame = sheet.iloc[at + 1 :].copy()
    frame.columns = header
    frame = frame.dropna(how="all").reset_index(drop=True)
    _check_columns(frame)
    frame.attrs["preamble"] = [
        [str(v) for v in sheet.iloc[i].tolist() if not pd.isna(v)] for i in range(at)
    ]
    return frame


def _check_columns(raw: pd.DataFrame) -> None:
    if list(raw.columns) != COLUMNS:
        raise GlotipFormatError(f"expected columns {COLUMNS}, found {list(raw.columns)}")


def parse_counts(values: pd.Series) -> pd.DataFrame:
    """Parse published counts into intervals.

    Parameters
    ----------
    values
        Text as published: ``"<5"`` (suppressed), ``"12"`` or ``"1,282"``.

    Returns
    -------
    pandas.DataFrame
        Columns ``low``, ``high`` (int64) and ``censored`` (bool), same index.

    Raises
    ------
    GlotipFormatError
        Listing every value that is none of these forms.

    Examples
    --------
    >>> parse_counts(pd.Series(["<5", "1,282", "7"])).values.tolist()
    [[1, 4, True], [1282, 1282, False], [7, 7, False]]
    """
    text = values.astype("string").str.strip()
    censored = (text == "<5").fillna(False).astype(bool)
    exact = text.str.fullmatch(_COUNT).fillna(False).astype(bool)
    bad = sorted({repr(v) for v in values[~(censored | exact)]})
    if bad:
        raise GlotipFormatError(f"unreadable txtVALUE value(s): {', '.join(bad)}")
    number = pd.to_numeric(text.where(exact).str.replace(",", "", regex=False)).fillna(0)
    number = number.astype("int64")
    low = np.where(censored, 1, number).astype("int64")
    high = np.where(censored, 4, number).astype("int64")
    return pd.DataFrame(
        {"low": low, "high": high, "censored": censored.to_numpy()}, index=values.index
    )


def reporter_kinds(raw: pd.DataFrame) -> pd.Series:
    """Say which rows come from one reporting country.

    Parameters
    ----------
    raw
        The workbook rows.

    Returns
    -------
    pandas.Series
        Per row: ``"country"``; ``"regional-aggregate-reporter"`` when the row has no region
        (UNODC's aggregates such as ``CAR`` or ``SAM``, and ``Aruba/Curacao``) or a code that is
        not ISO3; ``"reporter-without-iso3"`` when the code is empty (Sark).
    """
    code = raw["Iso3_code"].astype("string").str.strip()
    no_code = code.isna()
    not_country = raw["Region"].isna() | ~code.str.fullmatch(ISO3).fillna(False)
    kinds = np.select(
        [no_code.to_numpy(), not_country.to_numpy()],
        ["reporter-without-iso3", "regional-aggregate-reporter"],
        default="country",
    )
    return pd.Series(kinds, index=raw.index, dtype=object)


def tidy(raw: pd.DataFrame, aliases: pd.DataFrame | None = None) -> GlotipTables:
    """Turn the workbook rows into the dashboard's tables (pure).

    Parameters
    ----------
    raw
        Rows from :func:`read_workbook`.
    aliases
        The label alias table; by default ``aliases/glotip_labels.csv``.

    Returns
    -------
    GlotipTables
        Validated ``indicators``, ``flows``, ``repatriations`` and ``group_nodes``; ``regions``;
        the ``coverage`` report and the list of ``duplicates``.

    Raises
    ------
    GlotipFormatError
        On an unexpected column, value, indicator, dimension, sex or age.
    dashboard.pipeline.labels.UnclassifiedLabelError
        Naming every citizenship or repatriation label the alias file does not list.
    """
    _check_columns(raw)
    if aliases is None:
        aliases = read_aliases()
    rows = raw.copy()
    for col in COLUMNS:
        rows[col] = rows[col].astype("string").str.strip()
    _check_vocabulary(rows)
    rows = rows.join(parse_counts(rows["txtVALUE"]))
    rows["year"] = rows["Year"].astype("int64")
    rows["reporter_kind"] = reporter_kinds(rows)
    countries = rows[rows["reporter_kind"] == "country"]

    is_breakdown = countries["Dimension"].isin([DIM_TOTAL, DIM_EXPLOITATION])
    indicators, duplicates = _indicators(countries[is_breakdown])

    linked = countries[countries["Dimension"].isin([DIM_CITIZENSHIP, DIM_REPATRIATION])].copy()
    classes = classify(linked["Category"].tolist(), aliases)
    linked["label_class"] = classes["class"].to_numpy()
    linked["code"] = classes["code"].to_numpy()
    linked["raw_label"] = [lab if lab else EMPTY_LABEL for lab in classes["label"]]
    linked["empty_total"] = _empty_label_totals(linked, countries)
    linked.loc[linked["empty_total"], "label_class"] = "total"

    citizenship = linked[linked["Dimension"] == DIM_CITIZENSHIP]
    victims_by_citizenship = citizenship[citizenship["Indicator"] == VICTIMS]
    convicted_by_citizenship = citizenship[citizenship["Indicator"] == CONVICTED]
    unexpected = set(citizenship["Indicator"]) - {VICTIMS, CONVICTED}
    unexpected |= set(linked.loc[linked["Dimension"] == DIM_REPATRIATION, "Indicator"]) - {VICTIMS}
    if unexpected:
        raise GlotipFormatError(f"unexpected indicator(s) with a partner: {sorted(unexpected)}")
    repatriated = linked[linked["Dimension"] == DIM_REPATRIATION]

    flows = _flows(victims_by_citizenship)
    repatriations = _repatriations(repatriated)
    used_groups = sorted(
        {t for t in flows["origin"] if t.startswith("group:")}
        | {t for t in repatriations["partner"] if t.startswith("group:")}
    )
    coverage = coverage_report(
        rows, victims_by_citizenship, repatriated, convicted_by_citizenship, duplicates
    )
    return GlotipTables(
        indicators=indicators,
        flows=flows,
        repatriations=repatriations,
        group_nodes=_group_nodes(used_groups),
        regions=_regions(countries),
        coverage=coverage,
        duplicates=duplicates,
    )


def _check_vocabulary(rows: pd.DataFrame) -> None:
    expected = {
        "Indicator": set(INDICATOR_SLUGS),
        "Dimension": {DIM_TOTAL, DIM_EXPLOITATION, DIM_CITIZENSHIP, DIM_REPATRIATION},
        "Sex": set(SEX_SLUGS),
        "Age": set(AGE_SLUGS),
        "Unit of measurement": {"Counts"},
    }
    problems = []
    for col, allowed in expected.items():
        extra = set(rows[col].dropna()) - allowed
        if extra or rows[col].isna().any():
            problems.append(f"{col}: {sorted(extra)}{' and empty cells' * rows[col].isna().any()}")
    exploitation = rows.loc[rows["Dimension"] == DIM_EXPLOITATION, "Category"]
    extra = set(exploitation.dropna()) - set(EXPLOITATION_SLUGS)
    if extra or exploitation.isna().any():
        problems.append(f"forms of exploitation: {sorted(extra)}")
    totals = rows.loc[rows["Dimension"] == DIM_TOTAL, "Category"]
    if set(totals.fillna("")) - {"Total"}:
        problems.append("Category of Dimension 'Total' is not 'Total'")
    linked = rows[rows["Dimension"].isin([DIM_CITIZENSHIP, DIM_REPATRIATION])]
    if ((linked["Sex"] != "Total") | (linked["Age"] != "Total")).any():
        problems.append("citizenship or repatriation rows broken down by sex or age")
    years = rows["Year"].str.fullmatch(r"\d{4}").fillna(False)
    if not years.all():
        problems.append(f"Year: {sorted(set(rows.loc[~years, 'Year'].astype(str)))}")
    if problems:
        raise GlotipFormatError("unexpected values: " + "; ".join(problems))


# --- indicators -------------------------------------------------------------------------------


def _indicators(breakdowns: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    cells = pd.DataFrame(
        {
            "iso3": breakdowns["Iso3_code"],
            "year": breakdowns["year"],
            "indicator": breakdowns["Indicator"].map(INDICATOR_SLUGS),
            "exploitation": breakdowns["Category"].map({"Total": "total", **EXPLOITATION_SLUGS}),
            "sex": breakdowns["Sex"].map(SEX_SLUGS),
            "age": breakdowns["Age"].map(AGE_SLUGS),
            "value_low": breakdowns["low"],
            "value_high": breakdowns["high"],
            "censored": breakdowns["censored"],
            "published": breakdowns["txtVALUE"],
        }
    )
    resolved, duplicates = resolve_indicator_duplicates(cells)
    resolved["source"] = SOURCE
    return _conform("indicators", resolved), duplicates


# --- labelled links -----------------------------------------------------------------------------


def _empty_label_totals(linked: pd.DataFrame, countries: pd.DataFrame) -> pd.Series:
    """Empty-labelled rows that are totals: equal to the published total or to the other rows."""
    group_key = ["Iso3_code", "Indicator", "Dimension", "year"]
    empty = linked["raw_label"] == EMPTY_LABEL
    others = linked[~empty & (linked["label_class"] != "total")]
    sums = others.groupby(group_key)[["low", "high"]].sum()
    headline = countries[
        (countries["Dimension"] == DIM_TOTAL)
        & (countries["Sex"] == "Total")
        & (countries["Age"] == "Total")
        & ~countries["censored"]
    ]
    published_total = headline.groupby(["Iso3_code", "Indicator", "year"])["low"].first()
    result = pd.Series(False, index=linked.index)
    for idx, row in linked[empty & ~linked["censored"]].iterrows():
        key = (row["Iso3_code"], row["Indicator"], row["Dimension"], row["year"])
        if key not in sums.index:
            continue  # the only row: citizenship not stated for everyone, not a total
        low, high = sums.loc[key]
        total = published_total.get((row["Iso3_code"], row["Indicator"], row["year"]))
        value = row["low"]
        result[idx] = bool(value == total or low <= value <= high)
    return result


def _origin(linked: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Node code and class of each labelled row's partner (origin or repatriation partner)."""
    label_class = linked["label_class"]
    reporter = linked["Iso3_code"]
    node = linked["code"].where(label_class != "domestic", reporter)
    node_class = label_class.where(~((label_class == "country") & (node == reporter)), "domestic")
    return node.astype(str), node_class.astype(str)


def _merge_intervals(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    return (
        frame.groupby(key, sort=True, dropna=False)
        .agg(
            count_low=("low", "sum"),
            count_high=("high", "sum"),
            censored=("censored", "any"),
            raw_label=("raw_label", lambda s: " | ".join(sorted(set(s)))),
        )
        .reset_index()
    )


def _flows(victims: pd.DataFrame) -> pd.DataFrame:
    kept = victims[victims["label_class"] != "total"].copy()
    kept["origin"], kept["origin_class"] = _origin(kept)
    kept["destination"] = kept["Iso3_code"]
    flows = _merge_intervals(kept, ["origin", "destination", "year", "origin_class"])
    if flows.duplicated(["origin", "destination", "year"]).any():  # pragma: no cover - guard
        raise AssertionError("one edge with two origin classes")
    flows["transit"] = np.nan
    flows["measure"] = "trafficking-victims"
    flows["source"] = SOURCE
    flows["note"] = np.nan
    return _conform("flows", flows)


def _repatriations(repatriated: pd.DataFrame) -> pd.DataFrame:
    kept = repatriated[repatriated["label_class"] != "total"].copy()
    kept["partner"], kept["partner_class"] = _origin(kept)
    kept["reporter"] = kept["Iso3_code"]
    links = _merge_intervals(kept, ["reporter", "partner", "year", "partner_class"])
    links["source"] = SOURCE
    return _conform("repatriations", links)


def _group_nodes(tokens: list[str]) -> pd.DataFrame:
    nodes = pd.DataFrame(
        {
            "token": tokens,
            "kind": "group",
            "name_en": [GROUP_NAMES[t] for t in tokens],
            "members": np.nan,
            "arrival": np.nan,
            "lon": np.nan,
            "lat": np.nan,
            "description": np.nan,
        }
    )
    return _conform("nodes", add_node_names(nodes))


def _regions(countries: pd.DataFrame) -> pd.DataFrame:
    regions = (
        countries[["Iso3_code", "Region", "Subregion"]]
        .drop_duplicates()
        .rename(columns={"Iso3_code": "iso3", "Region": "region", "Subregion": "subregion"})
        .sort_values("iso3")
        .reset_index(drop=True)
    )
    if regions["iso3"].duplicated().any():
        clash = sorted(regions.loc[regions["iso3"].duplicated(), "iso3"])
        raise GlotipFormatError(f"reporters with two regions: {clash}")
    return regions.astype({"iso3": "str", "region": "str", "subregion": "str"})


def _dtypes(name: str) -> dict[str, str]:
    try:
        return column_dtypes(name)
    except KeyError:
        # pandera 0.35 under pandas 3 names text columns "string[python]", which
        # tables.column_dtypes does not map; such columns are pandas' default "str".
        columns = TABLES[name].to_schema().columns
        return {c: "str" if "str" in str(s.dtype) else str(s.dtype) for c, s in columns.items()}


def _conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    dtypes = _dtypes(name)
    out = frame[list(dtypes)].astype(dtypes).reset_index(drop=True)
    return validate(name, out)
