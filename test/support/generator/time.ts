/**
 * Time texts as the different exports write them. Formatting is done by hand (never
 * toLocaleString) so output does not depend on the machine's locale or time zone.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2025-03-12T16:05:06`: AuditData.CreationTime (UTC without `Z`). */
export function auditTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** `2025-03-12T16:05:06.0000000` (seven decimals, as .NET's round-trip format writes). */
export function iso7(ms: number): string {
  return `${auditTime(ms)}.${pad(ms % 1000, 3)}0000`;
}

/** `2025-03-12T16:05:06Z`. */
export function isoZ(ms: number): string {
  return `${auditTime(ms)}Z`;
}

/** ISO 8601 with milliseconds and Z (what the truth file uses). */
export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** Culture formats of `DateTime.ToString()` that Export-Csv writes. */
export type DateLocale = 'en-US' | 'en-GB' | 'de-DE';

/** `3/12/2025 4:05:06 PM` (en-US), `12/03/2025 16:05:06` (en-GB), `12.03.2025 16:05:06` (de-DE). */
export function localeDate(ms: number, locale: DateLocale): string {
  const d = new Date(ms);
  const day = d.getUTCDate();
  const month = d.getUTCMonth() + 1;
  const year = d.getUTCFullYear();
  const h = d.getUTCHours();
  const time = `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (locale) {
    case 'en-US':
      return `${month}/${day}/${year} ${h % 12 === 0 ? 12 : h % 12}:${time} ${h < 12 ? 'AM' : 'PM'}`;
    case 'en-GB':
      return `${pad(day)}/${pad(month)}/${year} ${pad(h)}:${time}`;
    case 'de-DE':
      return `${pad(day)}.${pad(month)}.${year} ${pad(h)}:${time}`;
  }
}

/** `/Date(1694801813000)/`: how Windows PowerShell 5.1's ConvertTo-Json writes a DateTime. */
export function msAjaxDate(ms: number): string {
  return `/Date(${ms})/`;
}

/** Parses `2025-03-12T16:05:06` (no zone = UTC) or any ISO text with a zone. */
export function parseAuditTime(text: string): number {
  const hasZone = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text);
  return Date.parse(hasZone ? text : `${text}Z`);
}
