import type { MiaRecord } from '../model';
import { ContextTally, contextKey, type ContextUse, type ContextValueLists } from './contexts';
import { compareText } from './order';

/** A message bound (opened) in a mailbox, distinct by normalised InternetMessageId. */
export interface BoundMessage extends ContextValueLists {
  /** Normalised id (the grouping key). */
  key: string;
  /** The id as first written. */
  internetMessageId: string;
  /** Folder paths it was listed under (as written; distinct by normalised path; sorted). */
  folders: string[];
  firstAccessMs: number;
  lastAccessMs: number;
  /** Distinct Bind records that list it (not a count of reads: Exchange aggregates and drops repeats). */
  accessCount: number;
  sizeInBytes?: number;
  subject?: string;
  contexts: ContextUse[];
  /** The earliest record that lists it. */
  firstRecord: MiaRecord;
}

interface Acc {
  key: string;
  internetMessageId: string;
  /** The first folder (key and path as written); a map only once a second folder appears. */
  folderKey: string;
  folderPath: string;
  folders?: Map<string, string>;
  firstAccessMs: number;
  lastAccessMs: number;
  accessCount: number;
  sizeInBytes?: number;
  subject?: string;
  tally: ContextTally;
  firstRecord: MiaRecord;
  /** The last record counted (a message listed twice in one record is one access). */
  lastRecord?: MiaRecord;
}

/**
 * Messages of Bind records (Sync records list no messages; other access types are not reads of a
 * message). `records` must be in time order (`compareRecords`); size and subject come from the first
 * record that carries them.
 */
export function boundMessages(records: readonly MiaRecord[]): BoundMessage[] {
  const byKey = new Map<string, Acc>();
  for (const r of records) {
    if (r.accessType !== 'Bind') continue;
    let key: string | undefined;
    for (const folder of r.folders) {
      for (const m of folder.items) {
        let acc = byKey.get(m.key);
        if (!acc) {
          acc = {
            key: m.key,
            internetMessageId: m.internetMessageId,
            folderKey: folder.key,
            folderPath: folder.path,
            firstAccessMs: r.timeMs,
            lastAccessMs: r.timeMs,
            accessCount: 0,
            tally: new ContextTally(),
            firstRecord: r,
          };
          byKey.set(m.key, acc);
        }
        if (folder.key !== acc.folderKey) {
          acc.folders ??= new Map([[acc.folderKey, acc.folderPath]]);
          if (!acc.folders.has(folder.key)) acc.folders.set(folder.key, folder.path);
        }
        if (acc.sizeInBytes === undefined && m.sizeInBytes !== undefined) acc.sizeInBytes = m.sizeInBytes;
        if (acc.subject === undefined && m.subject !== undefined) acc.subject = m.subject;
        // A message listed twice in one record (two folders) is one access.
        if (acc.lastRecord === r) continue;
        acc.lastRecord = r;
        acc.accessCount++;
        if (r.timeMs < acc.firstAccessMs) acc.firstAccessMs = r.timeMs;
        if (r.timeMs > acc.lastAccessMs) acc.lastAccessMs = r.timeMs;
        acc.tally.add(r, (key ??= contextKey(r)));
      }
    }
  }
  const out: BoundMessage[] = [];
  for (const acc of byKey.values()) {
    const folders = acc.folders;
    const message: BoundMessage = {
      key: acc.key,
      internetMessageId: acc.internetMessageId,
      folders: folders ? [...folders.keys()].sort(compareText).map((k) => folders.get(k)!) : [acc.folderPath],
      firstAccessMs: acc.firstAccessMs,
      lastAccessMs: acc.lastAccessMs,
      accessCount: acc.accessCount,
      ...acc.tally.summary(),
      contexts: acc.tally.contexts(),
      firstRecord: acc.firstRecord,
    };
    if (acc.sizeInBytes !== undefined) message.sizeInBytes = acc.sizeInBytes;
    if (acc.subject !== undefined) message.subject = acc.subject;
    out.push(message);
  }
  return out.sort((a, b) => a.firstAccessMs - b.firstAccessMs || compareText(a.key, b.key));
}
