import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { htmlText } from '../../src/core/report/htmlReport';
import type { ScopeReport } from '../../src/core/report/reportTypes';
import type { MiaApi } from '../../src/extension/api';
import { commandIds, extensionId, rawRecordScheme } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type { MessageIdExport } from '../../src/extension/commands/exportMessageIds';
import type {
  FolderNode,
  MailboxNode,
  MailboxTreeNode,
  MessageNode,
  MoreNode,
} from '../../src/extension/views/treeNodes';
import { generateScenario } from '../support/generator/scenario';
import type { Scenario } from '../support/generator/scenarioTypes';
import { writeExportSet, type WrittenExportSet } from '../support/generator/writeExport';
import { repoRoot } from '../support/paths';
import { waitFor } from './waitFor';
import { acceptingFirstPick } from './acceptingFirstPick';

/** `mia scope --format json` on the built CLI, parsed. */
function cliScope(args: readonly string[]): Promise<ScopeReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'dist', 'cli.js'), 'scope', '--format', 'json', '--quiet', ...args],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as ScopeReport),
    );
  });
}

/** The report as JSON (what the CLI prints) without the one field that differs between runs. */
function comparable(report: ScopeReport): unknown {
  const copy = JSON.parse(JSON.stringify(report)) as Partial<ScopeReport>;
  delete copy.generatedUtc;
  return copy;
}

function rawRecordId(doc: vscode.TextDocument): string {
  const body = doc
    .getText()
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('//'))
    .join('\n');
  return String((JSON.parse(body) as { Id?: unknown }).Id);
}

