import {
  F_FOLDER_ITEMS,
  IT_ID,
  IT_PARENT,
  Kind,
  KINDS,
  NAMES,
  REPEATED,
  T_APP_ACCESS_CONTEXT,
  T_CREATION_TIME,
  T_FOLDERS,
  T_ID,
  T_ITEM,
  T_OPERATION,
  T_OPERATION_PROPERTIES,
  TOP_COUNT,
} from './auditKeys';
import type { ByteNames } from './byteNames';
import { hashLower, LOWER } from './byteNames';
import {
  BAIL,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  JsonBytes,
  OPEN_BRACE,
  OPEN_BRACKET,
  PLAIN,
  QUOTE,
  SPACE,
} from './jsonBytes';
import { KeyOrder } from './keyOrder';
import { BUILD, checkBuilders, type Obj, type Scalar } from './pickedObjects';

/**
 * The fast path of ingestion: AuditData picked straight from the export's bytes into the object
 * `canonicalAudit(JSON.parse(text))` would give, without decoding the text, undoing CSV quote
 * doubling, or building the hundreds of values the engine never reads.
 *
 * It validates the whole text against the JSON grammar (so a broken row is never taken for a good
 * one) and answers only when the answer is certainly the full path's; anything unusual (a key with
 * escapes, non-ASCII or padded keys, a field written twice, a field of an unexpected JSON type,
 * nested text to re-parse, invalid JSON, …) returns undefined and the caller runs the full parse,
 * which decides and words any error. Values are decoded from UTF-8 one string at a time; all
 * boundaries sit on ASCII bytes, where UTF-8 decoding restarts, so each equals its part of the
 * whole decoded text.
 */

/** The picker: AuditData's known members read into objects, the rest only validated. */
class AuditPicker extends JsonBytes {
  /** The last key read had spaces around it. */
  padded = false;
  /** Known keys (unpadded) of the last object read by `members`, a bit each. */
  present = 0;
  /** The text is a whole JSON line (see `pickAuditBytes`). */
  element = false;
  /** Values of the object being read at each nesting depth, by known-key index (see `members`). */
  readonly slots: unknown[][] = [];
  /** Where the last key read by `key` ends (just after its closing quote). */
  keyEnd = 0;
  /** Key orders by kind, for plain JSON (`2 * kind`) and for doubled quotes (`2 * kind + 1`). */
  readonly orders: KeyOrder[] = Array.from({ length: 2 * KINDS }, () => new KeyOrder());

  /**
   * Reads the key at `p` (after whitespace) and its colon; returns its index in `names` (matched
   * like `pickFields`: trimmed, any case) or -1 for a key the engine ignores; `padded` says whether
   * it was trimmed. Keys it cannot match without decoding them (escapes, non-ASCII: `trim` and
   * `toLowerCase` know more than ASCII) send the row to the full parse.
   */
  key(names: ByteNames): number {
    this.ws();
    const buf = this.buf;
    const end = this.end;
    const q = this.doubled ? 2 : 1;
    let p = this.p;
    if (buf[p] !== QUOTE || (q === 2 && buf[p + 1] !== QUOTE)) throw BAIL;
    p += q;
    let s0 = p;
    // The common key: plain ASCII, hashed as it is scanned.
    let h = 0;
    let c = 0;
    while (p < end && PLAIN[(c = buf[p])] === 1) {
      h = (Math.imul(h, 31) + LOWER[c]) | 0;
      p++;
    }
    if (p >= end || c !== QUOTE || (q === 2 && (p + 1 >= end || buf[p + 1] !== QUOTE))) throw BAIL;
    let s1 = p;
    this.p = this.keyEnd = p + q;
    this.expect(COLON);
    this.padded = buf[s0] === SPACE || (s1 > s0 && buf[s1 - 1] === SPACE);
    if (this.padded) {
      while (s0 < s1 && buf[s0] === SPACE) s0++;
      while (s1 > s0 && buf[s1 - 1] === SPACE) s1--;
      h = hashLower(buf, s0, s1);
    }
    return names.find(buf, s0, s1, h);
  }

