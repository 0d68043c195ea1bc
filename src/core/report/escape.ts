/**
 * Escaping of untrusted strings (client strings, folder names, subjects are attacker-controlled)
 * for the Markdown and CSV reports.
 */

import { mapMemo } from '../normalise/textMemo';

// `(`, `)`, `!` and `+` need no escape: with `[` and `]` escaped no link or image can form, and an
// escaped value never starts a line.
const MD_SPECIAL = /[\\`*_{}[\]#|~^$]/g;
const HTML_SPECIAL = /[&<>]/g;
const HTML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// What any replacement of `mdLinkText` matches (a value without it is returned as it is): a control
// character, Markdown punctuation, an HTML metacharacter, `://` or `www.` in any case.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
const MD_LINK_TEXT_TOUCHED = /[\u0000-\u001f\u007f\u2028\u2029\\`*_{}[\]#|~^$&<>]|:\/\/|www\./i;
// The same for `mdText`, which also escapes every `@` and a dot before a letter (any dot here).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
const MD_TEXT_TOUCHED = /[\u0000-\u001f\u007f\u2028\u2029\\`*_{}[\]#|~^$&<>@.]|:\/\//;
/** `mdText` of list values (folders, sessions, IPs, apps: the same few on many rows), made once. */
const mdListValue = mapMemo(mdText, 65_536);

/**
 * Text for Markdown (inline or a table cell): HTML metacharacters become entities (no tag, no
 * script can form), Markdown punctuation is backslash-escaped (no link, image, emphasis or code can
 * form; `|` cannot end a table cell), control characters and line breaks become spaces (a value
 * cannot start a new block), `://` and `www.` are broken by an entity, and `@` and a dot before a
 * letter are backslash-escaped, so no bare URL, domain or mail address autolinks.
 */
export function mdText(value: string): string {
  // Most values (ids aside) hold nothing any of the replacements below would change.
  if (!MD_TEXT_TOUCHED.test(value)) return value;
  // Message ids and addresses: one pass instead of seven replacements.
  const id = mdTextOfId(value);
  if (id !== undefined) return id;
  // The preview linkifies addresses (`user@contoso.com` -> mailto:) and bare domains
  // (`contoso.com` -> http:): a backslash before `@` and before a dot followed by a letter keeps
  // them text (an escaped character is never part of an autolink) and the source readable.
  return mdLinkText(value)
    .replace(/@/g, '\\@')
    .replace(/\.(?=\p{L})/gu, '\\.');
}

const isAsciiLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * `mdText` of a value made of ASCII letters, digits and `.@<>_-+%` only (message ids, addresses),
 * in one pass: `@` and `_` backslash-escaped, `<` and `>` as entities, a dot before a letter
 * backslash-escaped. Undefined for any other value, and for one holding `www.` (left to the
 * replacements, with their word boundary).
 */
function mdTextOfId(value: string): string | undefined {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x25) continue;
    let escaped: string;
    if (c === 0x2e) {
      if (i >= 3 && value.slice(i - 3, i).toLowerCase() === 'www') return undefined;
      if (!isAsciiLetter(value.charCodeAt(i + 1))) continue;
      escaped = '\\.';
    } else if (c === 0x40) escaped = '\\@';
    else if (c === 0x3c) escaped = '&lt;';
    else if (c === 0x3e) escaped = '&gt;';
    else if (c === 0x5f) escaped = '\\_';
    else return undefined;
    out += value.slice(from, i) + escaped;
    from = i + 1;
  }
  return out + value.slice(from);
}

/**
 * `mdText` for the text of a Markdown link (`[text](…)`): no link forms inside a link, so addresses
 * and domains need no breaking there and file names stay readable in the source.
 */
export function mdLinkText(value: string): string {
  if (!MD_LINK_TEXT_TOUCHED.test(value)) return value;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
  const flat = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
  return flat
    .replace(MD_SPECIAL, (c) => `\\${c}`)
    .replace(HTML_SPECIAL, (c) => HTML_ENTITY[c])
    .replace(/:\/\//g, '&#58;//')
    .replace(/\b(www)\./gi, '$1&#46;');
}

/** Values a list cell of the Markdown and HTML reports shows before it counts the rest. */
export const LIST_CELL_MAX = 10;

/**
 * Several values as one cell of a table, each escaped by `escape`: the first `max`, then how many
 * more; an em dash for none (the Markdown and HTML reports' lists).
 */
export function listCell(values: readonly string[], max: number, escape: (value: string) => string): string {
  if (values.length === 0) return '—';
  if (values.length === 1 && max >= 1) return escape(values[0]);
  const shown = values
    .slice(0, max)
    .map((v) => escape(v))
    .join(', ');
  return values.length > max ? `${shown} … (+${values.length - max})` : shown;
}

/** Several values as one Markdown cell, or an em dash for none. */
export function mdList(values: readonly string[], max = LIST_CELL_MAX): string {
  return listCell(values, max, mdListValue);
}

/**
 * A CSV field (RFC 4180): quoted when it holds a quote, comma, CR or LF, quotes doubled. A text
 * value that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed
 * with a single quote.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV fields joined by commas: a record without its line break, or a run of its fields. */
export function csvFields(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',');
}

/** One CSV record, CRLF-terminated (RFC 4180). */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${csvFields(values)}\r\n`;
}