describe('investigate features on a generated export set', function () {
  this.timeout(180_000);
  let api: MiaApi;
  let dir: string;
  let scenario: Scenario;
  let set: WrittenExportSet;
  let files: string[];
  let session: InvestigationSession;

  before(async () => {
    api = await vscode.extensions.getExtension<MiaApi>(extensionId)!.activate();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-investigate-'));
    scenario = generateScenario({ scale: 'small' });
    set = await writeExportSet(scenario, dir);
    files = set.files.map((f) => f.path);
    session = api.store.open(files.map((f) => vscode.Uri.file(f)));
    await session.whenIdle();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (session.filter.text !== '' || Object.keys(session.filter.facets).length > 0)
      session.setFilter({ text: '', facets: {} });
    await vscode.commands.executeCommand(commandIds.groupByMailbox);
  });

  after(() => {
    if (session) api.store.close(session);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function children(node?: MailboxTreeNode): Promise<MailboxTreeNode[]> {
    const tree = api.trees.mailboxes;
    const out: MailboxTreeNode[] = [];
    for (;;) {
      const page = tree.getChildren(node);
      const more = page.find((n): n is MoreNode => n.kind === 'more');
      if (!more) return [...out, ...page].filter((n, i, all) => all.findIndex((m) => m.id === n.id) === i);
      out.push(...page.filter((n) => n.kind !== 'more'));
      await vscode.commands.executeCommand(commandIds.showMore, more);
    }
  }

  it('the Mailboxes tree: mailboxes, folders and messages are the truth (and paging reaches all)', async () => {
    api.trees.mailboxes.refresh();
    const roots = (await children()) as MailboxNode[];
    assert.deepEqual(
      roots.map((m) => m.entry.key),
      set.truth.mailboxes.map((m) => m.key),
    );
    let paged = false;
    for (const tm of set.truth.mailboxes) {
      const box = roots.find((m) => m.entry.key === tm.key)!;
      const item = api.trees.mailboxes.getTreeItem(box);
      assert.equal(
        (item.iconPath as vscode.ThemeIcon).id,
        tm.throttleWindows.length > 0 ? 'warning' : 'account',
        tm.key,
      );
      assert.equal(box.throttled.length, tm.throttleWindows.length);
      const folders = (await children(box)) as FolderNode[];
      const expected = new Map<string, string[]>();
      for (const m of tm.messages)
        for (const f of m.folders) expected.set(f, [...(expected.get(f) ?? []), m.id]);
      for (const f of tm.syncedFolders) if (!expected.has(f)) expected.set(f, []);
      assert.deepEqual(folders.map((f) => f.entry.key).sort(), [...expected.keys()].sort(), tm.key);
      for (const folder of folders) {
        const first = api.trees.mailboxes.getChildren(folder);
        if (first.some((n) => n.kind === 'more')) paged = true;
        const messages = (await children(folder)) as MessageNode[];
        assert.deepEqual(
          messages.map((m) => m.entry.key).sort(),
          [...(expected.get(folder.entry.key) ?? [])].sort(),
          `${tm.key} ${folder.entry.key}`,
        );
        const synced = tm.syncedFolders.includes(folder.entry.key);
        assert.equal(
          /synced: all items assumed read/.test(String(api.trees.mailboxes.getTreeItem(folder).description)),
          synced,
        );
      }
    }
    assert.ok(paged, 'some folder holds more messages than one page');
  });

  it('groups by session: the attacker session shows the truth of what it read; "Filter by this Session" filters the tree', async () => {
    const attacker = set.truth.attacker!;
    await vscode.commands.executeCommand(commandIds.groupBySession);
    const sessions = await children();
    const node = sessions.find((s) => s.kind === 'session' && s.entry.sessionId === attacker.sessionId);
    assert.ok(node && node.kind === 'session');
    const read = new Map<string, Set<string>>();
    for (const ctx of await children(node)) {
      for (const box of await children(ctx)) {
        if (box.kind !== 'contextMailbox') continue;
        const ids = read.get(box.entry.key) ?? new Set<string>();
        for (const m of await children(box)) if (m.kind === 'message') ids.add(m.entry.key);
        read.set(box.entry.key, ids);
      }
    }
    for (const m of attacker.mailboxes)
      assert.deepEqual([...(read.get(m.key) ?? [])].sort(), m.messages.map((x) => x.id).sort(), m.key);

    assert.equal(await vscode.commands.executeCommand(commandIds.filterBySession, node), true);
    assert.deepEqual(session.filter.facets.session, [attacker.sessionId]);
    await vscode.commands.executeCommand(commandIds.groupByMailbox);
    api.trees.mailboxes.refresh();
    const roots = (await children()) as MailboxNode[];
    assert.deepEqual(roots.map((r) => r.entry.key).sort(), attacker.mailboxes.map((m) => m.key).sort());
    for (const r of roots) {
      const expected = attacker.mailboxes.find((m) => m.key === r.entry.key)!;
      assert.equal(r.entry.messageCount, expected.messages.length);
    }
  });

  it('the Findings view lists every finding by code', () => {
    const cats = api.trees.findings.getChildren();
    const all = api.findings(session);
    const byCode = new Map<string, number>();
    for (const f of all) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1);
    assert.deepEqual(
      cats
        .filter((c) => c.kind === 'category')
        .map((c) => [c.kind === 'category' ? c.code : '', c.kind === 'category' ? c.findings.length : 0])
        .sort(),
      [...byCode.entries()].sort(),
    );
    assert.ok(
      byCode.get('mia.throttled')! > 0 && byCode.get('mia.sync')! > 0 && byCode.get('mia.rejected')! > 0,
    );
  });

  it('mia.revealMessage opens the raw AuditData of the record that read it (ids normalised)', async () => {
    const m = scenario.planted.attacker.messages[0];
    const records = session.investigation.records;
    const key = m.internetMessageId.trim().replace(/^<|>$/g, '').toLowerCase();
    const readers = records
      .filter(
        (r) =>
          r.accessType === 'Bind' &&
          r.mailboxKey === m.mailbox.toLowerCase() &&
          r.folders.some((f) => f.items.some((i) => i.key === key)),
      )
      .sort((a, b) => a.timeMs - b.timeMs);
    assert.ok(readers.length > 0);
    const uri = await vscode.commands.executeCommand<vscode.Uri>(commandIds.revealMessage, {
      internetMessageId: ` ${key.toUpperCase()} `,
      mailbox: m.mailbox.toUpperCase(),
      pick: 'first',
    });
    assert.ok(uri instanceof vscode.Uri);
    assert.equal(uri.scheme, rawRecordScheme);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'jsonc');
    assert.equal(rawRecordId(doc), readers[0].id);
    const source = session.investigation.sources[readers[0].provenance.sourceIndex];
    assert.equal(
      doc.lineAt(0).text,
      `// MailItemsAccessed record ${readers[0].id}: ${source.path}, line ${readers[0].provenance.line} (read-only)`,
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
    assert.equal(
      await vscode.commands.executeCommand(commandIds.revealMessage, {
        internetMessageId: '<no-such-message@nowhere>',
      }),
      undefined,
    );
  });

  it('clicking a message node with several readers asks which record to open', async () => {
    api.trees.mailboxes.refresh();
    let target: MessageNode | undefined;
    for (const box of (await children()) as MailboxNode[]) {
      for (const folder of (await children(box)) as FolderNode[]) {
        target = ((await children(folder)) as MessageNode[]).find((m) => m.entry.records.length > 1);
        if (target) break;
      }
      if (target) break;
    }
    assert.ok(target, 'a message read by several records');
    const item = api.trees.mailboxes.getTreeItem(target);
    assert.equal(item.command?.command, commandIds.openMessage);
    const uri = await acceptingFirstPick(() =>
      vscode.commands.executeCommand<vscode.Uri>(
        item.command!.command,
        ...((item.command!.arguments ?? []) as unknown[]),
      ),
    );
    assert.ok(uri instanceof vscode.Uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(rawRecordId(doc), session.investigation.records[target.entry.records[0]].id);
  });

  it('mia.goToMessage searches every message id and opens the record that read the chosen one', async () => {
    api.trees.mailboxes.refresh();
    const firstBox = ((await children()) as MailboxNode[])[0];
    const earliest = firstBox.entry.folders
      .flatMap((f) => f.messages)
      .sort((a, b) => a.firstAccessMs - b.firstAccessMs || (a.key < b.key ? -1 : 1))[0];
    const uri = await acceptingFirstPick(() =>
      vscode.commands.executeCommand<vscode.Uri>(commandIds.goToMessage),
    );
    assert.ok(uri instanceof vscode.Uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const readers = session.investigation.records.filter(
      (r) =>
        r.mailboxKey === firstBox.entry.key &&
        r.folders.some((f) => f.items.some((i) => i.key === earliest.key)),
    );
    assert.ok(
      readers.some((r) => r.id === rawRecordId(doc)),
      'a record that read the first message of the list',
    );
  });

  it('mia.showThrottledWindows opens the record that opened the chosen window', async () => {
    const windows = api
      .findings(session)
      .filter((f) => f.code === 'mia.throttled')
      .sort((a, b) => a.startMs! - b.startMs!);
    const uri = await acceptingFirstPick(() =>
      vscode.commands.executeCommand<vscode.Uri>(commandIds.showThrottledWindows),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(rawRecordId(doc), session.investigation.records[windows[0].record!].id);
  });

  it('mia.scopeReport on files with filters returns exactly the CLI JSON', async () => {
    const mailbox = set.truth.mailboxes.find((m) => m.throttleWindows.length > 0)!.key;
    const from = '2025-03-04T00:00:00Z';
    const to = '2025-03-12T00:00:00Z';
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      files: files.map((f, i) => (i % 2 === 0 ? vscode.Uri.file(f) : f)),
      mailboxes: [mailbox],
      from,
      to,
    });
    const cli = await cliScope([...files, '--mailbox', mailbox, '--from', from, '--to', to]);
    assert.ok(report.mailboxes[0].throttledWindows.length > 0);
    assert.deepEqual(comparable(report), comparable(cli));
  });

  it('mia.scopeReport on the active investigation (attacker session) returns the CLI JSON, and writes Markdown to output', async () => {
    const attacker = set.truth.attacker!.sessionId;
    const output = path.join(dir, 'report.md');
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      sessions: [attacker],
      format: 'markdown',
      output,
    });
    const cli = await cliScope([...files, '--session', attacker]);
    assert.ok(report.totals.messages > 0 && report.totals.syncedFolders > 0);
    assert.deepEqual(comparable(report), comparable(cli));
    const md = fs.readFileSync(output, 'utf8');
    assert.match(md, /^# MailItemsAccessed scoping report/);
    const msg = report.mailboxes[0].messages[0];
    assert.ok(md.includes(`#L${msg.firstRecord.line}>)`), 'messages link to their file and line');
  });

  it('mia.scopeReport with open shows JSON as a read-only document and HTML in a panel', async () => {
    const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
      format: 'json',
      open: true,
    });
    const doc = await waitFor('the JSON report document', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'mia-report'
        ? vscode.window.activeTextEditor.document
        : undefined,
    );
    assert.deepEqual(comparable(JSON.parse(doc.getText()) as ScopeReport), comparable(report));
    await vscode.commands.executeCommand(commandIds.scopeReport, { format: 'html', open: true });
    await waitFor('the HTML report panel', () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find(
          (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mia.scopeReport'),
        ),
    );
  });

  it('a report longer than mia.reports.maxShownMB is written to output as it is made, and not shown', async () => {
    const config = vscode.workspace.getConfiguration('mia');
    const reportDocs = () =>
      vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'mia-report').length;
    const reportPanels = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter(
          (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('mia.scopeReport'),
        ).length;
    // 0.05 MB: about 52,000 characters, far less than this export set's reports.
    const limit = 0.05 * 1024 * 1024;
    await config.update('reports.maxShownMB', 0.05, vscode.ConfigurationTarget.Global);
    try {
      // The extension reads its settings on the change event, fired as the host takes the new value.
      await waitFor(
        'the new limit',
        () => vscode.workspace.getConfiguration('mia').get('reports.maxShownMB') === 0.05 || undefined,
      );
      const docsBefore = reportDocs();
      const panelsBefore = reportPanels();
      const json = path.join(dir, 'large-report.json');
      const report = await vscode.commands.executeCommand<ScopeReport>(commandIds.scopeReport, {
        format: 'json',
        output: json,
        open: true,
      });
      assert.ok(fs.statSync(json).size > limit, `${fs.statSync(json).size} bytes`);
      const written = JSON.parse(fs.readFileSync(json, 'utf8')) as ScopeReport;
      assert.deepEqual(comparable(written), comparable(report));
      assert.deepEqual(comparable(written), comparable(await cliScope(files)));

      const html = path.join(dir, 'large-report.html');
      await vscode.commands.executeCommand(commandIds.scopeReport, {
        format: 'html',
        output: html,
        open: true,
      });
      const page = fs.readFileSync(html, 'utf8');
      assert.ok(page.length > limit && page.startsWith('<!DOCTYPE html>') && page.endsWith('</html>\n'));
      const msg = report.mailboxes.find((m) => m.messages.length > 0)!.messages[0];
      assert.ok(page.includes(`<code>${htmlText(msg.internetMessageId)}</code>`));

      const ids = await vscode.commands.executeCommand<MessageIdExport>(commandIds.exportMessageIds, {
        open: true,
      });
      assert.ok(ids.csv.length > limit, `${ids.csv.length} characters of ids`);
      // Anything shown would have opened by now (the commands await the showing).
      assert.equal(reportDocs(), docsBefore, 'no report document opened');
      assert.equal(reportPanels(), panelsBefore, 'no report panel opened');
    } finally {
      await config.update('reports.maxShownMB', undefined, vscode.ConfigurationTarget.Global);
    }
    // Under the limit again, the same call shows the report.
    await waitFor(
      'the default limit',
      () => vscode.workspace.getConfiguration('mia').get('reports.maxShownMB') === 20 || undefined,
    );
    await vscode.commands.executeCommand(commandIds.scopeReport, { format: 'json', open: true });
    await waitFor('the JSON report document', () =>
      vscode.window.activeTextEditor?.document.uri.scheme === 'mia-report' ? true : undefined,
    );
  });

  it('run from the palette (no options), mia.scopeReport shows the report and returns nothing for the workbench to serialise', async () => {
    // A command's result goes back to the workbench that ran it, as JSON: a report of a large export
    // is hundreds of MB of it.
    const shown = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const result = await acceptingFirstPick(() => vscode.commands.executeCommand(commandIds.scopeReport));
    assert.equal(result, undefined);
    // Each prompt's first answer: every mailbox, all data, every context, Markdown.
    const doc = await waitFor('the Markdown report', () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'mia-report' && d.uri.path.endsWith('.md') && !shown.has(d.uri.toString()),
      ),
    );
    assert.match(doc.getText(), /^# MailItemsAccessed scoping report/);
  });

  it('refuses to write a report over an export, and rejects bad options', async () => {
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(commandIds.scopeReport, {
          files: [files[0]],
          output: files[0],
          format: 'json',
        }),
      ),
      /evidence/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand(commandIds.scopeReport, { from: 'yesterday' })),
      /ISO 8601/,
    );
  });

  it('mia.exportMessageIds writes the in-scope ids for a Content Search', async () => {
    const attacker = set.truth.attacker!;
    const output = path.join(dir, 'ids.csv');
    const result = await vscode.commands.executeCommand<MessageIdExport>(commandIds.exportMessageIds, {
      sessions: [attacker.sessionId],
      output,
    });
    const expected = attacker.mailboxes.reduce((n, m) => n + m.messages.length, 0);
    assert.equal(result.count, expected);
    const lines = fs.readFileSync(output, 'utf8').trim().split('\r\n');
    assert.equal(lines.length, expected + 1);
    for (const line of lines.slice(1)) assert.match(line.split(',')[1], /^<.+>$/);
  });

  it('mia.openRecord and the store hook open the same read-only raw document', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>(commandIds.openRecord, 0, session.id);
    assert.equal(uri.toString(), api.store.rawRecordUri?.(session, 0)?.toString());
    const doc = await waitFor('raw document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()),
    );
    assert.equal(rawRecordId(doc), session.investigation.records[0].id);
  });
});
