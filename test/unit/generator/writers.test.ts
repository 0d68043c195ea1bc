import * as assert from 'node:assert/strict';
import { plainJson } from '../../support/generator/json';
import type { AuditRecord } from '../../support/generator/records';
import { renderExport, layoutLines } from '../../support/generator/writeExport';
import { decode, linesOf, parseCsv, rowsOf, smallScenario } from './helpers';

// Written out here (not imported from the writers) so that a changed header fails.
const PURVIEW_CLASSIC = ['CreationDate', 'UserIds', 'Operations', 'AuditData'];
const PURVIEW_NEW = [
  'RecordId',
  'CreationDate',
  'RecordType',
  'Operation',
  'UserId',
  'AuditData',
  'AssociatedAdminUnits',
  'AssociatedAdminUnitsNames',
];
const UAL = [
  'RecordType',
  'CreationDate',
  'UserIds',
  'Operations',
  'AuditData',
  'ResultIndex',
  'ResultCount',
  'Identity',
  'IsValid',
  'ObjectState',
];
const PS_COLUMNS = ['PSComputerName', 'RunspaceId', 'PSShowComputerName'];

/** Records with the spreadsheet-unfriendly bits: localised paths, hostile strings, float sizes, Item-shape Syncs. */
function sample(n = 400): AuditRecord[] {
  const sc = smallScenario();
  const picked = sc.records.filter((_, i) => i % 5 === 0).slice(0, n);
  const hostile = sc.records.filter((r) => r.MailboxOwnerUPN === sc.planted.hostile.mailbox);
  return [...picked, ...hostile];
}

const rows = (records: AuditRecord[]) => records.map((audit) => ({ audit }));

