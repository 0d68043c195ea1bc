import { sourceNames } from './sourceNames';
import { contextColumns, messageColumns, syncedFolderColumns } from './tableColumns';
import { mdList, mdText } from './escape';
import { JoinedLines, num, recordLink, row, table, tableHead, type Lines } from './markdownParts';
import { mdClassification, mdMetadataEvidence } from './markdownSections';
import { ReportLabels } from './labelText';
import type { MailboxJson, ScopeReport } from './reportTypes';
import { messageCount } from './messageRows';
import { markdownMessageCells } from './markdownMessages';

/** Message rows per piece of the text (see `markdownReportChunks`). */
const ROWS_PER_PIECE = 50;

/** Rejected rows listed per source in Markdown (the JSON report lists all). */
const MAX_REJECTED_SHOWN = 50;

function header(out: Lines, r: ScopeReport): void {
  const f = r.filters;
  out.push('# MailItemsAccessed scoping report', '');
  out.push(`Generated ${r.generatedUtc}. All times are UTC.`, '');
  out.push('## Scope', '');
  const scope: [string, string][] = [
    ['Mailboxes', mdList(f.mailboxes, 50) === '—' ? 'all' : mdList(f.mailboxes, 50)],
    ['From (inclusive)', f.from ?? 'start of data'],
    ['To (exclusive)', f.to ?? 'end of data'],
    ['Sessions', f.sessions.length ? mdList(f.sessions, 50) : 'all'],
    ['IPs', f.ips.length ? mdList(f.ips, 50) : 'all'],
    ['Client app ids', f.clientApps.length ? mdList(f.clientApps, 50) : 'all'],
    ['ClientInfoString contains', f.clientInfo.length ? mdList(f.clientInfo, 50) : 'any'],
  ];
  table(out, ['Filter', 'Value'], scope);
}

function summary(out: Lines, r: ScopeReport): void {
  const t = r.totals;
  out.push('## Summary', '');
  out.push(
    `${num(t.records)} distinct MailItemsAccessed record(s) in scope (${num(t.bind)} Bind, ${num(t.sync)} Sync) ` +
      `in ${num(t.mailboxes)} mailbox(es); ${num(t.recordsLoaded)} loaded from ${num(r.sources.length)} source(s), ` +
      `${num(t.duplicates)} duplicate(s) removed, ${num(t.rejected)} row(s) rejected, ${num(t.otherOperations)} record(s) of other operations (counted, not analysed).`,
    '',
  );
  for (const n of r.notes) out.push(`- ${mdText(n)}`);
  if (r.notes.length > 0) out.push('');
  if (r.mailboxes.length > 0) {
    table(
      out,
      [
        'Mailbox',
        'Records',
        'Bind',
        'Sync',
        'Messages read',
        'Synced folders',
        'Unaudited windows',
        'First',
        'Last',
      ],
      r.mailboxes.map((m) => [
        mdText(m.mailbox),
        num(m.records),
        num(m.bind),
        num(m.sync),
        num(messageCount(m)),
        num(m.syncedFolders.length),
        num(m.throttledWindows.length),
        m.firstUtc ?? '—',
        m.lastUtc ?? '—',
      ]),
    );
  }
}

