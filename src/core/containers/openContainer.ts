import type { ByteSource } from '../byteSource';
import { CsvReader } from './csvReader';
import { detectContainer } from './detect';
import { JsonReader } from './jsonReader';
import { DEFAULT_TUNING, type ReaderTuning } from './readerTuning';
import type { ContainerReader } from './types';

/** Options of `openContainer`; the defaults suit real exports, tests shrink them. */
export type OpenOptions = Partial<ReaderTuning>;

/**
 * Opens an export: detects its container from its first bytes (spec §3; never from the file name)
 * and returns a streaming reader of its rows. Supports UTF-8 with or without BOM and UTF-16LE with
 * BOM (or without, recognised by its NUL bytes), CRLF or LF.
 *
 * An empty file (no bytes, or only a BOM and whitespace) is not an error: it opens as `json-lines`
 * and yields no rows.
 *
 * @throws UnrecognisedExportError naming the file and the containers expected, for anything else.
 */
export async function openContainer(source: ByteSource, options: OpenOptions = {}): Promise<ContainerReader> {
  const tuning: ReaderTuning = {
    chunkSize: Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_TUNING.chunkSize)),
    maxRecordBytes: Math.max(1, Math.floor(options.maxRecordBytes ?? DEFAULT_TUNING.maxRecordBytes)),
  };
  const size = await source.size();
  const detection = await detectContainer(source, size, tuning);
  if ('csv' in detection) return new CsvReader(source, size, detection.layout, detection.csv, tuning);
  return new JsonReader(detection.kind, source, size, detection.layout, detection.json, tuning);
}
