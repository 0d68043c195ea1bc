import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { commandIds, diagnosticSource } from '../../src/extension/constants';
import { generateScenario } from '../support/generator/scenario';
import { writeExportSet } from '../support/generator/writeExport';
import { closeAllEditors, miaApi } from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/** Polls every 5 ms: the order of two events is checked, not a duration. */
const often = 5;

function hasDiagnostics(uri: vscode.Uri): boolean {
  return vscode.languages.getDiagnostics(uri).some((d) => d.source === diagnosticSource);
}

/**
 * A reopened export loads from its saved index before its editor exists, and the findings behind
 * the diagnostics then took seconds of the extension host's one thread ahead of the grid. An
 * editor opening on a session now gets its first rows before that background work starts.
 */
describe('an opening editor shows its rows before the background work runs', function () {
  this.timeout(120_000);
  let api: MiaApi;
  let dir: string;

  before(async () => {
    api = await miaApi();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-first-rows-'));
  });

  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the diagnostics of an export opened with "Open Audit Export…" only after its grid asked for rows', async () => {
    const set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
    const uri = vscode.Uri.file(set.files[0].path);
    assert.equal(hasDiagnostics(uri), false);
    const opened = vscode.commands.executeCommand(commandIds.openExport, uri);
    // The gate never holds them for good.
    await waitFor('the diagnostics are published', () => hasDiagnostics(uri) || undefined, 60_000, often);
    const asked = api.editorWebviewRequests(uri).map((r) => r.name);
    assert.ok(
      asked.includes('rows'),
      `the grid asked for rows before the diagnostics came (it asked: ${asked.join(', ')})`,
    );
    await opened;
    const session = api.store.findByFile(uri);
    assert.ok(session && !session.firstRows.held, 'the gate is open again');
  });

  it('publishes the diagnostics of a file added to a shown investigation only after its grid asked for rows again', async () => {
    const sub = path.join(dir, 'added');
    fs.mkdirSync(sub);
    const set = await writeExportSet(generateScenario({ scale: 'small', seed: 7 }), sub);
    const [first, added] = set.files.map((f) => vscode.Uri.file(f.path));
    assert.ok(added, 'the generated set has a second file');
    await vscode.commands.executeCommand(commandIds.openExport, first);
    const session = api.store.findByFile(first)!;
    await waitFor(
      'the first file is shown and diagnosed',
      () => (hasDiagnostics(first) && !session.firstRows.held) || undefined,
      30_000,
      often,
    );
    const rowsBefore = rowRequests(api, first);
    void session.addFiles([added]);
    await waitFor('the added file is diagnosed', () => hasDiagnostics(added) || undefined, 60_000, often);
    assert.ok(
      rowRequests(api, first) > rowsBefore,
      'the grid asked for rows after the load ended, before the diagnostics came',
    );
  });
});

/** How many times the grid of the editor showing `uri` asked for rows (of the last requests kept). */
function rowRequests(api: MiaApi, uri: vscode.Uri): number {
  return api.editorWebviewRequests(uri).filter((r) => r.name === 'rows').length;
}
