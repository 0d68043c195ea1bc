import * as vscode from 'vscode';
import {
  FOLLOW_UP_INFO,
  FOLLOW_UP_KINDS,
  followUpText,
  isFollowUpKind,
  type FollowUpKind,
} from '../../core/followup/followUp';
import { followUpScopeFromReport } from '../../core/followup/followUpScope';
import { formatUtc } from '../../core/normalise/time';
import { commandIds } from '../constants';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import type { SessionAnalysis } from '../investigate/sessionAnalysis';
import { promptScope, type ScopeChoices } from '../investigate/scopePrompts';
import { activeLoaded, produceReport, type ScopeReportArgs } from './scopeReport';

/** Options of `mia.copyFollowUpQuery` called from code (tests, tasks, other extensions). */
export interface CopyFollowUpQueryArgs extends ScopeReportArgs {
  kind: FollowUpKind;
  /** Start from the active investigation's shared filter (tree / editor) instead of everything. */
  useFilter?: boolean;
  /** Open the text in an untitled editor (default false from code). */
  open?: boolean;
}

/** True for an options object from code (the command is in no menu, so no tree node comes here). */
function isOptions(value: unknown): value is Partial<CopyFollowUpQueryArgs> {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri);
}

/** The shared filter of a session as scope choices (facets that a query can express). */
export function filterChoices(session: InvestigationSession): ScopeChoices & { clientInfo?: string[] } {
  const { facets, fromMs, toMs } = session.filter;
  const values = (v: string[] | undefined) => (v ?? []).filter((x) => x.trim() !== '');
  const out: ScopeChoices & { clientInfo?: string[] } = {};
  const put = <K extends 'mailboxes' | 'sessions' | 'ips' | 'clientApps' | 'clientInfo'>(
    key: K,
    v: string[],
  ) => {
    if (v.length > 0) out[key] = v;
  };
  put('mailboxes', values(facets.mailbox));
  put('sessions', values(facets.session));
  put('ips', values(facets.ip));
  put('clientApps', values(facets.app));
  put('clientInfo', values(facets.client));
  if (fromMs !== undefined) out.from = formatUtc(fromMs);
  if (toMs !== undefined) out.to = formatUtc(toMs);
  return out;
}

function hasFilter(session: InvestigationSession): boolean {
  const f = session.filter;
  return (
    Object.values(f.facets).some((v) => (v ?? []).length > 0) ||
    f.fromMs !== undefined ||
    f.toMs !== undefined
  );
}

/** The follow-up text for the kind and scope choices (report of the investigation, then query). */
async function produceText(
  store: InvestigationStore,
  analysis: SessionAnalysis,
  kind: FollowUpKind,
  choices: ScopeReportArgs,
): Promise<string> {
  const { report } = await produceReport(store, analysis, choices);
  return followUpText(kind, followUpScopeFromReport(report));
}

async function openText(kind: FollowUpKind, text: string): Promise<void> {
  const wanted = FOLLOW_UP_INFO[kind].language;
  const language = (await vscode.languages.getLanguages()).includes(wanted) ? wanted : 'plaintext';
  const doc = await vscode.workspace.openTextDocument({ language, content: text });
  await vscode.window.showTextDocument(doc, { preview: false });
}

async function pickKind(): Promise<FollowUpKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    FOLLOW_UP_KINDS.map((queryKind) => ({
      label: FOLLOW_UP_INFO[queryKind].label,
      detail: FOLLOW_UP_INFO[queryKind].detail,
      queryKind,
    })),
    { title: 'Copy Follow-up Query: kind', placeHolder: 'Which query or script?', ignoreFocusOut: true },
  );
  return picked?.queryKind;
}

async function pickScope(
  session: InvestigationSession,
  analysis: SessionAnalysis,
): Promise<ScopeReportArgs | undefined> {
  type Item = vscode.QuickPickItem & { choice: 'filter' | 'all' | 'choose' };
  const items: Item[] = [];
  if (hasFilter(session)) {
    items.push({
      label: 'The current filter',
      description: 'as set in the Mailboxes tree or the editor',
      choice: 'filter',
    });
  }
  items.push(
    {
      label: `Everything in ${session.title}`,
      description: 'every mailbox, the whole time span',
      choice: 'all',
    },
    { label: 'Choose mailboxes, window and contexts…', choice: 'choose' },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Copy Follow-up Query: scope',
    placeHolder: 'Scope of the query',
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (picked.choice === 'filter') return filterChoices(session);
  if (picked.choice === 'all') return {};
  return promptScope(session, analysis.settings.formatTime, 'Copy Follow-up Query');
}

/**
 * `mia.copyFollowUpQuery`: a ready-to-run follow-up (Sentinel or Defender KQL,
 * Search-UnifiedAuditLog PowerShell, Graph audit query body, Graph message lookups) for the scope,
 * copied to the clipboard, with an offer to open it in an editor. From code, with options
 * (`kind`, scope fields as `mia.scopeReport`, `useFilter`, `open`): returns the text.
 */
export function registerCopyFollowUpQuery(
  store: InvestigationStore,
  analysis: SessionAnalysis,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    commandIds.copyFollowUpQuery,
    async (arg?: unknown): Promise<string | undefined> => {
      if (isOptions(arg)) {
        const args = arg;
        if (!isFollowUpKind(args.kind)) {
          throw new Error(`kind must be one of ${FOLLOW_UP_KINDS.join(', ')} (got ${String(args.kind)})`);
        }
        let choices: ScopeReportArgs = args;
        if (args.useFilter && store.active) choices = { ...filterChoices(store.active), ...args };
        const text = await produceText(store, analysis, args.kind, choices);
        await vscode.env.clipboard.writeText(text);
        if (args.open) await openText(args.kind, text);
        return text;
      }
      const session = await activeLoaded(store);
      if (!session) return undefined;
      const kind = await pickKind();
      if (!kind) return undefined;
      const choices = await pickScope(session, analysis);
      if (!choices) return undefined;
      try {
        const text = await produceText(store, analysis, kind, choices);
        await vscode.env.clipboard.writeText(text);
        const open = 'Open in Editor';
        void vscode.window
          .showInformationMessage(`${FOLLOW_UP_INFO[kind].label} copied to the clipboard.`, open)
          .then((choice) => (choice === open ? openText(kind, text) : undefined));
        return text;
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Could not create the follow-up query: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    },
  );
}
