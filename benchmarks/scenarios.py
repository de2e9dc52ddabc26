"""Realistic filter combinations per callback, as data.

Keys are a piece of the callback's output string in ``/_dash-dependencies`` (as
:func:`dashboard.callback_requests.find_callback` matches them); each case maps
``"component-id.property"`` to a value, for inputs and states alike. ``QUICK`` names the one
case per callback that ``--quick`` runs. ``DOWNLOADS`` gives the CSV download routes (plain GET
requests, not callbacks) their queries.
"""

from __future__ import annotations

from itertools import product

from dashboard.analytics.indicators import SPECS
from dashboard.schemas import FOCUS_COUNTRIES

FOCUS = list(FOCUS_COUNTRIES)
#: Twelve countries (the most a view accepts): the focus countries and the main origins.
MANY = [*FOCUS, "NGA", "SYR", "ERI", "ITA"]
INDICATORS = tuple(SPECS)


def _story() -> dict | None:
    """A story of three slides, as the browser keeps it (None if stories cannot be built)."""
    try:
        from dashboard.stories import add_slide, from_store

        story = from_store(None)
        for url in ("/?year=2018", "/flows?countries=TUN,MAR", "/country/TUN"):
            story = add_slide(story, url, f"Slide {url}", "A note.")
        return story.to_dict()
    except Exception:  # the story module is still changing: benchmark without it
        return None


STORY = _story()


def _codes(countries: list[str]) -> str:
    return ",".join(countries)


def _map(indicator="detected-victims", year=2018, layers=("lines",), measure=None, focus=None):
    return {
        "map-indicator.value": indicator,
        "map-exploitation.value": "total",
        "map-year.value": year,
        "map-measure.value": measure or "trafficking-victims",
        "map-layers.value": list(layers),
        "map-focus.data": focus,
        # The query the page last wrote (none: the map is drawn whatever it was).
        '{"page":"map","type":"view-state"}.data': None,
    }


MAP_CASES = {
    **{f"{ind}, 2018, lines": _map(ind) for ind in INDICATORS},
    **{
        f"{year}, {'+'.join(layers) or 'no layers'}": _map(year=year, layers=layers)
        for year, layers in product((2010, 2015, 2021), ((), ("lines",), ("lines", "incidents")))
    },
    "border crossings, 2019, lines+incidents": _map(
        year=2019, layers=("lines", "incidents"), measure="border-crossings"
    ),
    "focus JOR, 2018, lines": _map(focus="JOR"),
}


def _flows(measure, countries, top, years=None):
    return {
        "flows-measure.value": measure,
        "flows-years.value": years,
        "flows-countries.value": countries,
        "flows-top.value": top,
        # The breakdowns of uploaded flows: all (the public flows have none).
        "flows-exploitation.value": "total",
        "flows-sex.value": "total",
        "flows-age.value": "total",
    }


FLOWS_CASES = {
    f"{measure}, {label}, top {top}": _flows(measure, countries, top)
    for measure, (label, countries), top in product(
        ("trafficking-victims", "border-crossings"),
        (("focus countries", FOCUS), ("12 countries", MANY), ("TUN", ["TUN"])),
        (5, 30),
    )
}


def _data(kind, measure="trafficking-victims", indicator="detected-victims", countries=FOCUS):
    return {
        "data-kind.value": kind,
        "data-measure.value": measure,
        "data-indicator.value": indicator,
        "data-years.value": None,
        "data-countries.value": countries,
        # The selection the grid lists (the main callback writes it only when it changes).
        "data-selection.data": None,
    }


def _rows(case, start=0, sort=(), filters=None):
    """A grid's request for one block of rows (100) of ``case``'s selection."""
    selection = {
        "kind": case["data-kind.value"],
        "measure": case["data-measure.value"],
        "indicator": case["data-indicator.value"],
        "years": case["data-years.value"],
        "countries": case["data-countries.value"],
    }
    request = {
        "startRow": start,
        "endRow": start + 100,
        "sortModel": [{"colId": c, "sort": d} for c, d in sort],
        "filterModel": filters or {},
    }
    return {"data-table.getRowsRequest": request, "data-selection.data": selection}