describe('generator writers', function () {
  this.timeout(60000);

  it('writes the classic Purview CSV with its exact header, one row per record, AuditData intact', () => {
    const records = sample();
    const { text, bom } = decode(renderExport('purview-csv-classic', rows(records)));
    assert.equal(bom, 'none');
    const { data, errors } = parseCsv(text);
    assert.deepEqual(errors, []);
    assert.deepEqual(data[0], PURVIEW_CLASSIC);
    assert.equal(data.length - 1, records.length);
    data.slice(1).forEach((row, i) => {
      assert.equal(row.length, 4);
      assert.deepEqual(JSON.parse(row[3]), plainJson(records[i]));
      assert.equal(row[2], records[i].Operation);
      assert.match(row[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.0000000Z$/);
    });
  });

  it('writes the new Purview CSV: BOM, all fields quoted, ISO date with 7 decimals and a trailing space', () => {
    const records = sample();
    const bytes = renderExport('purview-csv-new', rows(records));
    const { text, bom } = decode(bytes);
    assert.equal(bom, 'utf-8');
    const lines = linesOf(text);
    assert.equal(lines[0], PURVIEW_NEW.join(','));
    assert.match(
      lines[1],
      /^"[0-9a-f-]{36}","\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7} ","[A-Za-z]+","[A-Za-z-]+","[^"]*","\{/,
    );
    const { data, errors } = parseCsv(text);
    assert.deepEqual(errors, []);
    data.slice(1).forEach((row, i) => {
      assert.equal(row.length, 8);
      assert.equal(row[0], records[i].Id);
      assert.equal(row[1], `${String(records[i].CreationTime)}.0000000 `);
      assert.deepEqual(JSON.parse(row[5]), plainJson(records[i]));
    });
    const enumNames = new Set(data.slice(1).map((r) => r[2]));
    assert.ok(
      enumNames.has('ExchangeItemAggregated') && enumNames.has('ExchangeItem'),
      [...enumNames].join(),
    );
  });

  it('writes the new Purview CSV with US dates when asked', () => {
    const record = { ...sample(1)[0], CreationTime: '2025-03-12T16:05:06' };
    const { text } = decode(
      renderExport('purview-csv-new', rows([record]), { purviewDate: 'us', encoding: 'utf-8' }),
    );
    assert.equal(parseCsv(text).data[1][1], '3/12/2025 4:05:06 PM');
  });

  it('writes Search-UnifiedAuditLog | Export-Csv with and without the #TYPE line and PowerShell columns', () => {
    const records = sample(50);
    const full = decode(renderExport('unified-audit-log-csv', rows(records), { dateLocale: 'en-GB' })).text;
    const fullLines = linesOf(full);
    assert.match(fullLines[0], /^#TYPE Deserialized\.Microsoft\.Exchange\./);
    assert.equal(fullLines[1], [...PS_COLUMNS, ...UAL].map((c) => `"${c}"`).join(','));
    const parsed = parseCsv(fullLines.slice(1).join('\n')).data;
    parsed.slice(1).forEach((row, i) => {
      assert.equal(row.length, 13);
      assert.equal(row[10], records[i].Identity ?? records[i].Id);
      assert.equal(row[8], String(i + 1));
      assert.equal(row[9], String(records.length));
      assert.deepEqual(JSON.parse(row[7]), plainJson(records[i]));
      const t = String(records[i].CreationTime);
      assert.equal(row[4], `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11)}`);
    });
    const bare = linesOf(
      decode(renderExport('unified-audit-log-csv', rows(records), { typeLine: false, psColumns: false }))
        .text,
    );
    assert.equal(bare[0], UAL.map((c) => `"${c}"`).join(','));
    const record = { ...records[0], CreationTime: '2025-03-12T16:05:06' };
    const us = parseCsv(
      decode(renderExport('unified-audit-log-csv', rows([record]), { typeLine: false, psColumns: false }))
        .text,
    );
    assert.equal(us.data[1][1], '3/12/2025 4:05:06 PM');
  });

  it('writes Graph audit JSON as an array and as a {value:[…]} page, auditData an object', () => {
    const records = sample(60);
    for (const shape of ['array', 'value-page'] as const) {
      const parsed = JSON.parse(
        decode(renderExport('graph-audit-json', rows(records), { graphShape: shape })).text,
      ) as unknown;
      const list = (shape === 'array' ? parsed : (parsed as { value: unknown }).value) as Record<
        string,
        unknown
      >[];
      assert.ok(Array.isArray(list));
      assert.equal(list.length, records.length);
      list.forEach((g, i) => {
        assert.equal(g.id, records[i].Id);
        assert.equal(g.createdDateTime, `${String(records[i].CreationTime)}Z`);
        assert.equal(g.operation, records[i].Operation);
        assert.match(String(g.auditLogRecordType), /^[a-z][A-Za-z]+$/);
        const data = { ...(g.auditData as Record<string, unknown>) };
        assert.equal(data['@odata.type'], '#microsoft.graph.security.defaultAuditData');
        delete data['@odata.type'];
        assert.deepEqual(data, plainJson(records[i]));
      });
    }
  });

  it('writes the Graph CSV with id,createdDateTime,auditLogRecordType,operation,…,auditData', () => {
    const records = sample(40);
    const { data, errors } = parseCsv(decode(renderExport('graph-audit-csv', rows(records))).text);
    assert.deepEqual(errors, []);
    assert.deepEqual(data[0].slice(0, 4), ['id', 'createdDateTime', 'auditLogRecordType', 'operation']);
    assert.equal(data[0][data[0].length - 1], 'auditData');
    data.slice(1).forEach((row, i) => {
      const audit = JSON.parse(row[row.length - 1]) as Record<string, unknown>;
      delete audit['@odata.type'];
      assert.deepEqual(audit, plainJson(records[i]));
    });
  });

  it('writes PowerShell 7 ConvertTo-Json arrays with AuditData as an object, and single objects', () => {
    const records = sample(30);
    const list = JSON.parse(
      decode(renderExport('powershell-json', rows(records), { psStyle: 'ps7' })).text,
    ) as Record<string, unknown>[];
    assert.equal(list.length, records.length);
    list.forEach((o, i) => {
      assert.deepEqual(o.AuditData, plainJson(records[i]));
      assert.equal(o.Identity, records[i].Id);
      assert.equal(o.CreationDate, `${String(records[i].CreationTime)}Z`);
    });
    const single = JSON.parse(
      decode(renderExport('powershell-json', rows(records.slice(0, 1)), { psShape: 'single' })).text,
    ) as Record<string, unknown>;
    assert.ok(!Array.isArray(single));
    assert.equal(single.Identity, records[0].Id);
    assert.throws(
      () => renderExport('powershell-json', rows(records), { psShape: 'single' }),
      /exactly one row/,
    );
  });

  it('writes Windows PowerShell 5.1 pages: UTF-16LE, concatenated arrays, \\u003c escapes, /Date(ms)/, AuditData string', () => {
    const records = sample(45);
    const bytes = renderExport('powershell-json', rows(records), {
      psStyle: 'ps51',
      psShape: 'pages',
      pageSize: 20,
      auditDataAs: 'string',
      encoding: 'utf-16le-bom',
    });
    const { text, bom } = decode(bytes);
    assert.equal(bom, 'utf-16le');
    assert.ok(!text.includes('<'), 'PowerShell 5.1 escapes < as \\u003c');
    assert.ok(text.includes('\\u003c'));
    assert.match(text, /"RecordType": {2}"/);
    const pages = text.trim().split(/\]\r\n\[/);
    assert.equal(pages.length, 3);
    const objects = pages.flatMap(
      (p, i) =>
        JSON.parse((i > 0 ? '[' : '') + p + (i < pages.length - 1 ? ']' : '')) as Record<string, unknown>[],
    );
    assert.equal(objects.length, records.length);
    objects.forEach((o, i) => {
      assert.equal(typeof o.AuditData, 'string');
      assert.deepEqual(JSON.parse(o.AuditData as string), plainJson(records[i]));
      assert.equal(o.CreationDate, `/Date(${Date.parse(`${String(records[i].CreationTime)}Z`)})/`);
    });
  });

  it('writes JSON Lines of raw AuditData and of cmdlet objects', () => {
    const records = sample(80);
    const raw = linesOf(decode(renderExport('json-lines', rows(records))).text).filter((l) => l);
    assert.equal(raw.length, records.length);
    raw.forEach((l, i) => assert.deepEqual(JSON.parse(l), plainJson(records[i])));
    const cmdlet = linesOf(
      decode(renderExport('json-lines', rows(records), { linesContent: 'cmdlet' })).text,
    ).filter((l) => l);
    cmdlet.forEach((l, i) => {
      const o = JSON.parse(l) as { AuditData: string; Identity: string };
      assert.equal(typeof o.AuditData, 'string');
      assert.deepEqual(JSON.parse(o.AuditData), plainJson(records[i]));
      assert.equal(o.Identity, records[i].Id);
    });
  });

  it('writes Defender CloudAppEvents wrapper lines like the published sample (RawEventData CreationTime with Z)', () => {
    const records = sample(60).filter((r) => r.Workload === 'Exchange');
    const lines = linesOf(decode(renderExport('defender-cloudappevents-json', rows(records))).text).filter(
      (l) => l,
    );
    assert.equal(lines.length, records.length);
    lines.forEach((l, i) => {
      const w = JSON.parse(l) as {
        category: string;
        time: string;
        properties: { ActionType: string; RawEventData: Record<string, unknown>; Timestamp: string };
      };
      assert.equal(w.category, 'AdvancedHunting-CloudAppEvents');
      assert.match(w.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      assert.equal(w.properties.ActionType, records[i].Operation);
      assert.equal(w.properties.Timestamp, `${String(records[i].CreationTime)}Z`);
      assert.deepEqual(w.properties.RawEventData, {
        ...plainJson(records[i]),
        CreationTime: `${String(records[i].CreationTime)}Z`,
      });
    });
  });

  it('writes the Defender advanced-hunting CSV with Timestamp,…,ActionType,…,RawEventData', () => {
    const records = sample(40);
    const { data, errors } = parseCsv(
      decode(renderExport('defender-cloudappevents-csv', rows(records))).text,
    );
    assert.deepEqual(errors, []);
    const header = data[0];
    assert.equal(header[0], 'Timestamp');
    assert.ok(header.indexOf('ActionType') > 0);
    const raw = header.indexOf('RawEventData');
    assert.ok(raw > header.indexOf('ActionType'));
    data
      .slice(1)
      .forEach((row, i) => assert.equal((JSON.parse(row[raw]) as { Id: string }).Id, records[i].Id));
  });

  it('writes Sentinel OfficeActivity CSV and JSON with renamed columns and nested fields as JSON strings', () => {
    const records = sample(80).filter((r) => r.Workload === 'Exchange');
    const { data, errors } = parseCsv(
      decode(renderExport('sentinel-officeactivity-csv', rows(records))).text,
    );
    assert.deepEqual(errors, []);
    const col = (name: string) => {
      const i = data[0].indexOf(name);
      assert.ok(i >= 0, `column ${name}`);
      return i;
    };
    for (const name of [
      'TimeGenerated',
      'Operation',
      'UserId',
      'Client_IPAddress',
      'Logon_Type',
      'Folders',
      'OperationProperties',
      'MailboxOwnerUPN',
      'MailboxGuid',
      'OfficeId',
      'SessionId',
      'ClientInfoString',
      'AppId',
      'ClientAppId',
      'OrganizationId',
      'ExternalAccess',
      'RecordType',
      'OperationCount',
      'Item',
    ])
      col(name);
    data.slice(1).forEach((row, i) => {
      const r = records[i];
      assert.equal(row[col('OfficeId')], r.Id);
      assert.equal(row[col('TimeGenerated')], `${String(r.CreationTime)}Z`);
      assert.equal(row[col('Client_IPAddress')], r.ClientIPAddress ?? '');
      assert.equal(
        row[col('OriginatingServer')],
        r.OriginatingServer ?? '',
        'CR LF kept inside the quoted field',
      );
      if (r.Folders) assert.deepEqual(JSON.parse(row[col('Folders')]), plainJson(r.Folders));
      if (r.Item) assert.deepEqual(JSON.parse(row[col('Item')]), plainJson(r.Item));
      if (r.OperationProperties)
        assert.deepEqual(JSON.parse(row[col('OperationProperties')]), r.OperationProperties);
    });
    const json = JSON.parse(
      decode(renderExport('sentinel-officeactivity-json', rows(records))).text,
    ) as Record<string, unknown>[];
    assert.equal(json.length, records.length);
    json.forEach((o, i) => {
      assert.equal(o.OfficeId, records[i].Id);
      assert.equal(typeof o.OperationCount, 'number');
      if (records[i].Folders) assert.equal(typeof o.Folders, 'string');
    });
  });

  it('switches line endings and encodings as asked', () => {
    const records = sample(20);
    const lf = renderExport('purview-csv-new', rows(records), { eol: 'lf', encoding: 'utf-8' });
    assert.ok(!lf.includes('\r'));
    assert.notEqual(lf[0], 0xef);
    const crlf = decode(renderExport('purview-csv-new', rows(records), { eol: 'crlf' })).text;
    assert.equal(crlf.split('\r\n').length, crlf.split('\n').length);
    const utf16 = renderExport('json-lines', rows(records), { encoding: 'utf-16le-bom' });
    assert.deepEqual([...utf16.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(decode(utf16).text, decode(renderExport('json-lines', rows(records))).text);
  });

  it('reports the 1-based line where every row starts, also for multi-line rows', () => {
    const sc = smallScenario();
    const all = rowsOf(sc, 300);
    for (const [container, options, firstLine, span] of [
      ['purview-csv-new', {}, 2, 1],
      ['unified-audit-log-csv', {}, 3, 1],
      ['sentinel-officeactivity-csv', {}, 2, -1], // OriginatingServer's CR LF splits a row over two lines
      ['powershell-json', { psStyle: 'ps51', psShape: 'pages', pageSize: 70 }, 2, 0],
      ['sentinel-officeactivity-json', {}, 2, 1],
      ['json-lines', {}, 1, 1],
    ] as const) {
      const lines = layoutLines(container, all, options);
      const text = linesOf(decode(renderExport(container, all, options)).text);
      assert.equal(lines.length, all.length);
      assert.equal(lines[0], firstLine, container);
      lines.forEach((line, i) => {
        const id = String(all[i].audit.Id);
        const end = i + 1 < lines.length ? lines[i + 1] - 1 : text.length;
        const server = all[i].audit.OriginatingServer;
        const expected = span >= 0 ? span : typeof server === 'string' && server.includes('\n') ? 2 : 1;
        if (expected > 0 && i + 1 < lines.length)
          assert.equal(lines[i + 1] - line, expected, `${container} row ${i}`);
        if (container === 'powershell-json')
          assert.equal(text[line - 1].trim(), '{', `${container} row ${i}`);
        // The row's own Id appears between its first line and the next row's first line.
        assert.ok(
          text.slice(line - 1, end).some((l) => l.includes(id)),
          `${container} row ${i} holds its Id`,
        );
      });
    }
  });
});
