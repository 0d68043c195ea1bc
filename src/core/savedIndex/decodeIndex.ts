import { crc32 } from 'node:zlib';
import type { SourceStats } from '../investigation/types';
import type { AccessType, FolderRef, MessageRef, MiaRecord } from '../model';
import {
  ACCESS_TYPES,
  HEADER_BYTES,
  INDEX_FORMAT_VERSION,
  INDEX_MAGIC,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_SAME,
  NO_STRING,
  SavedIndexError,
} from './indexFormat';
import type { SavedRead } from './savedRead';

interface Meta {
  stats: SourceStats;
  otherIds: string[];
  records: number;
  messages: number;
  folders: number;
  strings: number;
  /** Lengths of the five streams. */
  counts: number[];
}

const PARTS = 7;

/**
 * Reads a saved index written by `encodeIndex`, in one pass over its streams. Throws
 * SavedIndexError for anything that is not a complete index of this format version (truncated,
 * corrupt, older): the caller then reads the export instead.
 */
export function decodeIndex(file: Uint8Array, sourceIndex: number): SavedRead {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 8) !== INDEX_MAGIC)
    throw new SavedIndexError('not a saved index');
  const version = buf.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) throw new SavedIndexError(`format version ${version}`);
  if (buf.readUInt32LE(12) !== PARTS) throw new SavedIndexError('unexpected part count');
  if (buf.readDoubleLE(24) !== buf.length - HEADER_BYTES) throw new SavedIndexError('truncated');
  if (crc32(buf.subarray(HEADER_BYTES)) !== buf.readUInt32LE(16))
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
  let strings: string[];
  try {
    meta = JSON.parse(parts[0].toString('utf8')) as Meta;
    strings = JSON.parse(parts[1].toString('utf8')) as string[];
  } catch {
    throw new SavedIndexError('unreadable JSON part');
  }
  if (!Array.isArray(strings) || strings.length !== meta.strings) throw new SavedIndexError('string table');
  const c = meta.counts;
  if (!Array.isArray(c) || c.length !== 5) throw new SavedIndexError('stream counts');
  const messages = new Streams(
    typed(parts[2], Int32Array, c[0]),
    typed(parts[3], Float64Array, c[1]),
    strings,
  );
  const messageList = new Array<MessageRef>(meta.messages);
  for (let k = 0; k < meta.messages; k++) messageList[k] = messages.message();
  messages.end();
  const folders = new Streams(typed(parts[4], Int32Array, c[2]), new Float64Array(0), strings);
  const folderList = new Array<FolderRef>(meta.folders);
  for (let k = 0; k < meta.folders; k++) folderList[k] = folders.folder(messageList);
  folders.end();
  const main = new Streams(typed(parts[5], Int32Array, c[3]), typed(parts[6], Float64Array, c[4]), strings);
  const records = new Array<MiaRecord>(meta.records);
  for (let k = 0; k < meta.records; k++) records[k] = main.record(folderList, sourceIndex);
  main.end();
  return { stats: meta.stats, records, otherIds: meta.otherIds };
}

function typed<T extends Int32Array | Float64Array>(
  part: Buffer,
  Type: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number },
  n: number,
): T {
  if (part.length !== n * Type.BYTES_PER_ELEMENT) throw new SavedIndexError('stream length');
  // A view needs an aligned offset; a buffer read from a file usually is one, else copy it.
  if (part.byteOffset % Type.BYTES_PER_ELEMENT === 0)
    return new Type(part.buffer as ArrayBuffer, part.byteOffset, n);
  const copy = new Uint8Array(part);
  return new Type(copy.buffer, 0, n);
}

/** Cursors over the two streams, checking every index read. */
class Streams {
  private i = 0;
  private f = 0;

  constructor(
    private readonly ints: Int32Array,
    private readonly floats: Float64Array,
    private readonly strings: string[],
  ) {}

  /** Checks that every value of the streams was used. */
  end(): void {
    if (this.i !== this.ints.length || this.f !== this.floats.length)
      throw new SavedIndexError('streams longer than their entries');
  }

  private int(): number {
    if (this.i >= this.ints.length) throw new SavedIndexError('integer stream ends early');
    return this.ints[this.i++];
  }

  private float(): number {
    if (this.f >= this.floats.length) throw new SavedIndexError('number stream ends early');
    return this.floats[this.f++];
  }

  private str(): string {
    const s = this.strings[this.int()];
    if (typeof s !== 'string') throw new SavedIndexError('string index out of range');
    return s;
  }

  private optStr(): string | undefined {
    const k = this.int();
    if (k === NO_STRING) return undefined;
    const s = this.strings[k];
    if (typeof s !== 'string') throw new SavedIndexError('string index out of range');
    return s;
  }

