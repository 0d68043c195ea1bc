import { coverage as computeCoverage } from '../analysis/coverage';
import { mailboxGroups } from '../analysis/order';
import { memoByRecords } from '../analysis/recordsMemo';
import {
  DEFAULT_THROTTLE,
  throttleWindows,
  type ThrottleOptions,
  type ThrottleWindow,
} from '../analysis/throttle';
import type { SourceStats } from '../investigation/types';
import type { MiaRecord } from '../model';
import { formatUtc } from '../normalise/time';
import type { TimeFormatter } from './displayTime';
import type { Finding, FindingLocation } from './types';

/** What findings are computed from (an `Investigation` fits). */
export interface FindingsInput {
  readonly sources: readonly SourceStats[];
  readonly records: readonly MiaRecord[];
}

/** Options of `computeFindings`. */
export interface FindingsOptions {
  throttle?: ThrottleOptions;
  /** How times are written in messages (default ISO 8601 UTC). */
  formatTime?: TimeFormatter;
  /** Flagged records listed as related information of one window, at most (default 20). */
  maxRelated?: number;
}

/** The sentence every throttle finding carries (spec §1). */
export const THROTTLE_SENTENCE =
  'Bind access in this window was not audited: assume every item in the mailbox was read';

/**
 * Export strings are untrusted and may hold line breaks or control characters: a finding is one
 * line of plain text, so they become spaces.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ');
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function folderName(path: string): string {
  return path === '' ? '(folder not named)' : oneLine(path);
}

/** Each record's index in the list, built once per version of the list. */
function recordPositions(records: readonly MiaRecord[]): ReadonlyMap<MiaRecord, number> {
  return memoByRecords(records, recordPositions, () => {
    const index = new Map<MiaRecord, number>();
    records.forEach((r, i) => index.set(r, i));
    return index;
  });
}

/**
 * Findings of an investigation (issue 5), over everything loaded (never a filtered subset):
 * - `mia.throttled` (warning) for each merged throttle window, on the record that opened it, with
 *   the other openers merged into it as related places;
 * - `mia.sync` (information) for each Sync record: every item of its folder must be assumed read;
 * - `mia.rejected` (error) for each row that could not be read, with its reason;
 * - `mia.coverage` (warning) for exports probably truncated at a cap, gaps between exports, and
 *   mailboxes whose records never carry IsThrottled (volume rule only).
 * Sorted by source, line, then code.
 */
