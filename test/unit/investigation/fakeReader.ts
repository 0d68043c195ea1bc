import { memoryByteSource, type ByteSource } from '../../../src/core/byteSource';
import type { ContainerReader, ReadOptions, SourceRow } from '../../../src/core/containers/types';
import { UnrecognisedExportError } from '../../../src/core/containers/types';

/**
 * A stand-in for the container readers: JSON Lines of raw AuditData, one object per line. Lines
 * that do not parse become error rows; a file whose first line does not start with `{` is not
 * recognised. Real offsets, lengths and lines, so provenance and `reparse` are exercised for real.
 */
export async function openFakeJsonLines(source: ByteSource): Promise<ContainerReader> {
  const size = await source.size();
  const head = Buffer.from(await source.read(0, Math.min(size, 64))).toString('utf8');
  if (!head.trimStart().startsWith('{'))
    throw new UnrecognisedExportError(source.path, 'expected JSON Lines');
  const parse = (line: number, offset: number, bytes: Uint8Array): SourceRow => {
    const text = Buffer.from(bytes)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    try {
      const audit = JSON.parse(text) as Record<string, unknown>;
      return { line, offset, length: bytes.length, audit };
    } catch {
      return { line, offset, length: bytes.length, error: 'the JSON is cut short or broken' };
    }
  };
  return {
    kind: 'json-lines',
    encoding: 'utf-8',
    source,
    async *rows(options: ReadOptions = {}): AsyncIterable<SourceRow> {
      const all = await source.read(0, size);
      // Hand over the bytes in small chunks, as a streaming reader would.
      for (let i = 0; i < all.length; i += 7) options.onBytes?.(all.subarray(i, i + 7));
      let offset = 0;
      let line = 1;
      while (offset < all.length) {
        if (options.signal?.aborted) return;
        let end = all.indexOf(10, offset);
        end = end < 0 ? all.length : end + 1;
        const bytes = all.subarray(offset, end);
        if (Buffer.from(bytes).toString('utf8').trim() !== '') yield parse(line, offset, bytes);
        options.onProgress?.({ bytesRead: end, totalBytes: size });
        offset = end;
        line++;
      }
    },
    async reparse(offset: number, length: number): Promise<SourceRow> {
      return parse(0, offset, await source.read(offset, length));
    },
  };
}

/** JSON Lines text of AuditData objects. */
export function jsonLines(audits: readonly unknown[]): string {
  return audits.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join('\n') + '\n';
}

/** An in-memory JSON Lines export. */
export function memoryExport(name: string, audits: readonly unknown[]): ByteSource {
  return memoryByteSource(name, jsonLines(audits));
}
