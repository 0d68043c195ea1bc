import type { ContainerReader, ReadRange } from '../containers/types';
import { normaliseAudit } from '../normalise/normaliseAudit';
import type { MiaRecord } from '../model';
import { countLinesBetween } from '../text/byteWindow';
import { hashSource, type SourceReadContext, type SourceReadResult } from '../investigation/readSource';
import { newStats, SourceAccount } from '../investigation/sourceAccount';
import type { IngestMessage } from './protocol';
import type { RowRecord } from './rowBatchFormat';
import { RowBatchReader, type RowSink } from './rowBatchReader';
import { hashWorkerFile } from './workerFile';
import { WorkerJob } from './workerJob';

/** How a file is spread over workers. */
export interface ParallelTuning {
  /** The worker script (see `ingestWorkerFile`); the hashing worker's is found beside it. */
  workerFile: string;
  /** Parsing workers (ranges) at most. */
  workers: number;
  /** The file is not hashed (see `IngestOptions.hashLater`): the result says `unhashed`. */
  hashLater?: boolean;
  /** A range is never smaller than this (small files are read by one worker). */
  minRangeBytes: number;
  /**
   * Size of a short first range read in this thread (default 1 MiB, 0: none) while the workers
   * start, so that the first rows show at once (a worker needs a few hundred ms to start).
   */
  headBytes?: number;
  /**
   * A range is never larger than this (default 32 MiB): a large file is cut into many ranges, and
   * only a few of them are parsed ahead of the merge (`mayStartRange`), so the rows waiting to be
   * merged stay a few ranges' worth however large the file.
   */
  maxRangeBytes?: number;
}

/**
 * Workers that parse a file of `size` bytes: one per range of at least `minRangeBytes`, at most
 * `workers`, at least one.
 */
export function parsingWorkers(size: number, workers: number, minRangeBytes: number): number {
  return Math.max(1, Math.min(workers, Math.floor(size / Math.max(1, minRangeBytes))));
}

const HEAD_BYTES = 1 << 20;
const MAX_RANGE_BYTES = 32 << 20;

/** Longest stretch of batches merged without giving the caller's event loop a turn. */
const YIELD_AFTER_MS = 10;
const PROGRESS_INTERVAL_MS = 200;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface RangeJob {
  from: number;
  to: number;
  /** Undefined for the head range (read in this thread) and for a range not started yet. */
  job: WorkerJob | undefined;
  /** Decodes the batches of `job` (one per worker job: its repeated strings are sent once). */
  batches?: RowBatchReader;
  /** The head range, read in this thread. */
  here?: boolean;
  /** Its worker has sent all its rows (they may still wait to be merged). */
  parsed?: boolean;
  readTo: number;
}

/**
 * Reads one file of an opened export in worker threads: the file is split into ranges at record
 * boundaries (where the container allows it), each range is parsed and normalised by its own worker
 * while another hashes the file, and the rows are merged here in file order, so de-duplication,
 * line numbers, statistics and rejected rows are exactly those of a single pass (`readSource`).
 * A split point that turns out to lie inside a record (the previous range read past it) is dropped
 * and the range re-read from where the previous one really ended.
 *
 * `reader` is the caller's reader of the same file (kept for `reparse`); it learns where rows start.
 */
