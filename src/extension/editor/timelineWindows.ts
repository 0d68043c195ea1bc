import { groupByMailbox } from '../../core/analysis/order';
import { throttleWindows, type ThrottleOptions } from '../../core/analysis/throttle';
import type { MiaRecord } from '../../core/model';
import type { TimelineWindow } from '../../core/query/timeline';
import { reuseWhileLoadingMs } from './loadingReuse';

/** While records stream in, windows are recomputed at most this often (the sort is O(n log n)); more rarely when costly. */
const loadingRecomputeMs = 2_000;

interface Computed {
  count: number;
  threshold: number;
  hours: number;
  at: number;
  /** What computing them took (ms): while loading, they are reused for longer when costly. */
  costMs: number;
  /** Windows per mailbox key. */
  windows: Map<string, TimelineWindow[]>;
}

/**
 * Throttle windows (spec §1) of every mailbox, computed over ALL of the mailbox's records (never
 * the filtered view: a filter does not change what Exchange audited), for the timeline to shade.
 * Cached per record count and settings.
 */
export class TimelineWindows {
  private computed: Computed | undefined;

  /**
   * Windows of the mailboxes that appear in `view` (indices into `records`). `loading`: records are
   * still arriving, so an answer a moment old is good enough.
   */
  forView(
    records: readonly MiaRecord[],
    view: ArrayLike<number>,
    options: ThrottleOptions,
    loading: boolean,
  ): TimelineWindow[] {
    const all = this.windows(records, options, loading);
    if (all.size === 0) return [];
    const keys = new Set<string>();
    for (let p = 0; p < view.length; p++) keys.add(records[view[p]].mailboxKey);
    const out: TimelineWindow[] = [];
    for (const key of keys) out.push(...(all.get(key) ?? []));
    return out.sort((a, b) => a.startMs - b.startMs || (a.mailbox < b.mailbox ? -1 : 1));
  }

  private windows(
    records: readonly MiaRecord[],
    options: ThrottleOptions,
    loading: boolean,
  ): Map<string, TimelineWindow[]> {
    const c = this.computed;
    const now = performance.now();
    const sameSettings = c?.threshold === options.threshold && c.hours === options.hours;
    const fresh = c !== undefined && now - c.at < reuseWhileLoadingMs(c.costMs, loadingRecomputeMs);
    if (c && sameSettings && (c.count === records.length || (loading && fresh))) return c.windows;
    const windows = new Map<string, TimelineWindow[]>();
    for (const [key, group] of groupByMailbox(records)) {
      const found = throttleWindows(group, options);
      if (found.length === 0) continue;
      const display = group[0].mailbox;
      windows.set(
        key,
        found.map((w) => ({ mailbox: display, startMs: w.startMs, endMs: w.endMs, basis: [...w.basis] })),
      );
    }
    this.computed = {
      count: records.length,
      threshold: options.threshold,
      hours: options.hours,
      at: now,
      costMs: performance.now() - now,
      windows,
    };
    return windows;
  }
}
