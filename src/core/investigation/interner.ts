import type { AccessType, FolderRef, MessageRef, MiaRecord } from '../model';
import type { RowSharing } from '../worker/rowBatchReader';
import type { DerivedKeyKind } from '../worker/rowBatchFormat';
import { CompactRecord } from './compactRecord';
import { FolderStore } from './folderStore';
import { GuidColumn } from './guidColumn';
import { MessageTable } from './messageTable';
import { RecordContexts } from './recordContexts';
import { ShardedMap } from './shardedCollections';

const NO_ITEMS: MessageRef[] = Object.freeze([]) as unknown as MessageRef[];
const NO_FOLDERS: FolderRef[] = Object.freeze([]) as unknown as FolderRef[];

/**
 * Shares one copy of each repeated value among the records of an investigation. 300,000 records name
 * a handful of mailboxes, sessions, IPs, clients and folders, the same message is listed by several
 * records (each Bind of it, and the Binds of a conversation list their neighbours), and a Sync names
 * one of a few folders with no items: without this each record would hold its own copies (about
 * 1.3 KB a record in all, of which half were message ids and their keys).
 *
 * Shared `MessageRef`s and item-less `FolderRef`s (and their arrays) are frozen: they are part of
 * several records, so nothing may change them after loading (a write throws in strict code).
 *
 * Records are made `CompactRecord`s, the values they share with their session in one shared
 * `RecordContext` (see `beginSource`).
 */
export class Interner implements RowSharing {
  // Sharded: a large export holds hundreds of thousands of distinct strings and messages, and
  // growing one Map that large stalls the event loop (see ShardedMap).
  private readonly strings = new ShardedMap<string>();
  /** Item-less folders by path (a path may come with several ids). */
  private readonly emptyFolders = new Map<string, FolderRef[]>();
  /** `[folder]` arrays of the shared folders (a Sync record's usual `folders`). */
  private readonly singletons = new Map<FolderRef, FolderRef[]>();
  /**
   * The codes of the shared messages and item-less folders, and the kept records' `folders` written
   * as codes (see `FolderStore`). Unlike the table of messages, kept for as long as the records.
   */
  private readonly store = new FolderStore((path, key, id) => this.emptyFolder(path, key, id));
  private readonly contexts = new RecordContexts(this.store, new GuidColumn());
  /** The messages of this load, found by their id (see `MessageTable`), held in `store`. */
  private messages = new MessageTable(this.store.messages);
  /** `Provenance.sourceIndex` of the records made now. */
  private sourceIndex = 0;
  /** `intern`, bound once (new contexts' strings). */
  private readonly share = (s: string): string => this.intern(s);

  /**
   * Sets the source the records made from now on come from (their `provenance.sourceIndex`): an
   * investigation reads one source at a time, and says which before its first row.
   */
  beginSource(sourceIndex: number): void {
    this.sourceIndex = sourceIndex;
  }

  /** The shared copy of `s`. */
  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  /** Like `intern`, passing undefined through. */
  optional(s: string | undefined): string | undefined {
    return s === undefined ? undefined : this.intern(s);
  }

  /** Number of distinct strings held. */
  get size(): number {
    return this.strings.size;
  }

  /** Number of distinct messages held (same id, key, size and subject: one shared `MessageRef`). */
  get messageCount(): number {
    return this.messages.size;
  }

  /**
   * Forgets the messages seen so far (the strings and folders stay): the table of them costs about
   * 24–40 bytes a message for as long as it is held, so it is released once a load is done. Messages
   * of a later load are then shared among themselves, not with earlier ones.
   */
  forgetMessages(): void {
    this.messages = new MessageTable(this.store.messages);
    this.store.compact();
  }

  /** Where a `RowBatchReader` writes the folders of the records it decodes (see `record`). */
  get folderCodes(): FolderStore {
    return this.store;
  }

  /**
   * The record with these values, a `CompactRecord` of the current source (its place still to be
   * set): strings the context holds are shared copies, `folders` must be shared already (a
   * `RowBatchReader` with this interner builds them so), or be their position in `folderCodes`.
   */
  record(
    id: string,
    timeMs: number,
    mailbox: string,
    mailboxKey: string,
    accessType: AccessType,
    folders: FolderRef[] | number,
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
  ): CompactRecord {
    const context = this.contexts.of(
      this.share,
      this.sourceIndex,
      accessType,
      mailbox,
      mailboxKey,
      mailboxGuid,
      actor,
      logonType,
      userType,
      isThrottled,
      sessionId,
      ip,
      clientInfo,
      appId,
      clientAppId,
      externalAccess,
      organizationId,
      tokenTenantId,
      recordType,
      originatingServer,
    );
    return new CompactRecord(id, timeMs, folders, operationCount, context);
  }

