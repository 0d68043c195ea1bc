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
    // Polled often: the order of two events is what is checked, not a duration.
    const deadline = Date.now() + 60_000;
    while (!hasDiagnostics(uri)) {
      assert.ok(Date.now() < deadline, 'the diagnostics are published (the gate never holds them for good)');
      await new Promise((r) => setTimeout(r, 5));
    }
    const asked = api.editorWebviewRequests(uri).map((r) => r.name);
    assert.ok(
      asked.includes('rows'),
      `the grid asked for rows before the diagnostics came (it asked: ${asked.join(', ')})`,
    );
    await opened;
    const session = api.store.findByFile(uri);
    assert.ok(session && !session.firstRows.held, 'the gate is open again');
  });
});
