import { createHash } from 'node:crypto';
import type { ByteSource } from '../byteSource';
import type { ContainerReader, ReadProgress } from '../containers/types';
import type { MiaRecord } from '../model';
import { normaliseAudit } from '../normalise/normaliseAudit';
import type { Interner } from './interner';
import type { SourceStats } from './types';

/** What reading one source produced, before it is committed to the investigation. */
export interface SourceReadResult {
  stats: SourceStats;
  records: MiaRecord[];
  /** Ids of `records` (kept so the caller need not build the set again). */
  ids: Set<string>;
  /** Ids of other operations first seen in this source. */
  otherIds: Set<string>;
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
async function hashSource(source: ByteSource, size: number): Promise<string> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < size; offset += HASH_CHUNK) {
    hash.update(await source.read(offset, Math.min(HASH_CHUNK, size - offset)));
  }
  return hash.digest('hex');
}

function widen(stats: SourceStats, timeMs: number, mia: boolean): void {
  if (stats.firstMs === undefined || timeMs < stats.firstMs) stats.firstMs = timeMs;
  if (stats.lastMs === undefined || timeMs > stats.lastMs) stats.lastMs = timeMs;
  if (!mia) return;
  if (stats.miaFirstMs === undefined || timeMs < stats.miaFirstMs) stats.miaFirstMs = timeMs;
  if (stats.miaLastMs === undefined || timeMs > stats.miaLastMs) stats.miaLastMs = timeMs;
}

/**
 * Reads every row of one opened export once: hashes its bytes in the same pass, normalises each
 * row, de-duplicates against `knownIds` and the source's own earlier rows (first occurrence wins),
 * and keeps provenance, never the raw row.
 */
export async function readSource(
  reader: ContainerReader,
  size: number,
  ctx: SourceReadContext,
): Promise<SourceReadResult> {
  const hash = createHash('sha256');
  let hashed = 0;
  const stats: SourceStats = {
    path: reader.source.path,
    sha256: '',
    container: reader.kind,
    encoding: reader.encoding,
    sizeBytes: size,
    rows: 0,
    records: 0,
    duplicates: 0,
    otherOperations: 0,
    otherRecords: 0,
    miaRows: 0,
    rejectedMiaRows: 0,
    rejected: [],
  };
  const records: MiaRecord[] = ctx.records ?? [];
  const seen = new Set<string>();
  const otherIds = new Set<string>();
  const reasons = new Map<string, string>();
  const { interner, knownIds, knownOtherIds, sourceIndex } = ctx;
  const rows = reader.rows({
    signal: ctx.signal,
    onBytes: (chunk) => {
      hash.update(chunk);
      hashed += chunk.length;
    },
    onProgress: ctx.onProgress && ((p) => ctx.onProgress?.(p, records.length)),
  });
  const reject = (line: number, reason: string) => {
    // Broken exports repeat the same few reasons thousands of times: share them.
    let r = reasons.get(reason);
    if (r === undefined) reasons.set(reason, (r = reason));
    stats.rejected.push({ line, reason: r });
  };
  let sliceStart = performance.now();
  for await (const row of rows) {
    stats.rows++;
    if (stats.rows % ROWS_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart > YIELD_AFTER_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    if (row.error !== undefined || row.audit === undefined) {
      reject(row.line, row.error ?? 'the row holds no AuditData');
      continue;
    }
    const result = normaliseAudit(row.audit, row.envelope);
    if (result.kind === 'other') {
      stats.otherOperations++;
      // Overlapping exports repeat other operations too: count each record once.
      if (result.id === undefined) stats.otherRecords++;
      else if (!knownOtherIds.has(result.id) && !otherIds.has(result.id)) {
        otherIds.add(result.id);
        stats.otherRecords++;
      }
      if (result.timeMs !== undefined) widen(stats, result.timeMs, false);
      continue;
    }
    if (result.kind === 'error') {
      if (result.operation !== undefined) stats.rejectedMiaRows++;
      reject(row.line, result.reason);
      continue;
    }
    stats.miaRows++;
    const r = result.record;
    widen(stats, r.timeMs, true);
    if (knownIds.has(r.id) || seen.has(r.id)) {
      stats.duplicates++;
      continue;
    }
    seen.add(r.id);
    const record = interner.record(r) as MiaRecord;
    record.provenance = { sourceIndex, line: row.line, offset: row.offset, length: row.length };
    records.push(record);
  }
  ctx.signal?.throwIfAborted();
  stats.records = records.length;
  stats.sha256 = hashed === size ? hash.digest('hex') : await hashSource(reader.source, size);
  return { stats, records, ids: seen, otherIds };
}
