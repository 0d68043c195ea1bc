/**
 * Ingestion worker: reads (a range of) one export with the engine's container readers and
 * normalises each row, and posts the results back in batches (see protocol.ts; the file is hashed
 * by hashWorker.ts).
 * Runs in a worker thread so that parsing neither blocks the caller's event loop (the VS Code
 * extension host) nor leaves the machine's other cores idle. Jobs arrive as messages, one at a
 * time; the worker stays for the next job (starting a worker costs more than a small file).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { fileByteSource } from '../byteSource';
import { openContainer } from '../containers/openContainer';
import type { ReadOptions, ReadRange } from '../containers/types';
import { pickAuditBytes, pickAuditCell } from '../normalise/auditBytes';
import { normaliseAudit } from '../normalise/normaliseAudit';
import type { IngestMessage, PostedJob } from './protocol';
import { AuditRowWriter } from './auditRows';
import { yieldCoresToCaller } from './threadPriority';

/** A batch is posted after this many rows or this much time, whichever comes first. */
const BATCH_ROWS = 500;
const BATCH_MS = 15;

const post = (message: IngestMessage, transfer?: ArrayBuffer[]): void =>
  parentPort?.postMessage(message, transfer);

async function rows(path: string, range: ReadRange | undefined, rowsPort: MessagePort): Promise<void> {
  // This thread only parses: its reads may block it (see `fileByteSource`).
  const source = fileByteSource(path, { blocking: true });
  try {
    const reader = await openContainer(source);
    const batch = new AuditRowWriter();
    let readTo = range?.from ?? 0;
    let since = performance.now();
    const flush = (): void => {
      if (batch.rows === 0) return;
      const rows = batch.take();
      const message: IngestMessage = { type: 'rows', batch: rows, readTo };
      // Queued there before it is announced: the host finds it when it takes the announcement.
      rowsPort.postMessage(message, [rows.nums.buffer as ArrayBuffer]);
      post({ type: 'queued', readTo });
      since = performance.now();
    };
    const options: ReadOptions = {
      range,
      // AuditData is picked straight from the bytes where that gives exactly the full parse's answer.
      pickAudit: pickAuditBytes,
      pickAuditCell,
      onProgress: (p) => (readTo = p.bytesRead),
    };
    for await (const row of reader.rows(options)) {
      const { line, offset, length, canonical, audit } = row;
      if (canonical !== undefined) {
        batch.canonical(line, offset, length, canonical, row.envelope);
      } else if (row.error !== undefined || audit === undefined) {
        batch.rejected(line, offset, length, row.error ?? 'the row holds no AuditData');
      } else {
        batch.result(line, offset, length, normaliseAudit(audit, row.envelope));
      }
      const n = batch.rows;
      if (n >= BATCH_ROWS || (n % 64 === 0 && performance.now() - since > BATCH_MS)) flush();
    }
    flush();
    post({ type: 'end', reached: range?.reached });
  } finally {
    await source.close();
  }
}

// Parsing uses every core; the caller's event loop must still get one at once when it needs it.
if (parentPort) yieldCoresToCaller();

parentPort?.on('message', (job: PostedJob) => {
  const done =
    job.type === 'rows'
      ? rows(job.path, job.range && { ...job.range }, job.rowsPort)
      : Promise.reject(new Error(`the ingestion worker was sent a ${job.type} job`));
  done.catch((err) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});
