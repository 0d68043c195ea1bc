import * as path from 'node:path';
import { sourceNames } from './sourceNames';
import { contextColumns, messageColumns, syncedFolderColumns } from './tableColumns';
import { pathToFileURL } from 'node:url';
import { mdList, mdText } from './escape';
import type { MailboxJson, RecordRefJson, ScopeReport } from './reportTypes';

/** Rejected rows listed per source in Markdown (the JSON report lists all). */
const MAX_REJECTED_SHOWN = 50;

type Lines = string[];

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(out: Lines, header: readonly string[], rows: readonly (readonly string[])[]): void {
  out.push(row(header), row(header.map(() => '---')));
  for (const r of rows) out.push(row(r));
  out.push('');
}

function num(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

/** `file:line`, linked to that line of the file when the path is absolute (VS Code opens `#L<line>`). */
function recordLink(ref: RecordRefJson, names: Map<string, string>): string {
  const text = mdText(`${names.get(ref.source) ?? ref.source}:${ref.line}`);
  if (!path.isAbsolute(ref.source)) return text;
  return `[${text}](<${pathToFileURL(ref.source).href}#L${ref.line}>)`;
}

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
        num(m.messages.length),
        num(m.syncedFolders.length),
        num(m.throttledWindows.length),
        m.firstUtc ?? '—',
        m.lastUtc ?? '—',
      ]),
    );
  }
}

function mailbox(out: Lines, m: MailboxJson, r: ScopeReport, names: Map<string, string>): void {
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
        mdList(f.ips),
        mdList(f.clients),
        recordLink(f.firstRecord, names),
      ]),
    );
  }

  out.push('### Messages read (Bind)', '');
  if (m.messages.length === 0) out.push('No Bind record in scope lists a message.', '');
  else {
    table(
      out,
      messageColumns,
      m.messages.map((msg) => [
        mdText(msg.internetMessageId),
        msg.subject === null ? '—' : mdText(msg.subject),
        mdList(msg.folders),
        msg.firstAccessUtc,
        msg.lastAccessUtc,
        num(msg.accessCount),
        num(msg.sizeInBytes),
        mdList(msg.sessions),
        mdList(msg.ips),
        recordLink(msg.firstRecord, names),
      ]),
    );
  }

  out.push('### Contexts', '');
  if (m.sessions.length === 0) out.push('No record in scope.', '');
  else {
    table(
      out,
      contextColumns,
      m.sessions.map((s) => [
        s.sessionId === null ? '(no session id)' : mdText(s.sessionId),
        mdList(s.ips),
        mdList(s.clients),
        mdList(s.appIds),
        mdList(s.clientAppIds),
        mdList(s.actors),
        s.firstUtc,
        s.lastUtc,
        num(s.bind),
        num(s.sync),
      ]),
    );
  }
  void r;
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
  const t = r.throttle;
  out.push('## Method and assumptions', '');
  for (const line of [
    'Records from every source are merged and de-duplicated by their `Id`; the first occurrence is kept and repeats are counted as duplicates of the source they were found in.',
    "Times are `AuditData.CreationTime`, read as UTC; the export's own date column (locale-dependent) is never used.",
    '`MailAccessType` and `IsThrottled` are read by name from `OperationProperties`. The session is `SessionId`, else `AppAccessContext.AADSessionId`. The IP is `ClientIPAddress` (else `ClientIP`) without brackets, port or `::ffff:`, IPv6 in lower case. Message ids are compared without `<>` and case; folders without the leading `\\` and case.',
    '**Bind**: the messages listed were opened (confirmed read). Exchange aggregates binds of one context within about 2 minutes and drops repeats within about an hour, so access counts are record counts, not read counts.',
    '**Sync**: a client downloaded the whole folder: every item in it is assumed read.',
    `**Throttling**: a record with IsThrottled = True at time t opens an unaudited window [t, t + ${t.hours} h); so does a record at t that makes the mailbox's MailItemsAccessed records (Bind and Sync, after de-duplication) in (t − ${t.hours} h, t] exceed ${num(t.threshold)}. Overlapping or touching windows are merged, keeping every basis. Windows are computed on all of a mailbox's records, whatever the filters, and reported when they meet the time window. In a window Bind access was not audited: every item of the mailbox is assumed read.`,
    'Records can arrive up to 24 hours late, and a mailbox with no records may simply not have been audited: an export taken soon after an incident can be incomplete.',
    'Times are written `YYYY-MM-DDTHH:mm:ssZ`, with milliseconds only when they are not zero.',
  ]) {
    out.push(`- ${line}`);
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
}

/**
 * The scoping report for people (issue 2, §7): scope, summary per mailbox, unaudited windows,
 * synced folders ("all items assumed read"), messages with the file:line of their first record,
 * contexts, coverage, method and assumptions, and the evidence (every source with its SHA-256).
 * Every string from an export is escaped.
 */
export function writeMarkdownReport(report: ScopeReport): string {
  const out: Lines = [];
  const names = sourceNames(report);
  header(out, report);
  summary(out, report);
  for (const m of report.mailboxes) mailbox(out, m, report, names);
  coverage(out, report, names);
  method(out, report);
  evidence(out, report, names);
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
