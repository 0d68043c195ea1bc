import * as assert from 'node:assert/strict';
import { FolderStore } from '../../../src/core/investigation/folderStore';
import { GIVEN_KEY } from '../../../src/core/investigation/messageColumns';
import { MessageKeys } from '../../../src/core/investigation/messageKeys';
import { messageIdHash } from '../../../src/core/investigation/messageTable';
import type { FolderRef, MessageRef } from '../../../src/core/model';
import { prng } from '../../support/seededChoice';

/** The shared message `store` holds for `m`'s values, added as a new one (its key given as text). */
function heldMessage(store: FolderStore, m: MessageRef): MessageRef {
  return store.messageAt(store.addMessage(m.internetMessageId, m.key, GIVEN_KEY, m.sizeInBytes, m.subject));
}

/** Gives `keys` message codes 0, 1, … in order; returns each code's id. */
function idsOf(keys: MessageKeys, texts: string[], from = 0): number[] {
  texts.forEach((k, i) => keys.add(from + i, k));
  return texts.map((_, i) => keys.ofMessage[from + i]);
}

/** Asserts equal ids exactly for equal texts, ids counted from 0 in order of first use. */
function assertIdsFollowText(texts: string[], ids: number[]): void {
  const expected = new Map<string, number>();
  texts.forEach((t, i) => {
    if (!expected.has(t)) expected.set(t, expected.size);
    assert.equal(ids[i], expected.get(t), `key ${i} (${t.slice(0, 12)}…)`);
  });
}

describe('investigation: message key ids', () => {
  it('gives equal keys one id and different keys different ids, across growth', () => {
    const next = prng(3);
    const texts = Array.from({ length: 20_000 }, () => `m${next(6000)}@host${next(3)}.example`);
    const all: string[] = [];
    const keys = new MessageKeys((code) => all[code]);
    all.push(...texts);
    const ids = idsOf(keys, texts);
    assertIdsFollowText(texts, ids);
    assert.equal(keys.count, new Set(texts).size);
  });

  it('tells apart keys whose sampled hash is equal, by their text', () => {
    // Over 24 characters the hash samples some positions only: position 1 of a 100-character key
    // is not one of them.
    const base = 'x'.repeat(100);
    const texts = ['a', 'b', 'c', 'a', 'c'].map((c) => base[0] + c + base.slice(2));
    assert.equal(new Set(texts.map(messageIdHash)).size, 1, 'one hash for all');
    const keys = new MessageKeys((code) => texts[code]);
    assertIdsFollowText(texts, idsOf(keys, texts));
    assert.equal(keys.count, 3);
  });

  it('keeps the ids after compact, and finds the earlier keys when more messages come', () => {
    const texts: string[] = [];
    const keys = new MessageKeys((code) => texts[code]);
    texts.push(...Array.from({ length: 3000 }, (_, i) => `k${i % 1700}`));
    const first = idsOf(keys, texts);
    keys.compact();
    assert.deepEqual([...keys.ofMessage.subarray(0, texts.length)], first);
    const more = Array.from({ length: 3000 }, (_, i) => `k${(i * 7) % 2500}`);
    texts.push(...more);
    const later = idsOf(keys, more, 3000);
    assertIdsFollowText(texts, [...first, ...later]);
    assert.equal(keys.count, 2500);
  });
});

describe('investigation: folder store codes', () => {
  it('visits the codes of what decode builds, in order, and gives key ids by message key', () => {
    const store: FolderStore = new FolderStore((path, key, id): FolderRef =>
      store.folder({ path, key, id, items: [] }),
    );
    const inbox = store.folder({ path: '\\Inbox', key: 'inbox', items: [] });
    const archive = store.folder({ path: 'Archive', key: 'archive', items: [] });
    const m = [
      heldMessage(store, { internetMessageId: '<A@x>', key: 'a@x' }),
      heldMessage(store, { internetMessageId: 'b@x', key: 'b@x' }),
      heldMessage(store, { internetMessageId: 'a@x', key: 'a@x' }),
      heldMessage(store, { internetMessageId: '<A@x>', key: 'a@x', subject: 'other' }),
    ];
    assert.equal(store.messageCount, 4);
    const { ofMessage, count } = store.keyIds();
    assert.deepEqual([...ofMessage.subarray(0, 4)], [0, 1, 0, 0]);
    assert.equal(count, 2);
    const folders: FolderRef[] = [
      { path: '\\Inbox', key: 'inbox', items: [m[0], m[1]] },
      archive,
      { path: 'Archive', key: 'archive', items: [m[3], m[2], m[0]] },
    ];
    const at = store.encode(folders) as number;
    assert.equal(typeof at, 'number');
    const seen: string[] = [];
    store.visit(at, {
      folder: (code) => seen.push(`folder ${store.folderAt(code).path}`),
      message: (code) => seen.push(`message ${store.messageAt(code).internetMessageId} ${code}`),
    });
    const decoded = store.decode(at);
    const expected = decoded.flatMap((f) => [
      `folder ${f.path}`,
      ...f.items.map((x: MessageRef) => `message ${x.internetMessageId} ${m.indexOf(x)}`),
    ]);
    assert.deepEqual(seen, expected);
    assert.deepEqual(seen, [
      'folder \\Inbox',
      'message <A@x> 0',
      'message b@x 1',
      'folder Archive',
      'folder Archive',
      'message <A@x> 3',
      'message a@x 2',
      'message <A@x> 0',
    ]);
    assert.equal(store.folderAt(0), inbox);
  });
});
