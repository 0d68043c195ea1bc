import * as vscode from 'vscode';
import { accessesOf } from '../../core/browse/messageLookup';
import { oneLine } from '../../core/findings/findings';
import type { FilterState } from '../../protocol/messages';
import { commandIds } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import { cannotOpenMessage, openExportAtLine } from '../investigate/openExportAtLine';
import { openRawRecord, type RawRecordDocuments } from '../investigate/rawRecords';
import { openOneOf } from '../investigate/revealMessage';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import type { FindingsTreeProvider } from '../views/findingsTreeProvider';
import type { MailboxTreeProvider } from '../views/mailboxTreeProvider';
import type { FindingNode, MessageNode, MoreNode, TreeNode } from '../views/treeNodes';

interface Deps {
  store: InvestigationStore;
  analysis: SessionAnalysis;
  raw: RawRecordDocuments;
  mailboxes: MailboxTreeProvider;
  findings: FindingsTreeProvider;
}

function withFacet(filter: FilterState, facet: 'session' | 'ip', value: string): FilterState {
  return { ...filter, facets: { ...filter.facets, [facet]: [value] } };
}

/**
 * Opens a finding: its record's raw AuditData, or the export at the row's line (through the
 * workbench, so exports over VS Code's 50 MB extension limit open too).
 */
async function openFinding(
  session: InvestigationSession,
  raw: RawRecordDocuments,
  node: FindingNode,
): Promise<vscode.Uri | undefined> {
  const f = node.finding;
  if (f.record !== undefined) return openRawRecord(raw, session, f.record);
  const source = session.investigation.sources[f.sourceIndex];
  if (!source) return undefined;
  try {
    return await openExportAtLine({ file: source.path, line: f.line });
  } catch (error) {
    void vscode.window.showWarningMessage(
      `${cannotOpenMessage(source.path, f.line, error)} ${oneLine(f.message)}`,
    );
    return undefined;
  }
}

/**
 * The commands of the tree and Findings nodes (clicks and context menus), the grouping toggle, and
 * `mia.openRecord` (the one "reveal record" command: raw AuditData plus the grid's selection).
 */
export function registerTreeCommands({
  store,
  analysis,
  raw,
  mailboxes,
  findings,
}: Deps): vscode.Disposable[] {
  const session = (): InvestigationSession | undefined => store.active;
  const register = <A extends unknown[]>(id: string, run: (...args: A) => unknown) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => run(...(args as A)));
  return [
    register(commandIds.openMessage, (node: MessageNode) => {
      const s = session();
      if (!s || node?.kind !== 'message') return undefined;
      const accesses = accessesOf(s.investigation.records, node.entry.records, node.entry.key);
      return openOneOf(
        raw,
        s,
        accesses,
        analysis.settings.formatTime,
        `Message ${oneLine(node.entry.internetMessageId)}`,
      );
    }),
    register(commandIds.openRecord, (record: number, sessionId?: string) => {
      const s = sessionId === undefined ? session() : store.get(sessionId);
      if (!s || s.investigation.records[record] === undefined) return undefined;
      return openRawRecord(raw, s, record);
    }),
    register(commandIds.openFinding, (node: FindingNode) => {
      const s = session();
      return s && node?.kind === 'finding' ? openFinding(s, raw, node) : undefined;
    }),
    register(commandIds.showMore, (node: MoreNode) => {
      if (node?.kind !== 'more') return;
      if (node.view === 'findings') findings.showMore(node);
      else mailboxes.showMore(node);
    }),
    register(commandIds.filterBySession, (node: TreeNode) => {
      const s = session();
      if (!s || node?.filterSession === undefined) return false;
      s.setFilter(withFacet(s.filter, 'session', node.filterSession));
      return true;
    }),
    register(commandIds.filterByIp, (node: TreeNode) => {
      const s = session();
      if (!s || node?.filterIp === undefined) return false;
      s.setFilter(withFacet(s.filter, 'ip', node.filterIp));
      return true;
    }),
    register(commandIds.clearFilter, () => {
      session()?.setFilter({ text: '', facets: {} });
    }),
    register(commandIds.copyMessageId, async (node: MessageNode) => {
      if (node?.kind !== 'message') return undefined;
      await vscode.env.clipboard.writeText(node.entry.internetMessageId);
      return node.entry.internetMessageId;
    }),
    register(commandIds.groupBySession, () => mailboxes.setGrouping('session')),
    register(commandIds.groupByMailbox, () => mailboxes.setGrouping('mailbox')),
  ];
}
