#!/usr/bin/env node
// Refreshes the full Microsoft lists behind the offline enrichment. Run by a maintainer with
// internet access (`node scripts/refresh-enrichment.mjs [--shared DIR] [--out DIR]`), never at run time and
// never in tests. Fetched material is NOT written into the repository: it goes to the shared folder
// beside it (../shared/enrichment, or MIA_ENRICHMENT_DIR, or --shared), where the build picks it up:
// - MicrosoftApps.csv of merill/microsoft-info (MIT; see NOTICE), as published;
// - endpoints.json: Microsoft's Office 365 IP Address and URL web service, worldwide instance;
// - provenance.json: the commit, version and dates of both, for the attribution in the tables.
// It then runs the same converter as the build (scripts/enrichment/microsoftLists.mjs) into
// .cache/enrichment and prints what the next build will ship.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  APPS_FILE,
  buildMicrosoftLists,
  ENDPOINTS_FILE,
  sharedEnrichmentDir,
} from './enrichment/microsoftLists.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
};
const shared = arg('--shared') ?? sharedEnrichmentDir(root);
const out = arg('--out') ?? path.join(root, '.cache', 'enrichment');

async function get(url, as) {
  const res = await fetch(url, { headers: { 'user-agent': 'mia-refresh-enrichment' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return as === 'json' ? res.json() : res.text();
}

async function refreshApps() {
  const repo = 'merill/microsoft-info';
  const commits = await get(
    `https://api.github.com/repos/${repo}/commits?path=_info/${APPS_FILE}&per_page=1`,
    'json',
  );
  const commit = commits[0];
  const csv = await get(`https://raw.githubusercontent.com/${repo}/${commit.sha}/_info/${APPS_FILE}`, 'text');
  await writeFile(path.join(shared, APPS_FILE), csv);
  return { commit: commit.sha, date: String(commit.commit?.committer?.date ?? '').slice(0, 10) };
}

async function refreshEndpoints() {
  const id = randomUUID();
  const version = await get(`https://endpoints.office.com/version/Worldwide?clientrequestid=${id}`, 'json');
  const list = await get(`https://endpoints.office.com/endpoints/worldwide?clientrequestid=${id}`, 'text');
  await writeFile(path.join(shared, ENDPOINTS_FILE), list);
  const v = String(version.latest);
  return { version: v, date: `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` };
}

await mkdir(shared, { recursive: true });
const provenance = { microsoftApps: await refreshApps(), endpoints: await refreshEndpoints() };
await writeFile(path.join(shared, 'provenance.json'), JSON.stringify(provenance, null, 2) + '\n');
console.log(
  `Fetched into ${shared}: ${APPS_FILE} at ${provenance.microsoftApps.commit}, ${ENDPOINTS_FILE} version ${provenance.endpoints.version}`,
);
console.log(buildMicrosoftLists({ root, sharedDir: shared, outDir: out }).message);
