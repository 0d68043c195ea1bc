import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScopeReport } from '../../src/core/report/reportTypes';
import type { MiaApi } from '../../src/extension/api';
import { auditExportViewType, commandIds } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type { FindingNode } from '../../src/extension/views/treeNodes';
import { writeBenchExports } from '../support/generator/bench';
import { closeAllEditors, miaApi, webviewPulledRows } from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/** VS Code hands no file over 50 MB to extensions as a text document. */
const extensionLimit = 50 * 1024 * 1024;

function activeTextTab(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

/**
 * Clicking a finding opens the export at its line (issue 5), also when the export is over the
 * 50 MB VS Code refuses to extensions: the workbench opens it for the person.
 */
describe('a finding on an export over 50 MB opens the export at its line', function () {
  this.timeout(300_000);
  let api: MiaApi;
  let dir: string;
  let file: string;
  let brokenLine: number;
  let session: InvestigationSession;

  before(async function () {
    this.timeout(300_000);
    api = await miaApi();
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-large-export-'));
    // ~2.6 KB a row: 21,000 records make a CSV just over 50 MB.
    const bench = await writeBenchExports(path.join(dir, 'bench'), 21_000);
    fs.rmSync(bench.jsonlPath, { force: true });
    const lines = fs.readFileSync(bench.csvPath, 'utf8').split('\r\n');
    fs.rmSync(bench.csvPath, { force: true });
    // One row near the end loses its CreationTime: the engine rejects it (a finding with no record).
    const index = lines.length - 3;
    assert.match(lines[index], /""CreationTime""/);
    lines[index] = lines[index].replace('""CreationTime""', '""CreationTimeLost""');
    brokenLine = index + 1;
    file = path.join(dir, 'large-export.csv');
    fs.writeFileSync(file, lines.join('\r\n'));
    assert.ok(fs.statSync(file).size > extensionLimit, `${fs.statSync(file).size} bytes`);
    session = api.store.open([vscode.Uri.file(file)]);
    await session.whenIdle();
    assert.equal(session.load.phase, 'ready', session.load.message);
  });

  after(async () => {
    await closeAllEditors();
    if (session) api.store.close(session);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function rejectedFinding(): Promise<FindingNode> {
    const tree = api.trees.findings;
    const category = await waitFor('the Rejected rows category', () =>
      tree.getChildren().find((n) => n.kind === 'category' && n.code === 'mia.rejected'),
    );
    const findings = tree.getChildren(category);
    const node = findings.find((n): n is FindingNode => n.kind === 'finding');
    assert.ok(node);
    assert.equal(node.finding.line, brokenLine);
    assert.equal(node.finding.record, undefined, 'a rejected row is no record: the export itself opens');
    return node;
  }

  it('the extension cannot hold it as a text document (the limit this works around is real)', async () => {
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.file(file))));
  });

  it('clicking a rejected-row finding opens the export as text through the workbench', async () => {
    const node = await rejectedFinding();
    const item = api.trees.findings.getTreeItem(node);
    assert.equal(item.command?.command, commandIds.openFinding);
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>(
      item.command.command,
      ...((item.command.arguments ?? []) as unknown[]),
    );
    assert.equal(opened?.fsPath, file);
    // The workbench shows it (its text, or first its "very large file" prompt that keeps the line);
    // the extension host never gets the document. The line itself is checked by the UI test.
    await waitFor('the export open as text', () => (activeTextTab()?.fsPath === file ? true : undefined));
    assert.equal(
      vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file),
      false,
      'the extension does not hold it',
    );
  });

  it('its JSON scoping report, over the default 20 MB shown, is written to output and not shown', async () => {
    const output = path.join(dir, 'report.json');
    const reportDocs = () =>
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'mia-report').length;
    const before = reportDocs();
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      files: [file],
      format: 'json',
      output,
      open: true,
    });
    const size = fs.statSync(output).size;
    assert.ok(size > 20 * 1024 * 1024, `${size} bytes`);
    const written = JSON.parse(fs.readFileSync(output, 'utf8')) as ScopeReport;
    assert.deepEqual(written.totals, report.totals);
    assert.equal(written.totals.records, session.records.length);
    assert.equal(reportDocs(), before, 'no report document opened');
  });

  it('"Reveal in source" of a record of the export opens it as text beside the grid', async () => {
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.openWith', uri, auditExportViewType);
    await webviewPulledRows(api, uri, 60_000);
    const index = session.records.length - 1;
    await api.editorRequest(uri, 'revealSource', { record: index });
    await waitFor('the export open as text', () => (activeTextTab()?.fsPath === file ? true : undefined));
    assert.equal(vscode.window.tabGroups.activeTabGroup.viewColumn, vscode.ViewColumn.Two);
  });
});
