import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { createLabeller } from '../../../src/core/enrich/labels/offlineLabeller';
import { csvReportChunks, writeCsvReport } from '../../../src/core/report/csvReport';
import { table, tableChunks } from '../../../src/core/report/htmlParts';
import { htmlReportChunks, writeHtmlReport } from '../../../src/core/report/htmlReport';
import { JoinedLines } from '../../../src/core/report/markdownParts';
import { markdownReportChunks, writeMarkdownReport } from '../../../src/core/report/markdownReport';
import { messageCount, reportMessageCount } from '../../../src/core/report/messageRows';
import { mailboxMessages } from '../../../src/core/report/reportMessages';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeBenchExports } from '../../support/generator/bench';
import { runMia } from '../../support/runCli';
import { prng } from '../../support/seededChoice';

/** The report text as the whole-string writer made it: lines joined, trailing breaks trimmed, one added. */
const wholeText = (lines: readonly string[]): string => `${lines.join('\n').replace(/\n+$/, '')}\n`;

describe('report/text writers that write as they go (Markdown, HTML, CSV)', function () {
  this.timeout(120_000);
  let dir: string;
  let csvPath: string;
  let report: ScopeReport;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-streamed-'));
    csvPath = (await writeBenchExports(dir, 1500, { seed: 3 })).csvPath;
    report = await runScope({ inputs: [csvPath], now: new Date(Date.UTC(2025, 0, 1)), deferMessages: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('joins lines given in pieces exactly as joining them at once', () => {
    const next = prng(17);
    const words = ['', '', 'a', '| x |', 'line\n', '\n', 'b\n\n'];
    for (let trial = 0; trial < 2000; trial++) {
      const lines = Array.from({ length: next(12) }, () => words[next(words.length)]);
      const joined = new JoinedLines();
      let text = '';
      // Cut into pieces of random sizes (empty ones too), each handed over as its own list.
      for (let at = 0; at < lines.length;) {
        const to = Math.min(lines.length, at + next(4));
        const piece = lines.slice(at, to);
        text += joined.take(piece);
        assert.equal(piece.length, 0, 'the list is emptied');
        at = to;
      }
      text += joined.take([]);
      text += joined.end();
      assert.equal(text, wholeText(lines), JSON.stringify(lines));
    }
  });

  it('Markdown: many pieces, each mailbox listing every message once in one unbroken table', () => {
    const pieces = [...markdownReportChunks(report)];
    const total = reportMessageCount(report.mailboxes);
    assert.ok(pieces.length > total / 50, `${pieces.length} pieces for ${total} messages`);
    const text = pieces.join('');
    assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'one line break at the end');
    assert.ok(!text.includes('\n\n\n'), 'no run of blank lines');
    const lines = text.split('\n');
    const sections = lines.flatMap((l, i) => (l.startsWith('## Mailbox ') ? [i] : []));
    assert.equal(sections.length, report.mailboxes.length);
    for (const [k, m] of report.mailboxes.entries()) {
      const heading = lines.indexOf('### Messages read (Bind)', sections[k]);
      assert.ok(heading > sections[k] && (k + 1 === sections.length || heading < sections[k + 1]), m.mailbox);
      // The heading, a blank line, the table's two header rows, then one row per message.
      let rows = 0;
      while (lines[heading + 4 + rows].startsWith('| ')) rows++;
      assert.equal(rows, messageCount(m), m.mailbox);
      assert.equal(lines[heading + 4 + rows], '');
      const ids = lines.slice(heading + 4, heading + 4 + rows).map((l) => l.split(' | ')[0].slice(2));
      assert.equal(new Set(ids).size, rows, 'each message once');
    }
  });

  it('HTML: many pieces, none large, each mailbox listing every message once in one unbroken table', () => {
    const pieces = [...htmlReportChunks(report, { nonce: 'n0nce' })];
    const total = reportMessageCount(report.mailboxes);
    assert.ok(pieces.length > total / 300, `${pieces.length} pieces for ${total} messages`);
    // A run of 256 message rows is a few hundred kB at the most.
    const longest = Math.max(...pieces.map((p) => p.length));
    assert.ok(longest < 400_000, `longest piece ${longest}`);
    const text = pieces.join('');
    assert.equal(text, writeHtmlReport(report, { nonce: 'n0nce' }));
    assert.ok(text.startsWith('<!DOCTYPE html>\n') && text.endsWith('</body>\n</html>\n'));
    const sections = text.split('<h2>Mailbox ').slice(1);
    assert.equal(sections.length, report.mailboxes.length);
    for (const [k, m] of report.mailboxes.entries()) {
      const [, afterHeading] = sections[k].split('<h3>Messages read (Bind)</h3>\n');
      const tbody = afterHeading.slice(
        afterHeading.indexOf('<tbody>\n') + 8,
        afterHeading.indexOf('\n</tbody>'),
      );
      const rows = tbody.split('\n');
      assert.equal(rows.length, messageCount(m), m.mailbox);
      assert.ok(
        rows.every((r) => r.startsWith('<tr><td><code>') && r.endsWith('</td></tr>')),
        'one row per line',
      );
      const ids = rows.map((r) => r.slice(14, r.indexOf('</code>')));
      assert.equal(new Set(ids).size, rows.length, 'each message once');
    }
  });

  it('an HTML table in pieces of any run length is the table at once', () => {
    // The table as it was written whole before it was cut into pieces.
    const whole = (header: string[], rows: string[][]) =>
      `<table>\n<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>\n<tbody>\n` +
      `${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}\n</tbody>\n</table>`;
    for (let n = 0; n <= 7; n++) {
      const rows = Array.from({ length: n }, (_, i) => [`a${i}`, `b${i}`]);
      for (const run of [1, 2, 3, 7, 256]) {
        const pieces = [...tableChunks(['A', 'B'], rows, run)];
        assert.equal(pieces.join(''), whole(['A', 'B'], rows), `${n} rows, ${run} a run`);
        assert.equal(pieces.length, 2 + Math.ceil(n / run), `${n} rows, ${run} a run: pieces`);
      }
      assert.equal(table(['A', 'B'], rows), whole(['A', 'B'], rows));
    }
  });

  it('CSV: many pieces whose rows are one per message context, synced folder context and window', () => {
    const pieces = [...csvReportChunks(report)];
    assert.ok(pieces.length > 10, `${pieces.length} pieces`);
    const parsed = Papa.parse<string[]>(pieces.join(''), { newline: '\r\n' });
    const rows = parsed.data.filter((r) => r.length > 1);
    let messages = 0;
    let folders = 0;
    let windows = 0;
    for (const m of report.mailboxes) {
      for (const msg of mailboxMessages(m)) messages += msg.contexts.length;
      for (const f of m.syncedFolders) folders += f.contexts.length;
      windows += m.throttledWindows.length;
    }
    const kinds = new Map<string, number>();
    for (const r of rows.slice(1)) kinds.set(r[0], (kinds.get(r[0]) ?? 0) + 1);
    assert.ok(messages > 1000 && folders > 0, `${messages} message rows, ${folders} folder rows`);
    assert.equal(kinds.get('message'), messages);
    assert.equal(kinds.get('syncedFolder') ?? 0, folders);
    assert.equal(kinds.get('throttledWindow') ?? 0, windows);
  });

  it('the command line writes Markdown, HTML and CSV files equal to the whole-string writers', async () => {
    for (const format of ['markdown', 'html', 'csv']) {
      const out = path.join(dir, `report.${format}`);
      const run = await runMia('scope', '--no-index', '--quiet', '--format', format, '--out', out, csvPath);
      assert.equal(run.status, 0, run.stderr);
      const written = readFileSync(out, 'utf8');
      // Message objects, the whole text at once.
      const fresh = await runScope({ inputs: [csvPath], enrichment: { labels: createLabeller() } });
      // The page's nonce is fresh each time: the one in the file is the one to compare with.
      const nonce = /<style nonce="([A-Za-z0-9]+)">/.exec(written)?.[1] ?? '';
      const expected =
        format === 'csv'
          ? writeCsvReport(fresh)
          : format === 'html'
            ? writeHtmlReport(fresh, { nonce })
            : writeMarkdownReport(fresh);
      const drop = (s: string) => s.replace(/^Generated .*$/m, '').replace(/<p>Generated [^<]*<\/p>/, '');
      assert.equal(drop(written), drop(expected), format);
    }
  });
});
