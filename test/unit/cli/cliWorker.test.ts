import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPORT_YOUNG_GENERATION_MB, runInCliWorker, runsInWorker } from '../../../src/cli/cliWorker';

const cliWorkerModule = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'cliWorker.js');

/** Output written to a stream, kept. */
function sink(tty = false, columns?: number) {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text), isTTY: tty, columns };
}

describe('cli: a report to a file runs in a worker thread with a small young generation', function () {
  this.timeout(30_000);
  let dir: string;
  /** A script that runs `body` (an async function of argv and io) as the CLI worker would. */
  const script = (name: string, body: string): string => {
    const file = path.join(dir, `${name}.js`);
    writeFileSync(
      file,
      `const v8 = require('node:v8');\n` +
        `require(${JSON.stringify(cliWorkerModule)}).runAsCliWorker(${body});\n`,
    );
    return file;
  };
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mia-cli-worker-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is chosen for a scope report written to a file only', () => {
    assert.equal(runsInWorker(['scope', 'a.csv', '--out', 'r.json']), true);
    assert.equal(runsInWorker(['scope', 'a.csv', '-o', 'r.xlsx', '--format', 'xlsx']), true);
    assert.equal(runsInWorker(['scope', 'a.csv'], false), false);
    // Standard output redirected to a regular file: a report of any format is written there by the
    // worker; to a terminal or a pipe, by the main thread.
    assert.equal(runsInWorker(['scope', 'a.csv', '--format', 'json'], true), true);
    assert.equal(runsInWorker(['scope', 'a.csv', '--format', 'json'], false), false);
    assert.equal(runsInWorker(['scope', 'a.csv', '--format', 'markdown'], true), true);
    assert.equal(runsInWorker(['scope', 'a.csv'], true), true);
    assert.equal(runsInWorker(['scope', 'a.csv', '--format', 'csv'], false), false);
    assert.equal(runsInWorker(['--help']), false);
    assert.equal(runsInWorker(['--version']), false);
    assert.equal(runsInWorker(['scope', '--no-such-option', '--out', 'r.json']), false);
    assert.equal(runsInWorker(['followup', 'a.csv', '--out', 'r.json']), false);
  });

  it("relays the worker's output in order, its terminal's shape and its exit status", async () => {
    const stdout = sink();
    const stderr = sink(true, 123);
    const file = script(
      'echo',
      `async (argv, io) => {
        io.stdout.write('args ' + argv.join(','));
        io.stderr.write(JSON.stringify({ tty: io.stderr.isTTY, columns: io.stderr.columns }));
        io.stdout.write(' done');
        return 3;
      }`,
    );
    const status = await runInCliWorker(file, ['scope', 'x'], new AbortController().signal, {
      stdout,
      stderr,
    });
    assert.equal(status, 3);
    assert.deepStrictEqual(stdout.chunks, ['args scope,x', ' done']);
    assert.deepStrictEqual(
      stderr.chunks.map((c) => JSON.parse(c) as unknown),
      [{ tty: true, columns: 123 }],
    );
  });

  it('caps the young generation V8 would grow to its maximum for objects that survive', async () => {
    const stderr = sink();
    const file = script(
      'grow',
      `async (argv, io) => {
        const kept = [];
        for (let i = 0; i < 2e6; i++) kept.push({ i, s: 'x' + i });
        const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        io.stderr.write(String(space.space_size + 0 * kept.length));
        return 0;
      }`,
    );
    assert.equal(await runInCliWorker(file, [], new AbortController().signal, { stdout: sink(), stderr }), 0);
    const newSpace = Number(stderr.chunks[0]);
    // The main thread's grows to 32 MB for the same objects.
    assert.ok(newSpace > 0 && newSpace <= REPORT_YOUNG_GENERATION_MB * 1024 * 1024, `new space ${newSpace}`);
  });

  it('passes a cancellation on, and reports a failure as mia does', async () => {
    const controller = new AbortController();
    const waits = script(
      'waits',
      `(argv, io) => new Promise((resolve) => io.signal.addEventListener('abort', () => resolve(4)))`,
    );
    const running = runInCliWorker(waits, [], controller.signal, { stdout: sink(), stderr: sink() });
    setTimeout(() => controller.abort(), 200);
    assert.equal(await running, 4);

    const stderr = sink();
    const throws = script('throws', `async () => { throw new Error('broken on purpose'); }`);
    assert.equal(
      await runInCliWorker(throws, [], new AbortController().signal, { stdout: sink(), stderr }),
      1,
    );
    assert.match(stderr.chunks.join(''), /^mia: Error: broken on purpose/);
  });
});
