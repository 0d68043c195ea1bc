import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { plainRecord } from '../../../src/core/investigation/compactRecord';
import { Interner } from '../../../src/core/investigation/interner';
import { Investigation } from '../../../src/core/investigation/investigation';
import type { FolderRef, MessageRef, MiaRecord } from '../../../src/core/model';
import { buildScopeReport } from '../../../src/core/report/buildReport';
import { miaAudit } from '../normalise/auditBuilders';
import { memoryExport, openFakeJsonLines } from './fakeReader';
import { fixturePath } from '../../support/paths';

type Loose = Omit<MiaRecord, 'provenance'>;

const message = (id: string, extra: Partial<MessageRef> = {}): MessageRef => ({
  internetMessageId: id,
  key: id.replace(/^<|>$/g, '').toLowerCase(),
  sizeInBytes: 1000,
  ...extra,
});

const folder = (path: string, items: MessageRef[], id?: string): FolderRef => ({
  path,
  key: path.replace(/^\\/, '').toLowerCase(),
  items,
  ...(id === undefined ? {} : { id }),
});

const record = (id: string, folders: FolderRef[]): Loose => ({
  id,
  timeMs: 0,
  mailbox: 'a@contoso.com',
  mailboxKey: 'a@contoso.com',
  accessType: folders.some((f) => f.items.length > 0) ? 'Bind' : 'Sync',
  folders,
});

/** What a record says about its folders and messages, as plain data (no identity). */
const plain = (r: Loose): unknown => JSON.parse(JSON.stringify(r.folders));

