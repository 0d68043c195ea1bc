import * as vscode from 'vscode';
import { buildMailboxModel, type MailboxEntry, type MessageEntry } from '../../core/browse/mailboxModel';
import { buildSessionModel, type SessionEntry } from '../../core/browse/sessionModel';
import type { MiaRecord } from '../../core/model';
import { CompiledFilter } from '../../core/query/recordFilter';
import type { FilterState } from '../../protocol/messages';
import { contextKeys } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { mailboxTreeItem } from './mailboxTreeItems';
import { PAGE_SIZE, type MailboxTreeNode, type MessageNode, type MoreNode } from './treeNodes';

/** How the Mailboxes view groups. */
export type Grouping = 'mailbox' | 'session';

interface Model {
  session: InvestigationSession;
  records: number;
  filter: FilterState;
  grouping: Grouping;
  matched: number;
  mailboxes?: MailboxEntry[];
  sessions?: SessionEntry[];
}

/** Waits after a change before refreshing: loads report progress a few times a second. */
const debounceMs = { records: 1000, other: 150 };

/**
 * The Mailboxes view: mailbox → folder → message (or session → context → mailbox → messages),
 * over the active investigation's records that pass its shared filter (the same `CompiledFilter`
 * as the editor grid). Children are paged ("Show more…"), so a folder of 100,000 messages expands
 * at once; the model is built once per state of records, filter and grouping.
 */
