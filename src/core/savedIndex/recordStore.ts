import { guidText } from '../investigation/guidColumn';
import { CodedRecord } from '../investigation/codedRecord';
import type { FolderStore } from '../investigation/folderStore';
import type { AccessType, FolderRef, MessageRef, MiaRecord, Provenance } from '../model';
import { OPTIONAL_RECORD_FIELDS } from '../model';
import {
  ACCESS_TYPES,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_SAME,
  MESSAGE_INTS,
  NO_STRING,
  NUMBER_PRESENCE_SHIFT,
  RECORD_INTS,
  NUMBER_SLOTS,
  RECORD_OWN_NUMBERS,
  CONTEXT_NUMBERS,
  CONTEXT_STRINGS,
  GUID_ID,
} from './indexFormat';
import type { StringTable } from './stringBlob';
import { StoredFoldersWriter, type StoredFolders } from './storedFolders';

const W = CONTEXT_STRINGS;

/** The columns of one decoded index, all checked by the decoder (every reference in range). */
export interface StoreColumns {
  strings: StringTable;
  messageInts: Int32Array;
  messageSizes: Float64Array;
  folderInts: Int32Array;
  /** Start of each folder in `folderInts`. */
  folderAt: Int32Array;
  /** Each record's id: a string of `strings`, or `GUID_ID` (its words in `recordGuids`). */
  recordIds: Int32Array;
  /** Four words per record: its id when that is a lower-case GUID. */
  recordGuids: Int32Array;
  /** Each record's row of `contextStrings`: its string columns after the id. */
  recordContexts: Int32Array;
  /** Rows of `CONTEXT_STRINGS` string references (`RECORD_STRINGS` after `id`). */
  contextStrings: Int32Array;
  recordInts: Int32Array;
  /** Each record's own numbers (`RECORD_OWN_NUMBERS`; see `NUMBER_SLOTS`). */
  recordNumbers: Float64Array;
  /** Each context row's numbers (`CONTEXT_NUMBERS`; see `NUMBER_SLOTS`). */
  contextNumbers: Float64Array;
  /** Folders of record k: `folderRefs[folderStart[k] … folderStart[k + 1])`. */
  folderStart: Int32Array;
  folderRefs: Int32Array;
  sourceIndex: number;
}

/**
 * The records of a reopened index, kept in the typed columns they were saved in: a record, its
 * strings, folders and messages become JS values only when something reads them (and are then kept,
 * so a value read twice is the same value). Reopening 300,000 records so allocates 300,000 small
 * objects instead of millions, which is what made a reopen slow (most of it was garbage collection).
 * The readers that walk folder codes (reports, the text filter, the grid) read the records' folders
 * from a `FolderStore` written from the index's columns when first asked (`codedFolders`), or a
 * slice at a time beforehand (`writeFolders`).
 */
export class RecordStore {
  private readonly messages: (MessageRef | undefined)[];
  private readonly folders: (FolderRef | undefined)[];
  private readonly folderLists: (FolderRef[] | undefined)[];
  private readonly provenances: (Provenance | undefined)[];
  /** Writes the records' folders as codes, when a reader first asks for them. */
  private writer: StoredFoldersWriter | undefined;

  constructor(readonly c: StoreColumns) {
    this.messages = new Array<MessageRef | undefined>(c.messageSizes.length);
    this.folders = new Array<FolderRef | undefined>(c.folderAt.length);
    this.folderLists = new Array<FolderRef[] | undefined>(c.folderStart.length - 1);
    this.provenances = new Array<Provenance | undefined>(c.folderStart.length - 1);
  }

  /** The records, in file order. */
  records(): MiaRecord[] {
    const n = this.c.folderStart.length - 1;
    const out = new Array<MiaRecord>(n);
    for (let k = 0; k < n; k++) out[k] = new StoredRecord(this, k);
    return out;
  }

  /** The reference of record k's string column `column` (of `RECORD_STRINGS`). */
  private ref(k: number, column: number): number {
    const c = this.c;
    return column === 0 ? c.recordIds[k] : c.contextStrings[c.recordContexts[k] * W + column - 1];
  }

