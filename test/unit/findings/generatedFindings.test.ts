import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { computeFindings, THROTTLE_SENTENCE } from '../../../src/core/findings/findings';
import type { Finding } from '../../../src/core/findings/types';
import { loadInvestigation, type Investigation } from '../../../src/core/investigation/investigation';
import { formatUtc } from '../../../src/core/normalise/time';
import { generateScenario } from '../../support/generator/scenario';
import { writeExportSet, type WrittenExportSet } from '../../support/generator/writeExport';
import { expectedSyncLines, expectedWindows } from '../../support/investigateTruth';

/** Core findings against the generator's truth and the written lines of every row. */
describe("findings against the generator's truth", function () {
  this.timeout(120_000);
  let dir: string;
  let set: WrittenExportSet;
  let investigation: Investigation;
  let findings: Finding[];

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-findings-'));
    set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
    investigation = await loadInvestigation(set.files.map((f) => f.path));
    findings = computeFindings(investigation);
  });
  after(async () => {
    await investigation?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one mia.throttled per truth window, on a record of that mailbox at the window start', () => {
    const expected = expectedWindows(set.files, set.truth);
    assert.ok(
      expected.some((w) => w.basis.includes('flag')) && expected.some((w) => w.basis.includes('volume')),
    );
    const got = findings.filter((f) => f.code === 'mia.throttled');
    assert.equal(got.length, expected.length);
    for (const w of expected) {
      const f = got.find((g) => g.mailbox?.toLowerCase() === w.mailboxKey && g.startMs === w.startMs);
      assert.ok(f, `window of ${w.mailboxKey} at ${formatUtc(w.startMs)}`);
      assert.equal(f.endMs, w.endMs);
      assert.ok(w.candidates.has(`${f.sourceIndex}:${f.line}`), `opener line ${f.sourceIndex}:${f.line}`);
      assert.ok(f.message.includes(`${formatUtc(w.startMs)} to ${formatUtc(w.endMs)}`), f.message);
      assert.ok(f.message.includes(`basis ${w.basis.join(' and ')}`), f.message);
      assert.ok(f.message.includes(THROTTLE_SENTENCE));
      const r = investigation.records[f.record!];
      assert.deepEqual([r.provenance.sourceIndex, r.provenance.line], [f.sourceIndex, f.line]);
    }
  });

  it('one mia.sync per Sync record, at its first occurrence', () => {
    const expected = expectedSyncLines(set.files);
    const got = set.files.map((_, i) =>
      findings.filter((f) => f.code === 'mia.sync' && f.sourceIndex === i).map((f) => f.line),
    );
    assert.deepEqual(got, expected);
    assert.equal(expected.flat().length, set.truth.totals.sync);
  });

  it('one mia.rejected per broken row, at its line', () => {
    const got = findings
      .filter((f) => f.code === 'mia.rejected')
      .map((f) => `${path.basename(set.files[f.sourceIndex].path)}:${f.line}`)
      .sort();
    const expected = set.truth.rejected.map((r) => `${path.basename(r.file)}:${r.line}`).sort();
    assert.deepEqual(got, expected);
  });

  it('a volume-rule-only coverage warning for every mailbox that never carries the flag', () => {
    const got = findings
      .filter((f) => f.kind === 'volumeRuleOnly')
      .map((f) => f.mailbox!.toLowerCase())
      .sort();
    const expected = set.truth.mailboxes.filter((m) => !m.carriesThrottleFlag).map((m) => m.key);
    assert.ok(expected.length > 0);
    assert.deepEqual(got, expected);
  });
});
