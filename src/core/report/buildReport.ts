import type { Enrichment } from '../enrich/enrichTypes';
import { coverage as computeCoverage, EXPORT_CAPS, type Coverage } from '../analysis/coverage';
import { compareText, mailboxGroups, mailboxGuids } from '../analysis/order';
import { mailboxThrottleWindows } from '../analysis/mailboxAnalysis';
import { intersects } from '../analysis/throttle';
import type { SkippedFile, SourceStats } from '../investigation/types';
import type { MiaRecord } from '../model';
import { formatUtc } from '../normalise/time';
import {
  hasContextFilter,
  mailboxMatcher,
  normaliseIps,
  recordFilter,
  selectRecords,
  type ScopeFilters,
} from '../scope/filters';
import { resolveScopeOptions, type ScopeOptions } from '../scope/scopeOptions';
import { classify } from './classification';
import { enrichReport } from './enrichReport';
import { limitations, methodStatements } from './limitations';
import { mailboxJson } from './mailboxJson';
import { messageCount } from './messageRows';
import type { CoverageJson, MailboxJson, ScopeReport, SourceJson } from './reportTypes';
import { throttleWindowJson, utcOrNull, type SourcePaths } from './toJson';

/** What a report is built from: a loaded investigation (the `Investigation` class fits). */
export interface InvestigationData {
  readonly sources: readonly SourceStats[];
  readonly records: readonly MiaRecord[];
  readonly skipped?: readonly SkippedFile[];
}

function sourceJson(s: SourceStats): SourceJson {
  return {
    path: s.path,
    sha256: s.sha256,
    container: s.container,
    encoding: s.encoding ?? null,
    sizeBytes: s.sizeBytes,
    rows: s.rows,
    records: s.records,
    duplicates: s.duplicates,
    otherOperations: s.otherOperations,
    otherRecords: s.otherRecords,
    miaRows: s.miaRows,
    rejected: s.rejected.map((r) => ({ line: r.line, reason: r.reason })),
    firstUtc: utcOrNull(s.firstMs),
    lastUtc: utcOrNull(s.lastMs),
  };
}

function coverageJson(c: Coverage, displayName: (key: string) => string): CoverageJson {
  return {
    firstUtc: utcOrNull(c.firstMs),
    lastUtc: utcOrNull(c.lastMs),
    exportCaps: [...EXPORT_CAPS],
    sources: c.sources.map((s) => ({
      path: s.path,
      firstUtc: utcOrNull(s.firstMs),
      lastUtc: utcOrNull(s.lastMs),
      miaFirstUtc: utcOrNull(s.miaFirstMs),
      miaLastUtc: utcOrNull(s.miaLastMs),
      rows: s.rows,
      miaRows: s.miaRows,
      records: s.records,
      duplicates: s.duplicates,
      otherOperations: s.otherOperations,
      rejected: s.rejected,
      probablyTruncated: s.probablyTruncated,
      cap: s.cap ?? null,
    })),
    gaps: c.gaps.map((g) => ({
      startUtc: formatUtc(g.startMs),
      endUtc: formatUtc(g.endMs),
      seconds: (g.endMs - g.startMs) / 1000,
      afterSource: g.afterSource,
      beforeSource: g.beforeSource,
    })),
    volumeRuleOnly: c.volumeRuleOnly.map(displayName),
  };
}

function emptyMailbox(name: string): MailboxJson {
  return {
    mailbox: name,
    mailboxKey: name.toLowerCase(),
    mailboxGuids: [],
    records: 0,
    bind: 0,
    sync: 0,
    unknownAccess: 0,
    firstUtc: null,
    lastUtc: null,
    throttleFlagSeen: false,
    volumeRuleOnly: false,
    inInvestigation: false,
    messages: [],
    syncedFolders: [],
    throttledWindows: [],
    sessions: [],
    contexts: [],
  };
}

function notesFor(report: ScopeReport, loaded: number, filtered: boolean): string[] {
  const notes: string[] = [];
  const t = report.totals;
  if (report.sources.length === 0) notes.push('No source was read.');
  if (loaded === 0) notes.push('No MailItemsAccessed records were found in the sources.');
  else if (t.records === 0 && filtered) notes.push('No MailItemsAccessed records match the filters.');
  if (t.rejected > 0)
    notes.push(`${t.rejected} row(s) could not be read and were skipped; see each source's rejected rows.`);
  if (report.skipped.length > 0)
    notes.push(`${report.skipped.length} file(s) in the named folders were not read; see skipped.`);
  for (const s of report.coverage.sources) {
    if (s.probablyTruncated)
      notes.push(`${s.path}: ${s.cap} rows, exactly an export cap: probably truncated.`);
  }
  if (report.coverage.gaps.length > 0)
    notes.push(`${report.coverage.gaps.length} gap(s) between the sources' time spans.`);
  if (t.throttledWindows > 0) {
    notes.push(
      `${t.throttledWindows} throttled window(s): Bind access in them was not audited; assume every item of the mailbox was read.`,
    );
  }
  if (t.syncedFolders > 0)
    notes.push(`${t.syncedFolders} synced folder(s): all items in them must be assumed read.`);
  return notes;
}

/** How a report is built (not what it says). */
export interface BuildOptions {
  /**
   * Leave each mailbox's messages as rows (`messages` stays empty; counts and findings are as
   * usual): every report writer reads them from there one at a time (`jsonReportChunks`, and the
   * others through `mailboxMessages`), so a report of a large export is built and written without
   * an object per message. A caller that hands the report on as data calls `materialiseMessages`.
   * Ignored when metadata is given.
   */
  deferMessages?: boolean;
}

