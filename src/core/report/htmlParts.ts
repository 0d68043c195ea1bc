/** Small HTML building blocks of the HTML report; every export string goes through `htmlText`. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mapMemo } from '../normalise/textMemo';
import type { RecordRefJson } from './reportTypes';
import { LIST_CELL_MAX, listCell } from './escape';
import { sourceLink } from './sourceLinks';

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for HTML element content and quoted attributes: every metacharacter becomes an entity. */
export function htmlText(value: string): string {
  return HTML_TOUCHED.test(value) ? value.replace(/[&<>"']/g, (c) => ENTITY[c]) : value;
}

const HTML_TOUCHED = /[&<>"']/;
/** `htmlText` of list values (folders, sessions, IPs, apps: the same few on many rows), made once. */
const listValue = mapMemo(htmlText, 65_536);

/** Several values as one cell, or an em dash for none. */
export function list(values: readonly string[], max = LIST_CELL_MAX): string {
  return listCell(values, max, listValue);
}

export { num } from './countText';

/** A table of already-escaped cells. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [...tableChunks(header, rows)].join('');
}

/** Rows of a table per piece of `tableChunks` (a few hundred kB of HTML each). */
const TABLE_RUN = 256;

/**
 * `table(header, rows)`'s text in pieces, `run` rows a piece: a mailbox's table of messages can be
 * far longer than a string should be, and its rows are made one at a time.
 */
export function* tableChunks(
  header: readonly string[],
  rows: Iterable<readonly string[]>,
  run = TABLE_RUN,
): Generator<string, void, undefined> {
  const head = header.map((h) => `<th>${htmlText(h)}</th>`).join('');
  yield `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n`;
  let lines: string[] = [];
  let first = true;
  const piece = () => {
    const text = `${first ? '' : '\n'}${lines.join('\n')}`;
    first = false;
    lines = [];
    return text;
  };
  for (const r of rows) {
    lines.push(`<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`);
    if (lines.length >= run) yield piece();
  }
  if (lines.length > 0) yield piece();
  yield '\n</tbody>\n</table>';
}

/** `file:line`, linked to that line when the path is absolute. */
export function recordLink(ref: Pick<RecordRefJson, 'source' | 'line'>, names: Map<string, string>): string {
  if (!path.isAbsolute(ref.source)) return htmlText(`${names.get(ref.source) ?? ref.source}:${ref.line}`);
  // Written for every message: the escaped name and URL are made once per source (`htmlText`
  // works character by character and leaves `:`, `#` and digits alone).
  const s = sourceLink(names, 'html', ref.source, () => ({
    text: htmlText(names.get(ref.source) ?? ref.source),
    href: htmlText(pathToFileURL(ref.source).href),
  }));
  return `<a href="${s.href}#L${ref.line}">${s.text}:${ref.line}</a>`;
}
