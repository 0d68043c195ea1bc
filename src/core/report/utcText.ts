import type { MiaRecord } from '../model';
import { formatUtc } from '../normalise/time';
import type { ByteText } from './byteText';

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
  const prefix = dayPrefix(day);
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

/** `YYYY-MM-DDT` of day number `day` (memoised in `prefixes`). */
function dayPrefix(day: number): string {
  let prefix = prefixes.get(day);
  if (prefix === undefined) {
    if (prefixes.size >= 100_000) prefixes.clear();
    const iso = formatUtc(day * dayMs);
    prefix = iso.slice(0, iso.indexOf('T') + 1);
    prefixes.set(day, prefix);
  }
  return prefix;
}

/** `YYYY-MM-DDT` as bytes, by day number (see `prefixes`). */
const prefixBytes = new Map<number, Uint8Array>();

/** The digits `00`…`99` as two bytes each, at `2 * n`. */
const twoDigits = Uint8Array.from(two.join(''), (c) => c.charCodeAt(0));

/**
 * Writes `utcText(ms)` as its (ASCII) bytes, without making the string: the JSON report writes
 * several times per message.
 */
export function writeUtc(ms: number, to: ByteText): void {
  if (!Number.isInteger(ms) || ms < lowest || ms > highest) {
    to.text(formatUtc(ms));
    return;
  }
  const day = Math.floor(ms / dayMs);
  let prefix = prefixBytes.get(day);
  if (prefix === undefined) {
    if (prefixBytes.size >= 100_000) prefixBytes.clear();
    prefix = Uint8Array.from(dayPrefix(day), (c) => c.charCodeAt(0));
    prefixBytes.set(day, prefix);
  }
  let rest = ms - day * dayMs;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  to.raw(prefix);
  to.room(13);
  const b = to.bytes;
  let p = to.length;
  b[p++] = twoDigits[2 * h];
  b[p++] = twoDigits[2 * h + 1];
  b[p++] = 0x3a;
  b[p++] = twoDigits[2 * m];
  b[p++] = twoDigits[2 * m + 1];
  b[p++] = 0x3a;
  b[p++] = twoDigits[2 * s];
  b[p++] = twoDigits[2 * s + 1];
  if (milli !== 0) {
    b[p++] = 0x2e;
    const c = Math.floor(milli / 100);
    const rem = milli - c * 100;
    b[p++] = 0x30 + c;
    b[p++] = twoDigits[2 * rem];
    b[p++] = twoDigits[2 * rem + 1];
  }
  b[p++] = 0x5a;
  to.length = p;
}

/** The UTC text of each record's time, by its position in a list, written once per record. */
export class RecordTimes {
  private readonly text: (string | undefined)[];
  private times: Float64Array | undefined;

  constructor(private readonly records: readonly MiaRecord[]) {
    this.text = new Array<string | undefined>(records.length);
  }

  /**
   * Each record's time (ms), by position: read once, not from a record object per use (made when
   * first asked for: a report that writes no message needs none).
   */
  get ms(): Float64Array {
    let ms = this.times;
    if (ms === undefined) {
      const records = this.records;
      ms = this.times = new Float64Array(records.length);
      for (let p = 0; p < records.length; p++) ms[p] = records[p].timeMs;
    }
    return ms;
  }

  /** UTC text of the time of the record at `position`. */
  at(position: number): string {
    return (this.text[position] ??= utcText(this.records[position].timeMs));
  }

  /** Writes `at(position)` as bytes (see `writeUtc`). */
  write(position: number, to: ByteText): void {
    writeUtc((this.times ?? this.ms)[position], to);
  }
}
