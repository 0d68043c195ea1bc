import type { ScopeReport } from './reportTypes';

/** The JSON report as text: two-space indentation, a final newline. */
export function writeJsonReport(report: ScopeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep: stringified inside `depth`
 * nested one-element arrays and cut out, so V8 does the indenting (no pass over the text).
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  let head = 0;
  for (let i = 1; i <= depth; i++) head += 2 + 2 * i; // "[" + "\n" + indentation, per level
  let tail = 0;
  for (let i = 0; i < depth; i++) tail += 2 + 2 * i;
  return text.slice(head, text.length - tail);
}

/**
 * The JSON report as a sequence of text chunks whose concatenation equals `writeJsonReport`, one
 * mailbox at a time: a full report of 300,000 records is several hundred MB, more than one string
 * may hold, so writers stream these chunks instead.
 */
export function* jsonReportChunks(report: ScopeReport): Generator<string> {
  const keys = Object.keys(report) as (keyof ScopeReport)[];
  yield '{';
  let first = true;
  for (const key of keys) {
    const value = report[key];
    if (value === undefined) continue;
    yield `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (key === 'mailboxes' && report.mailboxes.length > 0) {
      let i = 0;
      for (const m of report.mailboxes) {
        yield `${i++ === 0 ? '[' : ','}\n    ${nested(m, 2)}`;
      }
      yield '\n  ]';
    } else {
      yield nested(value, 1);
    }
  }
  yield first ? '}\n' : '\n}\n';
}
