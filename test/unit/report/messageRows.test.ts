import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { buildScopeReport, type InvestigationData } from '../../../src/core/report/buildReport';
import { jsonReportChunks, jsonReportInto, writeJsonReport } from '../../../src/core/report/jsonReport';
import { ByteText } from '../../../src/core/report/byteText';
import { deferredMessages } from '../../../src/core/report/messageRows';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import type { ScopeOptions } from '../../../src/core/scope/scopeOptions';
import { runScope } from '../../../src/core/scope/runScope';
import { fixturePath } from '../../support/paths';
import { H, rec, T0 } from '../analysis/records';
import { TestLabeller, testMetadataIndex, testSource } from './enrichmentFixture';
import { writeReportFixture } from './reportFixture';
import { zeroCounts } from '../../../src/core/investigation/sourceAccount';
import { jsonLines } from '../investigation/fakeReader';
import { miaAudit } from '../normalise/auditBuilders';

function source(path: string): SourceStats {
  return {
    path,
    sha256: 'b'.repeat(64),
    container: 'purview-csv-new',
    sizeBytes: 10,
    ...zeroCounts(),
    firstMs: T0,
    lastMs: T0 + 48 * H,
  };
}

/** A small deterministic generator (the same records on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Strings JSON escapes or writes in two bytes, as subjects, folders and ids. */
const awkward = [
  'plain',
  'quote " backslash \\ slash /',
  'controls \u0000\u0001\t\n\r\u001f\u007f',
  'Boîte de réception 中文 😀 \u2028',
  'lone \ud800 high',
];

/**
 * Records of three mailboxes: messages read in one and in several contexts (contexts differing in
 * every field, some fields missing or empty), contexts first used at one instant, messages under two
 * folders and listed twice in one record, sizes and subjects present or not, two sources, Syncs.
 */
function investigation(): InvestigationData {
  const next = random(6);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const records: MiaRecord[] = [];
  for (let i = 0; i < 400; i++) {
    const ids = Array.from({ length: 1 + Math.floor(next() * 3) }, () => {
      const n = Math.floor(next() * 60);
      return n % 7 === 0 ? `<${pick(awkward)}-${n}@Contoso.com>` : `<msg-${n}@contoso.com>`;
    });
    const folder = pick(['\\Inbox', '\\inbox', '\\Archive', `\\${pick(awkward)}`]);
    const folders = [
      {
        path: folder,
        ids,
        subjects: ids.map(() => (next() < 0.3 ? pick(awkward) : undefined)) as string[],
        sizes: ids.map(() => (next() < 0.6 ? Math.floor(next() * 1e6) : undefined)) as number[],
      },
    ];
    // The same message under a second folder of the same record: one access.
    if (next() < 0.2) folders.push({ path: '\\Sent Items', ids: [ids[0]], subjects: [], sizes: [] });
    records.push(
      rec({
        // Coarse times: many records (and contexts) share an instant.
        timeMs: T0 + Math.floor(next() * 40) * (H / 4),
        mailbox: pick(['victim@contoso.com', 'Other@Contoso.com', 'third@contoso.com']),
        access: next() < 0.85 ? 'Bind' : pick(['Sync', 'Unknown'] as const),
        session: pick(['s-1', 's-2', 's-3', '', undefined]),
        ip: pick(['192.0.2.10', '2001:db8::1', undefined]),
        client: pick(['Client=OWA', 'Client=REST;"quoted"', undefined]),
        appId: pick(['app-b', 'app-a', undefined]),
        clientAppId: pick(['app-a', 'app-c', undefined]),
        actor: pick(['victim@contoso.com', undefined]),
        folders,
        sourceIndex: pick([0, 1]),
      }),
    );
  }
  return { sources: [source('/evidence/one.csv'), source('/evidence/"two".csv')], records };
}

/**
 * The bytes `jsonReportInto` appends, drained as a file writer drains them: taken when a step left
 * more than `drainAt` bytes, the buffer then swapped for another one (as the writer swaps its two).
 */
function intoBytes(report: ScopeReport, batch?: number, drainAt = 4096): Buffer {
  const copies: Buffer[] = [];
  const to = new ByteText(64);
  let other: Buffer = Buffer.alloc(64);
  let drains = 0;
  const drain = () => {
    copies.push(Buffer.from(to.view()));
    const full = to.bytes;
    to.bytes = other;
    to.clear();
    other = full.fill(0x3f);
    drains++;
  };
  const steps = jsonReportInto(report, to, batch);
  while (!steps.next().done) if (to.length >= drainAt) drain();
  drain();
  assert.ok(drains > 1 || copies[0].length < drainAt);
  return Buffer.concat(copies);
}

/** The report with messages left as rows, and the same report with message objects. */
function bothWays(
  data: InvestigationData,
  options: ScopeOptions,
): { rows: ScopeReport; objects: ScopeReport } {
  const now = new Date(Date.UTC(2025, 0, 1));
  return {
    rows: buildScopeReport(data, { ...options, now }, {}, { deferMessages: true }),
    objects: buildScopeReport(data, { ...options, now }),
  };
}

