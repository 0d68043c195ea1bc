import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType, commandIds, extensionId } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type {
  ContextNode,
  FindingCategoryNode,
  FindingNode,
  MailboxTreeNode,
  SessionNode,
} from '../../src/extension/views/treeNodes';
import { generateScenario } from '../support/generator/scenario';
import type { Scenario } from '../support/generator/scenarioTypes';
import { writeExportSet, type WrittenExportSet } from '../support/generator/writeExport';
import { byTimeAsc, closeAllEditors, noFilter, webviewPulledRows } from './auditExportEditorSupport';

const GRAPH = '00000003-0000-0000-c000-000000000000';

/** A tree item's label or tooltip as the plain text it is set to (never Markdown here). */
function text(value: string | vscode.TreeItemLabel | vscode.MarkdownString | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return 'label' in value ? value.label : value.value;
}

/** App and IP labels and session signals (issue 7 §2) in the real extension host. */
describe('labels: session signals in Findings, app and IP labels in the tree, grid and detail', function () {
  this.timeout(180_000);
  let api: MiaApi;
  let dir: string;
  let scenario: Scenario;
  let set: WrittenExportSet;
  let session: InvestigationSession;

  before(async () => {
    api = await vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-labels-'));
    scenario = generateScenario({ scale: 'small' });
    set = await writeExportSet(scenario, dir);
    session = api.store.open(set.files.map((f) => vscode.Uri.file(f.path)));
    await session.whenIdle();
  });

  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand(commandIds.groupByMailbox);
    if (session) api.store.close(session);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("the Findings view lists session signals, among them the attacker's flagged app with its records", () => {
    const app = scenario.planted.attacker.clientAppId;
    api.trees.findings.refresh();
    const cats = api.trees.findings.getChildren() as FindingCategoryNode[];
    const cat = cats.find((c) => c.kind === 'category' && c.code === 'mia.signal');
    assert.ok(cat, `a signal category among ${cats.map((c) => c.id).join(', ')}`);
    const catItem = api.trees.findings.getTreeItem(cat);
    assert.equal(catItem.label, 'Session signals (who and from where)');
    const nodes = api.trees.findings.getChildren(cat).filter((n): n is FindingNode => n.kind === 'finding');
    const flagged = nodes.find((n) => n.finding.signal === 'flaggedApp' && n.finding.title.includes(app));
    assert.ok(flagged, 'a flaggedApp finding for the attacker app');
    const expected = session.investigation.records
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.appId === GRAPH && r.clientAppId === app)
      .map(({ i }) => i);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      [...(flagged.finding.records ?? [])].sort((a, b) => a - b),
      expected,
    );
    const item = api.trees.findings.getTreeItem(flagged);
    assert.match(text(item.label), /unknown app .* \(flagged\)/);
    assert.match(text(item.tooltip), /records? behind this signal/);
    // The first record behind it is where the finding sits (click opens its raw AuditData).
    const first = session.investigation.records[flagged.finding.record!];
    assert.equal(first.clientAppId, app);
    // The same finding is in the API's list (and so in the Problems panel, as information).
    assert.ok(api.findings(session).some((f) => f.code === 'mia.signal' && f.signal === 'flaggedApp'));
  });

  it('the Mailboxes tree shows the app and IP labels on the context and session nodes', async () => {
    await vscode.commands.executeCommand(commandIds.groupBySession);
    api.trees.mailboxes.refresh();
    const sessions: MailboxTreeNode[] = api.trees.mailboxes.getChildren();
    const attacker = sessions.find(
      (n): n is SessionNode =>
        n.kind === 'session' && n.entry.sessionId === scenario.planted.attacker.sessionId,
    );
    assert.ok(attacker, 'the attacker session');
    const contexts = api.trees.mailboxes
      .getChildren(attacker)
      .filter((n): n is ContextNode => n.kind === 'context');
    const graph = contexts.find((c) => c.entry.clientAppId === scenario.planted.attacker.clientAppId);
    assert.ok(graph, 'the Graph context');
    const item = api.trees.mailboxes.getTreeItem(graph);
    assert.match(String(item.description), /Microsoft internal/);
    assert.match(String(item.description), /unknown app .* \(flagged\)/);
    assert.match(text(item.tooltip), /App: unknown app/);
    assert.equal((item.iconPath as vscode.ThemeIcon).color?.id, 'list.warningForeground');
    // OWA from the attacker's (documentation-range) proxy address: labelled, never given a country.
    const owa = contexts.find(
      (c) => c.entry.ip === scenario.planted.attacker.ip && c.entry.clientInfo?.includes('OWA'),
    );
    assert.ok(owa, 'the OWA context');
    const owaItem = api.trees.mailboxes.getTreeItem(owa);
    assert.match(String(owaItem.description), /documentation \(RFC 5737\)/);
    assert.match(
      String(owaItem.description),
      /Outlook Web App \(Microsoft\)|Office 365 Exchange Online \(Microsoft\)/,
    );
    const sessionItem = api.trees.mailboxes.getTreeItem(attacker);
    assert.match(String(sessionItem.description), /Microsoft internal/);
    assert.match(text(sessionItem.tooltip), /From: .*Microsoft internal/);
  });

  it('the grid rows and the detail carry the labels of the IP and the app', async () => {
    const app = scenario.planted.attacker.clientAppId;
    const index = session.investigation.records.findIndex((r) => r.clientAppId === app);
    const record = session.investigation.records[index];
    const file = session.investigation.sources[record.provenance.sourceIndex].path;
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
    await webviewPulledRows(api, uri);
    const filter = { ...noFilter, text: app };
    const result = await api.editorRequest(uri, 'query', { filter, sort: byTimeAsc });
    assert.ok(result.matched > 0);
    const { rows } = await api.editorRequest(uri, 'rows', { start: 0, count: result.matched });
    const row = rows.find((r) => r.record === index);
    assert.ok(row, 'the Graph record in the grid');
    assert.match(row.labels?.app ?? '', /^unknown app .* \(flagged\)$/);
    assert.equal(row.labels?.appFlagged, true);
    assert.equal(row.labels?.ip, `${record.ip} · Microsoft internal`);
    const detail = await api.editorRequest(uri, 'detail', { record: index });
    assert.equal(detail.labels?.app, row.labels?.app);
    assert.equal(detail.labels?.ip, row.labels?.ip);
    assert.match(detail.labels?.appNote ?? '', /third-party app to review/);
  });
});
