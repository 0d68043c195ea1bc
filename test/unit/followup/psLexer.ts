/**
 * Just enough of the PowerShell tokenizer to check generated scripts: strings (single-quoted,
 * verbatim, a quote — ASCII or typographic — doubled; double-quoted, backtick escapes, `""`),
 * comments, and bracket nesting outside them. Throws on an unterminated string or unbalanced
 * bracket, naming the line.
 */

const SINGLE = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
const DOUBLE = new Set(['"', '\u201c', '\u201d', '\u201e']);
const OPEN: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
const CLOSE = new Set([')', '}', ']']);

/** One string literal of the script, with its decoded value. */
export interface PsString {
  quote: 'single' | 'double';
  value: string;
  line: number;
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** The string literals of `script`, in order. */
export function psStrings(script: string): PsString[] {
  const out: PsString[] = [];
  const stack: { ch: string; at: number }[] = [];
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === '#' && (i === 0 || /\s/.test(script[i - 1]))) {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    }
    if (SINGLE.has(c)) {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= script.length)
          throw new Error(`unterminated single-quoted string from line ${lineAt(script, start)}`);
        const d = script[i];
        if (SINGLE.has(d)) {
          if (i + 1 < script.length && SINGLE.has(script[i + 1])) {
            value += d;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      out.push({ quote: 'single', value, line: lineAt(script, start) });
      continue;
    }
    if (DOUBLE.has(c)) {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= script.length)
          throw new Error(`unterminated double-quoted string from line ${lineAt(script, start)}`);
        const d = script[i];
        if (d === '`') {
          value += script[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (DOUBLE.has(d)) {
          if (i + 1 < script.length && DOUBLE.has(script[i + 1])) {
            value += d;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += d;
        i++;
      }
      out.push({ quote: 'double', value, line: lineAt(script, start) });
      continue;
    }
    if (c in OPEN) stack.push({ ch: c, at: i });
    else if (CLOSE.has(c)) {
      const top = stack.pop();
      if (!top || OPEN[top.ch] !== c) throw new Error(`unbalanced "${c}" on line ${lineAt(script, i)}`);
    }
    i++;
  }
  if (stack.length > 0)
    throw new Error(
      `unclosed "${stack[stack.length - 1].ch}" from line ${lineAt(script, stack[stack.length - 1].at)}`,
    );
  return out;
}
