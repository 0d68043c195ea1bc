import { homedir } from 'node:os';
import * as path from 'node:path';

/**
 * The command line's cache folder for saved indexes: `$MIA_INDEX_DIR`, else
 * `$XDG_CACHE_HOME/mia/index`, else `~/.cache/mia/index` (never beside an export).
 */
export function defaultIndexDir(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.MIA_INDEX_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const xdg = env.XDG_CACHE_HOME?.trim();
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache');
  return path.join(base, 'mia', 'index');
}
