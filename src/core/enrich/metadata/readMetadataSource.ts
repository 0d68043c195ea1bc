import { createHash } from 'node:crypto';
import type { ByteSource } from '../../byteSource';
import { ByteWindow, drainWindow, readExactly } from '../../text/byteWindow';
import { memoryByteSource } from '../../byteSource';
import { sniffTextLayout, type TextLayout } from '../../text/encoding';
import { CR, LF, OPEN_BRACE, OPEN_BRACKET, SPACE, TAB, unitAt } from '../../text/units';
import type { MetadataFormat, MetadataSourceStats } from '../enrichTypes';
import { readCsvMetadata } from './csvMetadataReader';
import { readDatMetadata } from './datMetadataReader';
import { decodeWindows1252 } from './windows1252';
import { readJsonMetadata } from './jsonMetadataReader';
import { MetadataCollector, type LineProblem, type MessageMetadataRecord } from './metadataCollector';
import { MetadataFileError } from './metadataErrors';
import type { DateOrder } from './metadataValues';

/** How a metadata file is read. */
export interface MetadataReadOptions {
  signal?: AbortSignal;
  /** Bytes per read (default 4 MiB). */
  chunkSize?: number;
  /** Longest row or JSON element accepted (default 16 MiB). */
  maxRecordBytes?: number;
}

/** A metadata source as read, with the fields this reader adds to MetadataSourceStats. */
export interface MetadataSourceInfo extends MetadataSourceStats {
  /** Values that could not be read in rows that were kept (first 200; `warningCount` counts all). */
  warnings: LineProblem[];
  warningCount: number;
  /** The file starts with a byte-order mark. */
  bom: boolean;
  /** Day/month order used for the file's numeric dates, when it has any. */
  dateOrder?: DateOrder;
}

/** One source read: its statistics and one record per message id it names. */
export interface MetadataSourceRead {
  stats: MetadataSourceInfo;
  messages: Map<string, MessageMetadataRecord>;
}

/**
 * Reads one metadata file in a single streaming pass: detects the encoding (UTF-8 with or without
 * BOM, UTF-16LE with or without BOM, by the NUL pattern; a BOM-less file that is not valid UTF-8 is
 * Windows-1252, as spreadsheets save CSV, and is decoded in memory) and the format (JSON when it
 * starts with `{` or `[`, a Concordance DAT load file when its first line holds DC4 delimiters —
 * read in memory —, else a CSV header), gathers its rows and hashes every byte (SHA-256). `sourceIndex` is
 * written into each row's origin. Throws MetadataFileError when the file is empty, unreadable, or
 * not a known format; rows that cannot be read are rejected with their line, the rest are kept.
 */
export async function readMetadataSource(
  source: ByteSource,
  sourceIndex: number,
  options: MetadataReadOptions = {},
): Promise<MetadataSourceRead> {
  let size: number;
  let head: Buffer;
  try {
    size = await source.size();
    head = await readExactly(source, 0, Math.min(size, 4096));
  } catch (err) {
    throw new MetadataFileError(source.path, `cannot be read: ${(err as Error).message}`);
  }
  if (size === 0) throw new MetadataFileError(source.path, 'the file is empty');
  const sniff = sniffTextLayout(head);
  if ('unsupported' in sniff) throw new MetadataFileError(source.path, sniff.unsupported);
  const layout = sniff.layout;
  const w = layout.unitWidth;
  let first = -1;
  for (let i = layout.bomLength; i + w <= head.length; i += w) {
    const c = unitAt(head, i, w);
    if (c !== SPACE && c !== TAB && c !== CR && c !== LF) {
      first = c;
      break;
    }
  }
  if (first < 0 && size <= head.length) throw new MetadataFileError(source.path, 'the file holds no data');
  if (isConcordanceDat(head, layout.bomLength, w))
    return readDatSource(source, sourceIndex, size, layout, options);
  if (
    layout.encoding === 'utf-8' &&
    layout.bomLength === 0 &&
    !(await isUtf8(source, size, options.signal))
  ) {
    // Not UTF-8 and no BOM: a spreadsheet saved it in the Windows ANSI code page (Excel's "CSV").
    return readWindows1252(source, sourceIndex, size, options);
  }

  const hash = createHash('sha256');
  const maxRecordBytes = options.maxRecordBytes ?? 16 << 20;
  const win = new ByteWindow(source, {
    chunkSize: options.chunkSize ?? 4 << 20,
    unitWidth: w,
    size,
    signal: options.signal,
    onBytes: (chunk) => hash.update(chunk),
  });
  const collector = new MetadataCollector(sourceIndex);
  let format: MetadataFormat;
  try {
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      await readJsonMetadata(win, layout.bomLength, w, source.path, collector, maxRecordBytes);
      format = 'graph-messages';
    } else {
      format = await readCsvMetadata(win, layout.bomLength, w, source.path, collector, maxRecordBytes);
    }
    await drainWindow(win);
  } catch (err) {
    if (err instanceof MetadataFileError) throw err;
    throw new MetadataFileError(source.path, `cannot be read: ${(err as Error).message}`);
  } finally {
    win.release();
  }
  options.signal?.throwIfAborted();
  return finishedRead(collector, {
    path: source.path,
    sha256: hash.digest('hex'),
    format,
    encoding: layout.encoding,
    bom: layout.bomLength > 0,
    sizeBytes: size,
  });
}

