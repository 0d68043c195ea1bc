// Spot check of the editor in the real workbench (code-server + headless Chromium, the packaged
// extension installed from dist/*.vsix), as an analyst opens an export: from the click on the
// explorer's "Open Audit Export…" to the first rows drawn in the grid and to the whole record count,
// then the same after closing every editor (the reopen reads the saved index the first open wrote).
// A small export is opened twice first: the first open activates the extension and lets the
// workbench settle, the second gives what opening costs the workbench and the webview alone.
// Timings include the workbench and the webview (the bench's editor.mjs times the engine API alone).
// Not a test: figures only. Needs `npm run package` and the harness (`npm run harness:install`).
// Usage: node scripts/bench/workbench.mjs <export> <records> <result.json> [profile.cpuprofile]
// (with a profile file, the extension host's main thread is profiled over both opens through its
// inspector, which the workbench URL's `inspect-extensions` payload opens).
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const out = (p) => path.resolve(import.meta.dirname, '..', '..', 'out', p);
const { ensureHarness } = require(out('test/support/harness/install.js'));
const { startCodeServer } = require(out('test/support/harness/codeServer.js'));
const { launchBrowser } = require(out('test/support/harness/browser.js'));
const { openFromExplorer } = require(out('test/e2e/explorer.js'));
const { countText } = require(out('test/e2e/investigatorView.js'));
const { freePort } = require(out('test/support/harness/freePort.js'));

const [exportFile, recordsArg, resultFile, profileFile] = process.argv.slice(2);
const records = Number(recordsArg);
if (!exportFile || !Number.isInteger(records) || !resultFile) {
  throw new Error('usage: workbench.mjs <export> <records> <result.json>');
}
const vsix = path.resolve(import.meta.dirname, '..', '..', 'dist', 'mailitemsaccessed-investigator.vsix');
const timeoutMs = Number(process.env.MIA_BENCH_TIMEOUT_S ?? 600) * 1000;

/** The first webview frame in which `selector` matches, polled every 25 ms (shadow DOM is pierced). */
async function frameWith(page, selector, text) {
  const deadline = Date.now() + timeoutMs;
  let seen;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      try {
        const found = frame.locator(selector);
        if ((await found.count()) === 0) continue;
        if (text === undefined) return frame;
        seen = (await found.first().innerText({ timeout: 1000 })).trim();
        if (seen === text) return frame;
      } catch {
        // Frame navigated or detached meanwhile.
      }
    }
    await page.waitForTimeout(25);
  }
  const last = seen === undefined ? '' : ` (last seen: "${seen}")`;
  throw new Error(
    `no webview shows ${selector}${text ? ` "${text}"` : ''} within ${timeoutMs / 1000} s${last}`,
  );
}

/** Saved index files under `dir` (the extension's global storage is in it). */
const savedIndexes = (dir) =>
  readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.miaidx')).length;

