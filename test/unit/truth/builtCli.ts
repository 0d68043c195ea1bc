/**
 * The shipped `mia` CLI bundle, built fresh for a test as `npm run build` builds dist/cli.js (the
 * entry) and dist/cliMain.js (the CLI it loads), with exceljs apart in exceljs.js beside them (see
 * `buildShipped`).
 */
import { spawn } from 'node:child_process';
import { buildShipped } from '../../support/shippedBundles';

/** Bundles the CLI (its entry, itself and exceljs beside them) into `dir`; returns the entry's path. */
export async function buildCli(dir: string): Promise<string> {
  return (await buildShipped(dir, ['cli', 'cliMain', 'exceljs'])).cli;
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
