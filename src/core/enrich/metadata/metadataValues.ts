/**
 * Cell values of metadata exports as spreadsheets and PowerShell write them: text that Excel
 * protected as `="…"`, booleans in a few languages, sizes with thousands separators, recipient lists
 * and dates in ISO or locale forms. Nothing here guesses silently: a value that cannot be read
 * comes back undefined and the caller records why.
 */

/** A cell's text: trimmed, Excel's `="…"` text guard removed (it keeps ids like `00012` as text). */
export function cellText(raw: string | undefined): string {
  if (raw === undefined) return '';
  let s = raw.trim();
  const guarded = /^="(.*)"$/s.exec(s);
  if (guarded) s = guarded[1].replace(/""/g, '"').trim();
  return s;
}

const TRUE = new Set([
  'true',
  'yes',
  'y',
  '1',
  'wahr',
  'vrai',
  'verdadero',
  'vero',
  'waar',
  'ja',
  'oui',
  'sí',
  'si',
]);
const FALSE = new Set(['false', 'no', 'n', '0', 'falsch', 'faux', 'falso', 'onwaar', 'nein', 'non', 'nee']);

/** A yes/no cell; undefined when empty or not a boolean word. */
export function parseBoolean(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return undefined;
}

/** A byte count: digits, optionally grouped in threes by `,` `.` space or `'`; undefined otherwise. */
export function parseSize(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$/.test(s)) return Number(s.replace(/\D/g, ''));
  return undefined;
}

/**
 * Addresses of a recipient cell, as written: split on `;` (Exchange's separator); on `,` only when
 * every part then holds an `@` (a display name may contain a comma: `Doe, Jane <jane@x>`).
 * Admin-centre reports write `address##status`; the status is dropped.
 */
export function parseRecipients(text: string): string[] {
  const s = text.trim();
  if (s === '') return [];
  let parts = s.split(';');
  if (parts.length === 1) {
    const byComma = s.split(',');
    if (byComma.length > 1 && byComma.every((p) => p.includes('@'))) parts = byComma;
  }
  return parts.map((p) => p.split('##')[0].trim()).filter((p) => p !== '');
}

/** Day/month order of numeric dates in one file. */
export type DateOrder = 'day-first' | 'month-first';

/** A date read from a cell: a time, or day/month order left open (`03/04/2024`), or unreadable. */
export type DateParse =
  | { ms: number; order?: DateOrder }
  | { ambiguous: { first: number; second: number; year: number; timeMs: number; offsetMs: number } }
  | { error: string };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:[T ,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?\s*(am|pm|a\.m\.|p\.m\.)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

function fractionMs(digits: string | undefined): number {
  return digits ? Math.floor(Number(`0.${digits}`) * 1000) : 0;
}

function clockMs(h: number, m: number, s: number, frac: string | undefined): number {
  return ((h * 60 + m) * 60 + s) * 1000 + fractionMs(frac);
}

/** Epoch milliseconds of a calendar date and clock, or undefined when the date does not exist. */
export function utcMs(
  year: number,
  month: number,
  day: number,
  timeMs: number,
  offsetMs: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const dayMs = Date.UTC(year, month - 1, day);
  const check = new Date(dayMs);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return dayMs + timeMs - offsetMs;
}

/**
 * Reads a date cell. ISO 8601 (any number of fraction digits, as the admin-centre reports write
 * seven) and numeric day/month forms as spreadsheets re-save them (`14/06/2023 09:12`,
 * `6/14/2023 9:12:33 AM`, `14.06.2023 09:12:33`). A time without zone is UTC: every export named
 * in the issue writes UTC. With `/` or `-` a value whose two leading numbers are both 12 or less is
 * returned `ambiguous`, for the caller to settle from the other rows of the same file; `.` is
 * always day-first (no locale writes month.day.year).
 */
export function parseDate(text: string): DateParse {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) {
    const timeMs = iso[4] ? clockMs(Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0), iso[7]) : 0;
    const ms = utcMs(Number(iso[1]), Number(iso[2]), Number(iso[3]), timeMs, zoneOffsetMs(iso[8]));
    return ms === undefined || !(Number(iso[4] ?? 0) < 24) ? { error: `"${s}" is not a valid date` } : { ms };
  }
  const num = NUMERIC.exec(s);
  if (num) {
    let hour = Number(num[5] ?? 0);
    const ampm = num[9]?.toLowerCase().replace(/\./g, '');
    if (ampm && (hour < 1 || hour > 12)) return { error: `"${s}" is not a valid time` };
    if (ampm === 'pm' && hour < 12) hour += 12;
    if (ampm === 'am' && hour === 12) hour = 0;
    if (hour > 23) return { error: `"${s}" is not a valid time` };
    const timeMs = clockMs(hour, Number(num[6] ?? 0), Number(num[7] ?? 0), num[8]);
    const a = Number(num[1]);
    const b = Number(num[3]);
    const year = num[4].length === 2 ? 2000 + Number(num[4]) : Number(num[4]);
    const offsetMs = zoneOffsetMs(num[10]);
    const dayFirst = num[2] === '.' || a > 12 ? true : b > 12 ? false : undefined;
    if (dayFirst === undefined) return { ambiguous: { first: a, second: b, year, timeMs, offsetMs } };
    const ms = dayFirst ? utcMs(year, b, a, timeMs, offsetMs) : utcMs(year, a, b, timeMs, offsetMs);
    if (ms === undefined) return { error: `"${s}" is not a valid date` };
    return { ms, order: dayFirst ? 'day-first' : 'month-first' };
  }
  // RFC 2822 and other spelled-out forms carry their own zone; Date.parse reads those reliably.
  if (/[a-z]{3}/i.test(s) && /(?:\bgmt\b|\butc\b|[+-]\d{4}\b|z$)/i.test(s)) {
    const ms = Date.parse(s);
    if (!Number.isNaN(ms)) return { ms };
  }
  return { error: `"${s}" is not a date this reader knows` };
}