  str(k: number, column: number): string {
    const ref = this.ref(k, column);
    return ref === GUID_ID ? guidText(this.c.recordGuids, 4 * k) : this.c.strings.at(ref);
  }

  opt(k: number, column: number): string | undefined {
    const s = this.ref(k, column);
    return s === NO_STRING ? undefined : this.c.strings.at(s);
  }

  flags(k: number): number {
    return this.c.recordInts[k * RECORD_INTS];
  }

  /** Record k's number column `column` of `RECORD_NUMBERS` (0 when absent). */
  num(k: number, column: number): number {
    const c = this.c;
    const slot = NUMBER_SLOTS[column];
    return slot >= 0
      ? c.recordNumbers[k * RECORD_OWN_NUMBERS + slot]
      : c.contextNumbers[c.recordContexts[k] * CONTEXT_NUMBERS - 1 - slot];
  }

  optNum(k: number, column: number): number | undefined {
    const present = (this.flags(k) >> (NUMBER_PRESENCE_SHIFT + column - 2)) & 1;
    return present ? this.num(k, column) : undefined;
  }

  mailboxKey(k: number): string {
    const s = this.ref(k, 2);
    return s === KEY_SAME ? this.str(k, 1) : this.c.strings.at(s);
  }

  /** The records' folders as codes (written now if they are not yet: readers of codes only). */
  codedFolders(): StoredFolders {
    const writer = (this.writer ??= new StoredFoldersWriter(this.c));
    writer.advance();
    return writer.result as StoredFolders;
  }

  /** The records' folders as codes if written already. */
  writtenFolders(): StoredFolders | undefined {
    return this.writer?.result;
  }

  /** Writes the records' folders as codes until `deadline` (see `StoredFoldersWriter.advance`). */
  writeFolders(deadline: number): boolean {
    return (this.writer ??= new StoredFoldersWriter(this.c)).advance(deadline);
  }

  provenance(k: number): Provenance {
    let p = this.provenances[k];
    if (p === undefined) {
      const i = k * RECORD_INTS;
      p = {
        sourceIndex: this.c.sourceIndex,
        line: this.c.recordInts[i + 1],
        offset: this.num(k, 1),
        length: this.c.recordInts[i + 2],
      };
      this.provenances[k] = p;
    }
    return p;
  }

  folderList(k: number): FolderRef[] {
    let list = this.folderLists[k];
    if (list === undefined) {
      const { folderStart, folderRefs } = this.c;
      const from = folderStart[k];
      list = new Array<FolderRef>(folderStart[k + 1] - from);
      for (let i = 0; i < list.length; i++) list[i] = this.folder(folderRefs[from + i]);
      this.folderLists[k] = list;
    }
    return list;
  }

  private folder(f: number): FolderRef {
    let folder = this.folders[f];
    if (folder === undefined) {
      const { folderInts: ints, strings } = this.c;
      const at = this.c.folderAt[f];
      const path = strings.at(ints[at]);
      const key = ints[at + 1] === KEY_SAME ? path : strings.at(ints[at + 1]);
      const id = ints[at + 2] === NO_STRING ? undefined : strings.at(ints[at + 2]);
      const items = new Array<MessageRef>(ints[at + 3]);
      for (let i = 0; i < items.length; i++) items[i] = this.message(ints[at + 4 + i]);
      // The key order of a freshly read folder.
      folder = { path, key, items };
      if (id !== undefined) folder.id = id;
      this.folders[f] = folder;
    }
    return folder;
  }

  private message(m: number): MessageRef {
    let message = this.messages[m];
    if (message === undefined) {
      const { messageInts: ints, strings } = this.c;
      const at = m * MESSAGE_INTS;
      const internetMessageId = strings.at(ints[at]);
      const code = ints[at + 1];
      const key =
        code === KEY_SAME
          ? internetMessageId
          : code === KEY_INNER
            ? internetMessageId.slice(1, -1)
            : code === KEY_INNER_LOWER
              ? internetMessageId.slice(1, -1).toLowerCase()
              : strings.at(code);
      message = { internetMessageId, key };
      if (ints[at + 3] === 1) message.sizeInBytes = this.c.messageSizes[m];
      if (ints[at + 2] !== NO_STRING) message.subject = strings.at(ints[at + 2]);
      this.messages[m] = message;
    }
    return message;
  }
}

