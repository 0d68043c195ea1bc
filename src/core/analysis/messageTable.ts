import { CompactRecord } from '../investigation/compactRecord';
import type { FolderCodeVisitor, FolderStore } from '../investigation/folderStore';
import type { MiaRecord } from '../model';
import { BIND_NOT_CODED, NOT_BIND, SYNC, type ContextIndex } from './contextIndex';
import { compareText } from './order';
import { UseTable } from './useTable';

/**
 * The messages bound in a list of records (one mailbox's, in time order), as columns: what
 * `boundMessages` computes, without an object, a context tally and six arrays per message. Records
 * are referred to by their position in the list; message `i`'s columns are at index `i`.
 */
export interface BoundMessageTable {
  /** Number of distinct messages. */
  readonly size: number;
  /** Message indices in report order: first access, then normalised id. */
  readonly order: Int32Array;
  /** Normalised id. */
  readonly key: readonly string[];
  /** The id as first written. */
  readonly internetMessageId: readonly string[];
  /** Position of the earliest record listing the message, and of the latest. */
  readonly firstRecord: readonly number[];
  readonly lastRecord: readonly number[];
  /** Distinct Bind records listing the message. */
  readonly accessCount: readonly number[];
  /** From the first record that carries them. */
  readonly sizeInBytes: readonly (number | undefined)[];
  readonly subject: readonly (string | undefined)[];
  /** Per message, the contexts (ids of the `ContextIndex`) of the records listing it. */
  readonly uses: UseTable;
  /** Folder paths the message was listed under (as first written; distinct by normalised path; sorted by it). */
  folders(message: number): string[];
}