describe('investigation: the interner shares repeated messages and folders', () => {
  it('gives two records listing the same message one frozen MessageRef with the right values', () => {
    const interner = new Interner();
    const a = record('r1', [folder('\\Inbox', [message('<M1@x>', { subject: 'Hello' }), message('<M2@x>')])]);
    const b = record('r2', [folder('\\Archive', [message('<M1@x>', { subject: 'Hello' })])]);
    const expectA = plain(a);
    const expectB = plain(b);
    const ca = interner.compact(a);
    const cb = interner.compact(b);
    assert.equal(ca.folders[0].items[0], cb.folders[0].items[0], 'one shared object');
    assert.deepEqual(plain(ca), expectA);
    assert.deepEqual(plain(cb), expectB);
    assert.ok(Object.isFrozen(ca.folders[0].items[0]));
    assert.equal(interner.messageCount, 2);
  });

  it('keeps messages apart when the same id comes with another size, subject or key', () => {
    const interner = new Interner();
    const variants = [
      message('<M1@x>'),
      message('<M1@x>', { sizeInBytes: 2000 }),
      message('<M1@x>', { subject: 'Re: x' }),
      message('<M1@x>', { sizeInBytes: undefined }),
      message('<M1@x>', { key: 'other' }),
    ];
    const records = variants.map((m, i) => record(`r${i}`, [folder('\\Inbox', [m])]));
    const expected = records.map(plain);
    const compact = records.map((r) => interner.compact(r));
    assert.deepEqual(compact.map(plain), expected);
    assert.equal(new Set(compact.map((r) => r.folders[0].items[0])).size, variants.length);
    // A repeat of each variant finds its own copy.
    const again = variants.map((m, i) => interner.compact(record(`s${i}`, [folder('\\Inbox', [{ ...m }])])));
    again.forEach((r, i) => assert.equal(r.folders[0].items[0], compact[i].folders[0].items[0]));
  });

  it('shares an item-less folder only when its path, key and id are the same, and the messages of others', () => {
    const interner = new Interner();
    const m1 = () => message('<M1@x>');
    const loose = [
      record('a', [folder('\\Inbox', [m1()], 'F1')]),
      record('b', [folder('\\Inbox', [m1()], 'F1')]),
      record('c', [folder('\\Sent', [m1(), message('<M2@x>')], 'F2')]),
      record('f', [folder('\\Inbox', [], 'F1')]),
      record('g', [folder('\\Inbox', [], 'F1')]),
      record('h', [folder('\\Inbox', [], 'F2')]),
      record('i', [folder('\\Inbox', [])]),
      record('j', [folder('\\Sent', [], 'F1')]),
    ];
    const expected = loose.map(plain);
    const rs = loose.map((r) => interner.compact(r));
    assert.deepEqual(rs.map(plain), expected);
    const f = rs.map((r) => r.folders[0]);
    assert.equal(new Set(f).size, 7, 'only f and g share their folder');
    assert.equal(f[3], f[4]);
    assert.equal(f[0].items[0], f[1].items[0]);
    assert.equal(f[0].items[0], f[2].items[0]);
    // A Sync record's one-folder list is shared too.
    assert.equal(rs[3].folders, rs[4].folders);
    assert.notEqual(rs[3].folders, rs[5].folders);
  });

  it('lets no write to a shared message, folder or list leak into another record', () => {
    const interner = new Interner();
    const a = interner.compact(record('a', [folder('\\Inbox', [message('<M1@x>', { subject: 'S' })])]));
    const b = interner.compact(record('b', [folder('\\Sent', [message('<M1@x>', { subject: 'S' })])]));
    const s1 = interner.compact(record('s1', [folder('\\Inbox', [])]));
    const s2 = interner.compact(record('s2', [folder('\\Inbox', [])]));
    assert.equal(a.folders[0].items[0], b.folders[0].items[0]);
    assert.throws(() => {
      a.folders[0].items[0].subject = 'changed';
    }, TypeError);
    assert.throws(() => {
      (a.folders[0].items[0] as { sizeInBytes?: number }).sizeInBytes = 1;
    }, TypeError);
    // A record's own item list stays its own.
    a.folders[0].items.push(message('<M9@x>'));
    assert.throws(() => {
      s1.folders[0].path = '\\Elsewhere';
    }, TypeError);
    assert.throws(() => {
      s1.folders.push(folder('\\Sent', []));
    }, TypeError);
    assert.equal(b.folders[0].items[0].subject, 'S');
    assert.equal(b.folders[0].items.length, 1);
    assert.equal(s2.folders[0].path, '\\Inbox');
    assert.equal(s2.folders.length, 1);
    // A record's own list (several folders) stays its own to change.
    const c = interner.compact(record('c', [folder('\\Inbox', []), folder('\\Sent', [])]));
    assert.ok(!Object.isFrozen(c.folders));
  });

  it('gives the same scope report as records that share nothing', async () => {
    // Several Binds of the same messages, folders repeated, Syncs of the same folder.
    const audits = [];
    for (let i = 0; i < 30; i++) {
      const ids = [`<M${i % 7}@x>`, `<M${(i * 3) % 11}@x>`];
      audits.push(
        miaAudit({
          id: `r${i}`,
          time: `2024-03-01T10:${String(i).padStart(2, '0')}:00`,
          session: `s${i % 3}`,
          access: i % 4 === 0 ? 'Sync' : 'Bind',
          folders: [{ path: i % 2 ? '\\Inbox' : '\\Archive', ids: i % 4 === 0 ? [] : ids }],
        }),
      );
    }
    const inv = new Investigation(openFakeJsonLines);
    await inv.addSource(memoryExport('a.jsonl', audits));
    const messages = new Set(inv.records.flatMap((r) => r.folders.flatMap((f) => f.items)));
    const listed = inv.records.reduce((n, r) => n + r.folders.reduce((k, f) => k + f.items.length, 0), 0);
    assert.ok(messages.size < listed, `${messages.size} shared objects for ${listed} listed messages`);
    const now = new Date(Date.UTC(2025, 0, 1));
    const shared = buildScopeReport(inv, { now });
    const apart = buildScopeReport(
      { sources: inv.sources, records: structuredClone(inv.records.map(plainRecord)) },
      { now },
    );
    assert.deepEqual(shared, apart);
    assert.ok(shared.mailboxes.length > 0);
  });

  it('gives the same scope report as records that share nothing, for the published samples', async () => {
    const inv = new Investigation();
    const samples = readdirSync(fixturePath('samples')).map((f) => fixturePath('samples', f));
    await inv.addPaths(samples, { ingest: { workers: 0 } });
    assert.ok(inv.records.length > 0);
    const now = new Date(Date.UTC(2025, 0, 1));
    const apart = {
      sources: inv.sources,
      records: structuredClone(inv.records.map(plainRecord)),
      skipped: inv.skipped,
    };
    assert.deepEqual(buildScopeReport(inv, { now }), buildScopeReport(apart, { now }));
  });
});
