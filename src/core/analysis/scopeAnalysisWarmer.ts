import { IdleSlices } from '../idleSlices';
import type { MiaRecord } from '../model';
import { analysisSteps, mailboxAnalysis, mailboxThrottleWindows } from './mailboxAnalysis';
import { compareRecords, compareText, mailboxGroups, mailboxGuids } from './order';
import { isMemoised, primeByRecords } from './recordsMemo';
import { SlicedSort } from './slicedSort';
import type { ThrottleOptions } from './throttle';

/**
 * A mailbox is analysed a part per slice (`analysisSteps`), but a part is not split: its message
 * table, the biggest, is over half of the analysis (about 7.5 µs a record here in all). Analysing
 * 88,000 records of one mailbox of a 1,000,000-record export whole stalled the event loop for
 * 470 ms; a mailbox bigger than this is analysed when a report asks for it instead.
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
  private sorting: SlicedSort<MiaRecord> | undefined;

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
    // A big mailbox's records are sorted over several slices.
    while (this.sorted < this.keys.length) {
      const key = this.keys[this.sorted];
      this.sorting ??= new SlicedSort(groups.get(key)!, compareRecords);
      const sorted = this.sorting.step(deadline);
      if (!sorted) return undefined;
      groups.set(key, sorted);
      this.sorting = undefined;
      this.sorted++;
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
    | {
        of: ReadonlyMap<string, readonly MiaRecord[]>;
        groups: (readonly MiaRecord[])[];
        next: number;
        /** The remaining parts of the mailbox being warmed. */
        steps: Generator<void, void> | undefined;
      }
    | undefined;

  constructor(
    /** The investigation's records (read at each slice: the list may grow or be replaced). */
    private readonly records: () => readonly MiaRecord[],
    /** The throttle model the report will use (the settings'). */
    private readonly throttle: () => ThrottleOptions,
    /** Longest slice; a part of a mailbox's analysis is not split, so a slice may run over by one. */
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
    if (this.mailboxes?.of !== groups)
      this.mailboxes = { of: groups, groups: [...groups.values()], next: 0, steps: undefined };
    const m = this.mailboxes;
    while (m.steps || m.next < m.groups.length) {
      if (!m.steps) {
        const group = m.groups[m.next++];
        if (group.length > this.maxWarmRecords) continue;
        m.steps = warmSteps(group, this.throttle());
      }
      if (m.steps.next().done) m.steps = undefined;
      if (performance.now() >= deadline) return !m.steps && m.next >= m.groups.length;
    }
    return true;
  }
}

/** What a report needs of one mailbox, a part per step (the analysis itself in several). */
function* warmSteps(group: readonly MiaRecord[], throttle: ThrottleOptions): Generator<void, void> {
  mailboxGuids(group);
  yield;
  mailboxThrottleWindows(group, throttle);
  if (isMemoised(group, mailboxAnalysis)) return;
  yield;
  const analysis = yield* analysisSteps(group);
  // A report may have analysed the mailbox meanwhile: its value stays.
  if (!isMemoised(group, mailboxAnalysis)) primeByRecords(group, mailboxAnalysis, analysis);
}
