/** Building blocks of the Markdown report. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdLinkText, mdText } from './escape';
import { countText } from './countText';
import { sourceLink } from './sourceLinks';
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
  return n === null ? '—' : countText(n);
}

/** `file:line`, linked to that line of the file when the path is absolute (VS Code opens `#L<line>`). */
export function recordLink(ref: RecordRefJson, names: Map<string, string>): string {
  if (!path.isAbsolute(ref.source)) return mdText(`${names.get(ref.source) ?? ref.source}:${ref.line}`);
  // Written for every message: the escaped name and the file URL are made once per source. Both
  // escapes work character by character and leave `:`, `#` and digits alone, so the escape of
  // `name:line` is the escape of the name, then `:line`.
  const s = sourceLink(names, 'markdown', ref.source, () => {
    const name = names.get(ref.source) ?? ref.source;
    return { text: mdLinkText(name), href: pathToFileURL(ref.source).href };
  });
  return `[${s.text}:${ref.line}](<${s.href}#L${ref.line}>)`;
}
