import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../support/harness/browser';
import { startCodeServer, type CodeServer } from '../support/harness/codeServer';
import { harnessVerbose } from '../support/harness/harnessConfig';
import { ensureHarness } from '../support/harness/install';
import { runOnExit } from '../support/harness/processes';
import { fixturePath, repoRoot } from '../support/paths';
import { runCommand, Steps } from './workbench';

/** Environment variable naming the packaged extension the UI tests install (scripts/test.mjs sets it). */
export const vsixEnv = 'MIA_VSIX';

/** Exports the UI tests open, written into the test workspace (never into test/fixtures). */
export interface WorkspaceExports {
  /** JSON Lines export holding every sample record, one per line. */
  jsonl: { name: string; records: number };
}

/** One workbench shared by the UI tests of a run. */
export interface WorkbenchSession {
  page: Page;
  server: CodeServer;
  workspace: string;
  exports: WorkspaceExports;
  /** Console messages of the workbench and its webviews, to catch CSP violations and errors. */
  console: ConsoleMessage[];
}

let current: WorkbenchSession | undefined;
// Held separately so a start that fails half-way still stops what it started.
let browser: Browser | undefined;
let server: CodeServer | undefined;
let workspaceDir: string | undefined;

/** The running session (started by the root hook below). */
export function session(): WorkbenchSession {
  assert.ok(current, 'the workbench session was not started (run mocha with --require workbenchSession.js)');
  return current;
}

function writeWorkspace(): { workspace: string; files: WorkspaceExports } {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-e2e-workspace-'));
  runOnExit(() => fs.rmSync(workspace, { recursive: true, force: true }));
  const samples = fixturePath('samples');
  const records: unknown[] = [];
  for (const file of fs.readdirSync(samples).sort()) {
    if (!file.endsWith('.json')) continue;
    fs.copyFileSync(path.join(samples, file), path.join(workspace, file));
    records.push(JSON.parse(fs.readFileSync(path.join(samples, file), 'utf8')));
  }
  const jsonl = { name: 'case-export.jsonl', records: records.length };
  fs.writeFileSync(path.join(workspace, jsonl.name), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { workspace, files: { jsonl } };
}

async function start(): Promise<WorkbenchSession> {
  const vsix = process.env[vsixEnv] ?? path.join(repoRoot, 'dist', 'mailitemsaccessed-investigator.vsix');
  assert.ok(fs.existsSync(vsix), `packaged extension ${vsix} exists (npm run package)`);
  const log = harnessVerbose() ? (line: string) => console.error(line) : undefined;
  const harness = await ensureHarness();
  const { workspace, files } = writeWorkspace();
  workspaceDir = workspace;
  server = await startCodeServer({ harness, vsixFiles: [vsix], log });
  const installed = fs.readdirSync(server.extensionsDir);
  assert.ok(
    installed.some((d) => d.startsWith('mia-investigator.mailitemsaccessed-investigator-')),
    `the .vsix is installed (extensions dir holds: ${installed.join(', ')})`,
  );
  browser = await launchBrowser(harness);
  const messages: ConsoleMessage[] = [];
  browser.page.on('console', (message) => messages.push(message));
  await browser.page.goto(server.workbenchUrl(workspace));
  // The workbench is up once the explorer lists the workspace, and the installed extension's
  // contributions are in once its activity-bar entry shows (a few seconds later).
  await browser.page
    .locator('.explorer-folders-view .monaco-list-row', { hasText: files.jsonl.name })
    .waitFor({ timeout: 90_000 });
  await browser.page
    .locator('.activitybar .action-item a[aria-label^="MailItemsAccessed"]')
    .first()
    .waitFor({ timeout: 90_000 });
  return { page: browser.page, server, workspace, exports: files, console: messages };
}

/** Root hooks: one code-server and one browser for the whole UI run, always stopped. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context): Promise<void> {
    this.timeout(15 * 60 * 1000); // First use installs the harness.
    current = await start();
  },
  /** Each test starts from a tidy workbench: no open menu, picker or editor. */
  async afterEach(this: Mocha.Context): Promise<void> {
    if (!current) return;
    const { page } = current;
    const test = this.currentTest;
    if (test?.state === 'failed') await Steps.failure(page, test.fullTitle());
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    current = undefined;
    await browser?.close();
    await server?.stop();
    if (workspaceDir) fs.rmSync(workspaceDir, { recursive: true, force: true });
  },
};
