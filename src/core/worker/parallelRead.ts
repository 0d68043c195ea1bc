import type { ContainerReader } from '../containers/types';
import type { MiaRecord } from '../model';
import { countLinesBetween } from '../text/byteWindow';
import type { SourceReadContext, SourceReadResult } from '../investigation/readSource';
import { newStats, SourceAccount } from '../investigation/sourceAccount';
import type { IngestMessage, RowItem } from './protocol';
import { WorkerJob } from './workerJob';

/** How a file is spread over workers. */
export interface ParallelTuning {
  /** The worker script (see `ingestWorkerFile`). */
  workerFile: string;
  /** Parsing workers (ranges) at most. */
  workers: number;
  /** A range is never smaller than this (small files are read by one worker). */
  minRangeBytes: number;
}

/** Longest stretch of batches merged without giving the caller's event loop a turn. */
const YIELD_AFTER_MS = 10;
const PROGRESS_INTERVAL_MS = 200;
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface RangeJob {
  from: number;
  to: number;
  job: WorkerJob;
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
  const count = Math.max(1, Math.min(tuning.workers, Math.floor(size / Math.max(1, tuning.minRangeBytes))));
  const points = count > 1 && reader.splitPoints ? await reader.splitPoints(count) : [];
  const ranged = points.length > 2;

  const jobs: RangeJob[] = [];
  const start = (from: number, to: number): RangeJob => {
    const range: RangeJob = { from, to, readTo: from, job: undefined as unknown as WorkerJob };
    range.job = new WorkerJob(
      tuning.workerFile,
      { type: 'rows', path, range: ranged ? { from, to } : undefined },
      (m) => {
        if (m.type === 'rows') range.readTo = m.readTo;
      },
    );
    return range;
  };
  const hashJob = new WorkerJob(tuning.workerFile, { type: 'hash', path });
  const all = (): WorkerJob[] => [hashJob, ...jobs.map((j) => j.job)];
  const onAbort = (): void => all().forEach((j) => j.stop());
  ctx.signal?.addEventListener('abort', onAbort);
  try {
    ctx.signal?.throwIfAborted();
    if (ranged) for (let k = 0; k + 1 < points.length; k++) jobs.push(start(points[k], points[k + 1]));
    else jobs.push(start(0, size));

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
      if (ranged && jobs[k].from !== cursor.offset) {
        // The previous range read past this split point (it lay inside a multi-line record).
        jobs[k].job.stop();
        jobs[k] = start(cursor.offset, Math.max(cursor.offset, jobs[k].to));
      }
      const lineBase = cursor.line - 1;
      for (;;) {
        const m: IngestMessage = await jobs[k].job.next();
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
        merge(m.items, lineBase, account, reader);
        progress(false);
        if (performance.now() - slice > YIELD_AFTER_MS) {
          await yieldToEventLoop();
          slice = performance.now();
        }
      }
    }
    progress(true);
    const hashed = await hashJob.next();
    if (hashed.type === 'hash') stats.sha256 = hashed.sha256;
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
  }
  return result;
}

function merge(items: RowItem[], lineBase: number, account: SourceAccount, reader: ContainerReader): void {
  for (const item of items) {
    const line = item[1] + lineBase;
    const offset = item[2];
    const length = item[3];
    reader.noteLine?.(offset, line);
    switch (item[0]) {
      case 0:
        account.add({ kind: 'mia', record: item[4] }, line, offset, length);
        break;
      case 1:
        account.add(
          { kind: 'other', operation: '', id: item[4] ?? undefined, timeMs: item[5] ?? undefined },
          line,
          offset,
          length,
        );
        break;
      case 2:
        account.add(
          { kind: 'error', reason: item[4], operation: item[5] ?? undefined },
          line,
          offset,
          length,
        );
        break;
      default:
        account.reject(line, item[4], offset, length);
    }
  }
}
