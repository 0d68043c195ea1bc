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
  /** Hands over the committed fresh read: saved in the background when complete and savable. */
  save(result: SourceReadResult): void;
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

/**
 * How long after a reopen its hash check starts by itself when nobody asked for it sooner: a
 * viewer asks once its first page is shown (`checkReopenedSources`), so the 2 s of hashing a large
 * export does not share the machine's cores with the reopen and that first page.
 */
export const CHECK_DELAY_MS = 3_000;

/** The check of a source loaded from a saved index: its result, and how to start it now. */
interface PendingCheck {
  result: Promise<ReopenCheck>;
  start(): void;
}

/** The checks of the sources loaded from a saved index (keyed by the committed statistics). */
const checks = new WeakMap<SourceStats, PendingCheck>();
const checking = new Set<PendingCheck>();

/**
 * The checks of the sources among `sources` that were loaded from a saved index (others have none),
 * started now if they were waiting: a saved index is found by size and modification time, which an
 * edit can keep, so each reopened file is hashed again in the background (a worker thread) and
 * compared with the hash the index recorded. A mismatch has already removed the index when this
 * resolves: the next load parses. A check nobody asks for starts by itself `CHECK_DELAY_MS` after
 * the reopen (see `reopenChecks`).
 */
export async function checkReopenedSources(sources: readonly SourceStats[]): Promise<ReopenCheck[]> {
  const found = sources.map((s) => checks.get(s)).filter((c) => c !== undefined);
  for (const c of found) c.start();
  return Promise.all(found.map((c) => c.result));
}

/**
 * The same checks as `checkReopenedSources`, without starting them sooner: for a caller that wants
 * the answer but lets a viewer decide when the hashing may begin.
 */
export async function reopenChecks(sources: readonly SourceStats[]): Promise<ReopenCheck[]> {
  return Promise.all(sources.map((s) => checks.get(s)?.result).filter((c) => c !== undefined));
}

/** Starts every check still waiting and resolves when all of them have finished (tests). */
export async function savedIndexChecks(): Promise<void> {
  while (checking.size > 0) {
    const all = [...checking];
    for (const c of all) c.start();
    await Promise.allSettled(all.map((c) => c.result));
  }
}

/** A check that runs `run` once: when started (at once, in the caller's turn), or after `CHECK_DELAY_MS`. */
function pendingCheck(run: () => Promise<ReopenCheck>): PendingCheck {
  let handOver: (r: Promise<ReopenCheck>) => void = () => undefined;
  const result = new Promise<ReopenCheck>((resolve) => (handOver = resolve));
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    handOver(run());
  };
  const timer = setTimeout(start, CHECK_DELAY_MS);
  const check: PendingCheck = { result, start };
  checking.add(check);
  void result.finally(() => checking.delete(check));
  return check;
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
  const result = commitable(saved, file, ctx);
  checks.set(
    result.stats,
    pendingCheck(() => recheck(options, before, saved.stats.sha256)),
  );
  return { result, save };
}

/** Hashes the file again and discards its index when the bytes differ. */
async function recheck(
  options: SavedIndexOptions,
  id: FileIdentity,
  indexedSha256: string,
): Promise<ReopenCheck> {
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
