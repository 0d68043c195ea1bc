import { createHash } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { decodeIndex } from './decodeIndex';
import { encodeIndexInSlices } from './encodeIndex';
import { INDEX_FORMAT_VERSION } from './indexFormat';
import { readIndexFile } from './readIndexFile';
import type { SavedRead } from './savedRead';

/** Where saved indexes live and how much room they may take. */
export interface SavedIndexOptions {
  /** Cache folder (created when missing). Never the export's own folder: evidence is read-only. */
  dir: string;
  /**
   * Total size of the saved indexes above which the least recently used are removed (default
   * 2 GiB). The index just written is always kept.
   */
  maxBytes?: number;
}

/** The identity of one version of an export file: a saved index is valid for exactly this. */
export interface FileIdentity {
  /** Absolute path. */
  path: string;
  size: number;
  mtimeMs: number;
}

/** Saved index files end with this (the cache folder may hold other things: they are left alone). */
export const INDEX_SUFFIX = '.miaidx';
const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

/** Identity of a file now (absolute path, size, modification time). */
export async function fileIdentity(file: string): Promise<FileIdentity> {
  const absolute = path.resolve(file);
  const s = await stat(absolute);
  return { path: absolute, size: s.size, mtimeMs: s.mtimeMs };
}

/** True when both describe the same version of the same file. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * The cache file of one version of an export: a hash of its absolute path, size, modification
 * time and the format version, so a changed file or a new engine never finds an old index.
 */
export function indexFileFor(options: SavedIndexOptions, id: FileIdentity): string {
  const key = JSON.stringify([INDEX_FORMAT_VERSION, id.path, id.size, id.mtimeMs]);
  const name = createHash('sha256').update(key).digest('hex').slice(0, 40);
  return path.join(options.dir, name + INDEX_SUFFIX);
}

/**
 * The saved read of this file version, or undefined when there is none or it cannot be used
 * (missing, truncated, corrupt, another version: a bad one is removed so it is rebuilt). Never
 * throws.
 */
export async function loadSavedIndex(
  options: SavedIndexOptions,
  id: FileIdentity,
  sourceIndex: number,
): Promise<SavedRead | undefined> {
  const file = indexFileFor(options, id);
  let content: { bytes: Buffer; crc: number };
  try {
    content = await readIndexFile(file);
  } catch {
    return undefined;
  }
  try {
    const read = decodeIndex(content.bytes, sourceIndex, content.crc);
    // Least recently used eviction goes by the index file's modification time: a hit renews it.
    const now = new Date();
    void utimes(file, now, now).catch(() => undefined);
    return read;
  } catch {
    await unlink(file).catch(() => undefined);
    return undefined;
  }
}

/**
 * Writes the saved read of this file version atomically (a temporary file renamed into place, so
 * a reader never sees half an index), then trims the cache to `maxBytes`. Rejects on failure; the
 * caller ignores it (a cache that cannot be written never breaks loading).
 */
export async function saveIndex(
  options: SavedIndexOptions,
  id: FileIdentity,
  read: SavedRead,
  /** Sets `read.stats.sha256` when the file is still being hashed (awaited once the records are encoded). */
  hashed?: () => Promise<void>,
): Promise<string> {
  const file = indexFileFor(options, id);
  if (path.dirname(path.resolve(file)) === path.dirname(id.path))
    throw new Error('the index folder is the export folder: evidence is never written');
  await mkdir(options.dir, { recursive: true });
  const parts = await encodeIndexInSlices(read, undefined, hashed);
  const temp = `${file}.${process.pid}.${Date.now().toString(36)}.tmp`;
  const handle = await open(temp, 'wx');
  try {
    for (const part of parts) {
      for (let done = 0; done < part.length;) {
        const { bytesWritten } = await handle.write(part, done, part.length - done);
        done += bytesWritten;
      }
    }
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await trimCache(options, file);
  return file;
}

/** Removes the least recently used indexes until the total fits `maxBytes` (keeping `keep`). */
export async function trimCache(options: SavedIndexOptions, keep?: string): Promise<void> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const entries: { file: string; size: number; used: number }[] = [];
  for (const name of await readdir(options.dir)) {
    const file = path.join(options.dir, name);
    const s = await stat(file).catch(() => undefined);
    // A temporary file left by a process that stopped while writing (an hour is ample to finish).
    if (name.endsWith('.tmp') && name.includes(INDEX_SUFFIX) && s && Date.now() - s.mtimeMs > 3600_000)
      await unlink(file).catch(() => undefined);
    if (!name.endsWith(INDEX_SUFFIX)) continue;
    if (s?.isFile()) entries.push({ file, size: s.size, used: s.mtimeMs });
  }
  let total = entries.reduce((n, e) => n + e.size, 0);
  entries.sort((a, b) => a.used - b.used);
  for (const e of entries) {
    if (total <= max) break;
    if (e.file === keep) continue;
    await unlink(e.file).catch(() => undefined);
    total -= e.size;
  }
}
