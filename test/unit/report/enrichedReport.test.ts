import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Enrichment } from '../../../src/core/enrich/enrichTypes';
import { messageIdKey } from '../../../src/core/normalise/matchKeys';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeSampleWorkspace, type SampleWorkspace } from '../../support/generator/sampleWorkspace';
import {
  GRAPH_APP_ID,
  TestLabeller,
  testMetadataIndex,
  testSource,
  type TestEntry,
} from './enrichmentFixture';

const NOW = new Date('2026-01-01T00:00:00Z');

/** Fields of the report before issue 7: a report without enrichment keeps all of them, unchanged. */
const BASE_KEYS = [
  'schemaVersion',
  'generatedUtc',
  'filters',
  'throttle',
  'sources',
  'skipped',
  'totals',
  'mailboxes',
  'coverage',
  'notes',
];
const ADDED_KEYS = [
  'classification',
  'metadataSources',
  'unmatchedMessageIds',
  'labels',
  'method',
  'limitations',
];

describe('report/enriched (sample workspace)', function () {
  this.timeout(60_000);
  let dir: string;
  let ws: SampleWorkspace;
  let plain: ScopeReport;
  let enriched: ScopeReport;
  let entries: TestEntry[];
  let labeller: TestLabeller;
  let enrichment: Enrichment;
  let leftOut: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-enriched-'));
    ws = await writeSampleWorkspace(dir);
    plain = await runScope({ inputs: [ws.exportsDir], now: NOW });
    const a = ws.scenario.planted.attacker;
    // Metadata for every planted message but the first, as an eDiscovery export would give it.
    leftOut = a.messages[0].internetMessageId;
    entries = a.messages.slice(1).map((m, i) => ({
      internetMessageId:
        i % 2 === 0 ? m.internetMessageId.toUpperCase() : `<${messageIdKey(m.internetMessageId)}>`,
      subject: `Quarterly numbers ${i}`,
      sender: `cfo${i}@contoso.com`,
      recipients: [m.mailbox],
      sentMs: Date.UTC(2025, 0, 1, 9, i),
      receivedMs: Date.UTC(2025, 0, 1, 9, i, 30),
      hasAttachments: i % 3 === 0,
      location: m.mailbox,
      folderPath: m.folderPath,
      origins: [
        { sourceIndex: 1, line: 10 + i },
        { sourceIndex: 0, line: 2 + i },
      ],
    }));
    // Items placed in the first synced folder, written the ways exports write paths; and decoys.
    const synced = a.syncedFolders[0];
    const bare = synced.folderPath.replace(/^\\/, '');
    entries.push(
      {
        internetMessageId: '<in-synced-1@contoso.com>',
        location: synced.mailbox,
        folderPath: `${synced.mailbox}\\${bare}`,
      },
      {
        internetMessageId: '<in-synced-2@contoso.com>',
        location: synced.mailbox,
        folderPath: `/${bare.replace(/\\/g, '/')}`,
      },
      {
        internetMessageId: '<in-synced-3@contoso.com>',
        location: synced.mailbox.toUpperCase(),
        folderPath: `Top of Information Store\\${bare}`,
      },
      {
        internetMessageId: '<other-mailbox@contoso.com>',
        location: 'nobody@contoso.com',
        folderPath: synced.folderPath,
      },
      {
        internetMessageId: '<subfolder@contoso.com>',
        location: synced.mailbox,
        folderPath: `${synced.folderPath}\\Sub`,
      },
    );
    labeller = new TestLabeller(
      {
        [a.clientAppId]: { name: 'Evil Mail Sync', publisher: 'third-party', kind: 'abused', flagged: true },
      },
      { [a.ip]: { kind: 'public', asn: 64500, asOrganization: 'Bulletproof Hosting', country: 'NL' } },
    );
    enrichment = {
      metadata: testMetadataIndex(entries, [
        testSource(path.join(dir, 'Results.csv'), { rejected: [{ line: 7, reason: 'cut short' }] }),
        testSource(path.join(dir, 'trace.csv'), { format: 'message-trace', encoding: 'utf-16le' }),
      ]),
      labels: labeller,
    };
    enriched = await runScope({ inputs: [ws.exportsDir], now: NOW, enrichment });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('without enrichment: only fields are added, with empty values', () => {
    assert.deepEqual(Object.keys(plain), [...BASE_KEYS, ...ADDED_KEYS]);
    assert.equal(plain.unmatchedMessageIds, null);
    assert.deepEqual(plain.metadataSources, []);
    assert.deepEqual(plain.labels, { apps: [], ips: [] });
    for (const m of plain.mailboxes) {
      for (const c of m.contexts) assert.ok(c.appLabel === null && c.ipLabel === null);
      for (const msg of m.messages) {
        assert.equal(msg.sender, null);
        assert.deepEqual(msg.recipients, []);
        assert.equal(msg.subjectFrom, msg.subject === null ? null : 'audit');
        assert.deepEqual(msg.metadataOrigins, []);
      }
    }
    // Everything that was there before is the same with enrichment, except what metadata fills in.
    assert.deepEqual(
      enriched.mailboxes.map((m) => [m.mailbox, m.records, m.messages.length, m.syncedFolders.length]),
      plain.mailboxes.map((m) => [m.mailbox, m.records, m.messages.length, m.syncedFolders.length]),
    );
  });

  it('joins metadata on the normalised id; an audit subject wins', () => {
    const byKey = new Map(enriched.mailboxes.flatMap((m) => m.messages.map((msg) => [msg.key, msg])));
    let joined = 0;
    for (const e of entries) {
      const msg = byKey.get(messageIdKey(e.internetMessageId));
      if (!msg) continue;
      joined++;
      assert.equal(msg.sender, e.sender);
      assert.deepEqual(msg.recipients, e.recipients);
      assert.equal(msg.sentUtc, new Date(e.sentMs!).toISOString().replace('.000Z', 'Z'));
      assert.equal(msg.receivedUtc, new Date(e.receivedMs!).toISOString().replace('.000Z', 'Z'));
      assert.equal(msg.hasAttachments, e.hasAttachments);
      const plainMsg = plain.mailboxes.flatMap((m) => m.messages).find((p) => p.key === msg.key)!;
      if (plainMsg.subject !== null) {
        assert.equal(msg.subject, plainMsg.subject);
        assert.equal(msg.subjectFrom, 'audit');
      } else {
        assert.equal(msg.subject, e.subject);
        assert.equal(msg.subjectFrom, 'metadata');
      }
      // Origins sorted by source, then line, and naming the metadata file.
      assert.deepEqual(
        msg.metadataOrigins.map((o) => [o.source, o.line]),
        [...e.origins!]
          .sort((x, y) => x.sourceIndex - y.sourceIndex)
          .map((o) => [enriched.metadataSources[o.sourceIndex].path, o.line]),
      );
    }
    assert.equal(joined, ws.scenario.planted.attacker.messages.length - 1);
  });

  it('lists the accessed ids no metadata source names, sorted and distinct', () => {
    const known = new Set(entries.map((e) => messageIdKey(e.internetMessageId)));
    const expected = [
      ...new Map(
        enriched.mailboxes
          .flatMap((m) => m.messages)
          .filter((msg) => !known.has(msg.key))
          .map((msg) => [msg.key, msg.internetMessageId]),
      ),
    ]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, id]) => id);
    assert.deepEqual(enriched.unmatchedMessageIds, expected);
    assert.ok(enriched.unmatchedMessageIds.some((id) => messageIdKey(id) === messageIdKey(leftOut)));
  });

  it('lists the metadata sources with SHA-256, format and rejected rows', () => {
    assert.deepEqual(
      enriched.metadataSources.map((s) => [
        path.basename(s.path),
        s.sha256,
        s.format,
        s.encoding,
        s.rejected,
      ]),
      [
        ['Results.csv', 'a'.repeat(64), 'purview-results', 'utf-8', 1],
        ['trace.csv', 'a'.repeat(64), 'message-trace', 'utf-16le', 0],
      ],
    );
    assert.deepEqual(enriched.metadataSources[0].rejectedRows, [{ line: 7, reason: 'cut short' }]);
    const lim = enriched.limitations.find((l) => l.id === 'unreadable-metadata');
    assert.deepEqual(lim?.files, [{ path: path.join(dir, 'Results.csv'), count: 1 }]);
  });

  it('labels apps (ClientAppId behind Graph) and IPs of every context, each value once', () => {
    const a = ws.scenario.planted.attacker;
    const contexts = enriched.mailboxes.flatMap((m) => m.contexts);
    const graph = contexts.filter((c) => c.appId === GRAPH_APP_ID && c.clientAppId === a.clientAppId);
    assert.ok(graph.length > 0, 'the attacker reads through Graph');
    for (const c of graph) {
      assert.equal(c.appLabel?.appId, a.clientAppId);
      assert.equal(c.appLabel?.name, 'Evil Mail Sync');
    }
    const fromAttacker = contexts.filter((c) => c.ip === a.ip);
    assert.ok(fromAttacker.length > 0);
    for (const c of fromAttacker)
      assert.deepEqual(c.ipLabel, {
        ip: a.ip,
        kind: 'public',
        asn: 64500,
        asOrganization: 'Bulletproof Hosting',
        country: 'NL',
      });
    for (const c of contexts) assert.equal(c.ipLabel === null, c.ip === null);
    const ips = new Set(contexts.map((c) => c.ip).filter((ip) => ip !== null));
    assert.equal(labeller.ipCalls, ips.size, 'each IP labelled once');
    assert.deepEqual(
      enriched.labels.ips.map((l) => l.ip),
      [...ips].sort(),
    );
    assert.ok(enriched.labels.apps.some((l) => l.appId === a.clientAppId && l.flagged));
  });

  it('confirmed read holds every planted attacker message; potentially read every planted synced folder', () => {
    const a = ws.scenario.planted.attacker;
    const c = enriched.classification;
    assert.equal(c.confirmedRead.messages, enriched.totals.messages);
    for (const pm of a.messages) {
      const m = enriched.mailboxes.find((x) => x.mailboxKey === pm.mailbox.toLowerCase())!;
      assert.ok(
        m.messages.some((msg) => msg.key === messageIdKey(pm.internetMessageId)),
        pm.internetMessageId,
      );
      const row = c.confirmedRead.mailboxes.find((x) => x.mailbox === m.mailbox)!;
      assert.equal(row.messages, m.messages.length);
    }
    for (const sf of a.syncedFolders) {
      assert.ok(
        c.potentiallyRead.items.some(
          (f) =>
            f.mailboxKey === sf.mailbox.toLowerCase() &&
            f.folderKey === sf.folderPath.replace(/^\\/, '').toLowerCase(),
        ),
        `${sf.mailbox} ${sf.folderPath}`,
      );
    }
    assert.equal(c.potentiallyRead.folders, enriched.totals.syncedFolders);
  });

  it("counts a synced folder's known messages from metadata that places them (mailbox and folder)", () => {
    const a = ws.scenario.planted.attacker;
    const sf = a.syncedFolders[0];
    const key = sf.folderPath.replace(/^\\/, '').toLowerCase();
    const item = enriched.classification.potentiallyRead.items.find(
      (f) => f.mailboxKey === sf.mailbox.toLowerCase() && f.folderKey === key,
    )!;
    // Planted messages of that mailbox and folder (they have metadata), plus the three placed ones.
    const planted = a.messages
      .slice(1)
      .filter(
        (m) =>
          m.mailbox.toLowerCase() === sf.mailbox.toLowerCase() &&
          m.folderPath.replace(/^\\/, '').toLowerCase() === key,
      );
    assert.equal(item.knownMessages, planted.length + 3);
    assert.equal(item.knownMessagesConfirmed, planted.length);
    // Without metadata nothing is known about a folder's content.
    for (const f of plain.classification.potentiallyRead.items) assert.equal(f.knownMessages, null);
    assert.equal(plain.classification.potentiallyRead.knownMessages, null);
  });

  it('unknown holds every throttled window, with its opening record', () => {
    const windows = enriched.mailboxes.flatMap((m) =>
      m.throttledWindows.map((w) => [m.mailbox, w.startUtc, w.endUtc]),
    );
    const items = enriched.classification.unknown.items.filter((u) => u.kind === 'throttled');
    assert.deepEqual(
      items.map((u) => [u.mailbox, u.startUtc, u.endUtc]),
      windows,
    );
    const planted = [ws.scenario.planted.throttledFlag.mailbox, ws.scenario.planted.throttledVolume.mailbox];
    for (const mb of planted)
      assert.ok(
        items.some((u) => u.mailbox.toLowerCase() === mb.toLowerCase()),
        mb,
      );
    for (const u of items) assert.ok(u.record && u.record.line > 0);
  });

  it('states method and limitations, naming the files with rejected rows', () => {
    const ids = enriched.limitations.map((l) => l.id);
    for (const id of [
      'throttling',
      'aggregation',
      'deduplication',
      'logging-delay',
      'retention',
      'licensing',
      'unreadable-records',
      'truncated-exports',
    ] as const)
      assert.ok(ids.includes(id), id);
    const text = (id: string) => enriched.limitations.find((l) => l.id === id)!.text;
    assert.match(text('aggregation'), /2 minutes/);
    assert.match(text('deduplication'), /an hour/);
    assert.match(text('logging-delay'), /24 hours late/);
    assert.match(text('throttling'), /more than 1,000 MailItemsAccessed records in 24 hours/);
    const rejected = enriched.limitations.find((l) => l.id === 'unreadable-records')!;
    assert.deepEqual(
      rejected.files,
      enriched.sources
        .filter((s) => s.rejected.length > 0)
        .map((s) => ({ path: s.path, count: s.rejected.length })),
    );
    assert.ok(rejected.files.length > 0, 'the sample has broken rows');
    assert.ok(enriched.limitations.some((l) => l.id === 'unmatched-metadata'));
    assert.ok(
      !plain.limitations.some((l) => l.id === 'unmatched-metadata' || l.id === 'unreadable-metadata'),
    );
    assert.ok(enriched.method.some((m) => /joined from the metadata sources/.test(m)));
    assert.ok(!plain.method.some((m) => /joined from the metadata sources/.test(m)));
  });

  it('is deterministic with enrichment: two runs give the same JSON', async () => {
    const again = await runScope({ inputs: [ws.exportsDir], now: NOW, enrichment });
    assert.deepEqual(again, enriched);
  });

  it('a metadata index that cannot list its messages leaves the folder counts unknown', async () => {
    const r = await runScope({
      inputs: [ws.exportsDir],
      now: NOW,
      enrichment: { metadata: testMetadataIndex(entries, [testSource('m.csv')], { enumerable: false }) },
    });
    assert.ok(r.classification.potentiallyRead.items.length > 0);
    for (const f of r.classification.potentiallyRead.items) assert.equal(f.knownMessages, null);
    assert.ok(r.mailboxes.some((m) => m.messages.some((msg) => msg.sender !== null)));
  });
});
