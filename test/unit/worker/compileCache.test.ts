import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { defaultCompileCacheDir, requireWithCompileCache } from '../../../src/core/compileCache';
import { endIdleWorkers, WorkerJob } from '../../../src/core/worker/workerJob';
import { fixturePath, repoRoot } from '../../support/paths';

const BUNDLE = `#!/usr/bin/env node
const helper = require('./helper.js');
exports.dir = __dirname;
exports.file = __filename;
exports.isModule = module.exports === exports;
exports.answer = helper.twice(21);
`;

describe('compile cache: bundles loaded with their compiled code cached', function () {
  this.timeout(120_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-compile-'));
    writeFileSync(path.join(dir, 'helper.js'), 'exports.twice = (n) => 2 * n;\n');
    writeFileSync(path.join(dir, 'bundle.js'), BUNDLE);
  });
  afterEach(() => {
    endIdleWorkers();
    rmSync(dir, { recursive: true, force: true });
  });

  const caches = (cacheDir: string): string[] => readdirSync(cacheDir).sort();

  /**
   * The exports of `bundle` loaded in a new process, as one start of the CLI loads it (within one
   * process V8 compiles a source again from memory, never reading the cache).
   */
  const loadInChild = (bundle: string, cacheDir: string | undefined): Record<string, unknown> => {
    const loader = path.join(repoRoot, 'out', 'src', 'core', 'compileCache.js');
    const script = `const { requireWithCompileCache } = require(${JSON.stringify(loader)});
      const out = requireWithCompileCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)});
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    return JSON.parse(child.stdout) as Record<string, unknown>;
  };

  it('loads a bundle as require would, and keeps its compiled code for the next load', () => {
    const bundle = path.join(dir, 'bundle.js');
    const cacheDir = path.join(dir, 'cache');
    const first = loadInChild(bundle, cacheDir);
    assert.deepEqual(first, { dir, file: bundle, isModule: true, answer: 42 });
    const [written] = caches(cacheDir);
    assert.match(written, /^bundle-[0-9a-f]{16}-[0-9a-f]{16}\.bin$/);
    const before = statSync(path.join(cacheDir, written)).mtimeMs;
    const bytes = readFileSync(path.join(cacheDir, written));
    assert.ok(bytes.length > 0);
    // Loaded again: V8 takes the cache (it is not written again).
    assert.deepEqual(loadInChild(bundle, cacheDir), first);
    assert.deepEqual(caches(cacheDir), [written]);
    assert.equal(statSync(path.join(cacheDir, written)).mtimeMs, before);
  });

  it('writes a rejected cache afresh, and replaces the cache of a changed bundle', () => {
    const bundle = path.join(dir, 'bundle.js');
    const cacheDir = path.join(dir, 'cache');
    loadInChild(bundle, cacheDir);
    const [written] = caches(cacheDir);
    writeFileSync(path.join(cacheDir, written), 'not a code cache');
    assert.equal(loadInChild(bundle, cacheDir).answer, 42);
    assert.notEqual(readFileSync(path.join(cacheDir, written), 'utf8'), 'not a code cache');
    // A rebuilt bundle (another time and size) gets a cache of its own; the old one goes.
    writeFileSync(bundle, `${BUNDLE}exports.rebuilt = true;\n`);
    utimesSync(bundle, new Date(), new Date(Date.now() + 5000));
    assert.equal(loadInChild(bundle, cacheDir).rebuilt, true);
    const now = caches(cacheDir);
    assert.equal(now.length, 1);
    assert.notEqual(now[0], written);
  });

  it('loads without a cache when there is no folder for it or it cannot be written', () => {
    const bundle = path.join(dir, 'bundle.js');
    assert.equal((requireWithCompileCache(bundle, undefined) as { answer: number }).answer, 42);
    // A file where the folder should be: nothing can be written, the bundle loads all the same.
    const blocked = path.join(dir, 'blocked');
    writeFileSync(blocked, '');
    assert.equal(
      (requireWithCompileCache(bundle, path.join(blocked, 'cache')) as { answer: number }).answer,
      42,
    );
    assert.equal(readFileSync(blocked, 'utf8'), '');
    assert.equal(defaultCompileCacheDir({ MIA_COMPILE_CACHE: 'off' }), undefined);
    assert.equal(defaultCompileCacheDir({ XDG_CACHE_HOME: dir }), path.join(dir, 'mia', 'compile'));
  });

  /** Bundles `entry` as esbuild.mjs does, into `dir`. */
  const bundleOf = (entry: string, outfile: string, banner?: string) =>
    build({
      entryPoints: [path.join(repoRoot, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      ...(banner ? { banner: { js: banner } } : {}),
      logLevel: 'silent',
    });

  it('runs the shipped mia (its entry and its bundle) the same with and without a cache', async () => {
    // Inside the repository, where the CLI finds its package.json (its version).
    const out = path.join(repoRoot, 'out', 'bundles', 'compile-cache');
    mkdirSync(out, { recursive: true });
    await bundleOf('src/cli/cliEntry.ts', path.join(out, 'cli.js'), '#!/usr/bin/env node');
    await bundleOf('src/cli/main.ts', path.join(out, 'miaMain.js'));
    const cacheHome = path.join(dir, 'home-cache');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(out, 'cli.js'), ...args], {
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cacheHome, MIA_COMPILE_CACHE: '' },
      });
    const version = run('--version');
    assert.equal(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    assert.deepEqual(
      readdirSync(path.join(cacheHome, 'mia', 'compile')).map((f) => f.replace(/-.*/, '')),
      ['miaMain'],
    );
    const args = ['scope', '--no-index', '--format', 'json', fixturePath('samples')];
    const cached = run(...args);
    assert.equal(cached.status, 0, cached.stderr);
    const usage = run('scope');
    assert.equal(usage.status, 2, 'a usage error keeps its exit code');
    const fresh = spawnSync(process.execPath, [path.join(out, 'cli.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, MIA_COMPILE_CACHE: 'off' },
    });
    const mask = (text: string) => text.replace(/"generatedUtc": "[^"]*"/, '');
    assert.equal(mask(cached.stdout), mask(fresh.stdout));
    assert.ok(JSON.parse(cached.stdout));
  });

  it("runs the shipped ingestion worker's entry and bundle as a worker", async () => {
    const out = path.join(dir, 'dist');
    mkdirSync(out);
    await bundleOf('src/core/worker/ingestWorkerEntry.ts', path.join(out, 'ingestWorker.js'));
    await bundleOf('src/core/worker/ingestWorker.ts', path.join(out, 'ingestWorkerMain.js'));
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    // The worker takes its environment (where its cache goes) when it starts.
    const saved = { home: process.env.XDG_CACHE_HOME, off: process.env.MIA_COMPILE_CACHE };
    process.env.XDG_CACHE_HOME = path.join(dir, 'home-cache');
    delete process.env.MIA_COMPILE_CACHE;
    let job: WorkerJob;
    try {
      job = new WorkerJob(path.join(out, 'ingestWorker.js'), { type: 'hash', path: file });
    } finally {
      if (saved.home === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved.home;
      if (saved.off !== undefined) process.env.MIA_COMPILE_CACHE = saved.off;
    }
    const m = await job.next();
    assert.deepEqual(
      readdirSync(path.join(dir, 'home-cache', 'mia', 'compile')).map((f) => f.replace(/-.*/, '')),
      ['ingestWorkerMain'],
    );
    assert.equal(m.type, 'hash');
    const { createHash } = await import('node:crypto');
    assert.equal(
      m.type === 'hash' && m.sha256,
      createHash('sha256').update(readFileSync(file)).digest('hex'),
    );
  });
});
