import { createHash } from 'node:crypto';
import type { ByteSource } from '../../byteSource';
import { ByteWindow, drainWindow, readExactly } from '../../text/byteWindow';
import { sniffTextLayout } from '../../text/encoding';
import { CR, LF, OPEN_BRACE, OPEN_BRACKET, SPACE, TAB, unitAt } from '../../text/units';
import type { MetadataFormat, MetadataSourceStats } from '../enrichTypes';
import { readCsvMetadata } from './csvMetadataReader';
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
 * BOM, UTF-16LE with or without BOM, by the NUL pattern) and the format (JSON when it starts with
 * `{` or `[`, else a CSV header), gathers its rows and hashes every byte (SHA-256). `sourceIndex` is
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
  }
  options.signal?.throwIfAborted();
  const messages = collector.finish();
  return {
    messages,
    stats: {
      path: source.path,
      sha256: hash.digest('hex'),
      format,
      encoding: layout.encoding,
      bom: layout.bomLength > 0,
      sizeBytes: size,
      rows: collector.rows,
      messages: messages.size,
      rejected: collector.rejected,
      warnings: collector.warnings,
      warningCount: collector.warningCount,
      dateOrder: collector.dateOrder,
    },
  };
}
