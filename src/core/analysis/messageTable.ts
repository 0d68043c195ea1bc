import type { MiaRecord } from '../model';
import type { ContextIndex } from './contextIndex';
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
  readonly firstRecord: Int32Array;
  readonly lastRecord: Int32Array;
  /** Distinct Bind records listing the message. */
  readonly accessCount: Int32Array;
  /** Size from the first record that carries one; NaN when none does (see `messageSize`). */
  readonly sizeInBytes: Float64Array;
  /** From the first record that carries one. */
  readonly subject: readonly (string | undefined)[];
  /** Per message, the contexts (ids of the `ContextIndex`) of the records listing it. */
  readonly uses: UseTable;
  /** Folder paths the message was listed under (as first written; distinct by normalised path; sorted by it). */
  folders(message: number): string[];
}

/** Size of message `i` of `table`, as the first record that carries one has it. */
export function messageSize(table: BoundMessageTable, i: number): number | undefined {
  const size = table.sizeInBytes[i];
  return Number.isNaN(size) ? undefined : size;
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
 * An empty array that already holds any value (a new `[]` holds small integers until its first
 * push): the optimised `add` then meets one kind of array in every builder instead of giving up on
 * each new mailbox's first message.
 */
function objectArray<T>(): T[] {
  const a: unknown[] = [undefined];
  a.pop();
  return a as T[];
}

/** `a` with room for `n` values (doubled when it grows), the first `used` kept. */
function roomy<T extends Int32Array | Float64Array>(a: T, n: number, used: number): T {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2));
  b.set(a.subarray(0, used));
  return b;
}

/**
 * Builds a `BoundMessageTable` over `records` in order, `add` by `add`. Counts and positions are
 * typed columns, and every item reads the same properties whichever branch it takes: the tail of a
 * large report runs this once per mailbox, and arrays changing element kinds between mailboxes (or
 * a property first read late) sent the optimised code back to the interpreter again and again.
 */
class MessageTableBuilder {
  private readonly byKey = new Map<string, number>();
  private readonly key: string[] = objectArray();
  private readonly internetMessageId: string[] = objectArray();
  private firstRecord = new Int32Array(256);
  private lastRecord = new Int32Array(256);
  private accessCount = new Int32Array(256);
  /** NaN: no size yet (sizes are finite numbers). */
  private sizeInBytes = new Float64Array(256);
  private readonly subject: (string | undefined)[] = objectArray();
  private readonly folderKey: string[] = objectArray();
  private readonly folderPath: string[] = objectArray();
  // Only messages listed under a second folder get a map (normalised path → path as written).
  private readonly moreFolders = new Map<number, Map<string, string>>();
  private readonly uses = new UseTable(1024, 1024);
  /** Records read so far. */
  private done = 0;

  constructor(
    private readonly records: readonly MiaRecord[],
    private readonly contexts: ContextIndex,
  ) {}

  /** Room for message `i`'s columns. */
  private grow(i: number): void {
    const n = i + 1;
    this.firstRecord = roomy(this.firstRecord, n, i);
    this.lastRecord = roomy(this.lastRecord, n, i);
    this.accessCount = roomy(this.accessCount, n, i);
    this.sizeInBytes = roomy(this.sizeInBytes, n, i);
  }

  /** Reads up to `count` more records; returns how many are read in all. */
  add(count: number): number {
    const { records, byKey, key, internetMessageId, subject, folderKey, folderPath, uses } = this;
    const ofRecord = this.contexts.ofRecord;
    const start = this.done;
    const end = Math.min(records.length, start + count);
    // Stored before the loop: code optimised while in the loop had never seen this store, and
    // left the optimised code at the end of every step.
    this.done = end;
    for (let p = start; p < end; p++) {
      const r = records[p];
      if (r.accessType !== 'Bind') continue;
      for (const folder of r.folders) {
        const fKey = folder.key;
        for (const m of folder.items) {
          const mKey = m.key;
          const size = m.sizeInBytes;
          const mSubject = m.subject;
          let i = byKey.get(mKey);
          if (i === undefined) {
            i = key.length;
            if (i >= this.firstRecord.length) this.grow(i);
            byKey.set(mKey, i);
            key.push(mKey);
            internetMessageId.push(m.internetMessageId);
            this.firstRecord[i] = p;
            this.lastRecord[i] = -1;
            this.accessCount[i] = 0;
            this.sizeInBytes[i] = size === undefined ? NaN : size;
            subject.push(mSubject);
            folderKey.push(fKey);
            folderPath.push(folder.path);
          } else {
            if (fKey !== folderKey[i]) this.moreFolder(i, fKey, folder.path);
            if (size !== undefined && Number.isNaN(this.sizeInBytes[i])) this.sizeInBytes[i] = size;
            if (mSubject !== undefined && subject[i] === undefined) subject[i] = mSubject;
          }
          // A message listed twice in one record (two folders) is one access.
          if (this.lastRecord[i] === p) continue;
          this.lastRecord[i] = p;
          this.accessCount[i]++;
          uses.add(i, ofRecord[p], p);
        }
      }
    }
    return end;
  }

  /** Message `i` listed under folder `key` (`path`), not the first folder it was listed under. */
  private moreFolder(i: number, key: string, path: string): void {
    let more = this.moreFolders.get(i);
    if (!more) this.moreFolders.set(i, (more = new Map([[this.folderKey[i], this.folderPath[i]]])));
    if (!more.has(key)) more.set(key, path);
  }

  /** The table of the records read. */
  finish(): BoundMessageTable {
    const { key, folderPath, moreFolders } = this;
    const n = key.length;
    const firstRecord = this.firstRecord.subarray(0, n);
    return {
      size: n,
      order: reportOrder(this.records, key, firstRecord),
      key,
      internetMessageId: this.internetMessageId,
      firstRecord,
      lastRecord: this.lastRecord.subarray(0, n),
      accessCount: this.accessCount.subarray(0, n),
      sizeInBytes: this.sizeInBytes.subarray(0, n),
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
function reportOrder(records: readonly MiaRecord[], key: readonly string[], first: Int32Array): Int32Array {
  const order = new Int32Array(key.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  let start = 0;
  while (start < order.length) {
    const t = records[first[start]].timeMs;
    let end = start + 1;
    while (end < order.length && records[first[end]].timeMs === t) end++;
    if (end - start > 1) order.subarray(start, end).sort((a, b) => compareText(key[a], key[b]));
    start = end;
  }
  return order;
}
