import { csvRow } from './escape';
import { UNKNOWN_KIND_TEXT, yesNo } from './labelText';
import type { RecordRefJson, ScopeReport } from './reportTypes';
import { appOf, contextCells, csvMessageRows, ipOf } from './csvMessages';

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
  // Issue 7 (added at the end: the columns before keep their places).
  'classification',
  'sender',
  'sentUtc',
  'receivedUtc',
  'hasAttachments',
  'app',
  'ipLabel',
  'knownMessages',
] as const;

type Cell = string | number | null;

/** The same columns of a row about no context. */
const NO_CONTEXT: Cell[] = Array<null>(6).fill(null);
/** The `source`, `line` and `recordId` columns: the record a row's claim stands on. */
const recordCells = (r: RecordRefJson): Cell[] => [r.source, r.line, r.recordId];

/** The issue 7 columns of a row, in CSV_COLUMNS order. */
function extra(
  classification: string,
  sender: Cell = null,
  sent: Cell = null,
  received: Cell = null,
  attachments: boolean | null = null,
  app: Cell = null,
  ipLabel: Cell = null,
  known: Cell = null,
): Cell[] {
  return [classification, sender, sent, received, yesNo(attachments), app, ipLabel, known];
}

/**
 * The CSV report: one row per message and context (`kind` = `message`: the message's folders,
 * size and subject, and the first/last use and record count of that context), plus one row per
 * synced folder and context (`syncedFolder`: all items assumed read) and per unaudited window
 * (`throttledWindow`: firstUtc/lastUtc are its start and end), per period no source covers
 * (`notCovered`, for each mailbox) and per mailbox named without records (`noRecords`).
 * `source`/`line`/`recordId` point at the first record of the message, folder or window. The last
 * columns (issue 7) say how certain the reading is (`classification`), and give the message
 * metadata, the app and IP labels of the context and a synced folder's known messages.
 * RFC 4180 with CRLF; formula-like text is prefixed with a single quote so spreadsheets do not run it.
 */
export function writeCsvReport(report: ScopeReport): string {
  return [...csvReportChunks(report)].join('');
}

/** Rows per piece of `csvReportChunks`. */
const ROWS_PER_PIECE = 100;

/**
 * `writeCsvReport`'s text in pieces of about `ROWS_PER_PIECE` rows, for writing as it is made: the
 * CSV of a large export (a row per message and context) as one string, with every row's text
 * alive at once, held more than 1.5 GB.
 */
export function* csvReportChunks(report: ScopeReport): Generator<string, void, undefined> {
  const parts: string[] = [csvRow(CSV_COLUMNS)];
  const piece = (): string => {
    const text = parts.join('');
    parts.length = 0;
    return text;
  };
  const known_ = new Map(
    report.classification.potentiallyRead.items.map((f) => [
      `${f.mailboxKey}\n${f.folderKey}`,
      f.knownMessages,
    ]),
  );
  for (const m of report.mailboxes) {
    for (const text of csvMessageRows(m)) {
      if (parts.length >= ROWS_PER_PIECE) yield piece();
      parts.push(text);
    }
    for (const f of m.syncedFolders) {
      const known = known_.get(`${m.mailboxKey}\n${f.key}`) ?? null;
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
            ...contextCells(c),
            null,
            ...recordCells(f.firstRecord),
            ...extra('potentially read', null, null, null, null, appOf(c), ipOf(c), known),
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
          ...NO_CONTEXT,
          w.basis.join(' '),
          ...recordCells(w.openedBy),
          ...extra(`unknown: ${UNKNOWN_KIND_TEXT.throttled}`),
        ]),
      );
    }
  }
  yield piece();
  // The other unknown periods: gaps no source covers, mailboxes named without records.
  for (const u of report.classification.unknown.items) {
    if (u.kind === 'throttled') continue;
    parts.push(
      csvRow([
        u.kind === 'not-covered' ? 'notCovered' : 'noRecords',
        u.mailbox,
        ...Array<null>(4).fill(null),
        u.startUtc,
        u.endUtc,
        ...Array<null>(11).fill(null),
        ...extra(`unknown: ${UNKNOWN_KIND_TEXT[u.kind]}`),
      ]),
    );
  }
  yield piece();
}
