import { unlink } from 'node:fs/promises';
import type { SourceReadResult } from '../investigation/readSource';
import type { SourceStats } from '../investigation/types';
import type { MiaRecord } from '../model';
import { DeferredIdSet } from './deferredIdSet';
import { hashFile } from './hashFile';
import type { SavedRead } from './savedRead';
import {
  fileIdentity,
  indexFileFor,
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
  /**
   * Hands over the committed fresh read: saved in the background when complete and savable;
   * `hashed` (a file read without hashing it) sets its `stats.sha256`, awaited before the
   * statistics are encoded.
   */
  save(result: SourceReadResult, hashed?: () => Promise<void>): void;
}

const pending = new Set<Promise<unknown>>();

/** Resolves when every index write started so far has finished (tests, and a CLI about to exit). */
export async function savedIndexWrites(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** A source loaded from its saved index, checked against the file's bytes now. */
export interface ReopenCheck {
  path: string;
  /** SHA-256 recorded when the index was written (what the source's statistics state). */
  indexedSha256: string;
  /** SHA-256 of the file now ('' when it could not be read, see `error`). */
  sha256: string;
  /** True when the file still has the bytes the index was made from. */
  matches: boolean;
  /** Why the file could not be hashed. */
  error?: string;
}

/** The checks started for the sources loaded from a saved index (keyed by the committed statistics). */
const checks = new WeakMap<SourceStats, Promise<ReopenCheck>>();
const checking = new Set<Promise<unknown>>();

/**
 * The checks of the sources among `sources` that were loaded from a saved index (others have none):
 * a saved index is found by size and modification time, which an edit can keep, so each reopened
 * file is hashed again in the background (a worker thread) and compared with the hash the index
 * recorded. A mismatch has already removed the index when this resolves: the next load parses.
 */
export async function checkReopenedSources(sources: readonly SourceStats[]): Promise<ReopenCheck[]> {
  const started = sources.map((s) => checks.get(s)).filter((c) => c !== undefined);
  return Promise.all(started);
}

/** Resolves when every check started so far has finished (tests). */
export async function savedIndexChecks(): Promise<void> {
  while (checking.size > 0) await Promise.allSettled([...checking]);
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
  const save = (result: SourceReadResult, hashed?: () => Promise<void>): void => {
    if (saved || result.cancelled || result.stats.partial || !ctx.nothingKnown) return;
    const write = (async () => {
      // Let the caller show what it just committed before the index is encoded.
      await new Promise((resolve) => setImmediate(resolve));
      // A file that changed while it was read (or, read without its hash, before it was hashed)
      // must not be saved under its old identity.
      const unchanged = async (): Promise<void> => {
        if (!sameIdentity(before, await fileIdentity(file))) throw new Error('the file changed');
      };
      await unchanged();
      const read: SavedRead = {
        stats: result.stats,
        records: result.records,
        otherIds: [...result.otherIds],
      };
      const hashedUnchanged =
        hashed &&
        (async () => {
          await hashed();
          await unchanged();
        });
      await saveIndex(options, before, read, hashedUnchanged);
    })().catch(() => undefined);
    pending.add(write);
    void write.finally(() => pending.delete(write));
  };
  if (!saved) return { save };
  const result = commitable(saved, file, ctx);
  const check = recheck(options, before, saved.stats.sha256);
  checks.set(result.stats, check);
  checking.add(check);
  void check.finally(() => checking.delete(check));
  return { result, save };
}

/**
 * Hashes the file again (after the reopen is shown) and discards its index when the bytes differ
 * or cannot be read. Exported for tests: the check a reopen starts may have hashed the file before
 * a test could take it away.
 */
export async function recheck(
  options: SavedIndexOptions,
  id: FileIdentity,
  indexedSha256: string,
): Promise<ReopenCheck> {
  await new Promise((resolve) => setImmediate(resolve));
  let sha256 = '';
  let error: string | undefined;
  try {
    sha256 = await hashFile(id.path);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const matches = error === undefined && sha256 === indexedSha256;
  if (!matches) await unlink(indexFileFor(options, id)).catch(() => undefined);
  return { path: id.path, indexedSha256, sha256, matches, ...(error === undefined ? {} : { error }) };
}

/** The saved read as a fresh read of this source would have produced it in this investigation. */
function commitable(saved: SavedRead, file: string, ctx: IndexedReadContext): SourceReadResult {
  const stats = { ...saved.stats, path: file, savedIndex: true };
  let records: MiaRecord[] = saved.records;
  if (!ctx.nothingKnown) {
    // A record already in the investigation is a duplicate here, as a fresh read would count it.
    records = records.filter((r) => !ctx.knownIds.has(r.id));
    stats.duplicates += saved.records.length - records.length;
    stats.records = records.length;
  }
  const ids = new DeferredIdSet(records);
  const otherIds = new Set<string>();
  for (const id of saved.otherIds) {
    if (ctx.knownOtherIds.has(id)) stats.otherRecords--;
    else otherIds.add(id);
  }
  return { stats, records, ids, otherIds };
}
