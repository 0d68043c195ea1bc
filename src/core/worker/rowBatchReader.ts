import type { FolderRef, MessageRef } from '../model';
import { folderRef, messageRef } from '../investigation/interner';
import type { RowItem } from './protocol';
import type { RowBatch } from './rowBatch';
import {
  ACCESS,
  ACTOR,
  APP,
  CLIENT,
  CLIENT_APP,
  COUNT,
  EXTERNAL,
  EXTERNAL_TRUE,
  FOLDER_ID,
  GUID,
  IP,
  ITEM_SIZE,
  ITEM_SUBJECT,
  derivedMessageKey,
  isDerivedKeyKind,
  LOGON,
  NONE,
  ORG,
  RECORD_TYPE,
  SERVER,
  SESSION,
  TENANT,
  THROTTLED,
  THROTTLED_TRUE,
  USER_TYPE,
  type DerivedKeyKind,
  type RowRecord,
} from './rowBatchFormat';

/**
 * How a reader builds the repeated parts of the records it decodes. The host's `Interner` is one:
 * records then arrive holding its shared strings, messages and folders, and need no interning
 * afterwards (interning a record's fields again cost the host a map lookup per field).
 */
export interface RowSharing {
  /** The shared copy of a repeated string (applied once per string per writer table). */
  intern(s: string): string;
  /** A message (`id`, `key` as received; `subject` from `intern`). */
  messageOf(id: string, key: string, size: number | undefined, subject: string | undefined): MessageRef;
  /**
   * `messageOf(id, derivedMessageKey(id, kind), size, subject)`, where the key need not be made
   * for a message already held (most are met more than once).
   */
  derivedMessage(
    id: string,
    kind: DerivedKeyKind,
    size: number | undefined,
    subject: string | undefined,
  ): MessageRef;
  /**
   * `messageOf` and `derivedMessage` as the message's code in `folderCodes` (no object made for
   * it): asked only of a sharing with `folderCodes`.
   */
  messageCode(id: string, key: string, size: number | undefined, subject: string | undefined): number;
  derivedMessageCode(
    id: string,
    kind: DerivedKeyKind,
    size: number | undefined,
    subject: string | undefined,
  ): number;
  /** An item-less folder (strings from `intern`). */
  emptyFolder(path: string, key: string, id: string | undefined): FolderRef;
  /** The `folders` list of a record naming one folder from `emptyFolder`. */
  singleton(folder: FolderRef): FolderRef[];
  /** The `folders` list of a record naming none. */
  noFolders(): FolderRef[];
  /**
   * Where records' folders are written as codes as they are decoded, if anywhere (see
   * `FolderCodeWriter`): `record` then receives their position instead of a list.
   */
  readonly folderCodes?: FolderCodeWriter;
  /** The record with these values (its strings from `intern` or read once; folders from above). */
  record(...fields: SharedRecordFields): RowRecord;
}

/**
 * Writes a record's folders as codes (the host's `FolderStore`): `open` with the entries they take,
 * each folder's shared item-less folder and its messages in order, then `close` for their position.
 */
export interface FolderCodeWriter {
  /** False: the folders cannot be written here (the reader builds them as a list). */
  open(need: number, count: number): boolean;
  writeFolder(shared: FolderRef, items: number): void;
  /** The next message, by its code (from `RowSharing.messageCode`). */
  writeMessageCode(code: number): void;
  close(): number;
}

/** Shares nothing: every record gets its own objects, exactly as the worker normalised them. */
export const NO_SHARING: RowSharing = {
  intern: (s) => s,
  messageOf: (id, key, size, subject) => messageRef(id, key, size, subject),
  derivedMessage: (id, kind, size, subject) => messageRef(id, derivedMessageKey(id, kind), size, subject),
  messageCode: () => noCodes(),
  derivedMessageCode: () => noCodes(),
  emptyFolder: (path, key, id) => folderRef(path, key, id, []),
  singleton: (folder) => [folder],
  noFolders: () => [],
  record: (...fields) => {
    if (typeof fields[5] === 'number') throw new Error('internal: folders written as codes without a store');
    return new DecodedRecord(...(fields as RecordFields));
  },
};