  record(folderList: FolderRef[], sourceIndex: number): MiaRecord {
    const id = this.str();
    const mailbox = this.str();
    const mailboxKey = this.ints[this.i] === KEY_SAME ? (this.i++, mailbox) : this.str();
    const flags = this.int();
    const presence = this.int();
    const line = this.int();
    const length = this.int();
    const folderCount = this.int();
    const timeMs = this.float();
    const offset = this.float();
    const accessType: AccessType | undefined = ACCESS_TYPES[flags & 15];
    if (accessType === undefined || folderCount < 0) throw new SavedIndexError('record fields');
    // The streams hold the optional strings, then the optional numbers, then the folders.
    const mailboxGuid = presence & 1 ? this.str() : undefined;
    const actor = presence & 2 ? this.str() : undefined;
    const sessionId = presence & 4 ? this.str() : undefined;
    const ip = presence & 8 ? this.str() : undefined;
    const clientInfo = presence & 16 ? this.str() : undefined;
    const appId = presence & 32 ? this.str() : undefined;
    const clientAppId = presence & 64 ? this.str() : undefined;
    const organizationId = presence & 128 ? this.str() : undefined;
    const tokenTenantId = presence & 256 ? this.str() : undefined;
    const originatingServer = presence & 512 ? this.str() : undefined;
    const logonType = presence & 1024 ? this.float() : undefined;
    const userType = presence & 2048 ? this.float() : undefined;
    const operationCount = presence & 4096 ? this.float() : undefined;
    const recordType = presence & 8192 ? this.float() : undefined;
    const throttled = (flags >> 4) & 3;
    const external = (flags >> 6) & 3;
    const folders = new Array<FolderRef>(folderCount);
    for (let k = 0; k < folderCount; k++) folders[k] = at(folderList, this.int());
    // Built in the normaliser's key order (id … folders, then the optionals it sets, then
    // provenance), so decoded records have the shape freshly read ones have.
    const r: Omit<MiaRecord, 'provenance'> & { provenance?: MiaRecord['provenance'] } = {
      id,
      timeMs,
      mailbox,
      mailboxKey,
      accessType,
      folders,
    };
    if (mailboxGuid !== undefined) r.mailboxGuid = mailboxGuid;
    if (actor !== undefined) r.actor = actor;
    if (logonType !== undefined) r.logonType = logonType;
    if (userType !== undefined) r.userType = userType;
    if (throttled !== 0) r.isThrottled = throttled === 2;
    if (sessionId !== undefined) r.sessionId = sessionId;
    if (ip !== undefined) r.ip = ip;
    if (clientInfo !== undefined) r.clientInfo = clientInfo;
    if (appId !== undefined) r.appId = appId;
    if (clientAppId !== undefined) r.clientAppId = clientAppId;
    if (operationCount !== undefined) r.operationCount = operationCount;
    if (external !== 0) r.externalAccess = external === 2;
    if (organizationId !== undefined) r.organizationId = organizationId;
    if (tokenTenantId !== undefined) r.tokenTenantId = tokenTenantId;
    if (recordType !== undefined) r.recordType = recordType;
    if (originatingServer !== undefined) r.originatingServer = originatingServer;
    r.provenance = { sourceIndex, line, offset, length };
    return r as MiaRecord;
  }

  folder(messageList: MessageRef[]): FolderRef {
    const path = this.str();
    const key = this.ints[this.i] === KEY_SAME ? (this.i++, path) : this.str();
    const id = this.optStr();
    const n = this.int();
    if (n < 0) throw new SavedIndexError('folder item count');
    const items: MessageRef[] = new Array<MessageRef>(n);
    for (let k = 0; k < n; k++) items[k] = at(messageList, this.int());
    const f: FolderRef = { path, key, items };
    if (id !== undefined) f.id = id;
    return f;
  }

  message(): MessageRef {
    const internetMessageId = this.str();
    const keyCode = this.int();
    const key =
      keyCode === KEY_SAME
        ? internetMessageId
        : keyCode === KEY_INNER
          ? internetMessageId.slice(1, -1)
          : keyCode === KEY_INNER_LOWER
            ? internetMessageId.slice(1, -1).toLowerCase()
            : this.stringAt(keyCode);
    const subject = this.optStr();
    const hasSize = this.int();
    const m: MessageRef = { internetMessageId, key };
    if (hasSize === 1) m.sizeInBytes = this.float();
    if (subject !== undefined) m.subject = subject;
    return m;
  }

  private stringAt(k: number): string {
    const s = this.strings[k];
    if (typeof s !== 'string') throw new SavedIndexError('string index out of range');
    return s;
  }
}

/** An entry of a decoded table, checked (a corrupt index must not yield undefined folders). */
function at<T>(list: T[], k: number): T {
  const v = list[k];
  if (v === undefined) throw new SavedIndexError('table index out of range');
  return v;
}
