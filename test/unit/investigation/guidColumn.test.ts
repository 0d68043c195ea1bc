import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { GuidColumn } from '../../../src/core/investigation/guidColumn';
import { Interner } from '../../../src/core/investigation/interner';
import { normaliseAudit } from '../../../src/core/normalise/normaliseAudit';
import type { MiaRecord } from '../../../src/core/model';
import { miaAudit } from '../normalise/auditBuilders';

describe('investigation: record ids held as GUIDs', () => {
  it('gives back every lower-case GUID it holds, across its chunks, each at its position', () => {
    const column = new GuidColumn();
    const ids = Array.from({ length: 70_000 }, (_, i) =>
      i === 0
        ? '00000000-0000-0000-0000-000000000000'
        : i === 1
          ? 'ffffffff-ffff-ffff-ffff-ffffffffffff'
          : randomUUID(),
    );
    ids.forEach((id, i) => assert.equal(column.add(id), i));
    assert.equal(column.size, ids.length);
    ids.forEach((id, i) => assert.equal(column.text(i), id));
    // Written into a buffer from an offset: the 36 bytes of the text, nothing around them touched.
    const out = Buffer.alloc(40, '?');
    for (const i of [0, 1, 65_536, 69_999]) {
      column.writeText(i, out, 2);
      assert.equal(out.toString('latin1'), `??${ids[i]}??`);
    }
  });

  it('takes nothing but a lower-case GUID, and a refused id leaves the others as they were', () => {
    const column = new GuidColumn();
    const good = '9ede7a53-a292-4a54-856b-5fd0000493df';
    assert.equal(column.add(good), 0);
    for (const id of [
      good.toUpperCase(),
      good.slice(0, 35),
      `${good}0`,
      good.replace(/-/g, 'x'),
      `${good.slice(0, 8)}0${good.slice(9)}`,
      `${good.slice(0, 35)}g`,
      'ANONYMIZED',
      '',
      `{${good.slice(1, 35)}}`,
    ])
      assert.equal(column.add(id), -1, id);
    assert.equal(column.size, 1);
    const next = '08c46c33-77d5-442e-a052-0e77000493de';
    assert.equal(column.add(next), 1);
    assert.equal(column.text(0), good);
    assert.equal(column.text(1), next);
  });

  it('a kept record reads its id from the column, and one of another form keeps its text', () => {
    const interner = new Interner();
    interner.beginSource(0);
    const compact = (id: string) => {
      const r = normaliseAudit(miaAudit({ id, time: '2024-03-01T10:00:00' }));
      if (r.kind !== 'mia') throw new Error('not a MailItemsAccessed record');
      return interner.compact(r.record);
    };
    // Reads of the column: a kept record whose id it holds has no text of its own left.
    let reads = 0;
    const proto = GuidColumn.prototype;
    const text = Object.getOwnPropertyDescriptor(proto, 'text')!.value as (
      this: GuidColumn,
      at: number,
    ) => string;
    proto.text = function (this: GuidColumn, at: number) {
      reads++;
      return text.call(this, at);
    };
    const ids = [
      '9ede7a53-a292-4a54-856b-5fd0000493df',
      'ANONYMIZED',
      '9EDE7A53-A292-4A54-856B-5FD0000493DF',
    ];
    const records = ids.map(compact);
    try {
      records.forEach((r, i) => {
        assert.equal(r.id, ids[i], 'before it is kept');
        assert.equal(reads, 0);
        r.place(i + 1, 0, 1);
        assert.equal(r.id, ids[i], 'once kept');
        assert.equal((JSON.parse(JSON.stringify(r)) as MiaRecord).id, ids[i]);
        assert.equal(reads, i === 0 ? 2 : 0, ids[i]);
        reads = 0;
        // Only the id held in the column is written from it (the report's way), as its text.
        assert.equal(r.holdsGuidId(), i === 0, ids[i]);
        if (r.holdsGuidId()) {
          const out = Buffer.alloc(38, '"');
          r.writeGuidId(out, 1);
          assert.equal(out.toString('latin1'), JSON.stringify(ids[i]));
          assert.equal(reads, 0);
        }
      });
    } finally {
      proto.text = text;
    }
  });
});
