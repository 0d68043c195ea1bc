import { IdleSlices } from '../idleSlices';
import type { MiaRecord } from '../model';
import { mailboxAnalysis, mailboxThrottleWindows } from './mailboxAnalysis';
import { compareRecords, compareText, mailboxGroups, mailboxGuids } from './order';
import { isMemoised, primeByRecords } from './recordsMemo';
import type { ThrottleOptions } from './throttle';

/**
 * A mailbox is analysed in one go, about 7.5 µs a record here: a bigger one would hold the event
 * loop for more than ~200 ms (88,000 records of one mailbox in a 1,000,000-record export stalled
 * it for 470 ms), so it is analysed when a report asks for it instead.
 */
export const MAX_WARM_RECORDS = 30_000;
/** Records grouped between two looks at the clock. */
const groupStride = 4096;

/** `groupByMailbox` of one version of a list, built a few thousand records at a time. */
class Grouping {
  private next = 0;
  private readonly groups = new Map<string, MiaRecord[]>();
  private keys: string[] | undefined;
  private sorted = 0;

  private readonly length: number;
  private readonly last: MiaRecord | undefined;

  constructor(readonly records: readonly MiaRecord[]) {
    this.length = records.length;
    this.last = records[records.length - 1];
  }

  /** True while the list is the version this grouping started from. */
  of(records: readonly MiaRecord[]): boolean {
    return (
      records === this.records && records.length === this.length && records[records.length - 1] === this.last
    );
  }

  /** Works until `deadline`; returns the groups (as `groupByMailbox` makes them) once complete. */
  step(deadline: number): Map<string, MiaRecord[]> | undefined {
    const { records, groups } = this;
    while (this.next < this.length) {
      const end = Math.min(this.length, this.next + groupStride);
      for (let p = this.next; p < end; p++) {
        const r = records[p];
        const g = groups.get(r.mailboxKey);
        if (g) g.push(r);
        else groups.set(r.mailboxKey, [r]);
      }
      this.next = end;
      if (performance.now() >= deadline) return undefined;
    }
    this.keys ??= [...groups.keys()].sort(compareText);
    // Each group is sorted whole (one mailbox's records may take a while; they are not split).
    while (this.sorted < this.keys.length) {
      groups.get(this.keys[this.sorted++])!.sort(compareRecords);
      if (performance.now() >= deadline) return undefined;
    }
    const out = new Map<string, MiaRecord[]>();
    for (const key of this.keys) out.set(key, groups.get(key)!);
    return out;
  }
}

/**
 * Computes, in short slices on the event loop, what a scope report of a loaded investigation needs
 * per mailbox (its records grouped and ordered, contexts, messages, sessions, synced folders, GUIDs
 * and throttle windows), memoised per version of the record list (`memoByRecords`): a report asked
 * for later finds them and only writes. `poke` after the list changed (a load finished); work stops
 * when everything of the current version is computed. A changed list starts over: what was
 * derived from the old version is never used for the new one.
 */
export class ScopeAnalysisWarmer extends IdleSlices {
  private grouping: Grouping | undefined;
  private mailboxes:
    | { of: ReadonlyMap<string, readonly MiaRecord[]>; groups: (readonly MiaRecord[])[]; next: number }
    | undefined;

  constructor(
    /** The investigation's records (read at each slice: the list may grow or be replaced). */
    private readonly records: () => readonly MiaRecord[],
    /** The throttle model the report will use (the settings'). */
    private readonly throttle: () => ThrottleOptions,
    /** Longest slice; a mailbox is analysed whole, so a slice may run over by one mailbox. */
    sliceMs?: number,
    /** Mailboxes with more records are left to the report (see `MAX_WARM_RECORDS`). */
    private readonly maxWarmRecords = MAX_WARM_RECORDS,
  ) {
    super(sliceMs);
  }

  protected override forget(): void {
    this.grouping = undefined;
    this.mailboxes = undefined;
  }

  /** Works until `deadline`; true when everything of the current version is computed. */
  protected work(deadline: number): boolean {
    const records = this.records();
    if (!isMemoised(records, mailboxGroups)) {
      if (!this.grouping?.of(records)) this.grouping = new Grouping(records);
      const groups = this.grouping.step(deadline);
      if (!groups) return false;
      this.grouping = undefined;
      primeByRecords(records, mailboxGroups, groups);
    }
    // The groups of this version (memoised): a new map means a new version, analysed afresh.
    const groups = mailboxGroups(records);
    if (this.mailboxes?.of !== groups) this.mailboxes = { of: groups, groups: [...groups.values()], next: 0 };
    const m = this.mailboxes;
    const throttle = this.throttle();
    while (m.next < m.groups.length) {
      const group = m.groups[m.next++];
      if (group.length > this.maxWarmRecords) continue;
      mailboxGuids(group);
      mailboxThrottleWindows(group, throttle);
      mailboxAnalysis(group);
      if (performance.now() >= deadline) return m.next >= m.groups.length;
    }
    return true;
  }
}
