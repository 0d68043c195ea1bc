import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { htmlText, writeHtmlReport } from '../../../src/core/report/htmlReport';
import { bracketed, messageIdCount, writeMessageIdsCsv } from '../../../src/core/report/messageIdsCsv';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { HOSTILE_CLIENT, HOSTILE_FOLDER, HOSTILE_SUBJECT, writeReportFixture } from './reportFixture';

describe('report/html', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  let html: string;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
    html = writeHtmlReport(report, { nonce: 'abc123' });
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('is one self-contained page with a strict CSP, its only style by nonce and no script', () => {
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-abc123';">/,
    );
    assert.match(html, /<style nonce="abc123">/);
    assert.doesNotMatch(html, /<script|<link|<img|style="/i);
    assert.match(html, /@media print/);
  });

  it('names the throttle window, the synced folders and the assumption', () => {
    assert.match(html, /<td>2024-05-01T12:00:00Z<\/td><td>2024-05-02T12:00:00Z<\/td><td>flag<\/td>/);
    assert.match(html, /assume every item in the mailbox was read/);
    assert.match(html, /<td>\\Sent Items<\/td>/);
    assert.match(html, /all items in these folders are assumed read/);
  });

  it('links each message to its source file and line', () => {
    for (const m of report.mailboxes[0].messages) {
      const href = htmlText(`${pathToFileURL(m.firstRecord.source).href}#L${m.firstRecord.line}`);
      assert.ok(html.includes(`<a href="${href}">`), href);
    }
  });

  it('escapes every hostile string (no tag, attribute or entity can form)', () => {
    for (const s of [HOSTILE_CLIENT, HOSTILE_FOLDER, HOSTILE_SUBJECT])
      assert.ok(html.includes(htmlText(s)), s);
    assert.doesNotMatch(html, /<script>alert|<img src=x/);
    assert.equal(
      htmlText(`<a href="x" onclick='y'>&`),
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;',
    );
  });
});

describe('report/message ids csv', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('writes one row per mailbox and message with bracketed ids, formula text neutralised', () => {
    const csv = writeMessageIdsCsv(report);
    const lines = csv.split('\r\n');
    assert.equal(
      lines[0],
      'Mailbox,InternetMessageId,Subject,Folders,FirstAccessUtc,LastAccessUtc,AccessCount,SizeInBytes',
    );
    const ids = report.mailboxes.flatMap((m) => m.messages.map((x) => bracketed(x.internetMessageId)));
    assert.equal(messageIdCount(report), ids.length);
    for (const id of ids) assert.ok(csv.includes(`,${id},`), id);
    assert.ok(csv.includes(`"'=HYPERLINK(`), 'a formula-like subject is prefixed with a quote');
  });

  it('brackets an id once', () => {
    assert.equal(bracketed('a@b'), '<a@b>');
    assert.equal(bracketed(' <a@b> '), '<a@b>');
  });
});
