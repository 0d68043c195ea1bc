import { createHash } from 'node:crypto';
import type { ByteSource } from '../byteSource';
import type { ContainerReader, ReadProgress } from '../containers/types';
import type { MiaRecord } from '../model';
import { normaliseAudit } from '../normalise/normaliseAudit';
import type { Interner } from './interner';
import { newStats, SourceAccount } from './sourceAccount';
import type { SourceStats } from './types';

/** What reading one source produced, before it is committed to the investigation. */
export interface SourceReadResult {
  stats: SourceStats;
  records: MiaRecord[];
  /** Ids of `records` (kept so the caller need not build the set again). */
  ids: Set<string>;
  /** Ids of other operations first seen in this source. */
  otherIds: Set<string>;
  /**
   * Set when the read was cancelled: the rows before `bytesRead` were read (in file order) and are in
   * `records`/`stats`; the rest of the file was not. `stats.sha256` is then empty.
   */
  cancelled?: { bytesRead: number; reason: unknown };
  /** The file was not hashed (`IngestOptions.hashLater`): `stats.sha256` is empty until hashed. */
  unhashed?: boolean;
}

/** Context of one read: where the records go and which ids are already known. */
export interface SourceReadContext {
  sourceIndex: number;
  /** Ids already in the investigation (not modified here: the caller commits). */
  knownIds: { has(id: string): boolean };
  /** Ids of other operations already in the investigation. */
  knownOtherIds: ReadonlySet<string>;
  interner: Interner;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress, records: number) => void;
  /**
   * Array the new records are pushed into as they are read (default: a fresh one), so the caller
   * can show the first records while the rest of the file is read.
   */
  records?: MiaRecord[];
}

const HASH_CHUNK = 1 << 20;
/**
 * Longest stretch of rows parsed without giving the event loop a turn. A chunk of rows is parsed
 * between two reads of the file; without a yield a 4 MiB chunk blocks the caller (the VS Code
 * extension host) for over 100 ms.
 */
const YIELD_AFTER_MS = 15;
/** Rows between two clock checks (reading the clock per row would cost more than it saves). */
const ROWS_PER_CLOCK_CHECK = 32;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Hashes a source from its bytes, for a reader that did not hand over every byte. */
export async function hashSource(source: ByteSource, size: number): Promise<string> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += HASH_CHUNK) {
    hash.update(await source.read(offset, Math.min(HASH_CHUNK, size - offset)));
  }
  return hash.digest('hex');
}

/**
 * Reads every row of one opened export once, in this thread: hashes its bytes in the same pass,
 * normalises each row, de-duplicates against `knownIds` and the source's own earlier rows (first
 * occurrence wins), and keeps provenance, never the raw row. A cancelled read resolves with
 * `cancelled` set and what was read before it.
 */
export async function readSource(
  reader: ContainerReader,
  size: number,
  ctx: SourceReadContext,
): Promise<SourceReadResult> {
  const hash = createHash('sha256');
  let hashed = 0;
  const stats = newStats(reader, size);
  const records: MiaRecord[] = ctx.records ?? [];
  const account = new SourceAccount(stats, { ...ctx, records });
  const rows = reader.rows({
    signal: ctx.signal,
    onBytes: (chunk) => {
      hash.update(chunk);
      hashed += chunk.length;
    },
    onProgress: ctx.onProgress && ((p) => ctx.onProgress?.(p, records.length)),
  });
  let sliceStart = performance.now();
  let n = 0;
  for await (const row of rows) {
    if (++n % ROWS_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart > YIELD_AFTER_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    if (row.error !== undefined || row.audit === undefined) {
      account.reject(row.line, row.error ?? 'the row holds no AuditData', row.offset, row.length);
      continue;
    }
    account.add(normaliseAudit(row.audit, row.envelope), row.line, row.offset, row.length);
  }
  stats.records = records.length;
  const result: SourceReadResult = { stats, records, ids: account.seen, otherIds: account.otherIds };
  if (ctx.signal?.aborted) {
    result.cancelled = { bytesRead: account.bytesDone, reason: ctx.signal.reason };
    return result;
  }
  stats.sha256 = hashed === size ? hash.digest('hex') : await hashSource(reader.source, size);
  return result;
}
