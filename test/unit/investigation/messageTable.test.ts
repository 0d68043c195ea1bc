import * as assert from 'node:assert/strict';
import { MessageColumns } from '../../../src/core/investigation/messageColumns';
import { MessageTable, messageIdHash } from '../../../src/core/investigation/messageTable';
import type { MessageRef } from '../../../src/core/model';
import {
  DERIVED_KEY_KINDS,
  derivedMessageKey,
  KEY_INNER,
  KEY_INNER_LOWER,
  NONE,
  type DerivedKeyKind,
} from '../../../src/core/worker/rowBatchFormat';

/** Ids of 100 characters that differ only in their second one (not sampled by the hash). */
const crowdedIds = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `<${String.fromCharCode(0x100 + i)}${'x'.repeat(96)}@>`);

const msg = (id: string, extra: Partial<MessageRef> = {}): MessageRef => ({
  internetMessageId: id,
  key: id.slice(1, -1).toLowerCase(),
  sizeInBytes: 10,
  ...extra,
});

/**
 * A table over columns of its own, its lookups given back as message objects: per code, the object
 * it was added for (`shared`), or one made from its columns.
 */
class HeldMessages {
  private readonly columns = new MessageColumns();
  private readonly table = new MessageTable(this.columns);
  private readonly objects: MessageRef[] = [];

  get size(): number {
    return this.table.size;
  }

  /** The message held for `m`'s values: `m` itself when none was (held from then on). */
  shared(m: MessageRef): MessageRef {
    return this.lookup(m.internetMessageId, m.key, m.sizeInBytes, m.subject, m);
  }

  /** The message held for these values, its key given as text: `added` when none was. */
  lookup(
    id: string,
    key: string,
    size: number | undefined,
    subject: string | undefined,
    added: MessageRef,
  ): MessageRef {
    return this.objects[this.table.shared(id, key, size, subject, (...v) => this.add(v, added))];
  }

  /** The message held for `id` with its key made as `kind` says: a new one made then. */
  derived(id: string, kind: DerivedKeyKind, size?: number, subject?: string): MessageRef {
    return this.objects[this.table.derived(id, kind, size, subject, (...v) => this.add(v))];
  }

  private add(values: Parameters<MessageColumns['add']>, given?: MessageRef): number {
    const c = this.columns;
    const code = c.add(...values);
    const size = c.sizeAt(code);
    const subject = c.subjectAt(code);
    this.objects[code] = given ?? {
      internetMessageId: c.idAt(code),
      key: c.keyAt(code),
      ...(size === undefined ? {} : { sizeInBytes: size }),
      ...(subject === undefined ? {} : { subject }),
    };
    return code;
  }
}

const shared = (t: HeldMessages, m: MessageRef) => t.shared(m);
const derived = (t: HeldMessages, id: string, kind: DerivedKeyKind, size?: number, subject?: string) =>
  t.derived(id, kind, size, subject);

const KINDS = DERIVED_KEY_KINDS;

describe('investigation: the message table of the interner', () => {
  it('finds a message only by equal id, key, size and subject', () => {
    const t = new HeldMessages();
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

  it('finds a message by a key made from its id as the one given as text, and tells kinds apart by the key they make', () => {
    const t = new HeldMessages();
    const id = '<Ab.Cd@Host>';
    const made = KINDS.map((kind) => derived(t, id, kind, 10));
    assert.deepEqual(
      made.map((m) => m.key),
      KINDS.map((kind) => derivedMessageKey(id, kind)),
    );
    assert.deepEqual(
      made.map((m) => m.key),
      ['<Ab.Cd@Host>', 'Ab.Cd@Host', '<ab.cd@host>', 'ab.cd@host'],
    );
    assert.equal(t.size, 4, 'four distinct keys: four messages');
    KINDS.forEach((kind, i) => assert.equal(derived(t, id, kind, 10), made[i], 'the same kind finds it'));
    made.forEach((m) =>
      assert.equal(t.lookup(id, m.key, 10, undefined, msg('<x@y>')), m, 'so does its key as text'),
    );
    const given = { internetMessageId: '<x@host>', key: 'x@host', sizeInBytes: 1 };
    assert.equal(t.lookup(given.internetMessageId, given.key, 1, undefined, given), given);
    assert.equal(
      derived(t, '<x@host>', KEY_INNER, 1),
      given,
      'a key given as text is found by the kind that makes it',
    );
    assert.equal(
      derived(t, '<x@host>', KEY_INNER_LOWER, 1),
      given,
      'and by another kind making the same key',
    );
    assert.notEqual(derived(t, '<x@host>', NONE, 1), given, 'but not by one making another key');
    assert.notEqual(derived(t, id, KEY_INNER, 11), made[1], 'nor with another size');
    assert.notEqual(derived(t, id, KEY_INNER, 10, 'S'), made[1], 'nor with a subject');
  });

  it('finds messages by the kind of their key among crowded hashes too', () => {
    const t = new HeldMessages();
    const ids = crowdedIds(40);
    const held = ids.map((id, i) => derived(t, id, KINDS[i % 4]));
    assert.equal(t.size, ids.length);
    ids.forEach((id, i) => assert.equal(derived(t, id, KINDS[i % 4]), held[i], id));
    ids.forEach((id, i) =>
      assert.equal(t.lookup(id, held[i].key, undefined, undefined, msg('<x@y>')), held[i]),
    );
    assert.equal(t.size, ids.length);
  });

  it('keeps ids that share a hash apart, however many (a crowded hash is told apart by whole id)', () => {
    const ids = crowdedIds(60);
    assert.equal(new Set(ids.map(messageIdHash)).size, 1, 'the ids share one hash');
    const t = new HeldMessages();
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
    const t = new HeldMessages();
    const held = Array.from({ length: 20_000 }, (_, i) => msg(`<${i.toString(36)}.${i * 7}@host.example>`));
    for (const m of held) assert.equal(shared(t, m), m);
    assert.equal(t.size, held.length);
    for (const m of held) assert.equal(shared(t, { ...m }), m, m.internetMessageId);
    assert.equal(t.size, held.length);
  });

  it('finds the messages of a crowded hash among many others, before and after growth', () => {
    const t = new HeldMessages();
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