export function computeFindings(input: FindingsInput, options: FindingsOptions = {}): Finding[] {
  const throttle = options.throttle ?? DEFAULT_THROTTLE;
  const time = options.formatTime ?? formatUtc;
  const maxRelated = options.maxRelated ?? 20;
  const { sources, records } = input;
  const index = recordPositions(records);
  const at = (r: MiaRecord, message: string): FindingLocation => ({
    sourceIndex: r.provenance.sourceIndex,
    line: r.provenance.line,
    message,
    record: index.get(r),
  });
  const out: Finding[] = [];
  const cov = computeCoverage(sources, records);
  const groups = mailboxGroups(records);

  for (const [, group] of groups) {
    for (const w of throttleWindows(group, throttle)) out.push(throttleFinding(w, group, cov.lastMs));
  }

  function throttleFinding(w: ThrottleWindow, group: readonly MiaRecord[], coveredUntil?: number): Finding {
    const mailbox = oneLine(w.opener.mailbox);
    const beyond = coveredUntil !== undefined && w.endMs > coveredUntil;
    const related: FindingLocation[] = [];
    const seen = new Set<MiaRecord>([w.opener]);
    for (const basis of w.basis) {
      const r = w.openers[basis];
      if (r && !seen.has(r)) {
        seen.add(r);
        related.push(at(r, `also opened (${basis}) at ${time(r.timeMs)}, merged into this window`));
      }
    }
    // Volume: every instant of a burst opens a window; list the openings after the first (capped),
    // and the last one, which sets the window's end.
    let listedVolume = 0;
    for (const r of w.openingRecords.volume) {
      if (seen.has(r)) continue;
      if (listedVolume++ >= maxRelated) break;
      seen.add(r);
      related.push(at(r, `also opened (volume) at ${time(r.timeMs)}, merged into this window`));
    }
    const lastVolume = w.lastOpeners.volume;
    if (lastVolume && !seen.has(lastVolume)) {
      seen.add(lastVolume);
      const setsEnd = lastVolume.timeMs + throttle.hours * 3_600_000 === w.endMs;
      related.push(
        at(
          lastVolume,
          `last of ${w.openings.volume} volume openings, at ${time(lastVolume.timeMs)}` +
            `${setsEnd ? ' (sets the window end)' : ''}, merged into this window`,
        ),
      );
    }
    if (w.basis.includes('flag')) {
      let listed = 0;
      for (const r of group) {
        if (r.timeMs < w.startMs || r.timeMs >= w.endMs || r.isThrottled !== true || seen.has(r)) continue;
        if (listed++ >= maxRelated) break;
        seen.add(r);
        related.push(at(r, `IsThrottled = True at ${time(r.timeMs)}, merged into this window`));
      }
    }
    const opened = w.basis.find((b) => w.openers[b] === w.opener) ?? w.basis[0];
    return {
      code: 'mia.throttled',
      kind: 'throttleWindow',
      severity: 'warning',
      sourceIndex: w.opener.provenance.sourceIndex,
      line: w.opener.provenance.line,
      title: `${mailbox}: ${time(w.startMs)} – ${time(w.endMs)} (${w.basis.join(', ')})`,
      message:
        `Throttled: mailbox ${mailbox}, window ${time(w.startMs)} to ${time(w.endMs)}, ` +
        `basis ${w.basis.join(' and ')} (opened by this record, ${opened}). ${THROTTLE_SENTENCE}.` +
        (beyond ? ' The window runs past the end of the exported data.' : ''),
      related,
      record: index.get(w.opener),
      mailbox,
      mailboxKey: w.mailboxKey,
      basis: [...w.basis],
      startMs: w.startMs,
      endMs: w.endMs,
    };
  }

  records.forEach((r, i) => {
    if (r.accessType !== 'Sync') return;
    const folders = r.folders.length > 0 ? r.folders.map((f) => folderName(f.path)) : [folderName('')];
    const folderText = [...new Set(folders)].join(', ');
    const mailbox = oneLine(r.mailbox);
    out.push({
      code: 'mia.sync',
      kind: 'sync',
      severity: 'information',
      sourceIndex: r.provenance.sourceIndex,
      line: r.provenance.line,
      title: `${mailbox}: ${folderText} at ${time(r.timeMs)}`,
      message:
        `Sync: mailbox ${mailbox}, folder ${folderText}, session ${oneLine(r.sessionId ?? '(none)')}, ` +
        `IP ${oneLine(r.ip ?? '(none)')}, client ${oneLine(r.clientInfo ?? '(none)')}, at ${time(r.timeMs)}: ` +
        `all items in ${folderText} must be assumed read.`,
      related: [],
      record: i,
      mailbox,
      mailboxKey: r.mailboxKey,
      startMs: r.timeMs,
    });
  });

  sources.forEach((s, sourceIndex) => {
    for (const rej of s.rejected) {
      out.push({
        code: 'mia.rejected',
        kind: 'rejected',
        severity: 'error',
        sourceIndex,
        line: rej.line,
        title: `${baseName(s.path)}:${rej.line}: ${oneLine(rej.reason)}`,
        message: `Row could not be read and was skipped: ${oneLine(rej.reason)}`,
        related: [],
      });
    }
  });

  for (const c of cov.sources) {
    if (!c.probablyTruncated) continue;
    out.push({
      code: 'mia.coverage',
      kind: 'truncated',
      severity: 'warning',
      sourceIndex: c.sourceIndex,
      line: 1,
      title: `${baseName(c.path)}: probably truncated at ${c.cap} rows`,
      message:
        `Probably truncated: ${c.cap} rows is exactly an export cap; records after the cap are missing ` +
        `(export the period again in smaller slices).`,
      related: [],
    });
  }

  const sourceIndexOf = new Map(sources.map((s, i) => [s.path, i]));
  for (const g of cov.gaps) {
    const after = sourceIndexOf.get(g.afterSource) ?? 0;
    const before = sourceIndexOf.get(g.beforeSource) ?? 0;
    out.push({
      code: 'mia.coverage',
      kind: 'gap',
      severity: 'warning',
      sourceIndex: after,
      line: 1,
      title: `gap ${time(g.startMs)} – ${time(g.endMs)}`,
      message:
        `Gap between exports: no export covers ${time(g.startMs)} to ${time(g.endMs)} ` +
        `(after ${baseName(g.afterSource)}, before ${baseName(g.beforeSource)}); records of that period are missing.`,
      related: [{ sourceIndex: before, line: 1, message: `the next export, from ${time(g.endMs)}` }],
      startMs: g.startMs,
      endMs: g.endMs,
    });
  }

  for (const key of cov.volumeRuleOnly) {
    const group = groups.get(key);
    if (!group || group.length === 0) continue;
    // Groups are in time order: the first is the mailbox's earliest record.
    const first = group[0];
    const mailbox = oneLine(first.mailbox);
    out.push({
      code: 'mia.coverage',
      kind: 'volumeRuleOnly',
      severity: 'warning',
      sourceIndex: first.provenance.sourceIndex,
      line: first.provenance.line,
      title: `${mailbox}: no throttle flag (volume rule only)`,
      message:
        `No throttle flag: no record of mailbox ${mailbox} carries IsThrottled, so throttling is found by ` +
        `the volume rule only (more than ${throttle.threshold} records in ${throttle.hours} h).`,
      related: [],
      record: index.get(first),
      mailbox,
      mailboxKey: key,
    });
  }

  return out.sort(
    (a, b) =>
      a.sourceIndex - b.sourceIndex || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
