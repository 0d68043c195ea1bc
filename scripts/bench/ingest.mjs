// Loading through the engine API (compiled out/ tree) as the extension host does: wall time, the
// longest stall of the caller's event loop while the file is read in worker threads, heap per record.
// Not a test: figures only. Usage: node --expose-gc ingest.mjs <export> <result.json> [workers]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = new URL('../../out/src/', import.meta.url).pathname;
const { Investigation } = require(`${root}core/investigation/investigation.js`);
const [file, out, workersArg] = process.argv.slice(2);
const ingest = workersArg === undefined ? {} : { workers: Number(workersArg) };

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
// A 5 ms heartbeat: the largest gap between two beats is the longest stall the caller saw.
let last = performance.now();
let longest = 0;
const beat = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 5);
const started = performance.now();
const investigation = new Investigation();
await investigation.addPaths([file], { ingest });
const loadMs = performance.now() - started;
clearInterval(beat);
delay.disable();
global.gc?.();
const heap = process.memoryUsage().heapUsed - heapBefore;
const records = investigation.records.length;
writeFileSync(
  out,
  JSON.stringify({
    workers: ingest.workers ?? 'default',
    loadMs,
    records,
    longestStallMs: longest,
    p99StallMs: delay.percentile(99) / 1e6,
    heapMB: heap / 1e6,
    heapBytesPerRecord: heap / records,
  }),
);
