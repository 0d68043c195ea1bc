import type { MessagePort } from 'node:worker_threads';
import type { MiaRecord } from '../model';
import type { RowBatch } from './rowBatch';

/** What the host asks an ingestion worker to do (its `workerData`). */
export type IngestJob =
  | {
      type: 'rows';
      path: string;
      /** Rows starting in `[from, to)` only, lines counted from 1 at `from`; absent: the whole file. */
      range?: { from: number; to: number };
    }
  | { type: 'hash'; path: string };

/**
 * A job as the worker receives it (`WorkerJob` posts it): a rows job comes with the port its `rows`
 * messages go to, each announced by a `queued` one, for the host to take when it merges them.
 */
export type PostedJob =
  (Extract<IngestJob, { type: 'rows' }> & { rowsPort: MessagePort }) | Extract<IngestJob, { type: 'hash' }>;

/**
 * One row as a worker hands it back, as a flat tuple (cheap to clone): a record, another operation,
 * a row normalisation rejected, or a row the container reader could not read. Lines are those the
 * worker counted (from 1 at the start of its range).
 */
export type RowItem =
  | [kind: 0, line: number, offset: number, length: number, record: Omit<MiaRecord, 'provenance'>]
  | [kind: 1, line: number, offset: number, length: number, id: string | null, timeMs: number | null]
  | [kind: 2, line: number, offset: number, length: number, reason: string, operation: string | null]
  | [kind: 3, line: number, offset: number, length: number, reason: string];

/** What a worker posts back. */
export type IngestMessage =
  | {
      type: 'rows';
      /** The rows, encoded (a `RowBatchReader` gives them back as `RowItem`s). */
      batch: RowBatch;
      /** File offset the worker has read up to (for progress). */
      readTo: number;
    }
  | {
      /** A `rows` message waits on the job's `rowsPort`. */
      type: 'queued';
      /** File offset the worker has read up to (for progress). */
      readTo: number;
    }
  | {
      type: 'end';
      /** Where the row after the range starts and its line (see `ReadRange.reached`). */
      reached?: { offset: number; line: number };
    }
  | { type: 'hash'; sha256: string; bytes: number }
  | { type: 'error'; message: string };
