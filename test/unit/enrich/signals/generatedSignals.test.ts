import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLabeller } from '../../../../src/core/enrich/labels/offlineLabeller';
import { computeSignals } from '../../../../src/core/enrich/signals/sessionSignals';
import type { SessionSignal } from '../../../../src/core/enrich/signals/signalTypes';
import { loadInvestigation, type Investigation } from '../../../../src/core/investigation/investigation';
import { generateScenario } from '../../../support/generator/scenario';
import type { Scenario } from '../../../support/generator/scenarioTypes';
import { writeExportSet } from '../../../support/generator/writeExport';

/** Signals on the generator's scenario, against what it planted. */
describe('session signals on generated data with a planted attacker', function () {
  this.timeout(120_000);
  let dir: string;
  let scenario: Scenario;
  let investigation: Investigation;
  let signals: SessionSignal[];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-gen-signals-'));
    scenario = generateScenario({ scale: 'small' });
    const set = await writeExportSet(scenario, dir);
    investigation = await loadInvestigation(set.files.map((f) => f.path));
    signals = computeSignals(investigation.records, createLabeller());
  });
  after(async () => {
    await investigation?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("flags the attacker's own OAuth app (called through Graph), with exactly its records", () => {
    const app = scenario.planted.attacker.clientAppId;
    const expected = investigation.records
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.clientAppId?.toLowerCase() === app.toLowerCase())
      .map(({ i }) => i);
    assert.ok(expected.length >= 3, 'the planted Graph reads');
    const s = signals.find((x) => x.kind === 'flaggedApp' && x.subject === app);
    assert.ok(s, 'a flaggedApp signal for the attacker app');
    assert.deepEqual(
      [...s.records].sort((a, b) => a - b),
      expected,
    );
    assert.ok(s.startMs >= scenario.planted.attacker.firstMs && s.endMs <= scenario.planted.attacker.lastMs);
    // …and it appears only in a short window of a two-week investigation.
    const short = signals.find((x) => x.kind === 'shortLived' && x.subject === app);
    assert.ok(short, 'a shortLived signal for the attacker app');
    assert.deepEqual(short.records, s.records);
  });

  it("the attacker's read of the shared mailbox is access by someone other than its owner", () => {
    const victim = scenario.planted.attacker.messages[0].mailbox.toLowerCase();
    const shared = scenario.planted.attacker.messages.find((m) => m.mailbox.toLowerCase() !== victim)!;
    const s = signals.find(
      (x) =>
        x.kind === 'otherActor' &&
        x.mailboxKey === shared.mailbox.toLowerCase() &&
        x.subject.toLowerCase() === victim,
    );
    assert.ok(s, `otherActor on ${shared.mailbox} by ${victim}`);
    // The planted reads (attacker session, delegate logon) are behind it, next to the victim's own
    // delegate reads of that mailbox: the signal is evidence, the analyst separates the contexts.
    const planted = investigation.records
      .map((r, i) => ({ r, i }))
      .filter(
        ({ r }) =>
          r.mailboxKey === shared.mailbox.toLowerCase() &&
          r.sessionId === scenario.planted.attacker.sessionId,
      );
    assert.ok(planted.length > 0);
    for (const { r, i } of planted) {
      assert.equal(r.logonType, 2);
      assert.ok(s.records.includes(i), `record ${i} behind the signal`);
    }
    for (const i of s.records) assert.equal(investigation.records[i].actor?.toLowerCase(), victim);
  });

  it('every record behind a signal has what the signal says (invariants over all kinds)', () => {
    const labels = createLabeller();
    const recs = investigation.records;
    const union = (kind: SessionSignal['kind']) =>
      new Set(signals.filter((s) => s.kind === kind).flatMap((s) => s.records));
    // External access and cross-tenant signals cover exactly the records that have them.
    const external = recs.map((r, i) => (r.externalAccess === true ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(
      [...union('externalAccess')].sort((a, b) => a - b),
      external,
    );
    const cross = recs
      .map((r, i) =>
        r.tokenTenantId &&
        r.organizationId &&
        r.tokenTenantId.toLowerCase() !== r.organizationId.toLowerCase()
          ? i
          : -1,
      )
      .filter((i) => i >= 0);
    assert.deepEqual(
      [...union('crossTenant')].sort((a, b) => a - b),
      cross,
    );
    for (const s of signals) {
      assert.ok(s.records.length > 0);
      for (let k = 1; k < s.records.length; k++)
        assert.ok(recs[s.records[k - 1]].timeMs <= recs[s.records[k]].timeMs, 'time order');
      if (s.kind === 'otherActor')
        for (const i of s.records) assert.notEqual(recs[i].actor?.toLowerCase(), recs[i].mailboxKey);
      if (s.kind === 'flaggedApp')
        for (const i of s.records)
          assert.equal(labels.app(recs[i].appId, recs[i].clientAppId)?.flagged, true);
      if (s.kind === 'multiOrigin') {
        const countries = new Set(s.records.map((i) => labels.ip(recs[i].ip)?.country));
        const asns = new Set(s.records.map((i) => labels.ip(recs[i].ip)?.asn));
        assert.ok(countries.size >= 2 || asns.size >= 2);
      }
    }
    // The owners' own Microsoft clients are never flagged.
    assert.ok(
      !signals.some((s) => s.kind === 'flaggedApp' && s.subject === '27922004-5251-4030-b22d-91ecd9a37ea4'),
    );
  });
});