/** Where a reader hands the rows it decodes, in order. Lines are those the worker counted. */
export interface RowSink {
  record(line: number, offset: number, length: number, record: RowRecord): void;
  other(line: number, offset: number, length: number, id: string | null, timeMs: number | null): void;
  error(line: number, offset: number, length: number, reason: string, operation: string | null): void;
  rejected(line: number, offset: number, length: number, reason: string): void;
}

/**
 * Decodes the batches of one `RowBatchWriter`, in the order it wrote them (each batch may refer to
 * repeated strings an earlier one sent).
 */
export class RowBatchReader {
  private table: string[] = [];
  /** Reused while a folder's items or a record's folders are decoded (lists are then copied). */
  private readonly itemList: MessageRef[] = [];
  private readonly folderList: FolderRef[] = [];

  /**
   * `sharing.intern` is applied once to each repeated string as it arrives, so the records decoded
   * all hold the shared copies; their messages and folders are built by `sharing` too.
   */
  constructor(private readonly sharing: RowSharing = NO_SHARING) {}

  /** The rows of the next batch, exactly as the worker normalised them (see `RowBatch`). */
  read(batch: RowBatch): RowItem[] {
    const items: RowItem[] = [];
    this.readInto(batch, {
      record: (line, offset, length, record) => items.push([0, line, offset, length, record]),
      other: (line, offset, length, id, timeMs) => items.push([1, line, offset, length, id, timeMs]),
      error: (line, offset, length, reason, op) => items.push([2, line, offset, length, reason, op]),
      rejected: (line, offset, length, reason) => items.push([3, line, offset, length, reason]),
    });
    return items;
  }