DATA_CASES = {
    "flows, focus countries": _data("flows"),
    "flows, border crossings, 12 countries": _data("flows", "border-crossings", countries=MANY),
    "indicators, detected victims, focus": _data("indicators"),
    "indicators, share female, 12 countries": _data(
        "indicators", indicator="share-female", countries=MANY
    ),
}


def _compare(countries, indicator="detected-victims", years=(2010, 2021)):
    return {
        "compare-countries.value": countries,
        "compare-indicator.value": indicator,
        "compare-years.value": list(years),
    }


COMPARE_CASES = {
    f"{len(countries)} countries, {indicator}": _compare(countries, indicator)
    for countries, indicator in product(
        (["TUN", "MAR"], ["TUN", "MAR", "JOR", "LBN"], FOCUS),
        ("detected-victims", "share-female"),
    )
}
COMPARE_CASES["8 countries, 2003–2021"] = _compare(FOCUS, years=(2003, 2021))

COUNTRY_CASES = {
    f"{code}, {first}–{last}": {"country-years.value": [first, last], "country-code.data": code}
    for code, (first, last) in product(("TUN", "JOR", "LBY", "NGA"), ((2003, 2021), (2015, 2021)))
}


def _reforms(country="TUN", chosen=None, countries=FOCUS, treaty="palermo-protocol", year=2023):
    return {
        "reforms-country.value": country,
        "reforms-chosen.data": chosen,
        "reforms-countries.value": countries,
        "reforms-treaty.value": treaty,
        "reforms-year.value": year,
    }


def _click(iso3, milestone, date):
    """A click on a timeline's marker (its custom data: source address, country, type, date)."""
    return {"points": [{"customdata": ["https://example.org", iso3, milestone, date]}]}


REFORMS_TIMELINE_CASES = {
    "TUN": _reforms(),
    "TUN, its law chosen": _reforms(
        chosen={"country": "TUN", "milestone": "national-law_2016-08-03"}
    ),
    "LBY, no specific law": _reforms("LBY"),
    "FRA, UN snapshot only": _reforms("FRA"),
}
REFORMS_COUNTRIES_CASES = {
    "focus countries": _reforms(),
    "12 countries": _reforms(countries=MANY),
    "TUN, MAR": _reforms(countries=["TUN", "MAR"]),
}
REFORMS_MAP_CASES = {
    f"{treaty}, {year}": _reforms(treaty=treaty, year=year)
    for treaty, year in (
        ("palermo-protocol", 2023),
        ("palermo-protocol", 2005),
        ("untoc", 2014),
        ("smuggling-protocol", 2010),
    )
}

