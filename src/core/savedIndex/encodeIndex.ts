import { crc32 } from 'node:zlib';
import { grownInt32 } from '../int32Arrays';
import { PlacedFolders } from '../investigation/codedRecord';
import { CompactRecord, type RecordContext } from '../investigation/compactRecord';
import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import { codeCutsEnds, codeLowerCases, GIVEN_KEY, keyKindCode } from '../investigation/messageColumns';
import type { FolderRef, MessageRef, MiaRecord } from '../model';
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
  CONTEXT_STRINGS,
  GUID_ID,
  NUMBER_SLOTS,
  RECORD_OWN_NUMBERS,
  RECORD_STRINGS,
} from './indexFormat';
import type { SavedRead } from './savedRead';
import { FolderIdentities, FolderTable } from './folderTable';
import { packStrings } from './stringBlob';
import { guidWords } from '../investigation/guidColumn';

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

/** A record's string column after its id (each a value of its shared context too). */
type SharedString = Exclude<(typeof RECORD_STRINGS)[number], 'id'>;

/** One table of every distinct string; records refer to strings by index. */
class StringList {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  /**
   * Appends `s` without looking for an equal string: for record ids that are not GUIDs (those are
   * held as words, `recordGuids`), distinct within a read (its records are de-duplicated by id), and
   * the ids of a load's messages. An id equal to another string (a session id,
   * say) is then held twice; readers find the same text either way.
   */
  add(s: string): number {
    this.list.push(s);
    return this.list.length - 1;
  }

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
export async function encodeIndexInSlices(
  read: SavedRead,
  sliceMs = 15,
  /** Awaited before `read.stats` are read (after the records are encoded): a hash still being made. */
  statsReady?: () => Promise<void>,
): Promise<Uint8Array[]> {
  const steps = encodeSteps(read);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value === STATS_NEXT && statsReady !== undefined) {
      await statsReady();
      since = performance.now();
    } else if (performance.now() - since > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      since = performance.now();
    }
  }
}

/** What `encodeSteps` yields just before it reads the statistics (see `encodeIndexInSlices`). */
const STATS_NEXT = 'stats next';

