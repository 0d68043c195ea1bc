import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeMarkdownReport } from '../../../src/core/report/markdownReport';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeReportFixture } from './reportFixture';

// markdown-it is the renderer of VS Code's Markdown preview, where the report is read.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options?: { html?: boolean; linkify?: boolean }) => {
  render(src: string): string;
};

describe('report/markdown', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  let md: string;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
    md = writeMarkdownReport(report);
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('shows the throttle window and says every item is assumed read', () => {
    assert.match(md, /### Unaudited windows \(throttled\)/);
    assert.match(md, /\| 2024-05-01T12:00:00Z \| 2024-05-02T12:00:00Z \| flag \|/);
    assert.match(md, /assume every item in the mailbox was read/);
  });

  it('lists synced folders with "all items assumed read"', () => {
    assert.match(md, /### Synced folders \(all items assumed read\)/);
    assert.match(md, /\| \\\\Sent Items \| 2024-05-01T11:00:00Z \|/);
    assert.match(md, /\| Inbox \| 2024-05-01T11:05:00Z \|/);
  });

  it('links the first record of every message to its file and line', () => {
    for (const m of report.mailboxes[0].messages) {
      const ref = m.firstRecord;
      const link = `[${path.basename(ref.source)}:${ref.line}](<${pathToFileURL(ref.source).href}#L${ref.line}>)`;
      assert.ok(md.includes(link), `missing ${link}`);
    }
  });

  it('lists every source with its SHA-256 and the rejected rows', () => {
    for (const s of report.sources) assert.ok(md.includes(`\`${s.sha256}\``), s.path);
    assert.match(md, /- line 4: line is not valid JSON/);
  });

  it('states method and assumptions and the contexts', () => {
    assert.match(md, /## Method and assumptions/);
    assert.match(md, /exceed 1,000/);
    assert.match(md, /### Contexts/);
    assert.match(md, /\| evil-session \| 2001:db8::66 \|/);
  });

  it('renders hostile strings as inert text (no tag, no link, no broken table)', () => {
    const html = new MarkdownIt({ html: true, linkify: true }).render(md);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.doesNotMatch(html, /href="http:\/\/evil/i);
    assert.doesNotMatch(html, /<code>code<\/code>/);
    assert.doesNotMatch(html, /<strong>bold<\/strong>/);
    // The text is still there, shown literally.
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(2)&gt;'));
    // Every table row has as many cells as its header.
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    let expected = 0;
    for (const [i, row] of rows.entries()) {
      const cells = row.split(/(?<!\\)\|/).length;
      if (rows[i + 1]?.startsWith('| ---')) expected = cells;
      assert.equal(cells, expected, row);
    }
  });

  it('an empty investigation gives a valid report that says so', async () => {
    const r = await runScope({ inputs: [] });
    const text = writeMarkdownReport(r);
    assert.match(text, /No MailItemsAccessed records were found in the sources\./);
    assert.match(text, /## Evidence/);
  });
});
