"""The browser assets built by ``scripts/offline-assets``: plotly.js bundle and map shapes."""

from __future__ import annotations

import re
import warnings

import plotly.graph_objects as go
import pytest
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version

from dashboard.paths import FULL_TOPOJSON, PLOTLY_BUNDLE, PROJECT_ROOT, TOPOJSON_DIR
from dashboard.schemas import FOCUS_COUNTRIES

ENTRY = PROJECT_ROOT / "scripts" / "offline-assets" / "plotly-entry.js"
#: Trace types the figures build (dashboard/figures); scatter is in plotly.js's core.
FIGURE_TRACE_TYPES = {"bar", "heatmap", "sankey", "scattergeo", "choropleth"}


def test_bundle_is_the_plotly_js_version_plotly_py_writes_figures_for():
    banner = PLOTLY_BUNDLE.read_text(encoding="utf-8")[:300]
    assert f"plotly.js v{get_plotlyjs_version()} " in banner


def test_bundle_registers_the_trace_types_the_figures_build():
    registered = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text()))
    assert registered - {"core"} == FIGURE_TRACE_TYPES
    modules = (PROJECT_ROOT / "dashboard" / "figures").glob("*.py")
    figure_code = "\n".join(module.read_text() for module in modules)
    classes = [getattr(go, name) for name in re.findall(r"\bgo\.(\w+)\(", figure_code)]
    built = {cls().type for cls in classes if issubclass(cls, BaseTraceType)}
    # Figures written as dicts name their traces' type first: {"type": "bar", ...}.
    built |= set(re.findall(r'\{\s*"type": "(\w+)",\s*"(?!array)', figure_code)) - {"data"}
    assert built - {"scatter"} <= FIGURE_TRACE_TYPES, built


@pytest.fixture(scope="module")
def shapes():
    gpd = pytest.importorskip("geopandas")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's notes on TopoJSON winding
        full = gpd.read_file(FULL_TOPOJSON, layer="countries").dropna(subset=["id"])
        light = gpd.read_file(TOPOJSON_DIR / "world_50m.json", layer="countries")
    return full.set_index("id").geometry, light.dropna(subset=["id"]).set_index("id").geometry


def test_simplified_shapes_keep_every_country_valid(shapes):
    full, light = shapes
    assert set(light.index) == set(full.index)
    broken = [iso for iso in light.index if full[iso].is_valid and not light[iso].is_valid]
    assert broken == []


def test_focus_countries_and_malta_keep_every_point(shapes):
    full, light = shapes
    for iso in [*FOCUS_COUNTRIES, "MLT"]:
        assert light[iso].equals(full[iso]), iso


def test_simplified_shapes_stay_close_and_are_much_lighter(shapes):
    full, light = shapes
    # Half a degree is about 6 px at the map's default view (96° of longitude across ~1150 px).
    far = {iso: full[iso].hausdorff_distance(light[iso]) for iso in light.index}
    assert max(far.values()) < 0.5, sorted(far.items(), key=lambda kv: -kv[1])[:5]
    light_size = (TOPOJSON_DIR / "world_50m.json").stat().st_size
    assert light_size < 0.7 * FULL_TOPOJSON.stat().st_size


def test_the_bundle_points_at_no_cdn_and_defaults_to_the_apps_map_shapes():
    bundle = PLOTLY_BUNDLE.read_text(encoding="utf-8")
    cdn = r"https?://(cdn\.|unpkg\.com|cdnjs\.|fonts\.googleapis|fonts\.gstatic|api\.mapbox)"
    assert re.findall(cdn + r"[^\"' ]*", bundle) == []
    assert 'topojsonURL:{valType:"string",noBlank:!0,dflt:"/assets/topojson/"' in bundle
