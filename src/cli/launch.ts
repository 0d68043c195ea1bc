/**
 * The `mia` process's entry (dist/cli.js): a small script that starts the work at once and loads
 * the CLI itself (dist/cliMain.js, `main.ts`) only where it runs. A report to a file runs in a
 * worker thread (cliWorker.ts), which loads the CLI on its own: the main thread no longer compiles
 * and sets up the whole CLI first (about 45 ms of a run, before the worker could start).
 */
import * as path from 'node:path';
import { runInCliWorker, runsInWorker } from './cliWorker';
import { EXIT_FAILURE, EXIT_OK, failureText } from './exitStatus';
import { serialScavenges } from './serialScavenges';
import { stdoutFile } from './stdoutFile';

/** The CLI's bundle, beside this one (esbuild.mjs builds both). */
const MAIN_SCRIPT = path.join(__dirname, 'cliMain.js');

function run(argv: readonly string[], signal: AbortSignal): Promise<number> {
  const stdoutTarget = stdoutFile();
  // A report to a file runs in a worker thread whose young generation is capped (cliWorker.ts).
  if (runsInWorker(argv, stdoutTarget !== undefined)) return runInCliWorker(MAIN_SCRIPT, argv, signal);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when run here
  const { main } = require(MAIN_SCRIPT) as typeof import('./main');
  return main(argv, { stdout: process.stdout, stderr: process.stderr, signal, stdoutFile: stdoutTarget });
}

// Before any worker thread starts (the flag is read at each collection of every thread).
serialScavenges();
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
// `mia scope … | head` closes the pipe early: that is not a failure worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(EXIT_OK);
});
run(process.argv.slice(2), controller.signal).then(
  (status) => {
    process.exitCode = status;
  },
  (err: unknown) => {
    process.stderr.write(`mia: ${failureText(err)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
