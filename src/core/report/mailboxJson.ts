import { analyseMailbox, mailboxAnalysis } from '../analysis/mailboxAnalysis';
import type { MiaRecord } from '../model';
import { deferMessages, MessageRows } from './messageRows';
import type { MailboxJson, MessageJson } from './reportTypes';
import {
  contextJson,
  messageJson,
  sessionJson,
  syncedFolderJson,
  utcOrNull,
  type MessageSource,
  type SourcePaths,
} from './toJson';
import { RecordTimes } from './utcText';

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
  // Everything in scope of an unfiltered mailbox is analysed once per version of the records.
  const analysis = inScope === all ? mailboxAnalysis(all) : analyseMailbox(inScope);
  const { contexts, table } = analysis;
  let bind = 0;
  let sync = 0;
  for (const c of contexts.contexts) {
    bind += c.bind;
    sync += c.sync;
  }
  const ids = new Map(contexts.contexts.map((c, i) => [c.key, i]));
  const source: MessageSource = {
    records: inScope,
    table,
    contexts,
    times: new RecordTimes(inScope),
    paths,
    shared: new Array(contexts.contexts.length),
  };
  const rows = defer ? new MessageRows(source) : undefined;
  const messages = new Array<MessageJson>(rows ? 0 : table.size);
  if (!rows) for (let k = 0; k < table.size; k++) messages[k] = messageJson(source, table.order[k]);
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
