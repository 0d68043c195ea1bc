import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTracked } from './processes';

/** Whether an executable is on PATH. */
export function onPath(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir !== '' && isExecutable(path.join(dir, command)));
}

/** Whether a file exists and is executable by this user. */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Installs Debian packages when running as root with apt-get (CI, containers); otherwise fails
 * with the exact command a person has to run.
 */
export async function installDebianPackages(
  packages: readonly string[],
  why: string,
  log: (line: string) => void,
): Promise<void> {
  if (packages.length === 0) return;
  const command = `apt-get install -y ${packages.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    throw new Error(
      `The VS Code test harness needs ${packages.join(', ')} (${why}).\n` +
        `Install ${packages.length === 1 ? 'it' : 'them'} and run again, e.g. on Debian/Ubuntu:\n` +
        `  sudo apt-get update && sudo ${command}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`[harness] apt-get update && ${command}   (${why})`);
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...packages],
  ]) {
    const result = await runTracked('apt-get', args, { env });
    if (result.code !== 0) {
      throw new Error(
        `apt-get ${args.join(' ')} failed (exit ${result.code}):\n${result.output.slice(-4000)}`,
      );
    }
  }
}
