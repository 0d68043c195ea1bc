import type { AccessType, FolderRef, MiaRecord, Provenance } from '../model';
import { OPTIONAL_RECORD_FIELDS } from '../model';
import type { FolderStore } from './folderStore';
import type { GuidColumn } from './guidColumn';
import { CodedRecord } from './codedRecord';

/**
 * The values a record shares with the other records of its session: who read which mailbox, from
 * where and with what, and the source file. 100,000 records of a generated export hold about 2,600
 * distinct combinations; one object per combination, shared by its records, replaces 17 fields of
 * every record (and its provenance's `sourceIndex`).
 */
export class RecordContext {
  constructor(
    readonly sourceIndex: number,
    readonly accessType: AccessType,
    readonly mailbox: string,
    readonly mailboxKey: string,
    readonly mailboxGuid: string | undefined,
    readonly actor: string | undefined,
    readonly logonType: number | undefined,
    readonly userType: number | undefined,
    readonly isThrottled: boolean | undefined,
    readonly sessionId: string | undefined,
    readonly ip: string | undefined,
    readonly clientInfo: string | undefined,
    readonly appId: string | undefined,
    readonly clientAppId: string | undefined,
    readonly externalAccess: boolean | undefined,
    readonly organizationId: string | undefined,
    readonly tokenTenantId: string | undefined,
    readonly recordType: number | undefined,
    readonly originatingServer: string | undefined,
    /** Where the records kept under this context write their folders (none: they keep their lists). */
    readonly store?: FolderStore,
    /** Where the records kept under this context write their ids (none: they keep their text). */
    readonly ids?: GuidColumn,
  ) {}

  /** True when this context holds exactly these values (strings compared by value). */
  holds(
    sourceIndex: number,
    accessType: AccessType,
    mailbox: string,
    mailboxKey: string,
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
    externalAccess: boolean | undefined,
    organizationId: string | undefined,
    tokenTenantId: string | undefined,
    recordType: number | undefined,
    originatingServer: string | undefined,
  ): boolean {
    return (
      this.sessionId === sessionId &&
      this.accessType === accessType &&
      this.mailboxKey === mailboxKey &&
      this.mailbox === mailbox &&
      this.ip === ip &&
      this.clientInfo === clientInfo &&
      this.actor === actor &&
      this.mailboxGuid === mailboxGuid &&
      this.logonType === logonType &&
      this.userType === userType &&
      this.isThrottled === isThrottled &&
      this.appId === appId &&
      this.clientAppId === clientAppId &&
      this.externalAccess === externalAccess &&
      this.organizationId === organizationId &&
      this.tokenTenantId === tokenTenantId &&
      this.recordType === recordType &&
      this.originatingServer === originatingServer &&
      this.sourceIndex === sourceIndex
    );
  }
}

/**
 * A loaded record in about 90 bytes instead of about 270: its own values (id, time, folders,
 * operation count, where its row is) as fields, the values it shares with its session read through
 * a shared `RecordContext`, and its provenance made when asked for (a new object each time: callers
 * read a field or two of it). Once placed, a Bind record's folders are kept as a position in its
 * context's `FolderStore` and built again each time `folders` is read (a new list of new folder
 * objects holding the same shared messages: equal, not identical, from one read to the next). Every `MiaRecord` field reads as it would on the normaliser's plain
 * object (absent optional values are `undefined`), and `toJSON` gives that plain object, keys in the
 * normaliser's order. Not frozen, but nothing may change a loaded record (its fields have no setters).
 */
export class CompactRecord extends CodedRecord implements MiaRecord {
  readonly #c: RecordContext;
  /** The time in whole seconds (see `packTime`), or the time's text when it is not such a time. */
  readonly #t: number | string;
  /** The id, or its position in the context's `GuidColumn` once placed (a lower-case GUID). */
  #id: string | number;
  /** The folders, or their position in the context's store once placed. */
  #f: FolderRef[] | number;
  readonly #count: number | undefined;
  #line = 0;
  #offset = 0;
  #length = 0;

  /**
   * `folders`: the list, or the position where they are written in the context's store already (a
   * row batch decoded by the interner writes a Bind record's folders there as it reads them).
   */
  constructor(
    id: string,
    timeMs: number,
    folders: FolderRef[] | number,
    operationCount: number | undefined,
    context: RecordContext,
  ) {
    super();
    this.#t = packTime(timeMs);
    this.#id = id;
    this.#f = folders;
    this.#count = operationCount;
    this.#c = context;
  }

