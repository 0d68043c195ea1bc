import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ContainerKind, RowEnvelope } from '../../../src/core/containers/types';
import { pickAuditBytes } from '../../../src/core/normalise/auditBytes';
import { canonicalAudit } from '../../../src/core/normalise/auditShape';
import { normaliseCanonical } from '../../../src/core/normalise/normaliseAudit';
import { AuditRowWriter } from '../../../src/core/worker/auditRows';
import { RowBatchWriter } from '../../../src/core/worker/rowBatch';
import { NO_SHARING, RowBatchReader } from '../../../src/core/worker/rowBatchReader';
import { openBytes, readRows } from '../../support/containerFixtures/readRows';
import { generateScenario } from '../../support/generator/scenario';
import { renderExport, scenarioRows } from '../../support/generator/writeExport';
import { fixturePath } from '../../support/paths';

type Audit = Record<string, unknown>;

/** The published samples, as AuditData objects. */
const SAMPLES: Audit[] = fs
  .readdirSync(fixturePath('samples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(fixturePath('samples', f), 'utf8')) as Audit);

const BASE: Audit = {
  Id: 'rec-1',
  CreationTime: '2024-03-01T10:00:00',
  Operation: 'MailItemsAccessed',
  MailboxOwnerUPN: 'Ann@Contoso.com',
  OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
  Folders: [
    {
      Id: 'f1',
      Path: '\\Inbox',
      FolderItems: [{ InternetMessageId: '<a@b.example>', SizeInBytes: 10 }],
    },
  ],
};

const item = (InternetMessageId: unknown, more: Audit = {}): Audit => ({ InternetMessageId, ...more });
const inFolder = (...items: Audit[]): Audit => ({
  ...BASE,
  Folders: [{ Path: 'Inbox', FolderItems: items }],
});

/** AuditData covering every branch of normalisation: values, both folder shapes, message keys, errors. */
const CASES: [what: string, audit: Audit, envelope?: RowEnvelope][] = [
  ...SAMPLES.map((s, i): [string, Audit] => [`sample ${i}`, s]),
  ['the base record', BASE],
  [
    'every optional field, written as text and names',
    {
      ...BASE,
      Operation: '  mailitemsaccessed ',
      Id: '  padded-id ',
      CreationTime: '2024-03-01T10:00:00.1234567Z',
      MailboxGuid: ' guid-1 ',
      UserId: ' actor@x ',
      LogonType: 'Delegated',
      UserType: '2',
      OperationProperties: [
        { Name: ' isthrottled ', Value: ' TRUE ' },
        { Name: 'MAILACCESSTYPE', Value: ' sync ' },
      ],
      SessionId: ' ',
      AppAccessContext: { AADSessionId: ' aad-session ' },
      ClientIPAddress: '  ',
      ClientIP: '[2001:DB8::1]:443',
      ClientInfoString: 'Client=OWA',
      AppId: ' app ',
      ClientAppId: 'client-app',
      OperationCount: ' 7 ',
      ExternalAccess: 'False',
      OrganizationId: 'org',
      TokenTenantId: 'tenant',
      RecordType: 'ExchangeItemAggregated',
      OriginatingServer: 'SRV (15.20)\r\n',
    },
  ],
  [
    'numbers and booleans as JSON values',
    { ...BASE, LogonType: 2.5, UserType: 0, RecordType: 2, OperationCount: 3, ExternalAccess: true },
  ],
  ['an IPv4 address with a port', { ...BASE, ClientIPAddress: '10.1.2.3:5678' }],
  ['an IPv4-mapped address', { ...BASE, ClientIPAddress: '::ffff:10.1.2.3' }],
  ['a mailbox known only by its guid', { ...BASE, MailboxOwnerUPN: ' ', MailboxGuid: 'G-1' }],
  [
    'message ids: capitals, blanks, no brackets, non-ASCII, empty, blank, missing, <>',
    inFolder(
      item('<Mixed.Case@Host>'),
      item(' <padded@host> '),
      item('no-brackets@host'),
      item('NoBrackets@Host'),
      item('<ré@hôte>'),
      item('<a\u00a0b@host>'),
      item(''),
      item('   '),
      item(undefined, { Subject: 'no id' }),
      item('<>'),
      item('<'),
      item('x'),
      item('<tab\t@host>'),
      item('<a@b>', { SizeInBytes: ' 12 ', Subject: '' }),
      item('<c@d>', { SizeInBytes: 'twelve', Subject: 'Ré: "hi"' }),
      item('<e@f>', { SizeInBytes: -0 }),
    ),
  ],
  [
    'folders: a numeric id, a name only, no path, no items, empty items',
    {
      ...BASE,
      Folders: [
        { Id: 42, Name: 'Inbox', FolderItems: [item('<1@x>')] },
        { Path: '\\Sent Items' },
        { FolderItems: [] },
        { Id: 'f2', Path: ' \\Deleted ', FolderItems: [item('   ')] },
      ],
    },
  ],
  [
    'the Item shape with a parent folder',
    {
      ...BASE,
      Folders: undefined,
      Item: { InternetMessageId: '<P@Q>', SizeInBytes: 5, ParentFolder: { Id: 'pf', Name: 'Inbox' } },
    },
  ],
  [
    'the Item shape with a parent folder and no message id',
    { ...BASE, Folders: [], Item: { Subject: 's', ParentFolder: { Path: '\\Inbox' } } },
  ],
  [
    'the Item shape without a parent folder',
    { ...BASE, Folders: undefined, Item: { InternetMessageId: 'm@x' } },
  ],
  [
    'the Item shape without a parent folder or message id',
    { ...BASE, Folders: undefined, Item: { InternetMessageId: ' ' } },
  ],
  ['no folders at all', { ...BASE, Folders: undefined }],
  ['the id from the envelope', { ...BASE, Id: '' }, { recordId: ' env-id ' }],
  ['the operation from the envelope', { ...BASE, Operation: undefined }, { operation: 'MailItemsAccessed' }],
  ['another operation', { ...BASE, Operation: 'Send' }],
  ['another operation without a time', { ...BASE, Operation: 'Send', CreationTime: 'soon', Id: ' ' }],
  ['no operation', { ...BASE, Operation: undefined }],
  ['an operation that is not text', { ...BASE, Operation: 5 }],
  ['an empty id', { ...BASE, Id: '  ' }],
  ['a time that is not one', { ...BASE, CreationTime: '2024-02-30T10:00:00' }],
  ['no mailbox', { ...BASE, MailboxOwnerUPN: undefined }],
  ['a field of the wrong type', { ...BASE, SessionId: 5 }],
  ['a PowerShell date', { ...BASE, CreationTime: { value: '/Date(1700000000000)/', DateTime: 'x' } }],
];

/** Both writers' batches for the same rows (each row's AuditData re-keyed afresh for each). */
function batches(rows: [Audit, RowEnvelope | undefined][]): [unknown, unknown] {
  const old = new RowBatchWriter();
  const fused = new AuditRowWriter();
  rows.forEach(([audit, envelope], i) => {
    old.result(i + 1, i * 10, 9, normaliseCanonical(canonicalAudit(structuredClone(audit)), envelope));
    fused.canonical(i + 1, i * 10, 9, canonicalAudit(structuredClone(audit)), envelope);
  });
  return [fused.take(), old.take()];
}

describe('the workers’ batch writer (AuditData normalised straight into a batch)', () => {
  for (const [what, audit, envelope] of CASES) {
    it(`writes exactly what normaliseCanonical's record writes: ${what}`, () => {
      const [fused, old] = batches([[audit, envelope]]);
      assert.deepStrictEqual(fused, old);
    });
  }

  it('writes the same batch for all the cases in a row (shared strings sent once, in the same order)', () => {
    const [fused, old] = batches(CASES.map(([, audit, envelope]) => [audit, envelope]));
    assert.deepStrictEqual(fused, old);
    // The batch decodes to the records normalisation makes (the writer's rows are not empty).
    const decoded = new RowBatchReader(NO_SHARING).read(fused as never);
    assert.equal(decoded.length, CASES.length);
    const records = decoded.filter((row) => row[0] === 0);
    assert.ok(records.length >= CASES.length / 2, `${records.length} records`);
    decoded.forEach((row, i) => {
      const [, audit, envelope] = CASES[i];
      const r = normaliseCanonical(canonicalAudit(structuredClone(audit)), envelope);
      if (r.kind === 'mia') assert.deepStrictEqual(row[4], r.record, CASES[i][0]);
      else assert.equal(row[0], r.kind === 'other' ? 1 : 2, CASES[i][0]);
    });
  });

  const scenario = generateScenario({ scale: 'small', seed: 11 });
  for (const container of ['purview-csv-new', 'json-lines'] as ContainerKind[]) {
    it(`writes the same batches as before for a generated ${container} export read by the fast path`, async function () {
      this.timeout(30_000);
      const bytes = renderExport(container, scenarioRows(scenario, container));
      const rows = await readRows(await openBytes(`x.${container}`, bytes), { pickAudit: pickAuditBytes });
      const picked = rows.flatMap((r) => (r.canonical ? [r] : []));
      assert.ok(picked.length > 1000, `${picked.length} rows picked`);
      const old = new RowBatchWriter();
      const fused = new AuditRowWriter();
      for (const r of picked) {
        const canonical = r.canonical as Audit;
        old.result(r.line, r.offset, r.length, normaliseCanonical(structuredClone(canonical), r.envelope));
        fused.canonical(r.line, r.offset, r.length, canonical, r.envelope);
      }
      assert.deepStrictEqual(fused.take(), old.take());
    });
  }
});
