import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const PACKAGE_NAME = 'mailitemsaccessed-investigator';

/**
 * The package version, read from the package.json above this file (dist/cli.js in the bundle,
 * out/src/cli/version.js when compiled for tests), so it never drifts from the manifest.
 */
export function packageVersion(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === PACKAGE_NAME && pkg.version) return pkg.version;
      } catch {
        // Not ours or unreadable: keep looking upwards.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
