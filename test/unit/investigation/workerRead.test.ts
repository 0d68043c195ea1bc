import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileByteSource } from '../../../src/core/byteSource';
import { openContainer } from '../../../src/core/containers/openContainer';
import type { ContainerReader } from '../../../src/core/containers/types';
import { plainRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import {
  Investigation,
  loadInvestigation,
  prestartLoadWorkers,
} from '../../../src/core/investigation/investigation';
import { readSource } from '../../../src/core/investigation/readSource';
import type { IngestOptions, SourceStats } from '../../../src/core/investigation/types';
import { buildScopeReport } from '../../../src/core/report/buildReport';
import { readSourceInWorkers } from '../../../src/core/worker/parallelRead';
import { hashWorkerFile, ingestWorkerFile } from '../../../src/core/worker/workerFile';
import { endIdleWorkers, idleWorkerCount, WorkerJob } from '../../../src/core/worker/workerJob';
import type { IngestMessage } from '../../../src/core/worker/protocol';
import { RowBatchReader } from '../../../src/core/worker/rowBatchReader';
import { hashFile } from '../../../src/core/savedIndex/hashFile';
import { savedIndexChecks, savedIndexWrites } from '../../../src/core/savedIndex/readThroughIndex';
import { runScope } from '../../../src/core/scope/runScope';
import { lateHashes } from '../../../src/core/report/lateHashes';
import { bindRecordLines } from '../../support/bindLines';
import { fixturePath } from '../../support/paths';

async function load(file: string, ingest: IngestOptions): Promise<Investigation | string> {
  const inv = new Investigation();
  try {
    await inv.addPaths([file], { ingest });
  } catch (err) {
    return (err as Error).message;
  }
  return inv;
}

/** Everything a load produced that must not depend on how it was read. */
function outcome(inv: Investigation | string): unknown {
  if (typeof inv === 'string') return inv;
  // Records as plain values: a loaded record's own fields are only a few of them.
  return { sources: inv.sources, records: inv.records.map(plainRecord), skipped: inv.skipped };
}

const fixtures = readdirSync(fixturePath('containers')).map((f) => fixturePath('containers', f));

describe('investigation: reading in worker threads', function () {
  this.timeout(120_000);

  it('finds the worker scripts beside the compiled code', () => {
    const file = ingestWorkerFile();
    assert.ok(file && existsSync(file), `worker script ${file}`);
    const hasher = hashWorkerFile();
    assert.ok(hasher && existsSync(hasher), `hashing worker script ${hasher}`);
    assert.equal(hashWorkerFile(file), hasher, 'found beside the ingestion worker named');
  });

  it('hashes in this thread when no hashing worker script lies beside the worker script named', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-nohash-'));
    try {
      // An ingestion worker script of its own (running the compiled one), alone in its folder.
      const own = path.join(dir, 'ingestWorker.js');
      writeFileSync(own, `require(${JSON.stringify(ingestWorkerFile())});\n`);
      assert.equal(hashWorkerFile(own), undefined);
      const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
      const alone = outcome(await load(file, { workers: 0 }));
      const split = outcome(
        await load(file, { workerFile: own, workers: 2, minWorkerBytes: 0, minRangeBytes: 1 }),
      );
      assert.deepEqual(split, alone);
    } finally {
      endIdleWorkers();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each worker script answers a job meant for the other with an error naming it', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const refusal = (job: WorkerJob) =>
      job.next().then(
        (m) => `answered ${m.type}`,
        (err: Error) => err.message,
      );
    const parser = new WorkerJob(ingestWorkerFile()!, { type: 'hash', path: file });
    assert.equal(await refusal(parser), 'the ingestion worker was sent a hash job');
    const hasher = new WorkerJob(hashWorkerFile()!, { type: 'rows', path: file });
    assert.equal(await refusal(hasher), 'the hashing worker was sent a rows job');
  });

  for (const [workers, headBytes] of [
    [2, 0],
    [5, 0],
    [3, 40],
  ]) {
    const head = headBytes ? `, after a first range of about ${headBytes} bytes read in this thread` : '';
    it(`gives exactly the in-thread result for every container fixture, split into up to ${workers} ranges${head}`, async () => {
      for (const file of fixtures) {
        const alone = outcome(await load(file, { workers: 0 }));
        const split = outcome(await load(file, { workers, minWorkerBytes: 0, minRangeBytes: 1, headBytes }));
        assert.deepEqual(split, alone, path.basename(file));
      }
    });
  }

  it('gives exactly the in-thread result when a file is cut into many more ranges than workers', async () => {
    for (const file of fixtures) {
      const alone = outcome(await load(file, { workers: 0 }));
      const ingest = { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, maxRangeBytes: 300, headBytes: 0 };
      assert.deepEqual(outcome(await load(file, ingest)), alone, path.basename(file));
    }
  });

  it('merges several files in worker threads with first-occurrence de-duplication', async () => {
    const files = fixtures.filter((f) => /purview-new|json-lines-raw|sentinel-officeactivity\.csv/.test(f));
    const read = async (ingest: IngestOptions) => {
      const inv = new Investigation();
      await inv.addPaths(files, { ingest });
      return outcome(inv);
    };
    const alone = await read({ workers: 0 });
    assert.ok((alone as { records: unknown[] }).records.length > 0);
    assert.deepEqual(await read({ workers: 3, minWorkerBytes: 0, minRangeBytes: 1 }), alone);
  });

  it("keeps a rows job's batches on their own port until taken, announcing each (same rows, in order)", async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const workerFile = ingestWorkerFile();
    assert.ok(workerFile);
    const announced: IngestMessage['type'][] = [];
    const job = new WorkerJob(workerFile, { type: 'rows', path: file }, (m) => announced.push(m.type));
    const reader = new RowBatchReader();
    const lines: number[] = [];
    for (;;) {
      const m = await job.next();
      if (m.type === 'end') break;
      assert.equal(m.type, 'rows');
      if (m.type === 'rows') for (const row of reader.read(m.batch)) lines.push(row[1]);
    }
    assert.ok(announced.length > 1 && announced.slice(0, -1).every((t) => t === 'queued'), announced.join());
    assert.equal(announced[announced.length - 1], 'end');
    const source = await openContainer(fileByteSource(file));
    const expected: number[] = [];
    for await (const row of source.rows({})) expected.push(row.line);
    await source.source.close();
    assert.deepEqual(lines, expected);
  });

  it('ends its idle workers once a one-shot load is done (their heaps are not kept for the report)', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    let idleWhileLoading = 0;
    await loadInvestigation([file, file], {
      ingest: { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 },
      // Between the two files the workers of the first wait for the second: they are reused.
      onProgress: () => (idleWhileLoading = Math.max(idleWhileLoading, idleWorkerCount())),
    });
    assert.ok(idleWhileLoading > 0, 'workers were pooled while the load went on');
    assert.equal(idleWorkerCount(), 0);
  });

  it('with hashLater, a file read by workers is hashed only when asked (hashSources), to the same SHA-256', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const split = { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 };
    const hashed = await loadInvestigation([file], { ingest: split });
    const later = await loadInvestigation([file], { ingest: { ...split, hashLater: true } });
    try {
      assert.match(hashed.sources[0].sha256, /^[0-9a-f]{64}$/);
      assert.equal(later.sources[0].sha256, '', 'not hashed while it loaded');
      const expected = outcome(hashed) as { sources: SourceStats[] };
      const loaded = outcome(later) as { sources: SourceStats[] };
      assert.deepEqual(
        { ...loaded, sources: [{ ...loaded.sources[0], sha256: 'x' }] },
        { ...expected, sources: [{ ...expected.sources[0], sha256: 'x' }] },
        'everything else is read as before',
      );
      await later.hashSources();
      assert.equal(later.sources[0].sha256, hashed.sources[0].sha256);
      await later.hashSources();
      assert.equal(later.sources[0].sha256, hashed.sources[0].sha256, 'hashed once');
    } finally {
      await hashed.close();
      await later.close();
      endIdleWorkers();
    }
  });

  it('runScope hashes the files its workers parsed while it builds the report, and keeps no idle worker', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const report = await runScope({
      inputs: [file],
      ingest: { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 },
    });
    assert.equal(report.sources[0].sha256, createHash('sha256').update(readFileSync(file)).digest('hex'));
    assert.ok(report.totals.records > 0);
    assert.equal(idleWorkerCount(), 0, 'the hashing worker is ended before the report is written');
  });

  it('runScope calls onLoaded once, when the inputs are loaded and before the report is built', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const calls: string[] = [];
    const report = await runScope({
      inputs: [file],
      onLoaded: () => calls.push('loaded'),
      onProgress: () => calls.push('progress'),
    });
    assert.equal(calls.filter((c) => c === 'loaded').length, 1);
    assert.equal(calls[calls.length - 1], 'loaded', 'after every step of the load');
    assert.ok(report.totals.records > 0);
  });

  it('runScope with lateHashes leaves the hashes as placeholders, filled in once computed', async () => {
    const files = ['purview-new-bom-crlf.csv', 'purview-classic-crlf.csv'].map((f) =>
      fixturePath('containers', f),
    );
    const report = await runScope({
      inputs: files,
      lateHashes: true,
      ingest: { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 },
    });
    const late = lateHashes(report);
    assert.equal(late.length, 2);
    const want = files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex'));
    late.forEach((l, i) => {
      assert.equal(report.sources[i].sha256, l.placeholder);
      // The placeholder takes a hash's room and cannot pass for one.
      assert.equal(Buffer.byteLength(l.placeholder), 64);
      assert.doesNotMatch(l.placeholder, /^[0-9a-f]{64}$/);
    });
    assert.deepEqual(await Promise.all(late.map((l) => l.value)), want);
    assert.deepEqual(
      report.sources.map((s) => s.sha256),
      want,
    );
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(idleWorkerCount(), 0, 'the hashing worker is ended once the hashes are in');
    // Without the option, the report comes with its hashes.
    assert.deepEqual(lateHashes(await runScope({ inputs: files })), []);
  });

  it('with a saved index, a file read with hashLater is saved once hashed: its write asks for the hash', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-hashlater-'));
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    const load = () =>
      loadInvestigation([file], {
        ingest: { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0, hashLater: true },
        savedIndex: { dir },
      });
    try {
      const inv = await load();
      assert.equal(inv.sources[0].sha256, '', 'not hashed by the load');
      assert.deepEqual(inv.unhashedSources(), [0]);
      // Nobody asked for the hash: the index's write does, and saves it.
      await savedIndexWrites();
      assert.equal(inv.sources[0].sha256, sha256);
      await inv.hashSources();
      assert.equal(inv.sources[0].sha256, sha256);
      await inv.close();
      const again = await load();
      assert.equal(again.sources[0].savedIndex, true, 'reopened from the index');
      assert.equal(again.sources[0].sha256, sha256, 'the index holds the hash');
      assert.deepEqual(again.unhashedSources(), []);
      await again.close();
      await savedIndexChecks();
    } finally {
      endIdleWorkers();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends a worker left idle outside a load after a short wait', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const workerFile = hashWorkerFile();
    assert.ok(workerFile);
    await hashFile(file, workerFile);
    assert.equal(idleWorkerCount(), 1);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(idleWorkerCount(), 0);
  });

  it('starts the workers a load of large files will use before it begins, and the load takes them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-prestart-'));
    try {
      const small = fixturePath('containers', 'purview-new-bom-crlf.csv');
      const large = path.join(dir, 'large.jsonl');
      writeFileSync(large, '');
      // 40 MiB (sparse): two parsing workers at 16 MiB a range, and the hashing one.
      truncateSync(large, 40 << 20);
      prestartLoadWorkers([small, path.join(dir, 'missing.csv'), dir]);
      assert.equal(idleWorkerCount(), 0, 'nothing worth workers: none started');
      prestartLoadWorkers([small, large]);
      assert.equal(idleWorkerCount(), 3);
      prestartLoadWorkers([large]);
      assert.equal(idleWorkerCount(), 3, 'workers idle already count');
      endIdleWorkers();
      prestartLoadWorkers([large], { hashing: false });
      assert.equal(idleWorkerCount(), 2, 'a load that hashes later needs no hashing worker yet');
      prestartLoadWorkers([small, large]);
      // A job takes a started worker of its script from the pool (none new), and it works.
      const workerFile = hashWorkerFile();
      assert.ok(workerFile);
      const hashed = await hashFile(small, workerFile);
      assert.match(hashed, /^[0-9a-f]{64}$/);
      assert.equal(idleWorkerCount(), 3, 'the worker went back to the pool');
    } finally {
      endIdleWorkers();
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(idleWorkerCount(), 0);
  });

  it('rejects next() on a job stopped after its worker sent everything (a cancel never waits for ever)', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const workerFile = hashWorkerFile();
    assert.ok(workerFile);
    let sent!: () => void;
    const allSent = new Promise<void>((resolve) => (sent = resolve));
    // Nothing is taken from the job until its worker is done: its answer waits in the queue.
    const job = new WorkerJob(workerFile, { type: 'hash', path: file }, (m) => {
      if (m.type === 'hash') sent();
    });
    await allSent;
    job.stop();
    const outcome = await Promise.race([
      job.next().then(
        () => 'answered',
        (err: Error) => err.message,
      ),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000)),
    ]);
    assert.equal(outcome, 'the ingestion worker was stopped');
  });

  it('reads in its own thread when there is no worker script', async () => {
    const file = fixturePath('containers', 'purview-new-bom-crlf.csv');
    const alone = outcome(await load(file, { workers: 0 }));
    const missing = path.join(tmpdir(), 'no-such-dir', 'ingestWorker.js');
    const fallback = outcome(await load(file, { workerFile: missing, minWorkerBytes: 0, minRangeBytes: 1 }));
    assert.deepEqual(fallback, alone);
  });

  it('re-reads from the true record boundary when a split point lies inside a multi-line record', async () => {
    // Sentinel CSV cells hold line breaks (OriginatingServer ends with one): offering every line
    // start as a split point puts most of them inside records, where a range read alone goes wrong.
    for (const name of ['sentinel-officeactivity.csv', 'purview-new-broken.csv', 'ual-utf16-no-bom.csv']) {
      const file = fixturePath('containers', name);
      const ctx = () => ({
        sourceIndex: 0,
        knownIds: new Set<string>(),
        knownOtherIds: new Set<string>(),
        interner: new Interner(),
      });
      const one = await openContainer(fileByteSource(file));
      const size = await one.source.size();
      const expected = await readSource(one, size, ctx());
      await one.source.close();
      const real = await openContainer(fileByteSource(file));
      const bytes = await real.source.read(0, size);
      const w = real.encoding === 'utf-16le' ? 2 : 1;
      const [first] = await real.splitPoints!(1);
      const points = [first];
      // The first dozen line starts (enough to cover several records and their inner lines).
      for (let i = first; i < size && points.length < 12; i += w)
        if (bytes[i] === 10 && i + w < size) points.push(i + w);
      points.push(size);
      const lying: ContainerReader = Object.assign(Object.create(real) as ContainerReader, {
        splitPoints: () => Promise.resolve(points),
      });
      const got = await readSourceInWorkers(lying, size, ctx(), {
        workerFile: ingestWorkerFile()!,
        workers: points.length,
        minRangeBytes: 1,
      });
      await real.source.close();
      assert.ok(points.length > 4, `${name}: several bogus split points`);
      assert.deepEqual(
        { ...got, records: got.records.map(plainRecord) },
        { ...expected, records: expected.records.map(plainRecord) },
        name,
      );
    }
  });
});

