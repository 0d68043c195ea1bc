import { countText as num } from './countText';
import type { LimitationJson, ScopeReport } from './reportTypes';

/**
 * How the report was made, in plain language (no markup: every writer escapes it). The statements
 * restate the rules of the domain spec that the engine implements.
 */
export function methodStatements(report: ScopeReport): string[] {
  const t = report.throttle;
  const lines = [
    'Records from every source are merged and de-duplicated by their Id; the first occurrence is kept and repeats are counted as duplicates.',
    "Times are AuditData.CreationTime, read as UTC; the export's own date column (written in the exporting machine's locale) is never used.",
    'MailAccessType and IsThrottled are read by name from OperationProperties. The session is SessionId, else AppAccessContext.AADSessionId. The IP is ClientIPAddress (else ClientIP) without brackets, port or ::ffff:, IPv6 in lower case. Message ids are compared without <> and case; folders without the leading \\ and case.',
    'Confirmed read: a Bind record lists the message, so it was opened in that context.',
    'Potentially read: a Sync record means a client downloaded the whole folder; every item in that folder must be assumed read, although the record lists none.',
    'Unknown: in a throttled window Exchange did not write Bind records, so any item in the mailbox must be assumed read; periods that no source covers, and mailboxes named without any record, cannot show reads either.',
    `Throttling is modelled per mailbox: a record with IsThrottled = True at time t opens a window [t, t + ${t.hours} h); so does a record at t that makes the mailbox's MailItemsAccessed records (Bind and Sync, after de-duplication) in (t − ${t.hours} h, t] exceed ${num(t.threshold)}. Overlapping or touching windows are merged. Windows are computed on all of a mailbox's records and reported when they meet the time window.`,
  ];
  if (report.unmatchedMessageIds !== null) {
    lines.push(
      "Message metadata (subject, sender, recipients, dates, attachments) is joined from the metadata sources on the InternetMessageId, trimmed, without one pair of <> and in lower case. A subject written in the audit record itself is shown first. A synced folder's known messages are those the metadata places in that mailbox and folder.",
    );
  }
  if (report.labels.apps.length > 0 || report.labels.ips.length > 0) {
    lines.push(
      'App and IP labels come from offline tables and databases shipped with the tool or chosen by the analyst; no address was looked up over the network.',
    );
  }
  return lines;
}

/**
 * What the records cannot show (domain spec §1 and §3), each with the files it concerns. Always
 * states the general limits of MailItemsAccessed; adds unreadable rows, probably truncated exports,
 * gaps and metadata problems when this report has them.
 */
export function limitations(report: ScopeReport): LimitationJson[] {
  const out: LimitationJson[] = [];
  const add = (id: LimitationJson['id'], text: string, files: LimitationJson['files'] = []) =>
    out.push({ id, text, files });
  const windows = report.totals.throttledWindows;
  add(
    'throttling',
    'When a mailbox produces more than 1,000 MailItemsAccessed records in 24 hours, Exchange stops writing Bind records for that mailbox for the next 24 hours (Sync records are still written): reads in that window leave no trace. ' +
      (windows > 0
        ? `This report found ${num(windows)} such window(s); they are listed as unknown.`
        : 'This report found no such window in scope.'),
  );
  add(
    'aggregation',
    'Bind records of the same context within about 2 minutes are aggregated into one record: a record time is not the moment each listed message was opened.',
  );
  add(
    'deduplication',
    'Exchange drops a repeat record for the same message from the same context within about an hour: record and access counts are not read counts, and OperationCount is not a count of distinct messages.',
  );
  add(
    'logging-delay',
    'Records can arrive up to 24 hours late: an export taken soon after the activity can be incomplete.',
  );
  add(
    'retention',
    'Audit records are kept only for the audit retention period of the tenant (depending on the licence and retention policies, for example 180 days with Audit (Standard) and one year with Audit (Premium)): activity older than that cannot be in any export.',
  );
  add(
    'licensing',
    'Record licensing changed (E5 only until mid-2024, then Audit (Standard) too): a mailbox with no records may simply not have been audited.',
  );
  const rejected = report.sources
    .filter((s) => s.rejected.length > 0)
    .map((s) => ({ path: s.path, count: s.rejected.length }));
  add(
    'unreadable-records',
    rejected.length > 0
      ? `${num(report.totals.rejected)} row(s) in ${num(rejected.length)} source(s) could not be read and were skipped; what they recorded is not in this report (each is listed with its file, line and reason).`
      : 'Every row of the sources could be read.',
    rejected,
  );
  const truncated = report.coverage.sources
    .filter((s) => s.probablyTruncated)
    .map((s) => ({ path: s.path, count: s.cap ?? s.rows }));
  add(
    'truncated-exports',
    (truncated.length > 0
      ? `${num(truncated.length)} source(s) hold exactly as many rows as an export cap: they are probably truncated and later records are missing.`
      : 'No source holds exactly as many rows as an export cap.') +
      ` Export tools cap their output (${report.coverage.exportCaps.map(num).join(', ')} rows).`,
    truncated,
  );
  if (report.coverage.gaps.length > 0) {
    add(
      'coverage-gaps',
      `${num(report.coverage.gaps.length)} period(s) between the sources are covered by no source; they are listed as unknown for every mailbox.`,
    );
  }
  const metaRejected = report.metadataSources
    .filter((s) => s.rejected > 0)
    .map((s) => ({ path: s.path, count: s.rejected }));
  if (metaRejected.length > 0) {
    add(
      'unreadable-metadata',
      `${num(metaRejected.reduce((n, s) => n + s.count, 0))} row(s) of the metadata sources could not be read; subjects and senders they held are missing.`,
      metaRejected,
    );
  }
  if (report.unmatchedMessageIds !== null && report.unmatchedMessageIds.length > 0) {
    add(
      'unmatched-metadata',
      `${num(report.unmatchedMessageIds.length)} accessed message id(s) are named by no metadata source: their subject, sender and dates are unknown unless the audit record holds a subject.`,
    );
  }
  return out;
}
