// `make locales`: plotly.js's and ag-grid's own translations, from their npm packages, into the repository.
//   node tools/vendor_locales.js <plotly.js-locales dir> <@ag-grid-community/locale dir> nl fr de ...
// plotly: dashboard/assets/plotly-locales/<lang>.js, wrapped the way plotly.js's own build wraps its dist locale files
//   (self-registering, before or after plotly.js loads); the graph config's `locale` then picks one.
// ag-grid: dashboard/i18n/ag-grid/<lang>.json, the grid's localeText for that language.
'use strict';
const fs = require('fs');
const path = require('path');

const [plotlyDir, gridDir, ...languages] = process.argv.slice(2);
const root = path.resolve(__dirname, '..');
// ag-grid names a few locales by country rather than by language.
const GRID_NAMES = { cs: 'CZ', da: 'DK', el: 'GR', he: 'IL', ja: 'JP', ko: 'KR', nb: 'NO', sv: 'SE', uk: 'UA', vi: 'VN' };
const grid = require(path.join(gridDir, 'dist', 'package', 'main.cjs.js'));

fs.mkdirSync(path.join(root, 'dashboard', 'assets', 'plotly-locales'), { recursive: true });
fs.mkdirSync(path.join(root, 'dashboard', 'i18n', 'ag-grid'), { recursive: true });
for (const language of languages) {
  const locale = require(path.join(plotlyDir, `${language}.js`));
  const wrapped = `/* plotly.js locale "${language}" from plotly.js-locales (MIT, see LICENSE) */\n`
    + `(function () { var locale = ${JSON.stringify(locale)};\n`
    + `if (typeof Plotly === 'undefined') { window.PlotlyLocales = window.PlotlyLocales || []; window.PlotlyLocales.push(locale); }\n`
    + `else { Plotly.register(locale); } })();\n`;
  fs.writeFileSync(path.join(root, 'dashboard', 'assets', 'plotly-locales', `${language}.js`), wrapped);

  const name = `AG_GRID_LOCALE_${GRID_NAMES[language] || language.toUpperCase()}`;
  if (!grid[name]) throw new Error(`@ag-grid-community/locale has no ${name} for "${language}"`);
  const sorted = Object.fromEntries(Object.entries(grid[name]).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(path.join(root, 'dashboard', 'i18n', 'ag-grid', `${language}.json`), JSON.stringify(sorted, null, 0) + '\n');
  console.log(`vendored plotly and ag-grid locales for ${language}`);
}
fs.copyFileSync(path.join(plotlyDir, 'LICENSE'), path.join(root, 'dashboard', 'assets', 'plotly-locales', 'LICENSE'));
fs.copyFileSync(path.join(gridDir, 'LICENSE.txt'), path.join(root, 'dashboard', 'i18n', 'ag-grid', 'LICENSE.txt'));
