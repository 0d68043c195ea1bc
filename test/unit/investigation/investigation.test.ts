import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { memoryByteSource } from '../../../src/core/byteSource';
import { Investigation, loadInvestigation } from '../../../src/core/investigation/investigation';
import { InputError, type LoadProgress } from '../../../src/core/investigation/types';
import { miaAudit, otherAudit } from '../normalise/auditBuilders';
import { jsonLines, memoryExport, openFakeJsonLines } from './fakeReader';

const bind = (id: string, minute: number, extra: Partial<Parameters<typeof miaAudit>[0]> = {}) =>
  miaAudit({ id, time: `2024-03-01T10:${String(minute).padStart(2, '0')}:00`, session: 'sess-1', ...extra });

describe('investigation', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-inv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('de-duplicates by Id within a file: first occurrence wins, repeats counted', async () => {
    const inv = new Investigation(openFakeJsonLines);
    const stats = await inv.addSource(
      memoryExport('a.jsonl', [bind('r1', 1), bind('r2', 2), bind('r1', 3), bind('r1', 4)]),
    );
    assert.equal(stats.rows, 4);
    assert.equal(stats.records, 2);
    assert.equal(stats.duplicates, 2);
    assert.equal(stats.miaRows, 4);
    assert.deepEqual(
      inv.records.map((r) => [r.id, r.provenance.line]),
      [
        ['r1', 1],
        ['r2', 2],
      ],
    );
    assert.equal(
      inv.records[0].timeMs,
      Date.UTC(2024, 2, 1, 10, 1),
      'the first occurrence is kept, not a later one',
    );
  });

  it('de-duplicates across files and counts the repeat on the file where it was found', async () => {
    const inv = new Investigation(openFakeJsonLines);
    const a = await inv.addSource(memoryExport('a.jsonl', [bind('r1', 1), bind('r2', 2)]));
    const b = await inv.addSource(memoryExport('b.jsonl', [bind('r2', 2), bind('r3', 3), bind('r1', 1)]));
    assert.deepEqual([a.records, a.duplicates, b.records, b.duplicates], [2, 0, 1, 2]);
    assert.deepEqual(
      inv.records.map((r) => [r.id, r.provenance.sourceIndex]),
      [
        ['r1', 0],
        ['r2', 0],
        ['r3', 1],
      ],
    );
  });

  it('keeps provenance (source, line, byte offset, length) and re-reads the raw AuditData by offset', async () => {
    const audits = [
      otherAudit('o1', 'UserLoggedIn', '2024-03-01T09:00:00'),
      bind('r1', 1),
      bind('r2', 2, { ip: '10.0.0.9' }),
    ];
    const text = jsonLines(audits);
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(memoryByteSource('p.jsonl', text));
    const r2 = inv.records.find((r) => r.id === 'r2')!;
    const expectedOffset = Buffer.byteLength(text.split('\n').slice(0, 2).join('\n') + '\n');
    assert.deepEqual(r2.provenance, {
      sourceIndex: 0,
      line: 3,
      offset: expectedOffset,
      length: Buffer.byteLength(JSON.stringify(audits[2]) + '\n'),
    });
    const raw = await inv.readRawAuditData(r2);
    assert.deepEqual(raw, audits[2]);
    assert.equal(inv.sourceOf(r2).path, 'p.jsonl');
  });

  it('refuses to hand back a different record when the file changed', async () => {
    const original = jsonLines([bind('r1', 1), bind('r2', 2)]);
    const changed = jsonLines([bind('r1', 1), bind('zz', 2)]);
    let bytes = Buffer.from(original);
    const source = {
      path: 'c.jsonl',
      size: () => Promise.resolve(bytes.length),
      read: (o: number, l: number) => Promise.resolve(bytes.subarray(o, o + l)),
      close: () => Promise.resolve(),
    };
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(source);
    bytes = Buffer.from(changed);
    await assert.rejects(inv.readRawAuditData(inv.records[1]), /no longer holds record r2/);
  });

  it('computes the SHA-256 of the bytes in the same pass', async () => {
    const text = jsonLines([bind('r1', 1)]);
    const inv = new Investigation(openFakeJsonLines);
    const stats = await inv.addSource(memoryByteSource('h.jsonl', text));
    assert.equal(stats.sha256, createHash('sha256').update(text).digest('hex'));
  });

  it('counts other operations without taking them for MailItemsAccessed, and widens the time span with them', async () => {
    const inv = new Investigation(openFakeJsonLines);
    const stats = await inv.addSource(
      memoryExport('o.jsonl', [
        otherAudit('o1', 'UserLoggedIn', '2024-03-01T08:00:00'),
        bind('r1', 1),
        otherAudit('o2', 'Send', '2024-03-01T12:00:00'),
      ]),
    );
    assert.equal(stats.otherOperations, 2);
    assert.equal(stats.otherRecords, 2);
    assert.equal(stats.records, 1);
    assert.equal(inv.records.length, 1);
    assert.equal(stats.firstMs, Date.UTC(2024, 2, 1, 8));
    assert.equal(stats.lastMs, Date.UTC(2024, 2, 1, 12));
    assert.equal(stats.miaFirstMs, Date.UTC(2024, 2, 1, 10, 1));
  });

  it('counts repeated other operations once across files (rows per file, records once)', async () => {
    const inv = new Investigation(openFakeJsonLines);
    const login = otherAudit('o1', 'UserLoggedIn', '2024-03-01T08:00:00');
    const a = await inv.addSource(memoryExport('a.jsonl', [login, login, bind('r1', 1)]));
    const b = await inv.addSource(
      memoryExport('b.jsonl', [login, otherAudit('o2', 'Send', '2024-03-01T09:00:00')]),
    );
    assert.deepEqual([a.otherOperations, a.otherRecords, b.otherOperations, b.otherRecords], [2, 1, 2, 1]);
    assert.equal(inv.records.length, 1);
  });

  it('rejects broken rows with line and reason and reads every valid row around them', async () => {
    const noId = bind('x', 5);
    delete noId.Id;
    const noTime = bind('y', 6);
    delete noTime.CreationTime;
    const wrongType = bind('z', 7);
    wrongType.Folders = 'not a list';
    const inv = new Investigation(openFakeJsonLines);
    const stats = await inv.addSource(
      memoryExport('bad.jsonl', [
        bind('r1', 1),
        '{"CreationTime":"2024-03-01T10:02:00","Id":"cut',
        noId,
        noTime,
        wrongType,
        bind('r2', 8),
      ]),
    );
    assert.deepEqual(
      inv.records.map((r) => r.id),
      ['r1', 'r2'],
    );
    assert.deepEqual(
      stats.rejected.map((r) => r.line),
      [2, 3, 4, 5],
    );
    assert.match(stats.rejected[0].reason, /cut short/);
    assert.match(stats.rejected[1].reason, /field Id is missing/);
    assert.match(stats.rejected[2].reason, /field CreationTime is missing/);
    assert.match(stats.rejected[3].reason, /field Folders should be a list/);
    assert.equal(stats.miaRows, 2);
    assert.equal(
      stats.rejectedMiaRows,
      3,
      'rejected rows that named MailItemsAccessed (the cut-short one names nothing)',
    );
  });

  it('shares one copy of repeated strings between records', async () => {
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(memoryExport('i.jsonl', [bind('r1', 1), bind('r2', 2)]));
    const [a, b] = inv.records;
    // Separate JSON.parse calls produce separate strings; interning makes them one.
    assert.equal(a.sessionId, b.sessionId);
    assert.equal(a.folders[0].path, b.folders[0].path);
    // (identity cannot be observed directly in JS; the interner's own size is the witness)
    const interner = (inv as unknown as { interner: { size: number } }).interner;
    const distinct = new Set([
      a.mailbox,
      a.mailboxKey,
      a.mailboxGuid,
      a.actor,
      a.sessionId,
      a.ip,
      a.clientInfo,
      a.organizationId,
      a.originatingServer,
      ...a.folders.flatMap((f) => [f.path, f.key, f.id]),
    ]);
    assert.equal(interner.size, distinct.size);
  });

  it('loads folders recursively, skipping unrecognised files with one error each', async () => {
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'b.jsonl'), jsonLines([bind('r2', 2), bind('r1', 1)]));
    writeFileSync(path.join(dir, 'a.jsonl'), jsonLines([bind('r1', 1)]));
    writeFileSync(path.join(dir, 'sub', 'c.jsonl'), jsonLines([bind('r3', 3)]));
    writeFileSync(path.join(dir, 'notes.txt'), 'these are my notes');
    const inv = await loadInvestigation([dir], { open: openFakeJsonLines });
    assert.deepEqual(
      inv.sources.map((s) => path.relative(dir, s.path)),
      ['a.jsonl', 'b.jsonl', path.join('sub', 'c.jsonl')],
    );
    assert.deepEqual(
      inv.records.map((r) => r.id),
      ['r1', 'r2', 'r3'],
    );
    assert.equal(inv.sources[1].duplicates, 1);
    assert.equal(inv.skipped.length, 1);
    assert.equal(inv.skipped[0].path, path.join(dir, 'notes.txt'));
    assert.match(inv.skipped[0].reason, /not a recognised MailItemsAccessed export/);
  });

  it('an explicitly named unrecognised or missing file is an InputError naming it', async () => {
    const notes = path.join(dir, 'notes.txt');
    writeFileSync(notes, 'hello');
    await assert.rejects(loadInvestigation([notes], { open: openFakeJsonLines }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.path, notes);
      assert.match(err.message, /notes\.txt: not a recognised MailItemsAccessed export/);
      return true;
    });
    await assert.rejects(
      loadInvestigation([path.join(dir, 'missing.csv')], { open: openFakeJsonLines }),
      /missing\.csv: no such file/,
    );
  });

  it('an empty file is a valid, empty source', async () => {
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const inv = await loadInvestigation([empty], { open: openFakeJsonLines });
    assert.equal(inv.sources.length, 1);
    assert.equal(inv.sources[0].container, 'empty');
    assert.equal(inv.sources[0].sha256, createHash('sha256').update('').digest('hex'));
    assert.equal(inv.records.length, 0);
  });

  it('reads a file named twice (or also found in a named folder) once', async () => {
    const a = path.join(dir, 'a.jsonl');
    writeFileSync(a, jsonLines([bind('r1', 1)]));
    const inv = await loadInvestigation([a, dir, a], { open: openFakeJsonLines });
    assert.equal(inv.sources.length, 1);
    assert.equal(inv.sources[0].duplicates, 0);
  });

  it('reports progress over all files and honours an abort signal', async () => {
    writeFileSync(path.join(dir, 'a.jsonl'), jsonLines([bind('r1', 1), bind('r2', 2)]));
    writeFileSync(path.join(dir, 'b.jsonl'), jsonLines([bind('r3', 3)]));
    const seen: LoadProgress[] = [];
    await loadInvestigation([dir], { open: openFakeJsonLines, onProgress: (p) => seen.push(p) });
    const last = seen[seen.length - 1];
    assert.equal(last.overallBytesRead, last.overallTotalBytes);
    assert.equal(last.records, 3);
    assert.ok(seen.some((p) => p.path.endsWith('a.jsonl')) && seen.some((p) => p.path.endsWith('b.jsonl')));

    const controller = new AbortController();
    const inv = new Investigation(openFakeJsonLines);
    const aborting = inv.addPaths([dir], {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('stop')),
    });
    await assert.rejects(aborting, /stop/);
    // The file being read when the cancel came stays, marked partial; no later file is read.
    assert.equal(inv.sources.length, 1);
    assert.ok(inv.sources[0].partial, 'the cancelled file is marked partial');
    assert.equal(inv.records.length, inv.sources[0].records);
  });
});