const CHECK_CHUNK = 4 << 20;
const DC4 = 0x14;

/** The first line (in the sniffed head) holds a DC4 field delimiter: a Concordance DAT file. */
function isConcordanceDat(head: Buffer, start: number, w: 1 | 2): boolean {
  for (let i = start; i + w <= head.length; i += w) {
    const c = unitAt(head, i, w);
    if (c === LF) return false;
    if (c === DC4) return true;
  }
  return false;
}

/** Whether every byte of the source is well-formed UTF-8 (streamed; stops at the first error). */
async function isUtf8(source: ByteSource, size: number, signal?: AbortSignal): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = 0; at < size; at += CHECK_CHUNK) {
      signal?.throwIfAborted();
      decoder.decode(await source.read(at, Math.min(CHECK_CHUNK, size - at)), { stream: true });
    }
    decoder.decode();
    return true;
  } catch (err) {
    if (err instanceof TypeError) return false;
    throw err;
  }
}

/** Every byte of the source, read in chunks. */
async function readAll(source: ByteSource, size: number, signal?: AbortSignal): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < size; at += CHECK_CHUNK) {
    signal?.throwIfAborted();
    parts.push(await source.read(at, Math.min(CHECK_CHUNK, size - at)));
  }
  return Buffer.concat(parts);
}

/**
 * A Windows-1252 file: decoded in memory, read as its UTF-8 transcoding (same lines), and listed
 * with the SHA-256 and size of the original bytes and encoding `windows-1252`.
 */
async function readWindows1252(
  source: ByteSource,
  sourceIndex: number,
  size: number,
  options: MetadataReadOptions,
): Promise<MetadataSourceRead> {
  const bytes = await readAll(source, size, options.signal);
  const text = decodeWindows1252(bytes);
  const read = await readMetadataSource(
    memoryByteSource(source.path, Buffer.from(text, 'utf8')),
    sourceIndex,
    options,
  );
  read.stats.sha256 = createHash('sha256').update(bytes).digest('hex');
  read.stats.sizeBytes = size;
  read.stats.encoding = 'windows-1252';
  return read;
}

/**
 * An eDiscovery (Premium) Concordance DAT load file: read whole, decoded as UTF-16LE or UTF-8 (as
 * sniffed; Windows-1252 when it is not valid UTF-8), then parsed by `readDatMetadata`.
 */
async function readDatSource(
  source: ByteSource,
  sourceIndex: number,
  size: number,
  layout: TextLayout,
  options: MetadataReadOptions,
): Promise<MetadataSourceRead> {
  const bytes = await readAll(source, size, options.signal);
  const body = bytes.subarray(layout.bomLength);
  let encoding: string = layout.encoding;
  let text: string;
  if (layout.encoding === 'utf-16le') text = body.toString('utf16le');
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = decodeWindows1252(body);
      encoding = 'windows-1252';
    }
  }
  const collector = new MetadataCollector(sourceIndex);
  const format = readDatMetadata(text, source.path, collector);
  return finishedRead(collector, {
    path: source.path,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format,
    encoding,
    bom: layout.bomLength > 0,
    sizeBytes: size,
  });
}

/** The messages a collector gathered and the source's statistics (file facts plus its counts). */
function finishedRead(
  collector: MetadataCollector,
  file: Pick<MetadataSourceInfo, 'path' | 'sha256' | 'format' | 'encoding' | 'bom' | 'sizeBytes'>,
): MetadataSourceRead {
  const messages = collector.finish();
  return {
    messages,
    stats: {
      ...file,
      rows: collector.rows,
      messages: messages.size,
      rejected: collector.rejected,
      warnings: collector.warnings,
      warningCount: collector.warningCount,
      dateOrder: collector.dateOrder,
    },
  };
}
