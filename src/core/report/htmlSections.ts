/** The issue 7 sections of the HTML report: what was read, limitations, metadata evidence. */
import { htmlText, list, num, recordLink, table } from './htmlParts';
import { UNKNOWN_KIND_TEXT } from './labelText';
import type { ScopeReport } from './reportTypes';
import { sourceNames } from './sourceNames';
import {
  confirmedColumns,
  metadataSourceColumns,
  potentiallyReadColumns,
  unknownColumns,
} from './tableColumns';

/** Rejected metadata rows listed per source (the JSON report lists all). */
const MAX_REJECTED_SHOWN = 50;

/** Confirmed read, potentially read and unknown, before the per-mailbox details. */
export function htmlClassification(report: ScopeReport, names = sourceNames(report)): string {
  const c = report.classification;
  const out: string[] = ['<h2>What was read</h2>'];
  out.push(`<h3>Confirmed read (Bind): ${num(c.confirmedRead.messages)} message(s)</h3>`);
  if (c.confirmedRead.mailboxes.length === 0) out.push('<p>No Bind record in scope lists a message.</p>');
  else {
    out.push('<p>A Bind record lists each of these messages: they were opened.</p>');
    out.push(
      table(
        confirmedColumns,
        c.confirmedRead.mailboxes.map((m) => [
          htmlText(m.mailbox),
          num(m.messages),
          htmlText(m.firstUtc ?? '—'),
          htmlText(m.lastUtc ?? '—'),
        ]),
      ),
    );
  }
  out.push(`<h3>Potentially read (Sync of a whole folder): ${num(c.potentiallyRead.folders)} folder(s)</h3>`);
  if (c.potentiallyRead.items.length === 0) out.push('<p>No Sync record in scope.</p>');
  else {
    out.push(
      '<p class="assume">A client downloaded each of these folders: every item in them must be assumed read.</p>',
    );
    out.push(
      table(
        potentiallyReadColumns,
        c.potentiallyRead.items.map((f) => [
          htmlText(f.mailbox),
          f.folder === '' ? '(folder not named)' : htmlText(f.folder),
          htmlText(f.firstSyncUtc),
          htmlText(f.lastSyncUtc),
          num(f.syncs),
          f.knownMessages === null ? 'unknown' : num(f.knownMessages),
          num(f.knownMessagesConfirmed),
          recordLink(f.firstRecord, names),
        ]),
      ),
    );
  }
  out.push(`<h3>Unknown (unaudited or not covered): ${num(c.unknown.periods)} period(s)</h3>`);
  if (c.unknown.items.length === 0)
    out.push('<p>No throttled window, coverage gap or mailbox without records.</p>');
  else {
    out.push(
      '<p class="assume">Reads in these periods cannot be known from the records: assume any item of the mailbox was read.</p>',
    );
    out.push(
      table(
        unknownColumns,
        c.unknown.items.map((u) => [
          htmlText(u.mailbox),
          htmlText(
            UNKNOWN_KIND_TEXT[u.kind] +
              (u.extendsBeyondExports ? '; runs past the end of the exported data' : ''),
          ),
          htmlText(u.startUtc ?? '—'),
          htmlText(u.endUtc ?? '—'),
          u.basis.length ? htmlText(u.basis.join(', ')) : '—',
          u.record ? recordLink(u.record, names) : '—',
        ]),
      ),
    );
  }
  return out.join('\n');
}

/** The limitations, each with the files it concerns. */
export function htmlLimitations(report: ScopeReport): string {
  const items = report.limitations.map((l) => {
    const files = l.files.map((f) => `${f.path} (${num(f.count)})`);
    return `<li>${htmlText(l.text)}${files.length ? ` Files: ${list(files, 50)}.` : ''}</li>`;
  });
  return `<h2>Limitations</h2>\n<ul>${items.join('')}</ul>`;
}

/** The metadata sources with their SHA-256 and rejected rows, and the accessed ids none names. */
export function htmlMetadataEvidence(report: ScopeReport): string {
  const out: string[] = [];
  if (report.metadataSources.length > 0) {
    out.push('<p>Message metadata sources:</p>');
    out.push(
      table(
        metadataSourceColumns,
        report.metadataSources.map((s) => [
          htmlText(s.path),
          htmlText(s.format),
          htmlText(s.encoding),
          `<code>${htmlText(s.sha256)}</code>`,
          num(s.rows),
          num(s.messages),
          num(s.rejected),
        ]),
      ),
    );
    for (const s of report.metadataSources) {
      if (s.rejectedRows.length === 0) continue;
      const items = s.rejectedRows
        .slice(0, MAX_REJECTED_SHOWN)
        .map((r) => `<li>line ${r.line}: ${htmlText(r.reason)}</li>`);
      if (s.rejectedRows.length > MAX_REJECTED_SHOWN)
        items.push(
          `<li>… and ${num(s.rejectedRows.length - MAX_REJECTED_SHOWN)} more (all are listed in the JSON report)</li>`,
        );
      out.push(`<p>Rejected rows of ${htmlText(s.path)}:</p><ul>${items.join('')}</ul>`);
    }
  }
  const ids = report.unmatchedMessageIds;
  if (ids !== null) {
    out.push(
      ids.length === 0
        ? '<p>Every accessed message id is named by a metadata source.</p>'
        : `<p>Accessed message ids that no metadata source names (${num(ids.length)}):</p><ul>${ids.map((id) => `<li><code>${htmlText(id)}</code></li>`).join('')}</ul>`,
    );
  }
  return out.join('\n');
}