function* encodeSteps(read: SavedRead): Generator<typeof STATS_NEXT | undefined, Uint8Array[]> {
  const strings = new StringList();
  // Distinct messages, distinct folders, then records in columns. Records share equal folders and
  // folders share equal messages (the model treats them as immutable), which saves most of the
  // objects a reopen would otherwise make.
  const msgInts = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  const msgSizes = new Column(new Float64Array(1 << 12), (n) => new Float64Array(n));
  const folderInts = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  const n = read.records.length;
  const recordIds = new Int32Array(n);
  // Four words per record: its id when that is a lower-case GUID (`GUID_ID`), else zeros.
  const recordGuids = new Int32Array(4 * n);
  const recordContexts = new Int32Array(n);
  const contextStrings = new Column(new Int32Array(1 << 12), (n) => new Int32Array(n));
  const recordInts = new Int32Array(n * RECORD_INTS);
  const recordNumbers = new Float64Array(n * RECORD_OWN_NUMBERS);
  const contextNumbers = new Column(new Float64Array(1 << 12), (n) => new Float64Array(n));
  const folderStart = new Int32Array(n + 1);
  const folderRefs = new Column(new Int32Array(1 << 14), (n) => new Int32Array(n));
  // Equal messages are found through their id, then compared field by field (cheaper than
  // building a text key for each of hundreds of thousands of them); equal folder listings by number.
  let messageCount = 0;
  // Messages written from objects (not codes), by id.
  const messages = new Map<string, { k: number; key: string; subject?: string; size?: number }[]>();
  const folderTable = new FolderTable();
  const identities = new FolderIdentities();
  const opt = (s: string | undefined): number => (s === undefined ? NO_STRING : strings.ref(s));
  /**
   * Writes a message with its key's code (`keyCode`): its id, key code, subject and whether it has
   * a size, and its size. Messages are distinct, and so are most of their ids: each id is appended,
   * not looked up (`StringList.add`). At 300,000 records the lookup took a quarter of the encoding
   * (200,000 ids in the table of every string); about 6 % of the ids are then held twice (the same
   * id with another size or subject), 0.9 % more index.
   */
  const writeMessage = (
    id: string,
    keyRef: number,
    subject: string | undefined,
    size: number | undefined,
  ) => {
    msgInts.push(strings.add(id));
    msgInts.push(keyRef);
    msgInts.push(opt(subject));
    msgInts.push(size === undefined ? 0 : 1);
    // One size per message (0 when absent), so message k is found without a walk.
    msgSizes.push(size ?? 0);
    return messageCount++;
  };
  const messageRef = (m: MessageRef): number => {
    const code = placed.store?.codeOfMessage(m);
    if (code !== undefined) return codedMessageRef(code);
    let same = messages.get(m.internetMessageId);
    if (same === undefined) messages.set(m.internetMessageId, (same = []));
    for (const o of same)
      if (o.key === m.key && o.subject === m.subject && o.size === m.sizeInBytes) return o.k;
    const id = m.internetMessageId;
    const k = writeMessage(id, keyCode(id, m.key, strings), m.subject, m.sizeInBytes);
    same.push({ k, key: m.key, subject: m.subject, size: m.sizeInBytes });
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
    const id = c.idAt(code);
    // The key's code from how the load makes the key from the id, when it does: no key is made.
    const keyRef = keyCodeOfKind(c.kindAt(code)) ?? keyCode(id, c.keyAt(code), strings);
    const k = writeMessage(id, keyRef, c.subjectAt(code), c.sizeAt(code));
    ofCode[code] = k + 1;
    return k;
  };
  /** The index of the folder listing given to `folderTable` (its items) for folder `f`, written when new. */
  const folderRef = (f: Pick<FolderRef, 'path' | 'key' | 'id'>, identity: number): number => {
    const k = folderTable.add(identity);
    if (!folderTable.added) return k;
    const items = folderTable.items;
    folderInts.push(strings.ref(f.path));
    folderInts.push(f.key === f.path ? KEY_SAME : strings.ref(f.key));
    folderInts.push(opt(f.id));
    folderInts.push(items.length);
    for (let i = 0; i < items.length; i++) folderInts.push(items[i]);
    return k;
  };
  // Folder identities by the store's folder codes (identity + 1; 0: not met yet).
  let identityOfCode = new Int32Array(0);
  const codedIdentity = (code: number): number => {
    if (code >= identityOfCode.length)
      identityOfCode = grownInt32(identityOfCode, Math.max(code + 1, 2 * identityOfCode.length));
    if (identityOfCode[code] === 0) {
      const f = (placed.store as FolderStore).folderAt(code);
      identityOfCode[code] = identities.of(f.path, f.key, f.id) + 1;
    }
    return identityOfCode[code] - 1;
  };
  // The store code of the folder being visited (-1: none), its items given to `folderTable`.
  let visited = -1;
  const endVisited = (): void => {
    if (visited < 0) return;
    folderRefs.push(folderRef((placed.store as FolderStore).folderAt(visited), codedIdentity(visited)));
    visited = -1;
  };
  const visitor: FolderCodeVisitor = {
    folder: (code) => {
      endVisited();
      visited = code;
      folderTable.start();
    },
    message: (code) => folderTable.item(codedMessageRef(code)),
  };
  // The string columns after the id (mailbox … originatingServer) of a record, as the row of
  // `contextStrings` holding them (each distinct row written once); a loaded record's come from the
  // context it shares with its session, so they are looked up once per context.
  const rows = new Map<string, number>();
  const rowOf = (r: MiaRecord | RecordContext): number => {
    const refs = new Int32Array(CONTEXT_STRINGS);
    refs[0] = strings.ref(r.mailbox);
    refs[1] = r.mailboxKey === r.mailbox ? KEY_SAME : strings.ref(r.mailboxKey);
    for (let c = 3; c < RECORD_STRINGS.length; c++) refs[c - 1] = opt(r[RECORD_STRINGS[c] as SharedString]);
    const numbers = sharedNumbers(r);
    const key = `${refs.join(',')};${numbers.map(numberKey).join(',')}`;
    let row = rows.get(key);
    if (row === undefined) {
      rows.set(key, (row = rows.size));
      for (const ref of refs) contextStrings.push(ref);
      for (const v of numbers) contextNumbers.push(v ?? 0);
    }
    return row;
  };
  const byContext = new Map<RecordContext, number>();
  const sharedRow = (r: MiaRecord): number => {
    if (!(r instanceof CompactRecord)) return rowOf(r);
    const context = r.sharedValues();
    let row = byContext.get(context);
    if (row === undefined) byContext.set(context, (row = rowOf(context)));
    return row;
  };
  /**
   * Record k's id: `GUID_ID` with its words in `recordGuids` when it is a lower-case GUID (a loaded
   * record's copied from its column, no text made), else the id's string.
   */
  const idRef = (r: MiaRecord, k: number): number => {
    if (r instanceof CompactRecord && r.holdsGuidId()) {
      r.copyGuidWords(recordGuids, 4 * k);
      return GUID_ID;
    }
    const id = r.id;
    if (guidWords(id, recordGuids, 4 * k)) return GUID_ID;
    recordGuids.fill(0, 4 * k, 4 * k + 4);
    return strings.add(id);
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
    recordIds[k] = idRef(r, k);
    recordContexts[k] = sharedRow(r);
    const f = k * RECORD_OWN_NUMBERS;
    recordNumbers[f] = r.timeMs;
    recordNumbers[f + 1] = r.provenance.offset;
    for (let c = 2; c < RECORD_NUMBERS.length; c++) {
      const v = numberOf(r, c);
      if (v === undefined) continue;
      // The session's numbers are in its context row (`sharedRow`), the record's own here.
      if (NUMBER_SLOTS[c] >= 0) recordNumbers[f + NUMBER_SLOTS[c]] = v;
      flags |= 1 << (NUMBER_PRESENCE_SHIFT + c - 2);
    }
    const i = k * RECORD_INTS;
    recordInts[i] = flags;
    recordInts[i + 1] = r.provenance.line;
    recordInts[i + 2] = r.provenance.length;
    const at = placed.at(r);
    if (at >= 0) {
      (placed.store as FolderStore).visit(at, visitor);
      endVisited();
    } else {
      for (const folder of r.folders) {
        folderTable.start();
        for (const m of folder.items) folderTable.item(messageRef(m));
        folderRefs.push(folderRef(folder, identities.of(folder.path, folder.key, folder.id)));
      }
    }
    folderStart[k + 1] = folderRefs.length;
  }
  yield;
  const packed = packStrings(strings.list);
  yield STATS_NEXT;
  const meta = Buffer.from(
    JSON.stringify({
      stats: read.stats,
      otherIds: read.otherIds,
      records: n,
      contexts: rows.size,
      messages: messageCount,
      folders: folderTable.count,
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
    bytes(recordIds),
    bytes(recordGuids),
    bytes(recordContexts),
    contextStrings.bytes(),
    contextNumbers.bytes(),
    bytes(recordInts),
    bytes(recordNumbers),
    bytes(folderStart),
    folderRefs.bytes(),
  ]);
}

/** Number column `c` of `RECORD_NUMBERS` of a record or of the context it shares. */
function numberOf(r: MiaRecord | RecordContext, c: number): number | undefined {
  return (r as unknown as Record<string, number | undefined>)[RECORD_NUMBERS[c]];
}

/**
 * A context row number as its row's key tells it: an absent one apart from 0 (the row holds 0, the
 * record's flags say which), and -0 apart from 0 (`String` writes both `0`).
 */
function numberKey(v: number | undefined): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

/** The numbers of `RECORD_NUMBERS` a context row holds (`NUMBER_SLOTS` below 0), in slot order. */
function sharedNumbers(r: MiaRecord | RecordContext): (number | undefined)[] {
  const out: (number | undefined)[] = [];
  NUMBER_SLOTS.forEach((slot, c) => {
    if (slot < 0) out[-1 - slot] = numberOf(r, c);
  });
  return out;
}

/**
 * A key given as text, as its code: the code of the kind that makes it from the id when one does
 * (most keys are the id without its angle brackets, in lower case: recomputed, not stored), else
 * the key's string.
 */
function keyCode(id: string, key: string, strings: StringList): number {
  return keyCodeOfKind(keyKindCode(id, key)) ?? strings.ref(key);
}

/**
 * The key code of a message whose key is made from its id as `MessageColumns` kind code `kind`
 * says (each code is decoded the way that kind makes the key), or undefined when the key is written
 * as text (a given key; the whole id lower-cased).
 */
function keyCodeOfKind(kind: number): number | undefined {
  if (kind === GIVEN_KEY) return undefined;
  const cut = codeCutsEnds(kind);
  const lower = codeLowerCases(kind);
  if (!lower) return cut ? KEY_INNER : KEY_SAME;
  return cut ? KEY_INNER_LOWER : undefined;
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
