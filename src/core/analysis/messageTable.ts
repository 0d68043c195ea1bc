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

/** Builds a `BoundMessageTable` over `records` in order, `add` by `add`. */
class MessageTableBuilder {
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
  private readonly uses = new UseTable(1024, 1024);
  /** Records read so far. */
  private done = 0;

  constructor(
    private readonly records: readonly MiaRecord[],
    private readonly contexts: ContextIndex,
  ) {}

  /** Reads up to `count` more records; returns how many are read in all. */
  add(count: number): number {
    const { records, byKey, key, internetMessageId, firstRecord, lastRecord, accessCount } = this;
    const { sizeInBytes, subject, folderKey, folderPath, moreFolders, uses } = this;
    const ofRecord = this.contexts.ofRecord;
    const end = Math.min(records.length, this.done + count);
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
    this.done = end;
    return end;
  }

  /** The table of the records read. */
  finish(): BoundMessageTable {
    const { key, folderPath, moreFolders } = this;
    return {
      size: key.length,
      order: reportOrder(this.records, key, this.firstRecord),
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
): Int32Array {
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
