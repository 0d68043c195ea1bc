import type { FolderRef, MessageRef, MiaRecord } from '../model';
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
  readonly firstRecord: Int32Array<ArrayBuffer>;
  readonly lastRecord: Int32Array<ArrayBuffer>;
  /** Distinct Bind records listing the message. */
  readonly accessCount: Int32Array<ArrayBuffer>;
  /** From the first record that carries them. */
  readonly sizeInBytes: readonly (number | undefined)[];
  readonly subject: readonly (string | undefined)[];
  /** Per message, the contexts (ids of the `ContextIndex`) of the records listing it. */
  readonly uses: UseTable;
  /** Folder paths the message was listed under (as first written; distinct by normalised path; sorted by it). */
  folders(message: number): string[];
}

/** An Int32Array of at least `n` entries holding `a`'s. */
function atLeast(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n <= a.length) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Bound messages of `records` (time-ordered, as `compareRecords`), contexts from `contexts`.
 * Records list interned, shared `MessageRef`s and `FolderRef`s: per message the first of each is
 * kept (its id, key, size and subject are read from it at the end), so a listing of an already
 * seen message costs one Map lookup and a few pointer checks; columns are typed arrays.
 */
export function boundMessageTable(records: readonly MiaRecord[], contexts: ContextIndex): BoundMessageTable {
  const byKey = new Map<string, number>();
  const message: MessageRef[] = [];
  const folderOf: FolderRef[] = [];
  let firstRecord = new Int32Array(1024);
  let lastRecord = new Int32Array(1024);
  let accessCount = new Int32Array(1024);
  // Rare: a size or subject the first listing lacked, from a later one (by message index).
  const laterSize = new Map<number, number>();
  const laterSubject = new Map<number, string>();
  // Only messages listed under a second folder get a map (normalised path → path as written).
  const moreFolders = new Map<number, Map<string, string>>();
  const uses = new UseTable(1024, 1024);
  const ofRecord = contexts.ofRecord;
  let n = 0;
  for (let p = 0; p < records.length; p++) {
    const r = records[p];
    if (r.accessType !== 'Bind') continue;
    const folders = r.folders;
    for (let f = 0; f < folders.length; f++) {
      const folder = folders[f];
      const items = folder.items;
      for (let j = 0; j < items.length; j++) {
        const m = items[j];
        let i = byKey.get(m.key);
        if (i === undefined) {
          i = n++;
          byKey.set(m.key, i);
          if (i === firstRecord.length) {
            firstRecord = atLeast(firstRecord, i + 1);
            lastRecord = atLeast(lastRecord, i + 1);
            accessCount = atLeast(accessCount, i + 1);
          }
          message.push(m);
          folderOf.push(folder);
          firstRecord[i] = p;
          lastRecord[i] = -1;
          accessCount[i] = 0;
        } else {
          const first = folderOf[i];
          if (folder !== first && folder.key !== first.key) {
            let more = moreFolders.get(i);
            if (!more) moreFolders.set(i, (more = new Map([[first.key, first.path]])));
            if (!more.has(folder.key)) more.set(folder.key, folder.path);
          }
          const was = message[i];
          if (m !== was) {
            if (was.sizeInBytes === undefined && m.sizeInBytes !== undefined && !laterSize.has(i))
              laterSize.set(i, m.sizeInBytes);
            if (was.subject === undefined && m.subject !== undefined && !laterSubject.has(i))
              laterSubject.set(i, m.subject);
          }
        }
        // A message listed twice in one record (two folders) is one access.
        if (lastRecord[i] === p) continue;
        lastRecord[i] = p;
        accessCount[i]++;
        uses.add(i, ofRecord[p], p);
      }
    }
  }
  const key = new Array<string>(n);
  const internetMessageId = new Array<string>(n);
  const sizeInBytes = new Array<number | undefined>(n);
  const subject = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const m = message[i];
    key[i] = m.key;
    internetMessageId[i] = m.internetMessageId;
    sizeInBytes[i] = m.sizeInBytes ?? laterSize.get(i);
    subject[i] = m.subject ?? laterSubject.get(i);
  }
  firstRecord = firstRecord.subarray(0, n);
  lastRecord = lastRecord.subarray(0, n);
  accessCount = accessCount.subarray(0, n);
  return {
    size: n,
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
      if (!more) return [folderOf[i].path];
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
  first: ArrayLike<number>,
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
