import { existsSync, statSync } from 'node:fs';
import { fileByteSource, readBytesInto, type ByteSource } from '../byteSource';
import { UnrecognisedExportError, type ContainerReader } from '../containers/types';
import type { MiaRecord } from '../model';
import { normaliseAudit } from '../normalise/normaliseAudit';
import { expandInputs } from './inputFiles';
import { Interner } from './interner';
import { defaultOpener } from './openSource';
import { readSource, type SourceReadContext, type SourceReadResult } from './readSource';
import { RecordIdSet } from './recordIds';
import { ShardedSet } from './shardedCollections';
import { zeroCounts } from './sourceAccount';
import { parsingWorkers, readSourceInWorkers } from '../worker/parallelRead';
import { hashFile } from '../savedIndex/hashFile';
import { openSavedIndex } from '../savedIndex/readThroughIndex';
import { defaultWorkerCount, hashWorkerFile, ingestWorkerFile } from '../worker/workerFile';
import { endIdleWorkers, prestartWorkers } from '../worker/workerJob';
import { dropSpareBuffers } from '../text/spareBuffers';
import { InputError, type LoadOptions, type SkippedFile, type SourceOpener, type SourceStats } from './types';

const MIN_WORKER_BYTES = 4 << 20;
const MIN_RANGE_BYTES = 16 << 20;

/**
 * Starts the worker threads a load of `paths` (files read one after the other) will use, before it
 * begins: those of its largest file, as `readWith` would use them, plus the one hashing it unless
 * `hashing` is false (a load with `IngestOptions.hashLater`). For a caller about to load (the CLI)
 * while it has other things to do first.
 */
export function prestartLoadWorkers(paths: readonly string[], { hashing = true } = {}): void {
  const workerFile = ingestWorkerFile();
  if (workerFile === undefined) return;
  let largest = 0;
  for (const p of paths) {
    try {
      const st = statSync(p);
      if (st.isFile()) largest = Math.max(largest, st.size);
    } catch {
      // An input that cannot be read is reported by the load.
    }
  }
  if (largest < MIN_WORKER_BYTES) return;
  prestartWorkers(workerFile, parsingWorkers(largest, defaultWorkerCount(), MIN_RANGE_BYTES));
  const hasher = hashing ? hashWorkerFile() : undefined;
  if (hasher !== undefined) prestartWorkers(hasher, 1);
}

interface SourceHandle {
  /** A fresh byte source over the same bytes (files are reopened; in-memory sources are reused). */
  reopen: () => ByteSource;
  reader?: Promise<ContainerReader>;
}

function reasonOf(err: unknown): string {
  if (err instanceof UnrecognisedExportError) return err.message.replace(`${err.path}: `, '');
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return err instanceof Error ? err.message : String(err);
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true && (err === signal.reason || (err as Error)?.name === 'AbortError');
}

/**
 * One investigation: any number of exports merged, de-duplicated by record `Id` (first occurrence
 * wins; a repeat is counted as a duplicate of the source it was found in), each record keeping its
 * provenance. Records are the index: raw rows are never held, `readRawAuditData` re-reads one.
 * Loads run one after another (a second call waits for the first).
 */
export class Investigation {
  /** Every source read, in the order read; `Provenance.sourceIndex` indexes this list. */
  readonly sources: SourceStats[] = [];
  /** Distinct MailItemsAccessed records, in the order first read. */
  get records(): MiaRecord[] {
    return this.committed;
  }
  /** Files inside named folders that were not read, with the reason. */
  readonly skipped: SkippedFile[] = [];

