import { randomBytes } from 'node:crypto';
import { sourceNames } from './sourceNames';
import { contextColumns, messageColumns, syncedFolderColumns } from './tableColumns';
import { htmlClassification, htmlLimitations, htmlMetadataEvidence } from './htmlSections';
import { messageDate, ReportLabels, yesNo } from './labelText';
import type { MailboxJson, ScopeReport } from './reportTypes';
import { htmlText, list, num, recordLink, table, tableChunks } from './htmlParts';
import { messageCount } from './messageRows';
import { messageRowCells } from './messageRowCells';

export { htmlText } from './htmlParts';

/** Rejected rows listed per source (the JSON report lists all). */
const MAX_REJECTED_SHOWN = 50;

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left; vertical-align: top; word-break: break-word; }
th { background: #eee; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; }
.assume { font-weight: 600; color: #8a1c00; }
.note { color: #444; }
a { color: #0b57d0; }
@media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } a { color: inherit; } }
`;

/** A mailbox's section, its lines joined by line breaks, in pieces (its messages a run of rows each). */
function* mailboxSection(
  m: MailboxJson,
  labels: ReportLabels,
  names: Map<string, string>,
): Generator<string, void, undefined> {
  const out: string[] = [`<h2>Mailbox ${htmlText(m.mailbox)}</h2>`];
  if (!m.inInvestigation) {
    out.push(
      '<p>No MailItemsAccessed record of this mailbox is in the sources (it may not have been audited).</p>',
    );
    yield out.join('\n');
    return;
  }
  out.push(
    `<p>${num(m.records)} record(s) in scope: ${num(m.bind)} Bind, ${num(m.sync)} Sync` +
      (m.unknownAccess ? `, ${num(m.unknownAccess)} of unknown access type` : '') +
      (m.firstUtc ? `, from ${htmlText(m.firstUtc)} to ${htmlText(m.lastUtc ?? '')}.` : '.') +
      (m.mailboxGuids.length ? ` Mailbox GUID: ${list(m.mailboxGuids)}.` : '') +
      '</p>',
  );
  if (m.volumeRuleOnly) {
    out.push(
      '<p class="note">No record of this mailbox carries IsThrottled: throttling is found by the volume rule only.</p>',
    );
  }
  out.push('<h3>Unaudited windows (throttled)</h3>');
  if (m.throttledWindows.length === 0) out.push('<p>No throttled window meets the time window.</p>');
  else {
    out.push(
      '<p class="assume">Bind access in these windows was not audited: assume every item in the mailbox was read.</p>',
    );
    out.push(
      table(
        ['Start', 'End', 'Basis', 'Opened by', 'Note'],
        m.throttledWindows.map((w) => [
          htmlText(w.startUtc),
          htmlText(w.endUtc),
          htmlText(w.basis.join(', ')),
          `${htmlText(w.openedBy.basis)} at ${htmlText(w.openedBy.timeUtc)}, ${recordLink(w.openedBy, names)}`,
          w.extendsBeyondExports ? 'runs past the end of the exported data' : '',
        ]),
      ),
    );
  }
  out.push('<h3>Synced folders (all items assumed read)</h3>');
  if (m.syncedFolders.length === 0) out.push('<p>No Sync record in scope.</p>');
  else {
    out.push(
      '<p class="assume">A Sync downloads a whole folder: all items in these folders are assumed read.</p>',
    );
    out.push(
      table(
        syncedFolderColumns,
        m.syncedFolders.map((f) => [
          f.path === '' ? '(folder not named)' : htmlText(f.path),
          htmlText(f.firstSyncUtc),
          htmlText(f.lastSyncUtc),
          num(f.count),
          list(f.sessions),
          list(f.ips.map((ip) => labels.ip(ip))),
          list(f.clients),
          recordLink(f.firstRecord, names),
        ]),
      ),
    );
  }
  out.push('<h3>Messages read (Bind)</h3>');
  if (messageCount(m) === 0) out.push('<p>No Bind record in scope lists a message.</p>');
  else {
    yield `${out.join('\n')}\n`;
    out.length = 0;
    yield* tableChunks(
      messageColumns,
      messageRowCells(m, labels, htmlText, (msg, lists) => [
        `<code>${htmlText(msg.internetMessageId)}</code>`,
        msg.subject === null ? '—' : htmlText(msg.subject),
        msg.sender === null ? '—' : htmlText(msg.sender),
        htmlText(messageDate(msg) ?? '—'),
        yesNo(msg.hasAttachments) ?? '—',
        list(msg.folders),
        htmlText(msg.firstAccessUtc),
        htmlText(msg.lastAccessUtc),
        num(msg.accessCount),
        num(msg.sizeInBytes),
        lists[0],
        lists[1],
        lists[2],
        recordLink(msg.firstRecord, names),
      ]),
    );
    yield '\n';
  }
  out.push('<h3>Contexts</h3>');
  if (m.sessions.length === 0) out.push('<p>No record in scope.</p>');
  else {
    out.push(
      table(
        contextColumns,
        m.sessions.map((s) => [
          s.sessionId === null ? '(no session id)' : htmlText(s.sessionId),
          list(s.ips.map((ip) => labels.ip(ip))),
          list(s.clients),
          list(s.appIds.map((id) => labels.app(id))),
          list(s.clientAppIds.map((id) => labels.app(id))),
          list(s.actors),
          htmlText(s.firstUtc),
          htmlText(s.lastUtc),
          num(s.bind),
          num(s.sync),
        ]),
      ),
    );
  }
  yield out.join('\n');
}

/** A fresh nonce for the one `<style>` of an HTML report (its Content-Security-Policy names it). */
export function freshNonce(): string {
  return randomBytes(16)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
}

/** Options of `writeHtmlReport`. */
export interface HtmlReportOptions {
  /** Nonce of the one `<style>` element, named by the page's Content-Security-Policy. */
  nonce: string;
}

/**
 * The scoping report as one self-contained, printable HTML page (the same sections as the
 * Markdown report). No script at all; the Content-Security-Policy allows only the page's own
 * `<style>` (by nonce), and every string from an export is escaped, so attacker-controlled subjects,
 * folders and client strings stay inert text. Messages link to their source file and line.
 */
export function writeHtmlReport(report: ScopeReport, options: HtmlReportOptions): string {
  return [...htmlReportChunks(report, options)].join('');
}

/**
 * `writeHtmlReport`'s text in pieces, for writing as it is made: the page's head and the sections
 * before the mailboxes, each mailbox's section in pieces (see `mailboxSection`), then the rest.
 */
export function* htmlReportChunks(
  report: ScopeReport,
  options: HtmlReportOptions,
): Generator<string, void, undefined> {
  const names = sourceNames(report);
  const nonce = htmlText(options.nonce);
  const f = report.filters;
  const t = report.totals;
  const body: string[] = [];
  body.push('<h1>MailItemsAccessed scoping report</h1>');
  body.push(`<p>Generated ${htmlText(report.generatedUtc)}. All times are UTC.</p>`);
  body.push('<h2>Scope</h2>');
  body.push(
    table(
      ['Filter', 'Value'],
      [
        ['Mailboxes', f.mailboxes.length ? list(f.mailboxes, 50) : 'all'],
        ['From (inclusive)', htmlText(f.from ?? 'start of data')],
        ['To (exclusive)', htmlText(f.to ?? 'end of data')],
        ['Sessions', f.sessions.length ? list(f.sessions, 50) : 'all'],
        ['IPs', f.ips.length ? list(f.ips, 50) : 'all'],
        ['Client app ids', f.clientApps.length ? list(f.clientApps, 50) : 'all'],
        ['ClientInfoString contains', f.clientInfo.length ? list(f.clientInfo, 50) : 'any'],
      ],
    ),
  );
  body.push('<h2>Summary</h2>');
  body.push(
    `<p>${num(t.records)} distinct MailItemsAccessed record(s) in scope (${num(t.bind)} Bind, ${num(t.sync)} Sync) ` +
      `in ${num(t.mailboxes)} mailbox(es); ${num(t.recordsLoaded)} loaded from ${num(report.sources.length)} source(s), ` +
      `${num(t.duplicates)} duplicate(s) removed, ${num(t.rejected)} row(s) rejected, ${num(t.otherOperations)} record(s) of other operations (counted, not analysed).</p>`,
  );
  if (report.notes.length > 0)
    body.push(`<ul>${report.notes.map((n) => `<li>${htmlText(n)}</li>`).join('')}</ul>`);
  if (report.mailboxes.length > 0) {
    body.push(
      table(
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
        report.mailboxes.map((m) => [
          htmlText(m.mailbox),
          num(m.records),
          num(m.bind),
          num(m.sync),
          num(messageCount(m)),
          num(m.syncedFolders.length),
          num(m.throttledWindows.length),
          htmlText(m.firstUtc ?? '—'),
          htmlText(m.lastUtc ?? '—'),
        ]),
      ),
    );
  }
  body.push(htmlClassification(report, names));
  yield [...pageHead(nonce), ...body].join('\n');
  body.length = 0;
  const labels = new ReportLabels(report);
  for (const m of report.mailboxes) {
    yield '\n';
    yield* mailboxSection(m, labels, names);
  }

  const c = report.coverage;
  body.push('<h2>Coverage</h2>');
  body.push(
    `<p>${c.firstUtc ? `The sources span ${htmlText(c.firstUtc)} to ${htmlText(c.lastUtc ?? '')}.` : 'The sources hold no dated row.'}</p>`,
  );
  if (c.sources.length > 0) {
    body.push(
      table(
        ['Source', 'First', 'Last', 'Rows', 'MailItemsAccessed rows', 'Probably truncated'],
        c.sources.map((s) => [
          htmlText(names.get(s.path) ?? s.path),
          htmlText(s.firstUtc ?? '—'),
          htmlText(s.lastUtc ?? '—'),
          num(s.rows),
          num(s.miaRows),
          s.probablyTruncated ? `yes: exactly ${num(s.cap)} rows, an export cap` : 'no',
        ]),
      ),
    );
  }
  if (c.gaps.length > 0) {
    body.push('<p>Gaps between the sources (no source covers these periods):</p>');
    body.push(
      table(
        ['From', 'To', 'After', 'Before'],
        c.gaps.map((g) => [
          htmlText(g.startUtc),
          htmlText(g.endUtc),
          htmlText(names.get(g.afterSource) ?? g.afterSource),
          htmlText(names.get(g.beforeSource) ?? g.beforeSource),
        ]),
      ),
    );
  }
  if (c.volumeRuleOnly.length > 0) {
    body.push(
      `<p>Mailboxes whose records never carry IsThrottled (volume rule only): ${list(c.volumeRuleOnly, 100)}.</p>`,
    );
  }

  body.push('<h2>Method and assumptions</h2>');
  body.push(`<ul>${report.method.map((l) => `<li>${htmlText(l)}</li>`).join('')}</ul>`);
  body.push(htmlLimitations(report));
  body.push('<h2>Evidence</h2>');
  if (report.sources.length === 0) body.push('<p>No source was read.</p>');
  else {
    body.push(
      table(
        ['Source', 'Container', 'SHA-256', 'Rows', 'Records', 'Duplicates', 'Other operations', 'Rejected'],
        report.sources.map((s) => [
          htmlText(s.path),
          htmlText(s.container),
          `<code>${htmlText(s.sha256)}</code>`,
          num(s.rows),
          num(s.records),
          num(s.duplicates),
          num(s.otherOperations),
          num(s.rejected.length),
        ]),
      ),
    );
  }
  for (const s of report.sources) {
    if (s.rejected.length === 0) continue;
    const items = s.rejected
      .slice(0, MAX_REJECTED_SHOWN)
      .map((r) => `<li>line ${r.line}: ${htmlText(r.reason)}</li>`);
    if (s.rejected.length > MAX_REJECTED_SHOWN)
      items.push(
        `<li>… and ${num(s.rejected.length - MAX_REJECTED_SHOWN)} more (all are listed in the JSON report)</li>`,
      );
    body.push(`<p>Rejected rows of ${htmlText(names.get(s.path) ?? s.path)}:</p><ul>${items.join('')}</ul>`);
  }
  if (report.skipped.length > 0) {
    body.push(
      `<p>Files not read:</p><ul>${report.skipped.map((s) => `<li>${htmlText(s.path)}: ${htmlText(s.reason)}</li>`).join('')}</ul>`,
    );
  }
  body.push(htmlMetadataEvidence(report));
  yield `\n${[...body, '</body>', '</html>', ''].join('\n')}`;
}

/** The page's lines up to its body (`nonce` escaped already). */
function pageHead(nonce: string): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}';">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>MailItemsAccessed scoping report</title>',
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
  ];
}