/** Bound messages of `records` (time-ordered, as `compareRecords`), contexts from `contexts`. */
export function boundMessageTable(records: readonly MiaRecord[], contexts: ContextIndex): BoundMessageTable {
  const builder = new MessageTableBuilder(records, contexts);
  builder.add(records.length);
  return builder.finish();
}

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
  private readonly key: string[] = [];
  private readonly internetMessageId: string[] = [];
  private readonly firstRecord: number[] = [];
  private readonly lastRecord: number[] = [];
  private readonly accessCount: number[] = [];
  private readonly sizeInBytes: (number | undefined)[] = [];
  private readonly subject: (string | undefined)[] = [];
  private readonly folderKey: string[] = [];
  private readonly folderPath: string[] = [];
  // Only messages listed under a second folder get a map (normalised path → path as written).
  private readonly moreFolders = new Map<number, Map<string, string>>();
  private uses = new UseTable(1024, 1024);
  /** Records read so far. */
  private done = 0;
  /** Where the records' folders are written, while read as codes. */
  private store: FolderStore | undefined;
  /** Message code → key id (`FolderStore.keyIds`). */
  private readonly keyOf: Int32Array;
  /** Key id → table index, valid when `keyIdAt` at that index is the id (see `spareSlots`). */
  private slots: Int32Array | undefined;
  /** Table index → key id. */
  private readonly keyIdAt: number[] = [];
  // The record and folder being visited.
  private p = 0;
  private context = 0;
  private visitedFolderKey = '';
  private visitedFolderPath = '';

  constructor(
    private readonly records: readonly MiaRecord[],
    private readonly contexts: ContextIndex,
  ) {
    this.store = contexts.folderStore;
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
        // A list kept as it is (shared, empty) lists nothing; anything else is read as objects.
        const r = records[p];
        const own = !(r instanceof CompactRecord) || r.folderPosition() < 0;
        if (own && r.folders.every((f) => f.items.length === 0)) continue;
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
    for (const column of [this.key, this.internetMessageId, this.firstRecord, this.lastRecord])
      column.length = 0;
    for (const column of [this.accessCount, this.sizeInBytes, this.subject, this.folderKey, this.folderPath])
      column.length = 0;
    this.keyIdAt.length = 0;
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
    const f = (this.store as FolderStore).folderAt(code);
    this.visitedFolderKey = f.key;
    this.visitedFolderPath = f.path;
  }

  /** @internal `FolderCodeVisitor`: a message of the folder visited (as `addObjects` reads one). */
  message(code: number): void {
    const { key, lastRecord, sizeInBytes, subject, folderKey, keyIdAt, p } = this;
    const slots = this.slots as Int32Array;
    const k = this.keyOf[code];
    let i = slots[k];
    if (i >= keyIdAt.length || keyIdAt[i] !== k) {
      const m = (this.store as FolderStore).messageAt(code);
      i = key.length;
      slots[k] = i;
      keyIdAt.push(k);
      key.push(m.key);
      this.internetMessageId.push(m.internetMessageId);
      this.firstRecord.push(p);
      lastRecord.push(-1);
      this.accessCount.push(0);
      sizeInBytes.push(m.sizeInBytes);
      subject.push(m.subject);
      folderKey.push(this.visitedFolderKey);
      this.folderPath.push(this.visitedFolderPath);
    } else {
      const fKey = this.visitedFolderKey;
      if (fKey !== folderKey[i]) {
        let more = this.moreFolders.get(i);
        if (!more) this.moreFolders.set(i, (more = new Map([[folderKey[i], this.folderPath[i]]])));
        if (!more.has(fKey)) more.set(fKey, this.visitedFolderPath);
      }
      if (sizeInBytes[i] === undefined || subject[i] === undefined) {
        const m = (this.store as FolderStore).messageAt(code);
        if (sizeInBytes[i] === undefined && m.sizeInBytes !== undefined) sizeInBytes[i] = m.sizeInBytes;
        if (subject[i] === undefined && m.subject !== undefined) subject[i] = m.subject;
      }
    }
    // A message listed twice in one record (two folders) is one access.
    if (lastRecord[i] === p) return;
    lastRecord[i] = p;
    this.accessCount[i]++;
    this.uses.add(i, this.context, p);
  }

  private addObjects(end: number): void {
    const { records, byKey, key, internetMessageId, firstRecord, lastRecord, accessCount } = this;
    const { sizeInBytes, subject, folderKey, folderPath, moreFolders, uses } = this;
    const ofRecord = this.contexts.ofRecord;
    for (let p = this.done; p < end; p++) {
      const r = records[p];
      if (r.accessType !== 'Bind') continue;
      for (const folder of r.folders) {
        for (const m of folder.items) {
          let i = byKey.get(m.key);
          if (i === undefined) {
            i = key.length;
            byKey.set(m.key, i);
            key.push(m.key);
            internetMessageId.push(m.internetMessageId);
            firstRecord.push(p);
            lastRecord.push(-1);
            accessCount.push(0);
            sizeInBytes.push(m.sizeInBytes);
            subject.push(m.subject);
            folderKey.push(folder.key);
            folderPath.push(folder.path);
          } else {
            if (folder.key !== folderKey[i]) {
              let more = moreFolders.get(i);
              if (!more) moreFolders.set(i, (more = new Map([[folderKey[i], folderPath[i]]])));
              if (!more.has(folder.key)) more.set(folder.key, folder.path);
            }
            if (sizeInBytes[i] === undefined && m.sizeInBytes !== undefined) sizeInBytes[i] = m.sizeInBytes;
            if (subject[i] === undefined && m.subject !== undefined) subject[i] = m.subject;
          }
          // A message listed twice in one record (two folders) is one access.
          if (lastRecord[i] === p) continue;
          lastRecord[i] = p;
          accessCount[i]++;
          uses.add(i, ofRecord[p], p);
        }
      }
    }
  }

  /** The table of the records read. */
  finish(): BoundMessageTable {
    const { key, folderPath, moreFolders } = this;
    this.releaseSlots();
    this.uses.trim(key.length);
    return {
      size: key.length,
      order: reportOrder(this.records, key, this.firstRecord, this.contexts.timeMs),
      key,
      internetMessageId: this.internetMessageId,
      firstRecord: this.firstRecord,
      lastRecord: this.lastRecord,
      accessCount: this.accessCount,
      sizeInBytes: this.sizeInBytes,
      subject: this.subject,
      uses: this.uses,
      folders(i) {
        const more = moreFolders.size === 0 ? undefined : moreFolders.get(i);
        if (!more) return [folderPath[i]];
        return [...more.keys()].sort(compareText).map((k) => more.get(k)!);
      },
    };
  }
}

/**
 * Messages by first access, then key. They were met in time order, so only runs of one first
 * access time need sorting (by key).
 */
function reportOrder(
  records: readonly MiaRecord[],
  key: readonly string[],
  first: readonly number[],
  times: Float64Array | undefined,
): Int32Array {
  const order = new Int32Array(key.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const timeOf = (p: number): number => (times !== undefined ? times[p] : records[p].timeMs);
  let start = 0;
  while (start < order.length) {
    const t = timeOf(first[start]);
    let end = start + 1;
    while (end < order.length && timeOf(first[end]) === t) end++;
    if (end - start > 1) order.subarray(start, end).sort((a, b) => compareText(key[a], key[b]));
    start = end;
  }
  return order;
}
