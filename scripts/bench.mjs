// npm run bench: generates (cached in .cache/bench) the 300,000-record Purview CSV and JSON Lines
// exports, then measures in one run the engine (mia scope --format json), DuckDB and a naive
// papaparse + JSON.parse pipeline: wall time and peak RSS (median of --runs), the ratios, and
// checks that all three give the same answers. Results: bench/results/latest.json and latest.md.
// Options: --records N (300000), --runs N (3), --formats csv,jsonl, --no-editor, --no-duckdb,
// --no-ingest (skips loading through the API: event-loop stall and heap per record), --workbench
// (also opens the CSV in the real workbench: packages the extension and needs the test harness),
// --node harness|machine|PATH (the Node.js that runs every measured tool; default `harness`: Node 24,
// the current LTS, which the test harness installs and runs VS Code on; installed first if missing).
// When that is not the machine's own Node, the engine is also measured on the machine's Node
// (`engineOnMachineNode`), in the same interleaved runs.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { answerDigest, answersFromReport, answersFromTruth } from './bench/answers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '3' },
    formats: { type: 'string', default: 'csv,jsonl' },
    'no-editor': { type: 'boolean', default: false },
    'no-duckdb': { type: 'boolean', default: false },
    'no-ingest': { type: 'boolean', default: false },
    workbench: { type: 'boolean', default: false },
    node: { type: 'string', default: 'harness' },
  },
});
const records = Number(values.records);
const runs = Number(values.runs);
const formats = values.formats.split(',');
const cacheDir = path.join(root, '.cache', 'bench');
const resultsDir = path.join(root, 'bench', 'results');
const tmp = path.join(cacheDir, 'tmp');
mkdirSync(resultsDir, { recursive: true });
mkdirSync(tmp, { recursive: true });
const log = (s) => process.stdout.write(`${s}\n`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

// Build: compiled tests (generator, editor API) and the CLI bundle.
log('building (tsc, esbuild)…');
spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'ignore' });
run('node', ['esbuild.mjs']);
run('node', ['out/test/support/generator/cli.js', 'bench', cacheDir, '--records', String(records)]);
const files = {
  csv: path.join(cacheDir, `purview-new-${records}.csv`),
  jsonl: path.join(cacheDir, `records-${records}.jsonl`),
};
const machineNode = process.execPath;
const nodeBin =
  values.node === 'harness' ? await harnessNode() : values.node === 'machine' ? machineNode : values.node;
const nodeVersion = execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
const onMachineNode = nodeVersion === process.version;
log(`measured tools run on Node ${nodeVersion} (${nodeBin})`);
if (!onMachineNode) log(`the engine also runs on the machine's Node ${process.version} (${machineNode})`);

/** µs per 4 KiB page this host charges for memory touched fresh (median of 3 probes, scripts/bench/freshMemory.mjs). */
function freshPageUs() {
  const probe = () =>
    Number(execFileSync(nodeBin, ['scripts/bench/freshMemory.mjs'], { cwd: root, encoding: 'utf8' }).trim());
  return median([probe(), probe(), probe()]);
}
const freshPageUsBefore = freshPageUs();
log(`fresh memory: ${freshPageUsBefore.toFixed(2)} µs per 4 KiB page`);
const truth = answersFromTruth(
  JSON.parse(readFileSync(path.join(cacheDir, `bench-truth-${records}.json`), 'utf8')),
);
const truthDigest = answerDigest(truth);

let duckdb = !values['no-duckdb'];
if (duckdb) {
  try {
    await import('@duckdb/node-api');
  } catch (err) {
    log(`DuckDB BLOCKED: ${err.message}`);
    duckdb = false;
  }
}

/**
 * Runs a child under /usr/bin/time: wall ms (measured here), peak RSS in MB (10^6 bytes, the
 * unit file sizes are given in: `%M` is in KiB) and CPU seconds (user + system, every thread): on 2
 * cores, a tool that uses less CPU than another for the same wall time has room the other lacks.
 * Also its system CPU and minor page faults (pages it touched fresh): on a host where a fresh page
 * is dear (`freshPageUs`), those are where tools' times move from one host to another.
 */
