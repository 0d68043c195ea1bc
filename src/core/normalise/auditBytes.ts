import { ByteStringCache, HASH_SEED, hashBytes } from '../text/byteStrings';
import {
  APP_CONTEXT_FIELD_NAMES,
  FOLDER_FIELD_NAMES,
  ITEM_FIELD_NAMES,
  PROPERTY_FIELD_NAMES,
  TOP_FIELDS,
} from './auditShape';

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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const SPACE = 0x20;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

/** 1 for the bytes a string holds as they are: printable ASCII other than `"` and `\`. */
const PLAIN = new Uint8Array(256);
for (let c = 0x20; c < 0x80; c++) PLAIN[c] = c === QUOTE || c === BACKSLASH ? 0 : 1;

/** String flags of the last scanned string. */
const HAS_ESCAPE = 1;
const NON_ASCII = 2;

/** Nesting beyond this is left to the full parse (keeps this parser's recursion shallow). */
const MAX_DEPTH = 64;

/** Thrown (never escapes this module) when the full parse must decide; made once, thrown often. */
const BAIL = new Error('the full parse decides');

/** Canonical names looked up by the bytes of a key, lower-cased (ASCII), without making a string. */
class ByteNames {
  private readonly slots: Int16Array;
  private readonly mask: number;
  private readonly bytes: Uint8Array[];

  constructor(readonly names: readonly string[]) {
    let size = 16;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.slots = new Int16Array(size);
    this.bytes = names.map((n) => Buffer.from(n.toLowerCase(), 'latin1'));
    this.bytes.forEach((b, i) => {
      let at = hashLower(b, 0, b.length) & this.mask;
      while (this.slots[at] !== 0) at = (at + 1) & this.mask;
      this.slots[at] = i + 1;
    });
  }

  /** Index of the name spelled (in any ASCII case) by `buf[start, end)` (of `hashLower` `hash`), or -1. */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const len = end - start;
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const slot = this.slots[at];
      if (slot === 0) return -1;
      const name = this.bytes[slot - 1];
      if (name.length !== len) continue;
      let i = 0;
      while (i < len && LOWER[buf[start + i]] === name[i]) i++;
      if (i === len) return slot - 1;
    }
  }
}

/** ASCII lower case of each byte. */
const LOWER = new Uint8Array(256);
for (let c = 0; c < 256; c++) LOWER[c] = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;

function hashLower(buf: Uint8Array, start: number, end: number): number {
  let h = 0;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + LOWER[buf[i]]) | 0;
  return h;
}

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** Keys that make a JSON line a container element rather than a raw AuditData (see `shapeOf`). */
const WRAPPER_KEYS = ['TimeGenerated', 'Properties', 'Category', 'RawEventData', 'AuditData'];

const TOP = new ByteNames([...TOP_FIELDS.names, ...WRAPPER_KEYS]);
const TOP_COUNT = TOP_FIELDS.names.length;
const PROPERTY = new ByteNames(PROPERTY_FIELD_NAMES);
const APP_CONTEXT = new ByteNames(APP_CONTEXT_FIELD_NAMES);
const FOLDER = new ByteNames(FOLDER_FIELD_NAMES);
const ITEM = new ByteNames(ITEM_FIELD_NAMES);

const I = (set: ByteNames, name: string): number => set.names.indexOf(name);
const T_OPERATION_PROPERTIES = I(TOP, 'OperationProperties');
const T_APP_ACCESS_CONTEXT = I(TOP, 'AppAccessContext');
const T_FOLDERS = I(TOP, 'Folders');
const T_ITEM = I(TOP, 'Item');
const T_CREATION_TIME = I(TOP, 'CreationTime');
const T_OPERATION = I(TOP, 'Operation');
const T_ID = I(TOP, 'Id');
const F_FOLDER_ITEMS = I(FOLDER, 'FolderItems');
const IT_ID = I(ITEM, 'Id');
const IT_PARENT = I(ITEM, 'ParentFolder');
const IT_MESSAGE_ID = I(ITEM, 'InternetMessageId');

/** The objects the engine reads, each with its own known keys. */
const enum Kind {
  Top,
  Property,
  AppContext,
  Folder,
  ParentFolder,
  Item,
  FolderItem,
}
const NAMES: readonly ByteNames[] = [TOP, PROPERTY, APP_CONTEXT, FOLDER, FOLDER, ITEM, ITEM];

/** Every known key of a set, a bit each. */
const all = (set: ByteNames): number => 2 ** set.names.length - 1;
/**
 * Known keys (a bit each, by `Kind`) whose text values repeat from record to record (mailboxes,
 * sessions, apps, client strings, folders, subjects, property names): read through `repeated`.
 * Record ids, times and message ids are nearly all distinct and stay plain substrings.
 */
