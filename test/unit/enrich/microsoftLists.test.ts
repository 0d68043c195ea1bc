import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { fixturePath, repoRoot } from '../../support/paths';

/** The build-time converter (scripts/enrichment/microsoftLists.mjs), as far as the tests use it. */
interface ListsModule {
  buildMicrosoftLists(o: { root: string; sharedDir: string; outDir: string }): {
    apps?: string;
    endpoints?: string;
    message: string;
  };
  microsoftListsPlugin(built: { apps?: string; endpoints?: string }): esbuild.Plugin;
}

interface Endpoint {
  id: number;
  serviceArea: string;
  serviceAreaDisplayName: string;
  category: string;
  ips: string[];
}

const script = path.join(repoRoot, 'scripts', 'enrichment', 'microsoftLists.mjs');
const shared = fixturePath('enrichment');

describe('Microsoft lists from ../shared/enrichment (build-time conversion)', () => {
  let lists: ListsModule;
  let dir: string;
  before(async () => {
    // A computed specifier: compiled to CommonJS, a literal import() of an .mjs would be rewritten.
    lists = (await import(pathToFileURL(script).href)) as ListsModule;
    dir = mkdtempSync(path.join(tmpdir(), 'mia-lists-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('merges MicrosoftApps.csv with the core list: core names win, new ids are added, bad rows skipped', () => {
    const out = path.join(dir, 'merged');
    const r = lists.buildMicrosoftLists({ root: repoRoot, sharedDir: shared, outDir: out });
    assert.ok(r.apps && r.endpoints);
    assert.match(
      r.message,
      /^Microsoft lists: \d+ apps \(3 from MicrosoftApps\.csv, \d+ core, 2 rows skipped\)/,
    );
    const core = JSON.parse(
      readFileSync(path.join(repoRoot, 'src/core/enrich/apps/data/microsoftApps.json'), 'utf8'),
    ) as { apps: [string, string][] };
    const merged = JSON.parse(readFileSync(r.apps, 'utf8')) as {
      apps: [string, string][];
      license: string;
      source: string;
      commit: string;
      '//': string;
    };
    const names = new Map(merged.apps);
    // The hand-written name wins over the full list's name for the same id.
    assert.equal(names.get('27922004-5251-4030-b22d-91ecd9a37ea4'), 'Outlook Mobile');
    assert.equal(names.get('aaaaaaaa-1111-4222-8333-444444444444'), 'Synthetic Microsoft App, With Comma');
    assert.equal(names.get('aaaaaaaa-5555-4666-8777-888888888888'), 'Synthetic "Quoted" App');
    assert.equal(names.has('bbbbbbbb-1111-4222-8333-444444444444'), false, 'a row without a name');
    assert.equal(merged.apps.length, core.apps.length + 2);
    for (const [id, name] of core.apps) assert.equal(names.get(id), name, id);
    // Attribution travels with the table.
    assert.equal(merged.license, 'MIT');
    assert.match(merged['//'], /Merill Fernando/);
    assert.match(merged.source, /merill\/microsoft-info/);
    assert.match(merged.commit, /^sha256:[0-9a-f]{64}$/);
  });

  it('merges endpoints.json: core sets keep their names and ranges first, published ranges are added', () => {
    const r = lists.buildMicrosoftLists({ root: repoRoot, sharedDir: shared, outDir: path.join(dir, 'ep') });
    const merged = JSON.parse(readFileSync(r.endpoints!, 'utf8')) as {
      endpoints: Endpoint[];
      source: string;
    };
    const byId = new Map(merged.endpoints.map((e) => [e.id, e]));
    const exchange = byId.get(1)!;
    assert.equal(exchange.serviceAreaDisplayName, 'Exchange Online', 'the core name wins');
    assert.equal(exchange.ips[0], '13.107.6.152/31');
    assert.equal(exchange.ips.filter((ip) => ip === '13.107.6.152/31').length, 1, 'no duplicate range');
    assert.ok(exchange.ips.includes('198.51.100.0/25'), 'the published extra range is added');
    assert.equal(byId.has(46), false, 'a set without IP ranges is left out');
    assert.deepEqual(byId.get(9001)?.ips, ['203.0.113.128/25', '2001:db8:ff00::/40']);
    assert.equal(merged.source, 'https://endpoints.office.com/endpoints/worldwide');
  });

  it('without the shared files the core lists are used, and the build says so in one line', () => {
    const out = path.join(dir, 'none');
    const r = lists.buildMicrosoftLists({ root: repoRoot, sharedDir: path.join(dir, 'absent'), outDir: out });
    assert.equal(r.apps, undefined);
    assert.equal(r.endpoints, undefined);
    assert.equal(existsSync(out), false);
    assert.match(
      r.message,
      /no MicrosoftApps\.csv or endpoints\.json in .*absent; shipping the hand-written core lists$/,
    );
    assert.ok(!r.message.includes('\n'));
  });

  it('a broken list is an error naming the file', () => {
    const bad = path.join(dir, 'bad');
    execFileSync('mkdir', ['-p', bad]);
    writeFileSync(path.join(bad, 'endpoints.json'), '{ not json');
    assert.throws(
      () => lists.buildMicrosoftLists({ root: repoRoot, sharedDir: bad, outDir: path.join(dir, 'x') }),
      (e: Error) => e.message.startsWith(path.join(bad, 'endpoints.json')) && /not JSON/.test(e.message),
    );
    writeFileSync(path.join(bad, 'endpoints.json'), '[]');
    writeFileSync(path.join(bad, 'MicrosoftApps.csv'), 'Id,Name\n1,x\n');
    assert.throws(
      () => lists.buildMicrosoftLists({ root: repoRoot, sharedDir: bad, outDir: path.join(dir, 'x') }),
      /MicrosoftApps\.csv: expected the columns AppId and AppDisplayName/,
    );
  });

  it('the bundle labels with the merged tables (the esbuild plugin of esbuild.mjs)', async function () {
    this.timeout(20_000);
    const built = lists.buildMicrosoftLists({
      root: repoRoot,
      sharedDir: shared,
      outDir: path.join(dir, 'b'),
    });
    const entry = path.join(dir, 'entry.ts');
    const src = (p: string) => JSON.stringify(path.join(repoRoot, 'src/core/enrich', p));
    writeFileSync(
      entry,
      `import { AppLabeller } from ${src('apps/appLabeller')};\n` +
        `import { IpLabeller } from ${src('ips/ipLabeller')};\n` +
        `const a = new AppLabeller(); const i = new IpLabeller();\n` +
        `console.log(JSON.stringify([a.byId('aaaaaaaa-1111-4222-8333-444444444444').name, ` +
        `a.byId('27922004-5251-4030-b22d-91ecd9a37ea4').name, i.label('203.0.113.200')?.service, ` +
        `i.label('40.96.0.1')?.service]));\n`,
    );
    const bundle = async (plugins: esbuild.Plugin[], out: string): Promise<unknown> => {
      await esbuild.build({
        entryPoints: [entry],
        bundle: true,
        platform: 'node',
        outfile: out,
        plugins,
        logLevel: 'silent',
      });
      return JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as unknown;
    };
    assert.deepEqual(await bundle([lists.microsoftListsPlugin(built)], path.join(dir, 'with.js')), [
      'Synthetic Microsoft App, With Comma',
      'Outlook Mobile',
      'Skype for Business Online and Microsoft Teams',
      'Exchange Online',
    ]);
    // Without the merged tables: the core lists (the app is unknown, the address documentation).
    assert.deepEqual(await bundle([lists.microsoftListsPlugin({})], path.join(dir, 'without.js')), [
      null,
      'Outlook Mobile',
      'documentation (RFC 5737)',
      'Exchange Online',
    ]);
  });
});

describe('scripts/refresh-enrichment.mjs (network answered from fixtures)', () => {
  it('saves the fetched lists in the shared folder, never in the repository, and converts them', function () {
    this.timeout(20_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-refresh-'));
    try {
      const answers = {
        commits: [{ sha: 'c0ffee', commit: { committer: { date: '2026-01-02T03:04:05Z' } } }],
        csv: readFileSync(path.join(shared, 'MicrosoftApps.csv'), 'utf8'),
        version: { instance: 'Worldwide', latest: '2026010200' },
        endpoints: readFileSync(path.join(shared, 'endpoints.json'), 'utf8'),
      };
      // Replaces fetch in the script's process: each URL it asks for gets a fixture.
      const stub =
        `const a = ${JSON.stringify(answers)};` +
        `globalThis.fetch = async (url) => { url = String(url); const body =` +
        ` url.includes('/commits?') ? JSON.stringify(a.commits) : url.includes('MicrosoftApps.csv') ? a.csv :` +
        ` url.includes('/version/') ? JSON.stringify(a.version) : url.includes('/endpoints/worldwide') ? a.endpoints : null;` +
        ` if (body === null) throw new Error('unexpected URL ' + url); return new Response(body); };`;
      const sharedOut = path.join(dir, 'shared');
      const out = execFileSync(
        process.execPath,
        [
          '--import',
          `data:text/javascript,${encodeURIComponent(stub)}`,
          path.join(repoRoot, 'scripts', 'refresh-enrichment.mjs'),
          '--shared',
          sharedOut,
          '--out',
          path.join(dir, 'tables'),
        ],
        { encoding: 'utf8' },
      );
      assert.match(out, /MicrosoftApps\.csv at c0ffee, endpoints\.json version 2026010200/);
      assert.match(out, /Microsoft lists: \d+ apps \(3 from MicrosoftApps\.csv/);
      assert.equal(
        readFileSync(path.join(sharedOut, 'MicrosoftApps.csv'), 'utf8'),
        answers.csv.replace(/^\uFEFF/, ''),
      );
      const apps = JSON.parse(readFileSync(path.join(dir, 'tables', 'microsoftApps.json'), 'utf8')) as {
        commit: string;
        date: string;
      };
      assert.deepEqual([apps.commit, apps.date], ['c0ffee', '2026-01-02']);
      const endpoints = JSON.parse(readFileSync(path.join(dir, 'tables', 'm365Endpoints.json'), 'utf8')) as {
        version: string;
      };
      assert.equal(endpoints.version, '2026010200');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
