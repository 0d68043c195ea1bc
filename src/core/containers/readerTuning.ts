/** Sizes that bound the readers' memory and that tests shrink to exercise chunk boundaries. */
export interface ReaderTuning {
  /** Bytes per read of the source. */
  chunkSize: number;
  /** A row, line or JSON element longer than this is reported as broken instead of held in memory. */
  maxRecordBytes: number;
}

/** Defaults: 4 MiB reads; 64 MiB per record (real AuditData stays far below 1 MiB). */
export const DEFAULT_TUNING: ReaderTuning = { chunkSize: 4 << 20, maxRecordBytes: 64 << 20 };
