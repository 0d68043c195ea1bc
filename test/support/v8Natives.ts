import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

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

/**
 * V8's `gc` for this process, fetched once (a call of src/cli/collectGarbage makes a new context,
 * which lands on the heap a test may be measuring).
 */
export function exposedGc(): () => void {
  setFlagsFromString('--expose-gc');
  // The flag puts `gc` on contexts made from now on.
  return runInNewContext('gc') as () => void;
}
