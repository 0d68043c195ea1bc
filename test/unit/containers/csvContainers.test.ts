import * as assert from 'node:assert/strict';
import * as Papa from 'papaparse';
import { sentinelToAudit } from '../../../src/core/containers/sentinel';
import type { SourceRow } from '../../../src/core/containers/types';
import { creationTime, fixtureAudits, type Audit } from '../../support/containerFixtures/records';
import { fixtureBytes, lineOfOffset, openBytes, readRows } from '../../support/containerFixtures/readRows';
import { euDate, iso7, usDate } from '../../support/containerFixtures/text';

const ALL = fixtureAudits();
const NEWEST_FIRST = [...ALL].sort((a, b) => creationTime(b).getTime() - creationTime(a).getTime());
const isoZ = (a: Audit) => `${creationTime(a).toISOString().slice(0, 19)}Z`;

interface CsvCase {
  name: string;
  audits: Audit[];
  utf16: boolean;
  /** The container's record id column (`Identity`, `RecordId`, `id`) carries AuditData.Id. */
  recordId: boolean;
  time: (a: Audit) => string;
}

const CASES: CsvCase[] = [
  {
    name: 'purview-classic-crlf.csv',
    audits: ALL,
    utf16: false,
    recordId: false,
    time: (a) => iso7(creationTime(a)),
  },
  {
    name: 'purview-classic-semicolon-lf.csv',
    audits: ALL,
    utf16: false,
    recordId: false,
    time: (a) => iso7(creationTime(a)),
  },
  {
    name: 'purview-classic-sep-line.csv',
    audits: ALL.slice(0, 3),
    utf16: false,
    recordId: false,
    time: (a) => iso7(creationTime(a)),
  },
  {
    name: 'purview-classic-excel-unicode-tab.txt',
    audits: ALL,
    utf16: true,
    recordId: false,
    time: (a) => iso7(creationTime(a)),
  },
  {
    name: 'purview-new-bom-crlf.csv',
    audits: NEWEST_FIRST,
    utf16: false,
    recordId: true,
    time: (a) => iso7(creationTime(a)),
  },
  {
    name: 'purview-new-us-dates-lf.csv',
    audits: NEWEST_FIRST,
    utf16: false,
    recordId: true,
    time: (a) => usDate(creationTime(a)),
  },
  {
    name: 'ual-type-line-crlf.csv',
    audits: ALL,
    utf16: false,
    recordId: true,
    time: (a) => usDate(creationTime(a)),
  },
  {
    name: 'ual-no-type-line-lf.csv',
    audits: ALL,
    utf16: false,
    recordId: true,
    time: (a) => euDate(creationTime(a)),
  },
  {
    name: 'ual-ps-columns-utf16-bom.csv',
    audits: ALL,
    utf16: true,
    recordId: true,
    time: (a) => usDate(creationTime(a)),
  },
  {
    name: 'ual-utf16-no-bom.csv',
    audits: ALL,
    utf16: true,
    recordId: true,
    time: (a) => usDate(creationTime(a)),
  },
  { name: 'graph-audit.csv', audits: ALL, utf16: false, recordId: true, time: isoZ },
  {
    name: 'defender-advanced-hunting.csv',
    audits: ALL,
    utf16: false,
    recordId: false,
    time: (a) => `${creationTime(a).toISOString().slice(0, 19)}.0000000Z`,
  },
];

