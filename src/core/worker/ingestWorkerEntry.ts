/**
 * The ingestion worker's script in dist/ (dist/ingestWorker.js): loads the worker bundle
 * (dist/ingestWorkerMain.js, built from ingestWorker.ts) with its compiled code cached (see
 * compileCache.ts); the bundle then waits for jobs. Compiled by tsc, ingestWorker.js is the worker
 * itself and this file is not used.
 */
import * as path from 'node:path';
import { requireWithCompileCache } from '../compileCache';

requireWithCompileCache(path.join(__dirname, 'ingestWorkerMain.js'));
