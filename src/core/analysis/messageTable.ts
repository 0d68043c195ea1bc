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
  const byKey = new Map<string, number>();
  const key: string[] = [];
  const internetMessageId: string[] = [];
  const firstRecord: number[] = [];
  const lastRecord: number[] = [];
  const accessCount: number[] = [];
  const sizeInBytes: (number | undefined)[] = [];
  const subject: (string | undefined)[] = [];
  const folderKey: string[] = [];
  const folderPath: string[] = [];
  // Only messages listed under a second folder get a map (normalised path → path as written).
  const moreFolders = new Map<number, Map<string, string>>();
  const uses = new UseTable(1024, 1024);
  const ofRecord = contexts.ofRecord;
  for (let p = 0; p < records.length; p++) {
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
  return {
    size: key.length,
    order: reportOrder(records, key, firstRecord),
    key,
    internetMessageId,
    firstRecord,
    lastRecord,
    accessCount,
    sizeInBytes,
    subject,
    uses,
    folders(i) {
      const more = moreFolders.size === 0 ? undefined : moreFolders.get(i);
      if (!more) return [folderPath[i]];
      return [...more.keys()].sort(compareText).map((k) => more.get(k)!);
    },
  };
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