  /**
   * Sets where the record's row is (once, when the record is kept), and writes its folders and id
   * to the context's stores (records not kept never cost them anything).
   */
  place(line: number, offset: number, length: number): void {
    this.#line = line;
    this.#offset = offset;
    this.#length = length;
    const f = this.#f;
    if (typeof f !== 'number' && this.#c.store !== undefined) this.#f = this.#c.store.encode(f);
    const id = this.#id;
    if (typeof id === 'string' && this.#c.ids !== undefined) {
      const at = this.#c.ids.add(id);
      if (at >= 0) this.#id = at;
    }
  }

  /**
   * Gives back what the record's folders took in the store, when they were the last written there
   * (a record not kept: a duplicate). The record must not be used afterwards.
   */
  discard(): void {
    const f = this.#f;
    if (typeof f === 'number') this.#c.store?.release(f);
  }

  /**
   * Where the record's folders are written in `folderStore` (see `FolderStore.visit`: readers walk
   * their codes without building them), or -1 when the record keeps its own list.
   */
  folderPosition(): number {
    const f = this.#f;
    return typeof f === 'number' ? f : -1;
  }

  /**
   * The values the record shares with the other records of its session (one object for all of
   * them: readers that write those values once per context key their work by it).
   */
  sharedValues(): RecordContext {
    return this.#c;
  }

  /** The store the record's folders are written to once placed (none: it keeps its list). */
  folderStore(): FolderStore | undefined {
    return this.#c.store;
  }

  get timeMs(): number {
    const t = this.#t;
    return typeof t === 'number' ? t * 1000 : Number(t);
  }

  get id(): string {
    const id = this.#id;
    return typeof id === 'string' ? id : (this.#c.ids as GuidColumn).text(id);
  }

  /** True when the id is held in the context's `GuidColumn` (`writeGuidId` writes it). */
  holdsGuidId(): boolean {
    return typeof this.#id === 'number';
  }

  /**
   * Writes the id's text (36 ASCII bytes) to `out` from `p` on, straight from its column: for the
   * JSON report, which would otherwise make the text of every message's first record id. Only for
   * a record that `holdsGuidId`.
   */
  writeGuidId(out: Uint8Array, p: number): void {
    (this.#c.ids as GuidColumn).writeText(this.#id as number, out, p);
  }

  /** Copies the id's four words (see `guidWords`) to `out` from `o` on: the saved index's form of it. */
  copyGuidWords(out: Int32Array, o: number): void {
    (this.#c.ids as GuidColumn).copyWords(this.#id as number, out, o);
  }
  get folders(): FolderRef[] {
    const f = this.#f;
    return typeof f === 'number' ? (this.#c.store as FolderStore).decode(f) : f;
  }
  get provenance(): Provenance {
    return { sourceIndex: this.#c.sourceIndex, line: this.#line, offset: this.#offset, length: this.#length };
  }
  get operationCount(): number | undefined {
    return this.#count;
  }
  get accessType(): AccessType {
    return this.#c.accessType;
  }
  get mailbox(): string {
    return this.#c.mailbox;
  }
  get mailboxKey(): string {
    return this.#c.mailboxKey;
  }
  get mailboxGuid(): string | undefined {
    return this.#c.mailboxGuid;
  }
  get actor(): string | undefined {
    return this.#c.actor;
  }
  get logonType(): number | undefined {
    return this.#c.logonType;
  }
  get userType(): number | undefined {
    return this.#c.userType;
  }
  get isThrottled(): boolean | undefined {
    return this.#c.isThrottled;
  }
  get sessionId(): string | undefined {
    return this.#c.sessionId;
  }
  get ip(): string | undefined {
    return this.#c.ip;
  }
  get clientInfo(): string | undefined {
    return this.#c.clientInfo;
  }
  get appId(): string | undefined {
    return this.#c.appId;
  }
  get clientAppId(): string | undefined {
    return this.#c.clientAppId;
  }
  get externalAccess(): boolean | undefined {
    return this.#c.externalAccess;
  }
  get organizationId(): string | undefined {
    return this.#c.organizationId;
  }
  get tokenTenantId(): string | undefined {
    return this.#c.tokenTenantId;
  }
  get recordType(): number | undefined {
    return this.#c.recordType;
  }
  get originatingServer(): string | undefined {
    return this.#c.originatingServer;
  }

  /** The record as the normaliser's plain object (keys in its order, absent values absent). */
  toJSON(): MiaRecord {
    return plainRecord(this);
  }
}

/** Whole seconds a record's time is held in while they fit V8's small integers (to 2038). */
const SMALL_SECONDS = 2 ** 31;

/**
 * A record time as a `CompactRecord` holds it: the whole seconds of an audit time (a small integer,
 * held in the record's field: a time in milliseconds is a heap number of 16 bytes of its own), or
 * else its text (`Number` gives the very time back, whatever it is).
 */
function packTime(ms: number): number | string {
  const s = ms / 1000;
  return Number.isInteger(s) && s >= -SMALL_SECONDS && s < SMALL_SECONDS && s * 1000 === ms ? s : String(ms);
}

/** A record's values as a plain object, keys in the normaliser's order (absent values absent). */
export function plainRecord(r: MiaRecord): MiaRecord {
  const plain: Record<string, unknown> = {
    id: r.id,
    timeMs: r.timeMs,
    mailbox: r.mailbox,
    mailboxKey: r.mailboxKey,
    accessType: r.accessType,
    folders: r.folders,
  };
  for (const key of OPTIONAL_RECORD_FIELDS) {
    const v = r[key];
    if (v !== undefined) plain[key] = v;
  }
  plain.provenance = r.provenance;
  return plain as unknown as MiaRecord;
}
