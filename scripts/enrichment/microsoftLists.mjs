// Builds the Microsoft app and endpoint tables the bundles ship: the hand-written core lists in
// src/core/enrich/{apps,ips}/data/, merged with the full lists a maintainer places in the shared
// folder beside the repository (../shared/enrichment/; developers never commit fetched data):
// - MicrosoftApps.csv of merill/microsoft-info (MIT; columns AppId, AppDisplayName,
//   AppOwnerOrganizationId, Source);
// - endpoints.json: the worldwide list of https://endpoints.office.com/endpoints/worldwide.
// Hand-written entries win on conflicts. The merged tables are written to .cache/enrichment/ and
// esbuild.mjs bundles them in place of the core lists (`microsoftListsPlugin`). Used by esbuild.mjs
// and scripts/refresh-enrichment.mjs; `node scripts/enrichment/microsoftLists.mjs [--shared DIR]
// [--out DIR]` runs the conversion alone.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const APPS_FILE = 'MicrosoftApps.csv';
export const ENDPOINTS_FILE = 'endpoints.json';
const CORE_APPS = 'src/core/enrich/apps/data/microsoftApps.json';
const CORE_ENDPOINTS = 'src/core/enrich/ips/data/m365Endpoints.json';
const MERILL_LICENSE = 'MIT License, Copyright (c) 2023 Merill Fernando';

/** The shared folder the build reads: MIA_ENRICHMENT_DIR, else ../shared/enrichment of the repo. */
export function sharedEnrichmentDir(root) {
  return process.env.MIA_ENRICHMENT_DIR || path.resolve(root, '..', 'shared', 'enrichment');
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF) into rows of strings. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('a quoted field is never closed');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/**
 * merill/microsoft-info MicrosoftApps.csv → Map of lower-case app id → display name. Rows without a
 * GUID id or a name are skipped and counted; the first row of an id wins.
 */
export function readMicrosoftAppsCsv(text, file = APPS_FILE) {
  const rows = parseCsv(text);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const id = header.indexOf('appid');
  const name = header.indexOf('appdisplayname');
  if (id < 0 || name < 0) throw new Error(`${file}: expected the columns AppId and AppDisplayName`);
  const apps = new Map();
  let skipped = 0;
  for (const r of rows.slice(1)) {
    const k = String(r[id] ?? '')
      .trim()
      .toLowerCase();
    const n = String(r[name] ?? '').trim();
    if (!GUID.test(k) || n === '') skipped++;
    else if (!apps.has(k)) apps.set(k, n);
  }
  return { apps, skipped };
}