/** Waits until `dir` holds more than `before` saved index files; resolves with the ms waited. */
async function savedIndexWritten(dir, before) {
  const started = performance.now();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (savedIndexes(dir) > before) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no saved index under ${dir} within ${timeoutMs / 1000} s`);
}

/**
 * A small export of the published sample records (test/fixtures/samples), opened first so that the
 * extension is active and the workbench settled before anything is timed.
 */
function writeWarmUpExport(dir) {
  const samples = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'samples');
  const lines = readdirSync(samples)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.stringify(JSON.parse(readFileSync(path.join(samples, f), 'utf8'))));
  writeFileSync(path.join(dir, 'warm-up.jsonl'), `${lines.join('\n')}\n`);
  return 'warm-up.jsonl';
}

/** The times of the clicks, printed with the extension's log lines (its milestones). */
const clicks = [];

/** The extension's log lines ("MailItemsAccessed Investigator" output channel) under `dir`. */
function extensionLog(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('MailItemsAccessed Investigator.log'))
    .flatMap((f) => readFileSync(path.join(dir, String(f)), 'utf8').split('\n'))
    .filter((line) => line.trim());
}

/** Opens an export from the explorer; resolves with ms to the first grid rows and to `records` shown. */
async function openAndTime(page, name, records) {
  // As the e2e tests open an export (a clean editor area first, so no frame of an earlier editor is
  // counted as this one's; a lost menu click tried again), timed from the try that worked.
  let started;
  await openFromExplorer(page, name, () => {
    started = performance.now();
    clicks.push(`${new Date().toISOString()} click: Open Audit Export… ${name}`);
  });
  await frameWith(page, 'mia-grid .row[data-record]');
  const firstRowsMs = performance.now() - started;
  if (records !== undefined) await frameWith(page, 'mia-app #record-count', countText(records, records));
  return { firstRowsMs, allRecordsMs: performance.now() - started };
}

/** A Chrome DevTools Protocol session with the extension host's inspector on `port`. */
async function inspector(port) {
  const WebSocketClass = globalThis.WebSocket ?? require('playwright-core/lib/utilsBundle').ws;
  let targets = [];
  for (let i = 0; i < 600 && targets.length === 0; i++) {
    targets = await fetch(`http://127.0.0.1:${port}/json/list`)
      .then((r) => r.json())
      .catch(() => []);
    if (targets.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  if (targets.length === 0) throw new Error(`no extension host inspector on port ${port}`);
  const socket = new WebSocketClass(targets[0].webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  const pending = new Map();
  let next = 0;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, (m) =>
          m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
        );
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

const harness = await ensureHarness();
const workspace = mkdtempSync(path.join(os.tmpdir(), 'mia-bench-workbench-'));
const name = path.basename(exportFile);
// A link, not a copy: the export is read in place (and never written).
symlinkSync(path.resolve(exportFile), path.join(workspace, name));
const warmUp = writeWarmUpExport(workspace);
const inspectPort = profileFile ? await freePort() : undefined;
const server = await startCodeServer({
  harness,
  vsixFiles: [vsix],
  smokeTestDriver: inspectPort !== undefined,
});
const browser = await launchBrowser(harness);
try {
  const { page } = browser;
  const payload = inspectPort ? [['inspect-extensions', String(inspectPort)]] : undefined;
  await page.goto(server.workbenchUrl(workspace, payload));
  await page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: name })
    .waitFor({ timeout: 120_000 });
  await page
    .locator('.activitybar .action-item a[aria-label^="MailItemsAccessed"]')
    .first()
    .waitFor({ timeout: 120_000 });
  const profiler = inspectPort ? await inspector(inspectPort) : undefined;
  await profiler?.send('Profiler.enable');
  await profiler?.send('Profiler.setSamplingInterval', { interval: 500 });
  await profiler?.send('Profiler.start');
  // Wall-clock time of the profile's start, to line its samples up with the milestones.
  if (profiler) clicks.push(`${new Date().toISOString()} profile started`);
  await openAndTime(page, warmUp);
  // The same small export again: what opening costs the workbench and the webview alone.
  const smallExportOpen = await openAndTime(page, warmUp);
  const indexesBefore = savedIndexes(server.userDataDir);
  const open = await openAndTime(page, name, records);
  // The saved index is written after the load (renamed into place when complete): wait for it.
  const indexWaitMs = await savedIndexWritten(server.userDataDir, indexesBefore);
  const reopen = await openAndTime(page, name, records);
  const log = extensionLog(server.userDataDir);
  const milestones = [...clicks.map((c) => c.replace('T', ' ').replace('Z', '')), ...log].sort();
  const result = { export: name, records, smallExportOpen, open, indexWaitMs, reopen, milestones };
  writeFileSync(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  if (profiler) {
    const { profile } = await profiler.send('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    profiler.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(workspace, { recursive: true, force: true });
}
