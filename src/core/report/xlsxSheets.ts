/** The rows of each sheet of the XLSX report, as plain values (the workbook is made in xlsxReport). */
import { appLabelDetail, ipLabelDetail } from '../enrich/labels/labelText';
import { messageApps, ReportLabels, UNKNOWN_KIND_TEXT, yesNo } from './labelText';
import type { ScopeReport } from './reportTypes';
import { messageCount, reportMessageCount } from './messageRows';
import { mailboxMessages } from './reportMessages';

/** Everything a cell may hold: text, a number, or a UTC time (ISO text) shown as an Excel date. */
export type XlsxCell = string | number | null | { utc: string };

/** A column: its header and what it holds (which sets its width and format). */
export interface ColumnSpec {
  header: string;
  kind: 'text' | 'long' | 'id' | 'date' | 'number' | 'flag';
}

/** One sheet: name, columns, rows (cells in column order). */
export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  /** Each row made as it is asked for (a large report's messages are never all rows at once); once. */
  rows: Iterable<XlsxCell[]>;
  /** How many rows `rows` gives. */
  rowCount: number;
}

/** A sheet whose rows are all made already. */
const listed = (sheet: Omit<SheetSpec, 'rows' | 'rowCount'> & { rows: XlsxCell[][] }): SheetSpec => ({
  ...sheet,
  rowCount: sheet.rows.length,
});
const col = (header: string, kind: ColumnSpec['kind'] = 'text'): ColumnSpec => ({ header, kind });
const date = (utc: string | null): XlsxCell => (utc === null ? null : { utc });
const join = (values: readonly string[]): string | null => (values.length ? values.join('; ') : null);

function summary(r: ScopeReport): SheetSpec {
  const t = r.totals;
  const c = r.classification;
  const f = r.filters;
  const rows: XlsxCell[][] = [
    ['Report', 'MailItemsAccessed scoping report (all times UTC)'],
    ['Generated', date(r.generatedUtc)],
    ['Confirmed read (Bind): messages', c.confirmedRead.messages],
    ['Potentially read (Sync of a whole folder): folders', c.potentiallyRead.folders],
    ['Potentially read: messages known in those folders', c.potentiallyRead.knownMessages],
    ['Unknown (unaudited or not covered): periods', c.unknown.periods],
    ['Mailboxes', t.mailboxes],
    ['Records in scope', t.records],
    ['Bind records', t.bind],
    ['Sync records', t.sync],
    ['Records loaded', t.recordsLoaded],
    ['Sources', r.sources.length],
    ['Duplicates removed', t.duplicates],
    ['Rows rejected', t.rejected],
    ['Metadata sources', r.metadataSources.length],
    ['Accessed ids without metadata', r.unmatchedMessageIds === null ? null : r.unmatchedMessageIds.length],
    ['Filter: mailboxes', join(f.mailboxes) ?? 'all'],
    ['Filter: from (inclusive)', f.from === null ? 'start of data' : date(f.from)],
    ['Filter: to (exclusive)', f.to === null ? 'end of data' : date(f.to)],
    ['Filter: sessions', join(f.sessions) ?? 'all'],
    ['Filter: IPs', join(f.ips) ?? 'all'],
    ['Filter: client app ids', join(f.clientApps) ?? 'all'],
    ['Filter: ClientInfoString contains', join(f.clientInfo) ?? 'any'],
  ];
  for (const m of r.mailboxes) {
    rows.push([
      `Mailbox ${m.mailbox}`,
      m.inInvestigation
        ? `${messageCount(m)} message(s) confirmed read, ${m.syncedFolders.length} folder(s) potentially read, ` +
          `${m.throttledWindows.length} throttled window(s); ${m.records} record(s) (${m.bind} Bind, ${m.sync} Sync)`
        : 'no record of this mailbox in the sources (it may not have been audited)',
    ]);
  }
  for (const n of r.notes) rows.push(['Note', n]);
  return listed({ name: 'Summary', columns: [col('Item', 'long'), col('Value', 'long')], rows });
}

