import * as assert from 'node:assert/strict';
import type { ContainerKind } from '../../../src/core/containers/types';
import type { ExportRow } from '../../support/generator/scenarioTypes';
import { layoutLines, renderExport, spread, supportsBroken } from '../../support/generator/writeExport';
import { decode, linesOf, parseCsv, smallScenario } from './helpers';

const CSV: ContainerKind[] = [
  'purview-csv-classic',
  'purview-csv-new',
  'unified-audit-log-csv',
  'graph-audit-csv',
  'defender-cloudappevents-csv',
  'sentinel-officeactivity-csv',
];
const JSON_COLUMN: Partial<Record<ContainerKind, string>> = {
  'purview-csv-classic': 'AuditData',
  'purview-csv-new': 'AuditData',
  'unified-audit-log-csv': 'AuditData',
  'graph-audit-csv': 'auditData',
  'defender-cloudappevents-csv': 'RawEventData',
  'sentinel-officeactivity-csv': 'Folders',
};

function brokenRow(kind: ExportRow['broken']): ExportRow {
  const row = smallScenario().brokenRows.find((r) => r.broken === kind);
  assert.ok(row, `scenario has a ${kind} row`);
  return row;
}

/** Valid rows around the broken one: the row before and after must survive it. */
function around(broken: ExportRow): ExportRow[] {
  const valid = smallScenario()
    .records.filter((r) => r.Workload === 'Exchange' && r.Folders)
    .slice(0, 4)
    .map((audit) => ({ audit }));
  return spread(valid, [broken]);
}

