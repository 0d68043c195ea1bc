import type { ByteSource } from '../byteSource';

/** Every export container the engine recognises (spec §3). */
export type ContainerKind =
  | 'purview-csv-classic'
  | 'purview-csv-new'
  | 'unified-audit-log-csv'
  | 'graph-audit-json'
  | 'graph-audit-csv'
  | 'powershell-json'
  | 'json-lines'
  | 'defender-cloudappevents-json'
  | 'defender-cloudappevents-csv'
  | 'sentinel-officeactivity-csv'
  | 'sentinel-officeactivity-json';

/** Text encodings the readers accept. */
export type TextEncoding = 'utf-8' | 'utf-16le';

/**
 * One row (CSV row, JSON element, JSON line) of an export, as the container reader hands it on.
 * Exactly one of `audit`, `canonical` and `error` is set.
 */
export interface SourceRow {
  /** 1-based line number of the row's first line in the file. */
  line: number;
  /** Byte offset of the row's first byte in the file (after the BOM counts as part of the file). */
  offset: number;
  /** Byte length of the row, so that `ContainerReader.reparse(offset, length)` can re-read it. */
  length: number;
  /** The AuditData object (already unwrapped from the container and JSON-parsed). */
  audit?: Record<string, unknown>;
  /**
   * Set instead of `audit` when `ReadOptions.pickAudit` picked the AuditData from the bytes: the
   * object `canonicalAudit(audit)` would give.
   */
  canonical?: Record<string, unknown>;
  /** Container-level fields that stand beside AuditData (never trusted over AuditData itself). */
  envelope?: RowEnvelope;
  /** Why the row could not be read, in words a person understands (no line number: that is `line`). */
  error?: string;
}

/** Container-level fields of a row, kept for diagnostics and for rows whose AuditData lacks them. */
export interface RowEnvelope {
  /** Operation named by the container (`Operations`, `operation`, `ActionType`). */
  operation?: string;
  /** Record id named by the container (`Identity`, `RecordId`, `id`, `OfficeId`). */
  recordId?: string;
  /** The container's own time text (`CreationDate`, `createdDateTime`, `Timestamp`, `TimeGenerated`). */
  time?: string;
}

/** Progress of a streaming read: bytes consumed so far of the total. */
export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
}

/** Options for reading a container. */
export interface ReadOptions {
  /** Stop early; the iterator ends without error. */
  signal?: AbortSignal;
  /** Called at most a few times a second. */
  onProgress?: (progress: ReadProgress) => void;
  /** Receives every byte of the file exactly once, in order (lets the caller hash it in the same pass). */
  onBytes?: (chunk: Uint8Array) => void;
  /**
   * Reads only the rows that start in one range of the file (see `ContainerReader.splitPoints`);
   * their `line` then counts from 1 at `range.from`. `onBytes` sees the bytes read, not the file.
   */
  range?: ReadRange;
  /**
   * Fast path for AuditData held as UTF-8 JSON text (a CSV cell, a JSON line): tried on the bytes
   * before the full parse; when it answers, the row carries its answer as `canonical` (and no
   * `audit`); when it returns undefined the row is parsed as usual. See `AuditPicker`.
   */
  pickAudit?: AuditPicker;
  /**
   * `pickAudit` for a quoted CSV AuditData cell whose end is not known yet (see `AuditCellPicker`):
   * lets the CSV reader find the cell's end while picking it, instead of scanning its quotes first.
   * Used only together with `pickAudit`.
   */
  pickAuditCell?: AuditCellPicker;
}

/**
 * Reads the AuditData of a quoted CSV cell (every `"` written `""`) whose content starts at `start`
 * of a buffer holding bytes up to `limit`, and finds the cell's closing quote while doing so; or
 * returns undefined when the usual scan and parse must decide. When it answers, `close` is the index
 * of the quote the CSV scanner would take as the cell's end, and `canonical` is what `AuditPicker`
 * gives for `[start, close)` (the answer may be one object reused from call to call).
 */
export type AuditCellPicker = (
  bytes: Buffer,
  start: number,
  limit: number,
) => { canonical: Record<string, unknown>; close: number } | undefined;

/**
 * Reads AuditData straight from the bytes `[start, end)` of a buffer, or returns undefined when the
 * full parse must decide (it must never answer where that parse would differ or fail).
 * `doubledQuotes`: the bytes are the content of a quoted CSV cell (each `"` written `""`);
 * `element`: the bytes are a whole JSON line, which may be a wrapper rather than AuditData itself.
 */
export type AuditPicker = (
  bytes: Buffer,
  start: number,
  end: number,
  doubledQuotes: boolean,
  element: boolean,
) => Record<string, unknown> | undefined;

/**
 * A part of a file read on its own (in parallel with the others). `from` must be a record boundary
 * that `splitPoints` returned. The reader sets `reached` when it stops: where the row after the
 * range's last row starts, and that row's line counted from `from`. When `reached` equals the next
 * range's `from`, reading the ranges one after another gives exactly the rows of one whole pass.
 */
export interface ReadRange {
  from: number;
  /** Rows starting at or after this offset belong to the next range. */
  to: number;
  reached?: { offset: number; line: number };
}

/** An opened export: its detected container and a stream of its rows. */
export interface ContainerReader {
  readonly kind: ContainerKind;
  readonly encoding: TextEncoding;
  readonly source: ByteSource;
  /** Streams every row once, in file order, holding at most a chunk of the file in memory. */
  rows(options?: ReadOptions): AsyncIterable<SourceRow>;
  /**
   * Re-reads one row from disk by the offset and length a previous `rows()` pass reported and
   * returns it parsed again (used to show a record's raw AuditData without keeping it in memory).
   */
  reparse(offset: number, length: number): Promise<SourceRow>;
  /**
   * Offsets where up to `count` ranges of roughly equal size start, each at the start of a record,
   * followed by the file size (so range i is `[points[i], points[i + 1])`). Only containers with a
   * record per line (or per CSV record) have it; a point found inside a multi-line record is caught
   * by `ReadRange.reached` and the caller reads on from there instead. With `head`, the first range
   * is a short one of about `head` bytes (the rest are split as before).
   */
  splitPoints?(count: number, head?: number): Promise<number[]>;
  /**
   * Told where a row starts when the rows were read by another reader (a worker's), so that
   * `reparse` counts lines from a nearby point rather than from the start of the file.
   */
  noteLine?(offset: number, line: number): void;
}

/** Thrown by `openContainer` for a file the engine does not recognise; the message names the file. */
export class UnrecognisedExportError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: not a recognised MailItemsAccessed export (${detail})`);
    this.name = 'UnrecognisedExportError';
  }
}
