import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType, commandIds, extensionId } from '../../src/extension/constants';
import { fixturePath } from '../support/paths';
import { waitFor } from './waitFor';

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sampleRecords(): unknown[] {
  const dir = fixturePath('samples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown);
}

function customTabFor(uri: vscode.Uri): vscode.TabInputCustom | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString())
        return tab.input;
    }
  }
  return undefined;
}

describe('the audit export editor (mia.auditExport)', () => {
  let api: MiaApi;
  let dir: string;
  let jsonl: vscode.Uri;
  let array: vscode.Uri;
  let records: unknown[];

  before(async () => {
    api = await vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
    records = sampleRecords();
    assert.ok(records.length >= 3, 'enough sample records');
    // Exports the tests create themselves, outside the workspace (the fixtures stay untouched).
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-integration-'));
    jsonl = vscode.Uri.file(path.join(dir, 'records.jsonl'));
    fs.writeFileSync(jsonl.fsPath, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    array = vscode.Uri.file(path.join(dir, 'page.json'));
    fs.writeFileSync(array.fsPath, JSON.stringify(records.slice(0, 2), null, 2));
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens with vscode.openWith, shows the file in its webview, and never writes the file', async () => {
    const before = { hash: sha256(jsonl.fsPath), mtime: fs.statSync(jsonl.fsPath).mtimeMs };
    await vscode.commands.executeCommand('vscode.openWith', jsonl, auditExportViewType);
    const tab = await waitFor('the custom editor tab', () => customTabFor(jsonl));
    assert.equal(tab.viewType, auditExportViewType);
    // The host answers `init` only after the webview script ran (under the CSP) and said `ready`.
    const init = await waitFor('the webview round trip', () => api.editorInit(jsonl));
    assert.equal(init.title, 'records.jsonl');
    assert.equal(init.load.phase, 'ready');
    assert.equal(init.load.records, records.length);
    assert.equal(init.load.totalBytes, fs.statSync(jsonl.fsPath).size);
    assert.deepEqual({ hash: sha256(jsonl.fsPath), mtime: fs.statSync(jsonl.fsPath).mtimeMs }, before);
  });

  it('mia.openExport opens the given file in the investigator', async () => {
    assert.equal(await vscode.commands.executeCommand(commandIds.openExport, array), 1);
    await waitFor('the custom editor tab', () => customTabFor(array));
    const init = await waitFor('the webview round trip', () => api.editorInit(array));
    assert.equal(init.title, 'page.json');
    assert.equal(init.load.records, 2);
  });

  it('mia.openExport opens every file of an explorer selection', async () => {
    assert.equal(await vscode.commands.executeCommand(commandIds.openExport, jsonl, [jsonl, array]), 2);
    await waitFor('both editors', () => (customTabFor(jsonl) && customTabFor(array) ? true : undefined));
  });

  it('shows an empty export as zero records', async () => {
    const empty = vscode.Uri.file(path.join(dir, 'empty.json'));
    fs.writeFileSync(empty.fsPath, '[]');
    await vscode.commands.executeCommand('vscode.openWith', empty, auditExportViewType);
    const init = await waitFor('the webview round trip', () => api.editorInit(empty));
    assert.equal(init.load.phase, 'ready');
    assert.equal(init.load.records, 0);
  });
});