  /**
   * A normalised record as a `CompactRecord` of the current source (its place still to be set),
   * holding shared copies of its repeated values: strings, messages (equal id, key, size and
   * subject), item-less folders, and a `folders` array holding one such folder.
   */
  compact(r: Omit<MiaRecord, 'provenance'>): CompactRecord {
    let folders = r.folders;
    if (folders.length === 0) folders = NO_FOLDERS;
    else {
      for (let i = 0; i < folders.length; i++) folders[i] = this.folder(folders[i]);
      if (folders.length === 1 && folders[0].items.length === 0) folders = this.singleton(folders[0]);
    }
    return new CompactRecord(
      r.id,
      r.timeMs,
      folders,
      r.operationCount,
      this.contexts.of(
        this.share,
        this.sourceIndex,
        r.accessType,
        r.mailbox,
        r.mailboxKey,
        r.mailboxGuid,
        r.actor,
        r.logonType,
        r.userType,
        r.isThrottled,
        r.sessionId,
        r.ip,
        r.clientInfo,
        r.appId,
        r.clientAppId,
        r.externalAccess,
        r.organizationId,
        r.tokenTenantId,
        r.recordType,
        r.originatingServer,
      ),
    );
  }

  private folder(f: FolderRef): FolderRef {
    const path = this.intern(f.path);
    const key = this.intern(f.key);
    const id = f.id === undefined ? undefined : this.intern(f.id);
    const items = f.items;
    if (items.length > 0) {
      // A Bind's folder is rarely repeated whole (a map of them would cost more than it saves);
      // its messages are.
      for (let i = 0; i < items.length; i++) items[i] = this.message(items[i]);
      return folderRef(path, key, id, items);
    }
    return this.emptyFolder(path, key, id);
  }

  /**
   * The shared, frozen item-less folder with these values. `path`, `key` and `id` must be shared
   * copies already (from `intern`).
   */
  emptyFolder(path: string, key: string, id: string | undefined): FolderRef {
    let list = this.emptyFolders.get(path);
    if (list === undefined) this.emptyFolders.set(path, (list = []));
    for (const known of list) if (known.key === key && known.id === id) return known;
    const shared = Object.freeze(this.store.folder(folderRef(path, key, id, NO_ITEMS)));
    list.push(shared);
    return shared;
  }

  /** The shared, frozen `[folder]` of a folder from `emptyFolder` (a Sync record's usual list). */
  singleton(folder: FolderRef): FolderRef[] {
    let shared = this.singletons.get(folder);
    if (shared === undefined) this.singletons.set(folder, (shared = Object.freeze([folder]) as FolderRef[]));
    return shared;
  }

  /** The shared, frozen empty `folders` list. */
  noFolders(): FolderRef[] {
    return NO_FOLDERS;
  }

  private message(m: MessageRef): MessageRef {
    return this.messageOf(m.internetMessageId, m.key, m.sizeInBytes, m.subject);
  }

  /**
   * The shared, frozen message with this id, key, size and subject: the first one seen with equal
   * values, or a new one (its key sharing the id's text when it can).
   */
  messageOf(id: string, key: string, size: number | undefined, subject: string | undefined): MessageRef {
    return this.store.messageAt(this.messageCode(id, key, size, subject));
  }

  /** `messageOf` with the key made from the id as `kind` says (see `MessageTable.derived`). */
  derivedMessage(
    id: string,
    kind: DerivedKeyKind,
    size: number | undefined,
    subject: string | undefined,
  ): MessageRef {
    return this.store.messageAt(this.derivedMessageCode(id, kind, size, subject));
  }

  /** The code in `folderCodes` of the message `messageOf` gives (no object made for it). */
  messageCode(id: string, key: string, size: number | undefined, subject: string | undefined): number {
    return this.messages.shared(id, key, size, subject, this.newMessage);
  }

  /** The code in `folderCodes` of the message `derivedMessage` gives (no object made for it). */
  derivedMessageCode(
    id: string,
    kind: DerivedKeyKind,
    size: number | undefined,
    subject: string | undefined,
  ): number {
    return this.messages.derived(id, kind, size, subject, this.newMessage);
  }

  /** Holds a new shared message (made once, not a closure per lookup). */
  private readonly newMessage = (
    id: string,
    key: string | undefined,
    kind: number,
    size: number | undefined,
    subject: string | undefined,
  ): number =>
    this.store.addMessage(id, key, kind, size, subject === undefined ? undefined : this.intern(subject));
}

// Objects built from literals hold their few properties in the object itself; the objects a
// worker's message arrives as keep some in a separate array (24 bytes more each). Absent optional
// properties stay absent (not `undefined`), as the normaliser wrote them.

/** A message as an object literal, in the normaliser's key order. */
export function messageRef(
  id: string,
  key: string,
  size: number | undefined,
  subject: string | undefined,
): MessageRef {
  if (size !== undefined) {
    return subject === undefined
      ? { internetMessageId: id, key, sizeInBytes: size }
      : { internetMessageId: id, key, sizeInBytes: size, subject };
  }
  return subject === undefined ? { internetMessageId: id, key } : { internetMessageId: id, key, subject };
}

/** A folder as an object literal, in the normaliser's key order. */
export function folderRef(path: string, key: string, id: string | undefined, items: MessageRef[]): FolderRef {
  return id === undefined ? { path, key, items } : { path, key, items, id };
}
