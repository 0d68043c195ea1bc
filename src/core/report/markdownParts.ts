/** Building blocks of the Markdown report. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdLinkText, mdText } from './escape';
import type { RecordRefJson } from './reportTypes';

export type Lines = string[];

export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A Markdown table of already-escaped cells, then a blank line. */
export function table(out: Lines, header: readonly string[], rows: readonly (readonly string[])[]): void {
  out.push(row(header), row(header.map(() => '---')));
  for (const r of rows) out.push(row(r));
  out.push('');
}

/** A count for people (`1,234`), or an em dash. */
export function num(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

/** `file:line`, linked to that line of the file when the path is absolute (VS Code opens `#L<line>`). */
export function recordLink(ref: RecordRefJson, names: Map<string, string>): string {
  const where = `${names.get(ref.source) ?? ref.source}:${ref.line}`;
  if (!path.isAbsolute(ref.source)) return mdText(where);
  return `[${mdLinkText(where)}](<${pathToFileURL(ref.source).href}#L${ref.line}>)`;
}