  /** Hands the rows of the next batch to `sink`, in order, with no list or tuple per row. */
  readInto(batch: RowBatch, sink: RowSink): void {
    if (batch.reset) this.table = [];
    const table = this.table;
    const share = this.sharing;
    for (const s of batch.shared) table.push(share.intern(s));
    const { nums, strings } = batch;
    let i = 0;
    const str = (): string => {
      const k = nums[i++];
      return k >= 0 ? strings[k] : table[-2 - k];
    };
    const opt = (): string | null => {
      const k = nums[i++];
      return k === NONE ? null : k >= 0 ? strings[k] : table[-2 - k];
    };
    const itemList = this.itemList;
    const folderList = this.folderList;
    /** The next message: its object (`readItem`), or its code in `folderCodes` (`readItemCode`). */
    const readMessage = (asCode: boolean): MessageRef | number => {
      const itemFlags = nums[i++];
      const internetMessageId = str();
      const k = nums[i++];
      const size = itemFlags & ITEM_SIZE ? int(nums[i++]) : undefined;
      const subject = itemFlags & ITEM_SUBJECT ? str() : undefined;
      if (k >= 0) {
        const key = strings[k];
        return asCode
          ? share.messageCode(internetMessageId, key, size, subject)
          : share.messageOf(internetMessageId, key, size, subject);
      }
      if (!isDerivedKeyKind(k)) return badKey(k);
      return asCode
        ? share.derivedMessageCode(internetMessageId, k, size, subject)
        : share.derivedMessage(internetMessageId, k, size, subject);
    };
    const readItem = (): MessageRef => readMessage(false) as MessageRef;
    const readItemCode = (): number => readMessage(true) as number;
    const codes = share.folderCodes;
    /** Writes `count` folders to `codes` (opened for them). */
    const writeFolders = (codes: FolderCodeWriter, count: number): number => {
      for (let f = 0; f < count; f++) {
        const flags = nums[i++];
        const path = str();
        const key = str();
        const id = flags & FOLDER_ID ? str() : undefined;
        const itemCount = nums[i++];
        codes.writeFolder(share.emptyFolder(path, key, id), itemCount);
        for (let m = 0; m < itemCount; m++) codes.writeMessageCode(readItemCode());
      }
      return codes.close();
    };
    const readFolder = (): FolderRef => {
      const flags = nums[i++];
      const path = str();
      const key = str();
      const id = flags & FOLDER_ID ? str() : undefined;
      const itemCount = nums[i++];
      if (itemCount === 0) return share.emptyFolder(path, key, id);
      for (let m = 0; m < itemCount; m++) itemList.push(readItem());
      // An exact copy: a list grown by `push` keeps room for 17 entries (about 130 bytes more).
      const items = itemCount === 1 ? [itemList[0]] : itemList.slice();
      itemList.length = 0;
      return folderRef(path, key, id, items);
    };
    const readRecord = (): RowRecord => {
      const mask = nums[i++];
      const id = str();
      const timeMs = nums[i++];
      const mailbox = str();
      const mailboxKey = str();
      const accessType = ACCESS[nums[i++]];
      const mailboxGuid = mask & GUID ? str() : undefined;
      const actor = mask & ACTOR ? str() : undefined;
      const logonType = mask & LOGON ? int(nums[i++]) : undefined;
      const userType = mask & USER_TYPE ? int(nums[i++]) : undefined;
      const sessionId = mask & SESSION ? str() : undefined;
      const ip = mask & IP ? str() : undefined;
      const clientInfo = mask & CLIENT ? str() : undefined;
      const appId = mask & APP ? str() : undefined;
      const clientAppId = mask & CLIENT_APP ? str() : undefined;
      const operationCount = mask & COUNT ? int(nums[i++]) : undefined;
      const organizationId = mask & ORG ? str() : undefined;
      const tokenTenantId = mask & TENANT ? str() : undefined;
      const recordType = mask & RECORD_TYPE ? int(nums[i++]) : undefined;
      const originatingServer = mask & SERVER ? str() : undefined;
      const folderCount = nums[i++];
      let folders: FolderRef[] | number;
      // With a store, folders are written there straight away (all but a Sync record's one folder).
      const need = codes === undefined || folderCount === 0 ? 0 : codedLength(nums, i, folderCount);
      if (folderCount === 0) folders = share.noFolders();
      else if (codes !== undefined && need > 0 && codes.open(need, folderCount))
        folders = writeFolders(codes, folderCount);
      else if (folderCount === 1) {
        const folder = readFolder();
        folders = folder.items.length === 0 ? share.singleton(folder) : [folder];
      } else {
        // Folders are read one after the other (a folder's items use the other list).
        for (let f = 0; f < folderCount; f++) folderList.push(readFolder());
        folders = folderList.slice();
        folderList.length = 0;
      }
      return share.record(
        id,
        timeMs,
        mailbox,
        mailboxKey,
        accessType,
        folders,
        mailboxGuid,
        actor,
        logonType,
        userType,
        mask & THROTTLED ? (mask & THROTTLED_TRUE) !== 0 : undefined,
        sessionId,
        ip,
        clientInfo,
        appId,
        clientAppId,
        operationCount,
        mask & EXTERNAL ? (mask & EXTERNAL_TRUE) !== 0 : undefined,
        organizationId,
        tokenTenantId,
        recordType,
        originatingServer,
      );
    };
    while (i < nums.length) {
      const kind = nums[i];
      const line = nums[i + 1];
      const offset = nums[i + 2];
      const length = nums[i + 3];
      i += 4;
      if (kind === 0) {
        sink.record(line, offset, length, readRecord());
      } else if (kind === 1) {
        const id = opt();
        const time = nums[i];
        const hasTime = nums[i + 1] === 1;
        i += 2;
        sink.other(line, offset, length, id, hasTime ? time : null);
      } else if (kind === 2) {
        const reason = str();
        sink.error(line, offset, length, reason, opt());
      } else {
        sink.rejected(line, offset, length, str());
      }
    }
  }
}

/**
 * Entries the `count` folders starting at `nums[i]` take as codes (see `FolderCodeWriter.open`), read
 * ahead without decoding them; 0 for one folder without messages (a Sync record's: it keeps the
 * shared `[folder]` list).
 */