/** The file's text as papaparse should see it: decoded, BOM, `#TYPE` and `sep=` lines removed. */
function referenceText(bytes: Buffer, utf16: boolean): string {
  let text = utf16 ? bytes.toString('utf16le') : bytes.toString('utf8');
  text = text.replace(/^\uFEFF/, '');
  while (/^(#TYPE |sep=)/i.test(text)) text = text.slice(text.indexOf('\n') + 1);
  return text;
}

function checkPositions(rows: SourceRow[], bytes: Buffer, utf16: boolean): void {
  const lf = utf16 ? Buffer.from([0x0a, 0]) : Buffer.from([0x0a]);
  for (const row of rows) {
    assert.equal(row.line, lineOfOffset(bytes, row.offset, utf16), `line of the row at offset ${row.offset}`);
    assert.ok(
      bytes.subarray(row.offset - lf.length, row.offset).equals(lf),
      `row at ${row.offset} starts a line`,
    );
    const next = bytes.subarray(row.offset + row.length, row.offset + row.length + 2 * lf.length);
    assert.ok(
      next.length === 0 || next[0] === 0x0d || next[0] === 0x0a,
      `row at ${row.offset} ends at a line break`,
    );
  }
}

describe('CSV containers', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const bytes = fixtureBytes(c.name);

      it('yields every record once, in file order, with its envelope', async () => {
        const rows = await readRows(await openBytes(c.name, bytes));
        assert.equal(rows.length, c.audits.length);
        rows.forEach((row, i) => {
          const a = c.audits[i];
          assert.equal(row.error, undefined);
          assert.deepEqual(row.audit, a);
          assert.equal(row.envelope?.operation, a.Operation);
          assert.equal(row.envelope?.recordId, c.recordId ? a.Id : undefined);
          assert.equal(row.envelope?.time, c.time(a));
        });
      });

      it('gives each row its line and byte range, and reparse(offset, length) reads the same row', async () => {
        const reader = await openBytes(c.name, bytes);
        const rows = await readRows(reader);
        checkPositions(rows, bytes, c.utf16);
        for (const row of rows) assert.deepEqual(await reader.reparse(row.offset, row.length), row);
      });

      it('agrees with papaparse on the AuditData of every row', async () => {
        const rows = await readRows(await openBytes(c.name, bytes));
        const parsed = Papa.parse<string[]>(referenceText(bytes, c.utf16), { skipEmptyLines: true });
        assert.deepEqual(parsed.errors, []);
        const [header, ...data] = parsed.data;
        const column = header.findIndex((h) => /^(auditdata|raweventdata)$/i.test(h));
        assert.ok(column >= 0);
        assert.equal(rows.length, data.length);
        data.forEach((cells, i) => assert.deepEqual(rows[i].audit, JSON.parse(cells[column])));
      });
    });
  }

  describe('sentinel-officeactivity.csv', () => {
    const bytes = fixtureBytes('sentinel-officeactivity.csv');

    it('rebuilds AuditData from the renamed columns', async () => {
      const rows = await readRows(await openBytes('s.csv', bytes));
      assert.equal(rows.length, ALL.length);
      rows.forEach((row, i) => {
        const a = ALL[i];
        const audit = row.audit ?? {};
        assert.equal(row.error, undefined);
        assert.equal(audit.Id, a.Id);
        assert.equal(audit.CreationTime, isoZ(a));
        assert.equal(audit.ClientIPAddress, a.ClientIPAddress);
        assert.equal(audit.LogonType, a.LogonType);
        assert.equal(audit.UserType, a.UserType);
        assert.equal(audit.MailboxOwnerUPN, a.MailboxOwnerUPN);
        assert.equal(audit.SessionId, a.SessionId);
        assert.equal(audit.Workload, 'Exchange');
        assert.deepEqual(audit.Folders, a.Folders);
        assert.deepEqual(audit.Item, a.Item);
        assert.deepEqual(audit.OperationProperties, a.OperationProperties);
        assert.deepEqual(audit.AppAccessContext, a.AppAccessContext);
        // Booleans come back as booleans ("True"/"False" cells); the sample whose key has a trailing space has none.
        assert.equal(
          audit.ExternalAccess,
          a.ExternalAccess === undefined ? undefined : `${a.ExternalAccess as string | boolean}` === 'true',
        );
        assert.equal(audit.OriginatingServer, a.OriginatingServer);
        for (const dropped of [
          'TenantId',
          'SourceSystem',
          'Type',
          'OfficeId',
          'TimeGenerated',
          'Client_IPAddress',
          'Logon_Type',
        ]) {
          assert.ok(!(dropped in audit), `${dropped} is not an AuditData key`);
        }
        assert.deepEqual(row.envelope, { operation: 'MailItemsAccessed', recordId: a.Id, time: isoZ(a) });
      });
    });

    it('counts the lines of cells with line breaks, and agrees with papaparse', async () => {
      const reader = await openBytes('s.csv', bytes);
      const rows = await readRows(reader);
      checkPositions(rows, bytes, false);
      // OriginatingServer ends with a real CRLF, so every record spans two lines.
      assert.deepEqual(
        rows.map((r) => r.line),
        ALL.map((_, i) => 2 + 2 * i),
      );
      for (const row of rows) assert.deepEqual(await reader.reparse(row.offset, row.length), row);
      const parsed = Papa.parse<Record<string, string>>(referenceText(bytes, false), {
        header: true,
        skipEmptyLines: true,
      });
      assert.deepEqual(parsed.errors, []);
      parsed.data.forEach((cells, i) => assert.deepEqual({ audit: rows[i].audit }, sentinelToAudit(cells)));
    });
  });
});
