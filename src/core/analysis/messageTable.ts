import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import { grownInt32 } from '../int32Arrays';
import { GIVEN_KEY } from '../investigation/messageColumns';
import type { FolderRef, MessageRef, MiaRecord } from '../model';
import { BIND_NOT_CODED, NOT_BIND, SYNC, uncodedListsNothing, type ContextIndex } from './contextIndex';
import { compareText } from './order';
import { UseTable } from './useTable';

/**
 * The messages bound in a list of records (one mailbox's, in time order), as columns: what
 * `boundMessages` computes, without an object, a context tally and six arrays per message. Records
 * are referred to by their position in the list; message `i`'s columns are at index `i`. Its texts
 * are read from the first message and folder met (held once, by reference), counts and positions are
 * typed arrays.
 */
export interface BoundMessageTable {
  /** Number of distinct messages. */
  readonly size: number;
  /** Message indices in report order: first access, then normalised id. */
  readonly order: Int32Array;
  /** Normalised id. */
  readonly key: (message: number) => string;
  /**
   * How the key is made from the id (`MessageColumns.kindAt`), or `GIVEN_KEY` when that is not
   * known (a message read as an object): writers may then make the key from the id's bytes.
   */
  readonly keyKind: (message: number) => number;
  /** The id as first written. */
  readonly internetMessageId: (message: number) => string;
  /** Position of the earliest record listing the message, and of the latest. */
  readonly firstRecord: Int32Array;
  readonly lastRecord: Int32Array;
  /** Distinct Bind records listing the message. */
  readonly accessCount: Int32Array;
  /** From the first record that carries them. */
  readonly sizeInBytes: (message: number) => number | undefined;
  readonly subject: (message: number) => string | undefined;
  /** Per message, the contexts (ids of the `ContextIndex`) of the records listing it. */
  readonly uses: UseTable;
  /** Folder paths the message was listed under (as first written; distinct by normalised path; sorted by it). */
  readonly folders: (message: number) => string[];
}

/** Bound messages of `records` (time-ordered, as `compareRecords`), contexts from `contexts`. */
export function boundMessageTable(records: readonly MiaRecord[], contexts: ContextIndex): BoundMessageTable {
  const builder = new MessageTableBuilder(records, contexts);
  builder.add(records.length);
  return builder.finish();
}

/** Messages a table has room for before its typed columns double. */
const FIRST_MESSAGES = 1024;

/** Records `boundMessageTableSteps` reads between two pauses. */
const STEP_RECORDS = 4096;

/**
 * `boundMessageTable` a few thousand records at a time, pausing between them: the editor's
 * report warmer gives the event loop a turn there (one big mailbox's table took over 700 ms in a
 * single step at 1,000,000 records). Same table.
 */
export function* boundMessageTableSteps(
  records: readonly MiaRecord[],
  contexts: ContextIndex,
  stepRecords = STEP_RECORDS,
): Generator<void, BoundMessageTable> {
  const builder = new MessageTableBuilder(records, contexts);
  while (builder.add(stepRecords) < records.length) yield;
  return builder.finish();
}

/**
 * A key-id → table-index array left by a finished builder for the next one (see
 * `MessageTableBuilder`): no entry needs clearing, an entry counts only when the table's entry it
 * names has that key id. One builder at a time holds it (two interleaved would overwrite each
 * other's entries); a builder finding none makes its own.
 */
let spareSlots: Int32Array | undefined;

/**
 * Builds a `BoundMessageTable` over `records` in order, `add` by `add`. When every Bind record
 * listing a message is placed by one investigation (the usual case), their messages are read as
 * codes from its `FolderStore` (no folder objects built) and found in the table by their key id (an
 * array index, not a Map of key strings). The first record found otherwise (not placed, or of
 * another investigation) starts the table again, reading every record's folders as objects and
 * finding messages by key.
 */
class MessageTableBuilder implements FolderCodeVisitor {
  private readonly byKey = new Map<string, number>();
  /**
   * Per message: the first message met with its key (its texts, size and subject), or its code
   * when read as codes (its values then read from `store`'s columns: no object made for it).
   */
  private readonly firstMessage: (MessageRef | number)[] = [];
  /** Per message: the first folder it was met in (shared: one per path). */
  private readonly firstFolder: FolderName[] = [];
  /** Sizes and subjects the first message lacked, from a later one. */
  private readonly laterSize = new Map<number, number>();
  private readonly laterSubject = new Map<number, string>();
  private firstRecord = new Int32Array(FIRST_MESSAGES);
  private lastRecord = new Int32Array(FIRST_MESSAGES);
  private accessCount = new Int32Array(FIRST_MESSAGES);
  /** Table index → key id. */
  private keyIdAt = new Int32Array(FIRST_MESSAGES);
  // Only messages listed under a second folder get a map (normalised path → path as written).
  private readonly moreFolders = new Map<number, Map<string, string>>();
  /** Folders read as objects, by path (one shared name each). */
  private readonly folderNames = new Map<string, FolderName>();
  private uses = new UseTable(1024, 1024);
  /** Records read so far. */
  private done = 0;
  /** Where the records' folders are written, while read as codes. */
  private store: FolderStore | undefined;
  /** Message code → key id (`FolderStore.keyIds`). */
  private readonly keyOf: Int32Array;
  /** Key id → table index, valid when `keyIdAt` at that index is the id (see `spareSlots`). */
  private slots: Int32Array | undefined;
  // The record and folder being visited.
  private p = 0;
  private context = 0;
  private visitedFolder: FolderName = { key: '', path: '' };
  /** The values of a message held as an object or as a code of `store`. */
  private readonly fields: MessageFields;

