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

  it('finds every message again after the table has grown many times', () => {
    const t = new MessageTable();
    const held = Array.from({ length: 20_000 }, (_, i) => msg(`<${i.toString(36)}.${i * 7}@host.example>`));
    for (const m of held) assert.equal(shared(t, m), m);
    assert.equal(t.size, held.length);
    for (const m of held) assert.equal(shared(t, { ...m }), m, m.internetMessageId);
    assert.equal(t.size, held.length);
  });

  it('finds the messages of a crowded hash among many others, before and after growth', () => {
    const t = new MessageTable();
    const crowded = crowdedIds(40).map((id) => msg(id));
    const others = Array.from({ length: 5_000 }, (_, i) => msg(`<m${i}@host.example>`));
    const held: MessageRef[] = [];
    // Crowded ids arrive among the others: some before the hash crowds, some after, with growth between.
    for (let i = 0; i < others.length; i++) {
      held.push(others[i]);
      assert.equal(shared(t, others[i]), others[i]);
      if (i % 120 === 0 && crowded.length > 0) {
        const m = crowded.pop() as MessageRef;
        held.push(m);
        assert.equal(shared(t, m), m);
        for (const known of held)
          if (known.internetMessageId.length > 90) assert.equal(shared(t, { ...known }), known);
      }
    }
    assert.equal(crowded.length, 0);
    assert.equal(t.size, held.length);
    for (const m of held) assert.equal(shared(t, { ...m }), m);
    assert.equal(t.size, held.length);
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