describe('report/message rows', () => {
  const data = investigation();

  for (const [name, options] of [
    ['the whole investigation', {}],
    ['a session filter (analysed apart from the memo)', { sessions: ['s-1', ''] }],
  ] as const) {
    it(`write exactly the JSON of the message objects: ${name}`, () => {
      const { rows, objects } = bothWays(data, options);
      const expected = writeJsonReport(objects);
      const messages = objects.mailboxes.reduce((n, m) => n + m.messages.length, 0);
      assert.ok(messages > 50, `${messages} messages`);
      // The messages really were left as rows (else this test would compare a report with itself).
      for (const m of rows.mailboxes) {
        assert.equal(m.messages.length, 0);
        const o = objects.mailboxes.find((x) => x.mailboxKey === m.mailboxKey)!;
        assert.equal(deferredMessages(m)?.size, o.messages.length);
      }
      for (const batch of [1, 2, 256]) {
        assert.equal([...jsonReportChunks(rows, batch)].join(''), expected);
        assert.deepEqual(intoBytes(rows, batch), Buffer.from(expected, 'utf8'));
        assert.deepEqual(intoBytes(rows, batch, 1), Buffer.from(expected, 'utf8'));
      }
      assert.equal(writeJsonReport(rows), expected);
      // Counts and findings are computed from the rows as from the objects.
      assert.deepEqual(rows.totals, objects.totals);
      assert.deepEqual(rows.classification, objects.classification);
    });
  }

  it('hold no message table before they are written, and one at a time while the report is written', () => {
    const { rows, objects } = bothWays(data, { sessions: ['s-1', ''] });
    const deferred = rows.mailboxes.map((m) => deferredMessages(m)!);
    assert.ok(deferred.filter((r) => r.size > 0).length >= 2, 'several mailboxes with messages');
    const held = () => deferred.filter((r) => r.holdsTable).length;
    assert.equal(held(), 0, 'counts and spans are known without a table');
    assert.deepEqual(rows.classification, objects.classification);
    let most = 0;
    const chunks: string[] = [];
    for (const chunk of jsonReportChunks(rows, 2)) {
      chunks.push(chunk);
      most = Math.max(most, held());
    }
    assert.equal(most, 1, 'a table is built for the writing');
    assert.equal(held(), 0, 'and let go once its mailbox is written');
    assert.equal(chunks.join(''), writeJsonReport(objects));
  });

  it('build each message object as messageJson does', () => {
    const { rows, objects } = bothWays(data, {});
    const multi = objects.mailboxes.flatMap((m) => m.messages).filter((m) => m.contexts.length > 1);
    assert.ok(multi.length > 5, 'messages read in several contexts');
    for (const m of rows.mailboxes) {
      const r = deferredMessages(m)!;
      const o = objects.mailboxes.find((x) => x.mailboxKey === m.mailboxKey)!;
      for (let k = 0; k < r.size; k++) {
        assert.deepEqual(r.json(k), o.messages[k]);
        assert.equal(r.key(k), o.messages[k].key);
      }
    }
  });

  it('are not used when metadata is joined (messages are objects then)', () => {
    const metadata = testMetadataIndex(
      [{ internetMessageId: '<msg-1@contoso.com>', subject: 'From metadata' }],
      [testSource('/evidence/metadata.csv')],
    );
    const report = buildScopeReport(data, {}, { metadata }, { deferMessages: true });
    assert.ok(report.mailboxes.every((m) => deferredMessages(m) === undefined));
    assert.ok(report.mailboxes.some((m) => m.messages.some((msg) => msg.subjectFrom === 'metadata')));
  });

  it("write each loaded message's key as JSON.stringify does, however its id is written", async () => {
    // Keys made from ids are written from the id's bytes when the id is plain ASCII; ids JSON
    // escapes or that are not ASCII (lower-cased beyond A–Z) must still give their keys' text.
    const ids = [
      '<Plain.ID@Contoso.COM>',
      'NoBrackets@Contoso.COM',
      '<already-lower@contoso.com>',
      '<Quote"d@Contoso.com>',
      '<Back\\Slash@Contoso.com>',
      '<Ärger.ÖL@Beispiel.DE>',
      '<İSTANBUL@Example.com>',
      '<Ctrl\u0001Char@Contoso.com>',
      '<>',
      'X',
    ];
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mia-rows-keys-'));
    try {
      const file = path.join(dir, 'awkward-ids.jsonl');
      const audits = ids.map((id, i) =>
        miaAudit({ id: `r${i}`, time: `2024-05-01T10:0${i}:00`, folders: [{ path: '\\Inbox', ids: [id] }] }),
      );
      writeFileSync(file, jsonLines(audits));
      const options = { inputs: [file], now: new Date(0) };
      const rows = await runScope({ ...options, deferMessages: true });
      const objects = await runScope(options);
      const written = objects.mailboxes.flatMap((m) => m.messages).map((m) => m.internetMessageId);
      assert.deepEqual([...written].sort(), [...ids].sort(), 'every id is a message of the report');
      assert.ok(deferredMessages(rows.mailboxes[0]) !== undefined, 'the messages are written from rows');
      assert.equal([...jsonReportChunks(rows)].join(''), writeJsonReport(objects));
      const fromRows = JSON.parse(writeJsonReport(rows)) as ScopeReport;
      for (const m of fromRows.mailboxes.flatMap((x) => x.messages))
        assert.equal(
          m.key,
          m.internetMessageId.replace(/^<(.*)>$/s, '$1').toLowerCase(),
          m.internetMessageId,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give the same report file through runScope, with labels, for the fixtures and every sample', async () => {
    const fx = writeReportFixture();
    try {
      const samples = readdirSync(fixturePath('samples'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => fixturePath('samples', f));
      for (const inputs of [[fx.first, fx.second], ...samples.map((s) => [s])]) {
        const options = { inputs, now: new Date(0), enrichment: { labels: new TestLabeller({}, {}) } };
        const rows = await runScope({ ...options, deferMessages: true });
        const objects = await runScope(options);
        const expected = writeJsonReport(objects);
        assert.equal([...jsonReportChunks(rows, 2)].join(''), expected, inputs.join());
        assert.deepEqual(intoBytes(rows, 2), Buffer.from(expected, 'utf8'), inputs.join());
      }
    } finally {
      rmSync(fx.dir, { recursive: true, force: true });
    }
  });
});
