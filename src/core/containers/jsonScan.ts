import {
  BACKSLASH,
  bufferEncoding,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  findUnit,
  LF,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  TAB,
  unitAt,
  type UnitWidth,
} from '../text/units';

/** Outcome of scanning one JSON value that starts with `{` or `[`. */
export type ValueScan =
  /** The buffer ends inside the value: read more and scan again from its start. */
  | { kind: 'more' }
  /** A balanced value; `end` is the index just past its last unit. */
  | { kind: 'element'; end: number }
  /** The object is a Graph page: its `"value": [` array opens at index `arrayAt`. */
  | { kind: 'page'; arrayAt: number }
  /**
   * The value cannot be a well-formed element. `resumeAt`: index where the next element certainly
   * starts; otherwise search for the next element from the first line break at or after `searchFrom`.
   */
  | { kind: 'broken'; reason: string; resumeAt?: number; searchFrom: number };

/** Index of the closing quote of the string opening at `start`, -1 if the buffer ends first. */
export function scanString(buf: Buffer, start: number, w: UnitWidth): number {
  const contentStart = start + w;
  let from = contentStart;
  for (;;) {
    const hit = findUnit(buf, QUOTE, from, w);
    if (hit < 0) return -1;
    // A quote preceded by an odd run of backslashes is escaped.
    let backslashes = 0;
    for (let k = hit - w; k >= contentStart && unitAt(buf, k, w) === BACKSLASH; k -= w) backslashes++;
    if ((backslashes & 1) === 0) return hit;
    from = hit + w;
  }
}

/**
 * True when the string between `start` (its opening quote) and `close` names the array of a page:
 * `value` (Graph `{ "value": [...] }` pages) or `records` (Azure Event Hubs / diagnostic-settings
 * batches `{ "records": [...] }`, which is how Defender streams CloudAppEvents wrappers).
 */
export function isValueKey(buf: Buffer, start: number, close: number, w: UnitWidth): boolean {
  const units = (close - start - w) / w;
  if (units !== 5 && units !== 7) return false;
  const key = buf.toString(bufferEncoding(w), start + w, close);
  return key === 'value' || key === 'records';
}

/**
 * Scans the JSON object or array starting at index `start` by tracking strings, escapes and
 * bracket nesting (the text inside is not validated: JSON.parse does that per element). Signs that
 * an element was cut short are reported as `broken` so that the reader can resynchronise:
 * a raw line break inside a string (impossible in JSON), mismatched brackets, the end of the input,
 * and, in pretty-printed exports (`indent` ≥ 0: the element's column when it starts its own line),
 * a later line that opens `{` at the element's own column before the element closed.
 *
 * With `detectPage`, an object whose first level holds `"value": [` (or `"records": [`) is reported
 * as a page.
 * `nextLineFeed(i)` finds the first line feed at or after index `i` (callers pass a remembering
 * finder so that one-line files are not searched again for every element).
 */
export function scanValue(
  buf: Buffer,
  start: number,
  atEof: boolean,
  w: UnitWidth,
  detectPage: boolean,
  indent: number,
  nextLineFeed: (from: number) => number = (from) => findUnit(buf, LF, from, w),
): ValueScan {
  const limit = buf.length;
  const stack: number[] = [];
  let p = start;
  let nextLf = -2;
  let keyIsValue = false;
  let afterColon = false;
  while (p < limit) {
    const c = unitAt(buf, p, w);
    if (c === QUOTE) {
      const close = scanString(buf, p, w);
      if (close < 0) break;
      if (nextLf !== -1 && nextLf < p) nextLf = nextLineFeed(p);
      if (nextLf >= 0 && nextLf < close) {
        return {
          kind: 'broken',
          reason: 'a string runs past the end of its line (the element was cut short?)',
          searchFrom: nextLf,
        };
      }
      if (detectPage && stack.length === 1) {
        keyIsValue = isValueKey(buf, p, close, w);
        afterColon = false;
      }
      p = close + w;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (detectPage && stack.length === 1 && c === OPEN_BRACKET && afterColon)
        return { kind: 'page', arrayAt: p };
      stack.push(c);
      keyIsValue = afterColon = false;
      p += w;
      continue;
    }
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const open = stack.pop();
      if (open === undefined || (open === OPEN_BRACE) !== (c === CLOSE_BRACE)) {
        return {
          kind: 'broken',
          reason: 'its brackets do not match (the element was cut short?)',
          searchFrom: p,
        };
      }
      p += w;
      if (stack.length === 0) return { kind: 'element', end: p };
      keyIsValue = afterColon = false;
      continue;
    }
    if (c === LF && indent >= 0) {
      let q = p + w;
      while (q < limit && (unitAt(buf, q, w) === SPACE || unitAt(buf, q, w) === TAB)) q += w;
      if (q >= limit && !atEof) return { kind: 'more' };
      if (q < limit && (q - p - w) / w === indent && unitAt(buf, q, w) === OPEN_BRACE) {
        return {
          kind: 'broken',
          reason: 'the next element starts before this one is closed (the element was cut short)',
          resumeAt: q,
          searchFrom: q,
        };
      }
    } else if (detectPage && stack.length === 1 && c > SPACE) {
      afterColon = c === COLON && keyIsValue;
      if (c !== COLON) keyIsValue = false;
    }
    p += w;
  }
  if (!atEof) return { kind: 'more' };
  return {
    kind: 'broken',
    reason: 'the file ends inside this element (the export was cut short?)',
    searchFrom: limit,
  };
}
