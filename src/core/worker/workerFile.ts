import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';

/**
 * The ingestion worker's script, or undefined when there is none (the caller then reads in its own
 * thread). esbuild writes it as dist/ingestWorker.js next to dist/cli.js and dist/extension.js, and
 * tsc as out/src/core/worker/ingestWorker.js next to this module: both sit beside the code running.
 */
export function ingestWorkerFile(): string | undefined {
  const file = path.join(__dirname, 'ingestWorker.js');
  return existsSync(file) ? file : undefined;
}

/** Parsing workers per file: one per core, two to four (a hashing worker runs beside them). */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}
