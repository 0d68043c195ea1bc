import * as fs from 'node:fs';
import * as path from 'node:path';
import { memoryByteSource, type ByteSource } from '../../../src/core/byteSource';
import { openContainer, type OpenOptions } from '../../../src/core/containers/openContainer';
import type { ContainerReader, ReadOptions, SourceRow } from '../../../src/core/containers/types';
import { fixturePath } from '../paths';

/** Bytes of a committed container fixture. */
export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(fixturePath('containers', name));
}

/** Every committed container fixture's name. */
export function fixtureNames(): string[] {
  return fs.readdirSync(fixturePath('containers')).sort();
}

/**
 * A byte source that answers every read with at most `max` bytes (legal only at the end for a real
 * source; the readers must cope anyway), to shake out chunk-boundary bugs.
 */
export function tinyReads(source: ByteSource, max: number): ByteSource {
  return {
    path: source.path,
    size: () => source.size(),
    read: async (offset, length) => source.read(offset, Math.min(length, max)),
    close: () => source.close(),
  };
}

/** Opens bytes in memory under a path (the name never decides the container). */
export function openBytes(
  name: string,
  bytes: Buffer | string,
  options?: OpenOptions,
): Promise<ContainerReader> {
  return openContainer(memoryByteSource(path.join('/evidence', name), bytes), options);
}

/** Every row of a reader, in order. */
export async function readRows(reader: ContainerReader, options?: ReadOptions): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const row of reader.rows(options)) rows.push(row);
  return rows;
}

/** Line (1-based) of `offset` in a file, counted independently of the readers: line feeds before it. */
export function lineOfOffset(bytes: Buffer, offset: number, utf16: boolean): number {
  let line = 1;
  if (utf16) {
    for (let i = 0; i + 1 < offset; i += 2) if (bytes[i] === 0x0a && bytes[i + 1] === 0) line++;
  } else {
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  }
  return line;
}
