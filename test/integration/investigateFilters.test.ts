import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MiaRecord } from '../../src/core/model';
import type { MiaApi } from '../../src/extension/api';
import { commandIds } from '../../src/extension/constants';
import type { InvestigationSession } from '../../src/extension/investigation/investigationSession';
import type {
  ContextNode,
  MailboxNode,
  MailboxTreeNode,
  MessageNode,
  MoreNode,
  SessionNode,
} from '../../src/extension/views/treeNodes';
import type { FilterState } from '../../src/protocol/messages';
import { generateScenario } from '../support/generator/scenario';
import { writeExportSet, type WrittenExportSet } from '../support/generator/writeExport';
import { repoRoot } from '../support/paths';
import { closeAllEditors, customTabFor, miaApi, webviewPulledRows } from './auditExportEditorSupport';
import { waitFor } from './waitFor';

/** The `when` clause of a tree context-menu entry, as the manifest declares it. */
function menuWhen(command: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { menus: Record<string, { command: string; when?: string }[]> };
  };
  const entry = manifest.contributes.menus['view/item/context'].find((m) => m.command === command);
  assert.ok(entry?.when, `a context-menu entry for ${command}`);
  return entry.when;
}

/** True when `contextValue` satisfies the `viewItem =~ /…/` part of a `when` clause. */
function menuShows(when: string, contextValue: string | undefined): boolean {
  const match = /viewItem =~ \/(.+?)\//.exec(when);
  assert.ok(match, when);
  return new RegExp(match[1]).test(contextValue ?? '');
}

/** What the Mailboxes tree must show for these records: mailbox key → distinct message keys. */
function expectedMailboxes(records: readonly MiaRecord[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of records) {
    const ids = out.get(r.mailboxKey) ?? new Set<string>();
    for (const f of r.folders) for (const m of f.items) ids.add(m.key);
    out.set(r.mailboxKey, ids);
  }
  return out;
}

/**
 * "Filter by this Session/IP" and "Copy Message ID" on tree nodes (issue 5): the filter is the
 * investigation's, so the tree AND the editor grid follow it; "Clear Filter" restores both.
 */
