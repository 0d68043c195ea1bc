import type { ByteSource } from '../byteSource';
import type { ContainerKind, ContainerReader, TextEncoding } from '../containers/types';
import type { SavedIndexOptions } from '../savedIndex/savedIndexStore';

/** A row that could not be read, with the reason (spec: file, line and a reason a person understands). */
export interface RejectedRow {
  /** 1-based line of the row's first line. */
  line: number;
  reason: string;
}

/** What one export contributed to the investigation. */
export interface SourceStats {
  /** Path as given (absolute for files read from disk). */
  path: string;
  /** SHA-256 of the file's bytes, lower-case hex, computed in the same pass as the read. */
  sha256: string;
  /** Detected container, or `empty` for a file without a single byte. */
  container: ContainerKind | 'empty';
  encoding?: TextEncoding;
  sizeBytes: number;
  /** Rows read (valid, duplicate, other operations and rejected alike). */
  rows: number;
  /** Distinct MailItemsAccessed records first seen in this source. */
  records: number;
  /** MailItemsAccessed records already seen (earlier in this source or in an earlier one). */
  duplicates: number;
  /** Rows of other operations (never taken for MailItemsAccessed). */
  otherOperations: number;
  /** Distinct records of other operations first seen in this source (by Id; a row without Id counts). */
  otherRecords: number;
  /** Readable MailItemsAccessed rows: records + duplicates. */
  miaRows: number;
  /** Rejected rows that still named MailItemsAccessed (e.g. a missing Id). */
  rejectedMiaRows: number;
  rejected: RejectedRow[];
  /** Time span (epoch ms) of every row with a readable CreationTime, any operation. */
  firstMs?: number;
  lastMs?: number;
  /** Time span (epoch ms) of the MailItemsAccessed rows, duplicates included. */
  miaFirstMs?: number;
  miaLastMs?: number;
  /**
   * Set when the file was not read to its end (the load was cancelled): the rows before
   * `bytesRead` were read and their records kept; `sha256` is then empty.
   */
  partial?: { bytesRead: number; reason: string };
  /** True when the source was loaded from its saved index instead of being parsed again. */
  savedIndex?: boolean;
}

/** A file inside a loaded folder that was not read, and why. */
export interface SkippedFile {
  path: string;
  reason: string;
}

/** Progress of loading an investigation. */
export interface LoadProgress {
  /** File being read. */
  path: string;
  /** Bytes read of that file and its size. */
  bytesRead: number;
  totalBytes: number;
  /** Bytes read of all files being loaded in this call, and their total size. */
  overallBytesRead: number;
  overallTotalBytes: number;
  /** Distinct MailItemsAccessed records in the investigation so far. */
  records: number;
}

/** Opens the container reader for a byte source (injectable for tests). */
export type SourceOpener = (source: ByteSource) => Promise<ContainerReader>;

/** Options for loading files into an investigation. */
export interface LoadOptions {
  /**
   * Stops the load; the promise rejects with the signal's reason. The records of the file being
   * read that were read before the stop are kept, and its source is marked `partial`.
   */
  signal?: AbortSignal;
  /** Called at most a few times a second per file. */
  onProgress?: (progress: LoadProgress) => void;
  /** How files named by path are read (defaults suit real exports; tests shrink them). */
  ingest?: IngestOptions;
  /** Saves the read of each file on disk and loads it again while the file is unchanged (absent: off). */
  savedIndex?: SavedIndexOptions;
}

/** Where and in how many parts files are parsed. */
export interface IngestOptions {
  /**
   * Parsing worker threads per file (default: one per core, 2 to 4); 0 reads in the caller's
   * thread. Workers are used only with the engine's own container detection and a worker script.
   */
  workers?: number;
  /** Files smaller than this are read in the caller's thread (default 4 MiB). */
  minWorkerBytes?: number;
  /** A file is split into ranges of at least this size, one per worker (default 16 MiB). */
  minRangeBytes?: number;
  /**
   * A large file is cut into ranges of at most this size (default 32 MiB), parsed a few at a time
   * just ahead of the merge, so memory does not grow with the file's size.
   */
  maxRangeBytes?: number;
  /**
   * A short first range read in the caller's thread while the workers start, so the first rows show
   * at once (default 1 MiB; 0: none).
   */
  headBytes?: number;
  /** The worker script (default: `ingestWorker.js` beside the running code; none: in-thread). */
  workerFile?: string;
  /**
   * A file read by workers is not hashed while it loads (its `sha256` stays empty) but when the
   * caller asks (`Investigation.hashSources`): a caller with work of its own to do on the records
   * first (the CLI's report) lets the hash run meanwhile on the core the load no longer needs. A
   * saved index, which stores the hash, is written once the hash is known (its write asks for it
   * if the caller has not yet).
   */
  hashLater?: boolean;
}

/**
 * A named input (file or folder) that cannot be read: missing, unreadable or not a recognised
 * export. The message names the path and says why.
 */
export class InputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'InputError';
  }
}
