import * as assert from 'node:assert/strict';
import {
  analyseMailbox,
  mailboxAnalysis,
  mailboxThrottleWindows,
  type MailboxAnalysis,
} from '../../../src/core/analysis/mailboxAnalysis';
import { groupByMailbox, mailboxGroups, mailboxGuids } from '../../../src/core/analysis/order';
import { isMemoised, memoByRecords, primeByRecords } from '../../../src/core/analysis/recordsMemo';
import { ScopeAnalysisWarmer } from '../../../src/core/analysis/scopeAnalysisWarmer';
import { DEFAULT_THROTTLE, throttleWindows } from '../../../src/core/analysis/throttle';
import type { MiaRecord } from '../../../src/core/model';
import { buildScopeReport } from '../../../src/core/report/buildReport';
import { writeJsonReport } from '../../../src/core/report/jsonReport';
import { pick as choose, prng } from '../../support/seededChoice';
import { H, rec, T0 } from './records';
import { plainTable } from './plainTable';

/** Records of several mailboxes in no particular order (as an investigation holds them). */
function records(n: number, seed: number): MiaRecord[] {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => choose(next, xs);
  const out: MiaRecord[] = [];
  for (let i = 0; i < n; i++) {
    const id = `<m-${next(200)}@contoso.com>`;
    out.push(
      rec({
        timeMs: T0 + next(96) * (H / 4),
        mailbox: ['a@contoso.com', 'B@contoso.com', 'c@contoso.com', 'd@contoso.com'][(i * 7 + seed) % 4],
        access: next(10) < 8 ? 'Bind' : 'Sync',
        session: pick(['s-1', 's-2', undefined]),
        ip: pick(['192.0.2.1', '192.0.2.2']),
        folders: [{ path: pick(['\\Inbox', '\\Archive']), ids: [id] }],
        sourceIndex: 0,
      }),
    );
  }
  return out;
}

/** An analysis as data (the message table's texts are read through functions: their answers are compared). */
function plain(a: MailboxAnalysis): unknown {
  return {
    contexts: a.contexts,
    sessions: a.sessions,
    syncedFolders: a.syncedFolders,
    table: plainTable(a.table),
  };
}

const report = (list: readonly MiaRecord[]) =>
  writeJsonReport(
    buildScopeReport({ sources: [], records: list }, { now: new Date(0) }, {}, { deferMessages: true }),
  );

