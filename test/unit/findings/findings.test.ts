import * as assert from 'node:assert/strict';
import type { SourceStats } from '../../../src/core/investigation/types';
import type { MiaRecord } from '../../../src/core/model';
import { capFindings } from '../../../src/core/findings/capFindings';
import { timeFormatter } from '../../../src/core/findings/displayTime';
import { computeFindings, THROTTLE_SENTENCE } from '../../../src/core/findings/findings';
import type { Finding } from '../../../src/core/findings/types';
import { burst, H, rec, T0 } from '../analysis/records';

function source(path: string, over: Partial<SourceStats> = {}): SourceStats {
  return {
    path,
    sha256: '0'.repeat(64),
    container: 'json-lines',
    sizeBytes: 100,
    rows: 10,
    records: 10,
    duplicates: 0,
    otherOperations: 0,
    otherRecords: 0,
    miaRows: 10,
    rejectedMiaRows: 0,
    rejected: [],
    ...over,
  };
}

const of = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);

describe('findings', () => {
  it('puts a flag window on the record that opened it, with start, end, basis and the sentence', () => {
    const records: MiaRecord[] = [
      rec({ timeMs: T0, throttled: false, line: 2 }),
      rec({ timeMs: T0 + H, throttled: true, line: 7 }),
      rec({ timeMs: T0 + 3 * H, throttled: true, line: 9 }),
    ];
    const findings = computeFindings({ sources: [source('/x/a.jsonl')], records });
    const [w, ...more] = of(findings, 'mia.throttled');
    assert.equal(more.length, 0, 'overlapping flag windows merge into one');
    assert.equal(w.severity, 'warning');
    assert.equal(w.line, 7);
    assert.equal(w.record, 1);
    assert.ok(w.message.includes('2024-05-01T01:00:00Z'), w.message);
    assert.ok(w.message.includes('2024-05-02T03:00:00Z'), 'the merged end');
    assert.ok(w.message.includes('basis flag'), w.message);
    assert.ok(w.message.includes(THROTTLE_SENTENCE));
    assert.deepEqual(
      w.related.map((r) => [r.line, r.record]),
      [[9, 2]],
      'the other flagged opener merged into the window is related',
    );
  });

  it('finds volume windows (with no flag: also a volume-rule-only coverage warning on the first record)', () => {
    const records = burst(6, T0, H, { mailbox: 'busy@contoso.com' });
    const findings = computeFindings(
      { sources: [source('/x/a.jsonl')], records },
      { throttle: { threshold: 5, hours: 24 } },
    );
    const [w] = of(findings, 'mia.throttled');
    assert.equal(w.record, 5, 'the sixth record makes the count exceed 5');
    assert.ok(w.message.includes('basis volume'));
    const cov = of(findings, 'mia.coverage');
    assert.equal(cov.length, 1);
    assert.equal(cov[0].kind, 'volumeRuleOnly');
    assert.equal(cov[0].record, 0);
    assert.match(cov[0].message, /busy@contoso\.com.*volume rule only \(more than 5 records in 24 h\)/);
  });

  it('reports each Sync with mailbox, folder, session, IP, client and "all items … assumed read"', () => {
    const records = [
      rec({
        timeMs: T0,
        access: 'Sync',
        session: 's-1',
        ip: '203.0.113.9',
        client: 'Client=MSExchangeRPC',
        folders: [{ path: '\\Posteingang' }],
        throttled: false,
      }),
      rec({ timeMs: T0 + 1000, access: 'Sync', folders: [], throttled: false }),
      rec({ timeMs: T0 + 2000, folders: [{ path: '\\Inbox', ids: ['<a@b>'] }], throttled: false }),
    ];
    const syncs = of(computeFindings({ sources: [source('/x/a.jsonl')], records }), 'mia.sync');
    assert.deepEqual(
      syncs.map((s) => s.record),
      [0, 1],
    );
    assert.equal(syncs[0].severity, 'information');
    assert.equal(
      syncs[0].message,
      'Sync: mailbox victim@contoso.com, folder \\Posteingang, session s-1, IP 203.0.113.9, client Client=MSExchangeRPC, ' +
        'at 2024-05-01T00:00:00Z: all items in \\Posteingang must be assumed read.',
    );
    assert.match(syncs[1].message, /folder \(folder not named\), session \(none\)/);
  });

  it('keeps hostile strings on one line', () => {
    const records = [
      rec({ timeMs: T0, access: 'Sync', client: 'evil\r\nsecond line', folders: [{ path: '\\In\nbox' }] }),
    ];
    const [s] = of(computeFindings({ sources: [source('/x/a.jsonl')], records }), 'mia.sync');
    assert.doesNotMatch(s.message, /[\r\n]/);
    assert.match(s.message, /client evil second line/);
  });

  it('reports rejected rows as errors with their reason, truncated exports and gaps as coverage warnings', () => {
    const sources = [
      source('/x/first.csv', {
        rejected: [{ line: 12, reason: 'the AuditData JSON is cut off' }],
        firstMs: T0,
        lastMs: T0 + H,
      }),
      source('/x/second.csv', { rows: 50_000, miaRows: 50_000, firstMs: T0 + 5 * H, lastMs: T0 + 6 * H }),
    ];
    const findings = computeFindings({ sources, records: [] });
    const rejected = of(findings, 'mia.rejected');
    assert.deepEqual(
      rejected.map((f) => [f.sourceIndex, f.line, f.severity, f.message]),
      [[0, 12, 'error', 'Row could not be read and was skipped: the AuditData JSON is cut off']],
    );
    const cov = of(findings, 'mia.coverage');
    const truncated = cov.find((f) => f.kind === 'truncated')!;
    assert.equal(truncated.sourceIndex, 1);
    assert.match(truncated.message, /50000 rows is exactly an export cap/);
    const gap = cov.find((f) => f.kind === 'gap')!;
    assert.equal(gap.sourceIndex, 0);
    assert.match(
      gap.message,
      /no export covers 2024-05-01T01:00:00Z to 2024-05-01T05:00:00Z \(after first\.csv, before second\.csv\)/,
    );
    assert.deepEqual(
      gap.related.map((r) => [r.sourceIndex, r.line]),
      [[1, 1]],
    );
  });

  it('writes times in the display time zone', () => {
    const records = [rec({ timeMs: T0, access: 'Sync', folders: [{ path: '\\Inbox' }], throttled: false })];
    const [s] = of(
      computeFindings(
        { sources: [source('/x/a.jsonl')], records },
        { formatTime: timeFormatter('Europe/Berlin') },
      ),
      'mia.sync',
    );
    assert.match(s.message, /at 2024-05-01 02:00:00 \+02:00/);
  });
});

