import * as assert from 'node:assert/strict';
import type { RowEnvelope, SourceRow } from '../../../src/core/containers/types';
import { creationTime, fixtureAudits, type Audit } from '../../support/containerFixtures/records';
import { graphRecord } from '../../support/containerFixtures/jsonFixtures';
import { fixtureBytes, lineOfOffset, openBytes, readRows } from '../../support/containerFixtures/readRows';

const ALL = fixtureAudits();
const isoZ = (a: Audit) => `${creationTime(a).toISOString().slice(0, 19)}Z`;
const iso = (a: Audit) => creationTime(a).toISOString().slice(0, 19);

const graphEnvelope = (a: Audit): RowEnvelope => ({
  operation: String(a.Operation),
  recordId: String(a.Id),
  time: isoZ(a),
});
const cmdletEnvelope = (a: Audit): RowEnvelope => ({
  operation: String(a.Operation),
  recordId: String(a.Id),
  time: iso(a),
});
const defenderEnvelope = (a: Audit): RowEnvelope => ({ operation: String(a.Operation), time: isoZ(a) });
const noEnvelope = (): RowEnvelope | undefined => undefined;

interface JsonCase {
  name: string;
  audits: Audit[];
  envelope: (a: Audit) => RowEnvelope | undefined;
  utf16?: boolean;
  /** Expected first lines, when they are simple to state. */
  lines?: number[];
}

const CASES: JsonCase[] = [
  { name: 'graph-audit-array.json', audits: ALL, envelope: graphEnvelope },
  { name: 'graph-audit-pages.json', audits: ALL, envelope: graphEnvelope },
  { name: 'powershell-array-crlf.json', audits: ALL, envelope: cmdletEnvelope },
  { name: 'powershell-concatenated-arrays.json', audits: ALL, envelope: cmdletEnvelope },
  { name: 'powershell-single-object.json', audits: ALL.slice(0, 1), envelope: cmdletEnvelope, lines: [1] },
  { name: 'powershell-auditdata-objects.json', audits: ALL, envelope: cmdletEnvelope },
  { name: 'powershell-raw-audit-array.json', audits: ALL, envelope: noEnvelope },
  { name: 'powershell-compressed.json', audits: ALL, envelope: cmdletEnvelope, lines: ALL.map(() => 1) },
  {
    name: 'powershell-ps51-utf16.json',
    audits: ALL,
    envelope: (a) => ({ ...cmdletEnvelope(a), time: `/Date(${creationTime(a).getTime()})/` }),
    utf16: true,
  },
  { name: 'json-lines-raw.jsonl', audits: ALL, envelope: noEnvelope, lines: ALL.map((_, i) => i + 1) },
  {
    name: 'json-lines-cmdlet-crlf.jsonl',
    audits: ALL,
    envelope: cmdletEnvelope,
    lines: ALL.map((_, i) => 2 * i + 1),
  },
  { name: 'json-lines-graph.jsonl', audits: ALL, envelope: graphEnvelope, lines: ALL.map((_, i) => i + 1) },
  {
    name: 'defender-wrapper-lines.json',
    audits: ALL,
    envelope: defenderEnvelope,
    lines: ALL.map((_, i) => i + 1),
  },
  { name: 'defender-wrapper-array.json', audits: ALL, envelope: defenderEnvelope },
];

function checkPositions(rows: SourceRow[], bytes: Buffer, utf16: boolean): void {
  const w = utf16 ? 2 : 1;
  for (const row of rows) {
    assert.equal(row.line, lineOfOffset(bytes, row.offset, utf16), `line of the element at ${row.offset}`);
    assert.equal(bytes[row.offset], 0x7b, `element at ${row.offset} starts with {`);
    assert.equal(bytes[row.offset + row.length - w], 0x7d, `element at ${row.offset} ends with }`);
    const text = bytes.subarray(row.offset, row.offset + row.length).toString(utf16 ? 'utf16le' : 'utf8');
    assert.doesNotThrow(() => JSON.parse(text));
  }
}

