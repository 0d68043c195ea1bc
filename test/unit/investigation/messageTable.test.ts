import * as assert from 'node:assert/strict';
import { MessageTable, messageIdHash } from '../../../src/core/investigation/messageTable';
import type { MessageRef } from '../../../src/core/model';

/** Ids of 100 characters that differ only in their second one (not sampled by the hash). */
const crowdedIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `<${String.fromCharCode(0x100 + i)}${'x'.repeat(96)}@>`);

const msg = (id: string, extra: Partial<MessageRef> = {}): MessageRef => ({
  internetMessageId: id,
  key: id.slice(1, -1).toLowerCase(),
  sizeInBytes: 10,
  ...extra,
});

/** The message the table holds for `m`'s values: `m` itself when it held none (it holds `m` from then on). */
const shared = (t: MessageTable, m: MessageRef) =>
  t.shared(m.internetMessageId, m.key, m.sizeInBytes, m.subject, () => m);
describe('investigation: the message table of the interner', () => {
  it('finds a message only by equal id, key, size and subject', () => {
    const t = new MessageTable();
    const m = msg('<A@b>', { subject: 'Hi' });
    assert.equal(shared(t, m), m, 'a new message is held');
    assert.equal(shared(t, { ...m }), m, 'equal values find it');
    for (const other of [
      msg('<A@c>', { subject: 'Hi' }),
      { ...m, key: 'other' },
      { ...m, sizeInBytes: 11 },
      { ...m, sizeInBytes: undefined },
      { ...m, subject: 'Re: Hi' },
      { ...m, subject: undefined },
    ])
      assert.equal(shared(t, other), other, JSON.stringify(other));
    assert.equal(t.size, 7);
  });

  it('keeps ids that share a hash apart, however many (a crowded hash is told apart by whole id)', () => {
    const ids = crowdedIds(60);
    assert.equal(new Set(ids.map(messageIdHash)).size, 1, 'the ids share one hash');
    const t = new MessageTable();
    const held: MessageRef[] = [];
    for (const id of ids)
      for (const extra of [{}, { sizeInBytes: 20 }, { subject: 'S' }]) {
        const m = msg(id, extra);
        assert.equal(shared(t, m), m);
        held.push(m);
      }
    assert.equal(t.size, held.length);
    for (const m of held) assert.equal(shared(t, { ...m }), m);
    assert.equal(t.size, held.length);
    const absent = msg(`<${String.fromCharCode(0x200)}${'x'.repeat(96)}@>`);
    assert.equal(shared(t, absent), absent);
  });

  it('spreads message ids that vary in most of their characters (as real ones do) over distinct hashes', () => {
    const hex = (n: number) => (n >>> 0).toString(16).toUpperCase().padStart(8, '0');
    const ids = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<BN8PR12MB${hex(Math.imul(i, 0x9e3779b1))}${hex(Math.imul(i, 0x85ebca6b))}@BN8PR12MB8603.namprd12.prod.outlook.com>`,
    );
    assert.ok(new Set(ids.map(messageIdHash)).size > 9_990);
  });
});
