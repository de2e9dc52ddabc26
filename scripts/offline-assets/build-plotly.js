// Bundles plotly-entry.js into ../../assets/vendor/plotly-dashboard.min.js (a global `Plotly`).
// The options follow plotly.js's own esbuild-config.js; the GL and map (maplibre) plugins are
// not needed because no WebGL or tile-map trace is included.
'use strict';

const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const {version} = require('plotly.js/package.json');

const outfile = path.join(__dirname, '..', '..', 'assets', 'vendor', 'plotly-dashboard.min.js');

// Small changes to plotly.js sources, each applied where the text is found exactly once.
const PATCHES = [
    {
        // plotly.js fetches map shapes from its CDN unless a graph's config says otherwise. The
        // app always sets topojsonURL (dashboard/components/chart.py), and the bundle's own
        // default is made the app's shapes too, so no configuration can send a request off the
        // machine.
        file: /plot_api[\\/]plot_config\.js$/,
        from: "'https://cdn.plot.ly/un/'",
        to: "'/assets/topojson/'",
    },
    {
        // A map whose graph is removed (the reader opens another view) while its shapes are
        // still being fetched: plotly.js went on drawing into the removed graph and threw
        // "Cannot read properties of undefined (reading '_scrollZoom')". Stop instead; the
        // removed graph's drawing never finishes, and nothing waits for it.
        file: /plots[\\/]geo[\\/]geo\.js$/,
        from: '_this.topojson = PlotlyGeoAssets.topojson[_this.topojsonName];',
        to:
            'if (!_this.graphDiv._context) return;\n' +
            '_this.topojson = PlotlyGeoAssets.topojson[_this.topojsonName];',
    },
];
const patchSources = {
    name: 'patch-sources',
    setup(build) {
        for (const {file, from, to} of PATCHES) {
            build.onLoad({filter: file}, (args) => {
                const source = fs.readFileSync(args.path, 'utf8');
                if (source.split(from).length !== 2) {
                    throw new Error(`expected one ${from} in ${args.path}`);
                }
                return {contents: source.replace(from, to), loader: 'js'};
            });
        }
    },
};

esbuild
    .build({
        entryPoints: [path.join(__dirname, 'plotly-entry.js')],
        outfile,
        format: 'iife',
        globalName: 'Plotly',
        bundle: true,
        minify: true,
        plugins: [patchSources],
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
