import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Investigation } from '../../../src/core/investigation/investigation';
import type { MiaRecord } from '../../../src/core/model';
import { miaAudit } from '../normalise/auditBuilders';
import { jsonLines, memoryExport, openFakeJsonLines } from './fakeReader';

const bind = (id: string, minute: number) =>
  miaAudit({ id, time: `2024-03-01T10:${String(minute).padStart(2, '0')}:00`, session: 'sess-1' });

describe('investigation: records visible while a file is read', () => {
  it('shows the records read so far as pending, and commits them at the same indices', async () => {
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(memoryExport('a.jsonl', [bind('a1', 1), bind('a2', 2)]));
    const during: { committed: number; pending: string[]; path?: string; raw?: unknown }[] = [];
    let probe: Promise<void> | undefined;
    await inv.addSource(
      memoryExport('b.jsonl', [bind('b1', 3), bind('a1', 1), bind('b2', 4), bind('b3', 5)]),
      {
        onProgress: () => {
          const pending = inv.pendingRecords.map((r) => r.id);
          const entry: (typeof during)[number] = {
            committed: inv.records.length,
            pending,
            path: inv.sourcePath(1),
          };
          during.push(entry);
          // A pending record's raw AuditData can be read before its file is committed.
          if (pending.length > 0 && !probe)
            probe = inv.readRawAuditData(inv.pendingRecords[0]).then((raw) => void (entry.raw = raw));
        },
      },
    );
    await probe;
    assert.ok(during.length > 0, 'progress was reported');
    assert.ok(
      during.every((d) => d.committed === 2),
      'nothing of b is committed while it is read',
    );
    assert.ok(
      during.some((d) => d.pending.length > 0 && d.pending.length < 3),
      'records show before the end',
    );
    assert.deepEqual(during.at(-1)!.pending, ['b1', 'b2', 'b3'], 'the duplicate a1 is not pending');
    assert.equal(during[0].path, 'b.jsonl');
    assert.equal((during.find((d) => d.raw)?.raw as { Id?: string } | undefined)?.Id, 'b1');
    assert.deepEqual(inv.pendingRecords, []);
    assert.deepEqual(
      inv.records.map((r) => r.id),
      ['a1', 'a2', 'b1', 'b2', 'b3'],
      'pending record i is committed at index (committed before) + i',
    );
  });

  it('keeps the records read before a cancel, and marks the source partial', async () => {
    const inv = new Investigation(openFakeJsonLines);
    const controller = new AbortController();
    let seen: readonly MiaRecord[] = [];
    const read = inv.addSource(memoryExport('c.jsonl', [bind('c1', 1), bind('c2', 2), bind('c3', 3)]), {
      signal: controller.signal,
      onProgress: () => {
        seen = [...inv.pendingRecords];
        if (seen.length >= 1) controller.abort(new Error('stop'));
      },
    });
    await assert.rejects(read, /stop/);
    assert.ok(seen.length >= 1, 'a record was pending before the cancel');
    assert.deepEqual(inv.pendingRecords, []);
    assert.deepEqual(
      inv.records.map((r) => r.id),
      seen.map((r) => r.id),
      'the records read before the cancel are committed',
    );
    assert.equal(inv.sourcePath(0), 'c.jsonl');
    assert.equal(inv.sources[0].partial?.reason, 'the load was cancelled');
    assert.equal(inv.sources[0].records, inv.records.length);
  });

  it('de-duplicates against every earlier source after several commits', async () => {
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(memoryExport('1.jsonl', [bind('x', 1)]));
    await inv.addSource(memoryExport('2.jsonl', [bind('y', 2)]));
    const third = await inv.addSource(memoryExport('3.jsonl', [bind('y', 2), bind('x', 1), bind('z', 3)]));
    assert.deepEqual([third.records, third.duplicates], [1, 2]);
    assert.deepEqual(
      inv.records.map((r) => r.id),
      ['x', 'y', 'z'],
    );
  });
});

describe('investigation: re-reading a raw record', () => {
  it('uses the reader that read the file (its line checkpoints), even after the file was closed', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-reuse-'));
    try {
      const file = path.join(dir, 'r.jsonl');
      writeFileSync(file, jsonLines([bind('r1', 1), bind('r2', 2), bind('r3', 3)]));
      let opened = 0;
      const inv = new Investigation((source) => {
        opened++;
        return openFakeJsonLines(source);
      });
      await inv.addPaths([file]);
      assert.equal(opened, 1);
      const raw = await inv.readRawAuditData(inv.records[2]);
      assert.equal(raw.Id, 'r3');
      assert.equal((await inv.readRawAuditData(inv.records[0])).Id, 'r1');
      assert.equal(opened, 1, 'no second reader (which would count lines from the start of the file)');
      await inv.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