  constructor(
    private readonly records: readonly MiaRecord[],
    private readonly contexts: ContextIndex,
  ) {
    this.store = contexts.folderStore;
    this.fields = messageFields(this.store);
    const keys = this.store?.keyIds();
    this.keyOf = keys?.ofMessage ?? new Int32Array(0);
    if (keys !== undefined) {
      const spare = spareSlots;
      spareSlots = undefined;
      this.slots = spare !== undefined && spare.length >= keys.count ? spare : new Int32Array(keys.count);
    }
  }

  /** Reads up to `count` more records; returns how many are read in all. */
  add(count: number): number {
    const end = Math.min(this.records.length, this.done + count);
    if (this.store !== undefined) this.addCoded(this.store, end);
    else this.addObjects(end);
    this.done = end;
    return end;
  }

  private addCoded(store: FolderStore, end: number): void {
    const { records } = this;
    const { ofRecord, folderAt } = this.contexts;
    for (let p = this.done; p < end; p++) {
      const at = folderAt[p];
      if (at === NOT_BIND || at === SYNC) continue;
      if (at === BIND_NOT_CODED) {
        if (uncodedListsNothing(records[p])) continue;
        this.restartWithObjects(end);
        return;
      }
      this.p = p;
      this.context = ofRecord[p];
      store.visit(at, this);
    }
  }

  /** Forgets the messages read as codes and reads records 0 … `end` − 1 as objects. */
  private restartWithObjects(end: number): void {
    this.store = undefined;
    this.releaseSlots();
    this.firstMessage.length = 0;
    this.firstFolder.length = 0;
    this.laterSize.clear();
    this.laterSubject.clear();
    this.moreFolders.clear();
    this.uses = new UseTable(1024, 1024);
    this.done = 0;
    this.addObjects(end);
  }

  /** Leaves the slots to the next builder (the largest kept). */
  private releaseSlots(): void {
    const slots = this.slots;
    if (slots !== undefined && (spareSlots === undefined || spareSlots.length < slots.length))
      spareSlots = slots;
    this.slots = undefined;
  }

  /** @internal `FolderCodeVisitor`: the next folder of the record visited. */
  folder(code: number): void {
    // The store's shared item-less folder: its key and path, nothing more held.
    this.visitedFolder = (this.store as FolderStore).folderAt(code);
  }

  /** @internal `FolderCodeVisitor`: a message of the folder visited (as `addObjects` reads one). */
  message(code: number): void {
    const k = this.keyOf[code];
    const slots = this.slots as Int32Array;
    let i = slots[k];
    if (i >= this.firstMessage.length || this.keyIdAt[i] !== k) {
      i = this.added(code, this.visitedFolder, this.p);
      slots[k] = i;
      this.keyIdAt[i] = k;
    } else {
      this.addFolder(i, this.visitedFolder);
      const messages = (this.store as FolderStore).messages;
      this.addDetails(i, messages.sizeAt(code), messages.subjectAt(code));
    }
    this.use(i, this.p, this.context);
  }

  private addObjects(end: number): void {
    const { records, byKey } = this;
    const ofRecord = this.contexts.ofRecord;
    for (let p = this.done; p < end; p++) {
      const r = records[p];
      if (r.accessType !== 'Bind') continue;
      for (const f of r.folders) {
        const folder = this.folderName(f);
        for (const m of f.items) {
          let i = byKey.get(m.key);
          if (i === undefined) byKey.set(m.key, (i = this.added(m, folder, p)));
          else {
            this.addFolder(i, folder);
            this.addDetails(i, m.sizeInBytes, m.subject);
          }
          this.use(i, p, ofRecord[p]);
        }
      }
    }
  }

  /** A new message, first met in `folder` by record `p`: its index. */
  private added(m: MessageRef | number, folder: FolderName, p: number): number {
    const i = this.firstMessage.length;
    if (i === this.firstRecord.length) {
      this.firstRecord = grownInt32(this.firstRecord, 2 * i);
      this.lastRecord = grownInt32(this.lastRecord, 2 * i);
      this.accessCount = grownInt32(this.accessCount, 2 * i);
      this.keyIdAt = grownInt32(this.keyIdAt, 2 * i);
    }
    this.firstMessage.push(m);
    this.firstFolder.push(folder);
    this.firstRecord[i] = p;
    this.lastRecord[i] = -1;
    this.accessCount[i] = 0;
    return i;
  }