function codedLength(nums: Float64Array, i: number, count: number): number {
  let need = 1;
  for (let f = 0; f < count; f++) {
    // Flags, path, key and maybe an id, then the number of items.
    i += nums[i] & FOLDER_ID ? 4 : 3;
    const items = nums[i++];
    need += 2 + items;
    // Per item: flags, id, key, and maybe a size and a subject.
    for (let m = 0; m < items; m++) {
      const flags = nums[i];
      i += 3 + (flags & ITEM_SIZE ? 1 : 0) + (flags & ITEM_SUBJECT ? 1 : 0);
    }
  }
  return count === 1 && need === 3 ? 0 : need;
}

function noCodes(): never {
  throw new Error('internal: message codes asked of a sharing without a folder store');
}

function badKey(k: number): never {
  throw new Error(`internal: a row batch names an unknown message key (${k})`);
}

/**
 * The number itself, as a small integer when it is one (`-0` stays `-0`). A number read from the
 * batch is a double, and one stored double makes V8 keep that field of every record (or message)
 * in a separate 16-byte box.
 */
function int(n: number): number {
  const i = n | 0;
  return i === n && (i !== 0 || 1 / n > 0) ? i : n;
}

/**
 * Builds a decoded record: a plain object (its prototype is `Object.prototype`, its keys those the
 * normaliser sets, in its order, absent ones absent) built by a constructor rather than a literal.
 * V8 sizes a constructor's objects for every field it may assign (and a few more: the provenance
 * added next), so all of a record's fields sit in the object itself; a literal holds only its own
 * six and moves each later field to a separate array that is re-allocated as it grows (three
 * allocations a record and about 30 bytes more).
 */
function setRecordFields(
  this: Record<string, unknown>,
  id: string,
  timeMs: number,
  mailbox: string,
  mailboxKey: string,
  accessType: RowRecord['accessType'],
  folders: FolderRef[],
  mailboxGuid: string | undefined,
  actor: string | undefined,
  logonType: number | undefined,
  userType: number | undefined,
  isThrottled: boolean | undefined,
  sessionId: string | undefined,
  ip: string | undefined,
  clientInfo: string | undefined,
  appId: string | undefined,
  clientAppId: string | undefined,
  operationCount: number | undefined,
  externalAccess: boolean | undefined,
  organizationId: string | undefined,
  tokenTenantId: string | undefined,
  recordType: number | undefined,
  originatingServer: string | undefined,
): void {
  // Fields are set in the order normalisation sets them, so records look the same either way.
  this.id = id;
  this.timeMs = timeMs;
  this.mailbox = mailbox;
  this.mailboxKey = mailboxKey;
  this.accessType = accessType;
  this.folders = folders;
  if (mailboxGuid !== undefined) this.mailboxGuid = mailboxGuid;
  if (actor !== undefined) this.actor = actor;
  if (logonType !== undefined) this.logonType = logonType;
  if (userType !== undefined) this.userType = userType;
  if (isThrottled !== undefined) this.isThrottled = isThrottled;
  if (sessionId !== undefined) this.sessionId = sessionId;
  if (ip !== undefined) this.ip = ip;
  if (clientInfo !== undefined) this.clientInfo = clientInfo;
  if (appId !== undefined) this.appId = appId;
  if (clientAppId !== undefined) this.clientAppId = clientAppId;
  if (operationCount !== undefined) this.operationCount = operationCount;
  if (externalAccess !== undefined) this.externalAccess = externalAccess;
  if (organizationId !== undefined) this.organizationId = organizationId;
  if (tokenTenantId !== undefined) this.tokenTenantId = tokenTenantId;
  if (recordType !== undefined) this.recordType = recordType;
  if (originatingServer !== undefined) this.originatingServer = originatingServer;
}
/** A record's values in the normaliser's order (absent optional values `undefined`). */
export type RecordFields = Parameters<typeof setRecordFields>;
/** `RecordFields` whose folders may be their position in a `FolderCodeWriter` instead. */
export type SharedRecordFields = RecordFields extends [
  infer Id,
  infer Time,
  infer Mailbox,
  infer Key,
  infer Access,
  FolderRef[],
  ...infer Rest,
]
  ? [Id, Time, Mailbox, Key, Access, FolderRef[] | number, ...Rest]
  : never;
const DecodedRecord = setRecordFields as unknown as new (...fields: RecordFields) => RowRecord;
DecodedRecord.prototype = Object.prototype as RowRecord;