/** endpoints.office.com JSON → the entries that list IP ranges, reduced as the core list is. */
export function readEndpointsJson(text, file = ENDPOINTS_FILE) {
  let list;
  try {
    list = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${e.message})`);
  }
  if (!Array.isArray(list)) throw new Error(`${file}: expected the array of endpoint sets`);
  return list
    .filter((e) => e && Number.isInteger(e.id) && Array.isArray(e.ips) && e.ips.length > 0)
    .map((e) => ({
      id: e.id,
      serviceArea: String(e.serviceArea ?? ''),
      serviceAreaDisplayName: String(e.serviceAreaDisplayName ?? e.serviceArea ?? ''),
      category: String(e.category ?? ''),
      ips: e.ips.map(String),
    }))
    .sort((a, b) => a.id - b.id);
}

/** Core apps ([id, name] pairs) merged with the full list; a core entry wins on the same id. */
export function mergeApps(core, full) {
  const byId = new Map(full);
  for (const [id, name] of core) byId.set(id.toLowerCase(), name);
  return [...byId].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * Core endpoint sets merged with the full list. A set of the same id keeps the core's service
 * area, name and category, and the core's ranges first (the range table lets earlier ranges win);
 * the full list's other ranges are added. Sets only in the full list are added as published.
 */
export function mergeEndpoints(core, full) {
  const byId = new Map(core.map((e) => [e.id, { ...e, ips: [...e.ips] }]));
  for (const e of full) {
    const mine = byId.get(e.id);
    if (!mine) byId.set(e.id, e);
    else for (const ip of e.ips) if (!mine.ips.includes(ip)) mine.ips.push(ip);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

function day(file) {
  return statSync(file).mtime.toISOString().slice(0, 10);
}

/** Optional provenance.json beside the lists (written by scripts/refresh-enrichment.mjs). */
function provenance(dir) {
  const file = path.join(dir, 'provenance.json');
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  } catch {
    return {};
  }
}

/**
 * Converts whatever lists `sharedDir` holds into merged tables in `outDir`
 * (microsoftApps.json, m365Endpoints.json, only for the lists present) and returns
 * `{ apps?, endpoints?, message }`: the paths written and one line for the build output.
 * Throws an Error naming the file when a list is present but unreadable.
 */
export function buildMicrosoftLists({ root, sharedDir = sharedEnrichmentDir(root), outDir }) {
  const appsIn = path.join(sharedDir, APPS_FILE);
  const endpointsIn = path.join(sharedDir, ENDPOINTS_FILE);
  const haveApps = existsSync(appsIn);
  const haveEndpoints = existsSync(endpointsIn);
  const result = {};
  const said = [];
  const prov = provenance(sharedDir);
  if (haveApps || haveEndpoints) mkdirSync(outDir, { recursive: true });
  if (haveApps) {
    const bytes = readFileSync(appsIn);
    const { apps, skipped } = readMicrosoftAppsCsv(bytes.toString('utf8'), appsIn);
    const core = JSON.parse(readFileSync(path.join(root, CORE_APPS), 'utf8'));
    const merged = mergeApps(core.apps, apps);
    const out = path.join(outDir, 'microsoftApps.json');
    writeFileSync(
      out,
      JSON.stringify({
        '//': `Microsoft first-party application ids: merill/microsoft-info MicrosoftApps.csv (${MERILL_LICENSE}; see NOTICE) merged with the hand-written core list (core entries win). Generated at build time; not committed.`,
        source: 'https://github.com/merill/microsoft-info/blob/main/_info/MicrosoftApps.csv',
        license: 'MIT',
        commit: String(prov.microsoftApps?.commit ?? `sha256:${sha256(bytes)}`),
        date: String(prov.microsoftApps?.date ?? day(appsIn)),
        apps: merged,
      }),
    );
    result.apps = out;
    said.push(
      `${merged.length} apps (${apps.size} from ${APPS_FILE}, ${core.apps.length} core${skipped ? `, ${skipped} rows skipped` : ''})`,
    );
  }
  if (haveEndpoints) {
    const bytes = readFileSync(endpointsIn);
    const full = readEndpointsJson(bytes.toString('utf8'), endpointsIn);
    const core = JSON.parse(readFileSync(path.join(root, CORE_ENDPOINTS), 'utf8'));
    const merged = mergeEndpoints(core.endpoints, full);
    const version = String(prov.endpoints?.version ?? `file of ${day(endpointsIn)}`);
    const out = path.join(outDir, 'm365Endpoints.json');
    writeFileSync(
      out,
      JSON.stringify({
        '//': 'Microsoft 365 worldwide endpoint IP ranges (published by Microsoft, https://endpoints.office.com/endpoints/worldwide) merged with the hand-written core ranges (core entries win). Generated at build time; not committed.',
        source: 'https://endpoints.office.com/endpoints/worldwide',
        version,
        date: String(prov.endpoints?.date ?? day(endpointsIn)),
        retrievedFrom: `${ENDPOINTS_FILE} sha256:${sha256(bytes)}`,
        endpoints: merged,
      }),
    );
    result.endpoints = out;
    const ranges = merged.reduce((n, e) => n + e.ips.length, 0);
    said.push(
      `${merged.length} endpoint sets, ${ranges} ranges (${ENDPOINTS_FILE} merged with the core list)`,
    );
  }
  const missing = [!haveApps && APPS_FILE, !haveEndpoints && ENDPOINTS_FILE].filter(Boolean);
  result.message =
    said.length === 0
      ? `Microsoft lists: no ${missing.join(' or ')} in ${sharedDir}; shipping the hand-written core lists`
      : `Microsoft lists: ${said.join('; ')}` +
        (missing.length ? `; no ${missing.join(', ')} in ${sharedDir}: core list kept for it` : '');
  return result;
}

/**
 * An esbuild plugin that bundles the merged tables in place of the core lists the sources import
 * (`./data/microsoftApps.json`, `./data/m365Endpoints.json`); a table not built stays the core one.
 */
export function microsoftListsPlugin(built) {
  const replace = new Map();
  if (built.apps) replace.set('microsoftApps.json', built.apps);
  if (built.endpoints) replace.set('m365Endpoints.json', built.endpoints);
  return {
    name: 'mia-microsoft-lists',
    setup(build) {
      build.onResolve({ filter: /[\\/]data[\\/](microsoftApps|m365Endpoints)\.json$/ }, (args) => {
        const file = replace.get(path.basename(args.path));
        return file ? { path: path.resolve(file) } : undefined;
      });
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const arg = (name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const root = path.resolve(path.dirname(self), '..', '..');
  try {
    const r = buildMicrosoftLists({
      root,
      sharedDir: arg('--shared') ?? sharedEnrichmentDir(root),
      outDir: arg('--out') ?? path.join(root, '.cache', 'enrichment'),
    });
    console.log(r.message);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
