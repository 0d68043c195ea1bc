import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { auditJson } from '../../support/generator/json';
import { generateScenario } from '../../support/generator/scenario';
import { writeSampleWorkspace } from '../../support/generator/sampleWorkspace';
import { renderExport, scenarioRows } from '../../support/generator/writeExport';
import { ALL_CONTAINERS } from '../../support/generator/writers/options';
import { smallScenario, tempDir } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('generator determinism', function () {
  this.timeout(120000);

  it('generates identical records for the same seed and different ones for another seed', () => {
    const a = smallScenario();
    const b = generateScenario({ scale: 'small' });
    const c = generateScenario({ scale: 'small', seed: 42 });
    assert.notEqual(a, b);
    assert.equal(sha(Buffer.from(auditJson(a.records))), sha(Buffer.from(auditJson(b.records))));
    assert.equal(sha(Buffer.from(auditJson(a.brokenRows))), sha(Buffer.from(auditJson(b.brokenRows))));
    assert.notEqual(sha(Buffer.from(auditJson(a.records))), sha(Buffer.from(auditJson(c.records))));
    assert.deepEqual(a.truth, b.truth);
    assert.notDeepEqual(a.truth.mailboxes, c.truth.mailboxes);
  });

  it('renders identical bytes in every container for the same seed', () => {
    const a = smallScenario();
    const b = generateScenario({ scale: 'small' });
    for (const container of ALL_CONTAINERS) {
      const pick = (sc: typeof a) =>
        scenarioRows(sc, container, { includeBroken: true }).filter((r, i) => r.broken || i % 4 === 0);
      const bytesA = renderExport(container, pick(a));
      assert.ok(bytesA.length > 100000, container);
      assert.equal(sha(bytesA), sha(renderExport(container, pick(b))), container);
    }
  });

  it('writes byte-identical sample workspaces twice, with several containers, the truth and a README', async () => {
    const one = tempDir('ws1');
    const two = tempDir('ws2');
    try {
      const ws = await writeSampleWorkspace(one.dir);
      await writeSampleWorkspace(two.dir);
      const files = filesUnder(one.dir);
      assert.deepEqual(files, filesUnder(two.dir));
      assert.ok(files.includes('truth.json') && files.includes('README.md'));
      for (const f of files)
        assert.equal(
          sha(fs.readFileSync(path.join(one.dir, f))),
          sha(fs.readFileSync(path.join(two.dir, f))),
          f,
        );
      assert.ok(new Set(ws.files.map((f) => f.container)).size >= 5);
      assert.ok(ws.files.some((f) => f.name === 'exports/hostile-strings.csv'));
      const rows = ws.files.reduce((n, f) => n + f.rows.length, 0);
      assert.ok(rows > 2000 && rows < 6000, `a few thousand rows (${rows})`);
      const readme = fs.readFileSync(ws.readmePath, 'utf8');
      assert.ok(readme.includes(ws.scenario.planted.attacker.sessionId));
    } finally {
      one.remove();
      two.remove();
    }
  });
});