function measure(args, node = nodeBin) {
  const timeFile = path.join(tmp, 'time.txt');
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M %U %S %R', '-o', timeFile, node, ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const [kb, user, system, faults] = readFileSync(timeFile, 'utf8')
    .trim()
    .split('\n')
    .pop()
    .split(' ')
    .map(Number);
  return { wallMs, peakMB: (kb * 1024) / 1e6, cpuS: user + system, systemS: system, minorFaults: faults };
}

/** The built CLI writing the full JSON report of `file` to `<name>.json`, with `indexArgs`, on `node`. */
async function engineReport(name, file, indexArgs, node = nodeBin) {
  const out = path.join(tmp, `${name}.json`);
  const m = measure(
    ['dist/cli.js', 'scope', '--format', 'json', '--quiet', ...indexArgs, '--out', out, file],
    node,
  );
  m.answers = await answersFromReport(out);
  m.reportMB = statSync(out).size / 1e6;
  rmSync(out);
  return m;
}

const tools = {
  engine: (format, file) => engineReport(`engine-${format}`, file, ['--no-index']),
  // The CLI's default run, which also saves the export's index (to a fresh folder each run): what an
  // analyst's first `mia scope` costs. Not a target (the figure is `engine`, --no-index).
  engineSavingIndex: async (format, file) => {
    const indexDir = path.join(tmp, 'index');
    rmSync(indexDir, { recursive: true, force: true });
    try {
      return await engineReport(`engine-indexed-${format}`, file, ['--index-dir', indexDir]);
    } finally {
      rmSync(indexDir, { recursive: true, force: true });
    }
  },
  // The benched run on the machine's own Node (when the measured tools run on another): the same
  // build, so the two engine rows differ by the runtime alone.
  engineOnMachineNode: (format, file) =>
    engineReport(`engine-machine-${format}`, file, ['--no-index'], machineNode),
  duckdb: async (format, file) => {
    const out = path.join(tmp, `duckdb-${format}.json`);
    const m = measure(['scripts/bench/duckdb.mjs', format, file, out]);
    m.answers = JSON.parse(readFileSync(out, 'utf8'));
    return m;
  },
  naive: async (format, file) => {
    const out = path.join(tmp, `naive-${format}.json`);
    const m = measure(['scripts/bench/naive.mjs', format, file, out]);
    m.answers = JSON.parse(readFileSync(out, 'utf8'));
    return m;
  },
};
if (!duckdb) delete tools.duckdb;
if (onMachineNode) delete tools.engineOnMachineNode;

/**
 * Reads `file` through once, outside any timing. This machine's memory reclaim drops pages of the
 * page cache within seconds (`fincore`: 95 % of an export resident, then 90 % 30 s later), so a
 * tool run after a long gap re-read part of its input from disk: in the interleaved order that was
 * always the engine (after naive, the slowest tool). Every tool now starts with its input cached.
 */
