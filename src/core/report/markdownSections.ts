/** The issue 7 sections of the Markdown report: what was read, metadata evidence. */
import { mdText } from './escape';
import { UNKNOWN_KIND_TEXT } from './labelText';
import { num, recordLink, table, type Lines } from './markdownParts';
import type { ScopeReport } from './reportTypes';
import {
  confirmedColumns,
  metadataSourceColumns,
  potentiallyReadColumns,
  unknownColumns,
} from './tableColumns';

/** Rejected metadata rows listed per source (the JSON report lists all). */
const MAX_REJECTED_SHOWN = 50;

/** Confirmed read, potentially read, unknown: the answer for counsel, before the details. */
export function mdClassification(out: Lines, r: ScopeReport, names: Map<string, string>): void {
  const c = r.classification;
  out.push('## What was read', '');
  out.push(`### Confirmed read (Bind): ${num(c.confirmedRead.messages)} message(s)`, '');
  if (c.confirmedRead.mailboxes.length === 0) out.push('No Bind record in scope lists a message.', '');
  else {
    out.push('A Bind record lists each of these messages: they were opened.', '');
    table(
      out,
      confirmedColumns,
      c.confirmedRead.mailboxes.map((m) => [
        mdText(m.mailbox),
        num(m.messages),
        m.firstUtc ?? '—',
        m.lastUtc ?? '—',
      ]),
    );
  }
  out.push(`### Potentially read (Sync of a whole folder): ${num(c.potentiallyRead.folders)} folder(s)`, '');
  if (c.potentiallyRead.items.length === 0) out.push('No Sync record in scope.', '');
  else {
    out.push('A client downloaded each of these folders: **every item in them must be assumed read**.', '');
    table(
      out,
      potentiallyReadColumns,
      c.potentiallyRead.items.map((f) => [
        mdText(f.mailbox),
        f.folder === '' ? '(folder not named)' : mdText(f.folder),
        f.firstSyncUtc,
        f.lastSyncUtc,
        num(f.syncs),
        f.knownMessages === null ? 'unknown' : num(f.knownMessages),
        f.knownMessagesConfirmed === null ? '—' : num(f.knownMessagesConfirmed),
        recordLink(f.firstRecord, names),
      ]),
    );
  }
  out.push(`### Unknown (unaudited or not covered): ${num(c.unknown.periods)} period(s)`, '');
  if (c.unknown.items.length === 0)
    out.push('No throttled window, coverage gap or mailbox without records.', '');
  else {
    out.push(
      'Reads in these periods cannot be known from the records: **assume any item of the mailbox was read**.',
      '',
    );
    table(
      out,
      unknownColumns,
      c.unknown.items.map((u) => [
        mdText(u.mailbox),
        UNKNOWN_KIND_TEXT[u.kind] +
          (u.extendsBeyondExports ? '; runs past the end of the exported data' : ''),
        u.startUtc ?? '—',
        u.endUtc ?? '—',
        u.basis.length ? u.basis.join(', ') : '—',
        u.record ? recordLink(u.record, names) : '—',
      ]),
    );
  }
}

/** The metadata sources with their SHA-256 and rejected rows, and the accessed ids none names. */
export function mdMetadataEvidence(out: Lines, r: ScopeReport): void {
  if (r.metadataSources.length > 0) {
    out.push('Message metadata sources:', '');
    table(
      out,
      metadataSourceColumns,
      r.metadataSources.map((s) => [
        mdText(s.path),
        mdText(s.format),
        mdText(s.encoding),
        `\`${s.sha256}\``,
        num(s.rows),
        num(s.messages),
        num(s.rejected),
      ]),
    );
    for (const s of r.metadataSources) {
      if (s.rejectedRows.length === 0) continue;
      out.push(`Rejected rows of ${mdText(s.path)}:`, '');
      for (const rej of s.rejectedRows.slice(0, MAX_REJECTED_SHOWN))
        out.push(`- line ${rej.line}: ${mdText(rej.reason)}`);
      if (s.rejectedRows.length > MAX_REJECTED_SHOWN)
        out.push(
          `- … and ${num(s.rejectedRows.length - MAX_REJECTED_SHOWN)} more (all are listed in the JSON report)`,
        );
      out.push('');
    }
  }
  if (r.unmatchedMessageIds !== null) {
    if (r.unmatchedMessageIds.length === 0)
      out.push('Every accessed message id is named by a metadata source.', '');
    else {
      out.push(
        `Accessed message ids that no metadata source names (${num(r.unmatchedMessageIds.length)}):`,
        '',
      );
      for (const id of r.unmatchedMessageIds) out.push(`- ${mdText(id)}`);
      out.push('');
    }
  }
}