function* confirmedRows(r: ScopeReport, labels: ReportLabels): Generator<XlsxCell[], void, undefined> {
  for (const m of r.mailboxes) {
    for (const msg of mailboxMessages(m)) {
      yield [
        m.mailbox,
        msg.internetMessageId,
        msg.subject,
        msg.sender,
        join(msg.recipients),
        date(msg.sentUtc),
        date(msg.receivedUtc),
        yesNo(msg.hasAttachments),
        join(msg.folders),
        date(msg.firstAccessUtc),
        date(msg.lastAccessUtc),
        msg.accessCount,
        msg.sizeInBytes,
        join(msg.sessions),
        join(msg.ips.map((ip) => labels.ip(ip))),
        join(messageApps(m, msg)),
        msg.firstRecord.source,
        msg.firstRecord.line,
        msg.firstRecord.recordId,
        join(msg.metadataOrigins.map((o) => `${o.source}:${o.line}`)),
      ];
    }
  }
}

function confirmed(r: ScopeReport, labels: ReportLabels): SheetSpec {
  return {
    name: 'Confirmed read',
    columns: [
      col('Mailbox'),
      col('InternetMessageId', 'id'),
      col('Subject', 'long'),
      col('Sender'),
      col('Recipients', 'long'),
      col('Sent (UTC)', 'date'),
      col('Received (UTC)', 'date'),
      col('Attachments', 'flag'),
      col('Folders'),
      col('First access (UTC)', 'date'),
      col('Last access (UTC)', 'date'),
      col('Accesses', 'number'),
      col('Size (bytes)', 'number'),
      col('Sessions', 'id'),
      col('IPs', 'long'),
      col('Apps', 'long'),
      col('Source', 'long'),
      col('Line', 'number'),
      col('Record id', 'id'),
      col('Metadata rows', 'long'),
    ],
    rows: confirmedRows(r, labels),
    rowCount: reportMessageCount(r.mailboxes),
  };
}

function potentially(r: ScopeReport, labels: ReportLabels): SheetSpec {
  const known = new Map(
    r.classification.potentiallyRead.items.map((f) => [`${f.mailboxKey}\n${f.folderKey}`, f]),
  );
  const rows: XlsxCell[][] = [];
  for (const m of r.mailboxes) {
    for (const f of m.syncedFolders) {
      const k = known.get(`${m.mailboxKey}\n${f.key}`);
      rows.push([
        m.mailbox,
        f.path === '' ? '(folder not named)' : f.path,
        date(f.firstSyncUtc),
        date(f.lastSyncUtc),
        f.count,
        k?.knownMessages ?? null,
        k?.knownMessagesConfirmed ?? null,
        join(f.sessions),
        join(f.ips.map((ip) => labels.ip(ip))),
        join(f.clients),
        f.firstRecord.source,
        f.firstRecord.line,
        f.firstRecord.recordId,
      ]);
    }
  }
  return listed({
    name: 'Potentially read',
    columns: [
      col('Mailbox'),
      col('Folder (all items assumed read)', 'long'),
      col('First sync (UTC)', 'date'),
      col('Last sync (UTC)', 'date'),
      col('Syncs', 'number'),
      col('Known messages', 'number'),
      col('Of which confirmed read', 'number'),
      col('Sessions', 'id'),
      col('IPs', 'long'),
      col('Clients', 'long'),
      col('Source', 'long'),
      col('Line', 'number'),
      col('Record id', 'id'),
    ],
    rows,
  });
}

function unknown(r: ScopeReport): SheetSpec {
  return listed({
    name: 'Unknown - unaudited',
    columns: [
      col('Mailbox'),
      col('What (assume any item read)', 'long'),
      col('Start (UTC)', 'date'),
      col('End (UTC)', 'date'),
      col('Basis'),
      col('Runs past the exports', 'flag'),
      col('Source', 'long'),
      col('Line', 'number'),
      col('Record id', 'id'),
    ],
    rows: r.classification.unknown.items.map((u) => [
      u.mailbox,
      UNKNOWN_KIND_TEXT[u.kind],
      date(u.startUtc),
      date(u.endUtc),
      join(u.basis),
      u.kind === 'throttled' ? yesNo(u.extendsBeyondExports) : null,
      u.record?.source ?? null,
      u.record?.line ?? null,
      u.record?.recordId ?? null,
    ]),
  });
}

