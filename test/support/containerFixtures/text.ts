/** Text-encoding and formatting helpers for building export fixtures the way the real tools write them. */

import { auditTime, localeDate } from '../generator/time';

/** How a fixture's text becomes bytes. */
export interface Encoding {
  /** Prepend a byte-order mark. */
  bom?: boolean;
  /** UTF-16LE (PowerShell 5.1, Excel "Unicode Text") instead of UTF-8. */
  utf16?: boolean;
}

export function encodeText(text: string, encoding: Encoding = {}): Buffer {
  if (encoding.utf16) {
    const body = Buffer.from(text, 'utf16le');
    return encoding.bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
  }
  const body = Buffer.from(text, 'utf8');
  return encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** One CSV cell: quoted when `always` or when the text needs it, `"` doubled (RFC 4180). */
export function csvCell(value: unknown, delimiter: string, always = false): string {
  const text =
    value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const needs = always || text.includes(delimiter) || /["\r\n]/.test(text);
  return needs ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line of cells. */
export function csvLine(cells: unknown[], delimiter: string, always = false): string {
  return cells.map((c) => csvCell(c, delimiter, always)).join(delimiter);
}

// The date texts are the generator's (test/support/generator/time.ts), so each format is written once.

/** `2022-10-25T18:23:04.0000000Z` (the portal's seven decimals; milliseconds dropped). */
export function iso7(d: Date): string {
  return `${auditTime(d.getTime())}.0000000Z`;
}

/** `10/25/2022 6:23:04 PM` (en-US, as the new portal and US-locale Export-Csv write it). */
export function usDate(d: Date): string {
  return localeDate(d.getTime(), 'en-US');
}

/** `25/10/2022 18:23:04` (a European-locale Export-Csv or spreadsheet re-save). */
export function euDate(d: Date): string {
  return localeDate(d.getTime(), 'en-GB');
}

/**
 * Pretty JSON the way Windows PowerShell 5.1 `ConvertTo-Json` writes it: four-space indents, two
 * spaces after each colon, `<>&'` escaped as `\u003c`-style sequences, CRLF line breaks.
 */
export function powershellJson(value: unknown): string {
  const json = JSON.stringify(value, null, 4).replace(/": /g, '":  ');
  return json
    .replace(/[<>&']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\n/g, '\r\n');
}
