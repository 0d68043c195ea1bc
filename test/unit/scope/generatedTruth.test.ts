import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { generateScenario } from '../../support/generator/scenario';
import type { Truth } from '../../support/generator/truth';
import { writeExportSet } from '../../support/generator/writeExport';

const iso = (utc: string | null) => (utc === null ? null : new Date(utc).toISOString());
const byId = <T extends { id: string }>(list: T[]) =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The engine against the synthetic generator's ground truth: a split, overlapping export set in
 * several containers with broken rows, throttled mailboxes (flagged and unflagged) and a planted
 * attacker session.
 */
describe("scope against the generator's truth", function () {
  this.timeout(120_000);
  let dir: string;
  let truth: Truth;
  let files: string[];
  let report: ScopeReport;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-truth-'));
    const set = await writeExportSet(generateScenario({ seed: 20250311, scale: 'small' }), dir);
    truth = set.truth;
    files = truth.files.map((f) => path.join(dir, f.name));
    report = await runScope({ inputs: files });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads with the ingest options it is given (the CLI reads no head range in its own thread)', async () => {
    const noHead = { workers: 2, minWorkerBytes: 0, minRangeBytes: 1, headBytes: 0 };
    const same = await runScope({ inputs: files, ingest: noHead });
    assert.deepEqual({ ...same, generatedUtc: '' }, { ...report, generatedUtc: '' });
    const broken = path.join(dir, 'brokenWorker.js');
    writeFileSync(broken, "throw new Error('a broken worker script');\n");
    await assert.rejects(
      runScope({ inputs: files, ingest: { workerFile: broken, minWorkerBytes: 0 } }),
      /a broken worker script/,
    );
  });

  it('per source: container, rows, records, duplicates, other operations, rejected lines', () => {
    assert.deepEqual(
      report.sources.map((s) => ({
        name: path.basename(s.path),
        container: s.container,
        rows: s.rows,
        miaRows: s.miaRows,
        records: s.records,
        duplicates: s.duplicates,
        otherOperationRows: s.otherOperations,
        rejected: s.rejected.map((r) => r.line),
      })),
      truth.files.map((f) => ({
        name: f.name,
        container: f.container,
        rows: f.rows,
        miaRows: f.miaRows,
        records: f.records,
        duplicates: f.duplicates,
        otherOperationRows: f.otherOperationRows,
        rejected: f.rejected.map((r) => r.line),
      })),
    );
  });

  it('totals', () => {
    const t = report.totals;
    assert.deepEqual(
      [t.records, t.bind, t.sync, t.duplicates, t.rejected, t.otherOperations, t.otherOperationRows],
      [
        truth.totals.records,
        truth.totals.bind,
        truth.totals.sync,
        truth.totals.duplicates,
        truth.totals.rejected,
        truth.totals.otherOperations,
        truth.totals.otherOperationRows,
      ],
    );
  });

  it('per mailbox: counts, span, messages with their folders, synced folders, throttle windows, flag presence', () => {
    assert.deepEqual(
      report.mailboxes.map((m) => m.mailboxKey),
      truth.mailboxes.map((m) => m.key),
    );
    assert.ok(truth.mailboxes.some((m) => m.throttleWindows.some((w) => w.basis.includes('flag'))));
    assert.ok(truth.mailboxes.some((m) => m.throttleWindows.some((w) => w.basis.includes('volume'))));
    for (const tm of truth.mailboxes) {
      const m = report.mailboxes.find((x) => x.mailboxKey === tm.key)!;
      assert.deepEqual(
        {
          display: m.mailbox,
          records: m.records,
          bind: m.bind,
          sync: m.sync,
          firstUtc: iso(m.firstUtc),
          lastUtc: iso(m.lastUtc),
          syncedFolders: m.syncedFolders.map((f) => f.key).sort(),
          throttleWindows: m.throttledWindows.map((w) => ({
            startUtc: iso(w.startUtc),
            endUtc: iso(w.endUtc),
            basis: w.basis,
          })),
          carriesThrottleFlag: m.throttleFlagSeen,
        },
        {
          display: tm.display,
          records: tm.records,
          bind: tm.bind,
          sync: tm.sync,
          firstUtc: tm.firstUtc,
          lastUtc: tm.lastUtc,
          syncedFolders: [...tm.syncedFolders].sort(),
          throttleWindows: tm.throttleWindows,
          carriesThrottleFlag: tm.carriesThrottleFlag,
        },
        tm.key,
      );
      const folderKeys = (folders: string[]) =>
        [...new Set(folders.map((f) => f.replace(/^\\/, '').toLowerCase()))].sort();
      assert.deepEqual(
        byId(m.messages.map((x) => ({ id: x.key, folders: folderKeys(x.folders) }))),
        byId(tm.messages.map((x) => ({ id: x.id, folders: [...x.folders].sort() }))),
        `${tm.key} messages`,
      );
    }
  });

  it("scoped to the attacker's session: exactly the planted records, messages and synced folders", async () => {
    const attacker = truth.attacker!;
    const scoped = await runScope({ inputs: files, sessions: [attacker.sessionId] });
    assert.equal(scoped.totals.records, attacker.recordIds.length);
    assert.deepEqual(
      scoped.mailboxes.map((m) => m.mailboxKey),
      attacker.mailboxes.map((m) => m.key).sort(),
    );
    for (const tm of attacker.mailboxes) {
      const m = scoped.mailboxes.find((x) => x.mailboxKey === tm.key)!;
      assert.deepEqual(m.messages.map((x) => x.key).sort(), tm.messages.map((x) => x.id).sort(), tm.key);
      assert.deepEqual(m.syncedFolders.map((f) => f.key).sort(), [...tm.syncedFolders].sort(), tm.key);
    }
  });
});
