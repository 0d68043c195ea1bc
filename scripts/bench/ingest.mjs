// Loading through the engine API (compiled out/ tree) as the extension host does: wall time, the
// longest stall of the caller's event loop while the file is read in worker threads, heap per record
// once loaded, and the peak memory of the whole process (worker threads included) while loading.
// Not a test: figures only.
// Usage: node --expose-gc ingest.mjs <export> <result.json> [workers]
//        node --expose-gc ingest.mjs --records N <result.json> [workers]
// `--records N` loads the new-format Purview CSV of N records generated (and cached, git-ignored) in
// .cache/bench by the project's generator: 1,100,000 records make a ~2.8 GB file (it takes minutes).
// `--stalls` adds the caller's event-loop stalls over 50 ms with their garbage-collection share
// (stallMonitor.mjs; run node with --cpu-prof to see what ran in the others). `--warm` also builds
// the editor's query index in slices while the file loads and until it is built, as the extension
// host does (`warmMs`: load and index together), then the scope report's per-mailbox analyses in
// slices once the load is done, as the extension does for the active investigation (`reportWarmMs`).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { watchStalls } from './stallMonitor.mjs';

const require = createRequire(import.meta.url);
const repo = path.resolve(import.meta.dirname, '..', '..');
const root = path.join(repo, 'out', 'src');
const { Investigation } = require(path.join(root, 'core', 'investigation', 'investigation.js'));
const { IndexWarmer } = require(path.join(root, 'core', 'query', 'indexWarmer.js'));
const { ScopeAnalysisWarmer } = require(path.join(root, 'core', 'analysis', 'scopeAnalysisWarmer.js'));
const { DEFAULT_THROTTLE } = require(path.join(root, 'core', 'analysis', 'throttle.js'));

let args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};
const stallsWanted = flag('--stalls');
const warmWanted = flag('--warm');
let file = args[0];
if (args[0] === '--records') {
  const records = Number(args[1]);
  if (!Number.isInteger(records) || records <= 0) throw new Error('--records needs a positive integer');
  const dir = path.join(repo, '.cache', 'bench');
  // Skips the work when the files for this generator version are already there.
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'out', 'test', 'support', 'generator', 'cli.js'),
      'bench',
      dir,
      '--records',
      String(records),
    ],
    { stdio: 'inherit' },
  );
  file = path.join(dir, `purview-new-${records}.csv`);
  args = args.slice(1);
}
const [, out, workersArg] = args;
const ingest = workersArg === undefined ? {} : { workers: Number(workersArg) };
const fileBytes = statSync(file).size;

global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
// A 5 ms heartbeat: the largest gap between two beats is the longest stall the caller saw.
let last = performance.now();
let longest = 0;
let peakHeapMB = 0;
const beat = setInterval(() => {
  const now = performance.now();
  longest = Math.max(longest, now - last);
  last = now;
}, 5);
// The caller's heap while loading (garbage included): the host's part of the peak.
const sample = setInterval(() => {
  // (not process.memoryUsage(): it also reads the RSS, which cost the caller more than the sampling.)
  peakHeapMB = Math.max(peakHeapMB, getHeapStatistics().total_heap_size / 1e6);
}, 50);
const stalls = stallsWanted ? watchStalls() : undefined;
const started = performance.now();
const investigation = new Investigation();
// The grid's record list while loading (committed records, then those of the file being read):
// the extension's session keeps one growing array, so the index built while loading stays valid.
const view = [];
const viewOf = () => {
  const { records, pendingRecords } = investigation;
  for (let i = view.length; i < records.length; i++) view.push(records[i]);
  for (let i = view.length - records.length; i < pendingRecords.length; i++) view.push(pendingRecords[i]);
  return view;
};
const warmer = warmWanted ? new IndexWarmer(viewOf) : undefined;
const onProgress = warmer && (() => warmer.poke());
await investigation.addPaths([file], { ingest, onProgress });
const loadMs = performance.now() - started;
warmer?.poke();
await warmer?.whenIdle();
const warmMs = warmer && performance.now() - started;
// The report's analyses of the loaded investigation (the default throttle model).
const reportWarmer =
  warmer &&
  new ScopeAnalysisWarmer(
    () => investigation.records,
    () => DEFAULT_THROTTLE,
  );
reportWarmer?.poke();
await reportWarmer?.whenIdle();
const reportWarmMs = reportWarmer && performance.now() - started;
const stallFigures = await stalls?.stop();
clearInterval(beat);
clearInterval(sample);
delay.disable();
global.gc?.();
const heap = process.memoryUsage().heapUsed - heapBefore;
const records = investigation.records.length;
// maxRSS is the process's high-water mark in KiB: every thread's heap shares it.
const peakRssMB = (process.resourceUsage().maxRSS * 1024) / 1e6;
const result = {
  file: path.basename(file),
  fileMB: fileBytes / 1e6,
  workers: ingest.workers ?? 'default',
  loadMs,
  records,
  longestStallMs: longest,
  p99StallMs: delay.percentile(99) / 1e6,
  heapMB: heap / 1e6,
  heapBytesPerRecord: heap / records,
  peakHostHeapMB: peakHeapMB,
  peakRssMB,
  peakRssPerFileSize: peakRssMB / (fileBytes / 1e6),
  cpuUserS: process.cpuUsage().user / 1e6,
  // The caller's own thread (the merge) apart from the rest (workers, GC helpers), where Linux says.
  hostCpuUserS: threadUserSeconds(process.pid),
  // Every other thread of the process that used over 0.1 s (the parsing and hashing workers, V8's
  // helper threads), busiest first.
  otherThreadsCpuUserS: otherThreads(),
  ...(warmMs === undefined ? {} : { warmMs }),
  ...(reportWarmMs === undefined ? {} : { reportWarmMs }),
  ...(stallFigures === undefined ? {} : { stalls: stallFigures }),
};
writeFileSync(out, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result));

/** User CPU seconds of one thread of this process so far (Linux /proc), or null elsewhere. */
function threadUserSeconds(tid) {
  try {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) / 100; // utime, in clock ticks (USER_HZ is 100 on Linux)
  } catch {
    return null;
  }
}

function otherThreads() {
  try {
    return readdirSync('/proc/self/task')
      .filter((tid) => Number(tid) !== process.pid)
      .map((tid) => threadUserSeconds(tid) ?? 0)
      .filter((s) => s > 0.1)
      .sort((a, b) => b - a);
  } catch {
    return null;
  }
}
