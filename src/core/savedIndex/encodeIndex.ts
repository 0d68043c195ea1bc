import { crc32 } from 'node:zlib';
import { grownInt32 } from '../int32Arrays';
import { PlacedFolders } from '../investigation/compactRecord';
import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import type { FolderRef, MessageRef } from '../model';
import {
  ACCESS_TYPES,
  HEADER_BYTES,
  INDEX_FORMAT_VERSION,
  INDEX_MAGIC,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_SAME,
  NO_STRING,
  NUMBER_PRESENCE_SHIFT,
  OPTIONAL_BOOLEANS,
  RECORD_INTS,
  RECORD_NUMBERS,
  RECORD_STRINGS,
} from './indexFormat';
import type { SavedRead } from './savedRead';
import { packStrings } from './stringBlob';

/** A growable typed array (records are encoded in one pass without knowing the total first). */
class Column<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.data.buffer, 0, this.length * this.data.BYTES_PER_ELEMENT);
  }
}

/** One table of every distinct string; records refer to strings by index. */
class StringList {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  ref(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const ACCESS_CODE = new Map<string, number>(ACCESS_TYPES.map((a, i) => [a, i]));

/**
 * The saved index of one source's read, as the parts of one file: a header, a JSON part (stats,
 * other-operation ids, counts), a string table (Latin-1 text and string lengths, see `packStrings`),
 * and typed streams (Int32, Float64) that list the fields of each message, folder and record in a
 * fixed order. Decoding walks the streams once (`decodeIndex`).
 */
export function encodeIndex(read: SavedRead): Uint8Array[] {
  const steps = encodeSteps(read);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `encodeIndex` in slices of about `sliceMs`, giving the event loop a turn between them (the
 * extension host encodes a 300,000-record index after showing the export; it must stay responsive).
 */
export async function encodeIndexInSlices(read: SavedRead, sliceMs = 15): Promise<Uint8Array[]> {
  const steps = encodeSteps(read);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}

function* encodeSteps(read: SavedRead): Generator<void, Uint8Array[]> {
  const strings = new StringList();
  // Distinct messages, distinct folders, then records in columns. Records share equal folders and
  // folders share equal messages (the model treats them as immutable), which saves most of the
  // objects a reopen would otherwise make.
  const msgInts = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  const msgSizes = new Column(new Float64Array(1 << 12), (n) => new Float64Array(n));
  const folderInts = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  const n = read.records.length;
  const recordStrings = new Int32Array(n * RECORD_STRINGS.length);
  const recordInts = new Int32Array(n * RECORD_INTS);
  const recordNumbers = new Float64Array(n * RECORD_NUMBERS.length);
  const folderStart = new Int32Array(n + 1);
  const folderRefs = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  // Equal messages and folders are found through their id/path, then compared field by field
  // (cheaper than building a text key for each of hundreds of thousands of them).
  const messageList: { id: string; key: string; subject?: string; size?: number }[] = [];
  const messages = new Map<string, number[]>();
  const folderList: { f: Pick<FolderRef, 'path' | 'key' | 'id'>; items: number[] }[] = [];
  const folders = new Map<string, number[]>();
  const opt = (s: string | undefined): number => (s === undefined ? NO_STRING : strings.ref(s));
  const writeMessage = (id: string, key: string, subject: string | undefined, size: number | undefined) => {
    const k = messageList.length;
    messageList.push({ id, key, subject, size });
    message(id, key, subject, size, msgInts, msgSizes, strings, opt);
    return k;
  };
  const messageRef = (m: MessageRef): number => {
    const code = placed.store?.codeOfMessage(m);
    if (code !== undefined) return codedMessageRef(code);
    let same = messages.get(m.internetMessageId);
    if (same === undefined) messages.set(m.internetMessageId, (same = []));
    for (const k of same) {
      const o = messageList[k];
      if (o.key === m.key && o.subject === m.subject && o.size === m.sizeInBytes) return k;
    }
    const k = writeMessage(m.internetMessageId, m.key, m.subject, m.sizeInBytes);
    same.push(k);
    return k;
  };
  // A loaded record's messages are read as codes of its folder store (one per distinct message of
  // the load), written from its columns: no message object is made for the index.
  const placed = new PlacedFolders();
  let ofCode = new Int32Array(0);
  const codedMessageRef = (code: number): number => {
    if (code >= ofCode.length) ofCode = grownInt32(ofCode, Math.max(code + 1, 2 * ofCode.length));
    if (ofCode[code] > 0) return ofCode[code] - 1;
    const c = (placed.store as FolderStore).messages;
    const k = writeMessage(c.idAt(code), c.keyAt(code), c.subjectAt(code), c.sizeAt(code));
    ofCode[code] = k + 1;
    return k;
  };
  const folderRef = (f: Pick<FolderRef, 'path' | 'key' | 'id'>, items: number[]): number => {
    // Bucketed by path, id and items (a path alone is shared by tens of thousands of folders).
    const bucket = `${f.path}\u0000${f.id ?? ''}\u0000${items.join(',')}`;
    let same = folders.get(bucket);
    if (same === undefined) folders.set(bucket, (same = []));
    for (const k of same) {
      const o = folderList[k];
      if (o.f.key === f.key && o.f.id === f.id && sameNumbers(o.items, items)) return k;
    }
    const k = folderList.length;
    folderList.push({ f, items });
    same.push(k);
    folderInts.push(strings.ref(f.path));
    folderInts.push(f.key === f.path ? KEY_SAME : strings.ref(f.key));
    folderInts.push(opt(f.id));
    folderInts.push(items.length);
    for (const i of items) folderInts.push(i);
    return k;
  };
  // The folder being visited and its messages (see `visitor`).
  let visited: { f: FolderRef; items: number[] } | undefined;
  const visitor: FolderCodeVisitor = {
    folder: (code) => {
      if (visited !== undefined) folderRefs.push(folderRef(visited.f, visited.items));
      visited = { f: (placed.store as FolderStore).folderAt(code), items: [] };
    },
    message: (code) => (visited as { items: number[] }).items.push(codedMessageRef(code)),
  };
  for (let k = 0; k < n; k++) {
    if ((k & 255) === 255) yield;
    const r = read.records[k];
    const access = ACCESS_CODE.get(r.accessType);
    if (access === undefined) throw new Error(`record ${r.id}: unknown access type ${r.accessType}`);
    let flags = access;
    for (let i = 0; i < OPTIONAL_BOOLEANS.length; i++) {
      const v = r[OPTIONAL_BOOLEANS[i]];
      if (v !== undefined) flags |= (v ? 2 : 1) << (4 + 2 * i);
    }
    const s = k * RECORD_STRINGS.length;
    recordStrings[s] = strings.ref(r.id);
    recordStrings[s + 1] = strings.ref(r.mailbox);
    recordStrings[s + 2] = r.mailboxKey === r.mailbox ? KEY_SAME : strings.ref(r.mailboxKey);
    for (let c = 3; c < RECORD_STRINGS.length; c++) {
      recordStrings[s + c] = opt(r[RECORD_STRINGS[c]]);
    }
    const f = k * RECORD_NUMBERS.length;
    recordNumbers[f] = r.timeMs;
    recordNumbers[f + 1] = r.provenance.offset;
    for (let c = 2; c < RECORD_NUMBERS.length; c++) {
      const v = (r as unknown as Record<string, number | undefined>)[RECORD_NUMBERS[c]];
      if (v === undefined) continue;
      recordNumbers[f + c] = v;
      flags |= 1 << (NUMBER_PRESENCE_SHIFT + c - 2);
    }
    const i = k * RECORD_INTS;
    recordInts[i] = flags;
    recordInts[i + 1] = r.provenance.line;
    recordInts[i + 2] = r.provenance.length;
    const at = placed.at(r);
    if (at >= 0) {
      (placed.store as FolderStore).visit(at, visitor);
      if (visited !== undefined) folderRefs.push(folderRef(visited.f, visited.items));
      visited = undefined;
    } else for (const folder of r.folders) folderRefs.push(folderRef(folder, folder.items.map(messageRef)));
    folderStart[k + 1] = folderRefs.length;
  }
  yield;
  const packed = packStrings(strings.list);
  const meta = Buffer.from(
    JSON.stringify({
      stats: read.stats,
      otherIds: read.otherIds,
      records: n,
      messages: messageList.length,
      folders: folderList.length,
      strings: strings.list.length,
      segments: packed.segments,
      wide: packed.wide,
      counts: [folderInts.length, folderRefs.length],
    }),
    'utf8',
  );
  const bytes = (a: Int32Array | Float64Array): Uint8Array =>
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  return frame([
    meta,
    packed.blob,
    bytes(packed.lengths),
    msgInts.bytes(),
    msgSizes.bytes(),
    folderInts.bytes(),
    bytes(recordStrings),
    bytes(recordInts),
    bytes(recordNumbers),
    bytes(folderStart),
    folderRefs.bytes(),
  ]);
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function message(
  id: string,
  key: string,
  subject: string | undefined,
  size: number | undefined,
  ints: Column<Int32Array>,
  floats: Column<Float64Array>,
  strings: StringList,
  opt: (s: string | undefined) => number,
): void {
  ints.push(strings.ref(id));
  // Most keys are the id without its angle brackets, in lower case: recomputed, not stored.
  const keyRef =
    key === id
      ? KEY_SAME
      : key.length === id.length - 2 && id.slice(1, -1) === key
        ? KEY_INNER
        : key.length === id.length - 2 && id.slice(1, -1).toLowerCase() === key
          ? KEY_INNER_LOWER
          : strings.ref(key);
  ints.push(keyRef);
  ints.push(opt(subject));
  ints.push(size === undefined ? 0 : 1);
  // One size per message (0 when absent), so message k is found without a walk.
  floats.push(size ?? 0);
}

/** Header, part table and parts, each part starting on an 8-byte boundary (for typed views). */
function frame(parts: Uint8Array[]): Uint8Array[] {
  const tableBytes = parts.length * 16;
  const out: Uint8Array[] = [];
  let offset = HEADER_BYTES + tableBytes;
  const table = new Float64Array(parts.length * 2);
  const padded: Uint8Array[] = [];
  parts.forEach((p, i) => {
    const pad = (8 - (offset % 8)) % 8;
    if (pad > 0) padded.push(new Uint8Array(pad));
    offset += pad;
    table[2 * i] = offset;
    table[2 * i + 1] = p.length;
    padded.push(p);
    offset += p.length;
  });
  const tableView = new Uint8Array(table.buffer);
  let crc = crc32(tableView);
  // Node's crc32 answers 0 for a view of an empty ArrayBuffer, whatever the running value: skip those.
  for (const p of padded) if (p.length > 0) crc = crc32(p, crc);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(INDEX_MAGIC, 0, 'latin1');
  header.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  header.writeUInt32LE(parts.length, 12);
  header.writeUInt32LE(crc, 16);
  header.writeDoubleLE(offset - HEADER_BYTES, 24);
  out.push(header, tableView, ...padded);
  return out;
}
