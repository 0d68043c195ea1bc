/**
 * Time and number formatting for the view. Audit times are UTC; the user may switch the display to
 * local time. Pure functions: the local offset is passed in (see {@link localOffsetMinutes}) so the
 * tests do not depend on the machine's time zone.
 */

/** Which clock the view shows. */
export type TimeZoneMode = 'utc' | 'local';

/** Minutes to add to UTC to get this machine's local time at `ms` (east of UTC is positive). */
export function localOffsetMinutes(ms: number): number {
  return -new Date(ms).getTimezoneOffset();
}

/** Offset to apply for a mode: 0 for UTC, the local offset otherwise. */
export function offsetFor(
  mode: TimeZoneMode,
  ms: number,
  local: (ms: number) => number = localOffsetMinutes,
): number {
  return mode === 'utc' ? 0 : local(ms);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `+01:00`, `-05:30`, `+00:00`. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2025-03-01 10:00:00` at the given offset from UTC; empty for a non-finite time. */
export function formatDateTime(ms: number, offsetMinutes: number, withMs = false): string {
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms + offsetMinutes * 60_000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withMs ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

/** A time as an ISO-like string with its zone: `2025-03-01T10:00:00Z` or `…+01:00`. */
export function formatIsoWithZone(ms: number, offsetMinutes: number): string {
  if (!Number.isFinite(ms)) return '';
  const text = formatDateTime(ms, offsetMinutes).replace(' ', 'T');
  return offsetMinutes === 0 ? `${text}Z` : `${text}${formatOffset(offsetMinutes)}`;
}

/** A compact input value for the time-range boxes: `2025-03-01 10:00` (seconds only when set). */
export function formatInputTime(ms: number, offsetMinutes: number): string {
  const full = formatDateTime(ms, offsetMinutes);
  return full.endsWith(':00') ? full.slice(0, -3) : full;
}

const inputPattern =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i;

/**
 * Parses a time typed into a range box: `2025-03-01`, `2025-03-01 10:00`, `2025-03-01T10:00:05Z`,
 * `2025-03-01T10:00+02:00`. Without an explicit zone the text is read in the displayed zone
 * (`local` resolves the offset at that wall-clock time). Returns undefined when it is not a time.
 */
export function parseInputTime(
  text: string,
  mode: TimeZoneMode,
  local: (ms: number) => number = localOffsetMinutes,
): number | undefined {
  const m = inputPattern.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) =>
    v === undefined ? 0 : Number(v),
  );
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  // `.5` means 500 ms: pad the fraction on the right.
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Reject dates the calendar rolls over (2025-02-30 would become March 2).
  if (new Date(wall).getUTCDate() !== day) return undefined;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone.toUpperCase() === 'Z') return wall;
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const minutes = (Number(z[2]) * 60 + Number(z[3])) * (z[1] === '-' ? -1 : 1);
    return wall - minutes * 60_000;
  }
  if (mode === 'utc') return wall;
  // Local wall-clock time: guess with the offset at the wall time, then correct once (DST edges).
  const guess = wall - local(wall) * 60_000;
  return wall - local(guess) * 60_000;
}

const grouped = new Intl.NumberFormat('en-US');

/** `3,456`: grouped digits, the same on every machine (tests and screenshots rely on it). */
export function formatCount(n: number): string {
  return grouped.format(n);
}

/** `12 of 3,456 records` (`1 record` in the singular). */
export function recordCountText(matched: number, total: number): string {
  return `${formatCount(matched)} of ${formatCount(total)} ${total === 1 ? 'record' : 'records'}`;
}

/** `1.5 MB`, `820 KB`, `12 B`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
