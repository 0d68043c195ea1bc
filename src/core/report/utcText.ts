import type { MiaRecord } from '../model';
import { formatUtc } from '../normalise/time';

const dayMs = 86_400_000;
const two = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const three = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
// Valid Date values are within ±8.64e15 ms; the day of the earliest must be one too.
const lowest = -8.64e15 + dayMs;
const highest = 8.64e15;

/** `YYYY-MM-DDT` by day number (first and last times of a message often fall on different days). */
const prefixes = new Map<number, string>();

/**
 * `formatUtc`, fast: a report writes several hundred thousand times and `Date#toISOString` costs
 * microseconds each. The date part (`YYYY-MM-DDT`, any year form) comes from `formatUtc` once per
 * day, the time of day is written from tables. Identical output for every integer time; anything
 * else goes to `formatUtc`.
 */
export function utcText(ms: number): string {
  if (!Number.isInteger(ms) || ms < lowest || ms > highest) return formatUtc(ms);
  const day = Math.floor(ms / dayMs);
  let prefix = prefixes.get(day);
  if (prefix === undefined) {
    if (prefixes.size >= 100_000) prefixes.clear();
    const iso = formatUtc(day * dayMs);
    prefix = iso.slice(0, iso.indexOf('T') + 1);
    prefixes.set(day, prefix);
  }
  let rest = ms - day * dayMs;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  // The time of day is built short first (flat strings), then joined to the date once.
  const time = two[h] + ':' + two[m] + ':' + two[s];
  return prefix + (milli === 0 ? time + 'Z' : time + '.' + three[milli] + 'Z');
}

/** The UTC text of each record's time, by its position in a list, written once per record. */
export class RecordTimes {
  private readonly text: (string | undefined)[];

  constructor(private readonly records: readonly MiaRecord[]) {
    this.text = new Array<string | undefined>(records.length);
  }

  /** UTC text of the time of the record at `position`. */
  at(position: number): string {
    return (this.text[position] ??= utcText(this.records[position].timeMs));
  }
}
