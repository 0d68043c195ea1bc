import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { commandIds } from '../../src/extension/constants';
import { writeSampleWorkspace, type SampleWorkspace } from '../support/generator/sampleWorkspace';
import { closeAllEditors, customTabFor, miaApi } from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/**
 * What a window reload needs to bring a multi-file investigation back whole: the file lists (paths,
 * in order) of the open investigations, kept in the workspace state. (The reload itself is the UI
 * test "an investigation after a window reload": it would end this extension host.)
 */
describe('remembered investigations (for a window reload)', () => {
  let api: MiaApi;
  let dir: string;
  let ws: SampleWorkspace;

  before(async function () {
    this.timeout(60_000);
    api = await miaApi();
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-remembered-'));
    ws = await writeSampleWorkspace(path.join(dir, 'sample'));
  });

  after(async () => {
    await closeAllEditors();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists every file of an open investigation in order, follows added files, and forgets it once closed', async function () {
    this.timeout(60_000);
    const [a, b, c] = ws.files.map((f) => vscode.Uri.file(f.path));
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, [a, b]);
    const session = api.store.get(id)!;
    await session.whenIdle();
    const listed = () => api.rememberedInvestigations().find((l) => l.includes(a.toString()));
    await waitFor('the investigation remembered', () => listed());
    assert.deepEqual(listed(), [a.toString(), b.toString()]);

    await vscode.commands.executeCommand(commandIds.addExport, c);
    await session.whenIdle();
    await waitFor('the added file remembered', () => (listed()?.length === 3 ? true : undefined));
    assert.deepEqual(
      listed(),
      [a, b, c].map((u) => u.toString()),
    );
    // Paths only: nothing of the exports' contents.
    assert.ok(JSON.stringify(api.rememberedInvestigations()).length < 2000);

    await waitFor('the editor tab', () => customTabFor(a));
    await closeAllEditors();
    await waitFor('the investigation closed', () => (api.store.get(id) ? undefined : true));
    // Forgotten a little later (a reload must not forget it), so a later open is of one file.
    assert.ok(listed(), 'not forgotten at once');
    await waitFor('the investigation forgotten', () => (listed() ? undefined : true), 15_000);
  });

  it('an export of a remembered investigation, opened with no session holding it, re-opens the whole investigation', async function () {
    this.timeout(60_000);
    // What a reload does: the tab of b comes back while nothing is open, and the workspace state
    // still lists [a, b]. Here the session is closed directly, so the list is still there.
    const [a, b] = ws.files.map((f) => vscode.Uri.file(f.path));
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, [a, b]);
    const first = api.store.get(id)!;
    await first.whenIdle();
    const records = first.records.length;
    await closeAllEditors();
    await waitFor('closed', () => (api.store.get(id) ? undefined : true));
    await vscode.commands.executeCommand('vscode.openWith', b, 'mia.auditExport');
    const restored = await waitFor('a session for b', () => api.store.findByFile(b));
    await restored.whenIdle();
    assert.deepEqual(
      restored.files.map((f) => f.toString()),
      [a.toString(), b.toString()],
      'both files, in their order',
    );
    assert.equal(restored.records.length, records);
  });
});
