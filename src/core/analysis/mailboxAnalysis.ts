import type { MiaRecord } from '../model';
import { indexContexts, type ContextIndex } from './contextIndex';
import { boundMessageTableSteps, type BoundMessageTable } from './messageTable';
import { memoByRecords } from './recordsMemo';
import { sessionSummaries, type SessionSummary } from './sessions';
import { syncedFolders, type SyncedFolder } from './syncedFolders';
import { throttleWindows, type ThrottleOptions, type ThrottleWindow } from './throttle';

/** What the scope report needs of one mailbox's records in scope (time order). */
export interface MailboxAnalysis {
  readonly contexts: ContextIndex;
  readonly table: BoundMessageTable;
  readonly sessions: readonly SessionSummary[];
  readonly syncedFolders: readonly SyncedFolder[];
}

/** Analyses `records` (one mailbox's, time order): contexts first, every other part shares them. */
export function analyseMailbox(records: readonly MiaRecord[]): MailboxAnalysis {
  const steps = analysisSteps(records);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `analyseMailbox` one part at a time (contexts, messages, sessions, synced folders), pausing
 * after each and within the message table every few thousand records: the editor's warmer gives
 * the event loop a turn there.
 */
export function* analysisSteps(records: readonly MiaRecord[]): Generator<void, MailboxAnalysis> {
  const contexts = indexContexts(records);
  yield;
  const table = yield* boundMessageTableSteps(records, contexts);
  yield;
  const sessions = sessionSummaries(records, contexts);
  yield;
  return { contexts, table, sessions, syncedFolders: syncedFolders(records, contexts) };
}

/**
 * `analyseMailbox` of a mailbox's whole record list (a group of `mailboxGroups`), once per version
 * of that list (see `memoByRecords`): the report of an unfiltered mailbox, and the analyses the
 * editor computes ahead of a report (`ScopeAnalysisWarmer`), find it here. Read-only.
 */
export function mailboxAnalysis(records: readonly MiaRecord[]): MailboxAnalysis {
  return memoByRecords(records, mailboxAnalysis, () => analyseMailbox(records));
}

/** `throttleWindows` of a mailbox's whole record list, once per version of it and throttle model. */
export function mailboxThrottleWindows(
  records: readonly MiaRecord[],
  options: ThrottleOptions,
): readonly ThrottleWindow[] {
  return memoByRecords(records, `throttleWindows:${options.threshold}:${options.hours}`, () =>
    throttleWindows(records, options),
  );
}
