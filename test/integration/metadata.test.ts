import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaApi } from '../../src/extension/api';
import type { AddMetadataResult } from '../../src/extension/commands/addMetadata';
import { auditExportViewType, commandIds } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type { MailboxTreeNode, MessageNode, MoreNode } from '../../src/extension/views/treeNodes';
import { fixturePath } from '../support/paths';
import { closeAllEditors, loadedSession, miaApi, webviewPulledRows } from './auditExportEditorSupport';

const CEAF_KEY = 'ceafc3fa-fd0a-46ba-9754-e033ee56ce75@az.westcentralus.production.microsoft.com';
const AE04_KEY = 'ae042a57-4cd4-466a-adf0-417549c30a96@az.westeurope.production.microsoft.com';

describe('message metadata in the extension (mia.addMetadata)', function () {
  this.timeout(120_000);
  let api: MiaApi;
  let dir: string;
  let exportUri: vscode.Uri;
  let session: InvestigationSession;

  before(async () => {
    api = await miaApi();
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-metadata-'));
    for (const name of [
      'devcooks-2022-owa-bind-two-folders.json',
      'sekoia-2023-owa-bind-localised-folder.json',
    ])
      fs.copyFileSync(fixturePath('samples', name), path.join(dir, name));
    exportUri = vscode.Uri.file(path.join(dir, 'devcooks-2022-owa-bind-two-folders.json'));
    await vscode.commands.executeCommand('vscode.openWith', exportUri, auditExportViewType);
    session = await loadedSession(api, exportUri);
    await webviewPulledRows(api, exportUri);
  });

  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function messageNodes(): Promise<MessageNode[]> {
    const tree = api.trees.mailboxes;
    tree.refresh();
    const out: MessageNode[] = [];
    const walk = async (node?: MailboxTreeNode): Promise<void> => {
      for (;;) {
        const page = tree.getChildren(node);
        const more = page.find((n): n is MoreNode => n.kind === 'more');
        if (more) {
          await vscode.commands.executeCommand(commandIds.showMore, more);
          continue;
        }
        for (const child of page) {
          if (child.kind === 'message') out.push(child);
          else if (child.kind === 'mailbox' || child.kind === 'folder') await walk(child);
        }
        return;
      }
    };
    await walk();
    return out;
  }

  it('adds a metadata file given as a Uri; the tree shows subject, sender, date and attachments', async () => {
    const before = (await messageNodes()).find((n) => n.entry.key === CEAF_KEY);
    assert.ok(before, 'the export lists the message');
    assert.notEqual(api.trees.mailboxes.getTreeItem(before).label, 'Q3 budget review');
    // Without metadata the tooltip says what the records do: where and when the message was read.
    const tip = api.trees.mailboxes.getTreeItem(before).tooltip;
    assert.equal(typeof tip, 'string', 'the tooltip is plain text');
    const plainTip = (tip as string).split('\n');
    assert.equal(plainTip[0], before.entry.internetMessageId);
    for (const line of [/^Mailbox: /, /^Folders: /, /^First access: /, /^Last access: /, /^Records: \d+$/])
      assert.ok(
        plainTip.some((l) => line.test(l)),
        `the tooltip has a line ${line}`,
      );
    assert.equal(plainTip.at(-1), 'Click to open the raw AuditData of the record that read it.');

    const file = fixturePath('metadata', 'purview-results.csv');
    const result = await vscode.commands.executeCommand<AddMetadataResult>(
      commandIds.addMetadata,
      vscode.Uri.file(file),
    );
    assert.ok(result);
    assert.equal(result.session, session.id);
    assert.deepEqual(result.failed, []);
    assert.equal(result.added.length, 1);
    assert.equal(result.added[0].format, 'purview-results');
    assert.equal(session.metadata.size, 3);

    const nodes = await messageNodes();
    const node = nodes.find((n) => n.entry.key === CEAF_KEY);
    assert.ok(node);
    const item = api.trees.mailboxes.getTreeItem(node);
    assert.equal(item.label, 'Q3 budget review');
    assert.match(String(item.description), /Bowen, Alex <alex\.wilber@devcooks\.onmicrosoft\.com>/);
    assert.match(String(item.description), /attachments/);
    assert.equal(typeof item.tooltip, 'string', 'the tooltip is plain text, never Markdown');
    const tooltip = item.tooltip as string;
    assert.match(tooltip, /^<ceafc3fa-fd0a-46ba-9754-e033ee56ce75@/);
    assert.match(tooltip, /From: Bowen, Alex/);
    assert.match(tooltip, /Received: /);
    assert.match(tooltip, /^First access: /m, 'and what the records say, as without metadata');
    // A message the metadata does not know keeps its id as the label.
    const unknown = nodes.find((n) => session.metadata.get(n.entry.key) === undefined);
    assert.ok(unknown, 'some accessed message has no metadata');
    assert.equal(api.trees.mailboxes.getTreeItem(unknown).label, unknown.entry.internetMessageId);
  });

  it("the editor's detail lists the message's subject, sender and date from the metadata", async () => {
    const index = session.records.findIndex((r) =>
      r.folders.some((f) => f.items.some((m) => m.internetMessageId.toLowerCase().includes(CEAF_KEY))),
    );
    assert.ok(index >= 0);
    const detail = await api.editorRequest(exportUri, 'detail', { record: index });
    const item = detail.folders
      .flatMap((f) => f.items)
      .find((m) => m.internetMessageId.toLowerCase().includes(CEAF_KEY));
    assert.ok(item);
    assert.equal(item.subject, 'Q3 budget review');
    assert.equal(item.sender, 'Bowen, Alex <alex.wilber@devcooks.onmicrosoft.com>');
    assert.equal(item.dateMs, Date.UTC(2022, 5, 13, 9, 12, 35));
    assert.equal(item.hasAttachments, true);
  });

  it("the grid's Subject column shows the first listed message's subject", async () => {
    await api.editorRequest(exportUri, 'query', {
      filter: { text: '', facets: {} },
      sort: { column: 'time', descending: false },
    });
    const { rows } = await api.editorRequest(exportUri, 'rows', { start: 0, count: 100 });
    assert.equal(rows.length, session.records.length);
    for (const row of rows) {
      const items = session.records[row.record].folders.flatMap((f) => f.items);
      const subject = items.length > 0 ? session.metadata.get(items[0].key)?.subject : undefined;
      const expected =
        subject === undefined ? '' : items.length > 1 ? `${subject} (+${items.length - 1})` : subject;
      assert.equal(row.cells.subject, expected);
    }
    assert.ok(rows.some((r) => r.cells.subject.startsWith('Q3 budget review')));
  });

  it('names a file that is not metadata and keeps the rest; the same bytes are not added twice', async () => {
    const result = await vscode.commands.executeCommand<AddMetadataResult>(commandIds.addMetadata, [
      vscode.Uri.file(fixturePath('metadata', 'not-metadata.csv')),
      vscode.Uri.file(fixturePath('metadata', 'graph-messages.json')),
      vscode.Uri.file(fixturePath('metadata', 'purview-results.csv')),
    ]);
    assert.ok(result);
    assert.equal(result.failed.length, 1);
    assert.equal(result.failed[0].path, fixturePath('metadata', 'not-metadata.csv'));
    assert.match(result.failed[0].reason, /not a recognised message metadata file/);
    assert.equal(session.metadata.sources.length, 2, 'purview-results.csv once, graph-messages.json');
    // First source added wins: the Purview subject stays.
    assert.equal(session.metadata.get(CEAF_KEY)?.subject, 'Q3 budget review');
  });

  it("the metadata survives adding an export, and the new export's messages join it", async () => {
    const known = session.metadata.size;
    await vscode.commands.executeCommand(
      commandIds.addExport,
      vscode.Uri.file(path.join(dir, 'sekoia-2023-owa-bind-localised-folder.json')),
    );
    await session.whenIdle();
    assert.equal(session.metadata.size, known);
    await vscode.commands.executeCommand(
      commandIds.addMetadata,
      vscode.Uri.file(fixturePath('metadata', 'ediscovery-premium.csv')),
    );
    const nodes = await messageNodes();
    const sekoia = nodes.find(
      (n) => n.entry.key === 'am0pr07mb576312b164491af0f9214c738df6a@am0pr07mb5763.eurprd07.prod.outlook.com',
    );
    assert.ok(sekoia);
    assert.equal(api.trees.mailboxes.getTreeItem(sekoia).label, 'Contrat fournisseur 2023');
    const ae04 = nodes.find((n) => n.entry.key === AE04_KEY);
    assert.ok(ae04);
    assert.equal(api.trees.mailboxes.getTreeItem(ae04).label, 'Invoice 2022-118, "urgent"');
  });

  it('mia.scopeReport from code runs with the session metadata and with named metadata files', async () => {
    const report = await vscode.commands.executeCommand<{ mailboxes: { messages: { key: string }[] }[] }>(
      commandIds.scopeReport,
      { format: 'json' },
    );
    assert.ok(report.mailboxes.some((m) => m.messages.some((x) => x.key === CEAF_KEY)));
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(commandIds.scopeReport, {
          format: 'json',
          metadata: [fixturePath('metadata', 'not-metadata.csv')],
        }),
      ),
      /not-metadata\.csv: not a recognised message metadata file/,
    );
  });

  it('is cleared when the investigation closes', async () => {
    const closing = session;
    await closeAllEditors();
    assert.equal(api.store.get(closing.id), undefined, 'the session closed with its last editor');
    await vscode.commands.executeCommand('vscode.openWith', exportUri, auditExportViewType);
    session = await loadedSession(api, exportUri);
    assert.notEqual(session, closing);
    assert.equal(session.metadata.size, 0);
    const node = (await messageNodes()).find((n) => n.entry.key === CEAF_KEY);
    assert.ok(node);
    assert.notEqual(api.trees.mailboxes.getTreeItem(node).label, 'Q3 budget review');
  });

  it('with no investigation open it adds nothing', async () => {
    await closeAllEditors();
    assert.equal(api.store.active, undefined);
    const result = await vscode.commands.executeCommand(
      commandIds.addMetadata,
      vscode.Uri.file(fixturePath('metadata', 'purview-results.csv')),
    );
    assert.equal(result, undefined);
  });
});
