// Bundles plotly-entry.js into ../../assets/vendor/plotly-dashboard.min.js (a global `Plotly`).
// The options follow plotly.js's own esbuild-config.js; the GL and map (maplibre) plugins are
// not needed because no WebGL or tile-map trace is included.
'use strict';

const esbuild = require('esbuild');
const path = require('path');
const {version} = require('plotly.js/package.json');

const outfile = path.join(__dirname, '..', '..', 'assets', 'vendor', 'plotly-dashboard.min.js');

esbuild
    .build({
        entryPoints: [path.join(__dirname, 'plotly-entry.js')],
        outfile,
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        legalComments: 'eof',
        banner: {
            js:
                `/* plotly.js v${version} (MIT, Copyright Plotly, Inc.): bar, heatmap, sankey, ` +
                'scattergeo, choropleth and scatter only. Built by scripts/offline-assets. */',
        },
        alias: {stream: 'stream-browserify'},
        define: {global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false'},
        // Only the map (maplibre) traces import CSS, and none is bundled.
        loader: {'.css': 'empty'},
        target: 'es2016',
        logLevel: 'info',
    })
    .catch(() => process.exit(1));
