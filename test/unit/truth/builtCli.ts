/**
 * The shipped `mia` CLI bundle, built fresh for a test: the same entry point and esbuild options that
 * `npm run build` (esbuild.mjs) uses for dist/cli.js, written to a temporary folder instead of dist/,
 * so the test never runs a stale bundle and never races another build writing dist/.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from '../../support/paths';

/** Bundles src/cli/main.ts as esbuild.mjs does and returns the bundle's path. */
export async function buildCli(dir: string): Promise<string> {
  const outfile = path.join(dir, 'cli.js');
  await build({
    entryPoints: [path.join(repoRoot, 'src', 'cli', 'main.ts')],
    outfile,
    bundle: true,
    sourcemap: true,
    minify: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'silent',
  });
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
