import type { ContainerReader } from '../containers/types';
import type { MiaRecord } from '../model';
import type { NormaliseResult } from '../normalise/normaliseAudit';
import { CompactRecord } from './compactRecord';
import type { Interner } from './interner';
import { RecordIdSet } from './recordIds';
import { ShardedSet } from './shardedCollections';
import type { SourceStats } from './types';

/** Where the records of one read go and which ids are already known (shared by both read paths). */
export interface AccountContext {
  sourceIndex: number;
  /** Ids already in the investigation (not modified here: the caller commits). */
  knownIds: { has(id: string): boolean };
  /** Ids of other operations already in the investigation. */
  knownOtherIds: ReadonlySet<string>;
  interner: Interner;
  /** Array the new records are pushed into, in file order. */
  records: MiaRecord[];
}

/** Fresh statistics of a source about to be read. */
export function newStats(
  reader: Pick<ContainerReader, 'kind' | 'encoding' | 'source'>,
  size: number,
): SourceStats {
  return {
    path: reader.source.path,
    sha256: '',
    container: reader.kind,
    encoding: reader.encoding,
    sizeBytes: size,
    ...zeroCounts(),
  };
}

/** A source's counters before its first row. */
export function zeroCounts(): Pick<
  SourceStats,
  | 'rows'
  | 'records'
  | 'duplicates'
  | 'otherOperations'
  | 'otherRecords'
  | 'miaRows'
  | 'rejectedMiaRows'
  | 'rejected'
> {
  return {
    rows: 0,
    records: 0,
    duplicates: 0,
    otherOperations: 0,
    otherRecords: 0,
    miaRows: 0,
    rejectedMiaRows: 0,
    rejected: [],
  };
}

/**
 * The bookkeeping of one source, fed its rows in file order (whether they were parsed in this
 * thread or in workers): statistics, rejected rows, and de-duplication against `knownIds` and the
 * source's own earlier rows (first occurrence wins).
 */
export class SourceAccount {
  /** Ids of the records kept (read from the records themselves: no string held twice). */
  readonly seen: RecordIdSet;
  /** Ids of other operations first seen in this source. */
  readonly otherIds: Set<string> = new ShardedSet();
  /** File offset just past the last row accounted (how far a cancelled read got). */
  bytesDone = 0;
  private readonly reasons = new Map<string, string>();

  constructor(
    readonly stats: SourceStats,
    private readonly ctx: AccountContext,
  ) {
    this.seen = new RecordIdSet(ctx.records, ctx.records.length);
    // Records made from now on (here, or by readers sharing the interner) come from this source.
    ctx.interner.beginSource(ctx.sourceIndex);
  }

  /** A row that could not be read. */
  reject(line: number, reason: string, offset: number, length: number): void {
    this.stats.rows++;
    this.bytesDone = offset + length;
    this.rejectRow(line, reason);
  }

  /** A row read and normalised. */
  add(result: NormaliseResult, line: number, offset: number, length: number): void {
    if (result.kind === 'mia') {
      this.addRecord(result.record, line, offset, length);
      return;
    }
    const stats = this.stats;
    stats.rows++;
    this.bytesDone = offset + length;
    if (result.kind === 'other') {
      stats.otherOperations++;
      // Overlapping exports repeat other operations too: count each record once.
      if (result.id === undefined) stats.otherRecords++;
      else if (!this.ctx.knownOtherIds.has(result.id) && !this.otherIds.has(result.id)) {
        this.otherIds.add(result.id);
        stats.otherRecords++;
      }
      if (result.timeMs !== undefined) widen(stats, result.timeMs, false);
      return;
    }
    if (result.operation !== undefined) stats.rejectedMiaRows++;
    this.rejectRow(line, result.reason);
  }

  /**
   * A MailItemsAccessed record read and normalised: kept as it is when it is a `CompactRecord`
   * already (a `RowBatchReader` with the interner built it, holding the shared copies of its
   * repeated values); otherwise the interner makes one of it.
   */
  addRecord(r: Omit<MiaRecord, 'provenance'>, line: number, offset: number, length: number): void {
    const stats = this.stats;
    stats.rows++;
    this.bytesDone = offset + length;
    stats.miaRows++;
    widen(stats, r.timeMs, true);
    // One lookup in this source's ids: `addNew` says whether the id was there (when it was not, the
    // record is appended to `ctx.records` below, where the set reads its id from).
    if (this.ctx.knownIds.has(r.id) || !this.seen.addNew(r.id)) {
      stats.duplicates++;
      if (r instanceof CompactRecord) r.discard();
      return;
    }
    const record = r instanceof CompactRecord ? r : this.ctx.interner.compact(r);
    record.place(small(line), small(offset), small(length));
    this.ctx.records.push(record);
  }

  private rejectRow(line: number, reason: string): void {
    // Broken exports repeat the same few reasons thousands of times: share them.
    let r = this.reasons.get(reason);
    if (r === undefined) this.reasons.set(reason, (r = reason));
    this.stats.rejected.push({ line, reason: r });
  }
}

/**
 * The number as a small integer when it is one. A worker's numbers may arrive as doubles: one such
 * value makes V8 box that field in every provenance (16 bytes a record each). Offsets past 2 GiB
 * stay doubles.
 */
function small(n: number): number {
  return n <= 0x3fffffff ? n | 0 : n;
}

function widen(stats: SourceStats, timeMs: number, mia: boolean): void {
  if (stats.firstMs === undefined || timeMs < stats.firstMs) stats.firstMs = timeMs;
  if (stats.lastMs === undefined || timeMs > stats.lastMs) stats.lastMs = timeMs;
  if (!mia) return;
  if (stats.miaFirstMs === undefined || timeMs < stats.miaFirstMs) stats.miaFirstMs = timeMs;
  if (stats.miaLastMs === undefined || timeMs > stats.miaLastMs) stats.miaLastMs = timeMs;
}
