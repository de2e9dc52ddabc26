// plotly.js with the trace types the dashboard draws, and nothing else (scatter is in the core).
// dashboard/figures builds only these; tests/unit/test_offline_assets.py checks the two agree.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/sankey'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
]);

module.exports = Plotly;
