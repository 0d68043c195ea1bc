import { fstatSync, statSync } from 'node:fs';
import type { OpenFile } from '../core/report/writeChunks';

/** Standard output redirected to a regular file (`mia scope … > report.json`), and which file it is. */
export interface StdoutFile extends OpenFile {
  dev: number;
  ino: number;
}

/** Standard output (`fd`) when it is a regular file; undefined for a terminal, a pipe or none. */
export function stdoutFile(fd = 1): StdoutFile | undefined {
  try {
    const s = fstatSync(fd);
    return s.isFile() ? { fd, name: 'standard output', dev: s.dev, ino: s.ino } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` names the file standard output writes to (the same device and inode). */
export function isStdoutFile(file: StdoutFile, path: string): boolean {
  try {
    const s = statSync(path);
    return s.dev === file.dev && s.ino === file.ino;
  } catch {
    return false;
  }
}
