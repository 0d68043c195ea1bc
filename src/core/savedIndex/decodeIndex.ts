import { crc32 } from 'node:zlib';
import type { SourceStats } from '../investigation/types';
import {
  ACCESS_TYPES,
  HEADER_BYTES,
  INDEX_FORMAT_VERSION,
  INDEX_MAGIC,
  KEY_INNER_LOWER,
  KEY_SAME,
  MESSAGE_INTS,
  NO_STRING,
  RECORD_INTS,
  RECORD_OWN_NUMBERS,
  CONTEXT_NUMBERS,
  CONTEXT_STRINGS,
  GUID_ID,
  SavedIndexError,
} from './indexFormat';
import { RecordStore } from './recordStore';
import type { SavedRead } from './savedRead';
import { StringTable } from './stringBlob';

interface Meta {
  stats: SourceStats;
  otherIds: string[];
  records: number;
  /** Rows of the strings and numbers records share with their session (see `CONTEXT_STRINGS`). */
  contexts: number;
  messages: number;
  folders: number;
  strings: number;
  /** Strings and Latin-1 bytes of each segment of the string table (see `packStrings`). */
  segments: unknown;
  /** Strings with characters beyond Latin-1, as [index, string]. */
  wide: unknown;
  /** Lengths of the folder stream and of the folder references of the records. */
  counts: number[];
}

const PARTS = 15;

/**
 * Reads a saved index written by `encodeIndex`. Every reference in it is checked here, in passes
 * over its typed columns that allocate nothing per record; the records are then `StoredRecord`s
 * over those columns, which make their values on first read. Throws SavedIndexError for anything
 * that is not a complete index of this format version (truncated, corrupt, older): the caller then
 * reads the export instead. `crc` is the CRC-32 of the bytes after the header when the caller
 * computed it while reading the file (else it is computed here).
 */
export function decodeIndex(file: Uint8Array, sourceIndex: number, crc?: number): SavedRead {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 8) !== INDEX_MAGIC)
    throw new SavedIndexError('not a saved index');
  const version = buf.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) throw new SavedIndexError(`format version ${version}`);
  if (buf.readUInt32LE(12) !== PARTS) throw new SavedIndexError('unexpected part count');
  if (buf.readDoubleLE(24) !== buf.length - HEADER_BYTES) throw new SavedIndexError('truncated');
  if ((crc ?? crc32(buf.subarray(HEADER_BYTES))) !== buf.readUInt32LE(16))
    throw new SavedIndexError('checksum mismatch');
  const parts: Buffer[] = [];
  for (let i = 0; i < PARTS; i++) {
    const at = HEADER_BYTES + 16 * i;
    const offset = buf.readDoubleLE(at);
    const length = buf.readDoubleLE(at + 8);
    if (!(offset >= 0 && length >= 0 && offset + length <= buf.length))
      throw new SavedIndexError('part out of bounds');
    parts.push(buf.subarray(offset, offset + length));
  }
  let meta: Meta;
  try {
    meta = JSON.parse(parts[0].toString('utf8')) as Meta;
  } catch {
    throw new SavedIndexError('unreadable JSON part');
  }
  const c = meta.counts;
  if (!Array.isArray(c) || c.length !== 2) throw new SavedIndexError('stream counts');
  const n = meta.records;
  const strings = new StringTable(
    parts[1],
    typed(parts[2], Int32Array, meta.strings),
    meta.segments,
    meta.wide,
  );
  const columns = {
    strings,
    messageInts: typed(parts[3], Int32Array, meta.messages * MESSAGE_INTS),
    messageSizes: typed(parts[4], Float64Array, meta.messages),
    folderInts: typed(parts[5], Int32Array, c[0]),
    folderAt: new Int32Array(count(meta.folders)),
    recordIds: typed(parts[6], Int32Array, n),
    recordGuids: typed(parts[7], Int32Array, 4 * n),
    recordContexts: typed(parts[8], Int32Array, n),
    contextStrings: typed(parts[9], Int32Array, count(meta.contexts) * CONTEXT_STRINGS),
    contextNumbers: typed(parts[10], Float64Array, meta.contexts * CONTEXT_NUMBERS),
    recordInts: typed(parts[11], Int32Array, n * RECORD_INTS),
    recordNumbers: typed(parts[12], Float64Array, n * RECORD_OWN_NUMBERS),
    folderStart: typed(parts[13], Int32Array, n + 1),
    folderRefs: typed(parts[14], Int32Array, c[1]),
    sourceIndex,
  };
  checkMessages(columns.messageInts, strings.size);
  checkFolders(columns.folderInts, columns.folderAt, meta.messages, strings.size);
  checkContexts(columns.contextStrings, strings.size);
  checkRecords(columns, meta.contexts, meta.folders, strings.size);
  const records = new RecordStore(columns).records();
  return { stats: meta.stats, records, otherIds: meta.otherIds };
}

