#!/usr/bin/env node
// `npm test [-- unit|integration|e2e ...]`: unit tests (mocha on the compiled tests), extension-host
// integration tests (mocha inside code-server's real extension host), UI tests (playwright-core +
// Chromium on the workbench, extension installed from the .vsix). Builds what the chosen tiers need,
// installs the harness on first use, prints each tier's closing `N passed, N failed` line, and exits
// non-zero when a tier fails or runs no tests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const allTiers = ['unit', 'integration', 'e2e'];
const requested = process.argv.slice(2).filter((a) => a !== '--');
const unknown = requested.filter((t) => !allTiers.includes(t));
if (unknown.length > 0) {
  console.error(`Unknown test tier(s): ${unknown.join(', ')}. Use: ${allTiers.join(' | ')}`);
  process.exit(2);
}
const tiers = allTiers.filter((t) => requested.length === 0 || requested.includes(t));
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const out = (...parts) => path.join(root, 'out', ...parts);
const summaryRe = /^(\d+) passed, (\d+) failed$/;
// MIA_TEST_GREP=<pattern> runs only the matching tests of each tier (while developing; CI leaves it unset).
const grepArgs = process.env.MIA_TEST_GREP ? ['--grep', process.env.MIA_TEST_GREP] : [];
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// --- child processes: output streamed through, interrupted together with this script ----------
let activeChild;
let harnessHooks = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // A child (mocha, npm) stops what it started; then this script exits with the signal's code.
    if (activeChild && activeChild.exitCode === null) {
      activeChild.kill(signal);
      activeChild.once('exit', () => process.exit(128 + os.constants.signals[signal]));
    } else if (!harnessHooks) {
      process.exit(128 + os.constants.signals[signal]);
    }
    // Otherwise the harness's own handler stops the code-server it started here, then exits.
  });
}

function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...options });
    activeChild = child;
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }));
    child.on('close', (code) => {
      activeChild = undefined;
      resolve({ code: code ?? 1, output });
    });
  });
}

/** The last `N passed, N failed` line of an output, or undefined. */
function lastSummary(output) {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .reverse();
  const match = lines.map((l) => summaryRe.exec(l)).find(Boolean);
  return match ? { passed: Number(match[1]), failed: Number(match[2]) } : undefined;
}

/**
 * Removes compiled files whose TypeScript source is gone, so a deleted test does not keep running.
 * (Not a wipe of out/: someone may be compiling into it at the same moment.)
 */
function pruneStaleOutput() {
  const outDir = path.join(root, 'out');
  if (!fs.existsSync(outDir)) return;
  for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.js(\.map)?$/.test(entry.name)) continue;
    const compiled = path.join(entry.parentPath, entry.name);
    const source = path.join(root, path.relative(outDir, compiled)).replace(/\.js(\.map)?$/, '.ts');
    if (!fs.existsSync(source)) fs.rmSync(compiled, { force: true });
  }
}

function heading(text) {
  console.log(`\n=== ${text} ${'='.repeat(Math.max(0, 70 - text.length))}`);
}

const results = [];
function record(tier, started, passed, failed, problem, failures = []) {
  const ok = !problem && failed === 0 && passed > 0;
  const reason = problem ?? (passed === 0 && failed === 0 ? 'ran no tests' : undefined);
  results.push({ tier, passed, failed, time: seconds(started), ok, reason, failures });
}

/**
 * Runs mocha with the summary reporter; returns its result, its closing counts and the failed tests
 * the reporter wrote (named again in the closing summary, which is what a CI log's tail shows).
 */
async function runMocha(args, env) {
  // The variable's name is the reporter's own (compiled by the build above, as the reporter is).
  const { failuresFileEnv } = require(out('test/support/harness/testResults.js'));
  const failuresFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mia-failures-')), 'failures.json');
  const result = await run(bin('mocha'), ['--reporter', reporter, ...grepArgs, ...args], {
    env: { ...process.env, ...env, [failuresFileEnv]: failuresFile },
  });
  let failures = [];
  try {
    failures = JSON.parse(fs.readFileSync(failuresFile, 'utf8'));
  } catch {
    // mocha stopped before its end: the tier's problem says so.
  }
  fs.rmSync(path.dirname(failuresFile), { recursive: true, force: true });
  const summary = lastSummary(result.output);
  if (!summary) console.log('0 passed, 0 failed');
  return { result, summary, failures };
}

// --- build ------------------------------------------------------------------------------------
const needsHost = tiers.includes('integration') || tiers.includes('e2e');
heading('build');
let started = Date.now();
pruneStaleOutput();
const tsc = await run(bin('tsc'), ['-p', 'tsconfig.json']);
console.log(`tsc: ${tsc.code === 0 ? 'ok' : `type errors (exit ${tsc.code})`} (${seconds(started)})`);
let buildProblem;
if (needsHost) {
  started = Date.now();
  // `npm run package` builds the bundles and packs them; integration uses the bundles, e2e the .vsix.
  const pack = await run('npm', ['run', tiers.includes('e2e') ? 'package' : 'build']);
  if (pack.code !== 0) buildProblem = `build/package failed (exit ${pack.code})`;
  console.log(
    `bundles${tiers.includes('e2e') ? ' + .vsix' : ''}: ${buildProblem ?? 'ok'} (${seconds(started)})`,
  );
}

