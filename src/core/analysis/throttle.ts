import type { MiaRecord } from '../model';

/** Parameters of the throttling model (spec §1): more than `threshold` records in `hours` hours. */
export interface ThrottleOptions {
  /** A window opens when the 24 h count EXCEEDS this (default 1,000). */
  threshold: number;
  /** Length of the counting period and of the window, in hours (default 24). */
  hours: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = { threshold: 1000, hours: 24 };

/** Why a window exists: a record flagged `IsThrottled`, or the volume of records. */
export type ThrottleBasis = 'flag' | 'volume';

/** A period in which Bind access to a mailbox was not audited (spec §1), after merging. */
export interface ThrottleWindow {
  mailboxKey: string;
  /** Inclusive start, epoch ms. */
  startMs: number;
  /** Exclusive end, epoch ms. */
  endMs: number;
  /** Every basis that produced the merged window, in the order flag, volume. */
  basis: ThrottleBasis[];
  /** The record that opened the window (the earliest opening of any basis). */
  opener: MiaRecord;
  /** The first record that opened a window on each basis. */
  openers: Partial<Record<ThrottleBasis, MiaRecord>>;
  /** How many windows were merged into this one, per basis. */
  openings: Record<ThrottleBasis, number>;
  /**
   * The records that opened the windows merged into this one, per basis, in time order: the first
   * {@link MAX_OPENING_RECORDS} of each (`openings` says how many there were in all). A busy
   * mailbox opens a volume window at nearly every instant of a burst, so the list is capped.
   */
  openingRecords: Record<ThrottleBasis, MiaRecord[]>;
  /** The latest record that opened a window on each basis (the latest of all sets `endMs`). */
  lastOpeners: Partial<Record<ThrottleBasis, MiaRecord>>;
}

/** Opening records kept per basis and window in `openingRecords`. */
export const MAX_OPENING_RECORDS = 100;

interface Opening {
  startMs: number;
  basis: ThrottleBasis;
  record: MiaRecord;
}

/**
 * Throttle windows of ONE mailbox, exactly as spec §1:
 * - flag: a record with IsThrottled = True at t opens [t, t + hours);
 * - volume: when a record at t makes the count of the mailbox's records in (t - hours, t] exceed
 *   `threshold`, [t, t + hours) opens (records at the same instant all count: the count at t
 *   includes every record at t; the opener is the first of them that crosses the threshold);
 * - windows that overlap or touch are merged, keeping every basis.
 * `records` are all of the mailbox's MailItemsAccessed records after de-duplication (Bind, Sync and
 * any other access type alike), unfiltered, sorted by `compareRecords`. O(n) after the sort.
 */
export function throttleWindows(
  records: readonly MiaRecord[],
  options: ThrottleOptions = DEFAULT_THROTTLE,
): ThrottleWindow[] {
  const spanMs = options.hours * 3_600_000;
  const openings: Opening[] = [];
  let left = 0;
  let i = 0;
  while (i < records.length) {
    const t = records[i].timeMs;
    let end = i;
    while (end + 1 < records.length && records[end + 1].timeMs === t) end++;
    // (t - span, t]: drop records at or before t - span.
    while (left < i && records[left].timeMs <= t - spanMs) left++;
    // Flag openings first at one instant, so the merged window's opener is deterministic.
    for (let j = i; j <= end; j++) {
      if (records[j].isThrottled === true) openings.push({ startMs: t, basis: 'flag', record: records[j] });
    }
    const count = end - left + 1;
    if (count > options.threshold) {
      // The record whose arrival made the count exceed the threshold, or the first at t when the
      // count was already above it before t.
      const crossing = Math.max(i, left + options.threshold);
      openings.push({ startMs: t, basis: 'volume', record: records[crossing] });
    }
    i = end + 1;
  }
  return mergeOpenings(openings, spanMs);
}

/** Merges openings given in time order (as `throttleWindows` produces them). */
function mergeOpenings(openings: readonly Opening[], spanMs: number): ThrottleWindow[] {
  const windows: ThrottleWindow[] = [];
  let current: ThrottleWindow | undefined;
  for (const o of openings) {
    const endMs = o.startMs + spanMs;
    if (current && o.startMs <= current.endMs) {
      // Overlapping or touching ([a, b) and [b, c)): one window.
      if (endMs > current.endMs) current.endMs = endMs;
    } else {
      current = {
        mailboxKey: o.record.mailboxKey,
        startMs: o.startMs,
        endMs,
        basis: [],
        opener: o.record,
        openers: {},
        openings: { flag: 0, volume: 0 },
        openingRecords: { flag: [], volume: [] },
        lastOpeners: {},
      };
      windows.push(current);
    }
    current.openings[o.basis]++;
    current.openers[o.basis] ??= o.record;
    current.lastOpeners[o.basis] = o.record;
    const kept = current.openingRecords[o.basis];
    if (kept.length < MAX_OPENING_RECORDS) kept.push(o.record);
  }
  for (const w of windows) {
    w.basis = (['flag', 'volume'] as const).filter((b) => w.openings[b] > 0);
  }
  return windows;
}

/** True when [startMs, endMs) meets the half-open range [fromMs, toMs) (either bound may be open). */
export function intersects(w: { startMs: number; endMs: number }, fromMs?: number, toMs?: number): boolean {
  return (toMs === undefined || w.startMs < toMs) && (fromMs === undefined || w.endMs > fromMs);
}