  /** Message `i` met again in `folder`. */
  private addFolder(i: number, folder: FolderName): void {
    const first = this.firstFolder[i];
    if (folder.key === first.key) return;
    let more = this.moreFolders.get(i);
    if (!more) this.moreFolders.set(i, (more = new Map([[first.key, first.path]])));
    if (!more.has(folder.key)) more.set(folder.key, folder.path);
  }

  /** A size and subject message `i` has none of yet, from the same message met again. */
  private addDetails(i: number, size: number | undefined, subject: string | undefined): void {
    if (size !== undefined && this.sizeOf(i) === undefined) this.laterSize.set(i, size);
    if (subject !== undefined && this.subjectOf(i) === undefined) this.laterSubject.set(i, subject);
  }

  /** Record `p` (of context `context`) lists message `i`. */
  private use(i: number, p: number, context: number): void {
    // A message listed twice in one record (two folders) is one access.
    if (this.lastRecord[i] === p) return;
    this.lastRecord[i] = p;
    this.accessCount[i]++;
    this.uses.add(i, context, p);
  }

  private sizeOf(i: number): number | undefined {
    return this.fields.sizeInBytes(this.firstMessage[i]) ?? this.laterSize.get(i);
  }

  private subjectOf(i: number): string | undefined {
    return this.fields.subject(this.firstMessage[i]) ?? this.laterSubject.get(i);
  }

  /** One name object per folder path read as objects (not the folder, which holds its items). */
  private folderName(f: FolderRef): FolderName {
    let name = this.folderNames.get(f.path);
    if (name === undefined || name.key !== f.key)
      this.folderNames.set(f.path, (name = { key: f.key, path: f.path }));
    return name;
  }

  /** The table of the records read. */
  finish(): BoundMessageTable {
    const { firstMessage: message, firstFolder: folder, moreFolders, laterSize, laterSubject, fields } = this;
    const size = message.length;
    this.releaseSlots();
    this.uses.trim(size);
    const key = (i: number): string => fields.key(message[i]);
    return {
      size,
      order: reportOrder(this.records, size, key, this.firstRecord, this.contexts.timeMs),
      key,
      keyKind: (i) => fields.keyKind(message[i]),
      internetMessageId: (i) => fields.internetMessageId(message[i]),
      firstRecord: this.firstRecord.subarray(0, size),
      lastRecord: this.lastRecord.subarray(0, size),
      accessCount: this.accessCount.subarray(0, size),
      sizeInBytes: (i) => fields.sizeInBytes(message[i]) ?? laterSize.get(i),
      subject: (i) => fields.subject(message[i]) ?? laterSubject.get(i),
      uses: this.uses,
      folders: (i) => {
        const more = moreFolders.size === 0 ? undefined : moreFolders.get(i);
        if (!more) return [folder[i].path];
        return [...more.keys()].sort(compareText).map((k) => more.get(k)!);
      },
    };
  }
}

/** The values of a message read as an object, or as a code of a `FolderStore`. */
interface MessageFields {
  internetMessageId(m: MessageRef | number): string;
  key(m: MessageRef | number): string;
  keyKind(m: MessageRef | number): number;
  sizeInBytes(m: MessageRef | number): number | undefined;
  subject(m: MessageRef | number): string | undefined;
}

function messageFields(store: FolderStore | undefined): MessageFields {
  const c = store?.messages;
  const coded = (m: MessageRef | number): m is number => typeof m === 'number';
  return {
    internetMessageId: (m) => (coded(m) ? c!.idAt(m) : m.internetMessageId),
    key: (m) => (coded(m) ? c!.keyAt(m) : m.key),
    keyKind: (m) => (coded(m) ? c!.kindAt(m) : GIVEN_KEY),
    sizeInBytes: (m) => (coded(m) ? c!.sizeAt(m) : m.sizeInBytes),
    subject: (m) => (coded(m) ? c!.subjectAt(m) : m.subject),
  };
}

/** A folder's normalised path and its path as written. */
type FolderName = Pick<FolderRef, 'key' | 'path'>;

/**
 * Messages by first access, then key. They were met in time order, so only runs of one first
 * access time need sorting (by key).
 */
function reportOrder(
  records: readonly MiaRecord[],
  size: number,
  key: (message: number) => string,
  first: Int32Array,
  times: Float64Array | undefined,
): Int32Array {
  const order = new Int32Array(size);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const timeOf = (p: number): number => (times !== undefined ? times[p] : records[p].timeMs);
  let start = 0;
  while (start < order.length) {
    const t = timeOf(first[start]);
    let end = start + 1;
    while (end < order.length && timeOf(first[end]) === t) end++;
    if (end - start > 1) order.subarray(start, end).sort((a, b) => compareText(key(a), key(b)));
    start = end;
  }
  return order;
}
