/**
 * The Node bundles as esbuild.mjs builds them (scripts/build/nodeBundles.mjs: the same entry points
 * and options), for tests that build one fresh into a folder of their own: they never run a stale
 * bundle from dist/ and never race another build writing there.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { repoRoot } from './paths';

type BundleName = 'extension' | 'cli' | 'cliMain' | 'exceljs' | 'ingestWorker' | 'hashWorker';

interface NodeBundlesModule {
  nodeBundles(this: void, root: string, outDir: string): Record<BundleName, BuildOptions>;
}

/** Builds the named bundles into `dir` (with source maps, quietly); returns their paths by name. */
export async function buildShipped<N extends BundleName>(
  dir: string,
  names: readonly N[],
): Promise<Record<N, string>> {
  const script = path.join(repoRoot, 'scripts', 'build', 'nodeBundles.mjs');
  // A computed specifier: compiled to CommonJS, a literal import() of an .mjs would be rewritten.
  const { nodeBundles } = (await import(pathToFileURL(script).href)) as NodeBundlesModule;
  const bundles = nodeBundles(repoRoot, dir);
  const options = (n: N): BuildOptions => ({ ...bundles[n], sourcemap: true, logLevel: 'silent' });
  await Promise.all(names.map((n) => build(options(n))));
  return Object.fromEntries(names.map((n) => [n, bundles[n].outfile as string])) as Record<N, string>;
}
