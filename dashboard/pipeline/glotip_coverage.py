"""The GLOTIP coverage report: every row of citizenship and repatriation data, and every row
left out, accounted for by class (:func:`coverage`)."""

from __future__ import annotations

import pandas as pd

from dashboard.pipeline.glotip_vocabulary import DIM_TOTAL, VICTIMS

# --- coverage -----------------------------------------------------------------------------------

COVERAGE_COLUMNS = ["scope", "class", "rows", "victims_low", "victims_high", "note"]


def coverage(
    rows: pd.DataFrame,
    citizenship: pd.DataFrame,
    repatriated: pd.DataFrame,
    convicted: pd.DataFrame,
    duplicates: pd.DataFrame,
) -> pd.DataFrame:
    records = []

    def add(scope: str, cls: str, frame: pd.DataFrame, note: str, victims: bool = True) -> None:
        records.append(
            {
                "scope": scope,
                "class": cls,
                "rows": len(frame),
                "victims_low": int(frame["low"].sum()) if victims else pd.NA,
                "victims_high": int(frame["high"].sum()) if victims else pd.NA,
                "note": note,
            }
        )

    for scope, frame, what in (
        ("flows", citizenship, "detected victims by citizenship"),
        ("repatriations", repatriated, "detected victims by country of repatriation"),
    ):
        for cls in ("country", "domestic", "unknown", "group"):
            add(scope, cls, frame[frame["label_class"] == cls], f"{what}, kept")
        own = frame[(frame["label_class"] == "country") & (frame["code"] == frame["Iso3_code"])]
        add(scope, "country-is-reporter", own, "country labels naming the reporter (domestic)")
        labelled = frame[(frame["label_class"] == "total") & ~frame["empty_total"]]
        add(scope, "total", labelled, f"{what}: total labels, dropped (double count)")
        add(
            scope,
            "empty-label-total",
            frame[frame["empty_total"]],
            f"{what}: empty labels equal to a total, dropped (double count)",
        )
    aggregates = rows[rows["reporter_kind"] == "regional-aggregate-reporter"]
    headline = (
        (aggregates["Indicator"] == VICTIMS)
        & (aggregates["Dimension"] == DIM_TOTAL)
        & (aggregates["Sex"] == "Total")
        & (aggregates["Age"] == "Total")
    )
    records.append(
        {
            "scope": "excluded",
            "class": "regional-aggregate-reporter",
            "rows": len(aggregates),
            "victims_low": int(aggregates.loc[headline, "low"].sum()),
            "victims_high": int(aggregates.loc[headline, "high"].sum()),
            "note": "reporters that are not one country ("
            + ", ".join(sorted(set(aggregates["Iso3_code"])))
            + "); victims = their total detected victims",
        }
    )
    no_code = rows[rows["reporter_kind"] == "reporter-without-iso3"]
    add(
        "excluded",
        "reporter-without-iso3",
        no_code,
        "rows with no ISO3 code ("
        + ", ".join(sorted(set(no_code["Country"].dropna())))
        + "); victims = all their cells (sex and age breakdowns, may overlap)",
    )
    add(
        "excluded",
        "convicted-by-citizenship",
        convicted,
        "persons convicted by citizenship: offenders, not victims",
        victims=False,
    )
    for resolution, group in duplicates.groupby("resolution"):
        records.append(
            {
                "scope": "indicators",
                "class": resolution,
                "rows": int(group["rows"].sum()),
                "victims_low": pd.NA,
                "victims_high": pd.NA,
                "note": f"{len(group)} indicator cell(s) published more than once",
            }
        )
    coverage = pd.DataFrame(records, columns=COVERAGE_COLUMNS)
    return coverage.astype({"rows": "int64", "victims_low": "Int64", "victims_high": "Int64"})
