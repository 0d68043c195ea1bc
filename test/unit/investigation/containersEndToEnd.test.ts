import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { plainRecord } from '../../../src/core/investigation/compactRecord';
import { Investigation } from '../../../src/core/investigation/investigation';
import type { MiaRecord } from '../../../src/core/model';
import { fixturePath } from '../../support/paths';

/** A record without its provenance, which differs between containers by design. */
function comparable(r: MiaRecord): Omit<MiaRecord, 'provenance'> {
  const copy: Partial<MiaRecord> = { ...plainRecord(r) };
  delete copy.provenance;
  return copy as Omit<MiaRecord, 'provenance'>;
}

async function load(file: string): Promise<Investigation> {
  const inv = new Investigation();
  await inv.addPaths([fixturePath('containers', file)]);
  return inv;
}

/**
 * The real container readers feeding the engine: every container fixture holding the same ten
 * published rows must normalise to the same records.
 */
describe('investigation over the real container readers', () => {
  // Two published samples were anonymised to the same Id "ANONYMIZED": which one de-duplication
  // keeps depends on the container's row order (the new Purview CSV is newest first), so it is
  // compared apart.
  const byId = (records: readonly MiaRecord[]) =>
    records
      .filter((r) => r.id !== 'ANONYMIZED')
      .map(comparable)
      .sort((a, b) => (a.id < b.id ? -1 : 1));

  it('every ten-row container gives the records JSON Lines gives', async () => {
    const reference = await load('json-lines-raw.jsonl');
    assert.equal(reference.records.length, 9);
    const expected = byId(reference.records);
    assert.ok(
      expected.some((r) => r.accessType === 'Sync'),
      'the fixtures hold Sync records',
    );
    let compared = 0;
    for (const file of readdirSync(fixturePath('containers')).sort()) {
      let inv: Investigation;
      try {
        inv = await load(file);
      } catch {
        continue; // the unrecognised fixtures
      }
      const s = inv.sources[0];
      if (s.rows !== 10 || s.rejected.length > 0) continue;
      // Sentinel's OfficeActivity has no TokenTenantId column, and the sample whose key is
      // "ExternalAccess " (trailing space) reaches Sentinel without a value.
      const sentinel = s.container.startsWith('sentinel');
      const strip = (r: Omit<MiaRecord, 'provenance'>) => {
        if (!sentinel) return r;
        const copy = { ...r };
        delete copy.tokenTenantId;
        delete copy.externalAccess;
        return copy;
      };
      assert.deepEqual(byId(inv.records).map(strip), expected.map(strip), `${file} (${s.container})`);
      assert.equal(s.duplicates, 1, `${file}: the ANONYMIZED pair`);
      compared++;
    }
    assert.ok(compared >= 20, `only ${compared} containers compared`);
  });

  it('re-reads the raw AuditData of a record from a CSV by its byte offset', async () => {
    const inv = await load('purview-classic-crlf.csv');
    for (const r of inv.records) {
      const raw = await inv.readRawAuditData(r);
      assert.equal(raw.Id, r.id);
    }
    await inv.close();
  });

  it('rejected rows of broken exports carry their line and reason', async () => {
    const inv = await load('purview-new-broken.csv');
    const s = inv.sources[0];
    assert.equal(s.rejected.length, 5);
    assert.ok(s.rejected.every((r) => r.line > 1 && r.reason.length > 10));
    assert.equal(s.records + s.duplicates + s.rejected.length, s.rows);
  });
});
