import { appLabelDetail, ipLabelDetail } from '../enrich/labels/labelText';
import { csvFields } from './escape';
import { yesNo } from './labelText';
import { deferredMessages, messageRowValues, type MessageRowValues } from './messageRows';
import type { ContextJson, ContextUseJson, MailboxJson, MessageJson } from './reportTypes';

type Cell = string | number | null;

export const appOf = (c: ContextJson) => (c.appLabel ? appLabelDetail(c.appLabel) : null);
export const ipOf = (c: ContextJson) => (c.ipLabel ? ipLabelDetail(c.ipLabel) : null);

/** The `sessionId` … `actor` columns of a row about a context. */
export const contextCells = (c: ContextJson): Cell[] => [
  c.sessionId,
  c.ip,
  c.client,
  c.appId,
  c.clientAppId,
  c.actor,
];

/** A context's parts of a message row: its columns with the empty `basis`, and its app and IP labels. */
interface ContextParts {
  readonly columns: string;
  readonly labels: string;
}

/** A message's own parts of its rows (the same on each of them). */
interface MessageParts {
  /** `kind` … `sizeInBytes`. */
  readonly head: string;
  /** `source`, `line`, `recordId`, then `classification` … `hasAttachments`. */
  readonly record: string;
}

/**
 * The CSV report's rows of one mailbox's messages (`kind` = `message`, one per message and
 * context), in report order, written from parts: each context's columns escaped once per mailbox,
 * each message's own columns once per message. Messages left as rows (`deferredMessages`: the
 * CLI's reports) are read from them without a `MessageJson` each.
 */
export function* csvMessageRows(m: MailboxJson): Generator<string, void, undefined> {
  const contexts: (ContextParts | undefined)[] = [];
  const contextParts = (id: number): ContextParts => {
    let parts = contexts[id];
    if (parts === undefined) {
      const c = m.contexts[id];
      contexts[id] = parts = {
        columns: csvFields([...contextCells(c), null]),
        labels: csvFields([appOf(c), ipOf(c), null]),
      };
    }
    return parts;
  };
  const rowsOf = function* (msg: MessageParts, uses: readonly ContextUseJson[], n: number) {
    for (let j = 0; j < n; j++) {
      const use = uses[j];
      const c = contextParts(use.context);
      const when = csvFields([use.firstUtc, use.lastUtc, use.count]);
      yield `${msg.head},${when},${c.columns},${msg.record},${c.labels}\r\n`;
    }
  };
  const rows = deferredMessages(m);
  if (rows === undefined) {
    for (const msg of m.messages)
      yield* rowsOf(messageParts(m, msg, msg.firstRecord.recordId), msg.contexts, msg.contexts.length);
    return;
  }
  const values = messageRowValues();
  const uses: ContextUseJson[] = [];
  for (let k = 0; k < rows.size; k++) {
    const n = rows.useList(k, uses);
    if (n > 0) yield* rowsOf(messageParts(m, rows.rowValues(k, values), rows.firstRecordId(k)), uses, n);
  }
}

function messageParts(m: MailboxJson, msg: MessageRowValues | MessageJson, recordId: string): MessageParts {
  return {
    head: csvFields([
      'message',
      m.mailbox,
      msg.internetMessageId,
      msg.subject,
      msg.folders.join('; '),
      msg.sizeInBytes,
    ]),
    record: csvFields([
      msg.firstRecord.source,
      msg.firstRecord.line,
      recordId,
      'confirmed read',
      msg.sender,
      msg.sentUtc,
      msg.receivedUtc,
      yesNo(msg.hasAttachments),
    ]),
  };
}
