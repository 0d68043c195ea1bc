/**
 * Throttle windows (spec §1), written out plainly for the truth: a flag window per IsThrottled=True
 * record, a volume window per record that makes the mailbox's 24-hour count exceed the threshold,
 * overlapping or touching windows merged with every basis kept.
 */
import { HOUR } from './time';

/** What opened a window. */
export type Basis = 'flag' | 'volume';

/**
 * Windows of one mailbox: `flag` [t, t+H) for every IsThrottled=True record; `volume` [t, t+H) for
 * every record at t where the mailbox's records in (t−H, t] exceed `threshold`; overlapping or
 * touching windows merged, keeping every basis. `times` need not be sorted.
 */
export function throttleWindows(
  times: readonly number[],
  flagTimes: readonly number[],
  threshold: number,
  hours: number,
): { start: number; end: number; basis: Basis[] }[] {
  const h = hours * HOUR;
  const sorted = [...times].sort((x, y) => x - y);
  const raw: { start: number; end: number; basis: Basis }[] = flagTimes.map((t) => ({
    start: t,
    end: t + h,
    basis: 'flag',
  }));
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i];
    while (hi < sorted.length && sorted[hi] <= t) hi++;
    while (sorted[lo] <= t - h) lo++;
    if (hi - lo > threshold) raw.push({ start: t, end: t + h, basis: 'volume' });
  }
  return mergeWindows(raw);
}

/** The same volume rule by brute force (O(n²)): for tests of the two-pointer version. */
export function volumeStartsNaive(times: readonly number[], threshold: number, hours: number): number[] {
  const h = hours * HOUR;
  const starts = new Set<number>();
  for (const t of times) {
    let count = 0;
    for (const s of times) if (s > t - h && s <= t) count++;
    if (count > threshold) starts.add(t);
  }
  return [...starts].sort((x, y) => x - y);
}

function mergeWindows(
  raw: { start: number; end: number; basis: Basis }[],
): { start: number; end: number; basis: Basis[] }[] {
  raw.sort((x, y) => x.start - y.start);
  const out: { start: number; end: number; basis: Basis[] }[] = [];
  for (const w of raw) {
    const last = out[out.length - 1];
    if (last && w.start <= last.end) {
      last.end = Math.max(last.end, w.end);
      if (!last.basis.includes(w.basis)) last.basis.push(w.basis);
    } else {
      out.push({ start: w.start, end: w.end, basis: [w.basis] });
    }
  }
  for (const w of out) w.basis.sort();
  return out;
}
