/**
 * Times in exports. `AuditData.CreationTime` is UTC written without `Z`; Defender adds `Z`;
 * PowerShell 5.1's ConvertTo-Json writes `/Date(ms)/`. A time without an offset is UTC.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

/**
 * Parses an ISO 8601 date-time (offset honoured, none means UTC) or `/Date(ms)/` into epoch
 * milliseconds. Fractions beyond milliseconds are truncated. Returns undefined for anything else,
 * including impossible dates such as 2023-02-30. A date without a time is accepted only when
 * `allowDateOnly` (command-line bounds), since a record time without a clock is not a record time.
 */
export function parseUtcTime(text: string, allowDateOnly = false): number | undefined {
  const s = text.trim();
  const plain = plainUtcTime(s);
  if (plain !== undefined) return plain;
  const ms = MS_DATE.exec(s);
  if (ms) {
    const value = Number(ms[1]);
    return Number.isSafeInteger(value) && Math.abs(value) <= 8.64e15 ? value : undefined;
  }
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  if (h === undefined && !allowDateOnly) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = sec === undefined ? 0 : Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0-99 onto 1900-1999; set the year explicitly to keep what was written.
  const fixed = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return fixed - offsetMinutes * 60_000;
}

/** Value of the ASCII digits `s[i]`, `s[i + 1]` (-1 unless both are digits). */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common case read without the regular expression: exactly `YYYY-MM-DDTHH:mm:ss` (AuditData's
 * CreationTime, once per record). Gives what the full path gives, or undefined to let it decide
 * (any other form, an impossible date, a year before 100).
 */
function plainUtcTime(s: string): number | undefined {
  if (s.length !== 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const t = s.charCodeAt(10);
  if ((t !== 84 && t !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hi < 0 || lo < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  const year = hi * 100 + lo;
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, 0);
}

/**
 * Formats epoch milliseconds as ISO 8601 UTC with `Z`: `YYYY-MM-DDTHH:mm:ssZ`, with `.sss` only
 * when the milliseconds are not zero (audit times are whole seconds; this keeps reports readable
 * and still exact).
 */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