function count(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new SavedIndexError('counts');
  return n;
}

function typed<T extends Int32Array | Float64Array>(
  part: Buffer,
  Type: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number },
  n: unknown,
): T {
  if (part.length !== count(n) * Type.BYTES_PER_ELEMENT) throw new SavedIndexError('stream length');
  // A view needs an aligned offset; a buffer read from a file usually is one, else copy it.
  if (part.byteOffset % Type.BYTES_PER_ELEMENT === 0)
    return new Type(part.buffer as ArrayBuffer, part.byteOffset, n as number);
  const copy = new Uint8Array(part);
  return new Type(copy.buffer, 0, n as number);
}

const inRange = (k: number, size: number): boolean => k >= 0 && k < size;

function checkMessages(ints: Int32Array, strings: number): void {
  for (let at = 0; at < ints.length; at += MESSAGE_INTS) {
    const key = ints[at + 1];
    const subject = ints[at + 2];
    if (
      !inRange(ints[at], strings) ||
      !(inRange(key, strings) || (key <= KEY_SAME && key >= KEY_INNER_LOWER)) ||
      !(subject === NO_STRING || inRange(subject, strings)) ||
      (ints[at + 3] !== 0 && ints[at + 3] !== 1)
    )
      throw new SavedIndexError('message fields');
  }
}

/** Checks the folder stream and notes where each folder starts in it. */
function checkFolders(ints: Int32Array, folderAt: Int32Array, messages: number, strings: number): void {
  let at = 0;
  for (let f = 0; f < folderAt.length; f++) {
    if (at + 4 > ints.length) throw new SavedIndexError('folder stream ends early');
    folderAt[f] = at;
    const key = ints[at + 1];
    const id = ints[at + 2];
    const items = ints[at + 3];
    if (
      !inRange(ints[at], strings) ||
      !(key === KEY_SAME || inRange(key, strings)) ||
      !(id === NO_STRING || inRange(id, strings)) ||
      items < 0 ||
      at + 4 + items > ints.length
    )
      throw new SavedIndexError('folder fields');
    for (let i = at + 4; i < at + 4 + items; i++)
      if (!inRange(ints[i], messages)) throw new SavedIndexError('table index out of range');
    at += 4 + items;
  }
  if (at !== ints.length) throw new SavedIndexError('streams longer than their entries');
}

/** Checks the rows of records' string columns after the id: mailbox, its key, then optional ones. */
function checkContexts(s: Int32Array, strings: number): void {
  for (let base = 0; base < s.length; base += CONTEXT_STRINGS) {
    if (!inRange(s[base], strings) || !(s[base + 1] === KEY_SAME || inRange(s[base + 1], strings)))
      throw new SavedIndexError('record fields');
    for (let i = base + 2; i < base + CONTEXT_STRINGS; i++)
      if (!(s[i] === NO_STRING || inRange(s[i], strings)))
        throw new SavedIndexError('string index out of range');
  }
}

function checkRecords(
  c: {
    recordIds: Int32Array;
    recordContexts: Int32Array;
    recordInts: Int32Array;
    folderStart: Int32Array;
    folderRefs: Int32Array;
  },
  contexts: number,
  folders: number,
  strings: number,
): void {
  const { recordIds, recordContexts, recordInts: ints, folderStart, folderRefs } = c;
  const n = folderStart.length - 1;
  for (let k = 0; k < n; k++) {
    const id = recordIds[k];
    if (!(id === GUID_ID || inRange(id, strings)) || !inRange(recordContexts[k], contexts))
      throw new SavedIndexError('record fields');
    const flags = ints[k * RECORD_INTS];
    if (
      ACCESS_TYPES[flags & 15] === undefined ||
      ((flags >> 4) & 3) === 3 ||
      ((flags >> 6) & 3) === 3 ||
      flags >>> 12 !== 0 ||
      folderStart[k + 1] < folderStart[k]
    )
      throw new SavedIndexError('record fields');
  }
  if (folderStart[0] !== 0 || folderStart[n] !== folderRefs.length)
    throw new SavedIndexError('record folders');
  for (let i = 0; i < folderRefs.length; i++)
    if (!inRange(folderRefs[i], folders)) throw new SavedIndexError('table index out of range');
}
