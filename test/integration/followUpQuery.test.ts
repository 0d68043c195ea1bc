import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { followUpText } from '../../src/core/followup/followUp';
import { followUpScopeFromReport } from '../../src/core/followup/followUpScope';
import type { ScopeReport } from '../../src/core/report/reportTypes';
import type { MiaApi } from '../../src/extension/api';
import { commandIds, extensionId } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import { generateScenario } from '../support/generator/scenario';
import { writeExportSet } from '../support/generator/writeExport';
import { acceptingFirstPick } from './acceptingFirstPick';

/** The KQL string literal the generators write for a plain value (no quote or backslash in it). */
const literal = (value: string) => `h"${value}"`;

describe('mia.copyFollowUpQuery on a generated export', function () {
  this.timeout(180_000);
  let api: MiaApi;
  let dir: string;
  let session: InvestigationSession;
  let sessionId: string;

  before(async () => {
    api = await vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-followup-'));
    const set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
    session = api.store.open(set.files.map((f) => vscode.Uri.file(f.path)));
    await session.whenIdle();
    // The session with the most records (the scenario's busiest context).
    const counts = new Map<string, number>();
    for (const r of session.investigation.records)
      if (r.sessionId) counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
    sessionId = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    session.setFilter({ text: '', facets: {} });
  });

  after(() => {
    if (session) api.store.close(session);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('returns the Sentinel query of the session scope, puts it on the clipboard, names the mailbox and the window', async () => {
    await vscode.env.clipboard.writeText('before');
    const text = await vscode.commands.executeCommand<string>(commandIds.copyFollowUpQuery, {
      kind: 'sentinel',
      sessions: [sessionId],
      open: false,
    });
    assert.equal(typeof text, 'string');
    assert.equal(await vscode.env.clipboard.readText(), text);
    // The same scope through the scoping report command gives the same text: one engine.
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      sessions: [sessionId],
    });
    assert.equal(text, followUpText('sentinel', followUpScopeFromReport(report)));
    assert.ok(report.mailboxes.length > 0);
    for (const m of report.mailboxes) assert.ok(text.includes(literal(m.mailbox)), `names ${m.mailbox}`);
    const first = report.mailboxes.map((m) => m.firstUtc!).sort()[0];
    assert.ok(text.includes(`TimeGenerated >= datetime(${first})`), `window starts at ${first}`);
    assert.match(text, /TimeGenerated < datetime\(\d{4}-\d{2}-\d{2}T[\d:.]+Z\)/);
    assert.ok(text.includes(`SessionId in~ (${literal(sessionId)})`));
    assert.match(text, /^OfficeActivity$/m);
  });

  it('uses the shared filter (tree / editor) when asked, and an explicit window', async () => {
    session.setFilter({ text: '', facets: { session: [sessionId] } });
    const text = await vscode.commands.executeCommand<string>(commandIds.copyFollowUpQuery, {
      kind: 'defender',
      useFilter: true,
      from: '2020-01-01T00:00:00Z',
      to: '2030-01-01T00:00:00Z',
    });
    assert.ok(text.includes(`SessionId in~ (${literal(sessionId)})`));
    assert.ok(text.includes('Timestamp >= datetime(2020-01-01T00:00:00Z)'));
    assert.ok(text.includes('Timestamp < datetime(2030-01-01T00:00:00Z)'));
    assert.match(text, /^CloudAppEvents$/m);
  });

  it('opens the text in an untitled editor with the language of the kind', async () => {
    const text = await vscode.commands.executeCommand<string>(commandIds.copyFollowUpQuery, {
      kind: 'graph-audit',
      sessions: [sessionId],
      open: true,
    });
    const body = JSON.parse(text) as { operationFilters: string[]; userPrincipalNameFilters: string[] };
    assert.deepEqual(body.operationFilters, ['MailItemsAccessed']);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.getText(), text);
  });

  it('writes the PowerShell re-collection and the Graph lookups of the messages found', async () => {
    const ps = await vscode.commands.executeCommand<string>(commandIds.copyFollowUpQuery, {
      kind: 'powershell',
    });
    assert.match(ps, /-SessionCommand|SessionCommand = 'ReturnLargeSet'/);
    assert.equal(await vscode.env.clipboard.readText(), ps);
    const lookups = await vscode.commands.executeCommand<string>(commandIds.copyFollowUpQuery, {
      kind: 'graph-messages',
      sessions: [sessionId],
    });
    assert.match(lookups, /^GET https:\/\/graph\.microsoft\.com\/v1\.0\/users\//m);
  });

  it('from the palette: picks the kind, then the current filter, and copies the query', async () => {
    session.setFilter({ text: '', facets: { session: [sessionId] } });
    await vscode.env.clipboard.writeText('before');
    // The first kind is Sentinel; with a filter set, the first scope is "The current filter".
    const text = await acceptingFirstPick(() =>
      vscode.commands.executeCommand<string | undefined>(commandIds.copyFollowUpQuery),
    );
    assert.ok(text, 'a query was produced');
    assert.equal(await vscode.env.clipboard.readText(), text);
    assert.match(text, /^OfficeActivity$/m);
    assert.ok(text.includes(`SessionId in~ (${literal(sessionId)})`));
  });

  it('rejects an unknown kind with a clear error', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(commandIds.copyFollowUpQuery, { kind: 'splunk' })),
    );
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(commandIds.copyFollowUpQuery, { sessions: [sessionId] }),
      ),
      /kind must be one of sentinel, defender, powershell, graph-audit, graph-messages/,
    );
  });
});