describe('analysis/scope analysis warmer', function () {
  // Zero-length slices take a turn of the event loop per step: thousands of turns on a busy machine.
  this.timeout(20_000);

  it('leaves a mailbox bigger than its limit to the report (no long stall), and the report is the same', async () => {
    // One mailbox with fewer records than the others.
    const list = records(3000, 5).filter((r, i) => r.mailbox !== 'B@contoso.com' || i % 8 === 0);
    const sizes = [...groupByMailbox([...list]).values()].map((g) => g.length).sort((a, b) => a - b);
    // A limit between the smallest and the largest mailbox: some are warmed, some are not.
    const limit = sizes[0];
    assert.ok(sizes[sizes.length - 1] > limit);
    const warmer = new ScopeAnalysisWarmer(
      () => list,
      () => DEFAULT_THROTTLE,
      0,
      limit,
    );
    warmer.poke();
    await warmer.whenIdle();
    for (const group of mailboxGroups(list).values())
      assert.equal(isMemoised(group, mailboxAnalysis), group.length <= limit, `${group.length} records`);
    assert.equal(report(list), report([...list]));
  });

  it('computes every mailbox analysis in slices, equal to what a report computes', async () => {
    const list = records(3000, 3);
    // A zero-length slice: one step of work per turn of the event loop.
    const warmer = new ScopeAnalysisWarmer(
      () => list,
      () => DEFAULT_THROTTLE,
      0,
    );
    warmer.poke();
    await warmer.whenIdle();
    assert.ok(isMemoised(list, mailboxGroups));
    const groups = mailboxGroups(list);
    assert.deepEqual([...groups.entries()], [...groupByMailbox([...list]).entries()]);
    assert.equal(groups.size, 4);
    for (const group of groups.values()) {
      assert.ok(isMemoised(group, mailboxAnalysis), 'analysed ahead of the report');
      assert.ok(isMemoised(group, mailboxGuids));
      assert.deepEqual(plain(mailboxAnalysis(group)), plain(analyseMailbox(group)));
      assert.deepEqual(
        mailboxThrottleWindows(group, DEFAULT_THROTTLE),
        throttleWindows(group, DEFAULT_THROTTLE),
      );
    }
    // A fresh copy of the list has nothing memoised: the report from it is computed afresh.
    assert.equal(report(list), report([...list]));
  });

  it('splits a mailbox over several turns of the event loop (its analysis a part a turn)', async () => {
    const list = records(3000, 4).filter((r) => r.mailbox === 'a@contoso.com');
    const warmer = new ScopeAnalysisWarmer(
      () => list,
      () => DEFAULT_THROTTLE,
      0,
    );
    warmer.poke();
    let idle = false;
    void warmer.whenIdle().then(() => (idle = true));
    // Per turn: are the groups, the GUIDs and the analysis memoised yet?
    const turns: string[] = [];
    while (!idle) {
      await new Promise((resolve) => setImmediate(resolve));
      const grouped = isMemoised(list, mailboxGroups);
      const group = grouped ? [...mailboxGroups(list).values()][0] : undefined;
      turns.push(
        [grouped, group && isMemoised(group, mailboxGuids), group && isMemoised(group, mailboxAnalysis)]
          .map((done) => (done ? 'y' : 'n'))
          .join(''),
      );
    }
    const guidsAt = turns.indexOf('yyn');
    const analysedAt = turns.indexOf('yyy');
    assert.ok(guidsAt >= 0 && analysedAt > guidsAt, turns.join(' '));
    // Throttle windows, contexts, messages, sessions + synced folders: a turn each at least.
    assert.ok(analysedAt - guidsAt >= 4, turns.join(' '));
    const group = [...mailboxGroups(list).values()][0];
    assert.deepEqual(plain(mailboxAnalysis(group)), plain(analyseMailbox(group)));
  });

  it('starts over when the records change, while warming or after', async () => {
    const list = records(2000, 5);
    const more = records(400, 9);
    const warmer = new ScopeAnalysisWarmer(
      () => list,
      () => DEFAULT_THROTTLE,
      0,
    );
    warmer.poke();
    // The list grows after a few slices (a load committed more records).
    await new Promise((resolve) => setImmediate(resolve));
    list.push(...more.slice(0, 200));
    warmer.poke();
    await warmer.whenIdle();
    const before = mailboxGroups(list);
    assert.equal(
      [...before.values()].reduce((n, g) => n + g.length, 0),
      2200,
    );
    assert.equal(report(list), report([...list]));
    const analysed = [...before.values()].map((g) => mailboxAnalysis(g));
    // The list grows again once warm: the old version's values are never used for the new one.
    list.push(...more.slice(200));
    assert.ok(!isMemoised(list, mailboxGroups));
    warmer.poke();
    await warmer.whenIdle();
    const after = mailboxGroups(list);
    assert.notEqual(after, before);
    for (const [i, group] of [...after.values()].entries()) {
      assert.ok(isMemoised(group, mailboxAnalysis));
      assert.notEqual(mailboxAnalysis(group), analysed[i]);
    }
    assert.equal(report(list), report([...list]));
    warmer.dispose();
  });

  it('keys memoised values by the version of the list', () => {
    const list = records(10, 1);
    primeByRecords(list, 'x', 1);
    assert.equal(
      memoByRecords(list, 'x', () => 2),
      1,
    );
    list.push(records(1, 2)[0]);
    assert.ok(!isMemoised(list, 'x'));
    assert.equal(
      memoByRecords(list, 'x', () => 2),
      2,
    );
    // Same length, another last record: another version.
    list[list.length - 1] = records(1, 4)[0];
    assert.equal(
      memoByRecords(list, 'x', () => 3),
      3,
    );
  });

  it('settles when disposed', async () => {
    const list = records(3000, 8);
    const warmer = new ScopeAnalysisWarmer(
      () => list,
      () => DEFAULT_THROTTLE,
      0,
    );
    warmer.poke();
    const idle = warmer.whenIdle();
    warmer.dispose();
    await idle;
    warmer.poke();
    await warmer.whenIdle();
    assert.ok(!isMemoised(list, mailboxGroups));
  });
});
