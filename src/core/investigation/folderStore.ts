import type { FolderRef, MessageRef } from '../model';
import { derivedKeyOf, MessageColumns } from './messageColumns';
import { MessageKeys } from './messageKeys';

/** A constructor giving back the object it is handed: `Code` adds its private field to that object. */
class Handed {
  constructor(o: object) {
    return o;
  }
}

/**
 * The code of a shared message or item-less folder (its index in its `FolderStore` list), held in
 * a private field stamped onto the object itself (`new Code(o, code)` gives back `o`): invisible to
 * everything but this class, so the objects still compare, print, spread and serialise as plain ones
 * with their prototype. Stamping costs a field store where `Object.defineProperty` of a hidden
 * symbol took a call into the runtime (about a third of a microsecond per message).
 */
class Code extends Handed {
  readonly #code: number;

  constructor(o: object, code: number) {
    super(o);
    this.#code = code;
  }

  /** The code stamped on `o`, or undefined. */
  static of(o: object): number | undefined {
    return #code in o ? o.#code : undefined;
  }
}

/** The code stamped on a shared message or folder of this store. */
function codeOf(o: object): number {
  const code = Code.of(o);
  if (code === undefined)
    throw new Error('internal: a message or folder not coded in the store was written to it');
  return code;
}

/** Bits of a position that address an entry inside its chunk (chunks of 256 Ki entries, 1 MiB). */
const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
/** Positions stay small integers (V8 keeps them in the record unboxed): up to 4,096 chunks. */
const MAX_CHUNKS = 1 << (30 - CHUNK_BITS);

/**
 * What `FolderStore.visit` calls for the folders written at a position, in order: `folder` with
 * each folder's code (its shared item-less folder, `folderAt`), then `message` with the code of
 * each message listed under it (`messageAt`).
 */
export interface FolderCodeVisitor {
  folder(code: number): void;
  message(code: number): void;
}

/** Per message code, the id of its key (`MessageRef.key`): equal keys, one id; ids 0 … count − 1 (see `FolderStore.keyIds`). */
export interface MessageKeyIds {
  readonly ofMessage: Int32Array;
  readonly count: number;
}

/**
 * The `folders` of loaded Bind records as small integers in shared chunks instead of objects: per
 * record its folder count, then per folder the code of its shared item-less folder, its item count
 * and its messages' codes. A record then holds one position instead of its own `folders` array,
 * folder objects and `items` arrays (about 150 bytes a Bind record), and its folders are built again
 * each time they are read (`decode`: new arrays and folder objects holding the same shared messages
 * and strings; equal values, in the same order).
 *
 * Lists the records share (frozen: a Sync record's `[folder]`, the empty list) and lists holding
 * anything not coded here are kept as they are.
 */
export class FolderStore {
  /** Shared messages by code, as columns. */
  readonly messages = new MessageColumns();
  /** The objects of the shared messages read as objects, by code (see `messageAt`). */
  private readonly made: (MessageRef | undefined)[] = [];
  private madeCount = 0;
  /** Shared item-less folders by code. */
  private readonly folders: FolderRef[] = [];
  private readonly chunks: Int32Array[] = [];
  /** Next free entry of the last chunk. */
  private used = CHUNK;
  /** Next entry of the record being written (see `open`). */
  private next = 0;
  /** Position of the record written last (-1: none, or given back). */
  private last = -1;
  /** Key ids of the messages, by code. */
  private readonly keys = new MessageKeys((code) => this.messages.keyAt(code));
  /** Messages given their key id (codes 0 … keyed − 1; see `addUnkeyedMessage`). */
  private keyed = 0;
  /** `compact` was called: the key table is released again after keying pending messages. */
  private compacted = false;

  /**
   * `emptyFolder` gives the shared item-less folder with a path, key and id (coded through `folder`
   * when it was made).
   */
  constructor(
    private readonly emptyFolder: (path: string, key: string, id: string | undefined) => FolderRef,
  ) {}

  /**
   * Holds a new shared message (see `MessageColumns.add`: `key` given as text, or made from the id
   * as kind code `kind` says); returns its code. No object is made for it until one is asked for.
   */
  addMessage(
    id: string,
    key: string | undefined,
    kind: number,
    size: number | undefined,
    subject: string | undefined,
  ): number {
    if (this.keyed < this.messages.count) this.keyPending();
    const code = this.addUnkeyedMessage(id, key, kind, size, subject);
    this.keys.add(code, key ?? derivedKeyOf(id, kind));
    this.keyed++;
    return code;
  }