export class MailboxTreeProvider implements vscode.TreeDataProvider<MailboxTreeNode>, vscode.Disposable {
  private grouping: Grouping = 'mailbox';
  private model: Model | undefined;
  private readonly pages = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<MailboxTreeNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private view: vscode.TreeView<MailboxTreeNode> | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: InvestigationStore,
    private readonly analysis: SessionAnalysis,
  ) {
    this.disposables.push(
      store.onDidChangeActive(() => this.refreshSoon(0)),
      store.onDidChangeSessions(() => this.refreshSoon(debounceMs.other)),
      store.onDidChangeSession((s) => {
        if (s !== store.active) return;
        const model = this.model;
        const filterChanged = model !== undefined && model.filter !== s.filter;
        const wait = filterChanged || !s.loading ? debounceMs.other : debounceMs.records;
        // An editor opening on the session shows its rows first (the tree's model takes seconds).
        void s.firstRows.whenOpen().then(() => this.refreshSoon(wait));
      }),
      analysis.onDidChange(() => this.refreshSoon(debounceMs.other)),
    );
    void this.setContext();
  }

  /** The tree view showing this provider (its description says what is shown and filtered). */
  attach(view: vscode.TreeView<MailboxTreeNode>): void {
    this.view = view;
    this.describe();
  }

  get currentGrouping(): Grouping {
    return this.grouping;
  }

  /** The session the tree shows. */
  get session(): InvestigationSession | undefined {
    return this.store.active;
  }

  setGrouping(grouping: Grouping): void {
    if (grouping === this.grouping) return;
    this.grouping = grouping;
    void this.setContext();
    this.refresh();
  }

  /** Rebuilds now (tests call it to skip the debounce). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.model = undefined;
    this.pages.clear();
    this.changed.fire(undefined);
    this.describe();
  }

  /** Shows the next page of a "Show more…" node's parent. */
  showMore(node: MoreNode): void {
    const key = node.parent?.id ?? '';
    this.pages.set(key, (this.pages.get(key) ?? 1) + 1);
    this.changed.fire(node.parent as MailboxTreeNode | undefined);
  }

  private refreshSoon(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), ms);
  }

  private async setContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', contextKeys.mailboxesGrouping, this.grouping);
    const filter = this.store.active?.filter;
    const filtered = filter !== undefined && !new CompiledFilter(filter).isEmpty;
    await vscode.commands.executeCommand('setContext', contextKeys.filtered, filtered);
  }

  private current(): Model | undefined {
    const session = this.store.active;
    if (!session) return undefined;
    const records = session.investigation.records;
    const m = this.model;
    if (
      m &&
      m.session === session &&
      m.records === records.length &&
      m.filter === session.filter &&
      m.grouping === this.grouping
    ) {
      return m;
    }
    const compiled = new CompiledFilter(session.filter);
    let matched = 0;
    const include = compiled.isEmpty
      ? () => {
          matched++;
          return true;
        }
      : (r: MiaRecord) => {
          const ok = compiled.matches(r);
          if (ok) matched++;
          return ok;
        };
    const fresh: Model = {
      session,
      records: records.length,
      filter: session.filter,
      grouping: this.grouping,
      matched: 0,
    };
    if (this.grouping === 'mailbox') fresh.mailboxes = buildMailboxModel(records, include);
    else fresh.sessions = buildSessionModel(records, include);
    fresh.matched = matched;
    this.model = fresh;
    void this.setContext();
    return fresh;
  }

  private describe(): void {
    if (!this.view) return;
    const session = this.store.active;
    if (!session) {
      this.view.description = undefined;
      this.view.message = undefined;
      return;
    }
    const total = session.investigation.records.length;
    const filtered = !new CompiledFilter(session.filter).isEmpty;
    const model = this.model;
    this.view.description =
      session.title +
      (filtered && model
        ? ` · filtered: ${model.matched.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records`
        : '');
    this.view.message = session.loading
      ? `Loading… ${session.load.records.toLocaleString('en-US')} records read so far.`
      : undefined;
  }

  getTreeItem(node: MailboxTreeNode): vscode.TreeItem {
    return mailboxTreeItem(
      node,
      this.analysis.settings.formatTime,
      this.store.active?.metadata,
      this.analysis.labels,
    );
  }

  getChildren(node?: MailboxTreeNode): MailboxTreeNode[] {
    const model = this.current();
    if (!model) return [];
    if (!node) {
      this.describe();
      if (model.matched === 0) {
        if (model.session.loading) return [];
        return [
          {
            kind: 'info',
            id: 'info:none',
            label:
              model.records === 0
                ? 'No MailItemsAccessed record in this investigation'
                : 'No record matches the filter',
          },
        ];
      }
      if (model.mailboxes) {
        const throttled = this.analysis.throttled(model.session);
        return this.paged(undefined, model.mailboxes, (e) => ({
          kind: 'mailbox',
          id: `m:${e.key}`,
          entry: e,
          throttled: throttled.get(e.key) ?? [],
        }));
      }
      return this.paged(undefined, model.sessions ?? [], (e) => ({
        kind: 'session',
        id: `s:${e.sessionId ?? ''}`,
        entry: e,
        filterSession: e.sessionId ?? '',
      }));
    }
    const records = model.session.investigation.records;
    switch (node.kind) {
      case 'mailbox':
        return this.paged(node, node.entry.folders, (f) => ({
          kind: 'folder',
          id: `${node.id}/f:${f.key}`,
          mailbox: node.entry,
          entry: f,
        }));
      case 'folder':
        return this.paged(node, node.entry.messages, (m) =>
          messageNode(`${node.id}/i:${m.key}`, node.mailbox.key, node.mailbox.mailbox, m, records),
        );
      case 'session':
        return this.paged(node, node.entry.contexts, (c) => ({
          kind: 'context',
          id: `${node.id}/c:${c.key}`,
          session: node.entry,
          entry: c,
          filterSession: node.entry.sessionId ?? '',
          filterIp: c.ip,
        }));
      case 'context': {
        const throttled = this.analysis.throttled(model.session);
        return this.paged(node, node.entry.mailboxes, (b) => ({
          kind: 'contextMailbox',
          id: `${node.id}/m:${b.key}`,
          entry: b,
          throttled: throttled.get(b.key) ?? [],
          filterSession: node.filterSession,
          filterIp: node.filterIp,
        }));
      }
      case 'contextMailbox': {
        const synced: MailboxTreeNode[] = node.entry.syncedFolders.map((p) => ({
          kind: 'syncedFolder',
          id: `${node.id}/sf:${p}`,
          path: p,
          mailbox: node.entry.mailbox,
        }));
        const messages = this.paged(node, node.entry.messages, (m) =>
          messageNode(`${node.id}/i:${m.key}`, node.entry.key, node.entry.mailbox, m, records),
        );
        return [...synced, ...messages];
      }
      default:
        return [];
    }
  }

  private paged<T>(
    parent: MailboxTreeNode | undefined,
    items: readonly T[],
    make: (item: T) => MailboxTreeNode,
  ): MailboxTreeNode[] {
    const pages = this.pages.get(parent?.id ?? '') ?? 1;
    const shown = Math.min(items.length, pages * PAGE_SIZE);
    const out = items.slice(0, shown).map(make);
    if (shown < items.length) {
      const more: MoreNode = {
        kind: 'more',
        view: 'mailboxes',
        id: `${parent?.id ?? ''}/more`,
        parent: parent,
        shown,
        total: items.length,
      };
      out.push(more);
    }
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

/** A message node; "Filter by this Session/IP" applies when all its records share one. */
function messageNode(
  id: string,
  mailboxKey: string,
  mailbox: string,
  entry: MessageEntry,
  records: readonly MiaRecord[],
): MessageNode {
  const node: MessageNode = { kind: 'message', id, mailboxKey, mailbox, entry };
  const sessions = new Set(entry.records.map((i) => records[i]?.sessionId ?? ''));
  const ips = new Set(entry.records.map((i) => records[i]?.ip));
  if (sessions.size === 1) node.filterSession = [...sessions][0];
  if (ips.size === 1) {
    const ip = [...ips][0];
    if (ip !== undefined) node.filterIp = ip;
  }
  return node;
}
