import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLabeller } from '../../../src/core/enrich/labels/offlineLabeller';
import { appLabelDetail, ipLabelDetail } from '../../../src/core/enrich/labels/labelText';
import { CSV_COLUMNS, writeCsvReport } from '../../../src/core/report/csvReport';
import { csvRow } from '../../../src/core/report/escape';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { writeHtmlReport } from '../../../src/core/report/htmlReport';
import { writeMarkdownReport } from '../../../src/core/report/markdownReport';
import { deferredMessages } from '../../../src/core/report/messageRows';
import { runScope } from '../../../src/core/scope/runScope';
import { miaAudit } from '../normalise/auditBuilders';
import { prng } from '../../support/seededChoice';

const GRAPH = '00000003-0000-0000-c000-000000000000';

/**
 * Records of two mailboxes whose messages are read in many contexts: fourteen sessions (one with
 * Markdown punctuation, one empty, some records with none), IPs Microsoft's and others, apps
 * labelled (Graph calling another app) and unknown, so that messages list every kind of value, up
 * to more than a list cell shows.
 */
function exportLines(seed: number): string {
  const next = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)];
  const sessions = [...Array.from({ length: 12 }, (_, i) => `s${i}`), 'odd_*|[x]', 'a&b<c>', '', undefined];
  const ips = ['203.0.113.7', '40.97.128.5', '52.96.0.9', '198.51.100.2', '2001:db8::1'];
  const apps: [string | undefined, string | undefined][] = [
    [GRAPH, 'd3590ed6-52b3-4102-aeff-aad2292ab01c'],
    [GRAPH, 'ffffffff-0000-0000-0000-000000000001'],
    ['00000002-0000-0ff1-ce00-000000000000', undefined],
    ['ffffffff-0000-0000-0000-000000000002', undefined],
    ['ffffffff-0000-0000-0000-000000000003', 'ffffffff-0000-0000-0000-000000000004'],
    [undefined, undefined],
  ];
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const [appId, clientAppId] = pick(apps);
    // The first message is read in every session: its lists hold more than ten values.
    const ids =
      i < sessions.length ? ['<hot@x.example>'] : [`<m${next(60)}@x.example>`, `<M${next(60)}@X.example>`];
    const audit = miaAudit({
      id: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      time: new Date(Date.UTC(2024, 2, 1) + next(7200) * 1000).toISOString().slice(0, 19),
      mailbox: i < sessions.length ? 'ann@contoso.com' : pick(['ann@contoso.com', 'bob@contoso.com']),
      session: i < sessions.length ? sessions[i] : pick(sessions),
      ip: i < sessions.length ? ips[i % ips.length] : pick(ips),
      appId,
      clientAppId,
      folders: [{ path: pick(['\\Inbox', '\\Archive']), ids }],
    });
    lines.push(JSON.stringify(audit));
  }
  return `${lines.join('\n')}\n`;
}

/** The CSV report's message rows of a report holding its messages, cell by cell by column name. */
function referenceMessageRows(report: ScopeReport): string[] {
  const out: string[] = [];
  for (const m of report.mailboxes)
    for (const msg of m.messages)
      for (const use of msg.contexts) {
        const c = m.contexts[use.context];
        const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
          kind: 'message',
          mailbox: m.mailbox,
          internetMessageId: msg.internetMessageId,
          subject: msg.subject,
          folder: msg.folders.join('; '),
          sizeInBytes: msg.sizeInBytes,
          firstUtc: use.firstUtc,
          lastUtc: use.lastUtc,
          count: use.count,
          sessionId: c.sessionId,
          ip: c.ip,
          client: c.client,
          appId: c.appId,
          clientAppId: c.clientAppId,
          actor: c.actor,
          basis: null,
          source: msg.firstRecord.source,
          line: msg.firstRecord.line,
          recordId: msg.firstRecord.recordId,
          classification: 'confirmed read',
          sender: msg.sender,
          sentUtc: msg.sentUtc,
          receivedUtc: msg.receivedUtc,
          hasAttachments: msg.hasAttachments === null ? null : msg.hasAttachments ? 'yes' : 'no',
          app: c.appLabel ? appLabelDetail(c.appLabel) : null,
          ipLabel: c.ipLabel ? ipLabelDetail(c.ipLabel) : null,
          knownMessages: null,
        };
        out.push(csvRow(CSV_COLUMNS.map((name) => row[name])));
      }
  return out;
}

describe('report/Markdown, HTML and CSV message rows written from the report’s rows', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mia-md-rows-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [seed, labelled] of [
    [1, true],
    [2, true],
    [3, false],
  ] as const) {
    it(`writes the text the message objects write: lists, ${labelled ? 'labels, ' : 'no labels, '}escapes (seed ${seed})`, async () => {
      const file = path.join(dir, `export-${seed}.jsonl`);
      writeFileSync(file, exportLines(seed));
      const options = { inputs: [file], now: new Date(Date.UTC(2025, 0, 1)) };
      const enrichment = labelled ? { labels: createLabeller() } : {};
      const rows = await runScope({ ...options, enrichment, deferMessages: true });
      assert.ok(rows.mailboxes.every((m) => deferredMessages(m) !== undefined && m.messages.length === 0));
      const objects = await runScope({ ...options, enrichment });
      assert.ok(objects.mailboxes.every((m) => m.messages.length > 50));
      const text = writeMarkdownReport(rows);
      const drop = (s: string) => s.replace(/^Generated .*$/m, '');
      assert.equal(drop(text), drop(writeMarkdownReport(objects)));
      // What the rows cover: a list longer than a cell shows, labelled IPs and apps, escapes.
      const hot = text.split('\n').find((l) => l.includes('hot\\@x'));
      assert.ok(hot?.includes('… (+'), hot);
      assert.match(text, /odd\\_\\\*\\\|\\\[x\\\]/);
      // HTML: the same cells as the Markdown's, escaped for HTML.
      const html = (r: ScopeReport) => writeHtmlReport(r, { nonce: 'n' }).replace(/Generated [^<]*/, '');
      const htmlText = html(rows);
      assert.equal(htmlText, html(objects));
      assert.ok(htmlText.includes('a&amp;b&lt;c&gt;'), 'a session escaped for HTML');
      // CSV: a row per message and context, each context's columns and labels written once.
      const csv = writeCsvReport(rows);
      assert.equal(csv, writeCsvReport(objects));
      assert.deepEqual(
        csv.split(/(?<=\r\n)/).filter((l) => l.startsWith('message,')),
        referenceMessageRows(objects),
      );
      assert.ok(
        csv.split('\r\n').filter((l) => l.startsWith('message,ann@contoso.com,<hot@x.example>')).length >= 14,
      );
      if (labelled) assert.match(text, /Microsoft/);
      else assert.match(text, /ffffffff-0000-0000-0000-000000000004/, 'a client app id, unlabelled');
    });
  }
});
