// Bundles plotly-entry.js into ../../assets/vendor/plotly-dashboard.min.js (a global `Plotly`).
// The options follow plotly.js's own esbuild-config.js; the GL and map (maplibre) plugins are
// not needed because no WebGL or tile-map trace is included.
'use strict';

const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const {version} = require('plotly.js/package.json');

const outfile = path.join(__dirname, '..', '..', 'assets', 'vendor', 'plotly-dashboard.min.js');

// plotly.js fetches map shapes from its CDN unless a graph's config says otherwise. The app
// always sets topojsonURL (dashboard/components/chart.py), and the bundle's own default is made
// the app's shapes too, so no configuration can send a request off the machine.
const CDN_SHAPES = "'https://cdn.plot.ly/un/'";
const LOCAL_SHAPES = "'/assets/topojson/'";
const localShapes = {
    name: 'local-map-shapes',
    setup(build) {
        build.onLoad({filter: /plot_api[\\/]plot_config\.js$/}, (args) => {
            const source = fs.readFileSync(args.path, 'utf8');
            if (source.split(CDN_SHAPES).length !== 2) {
                throw new Error(`expected one ${CDN_SHAPES} in ${args.path}`);
            }
            return {contents: source.replace(CDN_SHAPES, LOCAL_SHAPES), loader: 'js'};
        });
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
        plugins: [localShapes],
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