describe('tree node commands: filter by session / IP (tree and editor grid together), copy message id', function () {
  this.timeout(180_000);
  let api: MiaApi;
  let dir: string;
  let set: WrittenExportSet;
  let session: InvestigationSession;
  let editorUri: vscode.Uri;

  before(async () => {
    api = await miaApi();
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mia-tree-filters-'));
    set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
    const uris = set.files.map((f) => vscode.Uri.file(f.path));
    editorUri = uris[0];
    const id = await vscode.commands.executeCommand<string>(commandIds.openExport, uris);
    session = api.store.get(id)!;
    await session.whenIdle();
    assert.equal(session.load.phase, 'ready', session.load.message);
    await waitFor('the editor tab', () => customTabFor(editorUri));
    await webviewPulledRows(api, editorUri, 60_000);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand(commandIds.clearFilter);
    await vscode.commands.executeCommand(commandIds.groupByMailbox);
  });

  after(async () => {
    await closeAllEditors();
    if (session) api.store.close(session);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function children(node?: MailboxTreeNode): Promise<MailboxTreeNode[]> {
    const tree = api.trees.mailboxes;
    const out: MailboxTreeNode[] = [];
    for (;;) {
      const page = tree.getChildren(node);
      const more = page.find((n): n is MoreNode => n.kind === 'more');
      out.push(...page.filter((n) => n.kind !== 'more'));
      if (!more) return out;
      await vscode.commands.executeCommand(commandIds.showMore, more);
    }
  }

  /** The tree (mailbox grouping) as mailbox key → message keys. */
  async function treeMailboxes(): Promise<Map<string, Set<string>>> {
    await vscode.commands.executeCommand(commandIds.groupByMailbox);
    api.trees.mailboxes.refresh();
    const out = new Map<string, Set<string>>();
    for (const box of (await children()).filter((n): n is MailboxNode => n.kind === 'mailbox')) {
      const ids = new Set<string>();
      for (const folder of await children(box))
        for (const m of await children(folder)) if (m.kind === 'message') ids.add(m.entry.key);
      assert.equal(box.entry.messageCount, ids.size, box.entry.key);
      out.set(box.entry.key, ids);
    }
    return out;
  }

  /** Waits for the editor's webview to query with `facets`, then pages through the rows its host serves. */
  async function editorRecords(facets: FilterState['facets'], since: number): Promise<number[]> {
    const want = JSON.stringify(facets);
    await waitFor(
      `the editor grid to query with ${want}`,
      () =>
        api
          .editorWebviewRequests(editorUri)
          .slice(since)
          .some(
            (r) =>
              r.name === 'query' &&
              JSON.stringify((r.params as { filter: FilterState }).filter.facets) === want,
          )
          ? true
          : undefined,
      30_000,
    );
    const out: number[] = [];
    for (let start = 0; ; start += 2000) {
      const page = await api.editorRequest(editorUri, 'rows', { start, count: 2000 });
      out.push(...page.rows.map((r) => r.record));
      if (page.rows.length < 2000) return out.sort((a, b) => a - b);
    }
  }

  function indicesWhere(test: (r: MiaRecord) => boolean): number[] {
    const out: number[] = [];
    session.records.forEach((r, i) => {
      if (test(r)) out.push(i);
    });
    return out;
  }

  async function attackerSessionNode(): Promise<SessionNode> {
    await vscode.commands.executeCommand(commandIds.groupBySession);
    const attacker = set.truth.attacker!.sessionId;
    const node = (await children()).find(
      (n): n is SessionNode => n.kind === 'session' && n.entry.sessionId === attacker,
    );
    assert.ok(node, 'the attacker session in the tree');
    return node;
  }

  it('"Filter by this IP" on a context node filters the tree and the editor grid; "Clear Filter" restores both', async () => {
    const sessionNode = await attackerSessionNode();
    const context = (await children(sessionNode)).find(
      (n): n is ContextNode => n.kind === 'context' && n.filterIp !== undefined,
    );
    assert.ok(context, 'a context of the attacker session with an IP');
    const ip = context.filterIp!;
    const item = api.trees.mailboxes.getTreeItem(context);
    assert.ok(
      menuShows(menuWhen(commandIds.filterByIp), item.contextValue),
      'the menu offers Filter by this IP',
    );

    const everything = await treeMailboxes();
    const asked = api.editorWebviewRequests(editorUri).length;
    assert.equal(await vscode.commands.executeCommand(commandIds.filterByIp, context), true);
    assert.deepEqual(session.filter.facets, { ip: [ip] });

    // The IP is used by fewer records than the whole investigation, so the filter shows.
    const expected = indicesWhere((r) => r.ip === ip);
    assert.ok(expected.length > 0 && expected.length < session.records.length);
    assert.deepEqual(await editorRecords({ ip: [ip] }, asked), expected);
    const tree = await treeMailboxes();
    const want = expectedMailboxes(expected.map((i) => session.records[i]));
    assert.deepEqual([...tree.keys()].sort(), [...want.keys()].sort());
    for (const [key, ids] of want) assert.deepEqual([...tree.get(key)!].sort(), [...ids].sort(), key);
    assert.match(String(api.trees.mailboxes.session?.title), /\S/);

    const before = api.editorWebviewRequests(editorUri).length;
    await vscode.commands.executeCommand(commandIds.clearFilter);
    assert.deepEqual(session.filter, { text: '', facets: {} });
    assert.deepEqual(
      await editorRecords({}, before),
      session.records.map((_, i) => i),
    );
    assert.deepEqual(await treeMailboxes(), everything);
  });

  it('"Filter by this Session", then "Filter by this IP" below it: both facets apply to the tree and the grid', async () => {
    const attacker = set.truth.attacker!;
    const sessionNode = await attackerSessionNode();
    assert.ok(
      menuShows(
        menuWhen(commandIds.filterBySession),
        api.trees.mailboxes.getTreeItem(sessionNode).contextValue,
      ),
    );
    let asked = api.editorWebviewRequests(editorUri).length;
    assert.equal(await vscode.commands.executeCommand(commandIds.filterBySession, sessionNode), true);
    assert.deepEqual(session.filter.facets, { session: [attacker.sessionId] });
    const bySession = indicesWhere((r) => r.sessionId === attacker.sessionId);
    assert.deepEqual(await editorRecords({ session: [attacker.sessionId] }, asked), bySession);
    // Against the generator's truth: what the attacker session read, per mailbox.
    const tree = await treeMailboxes();
    assert.deepEqual([...tree.keys()].sort(), attacker.mailboxes.map((m) => m.key).sort());
    for (const m of attacker.mailboxes)
      assert.deepEqual([...tree.get(m.key)!].sort(), m.messages.map((x) => x.id).sort(), m.key);

    // An IP of the attacker's session: the session facet stays, the IP facet is added.
    await vscode.commands.executeCommand(commandIds.groupBySession);
    const again = (await children()).find(
      (n): n is SessionNode => n.kind === 'session' && n.entry.sessionId === attacker.sessionId,
    )!;
    const context = (await children(again)).find(
      (n): n is ContextNode => n.kind === 'context' && n.filterIp !== undefined,
    )!;
    asked = api.editorWebviewRequests(editorUri).length;
    assert.equal(await vscode.commands.executeCommand(commandIds.filterByIp, context), true);
    const both = { session: [attacker.sessionId], ip: [context.filterIp!] };
    assert.deepEqual(session.filter.facets, both);
    const expected = indicesWhere((r) => r.sessionId === attacker.sessionId && r.ip === context.filterIp);
    assert.ok(expected.length > 0);
    assert.deepEqual(await editorRecords(both, asked), expected);
    const narrowed = await treeMailboxes();
    const want = expectedMailboxes(expected.map((i) => session.records[i]));
    assert.deepEqual([...narrowed.keys()].sort(), [...want.keys()].sort());
  });

  it('"Filter by this Session" on a message node read by one session; the filter commands refuse a node without one', async () => {
    api.trees.mailboxes.refresh();
    let message: MessageNode | undefined;
    for (const box of await children()) {
      for (const folder of await children(box)) {
        message = (await children(folder)).find(
          (n): n is MessageNode =>
            n.kind === 'message' && n.filterSession !== undefined && n.filterSession !== '',
        );
        if (message) break;
      }
      if (message) break;
    }
    assert.ok(message, 'a message read from exactly one session');
    const sessionId = message.filterSession!;
    const readers = message.entry.records.map((i) => session.records[i].sessionId);
    assert.ok(
      readers.every((s) => s === sessionId),
      'every record that read it is of that session',
    );
    const asked = api.editorWebviewRequests(editorUri).length;
    assert.equal(await vscode.commands.executeCommand(commandIds.filterBySession, message), true);
    assert.deepEqual(
      await editorRecords({ session: [sessionId] }, asked),
      indicesWhere((r) => r.sessionId === sessionId),
    );

    const box = (await children()).find((n) => n.kind === 'mailbox')!;
    assert.equal(box.filterSession, undefined);
    assert.equal(
      menuShows(menuWhen(commandIds.filterBySession), api.trees.mailboxes.getTreeItem(box).contextValue),
      false,
    );
    const filter = session.filter;
    assert.equal(await vscode.commands.executeCommand(commandIds.filterBySession, box), false);
    assert.equal(await vscode.commands.executeCommand(commandIds.filterByIp, undefined), false);
    assert.equal(session.filter, filter, 'the filter is unchanged');
  });

  it('"Copy Message ID" puts the node’s InternetMessageId, as the export wrote it, on the clipboard', async () => {
    api.trees.mailboxes.refresh();
    const box = (await children()).find((n): n is MailboxNode => n.kind === 'mailbox')!;
    const folder = (await children(box))[0];
    const message = (await children(folder)).find((n): n is MessageNode => n.kind === 'message')!;
    assert.ok(
      menuShows(menuWhen(commandIds.copyMessageId), api.trees.mailboxes.getTreeItem(message).contextValue),
    );
    // Every spelling of this id in the generated rows (the normalised key matches them all).
    const written = new Set<string>();
    for (const f of set.files)
      for (const row of f.rows) {
        const folders = (row.audit.Folders ?? []) as { FolderItems?: { InternetMessageId?: string }[] }[];
        for (const fo of folders)
          for (const it of fo.FolderItems ?? [])
            if (
              typeof it.InternetMessageId === 'string' &&
              it.InternetMessageId.trim()
                .replace(/^<(.*)>$/, '$1')
                .toLowerCase() === message.entry.key
            )
              written.add(it.InternetMessageId);
      }
    assert.ok(written.size > 0, `the generated rows hold ${message.entry.key}`);
    await vscode.env.clipboard.writeText('');
    const returned = await vscode.commands.executeCommand<string>(commandIds.copyMessageId, message);
    const copied = await vscode.env.clipboard.readText();
    assert.equal(copied, returned);
    assert.ok(written.has(copied), `${copied} is one of ${[...written].join(', ')}`);
    // Not a message node: nothing is copied.
    await vscode.env.clipboard.writeText('unchanged');
    assert.equal(await vscode.commands.executeCommand(commandIds.copyMessageId, box), undefined);
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });
});