  /**
   * `addMessage` without the key id, which `keyIds` gives when first asked: for messages coded in
   * bulk (a reopened index), where making every key (lower-cased, most of them) is worth it only
   * for the readers that compare keys.
   */
  addUnkeyedMessage(
    id: string,
    key: string | undefined,
    kind: number,
    size: number | undefined,
    subject: string | undefined,
  ): number {
    const code = this.messages.add(id, key, kind, size, subject);
    this.made.push(undefined);
    return code;
  }

  /** Gives the messages added by `addUnkeyedMessage` their key ids. */
  private keyPending(): void {
    const { messages, keys } = this;
    for (; this.keyed < messages.count; this.keyed++) keys.add(this.keyed, messages.keyAt(this.keyed));
    if (this.compacted) keys.compact();
  }

  /** Gives a new shared item-less folder its code (before it is frozen). */
  folder(f: FolderRef): FolderRef {
    new Code(f, this.folders.length);
    this.folders.push(f);
    return f;
  }

  /**
   * The position of `folders` written here, or `folders` itself when it is shared (frozen), empty,
   * or holds a message not coded here.
   */
  encode(folders: FolderRef[]): FolderRef[] | number {
    if (folders.length === 0 || Object.isFrozen(folders)) return folders;
    let need = 1;
    for (const f of folders) {
      need += 2 + f.items.length;
      for (const m of f.items) if (Code.of(m) === undefined) return folders;
    }
    if (!this.open(need, folders.length)) return folders;
    for (const f of folders) {
      const shared = f.items.length === 0 ? f : this.emptyFolder(f.path, f.key, f.id);
      // Not coded here: nothing written counts until `close`.
      if (Code.of(shared) === undefined) return folders;
      this.writeFolder(shared, f.items.length);
      for (const m of f.items) this.writeMessage(m);
    }
    return this.close();
  }

  /**
   * Starts writing the folders of a record (`count` of them, `need` entries in all: 1, then 2 a
   * folder and 1 a message): a reader of row batches writes them here as it decodes them, with no
   * folder object or items list in between. False when they cannot be written here (more than a
   * chunk, or no chunk left): the caller keeps them as a list.
   */
  open(need: number, count: number): boolean {
    if (need > CHUNK) return false;
    if (this.used + need > CHUNK) {
      if (this.chunks.length === MAX_CHUNKS) return false;
      this.chunks.push(new Int32Array(CHUNK));
      this.used = 0;
    }
    this.chunks[this.chunks.length - 1][this.used] = count;
    this.next = this.used + 1;
    return true;
  }

  /** Writes the next folder of the record opened: its shared item-less folder and its number of messages. */
  writeFolder(shared: FolderRef, items: number): void {
    this.writeFolderCode(codeOf(shared), items);
  }

  /** Writes the next folder of the record opened by the code of its shared item-less folder (`folder`). */
  writeFolderCode(code: number, items: number): void {
    const chunk = this.chunks[this.chunks.length - 1];
    chunk[this.next++] = code;
    chunk[this.next++] = items;
  }

  /** Number of shared item-less folders coded so far (codes 0 … count − 1). */
  get folderCount(): number {
    return this.folders.length;
  }

  /** Writes the next message of the folder written last (a shared message coded here). */
  writeMessage(m: MessageRef): void {
    this.writeMessageCode(codeOf(m));
  }

  /** Writes the next message of the folder written last, by its code. */
  writeMessageCode(code: number): void {
    this.chunks[this.chunks.length - 1][this.next++] = code;
  }

  /** Ends the record opened: its position (see `decode`). */
  close(): number {
    const at = ((this.chunks.length - 1) << CHUNK_BITS) | this.used;
    this.used = this.next;
    this.last = at;
    return at;
  }

  /**
   * Gives back the entries of the folders written at `at` when they are the last written (a record
   * decoded with its folders written here, then found to be a duplicate and not kept).
   */
  release(at: number): void {
    if (at !== this.last) return;
    this.used = at & (CHUNK - 1);
    this.last = -1;
  }

  /** Number of messages made as objects so far (see `messageAt`): loading makes none. */
  get objectsMade(): number {
    return this.madeCount;
  }

  /** Number of messages coded so far (codes 0 … count − 1). */
  get messageCount(): number {
    return this.messages.count;
  }

  /**
   * The shared message with this code: made (frozen, its code stamped) the first time it is asked
   * for, the same object from then on.
   */
  messageAt(code: number): MessageRef {
    let m = this.made[code];
    if (m === undefined) {
      const c = this.messages;
      const id = c.idAt(code);
      // The key made from the id is the id itself or a slice of it (no copy of its text) unless
      // lower-cased.
      m = new SharedMessage(id, c.keyAt(code), c.sizeAt(code), c.subjectAt(code));
      new Code(m, code);
      this.made[code] = Object.freeze(m);
      this.madeCount++;
    }
    return m;
  }