describe('investigation: a cancelled read keeps what was read', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mia-partial-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const ingest of [{ workers: 0 }, { workers: 2, minWorkerBytes: 0, minRangeBytes: 1 << 16 }]) {
    it(`keeps the first records and marks the source partial (${ingest.workers ? 'workers' : 'in thread'})`, async () => {
      const file = path.join(dir, 'big.jsonl');
      const lines = bindRecordLines(20_000).split('\n');
      writeFileSync(file, lines.join('\n'));
      const controller = new AbortController();
      const inv = new Investigation();
      const read = inv.addPaths([file], { ingest, signal: controller.signal });
      // Cancelled at the first turn of the event loop that finds records read: reads yield every
      // few ms, whereas progress (every 200 ms) may come only once a fast read is done.
      let settled = false;
      const poll = (): void => {
        if (inv.pendingRecords.length > 0) controller.abort(new Error('stop'));
        else if (!settled) setImmediate(poll);
      };
      setImmediate(poll);
      await assert.rejects(
        read.finally(() => (settled = true)),
        /stop/,
      );
      assert.equal(inv.sources.length, 1);
      const source = inv.sources[0];
      assert.ok(source.partial, 'the source is marked partial');
      assert.equal(source.partial.reason, 'the load was cancelled');
      assert.equal(source.sha256, '');
      const n = inv.records.length;
      assert.ok(n > 0 && n < 20_000, `kept ${n} records`);
      assert.equal(source.records, n);
      // Exactly the first n records of the file, with their lines.
      assert.deepEqual(
        inv.records.map((r) => [r.id, r.provenance.line]),
        Array.from({ length: n }, (_, i) => [`rec-${i}`, i + 1]),
      );
      const last = inv.records[n - 1].provenance;
      assert.equal(source.partial.bytesRead, last.offset + last.length);
      assert.deepEqual(await inv.readRawAuditData(inv.records[n - 1]), JSON.parse(lines[n - 1]));
      const notes = buildScopeReport(inv, {}).notes;
      assert.ok(
        notes.some(
          (t) =>
            t.startsWith(`${file}: partially loaded`) && t.includes(`first ${source.partial?.bytesRead} of`),
        ),
        notes.join('\n'),
      );
      await inv.close();
    });
  }
});
