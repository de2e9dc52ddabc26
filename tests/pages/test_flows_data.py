"""The Flows and Data views' callbacks, called directly on the bundled data.

Callbacks run inside a Flask request context (as Dash runs them) and, where they ask which
control fired, inside a Dash callback context naming it.
"""

from __future__ import annotations

from contextvars import copy_context
from urllib.parse import parse_qsl

import dash
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from dashboard import ids
from dashboard.analytics.grid_rows import records
from dashboard.analytics.intervals import sum_intervals
from dashboard.analytics.selection import FlowFilter, IndicatorFilter, select_flows
from dashboard.app import app
from dashboard.export import (
    FLOW_COLUMNS,
    INDICATOR_COLUMNS,
    column_meanings,
    flows_export,
    indicators_export,
    to_csv_bytes,
)
from dashboard.pages import data as data_page
from dashboard.pages import flows as flows_page
from dashboard.schemas import FOCUS_COUNTRIES
from dashboard.views.years import measure_years
from tests.pages.layout_tree import find, text_of

FOCUS = list(FOCUS_COUNTRIES)


@pytest.fixture(autouse=True)
def request_context():
    with app.server.test_request_context():
        yield


def call(callback, triggered: str | None = None, **inputs):
    """Run ``callback`` as Dash would, with ``triggered`` as the control that fired; its
    outputs by name."""

    def run():
        fired = [{"prop_id": f"{triggered}.value", "value": None}] if triggered else []
        context_value.set(AttributeDict(triggered_inputs=fired))
        return callback(**inputs)

    return copy_context().run(run)


def flows(measure, years, countries, top, triggered=None):
    return call(
        flows_page.update_flows, triggered, measure=measure, years=years, countries=countries,
        top=top,
    )  # fmt: skip


def data(kind, measure, indicator, years, countries, shown=None, triggered=None):
    return call(
        data_page.update_data, triggered, kind=kind, measure=measure, indicator=indicator,
        years=years, countries=countries, shown=shown,
    )  # fmt: skip


def grid_rows_of(selection: dict, request: dict | None = None) -> list[dict]:
    """Every row the Data grid lists for ``selection``, asked for block by block as the grid
    does when paged through to the end (each answer's row count is the total)."""
    rows, start, size = [], 0, data_page.BLOCK_SIZE
    while True:
        asked = {"startRow": start, "endRow": start + size, "sortModel": [], "filterModel": {}}
        answer = data_page.get_rows({**asked, **(request or {})}, selection)
        assert len(answer["rowData"]) <= size
        rows += answer["rowData"]
        start += size
        if start >= answer["rowCount"]:
            assert len(rows) == answer["rowCount"]
            return rows


# Flows -------------------------------------------------------------------------------------


def test_flows_default_view(dataset):
    first, last = measure_years(dataset, "trafficking-victims")
    out = flows("trafficking-victims", None, FOCUS, 10)
    assert out["figure"].data[0].type == "sankey"
    assert (out["years_min"], out["years_max"], out["years"]) == (first, last, [first, last])
    assert out["countries"] == FOCUS
    assert out["query"] == (
        f"?measure=trafficking-victims&from={first}&to={last}&countries={','.join(FOCUS)}&top=10"
        "&lang=en"
    )
    assert "detected victims" in text_of(out["summary"])
    assert "UNODC" in text_of(out["source"])
    assert out["download_class"] == "button"  # the CSV link is enabled


def test_flows_figure_total_is_the_selection_total(dataset):
    out = flows("trafficking-victims", [2015, 2020], ["TUN", "LBY"], 5)
    trace = out["figure"].data[0]
    rows = select_flows(
        dataset.flows,
        FlowFilter(
            measure="trafficking-victims", year_from=2015, year_to=2020, countries=("TUN", "LBY")
        ),
    )
    low, high = sum_intervals(zip(rows["count_low"], rows["count_high"], strict=True))
    # Band widths are lower bounds, so the origin layer's widths add up to the selection's low.
    origin_nodes = {
        i for i, row in enumerate(trace.node.customdata) if row[0].startswith("origin:")
    }
    assert (
        sum(
            v for s, v in zip(trace.link.source, trace.link.value, strict=True) if s in origin_nodes
        )
        == low
    )
    assert f"{low:,}–{high:,}" in text_of(out["summary"]) or f"{low:,}" in text_of(out["summary"])


