import { deferredMessages, type MessageRows } from './messageRows';
import type { ScopeReport } from './reportTypes';
import { asciiBytes, ByteText } from './byteText';

/**
 * Where runs of messages are written: `text`, the buffer shared by the mailboxes of one report,
 * each run coming out as its text; or, with `into`, appended to that consumer's buffer (never
 * cleared here), each run coming out as an empty chunk.
 */
interface Out {
  text?: ByteText;
  readonly into?: ByteText;
}

/** The JSON report as text: two-space indentation, a final newline. */
export function writeJsonReport(report: ScopeReport): string {
  // Deferred messages (see `MessageRows`) are written by the chunk writer only.
  if (report.mailboxes.some((m) => deferredMessages(m) !== undefined))
    return [...jsonReportChunks(report)].join('');
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Indentation strings by depth (a line break, then two spaces per level). */
const breaks: string[] = [];
function lineBreak(depth: number): string {
  for (let d = breaks.length; d <= depth; d++) breaks.push(`\n${'  '.repeat(d)}`);
  return breaks[depth];
}

/**
 * `value` as JSON.stringify(…, null, 2) writes it `depth` levels deep: stringified inside `depth`
 * nested one-element arrays and cut out, so V8 does the indenting (no pass over the text).
 * Undefined when JSON.stringify writes nothing for it (undefined, a function, a symbol).
 */
function nested(value: unknown, depth: number): string | undefined {
  let wrapped: unknown = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2) as string | undefined;
  if (depth === 0) return text;
  // An omitted value inside an array is written `null`.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  let head = 0;
  for (let i = 1; i <= depth; i++) head += 2 + 2 * i; // "[" + "\n" + indentation, per level
  let tail = 0;
  for (let i = 0; i < depth; i++) tail += 2 + 2 * i;
  return text!.slice(head, text!.length - tail);
}

/** Plain objects and arrays are walked; anything else (toJSON, boxed values…) goes to V8 whole. */
function walkable(v: unknown): v is Record<string, unknown> | unknown[] {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (
    (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}

/**
 * True when `v` holds an array longer than `batch` within `levels` levels: too big to be written
 * in one string (a mailbox of 300,000 records is more than a string may hold).
 */
function big(v: unknown, levels: number, batch: number): boolean {
  // Called for every message: plain type checks only (toJSON objects are not walked by
  // `valueChunks`, which checks `walkable` itself).
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v)) {
    if (v.length > batch) return true;
    if (levels > 0) for (const e of v) if (big(e, levels - 1, batch)) return true;
    return false;
  }
  // A heuristic (chunk sizes only, not the text): for-in spares a key array per object.
  if (levels > 0) {
    if (deferredMessages(v) !== undefined) return true;
    for (const k in v) if (big((v as Record<string, unknown>)[k], levels - 1, batch)) return true;
  }
  return false;
}

/** How deep `big` looks: report → mailboxes → mailbox → messages. */
const LOOK = 3;

/** Items of a big array, a few hundred per string (V8 writes each run). */
function* itemChunks(items: readonly unknown[], depth: number, batch: number, out: Out): Generator<string> {
  const open = lineBreak(depth + 1);
  let start = 0;
  // Runs of small items are stringified together: the text of `[a, b, …]` one level deeper,
  // without its brackets, is the items with their separators exactly as the whole array has them.
  const flush = function* (end: number): Generator<string> {
    if (end <= start) return;
    const run = items.slice(start, end);
    const text = nested(run, depth)!;
    yield `${start === 0 ? '[' : ','}${open}${text.slice(1 + open.length, text.length - depth * 2 - 2)}`;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const alone = big(item, 1, batch);
    if (i - start >= batch || alone) {
      yield* flush(i);
      start = i;
    }
    if (alone) {
      yield `${i === 0 ? '[' : ','}${open}`;
      yield* valueChunks(item, depth + 1, batch, out);
      start = i + 1;
    }
  }
  yield* flush(items.length);
  yield `${lineBreak(depth)}]`;
}

/**
 * Deferred messages (see `MessageRows`) as the array of them is written at `depth`, `batch` a
 * chunk (see `Out`).
 */
function* rowChunks(rows: MessageRows, depth: number, batch: number, out: Out): Generator<string> {
  if (rows.size === 0) {
    yield '[]';
    return;
  }
  const open = asciiBytes(`[${lineBreak(depth + 1)}`);
  const separator = asciiBytes(`,${lineBreak(depth + 1)}`);
  const into = out.into;
  // One buffer for every mailbox of the report (not a megabyte of new memory each).
  const text = into ?? (out.text ??= new ByteText(1 << 20));
  for (let start = 0; start < rows.size; start += batch) {
    const end = Math.min(rows.size, start + batch);
    if (!into) text.clear();
    text.raw(start === 0 ? open : separator);
    for (let k = start; k < end; k++) {
      if (k > start) text.raw(separator);
      rows.writeBytes(k, depth + 1, text);
    }
    yield into ? '' : text.toString();
  }
  // A table built for the writing goes with it (the next mailbox's is built next).
  rows.release();
  yield `${lineBreak(depth)}]`;
}

/** `value` at `depth` as text chunks; big arrays are written a run of items at a time. */
function* valueChunks(value: unknown, depth: number, batch: number, out: Out): Generator<string> {
  if (!walkable(value) || !big(value, LOOK, batch)) {
    yield nested(value, depth) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield* itemChunks(value, depth, batch, out);
    return;
  }
  const object = value;
  const rows = deferredMessages(object);
  let first = true;
  for (const key of Object.keys(object)) {
    const v = object[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '{' : ','}${lineBreak(depth + 1)}${JSON.stringify(key)}: `;
    first = false;
    if (rows && key === 'messages') yield* rowChunks(rows, depth + 1, batch, out);
    else yield* valueChunks(v, depth + 1, batch, out);
  }
  yield first ? '{}' : `${lineBreak(depth)}}`;
}

/** Items per string when a big array is written (each string a few hundred kB). */
const BATCH = 256;

/**
 * The JSON report as a sequence of text chunks whose concatenation equals `writeJsonReport`: a
 * full report of 300,000 records is several hundred MB, more than one string may hold, so
 * writers stream these chunks instead. Arrays of more than `batch` items (messages) are written
 * `batch` items per chunk, so no chunk is much bigger than that, whatever a mailbox holds.
 */
export function* jsonReportChunks(report: ScopeReport, batch = BATCH): Generator<string> {
  yield* valueChunks(report, 0, batch, {});
  yield '\n';
}

const NEWLINE = asciiBytes('\n');

/**
 * `jsonReportChunks` written straight into `to`, a buffer its consumer drains between steps: each
 * step appends the next chunk's UTF-8 (a run of messages is written there byte by byte, never as
 * text nor copied from another buffer), then yields so the consumer may hand the bytes to a file
 * and empty `to` (`clear`, or a fresh `bytes`) before the next chunk.
 */
export function* jsonReportInto(report: ScopeReport, to: ByteText, batch = BATCH): Generator<void> {
  for (const part of valueChunks(report, 0, batch, { into: to })) {
    // Empty for a run already written into `to`.
    if (part.length > 0) to.encoded(part);
    yield;
  }
  to.raw(NEWLINE);
  yield;
}