  /** The code of `m` when it is a message of this store (`messageAt` made it), else undefined. */
  codeOfMessage(m: MessageRef): number | undefined {
    const code = Code.of(m);
    return code !== undefined && this.made[code] === m ? code : undefined;
  }

  /** The shared item-less folder with this code. */
  folderAt(code: number): FolderRef {
    return this.folders[code];
  }

  /**
   * Walks the folders written at `at` (see `FolderCodeVisitor`) without building them: what
   * `decode` gives, as codes.
   */
  visit(at: number, visitor: FolderCodeVisitor): void {
    const chunk = this.chunks[at >>> CHUNK_BITS];
    let o = at & (CHUNK - 1);
    const n = chunk[o++];
    for (let f = 0; f < n; f++) {
      visitor.folder(chunk[o++]);
      const end = o + 1 + chunk[o];
      for (o++; o < end; o++) visitor.message(chunk[o]);
    }
  }

  /** Number of messages the folders written at `at` list (as `decode` would give them). */
  messageCountAt(at: number): number {
    const chunk = this.chunks[at >>> CHUNK_BITS];
    let o = at & (CHUNK - 1);
    const n = chunk[o++];
    let count = 0;
    for (let f = 0; f < n; f++, o += 2 + chunk[o + 1]) count += chunk[o + 1];
    return count;
  }

  /** The code of the first message listed by the folders written at `at`, or -1 when none is. */
  firstMessageCodeAt(at: number): number {
    const chunk = this.chunks[at >>> CHUNK_BITS];
    let o = at & (CHUNK - 1);
    const n = chunk[o++];
    for (let f = 0; f < n; f++, o += 2 + chunk[o + 1]) if (chunk[o + 1] > 0) return chunk[o + 2];
    return -1;
  }

  /** The paths of the folders written at `at`, in order. */
  folderPathsAt(at: number): string[] {
    const chunk = this.chunks[at >>> CHUNK_BITS];
    let o = at & (CHUNK - 1);
    const n = chunk[o++];
    const paths: string[] = [];
    for (let f = 0; f < n; f++, o += 2 + chunk[o + 1]) paths.push(this.folders[chunk[o]].path);
    return paths;
  }

  /**
   * The key id of every message coded so far (`MessageKeys`): messages with equal keys (the same
   * message under another size or subject, or its id written in another case) share one. Lets a
   * reader tell a record's messages apart by small integers instead of looking their keys up.
   */
  keyIds(): MessageKeyIds {
    if (this.keyed < this.messages.count) this.keyPending();
    return { ofMessage: this.keys.ofMessage, count: this.keys.count };
  }

  /** Releases what only coding more messages needs (see `MessageKeys.compact`); a load is done. */
  compact(): void {
    this.compacted = true;
    this.keys.compact();
  }

  /** The folders written at `at`: a new list, each folder with items a new object (see the class). */
  decode(at: number): FolderRef[] {
    const chunk = this.chunks[at >>> CHUNK_BITS];
    let o = at & (CHUNK - 1);
    const n = chunk[o++];
    const out: FolderRef[] = [];
    for (let f = 0; f < n; f++) {
      const shared = this.folders[chunk[o++]];
      const count = chunk[o++];
      if (count === 0) {
        out.push(shared);
        continue;
      }
      const items: MessageRef[] = [];
      for (let k = 0; k < count; k++) items.push(this.messageAt(chunk[o++]));
      out.push(withItems(shared, items));
    }
    return out;
  }
}

/** The folder with these items, as the normaliser's object literal (keys in its order). */
function withItems(f: FolderRef, items: MessageRef[]): FolderRef {
  return f.id === undefined
    ? { path: f.path, key: f.key, items }
    : { path: f.path, key: f.key, items, id: f.id };
}

/**
 * Builds a shared message: a plain object (prototype `Object.prototype`, the normaliser's keys in
 * its order, absent ones absent) made by a constructor rather than a literal, so that V8 leaves room
 * in the object itself for the code `Code` adds (a literal's object would move it to a separate
 * array: about 40 bytes more a message).
 */
function setMessageFields(
  this: Record<string, unknown>,
  id: string,
  key: string,
  size: number | undefined,
  subject: string | undefined,
): void {
  this.internetMessageId = id;
  this.key = key;
  if (size !== undefined) this.sizeInBytes = size;
  if (subject !== undefined) this.subject = subject;
}
const SharedMessage = setMessageFields as unknown as new (
  ...fields: Parameters<typeof setMessageFields>
) => MessageRef;
SharedMessage.prototype = Object.prototype as MessageRef;