  /**
   * Ids of the records, one set per source: a completed read hands over its own set, because
   * adding 300,000 ids to one set would block the event loop for half a second.
   */
  private readonly idSets: Set<string>[] = [];
  private readonly ids = {
    // Asked once per row read: a plain loop allocates nothing (a callback per call would).
    has: (id: string): boolean => {
      for (const set of this.idSets) if (set.has(id)) return true;
      return false;
    },
  };
  private readonly otherIds: Set<string> = new ShardedSet();
  private committed: MiaRecord[] = [];
  private readonly interner = new Interner();
  /** Sources read with `IngestOptions.hashLater`, not hashed yet (see `hashSources`). */
  private readonly unhashed: { stats: SourceStats; file: string }[] = [];
  /** The hash of each such source, once asked for (by `hashSources` or by its index's write). */
  private readonly hashes = new Map<SourceStats, Promise<void>>();
  private readonly handles: SourceHandle[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** The source being read now: its records are not committed until the read completes. */
  private reading:
    { sourceIndex: number; path: string; records: MiaRecord[]; handle: SourceHandle } | undefined;

  constructor(private readonly open: SourceOpener = defaultOpener) {}

  /**
   * Adds named files and folders (folders recursively). A named path that is missing, unreadable
   * or not a recognised export rejects with `InputError` (sources read before it stay); a file
   * inside a folder that cannot be read is listed in `skipped` with its reason instead.
   */
  addPaths(inputs: readonly string[], options: LoadOptions = {}): Promise<void> {
    return this.serial(async () => {
      const files = await expandInputs(inputs);
      const total = files.reduce((n, f) => n + f.size, 0);
      let before = 0;
      for (const file of files) {
        try {
          const reopen = () => fileByteSource(file.path);
          await this.read(reopenable(file.path, reopen), reopen, options, before, total, true, file.path);
        } catch (err) {
          if (isAbort(err, options.signal)) throw err;
          if (file.explicit) throw new InputError(file.path, reasonOf(err));
          this.skipped.push({ path: file.path, reason: reasonOf(err) });
        }
        before += file.size;
      }
    });
  }

  /**
   * Adds one byte source (an export in memory, or a source the caller opened). The investigation
   * keeps it to re-read raw records; files should go through `addPaths`, which reopens them on demand.
   */
  addSource(source: ByteSource, options: LoadOptions = {}): Promise<SourceStats> {
    return this.serial(async () => {
      const size = await source.size();
      return this.read(source, () => source, options, 0, size, false);
    });
  }

  /**
   * Records of the file being read now, in read order, not committed yet: when the read completes
   * they become `records[n + i]` (n = `records.length` before), in the same order, so an index into
   * `records` followed by these stays valid; if the read fails or is cancelled they are dropped.
   * Lets a viewer show the first records of a large file while the rest is read.
   */
  get pendingRecords(): readonly MiaRecord[] {
    return this.reading?.records ?? [];
  }

  /** Path of a source by `Provenance.sourceIndex`, including the source being read now. */
  sourcePath(sourceIndex: number): string | undefined {
    if (this.reading?.sourceIndex === sourceIndex) return this.reading.path;
    return this.sources[sourceIndex]?.path;
  }

  /** The provenance path and stats of a record's source. */
  sourceOf(record: MiaRecord): SourceStats {
    return this.sources[record.provenance.sourceIndex];
  }

  /**
   * Re-reads a record's raw AuditData from its source by byte offset (the reader's `reparse`).
   * Rejects when the row no longer holds that record (the file changed since it was loaded).
   */
  async readRawAuditData(record: MiaRecord): Promise<Record<string, unknown>> {
    const { sourceIndex, offset, length, line } = record.provenance;
    const handle =
      this.handles[sourceIndex] ??
      (this.reading?.sourceIndex === sourceIndex ? this.reading.handle : undefined);
    if (!handle) throw new Error(`record ${record.id}: unknown source ${sourceIndex}`);
    const reader = await (handle.reader ??= this.open(handle.reopen()));
    const row = await reader.reparse(offset, length);
    const where = `${reader.source.path}:${line}`;
    if (row.error !== undefined || row.audit === undefined) {
      throw new Error(`${where}: ${row.error ?? 'the row holds no AuditData'} (has the file changed?)`);
    }
    const again = normaliseAudit(row.audit, row.envelope);
    if (again.kind !== 'mia' || again.record.id !== record.id) {
      throw new Error(
        `${where}: the row no longer holds record ${record.id} (the file changed since it was loaded)`,
      );
    }
    return row.audit;
  }

  /** Indices in `sources` of the sources `hashSources` will hash. */
  unhashedSources(): number[] {
    return this.unhashed.map((u) => this.sources.indexOf(u.stats));
  }

  /**
   * Hashes the files read with `IngestOptions.hashLater`, one after the other in the hashing
   * worker, and sets their `sha256` (empty until then).
   */
  async hashSources(): Promise<void> {
    for (let next = this.unhashed.shift(); next !== undefined; next = this.unhashed.shift())
      await this.hashOf(next);
  }

  /** Hashes a source read with `IngestOptions.hashLater` (once, however often asked) and sets its `sha256`. */
  private hashOf(source: { stats: SourceStats; file: string }): Promise<void> {
    let done = this.hashes.get(source.stats);
    if (done === undefined) {
      done = hashFile(source.file).then((sha256) => {
        source.stats.sha256 = sha256;
      });
      this.hashes.set(source.stats, done);
    }
    return done;
  }

  /** Releases the byte sources kept open for `readRawAuditData`. */
  async close(): Promise<void> {
    for (const h of this.handles) {
      const reader = h.reader;
      h.reader = undefined;
      if (reader) await (await reader.catch(() => undefined))?.source.close();
    }
  }

  /** Reads in worker threads when it can (a file on disk, the engine's detection, a worker script). */
  private readWith(
    reader: ContainerReader,
    size: number,
    ctx: SourceReadContext,
    options: LoadOptions,
    file: string | undefined,
  ): Promise<SourceReadResult> {
    const ingest = options.ingest ?? {};
    const workers = ingest.workers ?? defaultWorkerCount();
    const workerFile = ingest.workerFile ?? ingestWorkerFile();
    const usable =
      file !== undefined &&
      this.open === defaultOpener &&
      workers > 0 &&
      workerFile !== undefined &&
      existsSync(workerFile);
    if (!usable || size < (ingest.minWorkerBytes ?? MIN_WORKER_BYTES)) return readSource(reader, size, ctx);
    return readSourceInWorkers(reader, size, ctx, {
      workerFile,
      workers,
      minRangeBytes: ingest.minRangeBytes ?? MIN_RANGE_BYTES,
      headBytes: ingest.headBytes,
      maxRangeBytes: ingest.maxRangeBytes,
      hashLater: ingest.hashLater === true,
    });
  }

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job).finally(() => this.interner.forgetMessages());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(
    source: ByteSource,
    reopen: () => ByteSource,
    options: LoadOptions,
    overallBefore: number,
    overallTotal: number,
    closeAfterRead: boolean,
    /** The file on disk, when workers may read it. */
    file?: string,
  ): Promise<SourceStats> {
    options.signal?.throwIfAborted();
    const sourceIndex = this.sources.length;
    const handle: SourceHandle = { reopen };
    const pending: MiaRecord[] = [];
    this.reading = { sourceIndex, path: source.path, records: pending, handle };
    let committed = false;
    let reader: ContainerReader | undefined;
    try {
      const size = await source.size();
      let result: SourceReadResult;
      const nothingKnown = this.records.length === 0 && this.otherIds.size === 0;
      const known = { sourceIndex, knownIds: this.ids, knownOtherIds: this.otherIds, nothingKnown };
      const saved = await openSavedIndex(options.savedIndex, file, known);
      if (saved?.result) {
        result = saved.result;
      } else if (size === 0) {
        // Nothing to detect in an empty file; it is a valid (empty) export, not an unknown format.
        result = {
          stats: emptyStats(source.path),
          records: [],
          ids: new Set<string>(),
          otherIds: new Set<string>(),
        };
      } else {
        reader = await this.open(source);
        const ctx: SourceReadContext = {
          sourceIndex,
          knownIds: this.ids,
          knownOtherIds: this.otherIds,
          interner: this.interner,
          records: pending,
          signal: options.signal,
          onProgress:
            options.onProgress &&
            ((p, records) =>
              options.onProgress?.({
                path: source.path,
                bytesRead: p.bytesRead,
                totalBytes: p.totalBytes,
                overallBytesRead: overallBefore + p.bytesRead,
                overallTotalBytes: overallTotal,
                records: this.records.length + records,
              })),
        };
        result = await this.readWith(reader, size, ctx, options, file);
      }
      // A failed read leaves nothing half-added; a cancelled one keeps the rows read before the
      // cancel (in file order, so they are exactly the first rows of the file) and says so.
      const cancelled = result.cancelled;
      if (cancelled)
        result.stats.partial = { bytesRead: cancelled.bytesRead, reason: 'the load was cancelled' };
      // The first file's list becomes the investigation's: copying a million records into an empty
      // list would block the event loop for a quarter of a second on a busy machine.
      const before = this.committed.length;
      if (before === 0) this.committed = result.records;
      else for (const r of result.records) this.committed.push(r);
      // A set reading the ids from the records reads them from the investigation's list now.
      if (result.ids instanceof RecordIdSet) result.ids.moveTo(this.committed, before);
      this.idSets.push(result.ids);
      for (const id of result.otherIds) this.otherIds.add(id);
      this.sources.push(result.stats);
      const unhashed =
        result.unhashed === true && file !== undefined ? { stats: result.stats, file } : undefined;
      if (unhashed !== undefined) this.unhashed.push(unhashed);
      // An index stores the hash: one of a file not hashed yet is written once it is.
      saved?.save(result, unhashed && (() => this.hashOf(unhashed)));
      // The reader that read the file knows where its lines start: re-reading a row later costs
      // a short count from a nearby checkpoint, not a count from the start of a huge file. (A
      // file's source reopens on demand after it is closed below.)
      if (reader) {
        // A reader opened meanwhile for a raw record of the pending file is not needed any more.
        const earlier = handle.reader;
        handle.reader = Promise.resolve(reader);
        if (earlier) void earlier.then((r) => r.source.close()).catch(() => undefined);
      }
      this.handles.push(handle);
      committed = true;
      if (cancelled) throw cancelled.reason;
      return result.stats;
    } finally {
      this.reading = undefined;
      if (closeAfterRead) await source.close();
      // A raw record of the failed read may have been shown meanwhile: release its reader.
      if (!committed && handle.reader) await (await handle.reader.catch(() => undefined))?.source.close();
    }
  }
}

