import { indexContexts } from '../analysis/contextIndex';
import { analyseMailbox, mailboxAnalysis, type MailboxAnalysis } from '../analysis/mailboxAnalysis';
import { boundMessageSummary, type BoundMessageSummary } from '../analysis/messageSummary';
import { boundMessageTable, type BoundMessageTable } from '../analysis/messageTable';
import { isMemoised } from '../analysis/recordsMemo';
import { sessionSummaries } from '../analysis/sessions';
import { syncedFolders } from '../analysis/syncedFolders';
import type { MiaRecord } from '../model';
import { deferMessages, MessageRows } from './messageRows';
import type { MailboxJson, MessageJson } from './reportTypes';
import {
  contextJson,
  messageJson,
  sessionJson,
  syncedFolderJson,
  utcOrNull,
  withTable,
  type SourcePaths,
} from './toJson';
import { RecordTimes } from './utcText';

/** A mailbox's analysis, with its message table or only what the table would say of its size. */
type Analysed = Omit<MailboxAnalysis, 'table'> &
  ({ table: BoundMessageTable; summary?: undefined } | { table?: undefined; summary: BoundMessageSummary });

/**
 * The analysis of a mailbox's records in scope. Everything in scope of an unfiltered mailbox is
 * analysed once per version of the records (the editor's reports share it). Messages left as rows
 * (`defer`) of a mailbox not analysed yet get no table: their count and span are summed up without
 * one, and the JSON writer builds each mailbox's table as it writes it (one held at a time).
 */
function analysed(all: readonly MiaRecord[], inScope: readonly MiaRecord[], defer: boolean): Analysed {
  const whole = inScope === all;
  if (whole && isMemoised(all, mailboxAnalysis)) return mailboxAnalysis(all);
  if (!defer) return whole ? mailboxAnalysis(all) : analyseMailbox(inScope);
  const contexts = indexContexts(inScope);
  return {
    contexts,
    summary: boundMessageSummary(inScope, contexts),
    sessions: sessionSummaries(inScope, contexts),
    syncedFolders: syncedFolders(inScope, contexts),
  };
}

/**
 * One mailbox of the report: counts, messages, synced folders and sessions of its records in scope
 * (`inScope`, time order), throttle windows as given (from all of its records). The contexts are
 * indexed once and shared by every part, and messages are tallied in columns (see
 * `boundMessageTable`): a mailbox of 100,000 messages takes a fraction of a second.
 */
export function mailboxJson(
  key: string,
  all: readonly MiaRecord[],
  inScope: readonly MiaRecord[],
  windows: MailboxJson['throttledWindows'],
  guids: string[],
  volumeRuleOnly: boolean,
  paths: SourcePaths,
  // Leave the messages as rows for the JSON writer (see `deferMessages`), not MessageJson objects.
  defer = false,
): MailboxJson {
  const analysis = analysed(all, inScope, defer);
  const { contexts } = analysis;
  let bind = 0;
  let sync = 0;
  for (const c of contexts.contexts) {
    bind += c.bind;
    sync += c.sync;
  }
  const ids = new Map(contexts.contexts.map((c, i) => [c.key, i]));
  const parts = {
    records: inScope,
    contexts,
    times: new RecordTimes(inScope),
    paths,
    shared: new Array(contexts.contexts.length),
  };
  const { table } = analysis;
  let rows: MessageRows | undefined;
  let messages: MessageJson[] = [];
  if (table === undefined)
    rows = new MessageRows(parts, () => boundMessageTable(inScope, contexts), analysis.summary);
  else if (defer) rows = new MessageRows(withTable(parts, table));
  else {
    const source = withTable(parts, table);
    messages = Array.from({ length: table.size }, (_, k) => messageJson(source, table.order[k]));
  }
  const mailbox: MailboxJson = {
    mailbox: all[0].mailbox,
    mailboxKey: key,
    mailboxGuids: guids,
    records: inScope.length,
    bind,
    sync,
    unknownAccess: inScope.length - bind - sync,
    firstUtc: utcOrNull(inScope[0]?.timeMs),
    lastUtc: utcOrNull(inScope[inScope.length - 1]?.timeMs),
    throttleFlagSeen: !volumeRuleOnly,
    volumeRuleOnly,
    inInvestigation: true,
    messages,
    syncedFolders: analysis.syncedFolders.map((f) => syncedFolderJson(f, paths, ids)),
    throttledWindows: windows,
    sessions: analysis.sessions.map((s) => sessionJson(s, paths)),
    contexts: contexts.contexts.map((c, i) => contextJson(c, i)),
  };
  if (rows) deferMessages(mailbox, rows);
  return mailbox;
}
