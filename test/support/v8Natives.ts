import { execFileSync } from 'node:child_process';

/**
 * What `script` writes to standard output, parsed as JSON, run in a child node with V8's natives
 * syntax: object layouts (`%HaveSameMap`, `%HasFastProperties`) are seen only through it, and the
 * test process itself must not run with it.
 */
export function inNodeWithNatives<T>(script: string): T {
  return JSON.parse(
    execFileSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' }),
  ) as T;
}