/** A byte source that releases its file on close and reopens it when read again. */
function reopenable(path: string, open: () => ByteSource): ByteSource {
  let inner: ByteSource | undefined;
  const current = (): ByteSource => (inner ??= open());
  return {
    path,
    size: () => current().size(),
    read: (offset, length) => current().read(offset, length),
    // Reads into the caller's buffer when the source can (the reader's window reuses one).
    readInto: (target, targetOffset, offset, length) =>
      readBytesInto(current(), target, targetOffset, offset, length),
    async close() {
      const s = inner;
      inner = undefined;
      await s?.close();
    },
  };
}

function emptyStats(path: string): SourceStats {
  return {
    path,
    // SHA-256 of zero bytes.
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    container: 'empty',
    sizeBytes: 0,
    ...zeroCounts(),
  };
}

/**
 * Loads named files and folders into a new investigation (see `Investigation.addPaths`), a load
 * done once (the CLI's): the parsing workers left idle are ended when it is done, so their heaps
 * are released before the caller builds its report, the peak of its memory (otherwise they would
 * wait for another load a little longer, see `endIdleWorkers`), and so are this thread's spare
 * read buffers (`dropSpareBuffers`).
 * `open` replaces container detection (tests feed rows directly).
 */
export async function loadInvestigation(
  inputs: readonly string[],
  options: LoadOptions & { open?: SourceOpener } = {},
): Promise<Investigation> {
  const investigation = new Investigation(options.open);
  try {
    await investigation.addPaths(inputs, options);
  } finally {
    endIdleWorkers();
    dropSpareBuffers();
  }
  return investigation;
}
