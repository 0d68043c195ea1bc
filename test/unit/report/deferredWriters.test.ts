import * as assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeCsvReport } from '../../../src/core/report/csvReport';
import { writeHtmlReport } from '../../../src/core/report/htmlReport';
import { writeJsonReport } from '../../../src/core/report/jsonReport';
import { writeMarkdownReport } from '../../../src/core/report/markdownReport';
import { messageIdCount, writeMessageIdsCsv } from '../../../src/core/report/messageIdsCsv';
import { deferredMessages } from '../../../src/core/report/messageRows';
import { mailboxMessages, materialiseMessages } from '../../../src/core/report/reportMessages';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { xlsxSheets } from '../../../src/core/report/xlsxSheets';
import { runScope } from '../../../src/core/scope/runScope';
import type { ScopeOptions } from '../../../src/core/scope/scopeOptions';
import { writeBenchExports } from '../../support/generator/bench';
import { fixturePath } from '../../support/paths';
import { TestLabeller } from './enrichmentFixture';
import { writeReportFixture } from './reportFixture';

/** Every text writer the extension offers, and the message-id export. */
const writers: [string, (r: ScopeReport) => string][] = [
  ['markdown', writeMarkdownReport],
  ['html', (r) => writeHtmlReport(r, { nonce: 'fixed' })],
  ['csv', writeCsvReport],
  ['message ids', writeMessageIdsCsv],
  [
    'xlsx sheets',
    (r) =>
      JSON.stringify(
        xlsxSheets(r).map((sheet) => {
          const rows = [...sheet.rows];
          assert.equal(rows.length, sheet.rowCount, `${sheet.name}: rows counted`);
          return { ...sheet, rows };
        }),
      ),
  ],
];

/** The report of `inputs` with messages left as rows, and the same report with message objects. */
async function bothWays(
  inputs: string[],
  options: ScopeOptions = {},
): Promise<{ rows: ScopeReport; objects: ScopeReport }> {
  const common = {
    ...options,
    inputs,
    now: new Date(Date.UTC(2025, 0, 1)),
    enrichment: { labels: new TestLabeller({}, {}) },
  };
  return { rows: await runScope({ ...common, deferMessages: true }), objects: await runScope(common) };
}

/** Fails unless some mailbox of `rows` really holds its messages as rows (else nothing is compared). */
function assertDeferred(rows: ScopeReport, objects: ScopeReport): void {
  let deferred = 0;
  for (const m of rows.mailboxes) {
    const r = deferredMessages(m);
    if (r === undefined) continue;
    assert.equal(m.messages.length, 0);
    deferred += r.size;
  }
  const messages = objects.mailboxes.reduce((n, m) => n + m.messages.length, 0);
  assert.ok(messages > 0, 'the input lists messages');
  assert.equal(deferred, messages);
}

function assertSameWriters(rows: ScopeReport, objects: ScopeReport, what: string): void {
  for (const [name, write] of writers) assert.equal(write(rows), write(objects), `${name}: ${what}`);
  assert.equal(messageIdCount(rows), messageIdCount(objects));
}

describe('report/writers from deferred message rows', function () {
  this.timeout(120_000);
  let dir: string;
  let generated: string;
  let fx: ReturnType<typeof writeReportFixture>;
  /** The generated export's report both ways (the last test materialises its rows' messages). */
  let whole: { rows: ScopeReport; objects: ScopeReport };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mia-deferred-'));
    generated = (await writeBenchExports(dir, 1500, { seed: 7 })).csvPath;
    fx = writeReportFixture();
    whole = await bothWays([generated]);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(fx.dir, { recursive: true, force: true });
  });

  it('write exactly what they write from message objects: the report fixtures and every sample', async () => {
    const samples = readdirSync(fixturePath('samples'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [fixturePath('samples', f)]);
    let deferred = 0;
    for (const inputs of [[fx.first, fx.second], ...samples]) {
      const { rows, objects } = await bothWays(inputs);
      if (objects.mailboxes.some((m) => m.messages.length > 0)) {
        assertDeferred(rows, objects);
        deferred++;
      }
      assertSameWriters(rows, objects, inputs.join());
    }
    assert.ok(deferred >= 3, `${deferred} inputs with messages`);
  });

  it('write exactly what they write from message objects: a generated export, whole and filtered', async () => {
    assertDeferred(whole.rows, whole.objects);
    assertSameWriters(whole.rows, whole.objects, 'whole');
    // A time filter: every mailbox is analysed apart from the memoised whole.
    const from = whole.objects.coverage.firstUtc!;
    const to = new Date(Date.parse(from) + 6 * 3_600_000).toISOString();
    const part = await bothWays([generated], { from, to });
    assertDeferred(part.rows, part.objects);
    assertSameWriters(part.rows, part.objects, 'filtered');
  });

  it('hand the messages one at a time, in report order, deferred or not', () => {
    const { rows, objects } = whole;
    for (let i = 0; i < rows.mailboxes.length; i++) {
      const expected = objects.mailboxes[i].messages;
      assert.deepEqual([...mailboxMessages(rows.mailboxes[i])], expected);
      assert.deepEqual([...mailboxMessages(objects.mailboxes[i])], expected);
    }
  });

  it('give a report handed to code its message objects on first read, JSON unchanged', () => {
    const { rows, objects } = whole;
    const json = writeJsonReport(objects);
    assert.equal(writeJsonReport(rows), json);
    materialiseMessages(rows);
    const busy = rows.mailboxes.findIndex((m) => (deferredMessages(m)?.size ?? 0) > 0);
    assert.ok(busy >= 0);
    const first = rows.mailboxes[busy].messages;
    assert.deepEqual(first, objects.mailboxes[busy].messages);
    // Made once: the same array on every read.
    assert.equal(rows.mailboxes[busy].messages, first);
    assert.equal(`${JSON.stringify(rows, null, 2)}\n`, json);
    assert.deepEqual(rows, objects);
    assert.equal(writeJsonReport(rows), json);
    for (const [name, write] of writers) assert.equal(write(rows), write(objects), name);
  });
});