CASES: dict[str, dict[str, dict]] = {
    # The page router: the layout of each view, as a first visit renders it.
    "_pages_content.children": {
        f"{path}{search}": {"_pages_location.pathname": path, "_pages_location.search": search}
        for path, search in (
            ("/", ""),
            ("/flows", ""),
            ("/compare", "?countries=TUN,MAR,JOR,LBN"),
            ("/reforms", ""),
            ("/reforms", "?country=LBY&milestone=no-specific-law_2022-06&treaty=untoc&year=2010"),
            ("/country/TUN", ""),
            ("/data", ""),
            ("/sources", ""),
            ("/upload", ""),
        )
    },
    "map-graph.figure": MAP_CASES,
    "map-focus.data": {"click on TUN": {"map-graph.clickData": {"points": [{"location": "TUN"}]}}},
    "flows-graph.figure": FLOWS_CASES,
    "compare-trends.figure": COMPARE_CASES,
    "reforms-timeline.figure": REFORMS_TIMELINE_CASES,
    "reforms-side-by-side.figure": REFORMS_COUNTRIES_CASES,
    "reforms-map.figure": REFORMS_MAP_CASES,
    "reforms-chosen.data": {
        "click on the timeline": {
            "reforms-timeline.clickData": _click("TUN", "national-law", "2016-08-03")
        },
        "click on the countries side by side": {
            "reforms-side-by-side.clickData": _click("LBY", "no-specific-law", "2022-06")
        },
    },
    "country-content.children": COUNTRY_CASES,
    "country-navigate.pathname": {
        "pick JOR": {"country-select.value": "JOR", "country-navigate.pathname": "/country/TUN"},
    },
    "data-selection.data": DATA_CASES,
    "data-table.getRowsResponse": {
        "flows, focus countries, first block": _rows(DATA_CASES["flows, focus countries"]),
        "flows, 12 countries, sorted by count, block 3": _rows(
            DATA_CASES["flows, border crossings, 12 countries"],
            start=200,
            sort=[("count_high", "desc"), ("year", "asc")],
        ),
        "indicators, 12 countries, filtered": _rows(
            DATA_CASES["indicators, share female, 12 countries"],
            filters={
                "sex": {"filterType": "text", "type": "equals", "filter": "female"},
                "year": {
                    "filterType": "number",
                    "type": "inRange",
                    "filter": 2010,
                    "filterTo": 2020,
                },
            },
        ),
    },
    "story-store.data": {
        "add the flows view": {
            "story-add-url.data": {"url": "/flows?countries=TUN,MAR", "n": 1},
            "story-add-title.value": "Flows from Tunisia and Morocco",
            "story-add-note.value": "",
            "story-store.data": None,
        },
        "edit the story (no slide controls)": {
            "story-store.data": STORY,
            "story-rendered.data": None,
        },
        "clear the story": {
            "story-load.contents": None,
            "story-load.filename": None,
            "story-clear.n_clicks": 1,
            "story-link-accept.n_clicks": None,
            "story-link-data.data": None,
            "story-store.data": STORY,
            "story-rendered.data": None,
        },
        "open a shared story link": {"story-link-data.data": STORY, "story-store.data": None},
    },
    "story-slides.children": {
        "three slides": {"story-store.data": STORY, "story-rendered.data": None}
    },
    "story-save-download.data": {
        "three slides": {"story-save.n_clicks": 1, "story-store.data": STORY}
    },
    "story-export.href": {"three slides": {"story-store.data": STORY}},
    # No workspace, no file received: what the upload view answers before anything is stored
    # (uploads themselves are timed by python -m benchmarks.upload).
    "upload-status.children": {
        "nothing received": {
            "upload-file.contents": None,
            "upload-keep.n_clicks": 0,
            "upload-rename.n_clicks": 0,
            "upload-delete.n_clicks": 0,
            "upload-k-set.n_clicks": 0,
            "upload-file.filename": None,
            "upload-target.value": "",
            "upload-chosen.value": None,
            "upload-title.value": None,
            "upload-k.value": 5,
        }
    },
}

#: The CSV download routes (plain GETs, not callbacks): route → case → the view's query.
DOWNLOADS: dict[str, dict[str, str]] = {
    "/download/map/map.csv": {
        "detected victims 2018": "?indicator=detected-victims&exploitation=total&year=2018",
        "share female 2015": "?indicator=share-female&exploitation=total&year=2015",
    },
    "/download/flows/flows.csv": {
        "focus countries": f"?from=2007&to=2021&countries={_codes(FOCUS)}",
        "border crossings, 12 countries": (
            f"?measure=border-crossings&from=2009&to=2025&countries={_codes(MANY)}"
        ),
    },
    **{
        f"/download/compare/{panel}.csv": {
            "4 countries": "?countries=TUN,MAR,JOR,LBN&indicator=detected-victims&from=2010&to=2021"
        }
        for panel in ("trends", "similarity", "overlap", "convergence", "institutions")
    },
    "/download/country/indicators.csv": {"TUN": "?country=TUN&from=2003&to=2021"},
    "/download/country/flows.csv": {"NGA": "?country=NGA&from=2003&to=2021"},
    "/download/country/milestones.csv": {"TUN": "?country=TUN&from=2003&to=2021"},
    **{
        f"/download/reforms/{chart}.csv": {
            "focus countries": f"?countries={_codes(FOCUS)}&country=TUN&treaty=palermo-protocol"
            "&year=2023",
        }
        for chart in ("timeline", "side-by-side", "gaps", "map")
    },
    "/download/data/rows.csv": {"flows, focus countries": f"?kind=flows&countries={_codes(FOCUS)}"},
}

#: The case ``--quick`` runs for each callback (the first one otherwise).
QUICK = {
    "map-graph.figure": "detected-victims, 2018, lines",
    "flows-graph.figure": "trafficking-victims, focus countries, top 5",
    "compare-trends.figure": "4 countries, detected-victims",
    "reforms-map.figure": "palermo-protocol, 2023",
}
