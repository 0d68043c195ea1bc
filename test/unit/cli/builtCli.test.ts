import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { fixturePath, repoRoot } from '../../support/paths';
import { writeBenchExports } from '../../support/generator/bench';
import { buildCli } from '../truth/builtCli';

/**
 * The real `mia` as shipped: bundled by esbuild with the options esbuild.mjs uses for dist/cli.js
 * (built here, so the test never runs a stale dist/), then run as a separate process.
 */
describe('cli: the bundled mia, spawned', function () {
  this.timeout(60_000);
  const dir = path.join(repoRoot, 'out', 'bundles');
  let cli: string;

  before(async () => {
    cli = await buildCli(dir);
  });

  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('scopes the published samples and exits 0 with a JSON report', () => {
    const result = run('scope', '--format', 'json', fixturePath('samples'));
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as ScopeReport;
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.sources.length, 8);
    // Two anonymised samples share the Id "ANONYMIZED": de-duplication by Id keeps the first.
    assert.equal(report.totals.duplicates, 1);
    assert.equal(report.totals.records, 7);
    assert.equal(report.totals.bind, 7);
    const nelson = report.mailboxes.find((m) => m.mailbox === 'nelson@o365.devcooks.com')!;
    assert.equal(nelson.messages.length, 9);
    assert.deepEqual(
      nelson.sessions.map((s) => s.sessionId),
      ['e01c84f0-8db1-439e-87bc-5ee52fdf90d4', null],
    );
  });

  it('exits 2 with the reason on stderr for a missing input', () => {
    const result = run('scope', path.join(repoRoot, 'no-such-export.csv'));
    assert.equal(result.status, 2);
    assert.match(result.stderr, /no-such-export\.csv: no such file/);
    assert.equal(result.stdout, '');
  });

  it('--version and --help work from the bundle', () => {
    const version = run('--version');
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    assert.equal(run('--help').status, 0);
  });

  it('writes a report to a file from its worker thread: the same report, its messages and status relayed', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mia-out-'));
    try {
      const file = path.join(out, 'scope.json');
      const result = run('scope', '--format', 'json', '--out', file, fixturePath('samples'));
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      const report = JSON.parse(readFileSync(file, 'utf8')) as ScopeReport;
      assert.equal(report.totals.records, 7);
      assert.equal(report.sources.length, 8);
      // A usage error found in the worker: its message on stderr, status 2, no file.
      const missing = path.join(out, 'no-such-export.csv');
      const failed = run('scope', '--out', path.join(out, 'r.json'), missing);
      assert.equal(failed.status, 2);
      assert.match(failed.stderr, /no-such-export\.csv: no such file/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes a JSON report to standard output redirected to a file (`> file`) as the pipe gets it', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mia-stdout-'));
    try {
      const args = ['scope', '--format', 'json', '--quiet', fixturePath('samples')];
      const piped = run(...args);
      assert.equal(piped.status, 0, piped.stderr);
      const file = path.join(out, 'scope.json');
      const fd = openSync(file, 'w');
      let result;
      try {
        result = spawnSync(process.execPath, [cli, ...args], {
          stdio: ['ignore', fd, 'pipe'],
          encoding: 'utf8',
        });
      } finally {
        closeSync(fd);
      }
      assert.equal(result.status, 0, result.stderr);
      const masked = (text: string) => text.replace(/"generatedUtc": "[^"]*"/, '');
      assert.equal(masked(readFileSync(file, 'utf8')), masked(piped.stdout));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('starts from a small entry that holds none of the CLI (loaded where it runs)', () => {
    // The entry starts a report's worker thread at once: the main thread does not compile and set
    // up the whole CLI first. The tests above run both ways through it (in this thread and not).
    const entry = readFileSync(cli, 'utf8');
    assert.ok(entry.length < 50_000, `cli.js is ${entry.length} bytes`);
    assert.ok(!entry.includes('function buildScopeReport'), 'the report builder is in cli.js');
    assert.ok(
      readFileSync(path.join(path.dirname(cli), 'cliMain.js'), 'utf8').includes('function buildScopeReport'),
    );
  });

  it('writes a workbook through exceljs loaded from its own bundle beside the CLI', async () => {
    // Most runs never write a workbook: the CLI's own script holds none of exceljs.
    const own = readFileSync(path.join(path.dirname(cli), 'cliMain.js'), 'utf8');
    assert.ok(!own.includes('node_modules/exceljs/'), 'exceljs is bundled into cliMain.js');
    assert.ok(own.length < 1_500_000, `cliMain.js is ${own.length} bytes`);
    const out = mkdtempSync(path.join(tmpdir(), 'mia-xlsx-'));
    try {
      const file = path.join(out, 'scope.xlsx');
      const result = run('scope', '--format', 'xlsx', '--out', file, '--quiet', fixturePath('samples'));
      assert.equal(result.status, 0, result.stderr);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const summary = book.getWorksheet('Summary');
      assert.ok(summary && summary.rowCount > 1, 'the workbook has no Summary rows');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('exits 0, quietly, when the pipe it writes to is closed early (`mia scope … | head`)', async () => {
    const child = spawn(process.execPath, [cli, 'scope', '--format', 'json', fixturePath('samples')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes before the report is written: every write of it meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    // No error or stack trace (this test's bundle folder holds no ASN table: that warning may show).
    assert.doesNotMatch(stderr, /EPIPE|Error|\n\s+at /);
  });

  describe('interrupted (Ctrl-C) while it reads', () => {
    let dir: string;
    let exportPath: string;
    before(async function () {
      this.timeout(120_000);
      dir = mkdtempSync(path.join(tmpdir(), 'mia-sigint-'));
      exportPath = (await writeBenchExports(dir, 20_000, { seed: 11 })).jsonlPath;
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs `mia` with `args`, sends SIGINT once it reports reading; resolves with its exit code and output. */
    const interrupted = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          if (!stderr.includes('reading') && d.includes('reading')) child.kill('SIGINT');
          stderr += d;
        });
        // Read, so that a report written after all (the signal not heeded) cannot block on the pipe.
        child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });

    it('in its own thread (a report to the terminal): exits 1, cancelled, no report', async () => {
      const { code, stdout, stderr } = await interrupted(['scope', '--format', 'json', exportPath]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, /mia: cancelled/);
      assert.equal(stdout, '');
    });

    it('in its worker thread (a report to a file): exits 1, cancelled, and leaves no file', async () => {
      const out = path.join(dir, 'report.json');
      const { code, stderr } = await interrupted(['scope', '--format', 'json', '--out', out, exportPath]);
      assert.equal(code, 1, stderr);
      assert.match(stderr, /mia: cancelled/);
      assert.equal(existsSync(out), false);
    });
  });
});
