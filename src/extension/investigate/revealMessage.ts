import * as vscode from 'vscode';
import type { TimeFormatter } from '../../core/findings/displayTime';
import { oneLine } from '../../core/findings/findings';
import { findMessageAccesses, type MessageAccess } from '../../core/browse/messageLookup';
import type { InvestigationSession } from '../investigation/investigationSession';
import type { InvestigationStore } from '../investigation/investigationStore';
import { openRawRecord, type RawRecordDocuments } from './rawRecords';

/** How to choose among several records that read one message. */
export type PickMode = 'ask' | 'first';

/**
 * Lets the person choose one of the records that read a message (time, session, IP, client).
 * Returns the record's index, or undefined when the pick was dismissed.
 */
export async function pickAccess(
  accesses: readonly MessageAccess[],
  formatTime: TimeFormatter,
  title: string,
): Promise<number | undefined> {
  const items = accesses.map((a) => ({
    label: formatTime(a.timeMs),
    description: `session ${oneLine(a.sessionId ?? '(none)')} · IP ${oneLine(a.ip ?? '(none)')}`,
    detail: `${oneLine(a.clientInfo ?? '(no client)')} · ${a.folders.map(oneLine).join(', ')} · ${oneLine(a.mailbox)}`,
    record: a.record,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: `${accesses.length} records read this message: choose one to open its raw AuditData`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.record;
}

/** Opens one of `records` (indices; asks when several and `pick` is 'ask'). */
export async function openOneOf(
  raw: RawRecordDocuments,
  session: InvestigationSession,
  accesses: readonly MessageAccess[],
  formatTime: TimeFormatter,
  title: string,
  pick: PickMode = 'ask',
): Promise<vscode.Uri | undefined> {
  if (accesses.length === 0) return undefined;
  const index =
    accesses.length === 1 || pick === 'first'
      ? accesses[0].record
      : await pickAccess(accesses, formatTime, title);
  if (index === undefined) return undefined;
  return openRawRecord(raw, session, index);
}

/** Arguments of `mia.revealMessage`. */
export interface RevealMessageArgs {
  internetMessageId: string;
  /** UPN or GUID: only this mailbox's records. */
  mailbox?: string;
  /** `ask` (default) shows a quick pick when several records read it; `first` opens the earliest. */
  pick?: PickMode;
}

/**
 * `mia.revealMessage`: finds the records that read a message (the active investigation first,
 * then the others), opens the raw AuditData of one in a read-only editor and selects it in the
 * export's grid. Returns the opened document's URI, or undefined when none read it.
 */
export async function revealMessage(
  store: InvestigationStore,
  raw: RawRecordDocuments,
  formatTime: TimeFormatter,
  args: RevealMessageArgs,
): Promise<vscode.Uri | undefined> {
  if (!args || typeof args.internetMessageId !== 'string') {
    throw new Error('mia.revealMessage needs { internetMessageId: string, mailbox?: string }');
  }
  const sessions = [store.active, ...store.all.filter((s) => s !== store.active)].filter(
    (s): s is InvestigationSession => s !== undefined,
  );
  for (const session of sessions) {
    const accesses = findMessageAccesses(session.investigation.records, args.internetMessageId, args.mailbox);
    if (accesses.length === 0) continue;
    return openOneOf(
      raw,
      session,
      accesses,
      formatTime,
      `Message ${oneLine(args.internetMessageId)}`,
      args.pick,
    );
  }
  void vscode.window.showWarningMessage(
    `No open investigation holds a record that read message ${oneLine(args.internetMessageId)}` +
      (args.mailbox ? ` in mailbox ${oneLine(args.mailbox)}.` : '.'),
  );
  return undefined;
}