/**
 * Builds the scoping report of an investigation: filters the records, analyses each mailbox in
 * scope (messages, synced folders, sessions from the filtered records; throttle windows from ALL
 * of the mailbox's records, reported when they meet the time window), and adds coverage over
 * everything loaded. Throws ScopeOptionError for unusable options.
 *
 * A mailbox appears when it has records within the filters, when it was named in the mailbox filter
 * (even with none: the report says so), or, without session/IP/app/client filters, when one of its
 * throttle windows meets the time window.
 */
export function buildScopeReport(
  investigation: InvestigationData,
  options: ScopeOptions = {},
  // Message metadata and app/IP labels (issue 7); the report is complete without them.
  enrichment: Enrichment = {},
  build: BuildOptions = {},
): ScopeReport {
  // Metadata is joined to message objects: with it, messages are always built.
  const defer = build.deferMessages === true && enrichment.metadata === undefined;
  const { filters, throttle } = resolveScopeOptions(options);
  const paths: SourcePaths = investigation.sources.map((s) => s.path);
  const all = mailboxGroups(investigation.records);
  const cov = computeCoverage(investigation.sources, investigation.records);
  const volumeOnly = new Set(cov.volumeRuleOnly);
  const display = new Map<string, string>();
  for (const [key, records] of all) display.set(key, records[0].mailbox);
  const displayName = (key: string) => display.get(key) ?? key;

  const keep = recordFilter(filters);
  const mailboxWanted = mailboxMatcher(filters);
  const contextFiltered = hasContextFilter(filters);
  const mailboxes: MailboxJson[] = [];
  const found = new Set<string>();
  for (const [key, records] of all) {
    const guids = [...mailboxGuids(records)];
    if (!mailboxWanted(key, guids)) continue;
    found.add(key);
    for (const g of guids) found.add(g.toLowerCase());
    const inScope = selectRecords(records, keep);
    const windows = mailboxThrottleWindows(records, throttle).filter((w) =>
      intersects(w, filters.fromMs, filters.toMs),
    );
    const named = filters.mailboxes !== undefined;
    if (inScope.length === 0 && !named && (contextFiltered || windows.length === 0)) continue;
    mailboxes.push(
      mailboxJson(
        key,
        records,
        inScope,
        windows.map((w) => throttleWindowJson(w, paths, cov.lastMs)),
        guids,
        volumeOnly.has(key),
        paths,
        defer,
      ),
    );
  }
  for (const name of filters.mailboxes ?? []) {
    const k = name.toLowerCase();
    if (!found.has(k) && !mailboxes.some((m) => m.mailboxKey === k)) mailboxes.push(emptyMailbox(name));
  }
  mailboxes.sort((a, b) => compareText(a.mailboxKey, b.mailboxKey));

  const sources = investigation.sources.map(sourceJson);
  const sum = (f: (m: MailboxJson) => number) => mailboxes.reduce((n, m) => n + f(m), 0);
  const report: ScopeReport = {
    schemaVersion: 1,
    generatedUtc: formatUtc((options.now ?? new Date()).getTime()),
    filters: filtersJson(filters),
    throttle: { threshold: throttle.threshold, hours: throttle.hours },
    sources,
    skipped: (investigation.skipped ?? []).map((s) => ({ path: s.path, reason: s.reason })),
    totals: {
      records: sum((m) => m.records),
      duplicates: sources.reduce((n, s) => n + s.duplicates, 0),
      rejected: sources.reduce((n, s) => n + s.rejected.length, 0),
      otherOperations: sources.reduce((n, s) => n + s.otherRecords, 0),
      otherOperationRows: sources.reduce((n, s) => n + s.otherOperations, 0),
      bind: sum((m) => m.bind),
      sync: sum((m) => m.sync),
      unknownAccess: sum((m) => m.unknownAccess),
      mailboxes: mailboxes.length,
      messages: sum(messageCount),
      syncedFolders: sum((m) => m.syncedFolders.length),
      throttledWindows: sum((m) => m.throttledWindows.length),
      recordsLoaded: investigation.records.length,
    },
    mailboxes,
    coverage: coverageJson(cov, displayName),
    notes: [],
    classification: {
      confirmedRead: { messages: 0, mailboxes: [] },
      potentiallyRead: { folders: 0, knownMessages: null, items: [] },
      unknown: { periods: 0, items: [] },
    },
    metadataSources: [],
    unmatchedMessageIds: null,
    labels: { apps: [], ips: [] },
    method: [],
    limitations: [],
  };
  const filtered = Object.keys(filters).length > 0;
  report.notes = notesFor(report, investigation.records.length, filtered);
  // Appended (not reordered): a source whose load was cancelled holds only its first rows.
  for (const s of investigation.sources) {
    if (s.partial)
      report.notes.push(
        `${s.path}: partially loaded (${s.partial.reason}): only the first ${s.partial.bytesRead} of ${s.sizeBytes} bytes were read.`,
      );
  }
  // Issue 7: metadata and labels, then the sections counsel reads (they use both).
  enrichReport(report, enrichment);
  report.classification = classify(report, enrichment.metadata);
  report.method = methodStatements(report);
  report.limitations = limitations(report);
  return report;
}

function filtersJson(f: ScopeFilters): ScopeReport['filters'] {
  return {
    mailboxes: [...(f.mailboxes ?? [])],
    from: utcOrNull(f.fromMs),
    to: utcOrNull(f.toMs),
    sessions: [...(f.sessions ?? [])],
    ips: normaliseIps(f.ips),
    clientApps: [...(f.clientApps ?? [])],
    clientInfo: [...(f.clientInfo ?? [])],
  };
}
