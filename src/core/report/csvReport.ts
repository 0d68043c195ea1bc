import { csvRow } from './escape';
import type { ScopeReport } from './reportTypes';

/** Columns of the CSV report, in order. */
export const CSV_COLUMNS = [
  'kind',
  'mailbox',
  'internetMessageId',
  'subject',
  'folder',
  'sizeInBytes',
  'firstUtc',
  'lastUtc',
  'count',
  'sessionId',
  'ip',
  'client',
  'appId',
  'clientAppId',
  'actor',
  'basis',
  'source',
  'line',
  'recordId',
] as const;

/**
 * The CSV report: one row per message and context (`kind` = `message`: the message's folders,
 * size and subject, and the first/last use and record count of that context), plus one row per
 * synced folder and context (`syncedFolder`: all items assumed read) and per unaudited window
 * (`throttledWindow`: firstUtc/lastUtc are its start and end). `source`/`line`/`recordId` point at the
 * first record of the message, folder or window. RFC 4180 with CRLF; formula-like text is prefixed
 * with a single quote so spreadsheets do not run it.
 */
export function writeCsvReport(report: ScopeReport): string {
  const parts: string[] = [csvRow(CSV_COLUMNS)];
  for (const m of report.mailboxes) {
    for (const msg of m.messages) {
      for (const use of msg.contexts) {
        const c = m.contexts[use.context];
        parts.push(
          csvRow([
            'message',
            m.mailbox,
            msg.internetMessageId,
            msg.subject,
            msg.folders.join('; '),
            msg.sizeInBytes,
            use.firstUtc,
            use.lastUtc,
            use.count,
            c.sessionId,
            c.ip,
            c.client,
            c.appId,
            c.clientAppId,
            c.actor,
            null,
            msg.firstRecord.source,
            msg.firstRecord.line,
            msg.firstRecord.recordId,
          ]),
        );
      }
    }
    for (const f of m.syncedFolders) {
      for (const use of f.contexts) {
        const c = m.contexts[use.context];
        parts.push(
          csvRow([
            'syncedFolder',
            m.mailbox,
            null,
            null,
            f.path,
            null,
            use.firstUtc,
            use.lastUtc,
            use.count,
            c.sessionId,
            c.ip,
            c.client,
            c.appId,
            c.clientAppId,
            c.actor,
            null,
            f.firstRecord.source,
            f.firstRecord.line,
            f.firstRecord.recordId,
          ]),
        );
      }
    }
    for (const w of m.throttledWindows) {
      parts.push(
        csvRow([
          'throttledWindow',
          m.mailbox,
          null,
          null,
          null,
          null,
          w.startUtc,
          w.endUtc,
          w.openings.flag + w.openings.volume,
          null,
          null,
          null,
          null,
          null,
          null,
          w.basis.join(' '),
          w.openedBy.source,
          w.openedBy.line,
          w.openedBy.recordId,
        ]),
      );
    }
  }
  return parts.join('');
}