def test_changing_the_measure_starts_from_its_years_and_says_it_is_context(dataset):
    first, last = measure_years(dataset, "border-crossings")
    out = flows(
        "border-crossings",
        [2015, 2016],
        ["TUN"],
        10,
        triggered=ids.FLOWS_MEASURE,
    )
    assert out["years"] == [first, last]
    assert (out["years_min"], out["years_max"]) == (first, last)
    assert "migration context, not trafficking" in text_of(out["summary"])
    assert "counts crossings, not persons" in text_of(out["summary"])
    assert "Frontex" in text_of(out["source"])
    # A change of years keeps them.
    out = flows(
        "border-crossings",
        [2015, 2016],
        ["TUN"],
        10,
        triggered=ids.FLOWS_YEARS,
    )
    assert out["years"] == [2015, 2016]
    assert "from=2015&to=2016" in out["query"]


def test_no_country_gives_a_clear_empty_figure_and_no_download():
    out = flows("trafficking-victims", None, [], 10)
    assert len(out["figure"].data) == 0
    assert "Choose at least one country" in out["figure"].layout.annotations[0].text
    assert out["download_class"] == "button disabled"  # nothing to download (web/test_downloads)


def test_too_many_countries_are_cut_with_a_notice(dataset):
    codes = sorted(dataset.country_codes)[:14]
    out = flows("trafficking-victims", None, codes, 10)
    assert out["countries"] == codes[:12]
    assert "At most 12 countries" in text_of(out["summary"])


def test_flows_layout_restores_the_controls_from_the_url():
    query = "?measure=border-crossings&from=2015&to=2020&countries=TUN,MAR&top=5"
    layout = flows_page.layout(**dict(parse_qsl(query[1:])))
    assert find(layout, ids.FLOWS_MEASURE).value == "border-crossings"
    assert find(layout, ids.FLOWS_YEARS).value == [2015, 2020]
    assert find(layout, ids.FLOWS_COUNTRIES).value == ["TUN", "MAR"]
    assert find(layout, ids.FLOWS_TOP).value == 5
    # The callback on those values writes the same query back.
    out = flows("border-crossings", [2015, 2020], ["TUN", "MAR"], 5)
    assert out["query"] == query + "&lang=en"


def test_flows_bad_url_values_give_notices_not_errors(dataset):
    layout = flows_page.layout(countries="XXX", top="7", measure="trafficking-victims", to="1990")
    text = text_of(layout)
    assert "Ignored countries=XXX" in text
    assert "Ignored top=7" in text
    assert find(layout, ids.FLOWS_COUNTRIES).value == FOCUS
    first, last = measure_years(dataset, "border-crossings")
    layout = flows_page.layout(measure="border-crossings", **{"from": str(first - 3)})
    assert find(layout, ids.FLOWS_YEARS).value == [first, last]
    assert "the years were limited" in text_of(layout)


# Data --------------------------------------------------------------------------------------


def test_data_grid_shows_exactly_the_export_rows(dataset):
    out = data(
        "flows",
        "trafficking-victims",
        "detected-victims",
        [2010, 2020],
        ["TUN", "EGY"],
    )
    selection, columns = out["selection"], out["columns"]
    rows = grid_rows_of(selection)
    flt = FlowFilter(
        measure="trafficking-victims", year_from=2010, year_to=2020, countries=("TUN", "EGY")
    )
    expected = flows_export(dataset, flt)
    assert [c["field"] for c in columns] == FLOW_COLUMNS
    assert len(rows) == len(expected) > 0
    assert [r["origin"] for r in rows] == expected["origin"].tolist()
    assert [r["count_high"] for r in rows] == expected["count_high"].tolist()
    # Every column but the citation (computed in the browser from source), row for row.
    assert rows == records(expected.drop(columns="citation"))
    citation = next(c for c in columns if c["field"] == "citation")["valueGetter"]["function"]
    assert all(dataset.citation(s) in citation for s in expected["source"].unique())
    assert f"{len(expected):,} rows" in text_of(out["summary"])
    assert (
        "python -m dashboard export flows --measure trafficking-victims --from 2010 --to 2020 "
        "--countries TUN,EGY" in text_of(out["summary"])
    )
    assert "?measure=trafficking-victims&from=2010&to=2020&countries=TUN,EGY" in out["query"]
    # measure shown, indicator hidden
    assert out["measure_style"] == {} and out["indicator_style"] == {"display": "none"}
    assert out["download_class"] == "button"  # the CSV link is enabled


