import type { MiaRecord } from '../model';
import { memoByRecords } from './recordsMemo';

/** Time order, ties broken by where the record was read (source, then line): a total, stable order. */
export function compareRecords(a: MiaRecord, b: MiaRecord): number {
  const byTime = a.timeMs - b.timeMs;
  if (byTime) return byTime; // (NaN goes on to the provenance, as with `||`)
  // A loaded record makes a new provenance object each time it is asked: once per side.
  const pa = a.provenance;
  const pb = b.provenance;
  return pa.sourceIndex - pb.sourceIndex || pa.line - pb.line || pa.offset - pb.offset;
}

/** Plain code-unit order: the same on every machine and locale (reports must be reproducible). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A set's values as a sorted array. */
export function sortedValues(set: ReadonlySet<string>): string[] {
  return [...set].sort(compareText);
}

/**
 * Records grouped by mailbox (`mailboxKey`), each group in time order. The map iterates in
 * mailbox-key order.
 */
export function groupByMailbox(records: readonly MiaRecord[]): Map<string, MiaRecord[]> {
  const groups = new Map<string, MiaRecord[]>();
  for (const r of records) {
    const g = groups.get(r.mailboxKey);
    if (g) g.push(r);
    else groups.set(r.mailboxKey, [r]);
  }
  const sorted = new Map<string, MiaRecord[]>();
  for (const key of [...groups.keys()].sort(compareText))
    sorted.set(key, groups.get(key)!.sort(compareRecords));
  return sorted;
}

/**
 * `groupByMailbox`, computed once per version of the record list (see `memoByRecords`) and shared
 * by the report, the findings and the timeline. Read-only.
 */
export function mailboxGroups(records: readonly MiaRecord[]): ReadonlyMap<string, readonly MiaRecord[]> {
  return memoByRecords(records, mailboxGroups, () => groupByMailbox(records));
}

/** Sorted distinct `mailboxGuid`s of a mailbox's records (memoised per list). Read-only. */
export function mailboxGuids(records: readonly MiaRecord[]): readonly string[] {
  return memoByRecords(records, mailboxGuids, () => sortedValues(distinctGuids(records)));
}

/** The `mailboxGuid`s of `records`; runs of one GUID (the usual case: one per mailbox) add it once. */
function distinctGuids(records: readonly MiaRecord[]): Set<string> {
  const guids = new Set<string>();
  let last: string | undefined;
  for (let p = 0; p < records.length; p++) {
    const g = records[p].mailboxGuid;
    if (g !== last && g !== undefined) guids.add(g);
    last = g;
  }
  return guids;
}
