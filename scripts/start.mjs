#!/usr/bin/env node
// `npm start`: builds and packages the extension, installs the .vsix into a private code-server
// (the real VS Code workbench), writes a sample investigation workspace, serves VS Code at
// http://127.0.0.1:<port> (MIA_PORT, default 8080; a free port when that one is busy) with that
// folder open, and stays up until Ctrl-C, then stops exactly what it started.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (...parts) => path.join(root, 'out', ...parts);
const vsix = path.join(root, 'dist', 'mailitemsaccessed-investigator.vsix');
const workspace = path.join(root, '.cache', 'sample-workspace');

function step(text) {
  console.log(`[start] ${text}`);
}

function runOrExit(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[start] ${what} failed (exit ${result.status})`);
    process.exit(1);
  }
}

step('compiling (tsc) and packaging the extension');
const tsc = spawnSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
  cwd: root,
  stdio: 'inherit',
});
// Type errors elsewhere do not stop the workbench from starting; the emitted JavaScript is used.
if (tsc.status !== 0)
  step('warning: TypeScript reported errors (see above); continuing with the emitted files');
runOrExit('npm', ['run', 'package'], 'npm run package');

const { installCleanupHooks, isShuttingDown } = require(out('test/support/harness/processes.js'));
const { ensureHarness } = require(out('test/support/harness/install.js'));
const { startCodeServer } = require(out('test/support/harness/codeServer.js'));
installCleanupHooks(); // Ctrl-C / SIGTERM stop the code-server started below, then exit.

const harness = await ensureHarness((line) => console.log(line));

step(`writing the sample investigation workspace: ${path.relative(root, workspace)}/`);
fs.rmSync(workspace, { recursive: true, force: true });
fs.mkdirSync(workspace, { recursive: true });
const generator = out('test/support/generator/sampleWorkspace.js');
let generated = false;
if (fs.existsSync(generator)) {
  const { writeSampleWorkspace } = require(generator);
  if (typeof writeSampleWorkspace === 'function') {
    await writeSampleWorkspace(workspace);
    generated = true;
  }
}
if (!generated) {
  // Until the generator lands: the real published sample records.
  fs.cpSync(path.join(root, 'test', 'fixtures', 'samples'), workspace, { recursive: true });
  step('(generator not available yet: copied test/fixtures/samples)');
}

const requestedPort = Number(process.env.MIA_PORT || 8080);
const server = await startCodeServer({
  harness,
  port: requestedPort,
  vsixFiles: [vsix],
  folder: workspace,
  log: (line) => console.log(line),
});
if (server.port !== requestedPort) step(`port ${requestedPort} is busy; using ${server.port}`);
const url = server.workbenchUrl(workspace);
console.log('');
console.log(`  VS Code with MailItemsAccessed Investigator: ${url}`);
console.log(`  (workspace ${workspace}; Ctrl-C stops it)`);
console.log('');

const code = await server.exited;
if (!isShuttingDown()) {
  console.error(
    `[start] code-server exited unexpectedly (exit ${code}); see its log with MIA_HARNESS_KEEP=1`,
  );
  process.exit(1);
}