function sessions(r: ScopeReport): SheetSpec {
  const rows: XlsxCell[][] = [];
  for (const m of r.mailboxes) {
    for (const c of m.contexts) {
      rows.push([
        m.mailbox,
        c.id,
        c.sessionId,
        c.ip,
        c.ipLabel ? ipLabelDetail(c.ipLabel) : null,
        c.client,
        c.appId,
        c.clientAppId,
        c.appLabel ? appLabelDetail(c.appLabel) : null,
        c.actor,
        date(c.firstUtc),
        date(c.lastUtc),
        c.records,
        c.bind,
        c.sync,
      ]);
    }
  }
  return listed({
    name: 'Sessions',
    columns: [
      col('Mailbox'),
      col('Context', 'number'),
      col('Session', 'id'),
      col('IP'),
      col('IP label', 'long'),
      col('Client', 'long'),
      col('App id', 'id'),
      col('Client app id', 'id'),
      col('App', 'long'),
      col('Actor'),
      col('First (UTC)', 'date'),
      col('Last (UTC)', 'date'),
      col('Records', 'number'),
      col('Bind', 'number'),
      col('Sync', 'number'),
    ],
    rows,
  });
}

function evidence(r: ScopeReport): SheetSpec {
  const truncated = new Map(r.coverage.sources.map((s) => [s.path, s.probablyTruncated]));
  const rows: XlsxCell[][] = [];
  for (const s of r.sources) {
    rows.push([
      'audit export',
      s.path,
      s.sha256,
      s.container,
      s.encoding,
      s.sizeBytes,
      s.rows,
      s.records,
      s.duplicates,
      s.rejected.length,
      date(s.firstUtc),
      date(s.lastUtc),
      yesNo(truncated.get(s.path) ?? false),
      null,
      null,
    ]);
  }
  for (const s of r.metadataSources) {
    rows.push([
      'metadata',
      s.path,
      s.sha256,
      s.format,
      s.encoding,
      s.sizeBytes,
      s.rows,
      s.messages,
      null,
      s.rejected,
      null,
      null,
      null,
      null,
      null,
    ]);
  }
  const rejectedRow = (path: string, line: number, reason: string): XlsxCell[] => [
    'rejected row',
    path,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    line,
    reason,
  ];
  for (const s of r.sources) for (const x of s.rejected) rows.push(rejectedRow(s.path, x.line, x.reason));
  for (const s of r.metadataSources)
    for (const x of s.rejectedRows) rows.push(rejectedRow(s.path, x.line, x.reason));
  for (const s of r.skipped)
    rows.push([
      'file not read',
      s.path,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      s.reason,
    ]);
  for (const id of r.unmatchedMessageIds ?? [])
    rows.push([
      'accessed id without metadata',
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      id,
    ]);
  return listed({
    name: 'Sources & evidence',
    columns: [
      col('Kind'),
      col('Path', 'long'),
      col('SHA-256', 'id'),
      col('Container or format'),
      col('Encoding', 'flag'),
      col('Size (bytes)', 'number'),
      col('Rows', 'number'),
      col('Records or messages', 'number'),
      col('Duplicates', 'number'),
      col('Rejected', 'number'),
      col('First (UTC)', 'date'),
      col('Last (UTC)', 'date'),
      col('Probably truncated', 'flag'),
      col('Line', 'number'),
      col('Detail', 'long'),
    ],
    rows,
  });
}

function method(r: ScopeReport): SheetSpec {
  return listed({
    name: 'Method & limitations',
    columns: [col('Kind', 'flag'), col('Topic'), col('Statement', 'long'), col('Files', 'long')],
    rows: [
      ...r.method.map((m): XlsxCell[] => ['method', null, m, null]),
      ...r.limitations.map((l): XlsxCell[] => [
        'limitation',
        l.id,
        l.text,
        join(l.files.map((f) => `${f.path} (${f.count})`)),
      ]),
    ],
  });
}

/** The sheets of the XLSX report, in order. */
export function xlsxSheets(report: ScopeReport): SheetSpec[] {
  const labels = new ReportLabels(report);
  return [
    summary(report),
    confirmed(report, labels),
    potentially(report, labels),
    unknown(report),
    sessions(report),
    evidence(report),
    method(report),
  ];
}
