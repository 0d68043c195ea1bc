import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';

/**
 * The ingestion worker's script, or undefined when there is none (the caller then reads in its own
 * thread). esbuild writes it as dist/ingestWorker.js next to dist/cli.js and dist/extension.js, and
 * tsc as out/src/core/worker/ingestWorker.js next to this module: both sit beside the code running.
 */
export function ingestWorkerFile(): string | undefined {
  return scriptIn(__dirname, 'ingestWorker.js');
}

/**
 * The hashing worker's script (dist/hashWorker.js, out/src/core/worker/hashWorker.js), beside
 * `ingestWorker` when one is named (a load given its worker script finds the hashing one there), or
 * undefined when there is none (the file is then hashed in the caller's thread).
 */
export function hashWorkerFile(ingestWorker?: string): string | undefined {
  return scriptIn(ingestWorker === undefined ? __dirname : path.dirname(ingestWorker), 'hashWorker.js');
}

function scriptIn(dir: string, name: string): string | undefined {
  const file = path.join(dir, name);
  return existsSync(file) ? file : undefined;
}

/** Parsing workers per file: one per core, two to four (a hashing worker runs beside them). */
export function defaultWorkerCount(): number {
  return Math.min(4, Math.max(2, availableParallelism()));
}
