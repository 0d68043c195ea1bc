import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildMailboxModel } from '../../../src/core/browse/mailboxModel';
import { findMessageAccesses, mailboxMessages } from '../../../src/core/browse/messageLookup';
import { buildSessionModel } from '../../../src/core/browse/sessionModel';
import { loadInvestigation } from '../../../src/core/investigation/investigation';
import { H, rec, T0 } from '../analysis/records';
import { generateScenario } from '../../support/generator/scenario';
import { writeExportSet } from '../../support/generator/writeExport';

function records() {
  return [
    rec({
      timeMs: T0 + 2 * H,
      session: 'evil',
      ip: '203.0.113.9',
      client: 'OWA',
      folders: [{ path: '\\Posteingang', ids: ['<B@x>', '<a@x>'], subjects: ['Rechnung'], sizes: [10] }],
    }),
    rec({
      timeMs: T0 + H,
      session: 'owner',
      ip: '192.0.2.1',
      client: 'Outlook',
      folders: [
        { path: '\\Posteingang', ids: ['<b@X>'] },
        { path: '\\Archiv', ids: ['b@x'] },
      ],
    }),
    rec({
      timeMs: T0 + 3 * H,
      access: 'Sync',
      session: 'evil',
      ip: '203.0.113.9',
      client: 'RPC',
      folders: [{ path: '\\Gesendete Elemente' }],
    }),
    rec({
      timeMs: T0 + 4 * H,
      access: 'Sync',
      session: 'evil',
      ip: '203.0.113.9',
      client: 'RPC',
      folders: [{ path: 'Posteingang' }],
    }),
    rec({ timeMs: T0, mailbox: 'Other@contoso.com', folders: [{ path: '\\Inbox', ids: ['<c@x>'] }] }),
    rec({ timeMs: T0 + 5 * H, folders: [{ path: '\\Leer', ids: [] }] }),
  ];
}

describe('browse/mailbox model', () => {
  it('groups mailbox → folder → distinct messages, with Sync folders and localised names as written', () => {
    const model = buildMailboxModel(records());
    assert.deepEqual(
      model.map((m) => [m.key, m.records, m.bind, m.sync, m.messageCount]),
      [
        ['other@contoso.com', 1, 1, 0, 1],
        ['victim@contoso.com', 5, 3, 2, 2],
      ],
    );
    const victim = model[1];
    assert.deepEqual(
      victim.folders.map((f) => [f.path, f.messages.map((m) => m.key), f.syncRecords]),
      [
        ['\\Archiv', ['b@x'], []],
        ['\\Gesendete Elemente', [], [2]],
        ['\\Posteingang', ['b@x', 'a@x'], [3]],
      ],
      'the empty Bind folder is left out; "Posteingang" and "\\Posteingang" are one folder',
    );
    const b = victim.folders[2].messages[0];
    assert.equal(b.internetMessageId, '<b@X>', 'the id as written by the earliest record');
    assert.equal(b.firstAccessMs, T0 + H);
    assert.equal(b.lastAccessMs, T0 + 2 * H);
    assert.deepEqual(b.records, [1, 0], 'records in time order');
    assert.equal(b.subject, 'Rechnung');
    assert.equal(b.sizeInBytes, 10);
  });

  it('applies the include predicate', () => {
    const model = buildMailboxModel(records(), (r) => r.sessionId === 'evil');
    assert.deepEqual(
      model.map((m) => [m.key, m.records]),
      [['victim@contoso.com', 3]],
    );
    assert.deepEqual(model[0].folders.find((f) => f.key === 'posteingang')!.messages[0].records, [0]);
  });

  it('lists every message of every mailbox once for "Go to Message ID"', () => {
    const list = mailboxMessages(buildMailboxModel(records()));
    assert.deepEqual(
      list.map((m) => [m.mailboxKey, m.message.key, m.message.folders.length]),
      [
        ['other@contoso.com', 'c@x', 1],
        ['victim@contoso.com', 'b@x', 2],
        ['victim@contoso.com', 'a@x', 1],
      ],
    );
  });
});

describe('browse/session model', () => {
  it('groups session → context (IP, client, app) → mailbox → messages and synced folders', () => {
    const model = buildSessionModel(records());
    assert.deepEqual(
      model.map((s) => [s.sessionId, s.records]),
      [
        ['owner', 1],
        ['evil', 3],
        [undefined, 2],
      ],
    );
    const evil = model[1];
    assert.deepEqual(
      evil.contexts.map((c) => [c.ip, c.clientInfo, c.records]),
      [
        ['203.0.113.9', 'OWA', 1],
        ['203.0.113.9', 'RPC', 2],
      ],
    );
    assert.deepEqual(
      evil.contexts[0].mailboxes[0].messages.map((m) => m.key),
      ['a@x', 'b@x'],
    );
    assert.deepEqual(evil.contexts[1].mailboxes[0].syncedFolders, ['\\Gesendete Elemente', 'Posteingang']);
  });
});

describe('browse/message lookup', () => {
  it('matches ids without brackets and case, and narrows by mailbox', () => {
    const rs = records();
    assert.deepEqual(
      findMessageAccesses(rs, ' B@X ').map((a) => [a.record, a.folders]),
      [
        [1, ['\\Posteingang', '\\Archiv']],
        [0, ['\\Posteingang']],
      ],
    );
    assert.deepEqual(
      findMessageAccesses(rs, '<C@x>', 'OTHER@contoso.com').map((a) => a.record),
      [4],
    );
    assert.deepEqual(findMessageAccesses(rs, '<C@x>', 'victim@contoso.com'), []);
    assert.deepEqual(findMessageAccesses(rs, ''), []);
  });
});

describe("browse models against the generator's truth", function () {
  this.timeout(120_000);
  it('mailboxes, folders and messages equal the truth', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mia-browse-'));
    try {
      const set = await writeExportSet(generateScenario({ scale: 'small' }), dir);
      const inv = await loadInvestigation(set.files.map((f) => f.path));
      const model = buildMailboxModel(inv.records);
      assert.deepEqual(
        model.map((m) => m.key),
        set.truth.mailboxes.map((m) => m.key),
      );
      for (const tm of set.truth.mailboxes) {
        const m = model.find((x) => x.key === tm.key)!;
        assert.deepEqual(
          [m.records, m.bind, m.sync, m.messageCount],
          [tm.records, tm.bind, tm.sync, tm.messages.length],
          tm.key,
        );
        const expectedFolders = new Map<string, string[]>();
        for (const msg of tm.messages)
          for (const f of msg.folders) expectedFolders.set(f, [...(expectedFolders.get(f) ?? []), msg.id]);
        for (const f of tm.syncedFolders) if (!expectedFolders.has(f)) expectedFolders.set(f, []);
        assert.deepEqual(
          m.folders.map((f) => [f.key, f.messages.map((x) => x.key).sort()]),
          [...expectedFolders.entries()]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, ids]) => [k, ids.sort()]),
          tm.key,
        );
        assert.deepEqual(
          m.folders.filter((f) => f.syncRecords.length > 0).map((f) => f.key),
          [...tm.syncedFolders].sort(),
        );
      }
      await inv.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
