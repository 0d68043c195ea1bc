/**
 * Ingestion worker: reads (a range of) one export with the engine's container readers and
 * normalises each row, or hashes the file, and posts the results back in batches (see protocol.ts).
 * Runs in a worker thread so that parsing neither blocks the caller's event loop (the VS Code
 * extension host) nor leaves the machine's other cores idle. Jobs arrive as messages, one at a
 * time; the worker stays for the next job (starting a worker costs more than a small file).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { fileByteSource } from '../byteSource';
import { openContainer } from '../containers/openContainer';
import type { ReadRange } from '../containers/types';
import { normaliseAudit } from '../normalise/normaliseAudit';
import type { IngestJob, IngestMessage, RowItem } from './protocol';

/** A batch is posted after this many rows or this much time, whichever comes first. */
const BATCH_ROWS = 500;
const BATCH_MS = 15;

const post = (message: IngestMessage): void => parentPort?.postMessage(message);

async function hash(path: string): Promise<void> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  post({ type: 'hash', sha256: h.digest('hex'), bytes });
}

async function rows(path: string, range: ReadRange | undefined): Promise<void> {
  const source = fileByteSource(path);
  try {
    const reader = await openContainer(source);
    let items: RowItem[] = [];
    let readTo = range?.from ?? 0;
    let since = performance.now();
    const flush = (): void => {
      if (items.length === 0) return;
      post({ type: 'rows', items, readTo });
      items = [];
      since = performance.now();
    };
    for await (const row of reader.rows({ range, onProgress: (p) => (readTo = p.bytesRead) })) {
      const { line, offset, length } = row;
      if (row.error !== undefined || row.audit === undefined) {
        items.push([3, line, offset, length, row.error ?? 'the row holds no AuditData']);
      } else {
        const r = normaliseAudit(row.audit, row.envelope);
        if (r.kind === 'mia') items.push([0, line, offset, length, r.record]);
        else if (r.kind === 'other') items.push([1, line, offset, length, r.id ?? null, r.timeMs ?? null]);
        else items.push([2, line, offset, length, r.reason, r.operation ?? null]);
      }
      if (items.length >= BATCH_ROWS || (items.length % 64 === 0 && performance.now() - since > BATCH_MS))
        flush();
    }
    flush();
    post({ type: 'end', reached: range?.reached });
  } finally {
    await source.close();
  }
}

parentPort?.on('message', (job: IngestJob) => {
  (job.type === 'hash' ? hash(job.path) : rows(job.path, job.range && { ...job.range })).catch((err) =>
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
