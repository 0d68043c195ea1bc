import type { MiaRecord } from '../model';
import { ContextTally, type ContextUse } from './contexts';
import { compareText } from './order';

/** A folder downloaded by Sync: every item in it must be assumed read (spec §1). */
export interface SyncedFolder {
  /** Normalised path (the grouping key; `Inbox` and `\Inbox` are one folder). */
  key: string;
  /** Path as first written (localised, leading `\` kept; empty when the record named none). */
  path: string;
  firstSyncMs: number;
  lastSyncMs: number;
  /** Distinct Sync records of this folder. */
  count: number;
  sessions: string[];
  ips: string[];
  clients: string[];
  appIds: string[];
  clientAppIds: string[];
  actors: string[];
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

/** Folders of Sync records, both shapes alike (normalisation made them FolderRefs). Time-ordered input. */
export function syncedFolders(records: readonly MiaRecord[]): SyncedFolder[] {
  const byKey = new Map<string, Acc>();
  for (const r of records) {
    if (r.accessType !== 'Sync') continue;
    const keys = new Set<string>();
    const folders = r.folders.length > 0 ? r.folders : [{ key: '', path: '', items: [] }];
    for (const f of folders) {
      if (keys.has(f.key)) continue;
      keys.add(f.key);
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
      acc.tally.add(r);
    }
  }
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
