import { bufferEncoding, CR, findUnit, LF, QUOTE, unitAt, type UnitWidth } from '../text/units';

/** Field flag: the field was quoted. */
export const FIELD_QUOTED = 1;
/** Field flag: the quoted field holds `""` escapes to undo when decoding. */
export const FIELD_ESCAPED = 2;

/**
 * Field boundaries of the last scanned record (byte indexes into the scanned buffer). Reused from
 * row to row so that scanning allocates nothing per field; text is decoded only for the fields a
 * reader needs.
 */
export class CsvFields {
  start: number[] = [];
  end: number[] = [];
  flags: number[] = [];
  count = 0;

  push(start: number, end: number, flags: number): void {
    const i = this.count++;
    this.start[i] = start;
    this.end[i] = end;
    this.flags[i] = flags;
  }

  /** Decoded text of field `i` (quotes removed, `""` turned into `"`). */
  text(buf: Buffer, i: number, w: UnitWidth): string {
    if (!(this.flags[i] & FIELD_ESCAPED)) return buf.toString(bufferEncoding(w), this.start[i], this.end[i]);
    return unescapeQuotes(buf, this.start[i], this.end[i], w);
  }
}

/** Scratch space for undoing `""` escapes, grown to the longest escaped field seen. */
let scratch = Buffer.alloc(64 * 1024);

/**
 * Decodes a quoted field's bytes with each `""` collapsed to `"`. Copying the bytes in one loop and
 * decoding once is several times faster than decoding and then `replaceAll` on AuditData cells,
 * which hold hundreds of escaped quotes each.
 */
function unescapeQuotes(buf: Buffer, start: number, end: number, w: UnitWidth): string {
  if (scratch.length < end - start) scratch = Buffer.alloc(Math.max(end - start, scratch.length * 2));
  const out = scratch;
  let o = 0;
  if (w === 1) {
    for (let i = start; i < end; i++) {
      const c = buf[i];
      out[o++] = c;
      if (c === QUOTE) i++;
    }
  } else {
    for (let i = start; i < end; i += 2) {
      const lo = buf[i];
      const hi = buf[i + 1];
      out[o++] = lo;
      out[o++] = hi;
      if (lo === QUOTE && hi === 0) i += 2;
    }
  }
  return out.toString(bufferEncoding(w), 0, o);
}

/**
 * A quoted cell whose end its reader can find while reading it (the AuditData picker, which reads
 * the cell's JSON anyway): `find` gets the index just after the cell's opening quote and the end of
 * the scanned bytes, and returns the index of the cell's closing quote, or -1 to leave the cell to
 * the usual quote scan. It must answer exactly what that scan finds: the first quote, pairing quotes
 * left to right from `start`, that is not followed by another (with a byte after it in the buffer).
 */
export interface CellReader {
  /** The cell's field index in the record. */
  index: number;
  find(buf: Buffer, start: number, limit: number): number;
}

/** Outcome of scanning one record. */
export interface CsvScan {
  /**
   * `ok`: a whole record was scanned. `more`: the buffer ends inside the record (read more and scan
   * again from its start). `unterminated`: the input ends inside a quoted field. `malformed` (probe
   * scans only, see `probeMaxFields`): a stray quote or too many fields showed this is no record.
   */
  status: 'ok' | 'more' | 'unterminated' | 'malformed';
  /** Index just past the record's last content byte (before its line break). */
  end: number;
  /** Index where the next record starts (after the line break). */
  next: number;
  /** A quoted field of the record contains a line break. */
  multiLine: boolean;
  /** Index of the first field with text after its closing quote (malformed), or -1. */
  strayQuoteField: number;
}

function result(
  status: CsvScan['status'],
  end: number,
  next: number,
  multiLine: boolean,
  stray: number,
): CsvScan {
  return { status, end, next, multiLine, strayQuoteField: stray };
}

/**
 * Scans one RFC 4180 record starting at index `start` of `buf` (a whole number of units): quoted
 * fields with `""` escapes and embedded line breaks, records ended by LF or CRLF (a lone CR also ends
 * a record). `atEof` says whether the buffer's end is the end of the input. Quotes, delimiters and
 * line feeds are found with `indexOf`; nothing is decoded here.
 *
 * Lenient where spreadsheets are sloppy: a quote inside an unquoted field is kept as text; text after
 * a closing quote is kept too but reported in `strayQuoteField`, because that is how a broken quote
 * shows up.
 *
 * `probeMaxFields` makes the scan a probe (is a record starting here?): it gives up with `malformed`
 * at the first stray quote or once the record has more fields than that. A probe started in the
 * middle of a broken region then stops early instead of scanning on to the end of a long quoted
 * span, which keeps the recovery after a broken row linear in practice.
 */
