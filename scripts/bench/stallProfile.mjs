// What ran during the longest stalls of an `ingest.mjs --stalls` run made with `node --cpu-prof`:
// for each stall of the result, the functions with the most samples inside it (self and inclusive),
// read from the caller thread's profile (the first one node wrote, thread 0).
// Not a test: figures only.
// Usage: node stallProfile.mjs <result.json> <thread-0.cpuprofile> [stalls=8] [functions=8]
import { readFileSync } from 'node:fs';

const [resultFile, profileFile, stallsArg = '8', functionsArg = '8'] = process.argv.slice(2);
const result = JSON.parse(readFileSync(resultFile, 'utf8'));
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
const { originUs, topStalls: byWall, topStallsByCpu } = result.stalls ?? {};
// The stalls that held the thread longest on a core (the wall time of a stall on a loaded machine
// is mostly waiting), or the longest by wall time off Linux.
const topStalls = topStallsByCpu ?? byWall;
if (originUs === undefined) throw new Error(`${resultFile}: no stalls (run ingest.mjs with --stalls)`);

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => {
  const f = n.callFrame;
  const where = (f.url || '').split('/').slice(-2).join('/');
  return `${f.functionName || '(anonymous)'} ${where}:${f.lineNumber + 1}`;
};
// Sample i covers [times[i], times[i + 1]).
const times = [];
let t = profile.startTime;
for (const d of profile.timeDeltas) times.push((t += d));

for (const stall of topStalls.slice(0, Number(stallsArg))) {
  const from = originUs + stall.atS * 1e6;
  const to = from + stall.ms * 1000;
  const self = new Map();
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length - 1; i++) {
    const us = Math.min(to, times[i + 1]) - Math.max(from, times[i]);
    if (us <= 0) continue;
    const id = profile.samples[i];
    const own = label(nodes.get(id));
    self.set(own, (self.get(own) ?? 0) + us);
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const l = label(nodes.get(x));
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const top = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Number(functionsArg))
      .map(([k, us]) => `    ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  console.log(
    `stall at ${stall.atS} s: ${stall.ms} ms, on a core ${stall.cpuMs ?? '?'} ms (GC ${stall.gcMs} ms ${stall.gcKinds})`,
  );
  console.log(`  self:\n${top(self)}\n  inclusive:\n${top(inclusive)}`);
}
