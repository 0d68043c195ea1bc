/**
 * The shipped `mia` CLI bundle, built fresh for a test: the same entry point and esbuild options that
 * `npm run build` (esbuild.mjs) uses for dist/cli.js, with exceljs apart in exceljs.js beside it,
 * written to a folder of the test's instead of dist/, so the test never runs a stale bundle and
 * never races another build writing dist/.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { repoRoot } from '../../support/paths';

interface ExcelApartModule {
  excelApartPlugin(): Plugin;
  excelEntryPoint(): string;
}

/** Bundles src/cli/main.ts as esbuild.mjs does (and exceljs beside it); returns the CLI's path. */
export async function buildCli(dir: string): Promise<string> {
  const script = path.join(repoRoot, 'scripts', 'build', 'excelApart.mjs');
  // A computed specifier: compiled to CommonJS, a literal import() of an .mjs would be rewritten.
  const excel = (await import(pathToFileURL(script).href)) as ExcelApartModule;
  const node: BuildOptions = {
    bundle: true,
    sourcemap: true,
    minify: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  };
  const outfile = path.join(dir, 'cli.js');
  await Promise.all([
    build({
      ...node,
      entryPoints: [path.join(repoRoot, 'src', 'cli', 'main.ts')],
      outfile,
      banner: { js: '#!/usr/bin/env node' },
      plugins: [excel.excelApartPlugin()],
    }),
    build({ ...node, entryPoints: [excel.excelEntryPoint()], outfile: path.join(dir, 'exceljs.js') }),
  ]);
  return outfile;
}

/** Runs `node <cli> …args` as a separate process; resolves with its exit code and output. */
export function runCli(
  cli: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