export async function readSourceInWorkers(
  reader: ContainerReader,
  size: number,
  ctx: SourceReadContext,
  tuning: ParallelTuning,
): Promise<SourceReadResult> {
  const path = reader.source.path;
  const stats = newStats(reader, size);
  const records: MiaRecord[] = ctx.records ?? [];
  const account = new SourceAccount(stats, { ...ctx, records });
  const parallel = parsingWorkers(size, tuning.workers, tuning.minRangeBytes);
  const count =
    parallel > 1 ? Math.max(parallel, Math.ceil(size / (tuning.maxRangeBytes ?? MAX_RANGE_BYTES))) : 1;
  const headBytes = tuning.headBytes ?? HEAD_BYTES;
  const head = headBytes > 0 && size > 4 * headBytes ? headBytes : undefined;
  const points =
    (count > 1 || head !== undefined) && reader.splitPoints ? await reader.splitPoints(count, head) : [];
  const ranged = points.length > 2;
  const headInThread = ranged && head !== undefined && points[1] - points[0] <= 4 * head;

  // Records are decoded holding the interner's shared strings, messages and folders (each repeated
  // string interned once per worker table), so the account need not intern them again.
  const sink = new MergeSink(account, reader);
  const jobs: RangeJob[] = [];
  /** Index of the range being merged: ranges before it are done with. */
  let merging = 0;
  let launched = false;
  const start = (range: RangeJob): void => {
    range.parsed = false;
    range.batches = new RowBatchReader(ctx.interner);
    range.job = new WorkerJob(
      tuning.workerFile,
      { type: 'rows', path, range: ranged ? { from: range.from, to: range.to } : undefined },
      (m) => {
        if (m.type === 'rows' || m.type === 'queued') range.readTo = m.readTo;
        else if (m.type === 'end' || m.type === 'error') {
          range.parsed = true;
          pump();
        }
      },
    );
  };
  // Backpressure (see `mayStartRange`): a file of several GB never has more than a few ranges of
  // rows in memory.
  const pump = (): void => {
    if (!launched) return;
    let busy = 0;
    for (let k = merging; k < jobs.length; k++) {
      const range = jobs[k];
      if (range.here) continue;
      if (range.job === undefined) {
        if (!mayStartRange(k, merging, busy, parallel)) return;
        start(range);
      }
      if (!range.parsed) busy++;
    }
  };
  let hashJob: WorkerJob | undefined;
  const all = (): WorkerJob[] => [
    ...(hashJob ? [hashJob] : []),
    ...jobs.flatMap((j) => (j.job ? [j.job] : [])),
  ];
  const onAbort = (): void => all().forEach((j) => j.stop());
  // Workers start after the head range is read: starting threads competes for the cores with the
  // reading of the first rows, which a viewer is waiting for.
  const launch = (): void => {
    const hasher = tuning.hashLater === true ? undefined : hashWorkerFile(tuning.workerFile);
    if (hasher !== undefined) hashJob = new WorkerJob(hasher, { type: 'hash', path });
    if (!ranged) jobs.push({ from: 0, to: size, readTo: 0, job: undefined });
    else
      for (let k = jobs.length; k + 1 < points.length; k++)
        jobs.push({ from: points[k], to: points[k + 1], readTo: points[k], job: undefined });
    launched = true;
    pump();
  };
  ctx.signal?.addEventListener('abort', onAbort);
  try {
    ctx.signal?.throwIfAborted();
    if (headInThread)
      jobs.push({ from: points[0], to: points[1], readTo: points[0], job: undefined, here: true });
    else launch();

    let lastProgress = 0;
    const progress = (force: boolean): void => {
      const now = Date.now();
      if (!ctx.onProgress || (!force && now - lastProgress < PROGRESS_INTERVAL_MS)) return;
      lastProgress = now;
      const bytesRead = jobs.reduce((n, j) => n + Math.max(0, Math.min(j.readTo, j.to) - j.from), 0);
      ctx.onProgress({ bytesRead, totalBytes: size }, records.length);
    };

    const w = reader.encoding === 'utf-16le' ? 2 : 1;
    // Line of the first range's first row: the lines of the header (and anything before it) count.
    let cursor = {
      offset: ranged ? points[0] : 0,
      line: ranged ? await countLinesBetween(reader.source, 0, 1, points[0], w) : 1,
    };
    let slice = performance.now();
    for (let k = 0; k < jobs.length; k++) {
      merging = k;
      const range = jobs[k];
      if (ranged && range.from !== cursor.offset) {
        // The previous range read past this split point (it lay inside a multi-line record).
        range.job?.stop();
        range.job = undefined;
        range.from = range.readTo = cursor.offset;
        range.to = Math.max(cursor.offset, range.to);
      }
      pump();
      const lineBase = cursor.line - 1;
      sink.lineBase = lineBase;
      if (range.here) {
        cursor = await readHere(reader, range, lineBase, account, ctx.signal);
        launch();
        continue;
      }
      const job = range.job;
      const batches = range.batches;
      if (!job || !batches) throw new Error(`${path}: internal: a range of the file was never started`);
      for (;;) {
        const m: IngestMessage = await job.next();
        if (m.type === 'end') {
          if (ranged) {
            const reached = m.reached;
            if (!reached)
              throw new Error(`${path}: internal: a range of the file ended without saying where`);
            cursor = { offset: reached.offset, line: lineBase + reached.line };
          }
          break;
        }
        if (m.type !== 'rows') continue;
        batches.readInto(m.batch, sink);
        progress(false);
        if (performance.now() - slice > YIELD_AFTER_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
      }
    }
    progress(true);
    // Without a hashing worker script (a load given a worker script of its own), hashed here.
    const hashed = hashJob === undefined ? undefined : await hashJob.next();
    if (hashed?.type === 'hash') stats.sha256 = hashed.sha256;
    else if (tuning.hashLater !== true) stats.sha256 = await hashSource(reader.source, size);
  } catch (err) {
    if (!ctx.signal?.aborted) throw err;
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    for (const j of all()) j.stop();
  }
  stats.records = records.length;
  const result: SourceReadResult = { stats, records, ids: account.seen, otherIds: account.otherIds };
  if (ctx.signal?.aborted) {
    stats.sha256 = '';
    result.cancelled = { bytesRead: account.bytesDone, reason: ctx.signal.reason };
  } else if (tuning.hashLater === true) result.unhashed = true;
  return result;
}

/**
 * Whether range `k` may start while range `merging` is being merged and `busy` ranges are being
 * parsed by `parallel` workers: the range being merged always (it may have been restarted from a
 * true boundary); another when a worker is free and it lies at most `parallel + 1` ranges ahead of
 * the merge. At most `parallel` ahead, a worker done with its range often waited for the merge to
 * move on; one more: 300k JSON Lines CPU 0.966 and 0.976, wall 0.961 and 0.987, peak unchanged
 * (two sets of paired runs); the CSV unchanged.
 */
export function mayStartRange(k: number, merging: number, busy: number, parallel: number): boolean {
  return k === merging || (busy < parallel && k <= merging + parallel + 1);
}

/**
 * Reads the head range in this thread (in slices that yield), feeding the account directly; returns
 * where the next range must start and its line.
 */
async function readHere(
  reader: ContainerReader,
  head: RangeJob,
  lineBase: number,
  account: SourceAccount,
  signal: AbortSignal | undefined,
): Promise<{ offset: number; line: number }> {
  const range: ReadRange = { from: head.from, to: head.to };
  let slice = performance.now();
  const rows = reader.rows({ range, signal, onProgress: (p) => (head.readTo = p.bytesRead) });
  for await (const row of rows) {
    const line = row.line + lineBase;
    reader.noteLine?.(row.offset, line);
    if (row.error !== undefined || row.audit === undefined) {
      account.reject(line, row.error ?? 'the row holds no AuditData', row.offset, row.length);
    } else {
      account.add(normaliseAudit(row.audit, row.envelope), line, row.offset, row.length);
    }
    if (performance.now() - slice > YIELD_AFTER_MS) {
      await yieldToEventLoop();
      slice = performance.now();
    }
  }
  signal?.throwIfAborted();
  if (!range.reached)
    throw new Error(`${reader.source.path}: internal: the first range ended without saying where`);
  return { offset: range.reached.offset, line: lineBase + range.reached.line };
}

/** Merges decoded rows into the account, numbering their lines from the range's first line. */
class MergeSink implements RowSink {
  /** Line before the first line of the range being merged. */
  lineBase = 0;

  constructor(
    private readonly account: SourceAccount,
    private readonly reader: ContainerReader,
  ) {}

  record(line: number, offset: number, length: number, record: RowRecord): void {
    line += this.lineBase;
    this.reader.noteLine?.(offset, line);
    this.account.addRecord(record, line, offset, length);
  }

  other(line: number, offset: number, length: number, id: string | null, timeMs: number | null): void {
    line += this.lineBase;
    this.reader.noteLine?.(offset, line);
    this.account.add(
      { kind: 'other', operation: '', id: id ?? undefined, timeMs: timeMs ?? undefined },
      line,
      offset,
      length,
    );
  }

  error(line: number, offset: number, length: number, reason: string, operation: string | null): void {
    line += this.lineBase;
    this.reader.noteLine?.(offset, line);
    this.account.add({ kind: 'error', reason, operation: operation ?? undefined }, line, offset, length);
  }

  rejected(line: number, offset: number, length: number, reason: string): void {
    line += this.lineBase;
    this.reader.noteLine?.(offset, line);
    this.account.reject(line, reason, offset, length);
  }
}