def test_data_derived_indicator_lists_its_base_rows(dataset):
    out = data(
        "indicators",
        "trafficking-victims",
        "share-children",
        None,
        ["TUN"],
        triggered=ids.DATA_KIND,
    )
    first, last = int(dataset.indicators["year"].min()), int(dataset.indicators["year"].max())
    expected = indicators_export(
        dataset,
        IndicatorFilter(
            indicator="detected-victims", countries=("TUN",), year_from=first, year_to=last
        ),
    )
    assert [c["field"] for c in out["columns"]] == INDICATOR_COLUMNS
    rows = grid_rows_of(out["selection"])
    assert len(rows) == len(expected) > 0
    assert {r["indicator"] for r in rows} == {"detected-victims"}
    assert "is computed from the detected-victims rows" in text_of(out["summary"])
    assert out["measure_style"] == {"display": "none"} and out["indicator_style"] == {}
    assert out["years"] == [first, last]
    assert "kind=indicators" in out["query"] and "indicator=share-children" in out["query"]
    # The CSV link of that address holds the same rows.
    response = app.server.test_client().get(f"/download/data/rows.csv{out['query']}")
    assert response.status_code == 200 and response.data == to_csv_bytes(expected)


def test_data_dictionary_explains_every_column():
    for kind, columns in (("flows", FLOW_COLUMNS), ("indicators", INDICATOR_COLUMNS)):
        meanings = column_meanings(kind)
        assert list(meanings) == columns and all(m.strip() for m in meanings.values())
    out = data("flows", "trafficking-victims", "detected-victims", None, ["TUN"])
    text = text_of(out["dictionary"])
    assert all(column in text for column in FLOW_COLUMNS)


def test_data_without_countries_lists_nothing_and_says_why():
    out = data("flows", "trafficking-victims", "detected-victims", None, [])
    assert grid_rows_of(out["selection"]) == []
    assert "Choose at least one country" in text_of(out["summary"])
    assert out["download_class"] == "button disabled"  # nothing to download


def test_data_layout_restores_the_controls_from_the_url():
    query = (
        "?measure=trafficking-victims&from=2012&to=2018&countries=JOR"
        "&indicator=persons-convicted&kind=indicators"
    )
    layout = data_page.layout(**dict(parse_qsl(query[1:])))
    assert find(layout, ids.DATA_KIND).value == "indicators"
    assert find(layout, ids.DATA_INDICATOR).value == "persons-convicted"
    assert find(layout, ids.DATA_YEARS).value == [2012, 2018]
    assert find(layout, ids.DATA_COUNTRIES).value == ["JOR"]
    out = data(
        "indicators",
        "trafficking-victims",
        "persons-convicted",
        [2012, 2018],
        ["JOR"],
    )
    assert out["query"] == query + "&lang=en"


def test_data_grid_sorts_and_filters_its_rows_on_the_server(dataset):
    selection = {
        "kind": "flows",
        "measure": "border-crossings",
        "indicator": "detected-victims",
        "years": [2016, 2021],
        "countries": ["TUN", "MAR"],
    }
    flt = FlowFilter(
        measure="border-crossings", year_from=2016, year_to=2021, countries=("TUN", "MAR")
    )
    expected = flows_export(dataset, flt)
    request = {
        "sortModel": [{"colId": "count_high", "sort": "desc"}],
        "filterModel": {"year": {"filterType": "number", "type": "equals", "filter": 2019}},
    }
    rows = grid_rows_of(selection, request)
    chosen = expected.loc[expected["year"] == 2019]
    assert len(rows) == len(chosen) > 0
    assert [r["count_high"] for r in rows] == sorted(chosen["count_high"], reverse=True)


def test_data_grid_reloads_only_when_the_selection_changes():
    args = ("flows", "trafficking-victims", "detected-victims", [2010, 2020], ["TUN"])
    selection = data(*args)["selection"]
    assert selection["countries"] == ["TUN"] and selection["years"] == [2010, 2020]
    assert data(*args, selection)["selection"] is dash.no_update
    layout = data_page.layout(**{"from": "2010", "to": "2020", "countries": "TUN"})
    assert find(layout, ids.DATA_SELECTION).data == selection
    assert data_page.get_rows(None, selection) is dash.no_update
