import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parseCommand } from './args';
import { EXIT_FAILURE, failureText } from './exitStatus';
// Types only (erased from the bundle): main.ts imports this module's functions.
import type { CliIo } from './main';
import type { ProgressStream } from './progress';
import { stdoutFile } from './stdoutFile';

/**
 * Young generation of the thread that runs a report to a file. The load keeps nearly every object
 * it makes (records, messages, their ids), and V8 grows a thread's young generation to its maximum
 * when most objects survive: 32 MB in the process's main thread, held to the end, a ninth of the
 * process's peak. A worker's can be capped; the main thread's cannot (only `node
 * --max-semi-space-size` sets it). 300,000 records of JSON Lines, 3 runs each: peak 247–256 MiB at
 * 12 MB, 248–255 at 8 MB (a little more CPU), 267–272 at 16 MB, 270–279 in the main thread.
 */
export const REPORT_YOUNG_GENERATION_MB = 12;

/** What the main thread hands the worker. */
interface CliWorkerData {
  miaCliArgv: string[];
  stderrIsTTY: boolean;
  stderrColumns: number | undefined;
}

/** What the worker posts back: its output, in order, then its exit status. */
type FromWorker = { stdout: string } | { stderr: string } | { status: number };

/** `mia`'s entry as the worker runs it: `CliIo` with the signal it always has, no test hooks. */
type Run = (
  argv: readonly string[],
  io: Pick<CliIo, 'stdout' | 'stderr' | 'stdoutFile'> & { signal: AbortSignal },
) => Promise<number>;

/**
 * Whether `mia` runs this command in a worker thread (`runInCliWorker`): a scope report written to
 * a file (the large case: its memory is what the cap saves), by `--out` or by standard output
 * redirected to a regular file (`stdoutIsFile`: the worker writes it there itself). Help, version,
 * usage errors and reports to a terminal or a pipe stay in the main thread (their output straight
 * to the process's streams).
 */
export function runsInWorker(argv: readonly string[], stdoutIsFile = stdoutFile() !== undefined): boolean {
  try {
    const command = parseCommand(argv);
    if (command.kind !== 'scope') return false;
    return command.out !== undefined || stdoutIsFile;
  } catch {
    return false;
  }
}

/**
 * Runs `script` (the CLI's own bundle) in a worker thread with a small young generation, where it
 * runs `runAsCliWorker`; relays its output to `io` (this process's streams) and `signal` to it.
 * Resolves with its exit status.
 */
export function runInCliWorker(
  script: string,
  argv: readonly string[],
  signal: AbortSignal,
  io: Pick<CliIo, 'stdout' | 'stderr'> = process,
): Promise<number> {
  const data: CliWorkerData = {
    miaCliArgv: [...argv],
    stderrIsTTY: io.stderr.isTTY === true,
    stderrColumns: io.stderr.columns,
  };
  return new Promise((resolve) => {
    const worker = new Worker(script, {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: REPORT_YOUNG_GENERATION_MB },
    });
    let status = EXIT_FAILURE;
    worker.on('message', (m: FromWorker) => {
      if ('stdout' in m) io.stdout.write(m.stdout);
      else if ('stderr' in m) io.stderr.write(m.stderr);
      else status = m.status;
    });
    worker.on('error', (err) => {
      io.stderr.write(`mia: ${failureText(err)}\n`);
      status = EXIT_FAILURE;
    });
    const abort = (): void => worker.postMessage('abort');
    signal.addEventListener('abort', abort, { once: true });
    worker.on('exit', () => {
      signal.removeEventListener('abort', abort);
      resolve(status);
    });
  });
}

/** True in the worker thread `runInCliWorker` started. */
export function isCliWorker(): boolean {
  return !isMainThread && (workerData as Partial<CliWorkerData> | null)?.miaCliArgv !== undefined;
}

/**
 * The worker's side: runs `run` with the main thread's arguments, its output posted to the main
 * thread (in order, before the status), its cancellation from there. The thread ends when done.
 */
export async function runAsCliWorker(run: Run): Promise<void> {
  const port = parentPort;
  if (port === null) return;
  const data = workerData as CliWorkerData;
  const controller = new AbortController();
  const onMessage = (m: unknown): void => {
    if (m === 'abort') controller.abort();
  };
  port.on('message', onMessage);
  const post = (m: FromWorker): void => port.postMessage(m);
  const stderr: ProgressStream = {
    write: (text: string) => post({ stderr: text }),
    isTTY: data.stderrIsTTY,
    columns: data.stderrColumns,
  };
  let status: number;
  try {
    status = await run(data.miaCliArgv, {
      stdout: { write: (text: string) => post({ stdout: text }) },
      stderr,
      signal: controller.signal,
      // The process's descriptors are this thread's too: a report goes straight to the file.
      stdoutFile: stdoutFile(),
    });
  } catch (err) {
    stderr.write(`mia: ${failureText(err)}\n`);
    status = EXIT_FAILURE;
  }
  post({ status });
  // Nothing else keeps the thread: it ends, and the main thread's process with it.
  port.off('message', onMessage);
}
