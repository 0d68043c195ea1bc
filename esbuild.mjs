// Bundles: extension host (node/cjs, vscode external), CLI (node), exceljs (node, loaded by those two
// when a workbook is written), ingestion and hashing workers (node), webview (browser/esm).
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { asciiOutputPlugin } from './scripts/build/asciiOutput.mjs';
import { nodeBundles } from './scripts/build/nodeBundles.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Written by the plugin (see scripts/build/asciiOutput.mjs), in ASCII only.
const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  write: false,
  plugins: [asciiOutputPlugin()],
};
const builds = [
  ...Object.values(nodeBundles(process.cwd(), 'dist')).map((b) => ({
    ...common,
    ...b,
    plugins: [...common.plugins, ...(b.plugins ?? [])],
  })),
  {
    ...common,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    entryPoints: ['webview/main.ts'],
    outfile: 'dist/webview.js',
  },
];

// Codicons are linked from the webview as a stylesheet (id="vscode-codicon-stylesheet").
mkdirSync('dist/codicons', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf'])
  cpSync(`node_modules/@vscode/codicons/dist/${f}`, `dist/codicons/${f}`);

// The bundled country database (ip-location-db geo-whois-asn-country; data CC BY 4.0 by NRO, see
// NOTICE) is read at run time beside the bundles: src/core/enrich/ips/geoDatabase.ts.
cpSync(
  'node_modules/@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
  'dist/geo-whois-asn-country.mmdb',
);

// ASN labels: @ip-location-db/asn (CC BY 4.0 by RouteViews, DB-IP and NRO; see NOTICE) converted
// into a binary range table (scripts/enrichment/asnTable.mjs), cached in .cache/enrichment by input
// mtime, read at run time beside the bundles: src/core/enrich/ips/asnTable.ts.
{
  const { ensureAsnTable } = await import('./scripts/enrichment/asnTable.mjs');
  const cached = '.cache/enrichment/ip-asn.bin';
  const asn = await ensureAsnTable(process.cwd(), cached);
  console.log(asn.message);
  if (existsSync(cached)) cpSync(cached, 'dist/ip-asn.bin');
}

// Microsoft app ids and endpoint ranges: the hand-written core lists, merged with the full lists
// when a maintainer placed them in ../shared/enrichment (scripts/enrichment/microsoftLists.mjs).
{
  const { buildMicrosoftLists, microsoftListsPlugin } =
    await import('./scripts/enrichment/microsoftLists.mjs');
  const lists = buildMicrosoftLists({ root: process.cwd(), outDir: '.cache/enrichment' });
  console.log(lists.message);
  for (const b of builds) b.plugins = [...(b.plugins ?? []), microsoftListsPlugin(lists)];
}

const existing = [];
for (const b of builds) {
  try {
    await import('node:fs').then((fs) => fs.accessSync(b.entryPoints[0]));
    existing.push(b);
  } catch {
    // Entry points appear as issues land; a missing one is skipped, not an error.
  }
}
if (watch) {
  for (const b of existing) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(existing.map((b) => esbuild.build(b)));
}
