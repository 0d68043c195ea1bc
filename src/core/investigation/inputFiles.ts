import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { InputError } from './types';

/** A file to read: named on the command line (explicit) or found inside a named folder. */
export interface InputFile {
  path: string;
  size: number;
  /** True when the user named this file; false when it was found in a folder. */
  explicit: boolean;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

async function walk(dir: string, out: InputFile[], seenDirs: Set<string>): Promise<void> {
  const real = await realpath(dir);
  // A symbolic link back to a parent would otherwise loop forever.
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  const names = (await readdir(dir)).sort(byName);
  for (const name of names) {
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => undefined);
    if (!info) continue;
    if (info.isDirectory()) await walk(full, out, seenDirs);
    else if (info.isFile()) out.push({ path: full, size: info.size, explicit: false });
  }
}

/**
 * Expands the named files and folders into the files to read, in a deterministic order: named
 * paths in the order given, each folder's files recursively in name order. A path named twice (or
 * a file also found in a named folder) is read once. Throws InputError for a named path that does
 * not exist or cannot be read.
 */
export async function expandInputs(inputs: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seenDirs = new Set<string>();
  for (const input of inputs) {
    const full = path.resolve(input);
    let info;
    try {
      info = await stat(full);
    } catch (err) {
      throw new InputError(full, why(err));
    }
    if (info.isDirectory()) {
      try {
        await walk(full, out, seenDirs);
      } catch (err) {
        throw new InputError(full, why(err));
      }
    } else if (info.isFile()) {
      out.push({ path: full, size: info.size, explicit: true });
    } else {
      throw new InputError(full, 'not a file or folder');
    }
  }
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}
