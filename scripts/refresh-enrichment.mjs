#!/usr/bin/env node
// Refreshes the offline enrichment tables shipped with the extension. Run by a maintainer with
// internet access (`node scripts/refresh-enrichment.mjs`), never at run time and never in tests:
// - src/core/enrich/apps/data/microsoftApps.json from merill/microsoft-info (MIT; see NOTICE):
//   _info/MicrosoftApps.json, reduced to [appId, displayName] pairs;
// - src/core/enrich/ips/data/m365Endpoints.json from Microsoft's Office 365 IP Address and URL web
//   service (worldwide instance), reduced to the entries that list IP ranges.
// Review the diff before committing: a removed id or range changes labels in every report.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appsFile = path.join(root, 'src/core/enrich/apps/data/microsoftApps.json');
const endpointsFile = path.join(root, 'src/core/enrich/ips/data/m365Endpoints.json');

async function getJson(url) {
  const res = await fetch(url, { headers: { 'user-agent': 'mia-refresh-enrichment' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

async function pretty(file, value) {
  const text = JSON.stringify(value, null, 2) + '\n';
  let out = text;
  try {
    // Keep the files as the repository's Prettier would write them.
    const prettier = await import('prettier');
    out = await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  } catch {
    // Prettier is a dev dependency; without it the plain JSON is still valid.
  }
  await writeFile(file, out);
}

async function refreshApps() {
  const repo = 'merill/microsoft-info';
  const commits = await getJson(
    `https://api.github.com/repos/${repo}/commits?path=_info/MicrosoftApps.json&per_page=1`,
  );
  const commit = commits[0];
  const list = await getJson(
    `https://raw.githubusercontent.com/${repo}/${commit.sha}/_info/MicrosoftApps.json`,
  );
  const byId = new Map();
  for (const a of list) {
    const id = String(a.AppId ?? '')
      .trim()
      .toLowerCase();
    const name = String(a.AppDisplayName ?? '').trim();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) && name && !byId.has(id))
      byId.set(id, name);
  }
  const apps = [...byId].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await pretty(appsFile, {
    '//': 'Microsoft first-party application ids from merill/microsoft-info _info/MicrosoftApps.json (MIT License, Copyright (c) 2023 Merill Fernando; see NOTICE). Reduced to [appId, displayName]; refresh with scripts/refresh-enrichment.mjs.',
    source: `https://github.com/${repo}/blob/main/_info/MicrosoftApps.json`,
    license: 'MIT',
    commit: commit.sha,
    date: String(commit.commit?.committer?.date ?? '').slice(0, 10),
    apps,
  });
  console.log(`${path.relative(root, appsFile)}: ${apps.length} apps at ${commit.sha}`);
}

async function refreshEndpoints() {
  const id = randomUUID();
  const version = await getJson(`https://endpoints.office.com/version/Worldwide?clientrequestid=${id}`);
  const list = await getJson(`https://endpoints.office.com/endpoints/worldwide?clientrequestid=${id}`);
  const endpoints = list
    .filter((e) => Array.isArray(e.ips) && e.ips.length > 0)
    .map((e) => ({
      id: e.id,
      serviceArea: e.serviceArea,
      serviceAreaDisplayName: e.serviceAreaDisplayName,
      category: e.category,
      ips: e.ips,
    }))
    .sort((a, b) => a.id - b.id);
  const v = String(version.latest);
  await pretty(endpointsFile, {
    '//': 'Microsoft 365 worldwide endpoints (the IP ranges of https://endpoints.office.com/endpoints/worldwide): only entries that list IP ranges, reduced to id, service area, category and ranges. Published by Microsoft; refresh with scripts/refresh-enrichment.mjs.',
    source: 'https://endpoints.office.com/endpoints/worldwide',
    version: v,
    date: `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`,
    retrievedFrom: 'https://endpoints.office.com/endpoints/worldwide',
    endpoints,
  });
  console.log(`${path.relative(root, endpointsFile)}: ${endpoints.length} entries, version ${v}`);
}

await refreshApps();
await refreshEndpoints();
