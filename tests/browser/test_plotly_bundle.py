"""The dashboard's plotly.js bundle draws every view; Dash's full plotly.js is never fetched."""

from __future__ import annotations

import pytest
from plotly.offline import get_plotlyjs_version

from tests.browser.helpers import assert_clean, wait_for_dash

VIEWS = [
    "/",
    "/flows",
    "/compare",
    "/compare?countries=TUN,MAR&indicator=share-female",
    "/country/TUN",
]


@pytest.mark.parametrize("path", VIEWS)
def test_every_drawn_trace_type_is_in_the_bundle(page, path):
    page.goto(page.base_url + path)
    wait_for_dash(page)
    # A graph is first drawn empty, then with its figure.
    page.wait_for_function(
        """() => [...document.querySelectorAll('.js-plotly-plot')]
                    .some(gd => gd.data && gd.data.length)"""
    )
    report = page.evaluate(
        """() => {
            const registered = Object.keys(Plotly.PlotSchema.get().traces);
            const drawn = [...document.querySelectorAll('.js-plotly-plot')]
                .flatMap(gd => (gd.data || []).map(trace => trace.type || 'scatter'));
            const scripts = performance.getEntriesByType('resource').map(e => e.name);
            return {version: Plotly.version, registered, drawn, scripts};
        }"""
    )
    assert report["version"] == get_plotlyjs_version()
    assert report["drawn"], "the view drew no figure"
    assert set(report["drawn"]) <= set(report["registered"]), report
    assert any("/assets/vendor/plotly-dashboard.min.js" in url for url in report["scripts"])
    assert not [url for url in report["scripts"] if "package_data/plotly" in url]
    assert_clean(page)


def test_a_map_removed_while_its_shapes_load_stops_quietly(page):
    """Opening another view before the map's shapes have arrived: the removed map's drawing
    stops (plotly.js used to go on and throw "Cannot read properties of undefined")."""
    page.goto(page.base_url + "/sources")  # no map here: the shapes are not loaded yet
    wait_for_dash(page)
    outcome = page.evaluate(
        """async () => {
            const assets = () => Object.keys((window.PlotlyGeoAssets || {}).topojson || {});
            if (assets().length) { return 'shapes were already loaded'; }
            const gd = document.body.appendChild(document.createElement('div'));
            const drawing = Plotly.newPlot(
                gd, [{type: 'choropleth', locations: ['TUN'], z: [1]}],
                {geo: {resolution: 50}, dragmode: 'pan'}, {topojsonURL: '/assets/topojson/'}
            ).then(() => 'drawn', error => String(error));
            Plotly.purge(gd);
            while (!assets().length) { await new Promise(r => setTimeout(r, 50)); }
            const later = new Promise(r => setTimeout(() => r('stopped'), 500));
            return Promise.race([drawing, later]);
        }"""
    )
    assert outcome == "stopped"
    assert_clean(page)