  /**
   * Reads an object of kind `kind` (its known members into a new object, the rest validated) and
   * returns it; `present` gets a bit per unpadded known key.
   */
  members(kind: number, depth: number): Obj {
    const names = NAMES[kind];
    this.present = 0;
    this.expect(OPEN_BRACE);
    if (this.peek() === CLOSE_BRACE) {
      this.p++;
      return {};
    }
    // Values wait in this level's slots and the object is built at the end by named stores
    // (`BUILD`): storing under a computed key cost a fifth of the picking.
    const slots = (this.slots[depth] ??= []);
    let seen = 0;
    let stored = 0;
    let present = 0;
    const order = this.orders[2 * kind + (this.doubled ? 1 : 0)];
    // The slot of the key before (0: none yet; -1: not learnt, no prediction).
    let after = 0;
    for (;;) {
      this.ws();
      const start = this.p;
      const predicted = order.predict(this.buf, this.view, start, this.end, after);
      let k: number;
      if (predicted !== 0) {
        // The very bytes of a key looked up before (only unpadded ones are learnt).
        k = order.answer(predicted);
        this.p = start + order.length(predicted);
        this.expect(COLON);
        this.padded = false;
        after = predicted;
      } else {
        k = this.key(names);
        after = this.padded ? -1 : order.learn(this.buf, start, this.keyEnd, k, after);
      }
      if (k < 0) {
        this.skip(depth + 1);
      } else {
        // A field written twice (or in two spellings) is resolved by the full parse's rules.
        if (seen & (1 << k)) throw BAIL;
        seen |= 1 << k;
        // `shapeOf` sees keys untrimmed: a padded key does not make a line an AuditData (or a wrapper).
        if (!this.padded) present |= 1 << k;
        const v = this.field(kind, k, depth + 1);
        if (v !== null && v !== undefined) {
          slots[k] = v;
          stored |= 1 << k;
        }
      }
      const n = this.peek();
      this.p++;
      if (n === CLOSE_BRACE) break;
      if (n !== COMMA) throw BAIL;
    }
    this.present = present;
    // Slots not stored in this object are never read (the builder reads only `stored` ones), so
    // they are not cleared: what they hold is at most one value each of an earlier record.
    return BUILD[kind](slots, stored);
  }

  /** A scalar value of known member `k` of an object of kind `kind`. */
  value(kind: number, k: number): Scalar {
    if ((REPEATED[kind] & (1 << k)) !== 0 && this.peek() === QUOTE) return this.repeated(32 * kind + k);
    return this.scalar();
  }

  /** The value of known member `k` of an object of kind `kind` (undefined: not picked). */
  field(kind: number, k: number, depth: number): unknown {
    switch (kind) {
      case Kind.Top:
        if (k >= TOP_COUNT) {
          // A container element (Defender, Graph, cmdlet, Sentinel): left to the full parse.
          if (this.element) throw BAIL;
          return this.skip(depth);
        }
        if (k === T_OPERATION_PROPERTIES) return this.objects(Kind.Property, depth);
        if (k === T_FOLDERS) return this.objects(Kind.Folder, depth);
        if (k === T_APP_ACCESS_CONTEXT) return this.object(Kind.AppContext, depth);
        if (k === T_ITEM) return this.object(Kind.Item, depth);
        return this.value(kind, k);
      case Kind.Folder:
        return k === F_FOLDER_ITEMS ? this.objects(Kind.FolderItem, depth) : this.value(kind, k);
      case Kind.ParentFolder:
        // Item.ParentFolder.FolderItems is checked unpicked by the full path: rare, left to it.
        if (k === F_FOLDER_ITEMS && this.peek() !== 0x6e) throw BAIL;
        return this.value(kind, k);
      case Kind.Item:
        // An item's Id is never read by the engine: only validated.
        if (k === IT_ID) return this.skip(depth);
        return k === IT_PARENT ? this.object(Kind.ParentFolder, depth) : this.value(kind, k);
      case Kind.FolderItem:
        // Nor are Id and ParentFolder of an item inside a folder.
        if (k === IT_ID || k === IT_PARENT) return this.skip(depth);
        return this.value(kind, k);
      default:
        return this.value(kind, k);
    }
  }

  /** An array whose elements are all objects of one kind; null counts as absent. */
  objects(kind: number, depth: number): Obj[] | null {
    const c = this.peek();
    if (c === 0x6e) return this.literal('null', null) as null;
    if (c !== OPEN_BRACKET) throw BAIL;
    this.p++;
    const out: Obj[] = [];
    if (this.peek() === CLOSE_BRACKET) {
      this.p++;
      return out;
    }
    for (;;) {
      if (this.peek() !== OPEN_BRACE) throw BAIL;
      out.push(this.members(kind, depth + 1));
      const n = this.peek();
      this.p++;
      if (n === CLOSE_BRACKET) return out;
      if (n !== COMMA) throw BAIL;
    }
  }