const REPEATED: readonly number[] = [
  all(TOP) & ~(1 << T_ID) & ~(1 << T_CREATION_TIME),
  all(PROPERTY),
  all(APP_CONTEXT),
  all(FOLDER),
  all(FOLDER),
  all(ITEM) & ~(1 << IT_MESSAGE_ID),
  all(ITEM) & ~(1 << IT_MESSAGE_ID),
];
/** Distinct repeated values remembered, and the longest remembered (in bytes). */
const REPEATED_SLOTS = 4096;
const REPEATED_MAX_BYTES = 128;

type Scalar = string | number | boolean | null;
type Obj = Record<string, unknown>;

/*
 * Builders of the picked objects: value `v[k]` under known name k when bit k of `m` is set, in the
 * order of the names (the key order of a picked object is not observed: fields are read by name).
 * Written out so that each store is a named one; `checkBuilders` proves them in step with the names.
 */
type Build = (v: unknown[], m: number) => Obj;

const buildTop: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.CreationTime = v[1];
  if (m & 0x4) o.Operation = v[2];
  if (m & 0x8) o.RecordType = v[3];
  if (m & 0x10) o.MailboxOwnerUPN = v[4];
  if (m & 0x20) o.MailboxGuid = v[5];
  if (m & 0x40) o.UserId = v[6];
  if (m & 0x80) o.LogonType = v[7];
  if (m & 0x100) o.UserType = v[8];
  if (m & 0x200) o.OperationProperties = v[9];
  if (m & 0x400) o.SessionId = v[10];
  if (m & 0x800) o.AppAccessContext = v[11];
  if (m & 0x1000) o.ClientIPAddress = v[12];
  if (m & 0x2000) o.ClientIP = v[13];
  if (m & 0x4000) o.ClientInfoString = v[14];
  if (m & 0x8000) o.AppId = v[15];
  if (m & 0x10000) o.ClientAppId = v[16];
  if (m & 0x20000) o.OperationCount = v[17];
  if (m & 0x40000) o.ExternalAccess = v[18];
  if (m & 0x80000) o.OrganizationId = v[19];
  if (m & 0x100000) o.TokenTenantId = v[20];
  if (m & 0x200000) o.OriginatingServer = v[21];
  if (m & 0x400000) o.Folders = v[22];
  if (m & 0x800000) o.Item = v[23];
  return o;
};
const buildProperty: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Name = v[0];
  if (m & 0x2) o.Value = v[1];
  return o;
};
const buildAppContext: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.AADSessionId = v[0];
  return o;
};
const buildFolder: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.Path = v[1];
  if (m & 0x4) o.Name = v[2];
  if (m & 0x8) o.FolderItems = v[3];
  return o;
};
const buildItem: Build = (v, m) => {
  const o: Obj = {};
  if (m & 0x1) o.Id = v[0];
  if (m & 0x2) o.InternetMessageId = v[1];
  if (m & 0x4) o.SizeInBytes = v[2];
  if (m & 0x8) o.Subject = v[3];
  if (m & 0x10) o.ParentFolder = v[4];
  return o;
};
/** By `Kind`. */
const BUILD: readonly Build[] = [
  buildTop,
  buildProperty,
  buildAppContext,
  buildFolder,
  buildFolder,
  buildItem,
  buildItem,
];

/** Throws at load when a builder and its names disagree (a name added to one list and not the other). */
function checkBuilders(): void {
  BUILD.forEach((build, kind) => {
    // Wrapper keys (beyond the AuditData fields) are never stored.
    const names = kind === 0 ? NAMES[kind].names.slice(0, TOP_COUNT) : NAMES[kind].names; // 0: Kind.Top
    const built = build([...names], 2 ** names.length - 1);
    const keys = Object.keys(built);
    if (keys.length !== names.length || keys.some((key, i) => key !== names[i] || built[key] !== key))
      throw new Error(
        `internal: the builder of picked objects of kind ${kind} is out of step with its names`,
      );
  });
}

class Parser {
  buf: Buffer = Buffer.alloc(0);
  p = 0;
  end = 0;
  /** Quotes are doubled (the text of a quoted CSV cell before un-doubling). */
  doubled = false;
  s0 = 0;
  s1 = 0;
  sFlags = 0;
  /** The whole text decoded as Latin-1 (byte i of the buffer is character i - base). */
  text = '';
  base = 0;
  /** The last key read had spaces around it. */
  padded = false;
  /** Known keys (unpadded) of the last object read by `members`, a bit each. */
  present = 0;
  /** The text is a whole JSON line (see `pickAuditBytes`). */
  element = false;
  /** Values of the object being read at each nesting depth, by known-key index (see `members`). */
  readonly slots: unknown[][] = [];
  /** Strings of repeated values by their bytes (see `repeated`). */
  readonly memo = new ByteStringCache(REPEATED_SLOTS, REPEATED_MAX_BYTES);

