import type { SourceReadResult } from '../investigation/readSource';
import type { MiaRecord } from '../model';
import type { SavedRead } from './savedRead';
import {
  fileIdentity,
  loadSavedIndex,
  sameIdentity,
  saveIndex,
  type FileIdentity,
  type SavedIndexOptions,
} from './savedIndexStore';

/** What the investigation knows before reading a source (the saved read is de-duplicated against it). */
export interface IndexedReadContext {
  sourceIndex: number;
  knownIds: { has(id: string): boolean };
  knownOtherIds: ReadonlySet<string>;
  /**
   * True when nothing is known yet (no record, no other-operation id): only then does a fresh read
   * equal the source's read on its own, which is what an index may hold.
   */
  nothingKnown: boolean;
}

/** A source about to be read, as the saved index sees it. */
export interface IndexedRead {
  /** The read from the saved index, ready to commit; undefined: read the file. */
  result?: SourceReadResult;
  /** Hands over the committed fresh read: saved in the background when complete and savable. */
  save(result: SourceReadResult): void;
}

const pending = new Set<Promise<unknown>>();

/** Resolves when every index write started so far has finished (tests, and a CLI about to exit). */
export async function savedIndexWrites(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/**
 * Looks up the saved index of `file` (by absolute path, size and modification time). Resolves
 * undefined when indexes are off or the file is not on disk; never rejects (a cache that fails is
 * a cache miss).
 */
export async function openSavedIndex(
  options: SavedIndexOptions | undefined,
  file: string | undefined,
  ctx: IndexedReadContext,
): Promise<IndexedRead | undefined> {
  if (options === undefined || file === undefined) return undefined;
  let before: FileIdentity;
  try {
    before = await fileIdentity(file);
  } catch {
    return undefined;
  }
  const saved = await loadSavedIndex(options, before, ctx.sourceIndex).catch(() => undefined);
  const save = (result: SourceReadResult): void => {
    if (saved || result.cancelled || result.stats.partial || !ctx.nothingKnown) return;
    const write = (async () => {
      // Let the caller show what it just committed before the index is encoded.
      await new Promise((resolve) => setImmediate(resolve));
      // A file that changed while it was read must not be saved under its old identity.
      if (!sameIdentity(before, await fileIdentity(file))) return;
      const read: SavedRead = {
        stats: result.stats,
        records: result.records,
        otherIds: [...result.otherIds],
      };
      await saveIndex(options, before, read);
    })().catch(() => undefined);
    pending.add(write);
    void write.finally(() => pending.delete(write));
  };
  if (!saved) return { save };
  return { result: commitable(saved, file, ctx), save };
}

/** The saved read as a fresh read of this source would have produced it in this investigation. */
function commitable(saved: SavedRead, file: string, ctx: IndexedReadContext): SourceReadResult {
  const stats = { ...saved.stats, path: file, savedIndex: true };
  let records: MiaRecord[] = saved.records;
  const ids = new Set<string>();
  if (!ctx.nothingKnown) {
    // A record already in the investigation is a duplicate here, as a fresh read would count it.
    records = records.filter((r) => !ctx.knownIds.has(r.id));
    stats.duplicates += saved.records.length - records.length;
    stats.records = records.length;
  }
  for (const r of records) ids.add(r.id);
  const otherIds = new Set<string>();
  for (const id of saved.otherIds) {
    if (ctx.knownOtherIds.has(id)) stats.otherRecords--;
    else otherIds.add(id);
  }
  return { stats, records, ids, otherIds };
}