describe('JSON containers', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const bytes = fixtureBytes(c.name);

      it('yields every record once, in order, with its envelope', async () => {
        const rows = await readRows(await openBytes(c.name, bytes));
        assert.equal(rows.length, c.audits.length);
        rows.forEach((row, i) => {
          assert.equal(row.error, undefined);
          assert.deepEqual(row.audit, c.audits[i]);
          assert.deepEqual(row.envelope, c.envelope(c.audits[i]));
        });
        if (c.lines)
          assert.deepEqual(
            rows.map((r) => r.line),
            c.lines,
          );
      });

      it('gives each element its line and byte range, and reparse(offset, length) reads the same row', async () => {
        const reader = await openBytes(c.name, bytes);
        const rows = await readRows(reader);
        checkPositions(rows, bytes, c.utf16 ?? false);
        for (const row of rows) assert.deepEqual(await reader.reparse(row.offset, row.length), row);
      });
    });
  }

  it('rebuilds Sentinel OfficeActivity JSON rows, nested columns as JSON text or as objects', async () => {
    const bytes = fixtureBytes('sentinel-officeactivity.json');
    const reader = await openBytes('s.json', bytes);
    const rows = await readRows(reader);
    assert.equal(rows.length, ALL.length);
    rows.forEach((row, i) => {
      const a = ALL[i];
      const audit = row.audit ?? {};
      assert.equal(audit.Id, a.Id);
      assert.equal(audit.CreationTime, isoZ(a));
      assert.equal(audit.ClientIPAddress, a.ClientIPAddress);
      assert.equal(audit.LogonType, a.LogonType);
      assert.deepEqual(audit.Folders, a.Folders);
      assert.deepEqual(audit.Item, a.Item);
      assert.deepEqual(audit.OperationProperties, a.OperationProperties);
      assert.ok(!('TenantId' in audit) && !('Type' in audit));
    });
    checkPositions(rows, bytes, false);
  });

  it('reads an array of Graph pages, skipping page members other than value (nested ones too)', async () => {
    const g = ALL.slice(0, 4).map(graphRecord);
    const text = JSON.stringify([
      {
        '@odata.context': 'x',
        '@odata.extra': { value: [{ notA: 'record' }], n: [1, { a: 2 }] },
        value: g.slice(0, 2),
      },
      { value: g.slice(2), '@odata.nextLink': 'https://graph.microsoft.com/next', '@odata.count': 4 },
    ]);
    const rows = await readRows(await openBytes('pages.json', text));
    assert.deepEqual(
      rows.map((r) => r.audit),
      ALL.slice(0, 4),
    );
  });

  it('reads Defender wrappers batched as Event Hubs records', async () => {
    const lines = fixtureBytes('defender-wrapper-lines.json').toString('utf8').trim().split('\n');
    const text = `{"records": [${lines.slice(0, 5).join(',')}]}\n{"records": [${lines.slice(5).join(',')}]}\n`;
    const reader = await openBytes('hub.json', text);
    assert.equal(reader.kind, 'defender-cloudappevents-json');
    assert.deepEqual(
      (await readRows(reader)).map((r) => r.audit),
      ALL,
    );
  });

  it('reads several pretty-printed objects concatenated', async () => {
    const text = ALL.slice(0, 3)
      .map((a) => JSON.stringify(a, null, 2))
      .join('\n');
    const rows = await readRows(await openBytes('concat.json', text));
    assert.deepEqual(
      rows.map((r) => r.audit),
      ALL.slice(0, 3),
    );
    assert.equal(rows[1].line, JSON.stringify(ALL[0], null, 2).split('\n').length + 1);
  });

  it('keeps strings with escaped quotes, backslashes and braces intact', async () => {
    const tricky = {
      CreationTime: '2024-01-01T00:00:00',
      Id: 'a"}\\',
      Operation: 'x\\"y{[',
      Subject: 'line\\nbreak \\\\"',
    };
    const text = `[${JSON.stringify(tricky)},\n${JSON.stringify({ ...tricky, Id: 'b' })}]`;
    for (const chunkSize of [1, 2, 3, 5, 4096]) {
      const rows = await readRows(await openBytes('tricky.json', text, { chunkSize }));
      assert.deepEqual(
        rows.map((r) => r.audit),
        [tricky, { ...tricky, Id: 'b' }],
      );
    }
  });
});
