/** Building blocks of the Markdown report. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mdLinkText, mdText } from './escape';
import { sourceLink } from './sourceLinks';
import type { RecordRefJson } from './reportTypes';

export type Lines = string[];

export function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** The header of a Markdown table: its column names and the delimiter row. */
export function tableHead(out: Lines, header: readonly string[]): void {
  out.push(row(header), row(header.map(() => '---')));
}

/** A Markdown table of already-escaped cells, then a blank line. */
export function table(out: Lines, header: readonly string[], rows: readonly (readonly string[])[]): void {
  tableHead(out, header);
  for (const r of rows) out.push(row(r));
  out.push('');
}

/**
 * The report's lines as text given piece by piece: the lines joined by line breaks, ending in
 * exactly one (as `lines.join('\n')` with its trailing line breaks trimmed, then one added). A
 * piece's trailing line breaks are held back until more text follows.
 */
export class JoinedLines {
  private started = false;
  private held = '';

  /** The text of `lines` (emptied) to write next. */
  take(lines: Lines): string {
    if (lines.length === 0) return '';
    const text = (this.started ? '\n' : '') + lines.join('\n');
    lines.length = 0;
    this.started = true;
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
    if (end === 0) {
      this.held += text;
      return '';
    }
    const out = this.held + text.slice(0, end);
    this.held = text.slice(end);
    return out;
  }

  /** The end of the text. */
  end(): string {
    return '\n';
  }
}

export { num } from './countText';

/** `file:line`, linked to that line of the file when the path is absolute (VS Code opens `#L<line>`). */
export function recordLink(ref: Pick<RecordRefJson, 'source' | 'line'>, names: Map<string, string>): string {
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