  /** An object of one kind, or null. */
  object(kind: number, depth: number): Obj | null {
    const c = this.peek();
    if (c === 0x6e) return this.literal('null', null) as null;
    if (c !== OPEN_BRACE) throw BAIL;
    return this.members(kind, depth);
  }

  top(): Obj {
    const out = this.members(Kind.Top, 0);
    const present = this.present;
    this.ws();
    if (this.p !== this.end) throw BAIL;
    // A JSON line is a raw AuditData only with CreationTime and Operation or Id (see `shapeOf`).
    const has = (k: number): boolean => (present & (1 << k)) !== 0;
    if (this.element && !(has(T_CREATION_TIME) && (has(T_OPERATION) || has(T_ID)))) throw BAIL;
    return out;
  }
}

const EMPTY = Buffer.alloc(0);
const EMPTY_VIEW: DataView = new DataView(new ArrayBuffer(0));

checkBuilders();
const parser = new AuditPicker();

/**
 * `canonicalAudit(JSON.parse(text))` for the UTF-8 text in `bytes[start, end)`, read without
 * decoding it, or undefined when the full parse must decide (see the module comment). Its objects
 * also hold the names the text lacks, undefined (one shape per kind: see pickedObjects.ts).
 * `doubledQuotes`: the bytes are a quoted CSV cell's content, every `"` written `""`.
 * `element`: the text is a whole JSON line, which counts only when it is a raw AuditData object
 * (not a Defender, Graph, cmdlet or Sentinel wrapper). Each string is decoded on its own (no part
 * of a larger string), so holding one keeps nothing else alive.
 */
export function pickAuditBytes(
  bytes: Buffer,
  start: number,
  end: number,
  doubledQuotes: boolean,
  element: boolean,
): Record<string, unknown> | undefined {
  parser.buf = bytes;
  parser.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  parser.p = start;
  parser.end = end;
  parser.doubled = doubledQuotes;
  try {
    parser.element = element;
    return parser.top();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  } finally {
    parser.buf = EMPTY;
    parser.view = EMPTY_VIEW;
  }
}

/**
 * `pickAuditBytes` of a quoted CSV cell whose end is not known yet: the cell's content starts at
 * `start` (just after its opening quote), every `"` in it written `""`, and the buffer holds bytes
 * up to `limit`. The picker reads the AuditData object (and the whitespace after it) and answers
 * only when a lone quote (the cell's closing quote, followed by a byte other than a quote) comes
 * next; `close` is then that quote's index and `canonical` exactly what `pickAuditBytes` gives for
 * `[start, close)`. The CSV scanner thus finds the cell's end without a second pass over its bytes.
 *
 * The quotes the picker reads inside the object all come in adjacent pairs (string delimiters and
 * `\""` escapes: it never takes a lone quote as text), read left to right from `start` just as the
 * CSV scanner pairs them, so the first lone quote after the object is the one the scanner would
 * take as the cell's end. Undefined: the full scan and parse decide (see `pickAuditBytes`).
 */
export function pickAuditCell(bytes: Buffer, start: number, limit: number): PickedCell | undefined {
  parser.buf = bytes;
  parser.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  parser.p = start;
  parser.end = limit;
  parser.doubled = true;
  try {
    parser.element = false;
    // A CSV cell is never a JSON line: `top` without its checks of the end and of the line's shape.
    const canonical = parser.members(Kind.Top, 0);
    parser.ws();
    const close = parser.p;
    // A quote right at `limit` may be the first of a pair whose second is not read yet.
    if (close + 1 >= limit || bytes[close] !== QUOTE || bytes[close + 1] === QUOTE) return undefined;
    cell.canonical = canonical;
    cell.close = close;
    return cell;
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  } finally {
    parser.buf = EMPTY;
    parser.view = EMPTY_VIEW;
  }
}

/** The answer of `pickAuditCell` (one object, reused: read it before the next call). */
export interface PickedCell {
  canonical: Record<string, unknown>;
  /** Index of the cell's closing quote. */
  close: number;
}

const cell: PickedCell = { canonical: {}, close: 0 };
