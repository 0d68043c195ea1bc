import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import Papa from 'papaparse';
import { CSV_COLUMNS, writeCsvReport } from '../../../src/core/report/csvReport';
import { mdText } from '../../../src/core/report/escape';
import { htmlText, writeHtmlReport } from '../../../src/core/report/htmlReport';
import { writeMarkdownReport } from '../../../src/core/report/markdownReport';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { enrichedFixtureReport, HOSTILE_AS_ORG, HOSTILE_SENDER } from './reportFixture';

// markdown-it is the renderer of VS Code's Markdown preview, where the report is read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options?: { html?: boolean; linkify?: boolean }) => {
  render(src: string): string;
};
const preview = (md: string) => new MarkdownIt({ html: true, linkify: true }).render(md);

/** Every Markdown table row has as many cells as its header. */
function assertTablesWellFormed(md: string): void {
  const rows = md.split('\n').filter((l) => l.startsWith('| '));
  let expected = 0;
  for (const [i, row] of rows.entries()) {
    const cells = row.split(/(?<!\\)\|/).length;
    if (rows[i + 1]?.startsWith('| ---')) expected = cells;
    assert.equal(cells, expected, row);
  }
}

describe('report/writers with enrichment', () => {
  let dir: string;
  let report: ScopeReport;
  before(async () => {
    ({ dir, report } = await enrichedFixtureReport());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  describe('markdown', () => {
    let md: string;
    let html: string;
    before(() => {
      md = writeMarkdownReport(report);
      html = preview(md);
    });

    it('keeps mail addresses and domains as plain text in the preview (no mailto:, no http:)', () => {
      for (const s of ['victim@contoso.com', 'see contoso.com or evil.example', 'a.b@c.org']) {
        const rendered = preview(mdText(s));
        assert.doesNotMatch(rendered, /<a /, s);
        assert.ok(rendered.includes(s), `${s} shown as written: ${rendered}`);
      }
      assert.doesNotMatch(html, /href="mailto:/);
      assert.doesNotMatch(html, /href="https?:/);
      assert.ok(html.includes('victim@contoso.com'));
      // The only links are the file:line links to the evidence.
      for (const href of html.match(/href="[^"]*"/g) ?? []) assert.match(href, /^href="file:\/\//);
    });

    it('separates confirmed read, potentially read and unknown', () => {
      assert.match(md, /### Confirmed read \(Bind\): 3 message\(s\)/);
      assert.match(md, /### Potentially read \(Sync of a whole folder\): 2 folder\(s\)/);
      assert.match(md, /### Unknown \(unaudited or not covered\): 2 period\(s\)/);
      // Sent Items: one message known there (from the metadata), none confirmed read.
      assert.match(
        md,
        /\| victim\\@contoso\\\.com \| \\\\Sent Items \| 2024-05-01T11:00:00Z \| 2024-05-01T11:00:00Z \| 1 \| 1 \| 0 \|/,
      );
      assert.match(md, /\| no source covers this period \| 2024-05-01T12:00:00Z \| 2024-06-01T09:00:00Z \|/);
    });

    it('lists messages with subject, sender, date, attachments, labelled IP and app', () => {
      const row = md.split('\n').find((l) => l.startsWith('| &lt;secret-2\\@contoso\\.com&gt;'));
      assert.ok(row, 'secret-2 row');
      assert.ok(
        row.includes(
          `| Merger plan for contoso\\.com | ${mdText(HOSTILE_SENDER)} | 2024-04-30T08:00:00Z | yes |`,
        ),
        row,
      );
      assert.ok(row.includes('2001:db8::66 (AS64500 Evil &lt;b&gt;Org&lt;/b&gt; \\| =1+1, NL)'), row);
      assert.doesNotMatch(html, /<b>Org/);
      assert.doesNotMatch(html, /<script/);
      assertTablesWellFormed(md);
    });

    it('lists the metadata sources with SHA-256, their rejected rows and the unmatched ids', () => {
      assert.ok(md.includes(`| \`${'a'.repeat(64)}\` | 10 | 9 | 1 |`));
      assert.match(md, /- line 5: unterminated quote/);
      assert.match(
        md,
        /Accessed message ids that no metadata source names \(1\):\n\n- &lt;other\\@contoso\\\.com&gt;/,
      );
    });

    it('states method and limitations', () => {
      assert.match(md, /## Limitations/);
      assert.match(md, /aggregated into one record/);
      assert.match(md, /Files: .*export-1\\\.jsonl \(1\)/);
    });
  });

  describe('html', () => {
    let html: string;
    before(() => {
      html = writeHtmlReport(report, { nonce: 'n0nce' });
    });

    it('shows the three classes, the metadata evidence and the limitations', () => {
      assert.match(html, /<h3>Confirmed read \(Bind\): 3 message\(s\)<\/h3>/);
      assert.match(html, /<h3>Potentially read \(Sync of a whole folder\): 2 folder\(s\)<\/h3>/);
      assert.match(html, /<h3>Unknown \(unaudited or not covered\): 2 period\(s\)<\/h3>/);
      assert.match(html, /<h2>Limitations<\/h2>/);
      assert.ok(html.includes(`<code>${'a'.repeat(64)}</code>`));
      assert.ok(html.includes('<li><code>&lt;other@contoso.com&gt;</code></li>'));
    });

    it('escapes metadata and label strings', () => {
      assert.ok(html.includes(htmlText(HOSTILE_SENDER)));
      assert.ok(html.includes(htmlText(HOSTILE_AS_ORG)));
      assert.doesNotMatch(html, /<script/);
      assert.doesNotMatch(html, /<b>Org/);
    });
  });

  describe('csv', () => {
    let rows: Record<string, string>[];
    let text: string;
    before(() => {
      text = writeCsvReport(report);
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
      assert.deepEqual(parsed.errors, []);
      rows = parsed.data;
    });

    it('adds the classification, metadata and label columns at the end', () => {
      assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
      assert.deepEqual(CSV_COLUMNS.slice(-8), [
        'classification',
        'sender',
        'sentUtc',
        'receivedUtc',
        'hasAttachments',
        'app',
        'ipLabel',
        'knownMessages',
      ]);
      const kinds = new Map<string, Set<string>>();
      for (const r of rows)
        (kinds.get(r.kind) ?? kinds.set(r.kind, new Set()).get(r.kind)!).add(r.classification);
      assert.deepEqual(kinds.get('message'), new Set(['confirmed read']));
      assert.deepEqual(kinds.get('syncedFolder'), new Set(['potentially read']));
      assert.deepEqual(
        kinds.get('throttledWindow'),
        new Set(['unknown: throttled: Bind access not audited']),
      );
      assert.deepEqual(kinds.get('notCovered'), new Set(['unknown: no source covers this period']));
      const gap = rows.find((r) => r.kind === 'notCovered')!;
      assert.deepEqual(
        [gap.mailbox, gap.firstUtc, gap.lastUtc],
        ['victim@contoso.com', '2024-05-01T12:00:00Z', '2024-06-01T09:00:00Z'],
      );
      const sent = rows.find((r) => r.kind === 'syncedFolder' && r.folder === '\\Sent Items')!;
      assert.equal(sent.knownMessages, '1');
    });

    it('neutralises a formula-like sender and keeps labels as text', () => {
      const msg = rows.find(
        (r) =>
          r.kind === 'message' &&
          r.internetMessageId === '<secret-2@contoso.com>' &&
          r.sessionId === 'evil-session',
      );
      assert.ok(msg);
      assert.equal(msg.sender, `'${HOSTILE_SENDER}`);
      assert.equal(msg.sentUtc, '2024-04-30T08:00:00Z');
      assert.equal(msg.hasAttachments, 'yes');
      assert.equal(msg.ipLabel, `AS64500 ${HOSTILE_AS_ORG}, NL`);
      const owner = rows.find((r) => r.kind === 'message' && r.ip === '192.0.2.10')!;
      assert.equal(owner.ipLabel, 'private address');
    });
  });
});
