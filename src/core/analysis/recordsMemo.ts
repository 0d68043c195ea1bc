import type { MiaRecord } from '../model';

interface Entry {
  length: number;
  last: MiaRecord | undefined;
  values: Map<unknown, unknown>;
}

const memo = new WeakMap<readonly MiaRecord[], Entry>();

/** The entry of the list's current version (a fresh one when the list changed). */
function current(records: readonly MiaRecord[]): Entry {
  const last = records.length > 0 ? records[records.length - 1] : undefined;
  let entry = memo.get(records);
  if (!entry || entry.length !== records.length || entry.last !== last) {
    entry = { length: records.length, last, values: new Map() };
    memo.set(records, entry);
  }
  return entry;
}

/**
 * Values derived from a list of records, computed once per version of the list. An
 * investigation's record list only grows, so its version is its length (and, to be safe, its last
 * record); a longer list drops everything derived from the shorter one. Held weakly: a list that
 * is no longer used takes its derived values with it. `key` names what is derived (a function, or
 * any value compared by identity); callers must treat the result as read-only.
 */
export function memoByRecords<T>(records: readonly MiaRecord[], key: unknown, compute: () => T): T {
  const entry = current(records);
  if (entry.values.has(key)) return entry.values.get(key) as T;
  const value = compute();
  entry.values.set(key, value);
  return value;
}

/** True when `memoByRecords(records, key, …)` would find a value of the list's current version. */
export function isMemoised(records: readonly MiaRecord[], key: unknown): boolean {
  return current(records).values.has(key);
}

/**
 * Stores `value` as what `memoByRecords(records, key, …)` computes for the list's current version:
 * for a value built in slices elsewhere (it must equal what `compute` would return).
 */
export function primeByRecords(records: readonly MiaRecord[], key: unknown, value: unknown): void {
  current(records).values.set(key, value);
}