/** A mailbox's section, written into `out`; yields when `out` holds a piece to write. */
function* mailbox(
  out: Lines,
  m: MailboxJson,
  labels: ReportLabels,
  names: Map<string, string>,
): Generator<void, void, undefined> {
  out.push(`## Mailbox ${mdText(m.mailbox)}`, '');
  if (!m.inInvestigation) {
    out.push(
      'No MailItemsAccessed record of this mailbox is in the sources (it may not have been audited).',
      '',
    );
    return;
  }
  out.push(
    `${num(m.records)} record(s) in scope: ${num(m.bind)} Bind, ${num(m.sync)} Sync` +
      (m.unknownAccess ? `, ${num(m.unknownAccess)} of unknown access type` : '') +
      (m.firstUtc ? `, from ${m.firstUtc} to ${m.lastUtc}.` : '.') +
      (m.mailboxGuids.length ? ` Mailbox GUID: ${mdList(m.mailboxGuids)}.` : ''),
    '',
  );
  if (m.volumeRuleOnly) {
    out.push(
      'No record of this mailbox carries IsThrottled: throttling is found by the volume rule only.',
      '',
    );
  }

  out.push('### Unaudited windows (throttled)', '');
  if (m.throttledWindows.length === 0) out.push(`No throttled window meets the time window.`, '');
  else {
    out.push(
      'Bind access in these windows was not audited: **assume every item in the mailbox was read**.',
      '',
    );
    table(
      out,
      ['Start', 'End', 'Basis', 'Opened by', 'Note'],
      m.throttledWindows.map((w) => [
        w.startUtc,
        w.endUtc,
        w.basis.join(', '),
        `${w.openedBy.basis} at ${w.openedBy.timeUtc}, ${recordLink(w.openedBy, names)}`,
        w.extendsBeyondExports ? 'runs past the end of the exported data' : '',
      ]),
    );
  }

  out.push('### Synced folders (all items assumed read)', '');
  if (m.syncedFolders.length === 0) out.push('No Sync record in scope.', '');
  else {
    out.push('A Sync downloads a whole folder: all items in these folders are assumed read.', '');
    table(
      out,
      syncedFolderColumns,
      m.syncedFolders.map((f) => [
        f.path === '' ? '(folder not named)' : mdText(f.path),
        f.firstSyncUtc,
        f.lastSyncUtc,
        num(f.count),
        mdList(f.sessions),
        mdList(f.ips.map((ip) => labels.ip(ip))),
        mdList(f.clients),
        recordLink(f.firstRecord, names),
      ]),
    );
  }

  out.push('### Messages read (Bind)', '');
  if (messageCount(m) === 0) out.push('No Bind record in scope lists a message.', '');
  else {
    // Tens of thousands of rows per mailbox in a large export: written a run at a time, each
    // message read from the report's rows as it is written (see `markdownMessageCells`).
    tableHead(out, messageColumns);
    let n = 0;
    for (const cells of markdownMessageCells(m, labels, names)) {
      out.push(row(cells));
      if (++n % ROWS_PER_PIECE === 0) yield;
    }
    out.push('');
  }

  out.push('### Contexts', '');
  if (m.sessions.length === 0) out.push('No record in scope.', '');
  else {
    table(
      out,
      contextColumns,
      m.sessions.map((s) => [
        s.sessionId === null ? '(no session id)' : mdText(s.sessionId),
        mdList(s.ips.map((ip) => labels.ip(ip))),
        mdList(s.clients),
        mdList(s.appIds.map((id) => labels.app(id))),
        mdList(s.clientAppIds.map((id) => labels.app(id))),
        mdList(s.actors),
        s.firstUtc,
        s.lastUtc,
        num(s.bind),
        num(s.sync),
      ]),
    );
  }
}

function coverage(out: Lines, r: ScopeReport, names: Map<string, string>): void {
  const c = r.coverage;
  out.push('## Coverage', '');
  out.push(
    c.firstUtc ? `The sources span ${c.firstUtc} to ${c.lastUtc}.` : 'The sources hold no dated row.',
    '',
  );
  if (c.sources.length > 0) {
    table(
      out,
      ['Source', 'First', 'Last', 'Rows', 'MailItemsAccessed rows', 'Probably truncated'],
      c.sources.map((s) => [
        mdText(names.get(s.path) ?? s.path),
        s.firstUtc ?? '—',
        s.lastUtc ?? '—',
        num(s.rows),
        num(s.miaRows),
        s.probablyTruncated ? `yes: exactly ${num(s.cap)} rows, an export cap` : 'no',
      ]),
    );
  }
  if (c.gaps.length > 0) {
    out.push('Gaps between the sources (no source covers these periods):', '');
    table(
      out,
      ['From', 'To', 'After', 'Before'],
      c.gaps.map((g) => [
        g.startUtc,
        g.endUtc,
        mdText(names.get(g.afterSource) ?? g.afterSource),
        mdText(names.get(g.beforeSource) ?? g.beforeSource),
      ]),
    );
  }
  if (c.volumeRuleOnly.length > 0) {
    out.push(
      `Mailboxes whose records never carry IsThrottled (volume rule only): ${mdList(c.volumeRuleOnly, 100)}.`,
      '',
    );
  }
}