describe('generator broken rows', function () {
  this.timeout(60000);

  for (const container of CSV) {
    it(`${container}: a truncated JSON cell is exactly 32,767 characters, unparseable, and the rows around it survive`, () => {
      const rows = around(brokenRow('truncated-json'));
      const { data, errors } = parseCsv(decode(renderExport(container, rows)).text);
      assert.deepEqual(errors, []);
      const body = data.slice(data[0][0].startsWith('#TYPE') ? 2 : 1);
      const col = data[data[0][0].startsWith('#TYPE') ? 1 : 0].indexOf(JSON_COLUMN[container] as string);
      assert.equal(body.length, rows.length);
      body.forEach((row, i) => {
        if (rows[i].broken) {
          assert.equal(row[col].length, 32767);
          assert.throws(() => JSON.parse(row[col]) as unknown);
        } else {
          assert.doesNotThrow(() => JSON.parse(row[col]) as unknown);
        }
      });
    });

    it(`${container}: a row whose JSON quotes were not doubled breaks alone`, () => {
      const rows = around(brokenRow('broken-quoting'));
      const text = decode(renderExport(container, rows)).text;
      const { data, errors } = parseCsv(text);
      assert.ok(errors.length > 0, 'papaparse reports malformed quotes');
      const header = data[0][0].startsWith('#TYPE') ? data[1] : data[0];
      const body = data.slice(data[0][0].startsWith('#TYPE') ? 2 : 1);
      const col = header.indexOf(JSON_COLUMN[container] as string);
      assert.equal(body.length, rows.length, 'the broken row does not swallow its neighbours');
      body.forEach((row, i) => {
        if (rows[i].broken) {
          const intact =
            row.length === header.length &&
            (() => {
              try {
                JSON.parse(row[col]);
                return true;
              } catch {
                return false;
              }
            })();
          assert.ok(!intact, 'the broken row cannot be read as a record');
        } else {
          assert.equal(row.length, header.length);
          assert.doesNotThrow(() => JSON.parse(row[col]) as unknown);
        }
      });
    });
  }

  for (const container of ['json-lines', 'defender-cloudappevents-json'] as const) {
    it(`${container}: a line cut at 32,767 characters fails to parse and the other lines parse`, () => {
      const rows = around(brokenRow('truncated-json'));
      const lines = linesOf(decode(renderExport(container, rows)).text).filter((l) => l);
      assert.equal(lines.length, rows.length);
      lines.forEach((l, i) => {
        if (rows[i].broken) {
          assert.equal(l.length, 32767);
          assert.throws(() => JSON.parse(l) as unknown);
        } else {
          assert.doesNotThrow(() => JSON.parse(l) as unknown);
        }
      });
    });
  }

  it('drops the id and time from every column derived from them (missing-id, missing-creation-time, invalid-creation-time)', () => {
    const missingId = brokenRow('missing-id');
    const missingTime = brokenRow('missing-creation-time');
    const invalidTime = brokenRow('invalid-creation-time');
    assert.ok(!('Id' in missingId.audit));
    assert.ok(!('CreationTime' in missingTime.audit));
    assert.ok(Number.isNaN(Date.parse(`${String(invalidTime.audit.CreationTime)}Z`)));
    const csv = parseCsv(
      decode(renderExport('purview-csv-new', [missingId, missingTime, invalidTime])).text,
    ).data;
    assert.equal(csv[1][0], '', 'RecordId empty');
    assert.equal(csv[2][1], '', 'CreationDate empty');
    assert.equal(csv[3][1], invalidTime.audit.CreationTime, 'CreationDate as invalid as CreationTime');
    const ps = JSON.parse(decode(renderExport('powershell-json', [missingId, missingTime])).text) as Record<
      string,
      unknown
    >[];
    assert.ok(!('Identity' in ps[0]));
    assert.ok(!('CreationDate' in ps[1]));
    const graph = JSON.parse(
      decode(renderExport('graph-audit-json', [missingId, missingTime])).text,
    ) as Record<string, unknown>[];
    assert.ok(!('id' in graph[0]) && !('createdDateTime' in graph[1]));
    const sentinel = parseCsv(
      decode(renderExport('sentinel-officeactivity-csv', [missingId, missingTime])).text,
    ).data;
    assert.equal(sentinel[1][sentinel[0].indexOf('OfficeId')], '');
    assert.equal(sentinel[2][sentinel[0].indexOf('TimeGenerated')], '');
  });

  it('refuses a syntactic breakage the container cannot carry without breaking the whole file', () => {
    for (const container of [
      'powershell-json',
      'graph-audit-json',
      'sentinel-officeactivity-json',
    ] as const) {
      assert.equal(supportsBroken(container, 'truncated-json'), false);
      assert.throws(() => renderExport(container, [brokenRow('truncated-json')]), /cannot carry/);
    }
    assert.throws(() => renderExport('json-lines', [brokenRow('broken-quoting')]), /cannot carry/);
    const small: ExportRow = { audit: smallScenario().records[0], broken: 'truncated-json' };
    assert.throws(() => renderExport('purview-csv-new', [small]), /more than 32767/);
  });

  it('places every planned broken row at the line the truth names', () => {
    const sc = smallScenario();
    for (const plan of sc.files) {
      const lines = layoutLines(plan.container, plan.rows, plan.options);
      const text = linesOf(decode(renderExport(plan.container, plan.rows, plan.options)).text);
      const rejected = sc.truth.files.find((f) => f.name === plan.name)?.rejected ?? [];
      assert.equal(rejected.length, plan.rows.filter((r) => r.broken).length, plan.name);
      plan.rows.forEach((row, i) => {
        if (!row.broken) return;
        assert.ok(
          rejected.some((r) => r.line === lines[i] && r.kind === row.broken),
          `${plan.name} row ${i}`,
        );
        // The row's Id, or (no Id) its first message id, is in the text from that line on.
        const folders = row.audit.Folders as { FolderItems?: { InternetMessageId: string }[] }[] | undefined;
        const marker =
          typeof row.audit.Id === 'string'
            ? row.audit.Id
            : (folders?.[0]?.FolderItems?.[0]?.InternetMessageId ?? '').replace(/[<>]/g, '');
        const end = i + 1 < lines.length ? lines[i + 1] - 1 : text.length;
        assert.ok(
          marker !== '' &&
            text
              .slice(lines[i] - 1, end)
              .join('\n')
              .includes(marker),
          `${plan.name}:${lines[i]}`,
        );
      });
    }
  });
});
