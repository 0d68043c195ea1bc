// Event-loop stalls of this thread while something runs, each attributed to garbage collection or
// not: a 5 ms heartbeat finds the gaps (a gap of more than `thresholdMs` is a stall), and the GC
// pauses V8 reports (PerformanceObserver 'gc': start, duration, kind) that overlap a gap say how
// much of it was collection. Run node with --cpu-prof to see what ran in the other stalls.
// On Linux each stall also says how long this thread was on a core (`cpuMs`) and waiting for one
// (`waitMs`, from /proc/…/schedstat): on a loaded machine the wall time of a stall is mostly waiting,
// and `cpuMs` is what the same stall would roughly cost on an idle machine.
// Not a test: figures only.
import { readFileSync } from 'node:fs';
import { constants } from 'node:perf_hooks';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';

const gcKinds = new Map([
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weakcb'],
]);

/**
 * Starts watching; `stop()` resolves with the figures: longest and p99 stall (ms), the number of
 * stalls over 50/100/200 ms, GC totals by kind, and the `top` longest stalls with their GC share.
 */
export function watchStalls({ thresholdMs = 50, top = 12 } = {}) {
  const origin = performance.now();
  // The monotonic clock in µs, as a --cpu-prof profile's timestamps count it: maps a stall's `atS`
  // onto the profile.
  const originUs = Number(process.hrtime.bigint() / 1000n);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const gcs = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      gcs.push({
        start: e.startTime,
        ms: e.duration,
        kind: gcKinds.get(e.detail?.kind) ?? String(e.detail?.kind),
      });
  });
  observer.observe({ entryTypes: ['gc'] });
  const stalls = [];
  let last = performance.now();
  let lastSched = schedstat();
  const beat = setInterval(() => {
    const now = performance.now();
    const sched = schedstat();
    if (now - last > thresholdMs) {
      const cpuMs = sched && lastSched ? (sched.cpuNs - lastSched.cpuNs) / 1e6 : undefined;
      const waitMs = sched && lastSched ? (sched.waitNs - lastSched.waitNs) / 1e6 : undefined;
      stalls.push({ start: last, end: now, cpuMs, waitMs });
    }
    last = now;
    lastSched = sched;
  }, 5);

  return {
    async stop() {
      clearInterval(beat);
      delay.disable();
      // GC entries arrive on a later turn of the loop.
      await new Promise((resolve) => setTimeout(resolve, 20));
      observer.disconnect();
      const byKind = {};
      let longestGcMs = 0;
      for (const g of gcs) {
        const k = (byKind[g.kind] ??= { count: 0, ms: 0 });
        k.count++;
        k.ms += g.ms;
        longestGcMs = Math.max(longestGcMs, g.ms);
      }
      for (const k of Object.values(byKind)) k.ms = Math.round(k.ms);
      const described = stalls.map((s) => {
        let gcMs = 0;
        const kinds = new Set();
        for (const g of gcs) {
          const overlap = Math.min(s.end, g.start + g.ms) - Math.max(s.start, g.start);
          if (overlap > 0) {
            gcMs += overlap;
            kinds.add(g.kind);
          }
        }
        const ms = s.end - s.start;
        return {
          atS: round((s.start - origin) / 1000, 2),
          ms: round(ms, 1),
          gcMs: round(gcMs, 1),
          gcKinds: [...kinds].join('+'),
          cause: gcMs >= ms / 2 ? 'gc' : 'code',
          ...(s.cpuMs === undefined ? {} : { cpuMs: round(s.cpuMs, 1), waitMs: round(s.waitMs, 1) }),
        };
      });
      const over = (ms) => described.filter((s) => s.ms > ms).length;
      return {
        originUs,
        longestStallMs: described.reduce((m, s) => Math.max(m, s.ms), 0),
        p99StallMs: round(delay.percentile(99) / 1e6, 1),
        stallsOver50: over(50),
        stallsOver100: over(100),
        stallsOver200: over(200),
        gcByKind: byKind,
        longestGcMs: round(longestGcMs, 1),
        longestStallCpuMs: described.reduce((m, s) => Math.max(m, s.cpuMs ?? 0), 0),
        stallsOver200Cpu: described.filter((s) => (s.cpuMs ?? 0) > 200).length,
        topStalls: [...described].sort((a, b) => b.ms - a.ms).slice(0, top),
        topStallsByCpu: [...described].sort((a, b) => (b.cpuMs ?? 0) - (a.cpuMs ?? 0)).slice(0, top),
      };
    },
  };
}

/** This (main) thread's time on a core and waiting for one, in ns; undefined off Linux. */
function schedstat() {
  try {
    const [cpu, wait] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return { cpuNs: Number(cpu), waitNs: Number(wait) };
  } catch {
    return undefined;
  }
}

function round(n, digits) {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