  ws(): void {
    const buf = this.buf;
    let p = this.p;
    while (p < this.end) {
      const c = buf[p];
      if (c !== SPACE && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.p = p;
  }

  /** The unit at `p` after whitespace (-1 at the end). */
  peek(): number {
    this.ws();
    return this.p < this.end ? this.buf[this.p] : -1;
  }

  expect(c: number): void {
    if (this.peek() !== c) throw BAIL;
    this.p++;
  }

  /** Scans the string opening at `p`; its content is `[s0, s1)` with flags `sFlags`. */
  str(): void {
    const buf = this.buf;
    const end = this.end;
    const q = this.doubled ? 2 : 1;
    let p = this.p;
    if (buf[p] !== QUOTE || (q === 2 && (p + 1 >= end || buf[p + 1] !== QUOTE))) throw BAIL;
    p += q;
    const s0 = p;
    let flags = 0;
    for (;;) {
      while (p < end && PLAIN[buf[p]] === 1) p++;
      if (p >= end) throw BAIL;
      const c = buf[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        flags |= HAS_ESCAPE;
        if (p + 1 >= end) throw BAIL;
        const d = buf[p + 1];
        if (d === QUOTE) {
          if (q === 2 && (p + 2 >= end || buf[p + 2] !== QUOTE)) throw BAIL;
          p += 1 + q;
        } else if (
          d === BACKSLASH ||
          d === 0x2f ||
          d === 0x62 ||
          d === 0x66 ||
          d === 0x6e ||
          d === 0x72 ||
          d === 0x74
        ) {
          p += 2;
        } else if (d === 0x75) {
          if (p + 6 > end) throw BAIL;
          if (!(isHex(buf[p + 2]) && isHex(buf[p + 3]) && isHex(buf[p + 4]) && isHex(buf[p + 5]))) throw BAIL;
          p += 6;
        } else {
          throw BAIL;
        }
        continue;
      }
      if (c < SPACE) throw BAIL;
      if (c >= 0x80) flags |= NON_ASCII;
      p++;
    }
    if (q === 2 && (p + 1 >= end || buf[p + 1] !== QUOTE)) throw BAIL;
    this.s0 = s0;
    this.s1 = p;
    this.sFlags = flags;
    this.p = p + q;
  }

  /** The value of the string opening at `p`, exactly as JSON.parse gives it. */
  strValue(): string {
    this.str();
    // One byte is one character in the cell's Latin-1 text, so an ASCII string is a part of it.
    if (this.sFlags === 0) return this.text.substring(this.s0 - this.base, this.s1 - this.base);
    return this.decoded();
  }

  /**
   * `strValue` for a value that repeats across records: the same bytes give back the same string
   * object (`memo`), made on a miss as a string of its own (a substring would keep the record's
   * whole text alive in the memo).
   */
  repeated(): string {
    const buf = this.buf;
    const end = this.end;
    const start = this.p;
    const q = this.doubled ? 2 : 1;
    // The common value, plain ASCII, is hashed as it is scanned; anything else is scanned by `str`.
    let p = start + q;
    let h = HASH_SEED;
    while (p < end) {
      const c = buf[p];
      if (PLAIN[c] !== 1) break;
      h = Math.imul(h ^ c, 0x01000193);
      p++;
    }
    if (
      p < end &&
      buf[p] === QUOTE &&
      (q === 1 || (buf[start + 1] === QUOTE && p + 1 < end && buf[p + 1] === QUOTE))
    ) {
      this.s0 = start + q;
      this.s1 = p;
      this.sFlags = 0;
      this.p = p + q;
    } else {
      this.str();
      h = hashBytes(buf, this.s0, this.s1);
    }
    const { s0, s1 } = this;
    if (s1 - s0 > REPEATED_MAX_BYTES)
      return this.sFlags === 0 ? this.text.substring(s0 - this.base, s1 - this.base) : this.decoded();
    const tag = q;
    let value = this.memo.find(buf, s0, s1, h, tag);
    if (value === undefined) {
      value = this.sFlags === 0 ? buf.toString('latin1', s0, s1) : this.decoded();
      this.memo.remember(buf, s0, s1, h, tag, value);
    }
    return value;
  }

  /** The last scanned string (escapes or non-ASCII), decoded as JSON.parse decodes it. */
  decoded(): string {
    const { buf, s0, s1, sFlags } = this;
    if ((sFlags & HAS_ESCAPE) === 0) return buf.toString('utf8', s0, s1);
    let raw = buf.toString('utf8', s0, s1);
    // Doubled quotes occur only inside `\""` escapes here; undo them, then let JSON decode escapes.
    if (this.doubled) raw = raw.replaceAll('""', '"');
    return JSON.parse(`"${raw}"`) as string;
  }

  /** The number at `p` (JSON grammar), as JSON.parse gives it. */
  num(): number {
    const buf = this.buf;
    const end = this.end;
    const start = this.p;
    let p = start;
    let neg = false;
    if (buf[p] === MINUS) {
      neg = true;
      p++;
    }
    let c = p < end ? buf[p] : -1;
    let v = 0;
    let digits = 0;
    if (c === ZERO) {
      p++;
      digits = 1;
    } else if (c > ZERO && c <= NINE) {
      while (p < end && (c = buf[p]) >= ZERO && c <= NINE) {
        v = v * 10 + (c - ZERO);
        p++;
        digits++;
      }
    } else {
      throw BAIL;
    }
    let simple = true;
    if (p < end && buf[p] === 0x2e) {
      simple = false;
      p = this.digits(p + 1);
    }
    if (p < end && (buf[p] | 0x20) === 0x65) {
      simple = false;
      p++;
      if (p < end && (buf[p] === 0x2b || buf[p] === MINUS)) p++;
      p = this.digits(p);
    }
    this.p = p;
    if (simple && digits <= 15) return neg ? -v : v;
    return Number(buf.toString('latin1', start, p));
  }

  /** Index after one or more digits starting at `p`. */
  digits(p: number): number {
    const start = p;
    while (p < this.end && this.buf[p] >= ZERO && this.buf[p] <= NINE) p++;
    if (p === start) throw BAIL;
    return p;
  }

  literal(text: string, value: boolean | null): boolean | null {
    const buf = this.buf;
    const p = this.p;
    if (p + text.length > this.end) throw BAIL;
    for (let i = 0; i < text.length; i++) if (buf[p + i] !== text.charCodeAt(i)) throw BAIL;
    this.p = p + text.length;
    return value;
  }

  /** A string, number, true, false or null; an object or array is left to the full parse. */
  scalar(): Scalar {
    const c = this.peek();
    if (c === QUOTE) return this.strValue();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.num();
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    throw BAIL;
  }

  /** Validates any value and builds nothing. */
  skip(depth: number): void {
    const c = this.peek();
    if (c === QUOTE) {
      this.str();
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) throw BAIL;
      const close = c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      this.p++;
      if (this.peek() === close) {
        this.p++;
        return;
      }
      for (;;) {
        if (c === OPEN_BRACE) {
          this.ws();
          this.str();
          this.expect(COLON);
        }
        this.skip(depth + 1);
        const n = this.peek();
        this.p++;
        if (n === close) return;
        if (n !== COMMA) throw BAIL;
      }
    } else {
      this.scalar();
    }
  }

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
    this.p = p + q;
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
  members(kind: Kind, depth: number): Obj {
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
    for (;;) {
      const k = this.key(names);
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
  value(kind: Kind, k: number): Scalar {
    if ((REPEATED[kind] & (1 << k)) !== 0 && this.peek() === QUOTE) return this.repeated();
    return this.scalar();
  }

  /** The value of known member `k` of an object of kind `kind` (undefined: not picked). */
  field(kind: Kind, k: number, depth: number): unknown {
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
  objects(kind: Kind, depth: number): Obj[] | null {
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
  object(kind: Kind, depth: number): Obj | null {
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

checkBuilders();
const parser = new Parser();

/**
 * `canonicalAudit(JSON.parse(text))` for the UTF-8 text in `bytes[start, end)`, read without
 * decoding it, or undefined when the full parse must decide (see the module comment).
 * `doubledQuotes`: the bytes are a quoted CSV cell's content, every `"` written `""`.
 * `element`: the text is a whole JSON line, which counts only when it is a raw AuditData object
 * (not a Defender, Graph, cmdlet or Sentinel wrapper).
 *
 * Its ASCII strings are substrings of one Latin-1 decoding of the whole text (far cheaper than
 * decoding each), so holding one keeps that text alive: fine in a worker, whose values are copied
 * by postMessage, but a caller that keeps the values (reading in its own thread) must copy them.
 */
export function pickAuditBytes(
  bytes: Buffer,
  start: number,
  end: number,
  doubledQuotes: boolean,
  element: boolean,
): Record<string, unknown> | undefined {
  parser.buf = bytes;
  parser.p = start;
  parser.end = end;
  parser.doubled = doubledQuotes;
  parser.text = bytes.toString('latin1', start, end);
  parser.base = start;
  try {
    parser.element = element;
    return parser.top();
  } catch (error) {
    if (error === BAIL) return undefined;
    throw error;
  } finally {
    parser.buf = EMPTY;
    parser.text = '';
  }
}

const EMPTY = Buffer.alloc(0);
