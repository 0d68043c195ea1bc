import type { FolderRef, MiaRecord } from '../model';
import { SYNC, type ContextIndex } from './contextIndex';
import { ContextTally, type ContextUse, type ContextValueLists } from './contexts';
import { compareText } from './order';

/** A folder downloaded by Sync: every item in it must be assumed read (spec §1). */
export interface SyncedFolder extends ContextValueLists {
  /** Normalised path (the grouping key; `Inbox` and `\Inbox` are one folder). */
  key: string;
  /** Path as first written (localised, leading `\` kept; empty when the record named none). */
  path: string;
  firstSyncMs: number;
  lastSyncMs: number;
  /** Distinct Sync records of this folder. */
  count: number;
  contexts: ContextUse[];
  firstRecord: MiaRecord;
}

interface Acc {
  key: string;
  path: string;
  firstSyncMs: number;
  lastSyncMs: number;
  count: number;
  tally: ContextTally;
  firstRecord: MiaRecord;
}

/** A Sync record that names no folder syncs the folder with an empty path. */
const noFolder: readonly FolderRef[] = [{ key: '', path: '', items: [] }];

/**
 * Tallies the Sync records of `records` into `byKey` (by folder key). Its own function: the loop is
 * compiled on its own, and its optimised code does not stop at the code after it, which no earlier
 * call had run when the loop was compiled (for every mailbox again).
 */
function tallySyncs(
  records: readonly MiaRecord[],
  contexts: ContextIndex | undefined,
  byKey: Map<string, Acc>,
): void {
  // The index says which records are Sync records: the others are not read.
  const folderAt = contexts?.folderAt;
  for (let p = 0; p < records.length; p++) {
    if (folderAt !== undefined && folderAt[p] !== SYNC) continue;
    const r = records[p];
    if (r.accessType !== 'Sync') continue;
    // The context's key from the index: the same string each time, so the tally compares pointers.
    const key = contexts?.contexts[contexts.ofRecord[p]].key;
    const folders = r.folders.length > 0 ? r.folders : noFolder;
    // A folder named twice in one record is one sync (a set only for records naming several).
    const keys = folders.length > 1 ? new Set<string>() : undefined;
    for (const f of folders) {
      if (keys) {
        if (keys.has(f.key)) continue;
        keys.add(f.key);
      }
      let acc = byKey.get(f.key);
      if (!acc) {
        acc = {
          key: f.key,
          path: f.path,
          firstSyncMs: r.timeMs,
          lastSyncMs: r.timeMs,
          count: 0,
          tally: new ContextTally(),
          firstRecord: r,
        };
        byKey.set(f.key, acc);
      }
      acc.count++;
      if (r.timeMs < acc.firstSyncMs) acc.firstSyncMs = r.timeMs;
      if (r.timeMs > acc.lastSyncMs) acc.lastSyncMs = r.timeMs;
      acc.tally.add(r, key);
    }
  }
}

/**
 * Folders of Sync records, both shapes alike (normalisation made them FolderRefs). Time-ordered
 * input; `contexts`, an index of the same records, saves building a context key per record.
 */
export function syncedFolders(records: readonly MiaRecord[], contexts?: ContextIndex): SyncedFolder[] {
  const byKey = new Map<string, Acc>();
  tallySyncs(records, contexts, byKey);
  return [...byKey.values()]
    .map((acc) => ({
      key: acc.key,
      path: acc.path,
      firstSyncMs: acc.firstSyncMs,
      lastSyncMs: acc.lastSyncMs,
      count: acc.count,
      ...acc.tally.summary(),
      contexts: acc.tally.contexts(),
      firstRecord: acc.firstRecord,
    }))
    .sort((a, b) => a.firstSyncMs - b.firstSyncMs || compareText(a.key, b.key));
}