export function scanCsvRecord(
  buf: Buffer,
  start: number,
  atEof: boolean,
  w: UnitWidth,
  delimiter: number,
  fields: CsvFields,
  probeMaxFields?: number,
  cell?: CellReader,
): CsvScan {
  const maxFields = probeMaxFields ?? Infinity;
  const limit = buf.length;
  fields.count = 0;
  let p = start;
  // Next delimiter / line feed at or after p, cached so that a record is searched once (-2: unknown).
  let nextLf = -2;
  let nextDelim = -2;
  let multiLine = false;
  let stray = -1;
  for (;;) {
    // p is the start of a field.
    let fieldStart = p;
    let flags = 0;
    let fieldEnd: number;
    if (p < limit && unitAt(buf, p, w) === QUOTE) {
      const contentStart = p + w;
      let q = contentStart;
      let close =
        cell !== undefined && fields.count === cell.index ? cell.find(buf, contentStart, limit) : -1;
      if (close < 0) {
        for (;;) {
          const hit = findUnit(buf, QUOTE, q, w);
          if (hit < 0) return result(atEof ? 'unterminated' : 'more', limit, limit, multiLine, stray);
          const after = hit + w;
          if (after >= limit && !atEof) return result('more', limit, limit, multiLine, stray);
          if (after < limit && unitAt(buf, after, w) === QUOTE) {
            flags |= FIELD_ESCAPED;
            q = after + w;
            continue;
          }
          close = hit;
          break;
        }
      } else if (findUnit(buf, QUOTE, contentStart, w) !== close) {
        // The cell's reader found its closing quote: a quote before that one is a `""` escape.
        flags |= FIELD_ESCAPED;
      }
      if (nextLf !== -1 && nextLf < contentStart) nextLf = findUnit(buf, LF, contentStart, w);
      if (nextLf >= 0 && nextLf < close) multiLine = true;
      flags |= FIELD_QUOTED;
      fieldStart = contentStart;
      fieldEnd = close;
      p = close + w;
      if (p < limit) {
        const c = unitAt(buf, p, w);
        if (c !== delimiter && c !== LF && c !== CR) {
          // Text after a closing quote: keep the raw field up to the next delimiter or line break.
          if (probeMaxFields !== undefined) return result('malformed', p, p, multiLine, fields.count);
          if (stray < 0) stray = fields.count;
          flags = 0;
          fieldStart = contentStart - w;
          fieldEnd = -1;
        }
      }
    } else {
      fieldEnd = -1;
    }
    if (fieldEnd < 0) {
      // Unquoted field (or the tail of a malformed one): up to the next delimiter or line feed.
      if (nextDelim !== -1 && nextDelim < p) nextDelim = findUnit(buf, delimiter, p, w);
      if (nextLf !== -1 && nextLf < p) nextLf = findUnit(buf, LF, p, w);
      const stop = nextDelim >= 0 && (nextLf < 0 || nextDelim < nextLf) ? nextDelim : nextLf;
      if (stop < 0) {
        if (!atEof) return result('more', limit, limit, multiLine, stray);
        fields.push(fieldStart, limit, flags);
        return result(fields.count > maxFields ? 'malformed' : 'ok', limit, limit, multiLine, stray);
      }
      if (stop === nextDelim) {
        fields.push(fieldStart, stop, flags);
        if (fields.count > maxFields) return result('malformed', stop, stop, multiLine, stray);
        p = stop + w;
        continue;
      }
      const contentEnd = stop - w >= fieldStart && unitAt(buf, stop - w, w) === CR ? stop - w : stop;
      fields.push(fieldStart, contentEnd, flags);
      return result(fields.count > maxFields ? 'malformed' : 'ok', contentEnd, stop + w, multiLine, stray);
    }
    fields.push(fieldStart, fieldEnd, flags);
    if (fields.count > maxFields) return result('malformed', p, p, multiLine, stray);
    // After a closing quote: a delimiter, a line break, or the end of the input.
    if (p >= limit) {
      if (!atEof) return result('more', limit, limit, multiLine, stray);
      return result('ok', p, p, multiLine, stray);
    }
    const c = unitAt(buf, p, w);
    if (c === delimiter) {
      p += w;
      continue;
    }
    if (c === LF) return result('ok', p, p + w, multiLine, stray);
    // c === CR
    if (p + w < limit && unitAt(buf, p + w, w) === LF) return result('ok', p, p + 2 * w, multiLine, stray);
    if (p + w >= limit && !atEof) return result('more', limit, limit, multiLine, stray);
    return result('ok', p, p + w, multiLine, stray);
  }
}
