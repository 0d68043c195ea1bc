import type { FolderRef, MessageRef, MiaRecord } from '../model';

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
 */
export class Interner {
  private readonly strings = new Map<string, string>();
  /** Messages by `internetMessageId`: the first seen; `variants` holds the others with that id. */
  private readonly messages = new Map<string, MessageRef>();
  private readonly variants = new Map<string, MessageRef[]>();
  /** Item-less folders by path (a path may come with several ids). */
  private readonly emptyFolders = new Map<string, FolderRef[]>();
  /**
   * Folders with items, by their first (shared) message: a message is read again from the folder it
   * lies in, so a repeated Bind repeats its folder too. `moreFolders` holds the others.
   */
  private readonly itemFolders = new Map<MessageRef, FolderRef>();
  private readonly moreFolders = new Map<MessageRef, FolderRef[]>();
  /** `[folder]` arrays of the shared folders (a Sync record's usual `folders`). */
  private readonly singletons = new Map<FolderRef, FolderRef[]>();

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
    let n = this.messages.size;
    for (const list of this.variants.values()) n += list.length;
    return n;
  }

  /**
   * Replaces a record's repeated values by shared copies, in place: strings, messages (equal id,
   * key, size and subject), item-less folders, and a `folders` array holding one such folder.
   */
  record<T extends Omit<MiaRecord, 'provenance'>>(r: T): T {
    r.mailbox = this.intern(r.mailbox);
    r.mailboxKey = this.intern(r.mailboxKey);
    if (r.mailboxGuid !== undefined) r.mailboxGuid = this.intern(r.mailboxGuid);
    if (r.actor !== undefined) r.actor = this.intern(r.actor);
    if (r.sessionId !== undefined) r.sessionId = this.intern(r.sessionId);
    if (r.ip !== undefined) r.ip = this.intern(r.ip);
    if (r.clientInfo !== undefined) r.clientInfo = this.intern(r.clientInfo);
    if (r.appId !== undefined) r.appId = this.intern(r.appId);
    if (r.clientAppId !== undefined) r.clientAppId = this.intern(r.clientAppId);
    if (r.organizationId !== undefined) r.organizationId = this.intern(r.organizationId);
    if (r.tokenTenantId !== undefined) r.tokenTenantId = this.intern(r.tokenTenantId);
    if (r.originatingServer !== undefined) r.originatingServer = this.intern(r.originatingServer);
    const folders = r.folders;
    if (folders.length === 0) {
      r.folders = NO_FOLDERS;
      return r;
    }
    for (let i = 0; i < folders.length; i++) folders[i] = this.folder(folders[i]);
    if (folders.length === 1 && folders[0].items.length === 0) {
      const one = folders[0];
      let shared = this.singletons.get(one);
      if (shared === undefined) this.singletons.set(one, (shared = Object.freeze([one]) as FolderRef[]));
      r.folders = shared;
    }
    return r;
  }

  private folder(f: FolderRef): FolderRef {
    const path = this.intern(f.path);
    const key = this.intern(f.key);
    const id = f.id === undefined ? undefined : this.intern(f.id);
    const items = f.items;
    if (items.length > 0) return this.folderWithItems(f, path, key, id);
    let list = this.emptyFolders.get(path);
    if (list === undefined) this.emptyFolders.set(path, (list = []));
    for (const known of list) if (known.key === key && known.id === id) return known;
    f.path = path;
    f.key = key;
    if (id !== undefined) f.id = id;
    f.items = NO_ITEMS;
    list.push(Object.freeze(f));
    return f;
  }

  private folderWithItems(f: FolderRef, path: string, key: string, id: string | undefined): FolderRef {
    const items = f.items;
    for (let i = 0; i < items.length; i++) items[i] = this.message(items[i]);
    const head = items[0];
    const first = this.itemFolders.get(head);
    if (first !== undefined) {
      if (sameFolder(first, path, key, id, items)) return first;
      const others = this.moreFolders.get(head);
      if (others !== undefined)
        for (const known of others) if (sameFolder(known, path, key, id, items)) return known;
    }
    f.path = path;
    f.key = key;
    if (id !== undefined) f.id = id;
    Object.freeze(items);
    Object.freeze(f);
    if (first === undefined) this.itemFolders.set(head, f);
    else {
      const others = this.moreFolders.get(head);
      if (others === undefined) this.moreFolders.set(head, [f]);
      else others.push(f);
    }
    return f;
  }

  private message(m: MessageRef): MessageRef {
    const id = m.internetMessageId;
    const first = this.messages.get(id);
    if (first !== undefined) {
      if (sameMessage(first, m)) return first;
      const others = this.variants.get(id);
      if (others !== undefined) for (const known of others) if (sameMessage(known, m)) return known;
    }
    this.compactKey(m);
    if (m.subject !== undefined) m.subject = this.intern(m.subject);
    Object.freeze(m);
    if (first === undefined) this.messages.set(id, m);
    else {
      const others = this.variants.get(id);
      if (others === undefined) this.variants.set(id, [m]);
      else others.push(m);
    }
    return m;
  }

  /** Lets the key share the id's text when it can (once per distinct message). */
  private compactKey(m: MessageRef): void {
    const id = m.internetMessageId;
    if (m.key === id) {
      m.key = id;
      return;
    }
    // Ids written `<…>` in lower case already: the key is the id without its angle brackets, and a
    // slice of the id (a reference into it) costs less than a copy of the text.
    if (m.key.length === id.length - 2 && id.startsWith('<')) {
      const inner = id.slice(1, -1);
      if (inner === m.key) m.key = inner;
    }
  }
}

function sameFolder(
  f: FolderRef,
  path: string,
  key: string,
  id: string | undefined,
  items: readonly MessageRef[],
): boolean {
  if (f.path !== path || f.key !== key || f.id !== id || f.items.length !== items.length) return false;
  for (let i = 0; i < items.length; i++) if (f.items[i] !== items[i]) return false;
  return true;
}

function sameMessage(a: MessageRef, b: MessageRef): boolean {
  return a.key === b.key && a.sizeInBytes === b.sizeInBytes && a.subject === b.subject;
}
