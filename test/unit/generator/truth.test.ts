import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { generateScenario } from '../../support/generator/scenario';
import type { Scenario } from '../../support/generator/scenarioTypes';
import { HOUR, DAY } from '../../support/generator/time';
import {
  computeTruth,
  normaliseFolder,
  normaliseIp,
  normaliseMessageId,
  readTruth,
  sessionOf,
  type TruthMailbox,
} from '../../support/generator/truth';
import { throttleWindows, volumeStartsNaive } from '../../support/generator/throttle';
import { writeExportSet } from '../../support/generator/writeExport';
import { smallScenario, tempDir } from './helpers';
import { prng } from '../../support/seededChoice';

const iso = (ms: number) => new Date(ms).toISOString();

function mailbox(sc: Scenario, upn: string): TruthMailbox {
  const m = sc.truth.mailboxes.find((x) => x.key === upn.toLowerCase());
  assert.ok(m, `truth has ${upn}`);
  return m;
}

describe('generator truth', function () {
  this.timeout(120000);

  it('normalises exactly as the spec says', () => {
    assert.equal(normaliseMessageId('  <ABC@Example.COM> '), 'abc@example.com');
    assert.equal(normaliseMessageId('abc@x'), 'abc@x');
    assert.equal(normaliseMessageId('<<a@b>>'), '<a@b>');
    assert.equal(normaliseFolder(' \\Boîte de Réception'), 'boîte de réception');
    assert.equal(normaliseFolder('Inbox'), normaliseFolder('\\Inbox'));
    assert.equal(normaliseFolder('\\\\Inbox'), '\\inbox');
    assert.equal(normaliseIp('1.2.3.4:5678'), '1.2.3.4');
    assert.equal(normaliseIp('[2001:DB8::1]:443'), '2001:db8::1');
    assert.equal(normaliseIp('::ffff:1.2.3.4'), '1.2.3.4');
    assert.equal(normaliseIp('FE80::'), 'fe80::');
    assert.equal(sessionOf({ SessionId: 's1', AppAccessContext: { AADSessionId: 's2' } }), 's1');
    assert.equal(sessionOf({ AppAccessContext: { AADSessionId: 's2' } }), 's2');
    assert.equal(sessionOf({}), undefined);
  });

  it('merges flag windows that overlap or touch and keeps separate ones apart', () => {
    const t = Date.UTC(2025, 0, 1);
    const w = throttleWindows([], [t, t + 3 * HOUR, t + 27 * HOUR, t + 7 * DAY], 1000, 24);
    assert.deepEqual(w, [
      { start: t, end: t + 51 * HOUR, basis: ['flag'] },
      { start: t + 7 * DAY, end: t + 8 * DAY, basis: ['flag'] },
    ]);
    // One millisecond later does not touch: two windows.
    assert.equal(throttleWindows([], [t, t + 24 * HOUR + 1], 1000, 24).length, 2);
    assert.equal(throttleWindows([], [t, t + 24 * HOUR], 1000, 24).length, 1);
  });

  it('opens a volume window at the record that makes the 24 h count exceed the threshold (threshold and hours are parameters)', () => {
    const t = Date.UTC(2025, 0, 1);
    const times = Array.from({ length: 6 }, (_, i) => t + i * HOUR);
    assert.deepEqual(throttleWindows(times, [], 5, 24), [
      { start: t + 5 * HOUR, end: t + 29 * HOUR, basis: ['volume'] },
    ]);
    assert.deepEqual(throttleWindows(times, [], 6, 24), []);
    // (t−H, t] excludes the record exactly H before: with H = 5 h, at most 5 records count.
    assert.deepEqual(throttleWindows(times, [], 5, 5), []);
    assert.deepEqual(throttleWindows(times, [t + 2 * HOUR], 5, 24), [
      { start: t + 2 * HOUR, end: t + 29 * HOUR, basis: ['flag', 'volume'] },
    ]);
  });

  it('agrees with the brute-force volume rule on random and bursty timelines', () => {
    const next = prng(7);
    const rand = () => next(2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const base = Date.UTC(2025, 0, 1);
      const times = Array.from(
        { length: 300 },
        () => base + Math.floor((rand() * (round % 2 ? 40 : 3) * HOUR) / 1000) * 1000,
      );
      const threshold = 20 + (round % 5) * 15;
      const fast = throttleWindows(times, [], threshold, 24);
      const naive = volumeStartsNaive(times, threshold, 24);
      const merged = throttleWindows([], naive, threshold, 24).map((w) => ({ ...w, basis: ['volume'] }));
      assert.deepEqual(fast, merged, `round ${round}`);
    }
    const liWei = smallScenario()
      .records.filter(
        (r) =>
          r.MailboxOwnerUPN === smallScenario().planted.throttledVolume.mailbox &&
          r.Operation === 'MailItemsAccessed',
      )
      .map((r) => Date.parse(`${String(r.CreationTime)}Z`));
    assert.deepEqual(volumeStartsNaive(liWei, 1000, 24).length > 0, true);
    const starts = volumeStartsNaive(liWei, 1000, 24);
    assert.deepEqual(
      throttleWindows(liWei, [], 1000, 24).map((w) => w.start),
      [starts[0]],
    );
  });

  it('holds the planted attacker session: every planted message and synced folder, nothing else', () => {
    const sc = smallScenario();
    const truth = sc.truth.attacker;
    assert.ok(truth);
    assert.equal(truth.sessionId, sc.planted.attacker.sessionId);
    const planted = new Map<string, Map<string, Set<string>>>();
    for (const m of sc.planted.attacker.messages) {
      const mb = planted.get(m.mailbox.toLowerCase()) ?? new Map<string, Set<string>>();
      const id = m.internetMessageId.replace(/^<|>$/g, '').toLowerCase();
      mb.set(id, (mb.get(id) ?? new Set()).add(m.folderPath.replace(/^\\/, '').toLowerCase()));
      planted.set(m.mailbox.toLowerCase(), mb);
    }
    assert.deepEqual(truth.mailboxes.map((m) => m.key).sort(), [...planted.keys()].sort());
    for (const m of truth.mailboxes) {
      const want = planted.get(m.key) as Map<string, Set<string>>;
      assert.deepEqual(
        m.messages.map((x) => x.id),
        [...want.keys()].sort(),
      );
      for (const msg of m.messages)
        assert.deepEqual(msg.folders, [...(want.get(msg.id) as Set<string>)].sort());
    }
    const victim = truth.mailboxes.find(
      (m) => m.key === sc.planted.attacker.syncedFolders[0].mailbox.toLowerCase(),
    );
    assert.deepEqual(
      victim?.syncedFolders,
      sc.planted.attacker.syncedFolders.map((f) => normaliseFolder(f.folderPath)).sort(),
    );
    // The attacker's messages are among the victim mailbox's messages in the whole truth.
    const all = new Set(mailbox(sc, sc.planted.attacker.messages[0].mailbox).messages.map((m) => m.id));
    for (const m of victim?.messages ?? []) assert.ok(all.has(m.id));
  });

  it('has a volume-only window (no flag window) for the unflagged throttled mailbox, flag-only windows for the flagged one', () => {
    const sc = smallScenario();
    const volume = mailbox(sc, sc.planted.throttledVolume.mailbox);
    assert.equal(volume.carriesThrottleFlag, false);
    assert.equal(volume.throttleWindows.length, 1);
    assert.deepEqual(volume.throttleWindows[0].basis, ['volume']);
    const start = Date.parse(volume.throttleWindows[0].startUtc);
    assert.ok(
      start > sc.planted.throttledVolume.burstStartMs && start <= sc.planted.throttledVolume.burstEndMs,
    );
    assert.ok(volume.records > 1000);
    const flagged = mailbox(sc, sc.planted.throttledFlag.mailbox);
    const [t1, , , t4] = sc.planted.throttledFlag.flagTimesMs;
    assert.deepEqual(flagged.throttleWindows, [
      { startUtc: iso(t1), endUtc: iso(t1 + 51 * HOUR), basis: ['flag'] },
      { startUtc: iso(t4), endUtc: iso(t4 + DAY), basis: ['flag'] },
    ]);
    const others = sc.truth.mailboxes.filter((m) => m.key !== volume.key && m.key !== flagged.key);
    for (const m of others) assert.deepEqual(m.throttleWindows, [], m.key);
  });

  it('keeps its counts consistent: every row is a record, a duplicate, another operation or a rejection', () => {
    const sc = smallScenario();
    const t = sc.truth.totals;
    assert.equal(
      t.rows,
      sc.files.reduce((n, f) => n + f.rows.length, 0),
    );
    assert.equal(t.records + t.duplicates + t.otherOperationRows + t.rejected, t.rows);
    assert.equal(t.bind + t.sync, t.records);
    assert.equal(
      t.records,
      sc.truth.mailboxes.reduce((n, m) => n + m.records, 0),
    );
    // Every distinct MailItemsAccessed record of the scenario is in the export set exactly once after de-duplication.
    assert.equal(t.records, sc.records.filter((r) => r.Operation === 'MailItemsAccessed').length);
    assert.equal(t.otherOperations, sc.records.filter((r) => r.Operation !== 'MailItemsAccessed').length);
    assert.deepEqual(sc.truth.rejected.map((r) => r.kind).sort(), [
      'broken-quoting',
      'invalid-creation-time',
      'missing-creation-time',
      'missing-id',
      'truncated-json',
      'truncated-json',
    ]);
    // The PowerShell pull repeats 5 rows between pages of 95: all its MIA rows are duplicates of the Purview ones or of its own.
    const ps = sc.truth.files.find((f) => f.container === 'powershell-json');
    assert.ok(ps && ps.duplicates >= 5);
    // A rejected record's messages are nowhere in the truth.
    const rejectedIds = sc.brokenRows.flatMap((r) =>
      ((r.audit.Folders as { FolderItems?: { InternetMessageId: string }[] }[]) ?? []).flatMap((f) =>
        (f.FolderItems ?? []).map((i) => normaliseMessageId(i.InternetMessageId)),
      ),
    );
    const known = new Set(sc.truth.mailboxes.flatMap((m) => m.messages.map((x) => x.id)));
    assert.ok(rejectedIds.length > 100);
    for (const id of rejectedIds) assert.ok(!known.has(id), id);
  });

  it('counts duplicates within and across files, with the first file that holds a record owning it', () => {
    const sc = smallScenario();
    const row = sc.files[0].rows.find((r) => !r.broken && r.audit.Operation === 'MailItemsAccessed');
    assert.ok(row);
    const one = { name: 'a.csv', container: 'purview-csv-new' as const, rows: [row, row], lines: [2, 3] };
    const two = { name: 'b.csv', container: 'purview-csv-new' as const, rows: [row], lines: [2] };
    const truth = computeTruth([one, two]);
    assert.deepEqual(
      truth.files.map((f) => [f.records, f.duplicates]),
      [
        [1, 1],
        [0, 1],
      ],
    );
    assert.equal(truth.totals.records, 1);
    assert.equal(truth.totals.duplicates, 2);
  });

  it('keeps the hostile strings verbatim in folder keys', () => {
    const sc = smallScenario();
    const hostile = mailbox(sc, sc.planted.hostile.mailbox);
    assert.ok(hostile.syncedFolders.includes('<script>alert(1)</script>'));
    assert.ok(hostile.messages.some((m) => m.folders.includes('inbox\\<img src=x onerror=alert(1)>')));
  });

  it('writes the same truth to disk as it computes in memory, with names relative to the truth file', async () => {
    const sc = smallScenario();
    const tmp = tempDir('truth');
    try {
      const set = await writeExportSet(sc, path.join(tmp.dir, 'exports'), path.join(tmp.dir, 'truth.json'));
      const onDisk = await readTruth(set.truthPath);
      assert.deepEqual(onDisk, JSON.parse(JSON.stringify(set.truth)));
      assert.deepEqual(set.truth.mailboxes, sc.truth.mailboxes);
      assert.deepEqual(set.truth.totals, sc.truth.totals);
      assert.deepEqual(
        set.truth.files.map((f) => f.rejected),
        sc.truth.files.map((f) => f.rejected),
      );
      assert.ok(set.truth.files.every((f) => f.name.startsWith('exports/')));
      await assert.rejects(readTruth(set.files[0].path));
    } finally {
      tmp.remove();
    }
  });

  it('medium scale: a mailbox throttled on both bases gets one merged window with both', () => {
    const sc = generateScenario({ scale: 'medium' });
    assert.ok(sc.planted.throttledBoth);
    const both = mailbox(sc, sc.planted.throttledBoth.mailbox);
    assert.equal(both.throttleWindows.length, 1);
    assert.deepEqual(both.throttleWindows[0].basis, ['flag', 'volume']);
    assert.ok(sc.truth.mailboxes.length >= 20);
    assert.ok(sc.truth.totals.records > 8000);
  });
});
