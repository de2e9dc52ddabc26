// Writes AG Grid's English, French and Arabic words (the npm package @ag-grid-community/locale,
// MIT, copyright AG GRID LTD) to ../../assets/vendor/ag-grid-locale/{en,fr,ar}.json, with the
// package's version and licence beside them. The dashboard reads them when it builds the Data
// view's grid (dashboard/pages/data.py): AG Grid takes its words only when a grid is created.
'use strict';

const fs = require('fs');
const path = require('path');
const locale = require('@ag-grid-community/locale');

// The package's folder (its "exports" hide package.json and the licence from require).
let root = path.dirname(require.resolve('@ag-grid-community/locale'));
while (!fs.existsSync(path.join(root, 'LICENSE.txt'))) { root = path.dirname(root); }
const {version} = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const outdir = path.join(__dirname, '..', '..', 'assets', 'vendor', 'ag-grid-locale');
// AG Grid's Arabic is Egypt's (ar-EG); it is the only Arabic the package has.
const LANGUAGES = {en: 'AG_GRID_LOCALE_EN', fr: 'AG_GRID_LOCALE_FR', ar: 'AG_GRID_LOCALE_EG'};

fs.mkdirSync(outdir, {recursive: true});
for (const [lang, name] of Object.entries(LANGUAGES)) {
    const words = locale[name];
    if (!words) { throw new Error(`${name} is not in @ag-grid-community/locale ${version}`); }
    const sorted = Object.fromEntries(Object.keys(words).sort().map((key) => [key, words[key]]));
    fs.writeFileSync(path.join(outdir, `${lang}.json`), JSON.stringify(sorted, null, 1) + '\n');
}
fs.copyFileSync(path.join(root, 'LICENSE.txt'), path.join(outdir, 'LICENSE-ag-grid-locale.txt'));
fs.writeFileSync(
    path.join(outdir, 'VERSION'),
    `@ag-grid-community/locale ${version} (MIT): ${Object.values(LANGUAGES).join(', ')}\n`
);
console.log(`wrote ${outdir} from @ag-grid-community/locale ${version}`);