function warm(file) {
  const buffer = Buffer.allocUnsafe(8 << 20);
  const fd = openSync(file, 'r');
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const results = { formats: {} };
let allAgree = true;
for (const format of formats) {
  const file = files[format];
  const sizeMB = statSync(file).size / 1e6;
  const samples = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  const digests = {};
  for (let i = 0; i < runs; i++) {
    // Interleaved, so load on a busy machine falls on every contestant alike.
    for (const [name, tool] of Object.entries(tools)) {
      warm(file);
      const m = await tool(format, file);
      samples[name].push(m);
      digests[name] = answerDigest(m.answers);
      log(
        `${format} run ${i + 1}/${runs} ${name}: ${(m.wallMs / 1000).toFixed(2)} s (CPU ${m.cpuS.toFixed(2)} s, ` +
          `system ${m.systemS.toFixed(2)} s, ${m.minorFaults} page faults), ${m.peakMB.toFixed(0)} MB, answers ${digests[name]}`,
      );
    }
  }
  const summary = { file: path.relative(root, file), sizeMB, truthDigest, tools: {} };
  for (const [name, ms] of Object.entries(samples)) {
    summary.tools[name] = {
      wallS: median(ms.map((m) => m.wallMs)) / 1000,
      peakMB: median(ms.map((m) => m.peakMB)),
      cpuS: median(ms.map((m) => m.cpuS)),
      systemS: median(ms.map((m) => m.systemS)),
      minorFaults: median(ms.map((m) => m.minorFaults)),
      runsWallS: ms.map((m) => m.wallMs / 1000),
      answers: digests[name],
      agreesWithTruth: digests[name] === truthDigest,
      ...(ms[0].reportMB ? { reportMB: ms[0].reportMB } : {}),
    };
    if (digests[name] !== truthDigest) allAgree = false;
  }
  const e = summary.tools.engine;
  const m = summary.tools.engineOnMachineNode;
  summary.ratios = {
    engineOverDuckdbWall: summary.tools.duckdb ? e.wallS / summary.tools.duckdb.wallS : null,
    engineOnMachineNodeOverDuckdbWall:
      m && summary.tools.duckdb ? m.wallS / summary.tools.duckdb.wallS : null,
    engineOverNaiveWall: e.wallS / summary.tools.naive.wallS,
    enginePeakOverFileSize: e.peakMB / sizeMB,
  };
  results.formats[format] = summary;
  log(
    `${format}: engine ${e.wallS.toFixed(2)} s / ${e.peakMB.toFixed(0)} MB; ` +
      (summary.tools.duckdb
        ? `DuckDB ${summary.tools.duckdb.wallS.toFixed(2)} s / ${summary.tools.duckdb.peakMB.toFixed(0)} MB; `
        : '') +
      `naive ${summary.tools.naive.wallS.toFixed(2)} s / ${summary.tools.naive.peakMB.toFixed(0)} MB; ` +
      `engine/DuckDB ${summary.ratios.engineOverDuckdbWall?.toFixed(2) ?? 'n/a'}, engine/naive ${summary.ratios.engineOverNaiveWall.toFixed(2)}, ` +
      (m
        ? `engine on the machine's Node ${m.wallS.toFixed(2)} s (/DuckDB ${summary.ratios.engineOnMachineNodeOverDuckdbWall?.toFixed(2) ?? 'n/a'}), `
        : '') +
      `engine peak/file ${summary.ratios.enginePeakOverFileSize.toFixed(2)}`,
  );
}

if (!values['no-editor']) {
  const out = path.join(tmp, 'editor.json');
  // --expose-gc: editor.mjs collects what its earlier steps left (two loads of the export, the index
  // write) before it times the reopen; without it the reopen's figure in this process depended on
  // that garbage (443 to 1,183 ms between runs, against about 220 ms either way after the collection).
  warm(files.csv);
  const m = measure(['--expose-gc', 'scripts/bench/editor.mjs', files.csv, out]);
  results.editor = { ...JSON.parse(readFileSync(out, 'utf8')), peakMB: m.peakMB };
  const ed = results.editor;
  log(
    `editor (csv): first 200 rows ${ed.firstRowsMs.toFixed(0)} ms, load ${(ed.loadMs / 1000).toFixed(1)} s, ` +
      `facet filter ${ed.filterMs.toFixed(0)} ms, text filter ${ed.textFilterMs.toFixed(0)} ms, sort ${ed.sortMs.toFixed(0)} ms, ` +
      `scope report ${ed.scopeReportMs.toFixed(0)} ms (Markdown write ${ed.scopeReportWriteMs?.toFixed(0)} ms), reopen ${ed.reopenMs.toFixed(0)} ms (cached: ${ed.reopenCached}), index saved in ${ed.indexWriteMs?.toFixed(0)} ms`,
  );
}

if (values.workbench) {
  // The editor in the real workbench (code-server + Chromium): a spot check of the API figures above.
  run('npm', ['run', 'package']);
  const out = path.join(tmp, 'workbench.json');
  // A spot check that fails (the UI harness timing out, say) is recorded and fails the run at the
  // end, after every other figure has been measured and written.
  try {
    rmSync(out, { force: true });
    run('node', ['scripts/bench/workbench.mjs', files.csv, String(records), out]);
    results.workbench = JSON.parse(readFileSync(out, 'utf8'));
  } catch (error) {
    results.workbench = { error: String(error instanceof Error ? error.message : error).split('\n')[0] };
    process.exitCode = 1;
  }
  const w = results.workbench;
  log(
    w.error !== undefined
      ? `workbench (csv): FAILED: ${w.error}`
      : `workbench (csv): first rows ${w.open.firstRowsMs.toFixed(0)} ms, all records ${(w.open.allRecordsMs / 1000).toFixed(1)} s, ` +
          `reopen first rows ${w.reopen.firstRowsMs.toFixed(0)} ms, all ${(w.reopen.allRecordsMs / 1000).toFixed(1)} s ` +
          `(a small export's first rows: ${w.smallExportOpen.firstRowsMs.toFixed(0)} ms)`,
  );
}

if (!values['no-ingest']) {
  // Loading as the extension host does (worker threads) and in one thread, for comparison.
  results.ingest = {};
  for (const workers of [undefined, '0']) {
    const out = path.join(tmp, 'ingest.json');
    warm(files.csv);
    const m = measure([
      '--expose-gc',
      'scripts/bench/ingest.mjs',
      files.csv,
      out,
      ...(workers ? [workers] : []),
    ]);
    const r = { ...JSON.parse(readFileSync(out, 'utf8')), peakMB: m.peakMB };
    results.ingest[workers ? 'inThread' : 'workers'] = r;
    log(
      `load (csv, ${workers ? 'in one thread' : 'worker threads'}): ${(r.loadMs / 1000).toFixed(1)} s, longest event-loop stall ` +
        `${r.longestStallMs.toFixed(0)} ms (p99 ${r.p99StallMs.toFixed(0)} ms), heap ${r.heapMB.toFixed(0)} MB ` +
        `(${r.heapBytesPerRecord.toFixed(0)} B/record), peak RSS ${r.peakMB.toFixed(0)} MB`,
    );
  }
}

const cpu =
  (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? os.cpus()[0]?.model;
results.machine = {
  nproc: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  cpu,
  node: nodeVersion,
  machineNode: process.version,
  loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
  // Before the first measured run and after the last (see `freshPageUs`).
  freshPageUs: { before: freshPageUsBefore, after: freshPageUs() },
};
results.date = new Date().toISOString();
results.records = records;
results.runs = runs;
results.answersAgree = allAgree;
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(resultsDir, 'latest.md'), markdown(results));
log(
  `answers ${allAgree ? 'identical' : 'DIFFER'} (truth ${truthDigest}); results in bench/results/latest.json, latest.md`,
);
if (!allAgree) process.exitCode = 1;

/** The test harness's Node (see README "Test"), installed by the harness's own code when missing. */
async function harnessNode() {
  const { ensureHarnessNode } = await import(path.join(root, 'out/test/support/harness/install.js'));
  try {
    return await ensureHarnessNode((line) => log(line));
  } catch (error) {
    // Not measured on another runtime behind the caller's back: they choose.
    throw new Error(
      `the harness's Node 24 could not be installed (${error instanceof Error ? error.message : error}); ` +
        "`npm run bench -- --node machine` measures on this machine's Node instead",
    );
  }
}

function markdown(r) {
  const lines = [
    `Bench ${r.date}: ${r.records.toLocaleString('en')} records, median of ${r.runs} runs; ` +
      `${r.machine.nproc} cores (${r.machine.cpu}), ${r.machine.memoryGB} GB, Node ${r.machine.node}` +
      (r.machine.machineNode !== r.machine.node
        ? ` (\`engineOnMachineNode\`: the machine's Node ${r.machine.machineNode})`
        : '') +
      `, load average at the end ${r.machine.loadAverage.join(' ')}; memory touched fresh cost ` +
      `${r.machine.freshPageUs.before.toFixed(1)} µs per 4 KiB page before the runs, ` +
      `${r.machine.freshPageUs.after.toFixed(1)} µs after them (\`scripts/bench/freshMemory.mjs\`).`,
    '',
    '| export | size | tool | wall (median) | CPU, user + system (median) | of which system | minor page faults | peak RSS | engine ÷ tool (wall) | answers |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [format, s] of Object.entries(r.formats)) {
    for (const [name, t] of Object.entries(s.tools)) {
      const ratio = name === 'engine' ? '1.00' : (s.tools.engine.wallS / t.wallS).toFixed(2);
      lines.push(
        `| ${format} | ${s.sizeMB.toFixed(0)} MB | ${name} | ${t.wallS.toFixed(2)} s | ${t.cpuS.toFixed(2)} s | ${t.systemS.toFixed(2)} s | ${t.minorFaults.toLocaleString('en')} | ${t.peakMB.toFixed(0)} MB (${(t.peakMB / s.sizeMB).toFixed(2)} × file) | ${ratio} | ${t.agreesWithTruth ? 'identical' : 'DIFFER'} |`,
      );
    }
  }
  lines.push(
    '',
    "`engineSavingIndex` is the command line's default run, which also saves the export's index for the next " +
      "run (a fresh index folder each time); the targets are `engine`'s (`--no-index`).",
  );
  if (Object.values(r.formats).some((s) => s.tools.engineOnMachineNode)) {
    lines.push(
      '',
      "`engineOnMachineNode` is `engine`'s run on the machine's own Node (same build, same files); " +
        "its wall ÷ DuckDB's: " +
        Object.entries(r.formats)
          .map(
            ([format, s]) => `${format} ${s.ratios.engineOnMachineNodeOverDuckdbWall?.toFixed(2) ?? 'n/a'} ×`,
          )
          .join(', ') +
        '.',
    );
  }
  if (r.editor) {
    const e = r.editor;
    lines.push(
      '',
      '| in the editor (engine API, CSV) | measured | target |',
      '|---|---|---|',
      `| first 200 rows after opening | ${e.firstRowsMs.toFixed(0)} ms | ≤ 300 ms |`,
      `| facet filter over ${e.records.toLocaleString('en')} records | ${e.filterMs.toFixed(0)} ms | ≤ 100 ms |`,
      `| text filter | ${e.textFilterMs.toFixed(0)} ms | ≤ 100 ms |`,
      `| sort (mailbox) | ${e.sortMs.toFixed(0)} ms | ≤ 100 ms |`,
      `| scope report on the indexed investigation | ${e.scopeReportMs.toFixed(0)} ms | ≤ 1 s |`,
      ...(e.scopeReportWriteMs === undefined
        ? []
        : [
            `| then writing it as Markdown (not in the figure above) | ${e.scopeReportWriteMs.toFixed(0)} ms | — |`,
          ]),
      `| reopen an export already indexed | ${e.reopenMs.toFixed(0)} ms (${e.reopenCached ? 'cached index' : 'no cached index: full read'}) | ≤ 500 ms |`,
      ...(e.indexWriteMs === undefined
        ? []
        : [
            `| saving the index after the first open (in slices, after its rows show) | ${e.indexWriteMs.toFixed(0)} ms | — |`,
          ]),
    );
  }
  if (r.workbench?.error !== undefined) {
    lines.push('', `The spot check in the real workbench failed: ${r.workbench.error}`);
  } else if (r.workbench) {
    const w = r.workbench;
    lines.push(
      '',
      '| in the real workbench (code-server + Chromium, CSV) | first rows | all records shown |',
      '|---|---|---|',
      `| open | ${w.open.firstRowsMs.toFixed(0)} ms | ${(w.open.allRecordsMs / 1000).toFixed(1)} s |`,
      `| reopen (saved index) | ${w.reopen.firstRowsMs.toFixed(0)} ms | ${(w.reopen.allRecordsMs / 1000).toFixed(1)} s |`,
      `| a small export (the workbench's and webview's own cost) | ${w.smallExportOpen.firstRowsMs.toFixed(0)} ms | — |`,
    );
  }
  if (r.ingest) {
    lines.push(
      '',
      '| loading through the engine API (CSV) | wall | longest event-loop stall (p99) | heap after load | peak RSS |',
      '|---|---|---|---|---|',
    );
    for (const [name, i] of Object.entries(r.ingest)) {
      lines.push(
        `| ${name === 'workers' ? 'worker threads (as the extension)' : 'one thread'} | ${(i.loadMs / 1000).toFixed(1)} s | ${i.longestStallMs.toFixed(0)} ms (${i.p99StallMs.toFixed(0)} ms) | ${i.heapMB.toFixed(0)} MB (${i.heapBytesPerRecord.toFixed(0)} B/record) | ${i.peakMB.toFixed(0)} MB |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
