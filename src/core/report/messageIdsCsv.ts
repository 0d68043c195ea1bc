import { csvRow } from './escape';
import type { ScopeReport } from './reportTypes';
import { reportMessageCount } from './messageRows';
import { mailboxMessages } from './reportMessages';

/** Columns of the message-id export, in order. */
export const MESSAGE_ID_COLUMNS = [
  'Mailbox',
  'InternetMessageId',
  'Subject',
  'Folders',
  'FirstAccessUtc',
  'LastAccessUtc',
  'AccessCount',
  'SizeInBytes',
] as const;

/** The id in the form Content Search and message trace expect: one pair of angle brackets. */
export function bracketed(id: string): string {
  const s = id.trim();
  return s.startsWith('<') && s.endsWith('>') ? s : `<${s.replace(/^<|>$/g, '')}>`;
}

/**
 * The in-scope InternetMessageIds of a scoping report as CSV (RFC 4180, CRLF), one row per mailbox
 * and message, ready to paste into a Content Search / eDiscovery query or a message trace. Ids are
 * written with their angle brackets; formula-like text is neutralised as in the CSV report.
 */
export function writeMessageIdsCsv(report: ScopeReport): string {
  const parts = [csvRow(MESSAGE_ID_COLUMNS)];
  for (const m of report.mailboxes) {
    for (const msg of mailboxMessages(m)) {
      parts.push(
        csvRow([
          m.mailbox,
          bracketed(msg.internetMessageId),
          msg.subject,
          msg.folders.join('; '),
          msg.firstAccessUtc,
          msg.lastAccessUtc,
          msg.accessCount,
          msg.sizeInBytes,
        ]),
      );
    }
  }
  return parts.join('');
}

/** How many message rows `writeMessageIdsCsv` writes for a report. */
export function messageIdCount(report: ScopeReport): number {
  return reportMessageCount(report.mailboxes);
}
