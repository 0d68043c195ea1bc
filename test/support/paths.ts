import * as path from 'node:path';

/** Repository root, from the compiled location out/test/support/paths.js. */
export const repoRoot = path.resolve(__dirname, '../../..');

/** Absolute path of a committed fixture under test/fixtures. */
export function fixturePath(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...parts);
}
