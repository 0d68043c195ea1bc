import * as path from 'node:path';
import * as vscode from 'vscode';
import { FINDING_CODES, type FindingCode, type FindingSeverity } from '../../core/findings/types';
import { commandIds } from '../constants';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { moreItem } from './mailboxTreeItems';
import {
  PAGE_SIZE,
  type FindingNode,
  type FindingsTreeNode,
  type MoreNode,
  type TreeNode,
} from './treeNodes';

const CATEGORY_LABEL: Record<FindingCode, string> = {
  'mia.throttled': 'Throttled windows (Bind not audited)',
  'mia.sync': 'Syncs (all items assumed read)',
  'mia.coverage': 'Coverage warnings',
  'mia.rejected': 'Rejected rows',
  'mia.signal': 'Session signals (who and from where)',
};

const ICON: Record<FindingSeverity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  information: new vscode.ThemeIcon('info'),
};

/**
 * The Findings view: the active investigation's throttle windows, Syncs, coverage warnings and
 * rejected rows (all of them, paged; the Problems panel shows the capped set). Clicking a finding
 * opens the record's raw AuditData (and selects it in the grid), or the export at the row's line.
 */
export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FindingsTreeNode | undefined>();
  private readonly pages = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly store: InvestigationStore,
    private readonly analysis: SessionAnalysis,
  ) {
    this.disposables.push(
      store.onDidChangeActive(() => this.refresh()),
      store.onDidChangeSessions(() => this.refresh()),
      // Findings are over everything loaded: only the end of a load (or added files) changes them.
      // An editor opening on the session shows its rows first (findings take seconds to compute).
      store.onDidChangeSession((s) => {
        if (s === store.active && !s.loading) void s.firstRows.whenOpen().then(() => this.refreshSoon());
      }),
      analysis.onDidChange(() => this.refresh()),
    );
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pages.clear();
    this.changed.fire(undefined);
  }

  private refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 200);
  }

  showMore(node: MoreNode): void {
    const key = node.parent?.id ?? '';
    this.pages.set(key, (this.pages.get(key) ?? 1) + 1);
    this.changed.fire(node.parent as FindingsTreeNode | undefined);
  }

  getTreeItem(node: FindingsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'category': {
        const item = new vscode.TreeItem(
          CATEGORY_LABEL[node.code],
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.id = node.id;
        item.description = node.findings.length.toLocaleString('en-US');
        item.iconPath = ICON[node.findings[0]?.severity ?? 'information'];
        item.contextValue = 'mia.category';
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.description = `${node.sourceName}:${f.line}`;
        item.tooltip = `${f.message}\n${node.sourceName}, line ${f.line}`;
        item.iconPath = ICON[f.severity];
        item.contextValue = 'mia.finding';
        item.command = { command: commandIds.openFinding, title: 'Open', arguments: [node] };
        return item;
      }
      case 'more':
        return moreItem(node);
      case 'info': {
        const item = new vscode.TreeItem(node.label);
        item.id = node.id;
        return item;
      }
    }
  }

  getChildren(node?: FindingsTreeNode): FindingsTreeNode[] {
    const session = this.store.active;
    if (!session) return [];
    if (!node) {
      if (session.loading && session.investigation.sources.length === 0) return [];
      const findings = this.analysis.findings(session);
      const out: FindingsTreeNode[] = [];
      for (const code of FINDING_CODES) {
        const list = findings.filter((f) => f.code === code);
        if (code === 'mia.throttled' || code === 'mia.sync' || code === 'mia.signal')
          list.sort((a, b) => (a.startMs ?? 0) - (b.startMs ?? 0));
        if (list.length > 0) out.push({ kind: 'category', id: `cat:${code}`, code, findings: list });
      }
      if (out.length === 0)
        out.push({
          kind: 'info',
          id: 'info:none',
          label: 'No findings: no throttling, Sync, coverage problem or rejected row.',
        });
      return out;
    }
    if (node.kind !== 'category') return [];
    const sources = session.investigation.sources;
    const pages = this.pages.get(node.id) ?? 1;
    const shown = Math.min(node.findings.length, pages * PAGE_SIZE);
    const out: FindingsTreeNode[] = node.findings.slice(0, shown).map((finding, i): FindingNode => ({
      kind: 'finding',
      id: `${node.id}/${i}:${finding.sourceIndex}:${finding.line}`,
      finding,
      sourceName: path.basename(sources[finding.sourceIndex]?.path ?? '?'),
    }));
    if (shown < node.findings.length) {
      out.push({
        kind: 'more',
        view: 'findings',
        id: `${node.id}/more`,
        parent: node as TreeNode,
        shown,
        total: node.findings.length,
      });
    }
    return out;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
