import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { jsonReportChunks, writeJsonReport } from '../../../src/core/report/jsonReport';
import type { ScopeReport } from '../../../src/core/report/reportTypes';
import { runScope } from '../../../src/core/scope/runScope';
import { writeReportFixture } from './reportFixture';

describe('report/json chunks', () => {
  let fx: ReturnType<typeof writeReportFixture>;
  let report: ScopeReport;
  before(async () => {
    fx = writeReportFixture();
    report = await runScope({ inputs: [fx.first, fx.second] });
  });
  after(() => rmSync(fx.dir, { recursive: true, force: true }));

  it('concatenate to exactly the text of writeJsonReport', () => {
    assert.ok(report.mailboxes.length > 0 && report.mailboxes[0].messages.length > 0);
    // Two mailboxes at least, so the separators between mailboxes are checked too.
    const twice = {
      ...report,
      mailboxes: [...report.mailboxes, { ...report.mailboxes[0], mailboxKey: 'zz' }],
    };
    assert.equal([...jsonReportChunks(twice)].join(''), writeJsonReport(twice));
    // One message per chunk: every mailbox and message boundary is a cut.
    const chunks = [...jsonReportChunks(twice, 1)];
    const messages = twice.mailboxes.reduce((n, m) => n + m.messages.length, 0);
    assert.ok(chunks.length > messages, `${chunks.length} chunks for ${messages} messages`);
    assert.equal(chunks.join(''), writeJsonReport(twice));
  });

  it('match for a report without mailboxes and with an undefined field', () => {
    const empty = { ...report, mailboxes: [], extra: undefined } as unknown as ScopeReport;
    assert.equal([...jsonReportChunks(empty)].join(''), writeJsonReport(empty));
  });
});

/** Values JSON.stringify treats specially, at every nesting level the chunk writer cuts at. */
function tricky(): Record<string, unknown> {
  const strings = [
    '',
    'plain',
    'quote " backslash \\ slash /',
    'controls \u0000\u0001\u0008\t\n\u000b\f\r\u001f\u007f',
    'unicode é ß 中文 😀 \u2028\u2029',
    'lone \ud800 high, lone \udc00 low, swapped \udc00\ud800',
  ];
  const leaf = {
    s: strings,
    n: [0, -0, 1.5, -1e-7, 1e21, 2 ** 53, NaN, Infinity, -Infinity],
    b: [true, false, null],
    gone: undefined,
    f: () => 1,
    emptyObject: {},
    emptyArray: [],
    nestedEmpty: [[], [{}], { a: [] }],
    withHoles: [undefined, () => 1, Symbol('x')],
    date: new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)),
    toJson: { toJSON: () => ({ replaced: [1, 2, 3] }) },
    boxed: [Object('boxed'), Object(7), Object(false)],
    [strings[3]]: 'a key that needs escaping',
    '2': 'integer-like key (enumerated first)',
  };
  const many = Array.from({ length: 23 }, (_, i) =>
    i % 3 === 0 ? leaf : i % 3 === 1 ? strings[i % 6] : [i, { i }],
  );
  return {
    top: leaf,
    big: many,
    mailboxes: [
      { messages: many, small: [leaf] },
      { messages: [], other: many.slice(0, 4) },
      { messages: [...many, ...many] },
    ],
    nothing: undefined,
    lastEmpty: [],
  };
}

describe('report/json chunks: exactly JSON.stringify(…, null, 2)', () => {
  const cases: [string, unknown][] = [
    ['tricky values, nested', tricky()],
    ['an empty object', {}],
    ['an object of undefined only', { a: undefined }],
    ['an array of big arrays', { a: [Array.from({ length: 9 }, (_, i) => i), []] }],
  ];
  for (const [name, value] of cases) {
    for (const batch of [1, 2, 4, 5, 256]) {
      it(`${name}, ${batch} item(s) per chunk`, () => {
        const chunks = [...jsonReportChunks(value as ScopeReport, batch)];
        assert.equal(chunks.join(''), `${JSON.stringify(value, null, 2)}\n`);
      });
    }
  }

  it('cuts big arrays into chunks of about `batch` items', () => {
    const value = { messages: Array.from({ length: 1000 }, (_, i) => ({ i, s: `message ${i}` })) };
    const chunks = [...jsonReportChunks(value as unknown as ScopeReport, 10)];
    assert.ok(chunks.length >= 100, `${chunks.length} chunks`);
    const longest = Math.max(...chunks.map((c) => c.length));
    assert.ok(longest < 10 * 60, `longest chunk ${longest} characters`);
    assert.equal(chunks.join(''), `${JSON.stringify(value, null, 2)}\n`);
  });
});
