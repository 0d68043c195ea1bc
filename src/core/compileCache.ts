import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';

/**
 * The folder of the bundles' compiled code: `$XDG_CACHE_HOME/mia/compile`, else
 * `~/.cache/mia/compile` (beside the saved indexes); none when `MIA_COMPILE_CACHE` is `off`.
 */
export function defaultCompileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.MIA_COMPILE_CACHE?.trim().toLowerCase() === 'off') return undefined;
  const xdg = env.XDG_CACHE_HOME?.trim();
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(homedir(), '.cache');
  return path.join(base, 'mia', 'compile');
}

/** Internals of `Module` a loader needs to place a module as `require` would. */
interface ModuleInternals {
  wrap(source: string): string;
  _nodeModulePaths(dir: string): string[];
}

/**
 * Loads the CommonJS bundle `file` as `require` would (its own `module`, `require`, `__dirname`)
 * and returns its exports, its code compiled with V8's code cache kept in `cacheDir`. Compiling a
 * bundle of a few MB took the CLI about 110 ms of every start (and each ingestion worker about
 * 50 ms), before anything else could run; from the cache it takes about a third of that. The cache
 * file is named by the bundle's path, size and time and by the Node version, and V8 checks it
 * again (a cache it rejects, or none, is written afresh, replacing the bundle's older ones).
 * Nothing goes wrong without a cache: an unreadable or unwritable folder only means compiling.
 */
export function requireWithCompileCache(
  file: string,
  cacheDir: string | undefined = defaultCompileCacheDir(),
): unknown {
  let source = readFileSync(file, 'utf8');
  // A shebang line is kept as a comment, so that lines keep their numbers.
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  const cache = cacheDir === undefined ? undefined : cacheFileOf(file, cacheDir);
  const cachedData = cache === undefined ? undefined : readOrNothing(cache.file);
  const internals = Module as unknown as ModuleInternals;
  const script = new Script(internals.wrap(source), { filename: file, cachedData });
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected === true))
    save(cache, script.createCachedData());
  const dir = path.dirname(file);
  const loaded = new Module(file);
  loaded.filename = file;
  loaded.paths = internals._nodeModulePaths(dir);
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(loaded.exports, loaded.exports, createRequire(file), loaded, file, dir);
  loaded.loaded = true;
  return loaded.exports;
}

interface CacheFile {
  dir: string;
  /** Name prefix of every cache file of the bundle (its path's hash). */
  prefix: string;
  file: string;
}

function cacheFileOf(file: string, dir: string): CacheFile | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
    const prefix = `${path.basename(file, '.js')}-${digest(path.resolve(file))}-`;
    const version = digest(`${size}\0${mtimeMs}\0${process.version}\0${process.arch}`);
    return { dir, prefix, file: path.join(dir, `${prefix}${version}.bin`) };
  } catch {
    return undefined;
  }
}

function readOrNothing(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache (whole or not at all: another process may read it meanwhile), dropping older ones. */
function save(cache: CacheFile, data: Buffer): void {
  try {
    mkdirSync(cache.dir, { recursive: true });
    for (const name of readdirSync(cache.dir))
      if (name.startsWith(cache.prefix) && name.endsWith('.bin'))
        rmSync(path.join(cache.dir, name), { force: true });
    const partial = `${cache.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, data);
    renameSync(partial, cache.file);
  } catch {
    // No cache this time: the next start compiles again.
  }
}