let harness;
let harnessProblem;
if (needsHost && !buildProblem) {
  started = Date.now();
  try {
    require(out('test/support/harness/processes.js')).installCleanupHooks();
    harnessHooks = true;
    const { ensureHarness } = require(out('test/support/harness/install.js'));
    harness = await ensureHarness((line) => console.log(line));
    console.log(`harness: ok (${seconds(started)}; cache ${harness.paths.root})`);
  } catch (error) {
    harnessProblem = `harness install failed: ${error instanceof Error ? error.message : error}`;
    console.error(harnessProblem);
  }
}

// --- tiers --------------------------------------------------------------------------------------
const reporter = out('test/support/harness/summaryReporter.js');

async function unitTier() {
  const t0 = Date.now();
  // CLI tests that run `mia scope` without --index-dir save indexes: keep those out of ~/.cache.
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-unit-index-'));
  const { result, summary, failures } = await runMocha([out('test/unit/**/*.test.js').replace(/\\/g, '/')], {
    MIA_INDEX_DIR: indexDir,
  });
  fs.rmSync(indexDir, { recursive: true, force: true });
  const problem =
    tsc.code !== 0
      ? 'TypeScript reported errors (see build)'
      : result.code !== 0 && !summary
        ? `mocha exited ${result.code}`
        : undefined;
  record('unit', t0, summary?.passed ?? 0, summary?.failed ?? 0, problem, failures);
}

async function integrationTier() {
  const t0 = Date.now();
  const problem = buildProblem ?? harnessProblem;
  if (problem) {
    console.log('0 passed, 0 failed');
    return record('integration', t0, 0, 0, problem);
  }
  const { runExtensionHostTests, integrationTimeoutMs, integrationTimeoutEnv } = require(
    out('test/support/harness/extensionHostTests.js'),
  );
  let timeoutMs;
  try {
    timeoutMs = integrationTimeoutMs();
  } catch (error) {
    console.log('0 passed, 0 failed');
    return record('integration', t0, 0, 0, error instanceof Error ? error.message : String(error));
  }
  // The tests open a copy of the sample fixtures, so nothing can touch the committed files.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-integration-workspace-'));
  require(out('test/support/harness/processes.js')).runOnExit(() =>
    fs.rmSync(workspace, { recursive: true, force: true }),
  );
  fs.cpSync(path.join(root, 'test', 'fixtures', 'samples'), workspace, { recursive: true });
  try {
    const runResult = await runExtensionHostTests({
      harness,
      extensionDevelopmentPath: root,
      extensionTestsPath: out('test/integration/index.js'),
      workspace,
      timeoutMs,
      log: (line) => console.log(line),
    });
    const tests = runResult.results?.tests ?? [];
    let n = 0;
    for (const t of tests) {
      if (t.state === 'passed') console.log(`  ✔ ${t.title}`);
      else console.log(`  ${++n}) ${t.title}\n${(t.error ?? '').replace(/^/gm, '      ')}`);
    }
    const passed = runResult.results?.passed ?? 0;
    const failed = runResult.results?.failed ?? 0;
    let problem;
    if (runResult.exitCode === 'timeout')
      problem = `the extension host did not finish within ${timeoutMs / 1000} s (set ${integrationTimeoutEnv} in ms to allow more)`;
    else if (!runResult.results) problem = `no results from the extension host (exit ${runResult.exitCode})`;
    else if (runResult.exitCode !== 0 && failed === 0)
      problem = `the extension host reported exit ${runResult.exitCode}`;
    if (problem) console.log(runResult.workbenchLog.join('\n'));
    console.log(`${passed} passed, ${failed} failed`);
    const failures = tests.filter((t) => t.state !== 'passed');
    record('integration', t0, passed, failed, problem, failures);
  } catch (error) {
    console.error(error instanceof Error ? error.stack : error);
    console.log('0 passed, 0 failed');
    record('integration', t0, 0, 0, `harness error: ${error instanceof Error ? error.message : error}`);
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

async function e2eTier() {
  const t0 = Date.now();
  const problem = buildProblem ?? harnessProblem;
  if (problem) {
    console.log('0 passed, 0 failed');
    return record('e2e', t0, 0, 0, problem);
  }
  fs.rmSync(path.join(root, 'test-results', 'screenshots'), { recursive: true, force: true });
  const vsix = path.join(root, 'dist', 'mailitemsaccessed-investigator.vsix');
  const { result, summary, failures } = await runMocha(
    [
      '--require',
      out('test/e2e/workbenchSession.js'),
      '--timeout',
      '120000',
      '--slow',
      '15000',
      out('test/e2e/**/*.test.js').replace(/\\/g, '/'),
    ],
    { MIA_VSIX: vsix },
  );
  record(
    'e2e',
    t0,
    summary?.passed ?? 0,
    summary?.failed ?? 0,
    result.code !== 0 && !summary ? `mocha exited ${result.code}` : undefined,
    failures,
  );
  console.log(`screenshots: ${path.relative(root, path.join(root, 'test-results', 'screenshots'))}/`);
}

const runners = { unit: unitTier, integration: integrationTier, e2e: e2eTier };
for (const tier of tiers) {
  heading(tier);
  await runners[tier]();
}

heading('summary');
for (const r of results) {
  const counts = `${r.passed} passed, ${r.failed} failed`;
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.tier.padEnd(12)} ${counts.padEnd(22)} ${r.time}${r.reason ? `  (${r.reason})` : ''}`,
  );
  for (const f of r.failures)
    console.log(`       failed: ${f.title}${f.error ? ` (${f.error.split('\n', 1)[0]})` : ''}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