describe('capFindings', () => {
  const finding = (sourceIndex: number, line: number, code: Finding['code'] = 'mia.sync'): Finding => ({
    code,
    kind: 'sync',
    severity: 'information',
    sourceIndex,
    line,
    title: `t${line}`,
    message: `m${line}`,
    related: [],
  });

  it('keeps the first N per code and file and adds one summary saying how many more', () => {
    const input = [
      ...[5, 1, 4, 2, 3].map((l) => finding(0, l)),
      finding(0, 9, 'mia.rejected'),
      finding(1, 1),
      finding(1, 2),
    ];
    const out = capFindings(input, 2);
    const file0Sync = out.filter((f) => f.sourceIndex === 0 && f.code === 'mia.sync');
    assert.deepEqual(
      file0Sync.map((f) => [f.line, f.kind]),
      [
        [1, 'sync'],
        [2, 'sync'],
        [3, 'summary'],
      ],
    );
    assert.equal(file0Sync[2].omitted, 3);
    assert.equal(
      file0Sync[2].message,
      '3 more Sync finding(s) in this file are not listed here (mia.diagnostics.maxPerKind is 2).',
    );
    assert.equal(out.filter((f) => f.sourceIndex === 1).length, 2, 'a file under the cap has no summary');
    assert.equal(out.filter((f) => f.code === 'mia.rejected').length, 1);
  });

  it('with a cap of 0 leaves only the summaries', () => {
    const out = capFindings([finding(0, 1), finding(0, 2)], 0);
    assert.deepEqual(
      out.map((f) => [f.kind, f.omitted]),
      [['summary', 2]],
    );
  });
});

describe('timeFormatter', () => {
  const t = Date.UTC(2025, 0, 15, 13, 4, 5);
  it('UTC (default, and for an unknown zone) writes ISO 8601 with Z', () => {
    assert.equal(timeFormatter('UTC')(t), '2025-01-15T13:04:05Z');
    assert.equal(timeFormatter(undefined)(t), '2025-01-15T13:04:05Z');
    assert.equal(timeFormatter('Not/AZone')(t), '2025-01-15T13:04:05Z');
  });
  it('an IANA zone writes wall time with the offset of that instant', () => {
    assert.equal(timeFormatter('America/New_York')(t), '2025-01-15 08:04:05 -05:00');
    assert.equal(timeFormatter('Asia/Kolkata')(t), '2025-01-15 18:34:05 +05:30');
  });
  it('local writes the machine offset', () => {
    const d = new Date(t);
    assert.match(timeFormatter('local')(t), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/);
    assert.ok(timeFormatter('local')(t).startsWith(`${d.getFullYear()}-`));
  });
});
