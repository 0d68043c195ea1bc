import type { SourceStats } from '../investigation/types';
import type { MiaRecord } from '../model';
import { compareText, mailboxGroups } from './order';

/** Row caps of the export tools (spec §3): portal 50,000 / 500,000 / 1,000,000, cmdlet pages 5,000. */
export const EXPORT_CAPS: readonly number[] = [5_000, 50_000, 500_000, 1_000_000];

/** What one source covers, and whether it looks cut off at an export cap. */
export interface SourceCoverage {
  sourceIndex: number;
  path: string;
  /** Time span of all rows with a readable time (any operation). */
  firstMs?: number;
  lastMs?: number;
  /** Time span of the MailItemsAccessed rows. */
  miaFirstMs?: number;
  miaLastMs?: number;
  rows: number;
  miaRows: number;
  records: number;
  duplicates: number;
  otherOperations: number;
  rejected: number;
  /** The row count, the MIA row count, or the MIA row count with rejected MIA rows equals an export cap. */
  probablyTruncated: boolean;
  /** The cap it sits at. */
  cap?: number;
}

/** A period between the time spans of the sources that no source covers. */
export interface CoverageGap {
  startMs: number;
  endMs: number;
  /** The source whose span ends where the gap starts, and the one whose span starts where it ends. */
  afterSource: string;
  beforeSource: string;
}

/** Coverage of the whole investigation. */
export interface Coverage {
  sources: SourceCoverage[];
  gaps: CoverageGap[];
  /** Mailbox keys whose records never carry IsThrottled: only the volume rule can find their throttling. */
  volumeRuleOnly: string[];
  /** Overall span of all sources. */
  firstMs?: number;
  lastMs?: number;
}

function capOf(s: SourceStats, caps: readonly number[]): number | undefined {
  // The export tool capped rows before anything was parsed: a row broken later (a spreadsheet
  // re-save) still counted, and an export of several operations is capped on all its rows.
  return [s.miaRows, s.miaRows + s.rejectedMiaRows, s.rows].find((n) => n > 0 && caps.includes(n));
}

/**
 * Coverage (issue 2, §5): each source's time span and counts, the gaps between the sources' spans,
 * sources whose MIA row count sits exactly at an export cap ("probably truncated"), and mailboxes
 * that never carry the IsThrottled flag ("volume rule only"). Computed over everything loaded,
 * never over a filtered subset.
 */
export function coverage(
  sources: readonly SourceStats[],
  records: readonly MiaRecord[],
  caps: readonly number[] = EXPORT_CAPS,
): Coverage {
  const out: Coverage = { sources: [], gaps: [], volumeRuleOnly: [] };
  sources.forEach((s, sourceIndex) => {
    const cap = capOf(s, caps);
    const c: SourceCoverage = {
      sourceIndex,
      path: s.path,
      rows: s.rows,
      miaRows: s.miaRows,
      records: s.records,
      duplicates: s.duplicates,
      otherOperations: s.otherOperations,
      rejected: s.rejected.length,
      probablyTruncated: cap !== undefined,
    };
    if (cap !== undefined) c.cap = cap;
    if (s.firstMs !== undefined) c.firstMs = s.firstMs;
    if (s.lastMs !== undefined) c.lastMs = s.lastMs;
    if (s.miaFirstMs !== undefined) c.miaFirstMs = s.miaFirstMs;
    if (s.miaLastMs !== undefined) c.miaLastMs = s.miaLastMs;
    out.sources.push(c);
  });

  const spans = out.sources
    .filter((c) => c.firstMs !== undefined && c.lastMs !== undefined)
    .map((c) => ({ start: c.firstMs!, end: c.lastMs!, path: c.path }))
    .sort((a, b) => a.start - b.start || a.end - b.end || compareText(a.path, b.path));
  if (spans.length > 0) {
    out.firstMs = spans[0].start;
    let reach = spans[0];
    for (const span of spans.slice(1)) {
      if (span.start > reach.end) {
        out.gaps.push({
          startMs: reach.end,
          endMs: span.start,
          afterSource: reach.path,
          beforeSource: span.path,
        });
      }
      if (span.end > reach.end) reach = span;
    }
    out.lastMs = reach.end;
  }

  // Per mailbox (the groups are shared with the report and findings, and in key order): most
  // mailboxes show a flag on one of their first records, so this rarely reads a whole group.
  for (const [key, group] of mailboxGroups(records)) {
    if (!group.some((r) => r.isThrottled !== undefined)) out.volumeRuleOnly.push(key);
  }
  return out;
}