const tri = (v: number): boolean | undefined => (v === 0 ? undefined : v === 2);

/**
 * One record of a reopened index: the `MiaRecord` fields are getters over the store's columns.
 * `toJSON` gives the record as a fresh read builds it (same keys, same order).
 */
export class StoredRecord extends CodedRecord implements MiaRecord {
  readonly #s: RecordStore;
  readonly #k: number;

  constructor(store: RecordStore, k: number) {
    super();
    this.#s = store;
    this.#k = k;
  }

  get id(): string {
    return this.#s.str(this.#k, 0);
  }
  get timeMs(): number {
    return this.#s.num(this.#k, 0);
  }
  get mailbox(): string {
    return this.#s.str(this.#k, 1);
  }
  get mailboxKey(): string {
    return this.#s.mailboxKey(this.#k);
  }
  get mailboxGuid(): string | undefined {
    return this.#s.opt(this.#k, 3);
  }
  get actor(): string | undefined {
    return this.#s.opt(this.#k, 4);
  }
  get logonType(): number | undefined {
    return this.#s.optNum(this.#k, 2);
  }
  get userType(): number | undefined {
    return this.#s.optNum(this.#k, 3);
  }
  get accessType(): AccessType {
    return ACCESS_TYPES[this.#s.flags(this.#k) & 15];
  }
  get isThrottled(): boolean | undefined {
    return tri((this.#s.flags(this.#k) >> 4) & 3);
  }
  get sessionId(): string | undefined {
    return this.#s.opt(this.#k, 5);
  }
  get ip(): string | undefined {
    return this.#s.opt(this.#k, 6);
  }
  get clientInfo(): string | undefined {
    return this.#s.opt(this.#k, 7);
  }
  get appId(): string | undefined {
    return this.#s.opt(this.#k, 8);
  }
  get clientAppId(): string | undefined {
    return this.#s.opt(this.#k, 9);
  }
  get operationCount(): number | undefined {
    return this.#s.optNum(this.#k, 4);
  }
  get recordType(): number | undefined {
    return this.#s.optNum(this.#k, 5);
  }
  get originatingServer(): string | undefined {
    return this.#s.opt(this.#k, 12);
  }
  get externalAccess(): boolean | undefined {
    return tri((this.#s.flags(this.#k) >> 6) & 3);
  }
  get organizationId(): string | undefined {
    return this.#s.opt(this.#k, 10);
  }
  get tokenTenantId(): string | undefined {
    return this.#s.opt(this.#k, 11);
  }
  get folders(): FolderRef[] {
    return this.#s.folderList(this.#k);
  }
  get provenance(): Provenance {
    return this.#s.provenance(this.#k);
  }

  folderPosition(): number {
    return this.#s.codedFolders().positions[this.#k];
  }

  override writtenPosition(): number {
    return this.#s.writtenFolders()?.positions[this.#k] ?? -1;
  }

  override writeFolders(deadline: number): boolean {
    return this.#s.writeFolders(deadline);
  }

  folderStore(): FolderStore {
    return this.#s.codedFolders().store;
  }

  /** The record as a plain object, keys in the order the normaliser sets them. */
  toJSON(): MiaRecord {
    const r: Omit<MiaRecord, 'provenance'> & { provenance?: Provenance } = {
      id: this.id,
      timeMs: this.timeMs,
      mailbox: this.mailbox,
      mailboxKey: this.mailboxKey,
      accessType: this.accessType,
      folders: this.folders,
    };
    for (const key of OPTIONAL_RECORD_FIELDS) {
      const v = this[key];
      if (v !== undefined) (r as Record<string, unknown>)[key] = v;
    }
    r.provenance = this.provenance;
    return r as MiaRecord;
  }
}
