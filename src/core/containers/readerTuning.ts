/** Sizes that bound the readers' memory and that tests shrink to exercise chunk boundaries. */
export interface ReaderTuning {
  /** Bytes per read of the source. */
  chunkSize: number;
  /** A row, line or JSON element longer than this is reported as broken instead of held in memory. */
  maxRecordBytes: number;
}

/**
 * Defaults: 1 MiB reads; 64 MiB per record (real AuditData stays far below 1 MiB). Reads of 4 MiB
 * were no faster, and their buffers (a parse worker's window, freed in another thread) stayed in the
 * C allocator's per-thread pools after the load: 13 MB more at the CLI's peak.
 */
export const DEFAULT_TUNING: ReaderTuning = { chunkSize: 1 << 20, maxRecordBytes: 64 << 20 };