function method(out: Lines, r: ScopeReport): void {
  out.push('## Method and assumptions', '');
  for (const line of r.method) out.push(`- ${mdText(line)}`);
  out.push('', '## Limitations', '');
  for (const l of r.limitations) {
    const files = l.files.map((f) => `${f.path} (${num(f.count)})`);
    out.push(`- ${mdText(l.text)}${files.length ? ` Files: ${mdList(files, 50)}.` : ''}`);
  }
  out.push('');
}

function evidence(out: Lines, r: ScopeReport, names: Map<string, string>): void {
  out.push('## Evidence', '');
  if (r.sources.length === 0) out.push('No source was read.', '');
  else {
    table(
      out,
      ['Source', 'Container', 'SHA-256', 'Rows', 'Records', 'Duplicates', 'Other operations', 'Rejected'],
      r.sources.map((s) => [
        mdText(s.path),
        mdText(s.container),
        `\`${s.sha256}\``,
        num(s.rows),
        num(s.records),
        num(s.duplicates),
        num(s.otherOperations),
        num(s.rejected.length),
      ]),
    );
  }
  for (const s of r.sources) {
    if (s.rejected.length === 0) continue;
    out.push(`Rejected rows of ${mdText(names.get(s.path) ?? s.path)}:`, '');
    for (const rej of s.rejected.slice(0, MAX_REJECTED_SHOWN))
      out.push(`- line ${rej.line}: ${mdText(rej.reason)}`);
    if (s.rejected.length > MAX_REJECTED_SHOWN) {
      out.push(
        `- … and ${num(s.rejected.length - MAX_REJECTED_SHOWN)} more (all are listed in the JSON report)`,
      );
    }
    out.push('');
  }
  if (r.skipped.length > 0) {
    out.push('Files not read:', '');
    for (const s of r.skipped) out.push(`- ${mdText(s.path)}: ${mdText(s.reason)}`);
    out.push('');
  }
  mdMetadataEvidence(out, r);
}

/**
 * The scoping report for people (issue 2, §7; issue 7 §4): scope, summary per mailbox, what was
 * read (confirmed, potentially, unknown), per mailbox the unaudited windows,
 * synced folders ("all items assumed read"), messages with the file:line of their first record,
 * contexts, coverage, method, limitations, and the evidence (every source and metadata source
 * with its SHA-256, the accessed ids no metadata names).
 * Every string from an export is escaped.
 */
export function writeMarkdownReport(report: ScopeReport): string {
  return [...markdownReportChunks(report)].join('');
}

/**
 * `writeMarkdownReport`'s text in pieces, for writing as it is made: a report of a large export is
 * about 100 MB of text, and as one string, with the cells of every message row alive at once, it
 * held more than a GB (the messages are read one at a time, see `markdownMessageCells`).
 */
export function* markdownReportChunks(report: ScopeReport): Generator<string, void, undefined> {
  const out: Lines = [];
  const text = new JoinedLines();
  const names = sourceNames(report);
  const labels = new ReportLabels(report);
  header(out, report);
  summary(out, report);
  mdClassification(out, report, names);
  yield text.take(out);
  for (const m of report.mailboxes) {
    const section = mailbox(out, m, labels, names);
    while (section.next().done !== true) yield text.take(out);
    yield text.take(out);
  }
  coverage(out, report, names);
  method(out, report);
  evidence(out, report, names);
  yield text.take(out);
  yield text.end();
}
