import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ContainerKind, RowEnvelope } from '../../../src/core/containers/types';
import { pickAuditBytes } from '../../../src/core/normalise/auditBytes';
import { canonicalAudit } from '../../../src/core/normalise/auditShape';
import { normaliseCanonical } from '../../../src/core/normalise/normaliseAudit';
import { messageIdKey } from '../../../src/core/normalise/matchKeys';
import { AuditRowWriter } from '../../../src/core/worker/auditRows';
import type { RowItem } from '../../../src/core/worker/protocol';
import { RowBatchWriter, type RowBatch } from '../../../src/core/worker/rowBatch';
import type { RowRecord } from '../../../src/core/worker/rowBatchFormat';
import { NO_SHARING, RowBatchReader } from '../../../src/core/worker/rowBatchReader';
import { openBytes, readRows } from '../../support/containerFixtures/readRows';
import { generateScenario } from '../../support/generator/scenario';
import { renderExport, scenarioRows } from '../../support/generator/writeExport';
import { fixturePath } from '../../support/paths';

type Audit = Record<string, unknown>;

/** The published samples, as AuditData objects, by file name. */
const SAMPLES: [string, Audit][] = fs
  .readdirSync(fixturePath('samples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(fs.readFileSync(fixturePath('samples', f), 'utf8')) as Audit]);

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
  ...SAMPLES.map(([file, audit]): [string, Audit] => [`sample ${file}`, audit]),
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
      item('<zZ@z>'),
      item('A@a'),
      item('<~@x\u007f>'),
      item('<[@]>'),
      item('<open@host'),
      item('close@host>'),
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
      item('<c@d>', { SizeInBytes: '1e3', Subject: 'Ré: "hi"' }),
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
  ['a size that is not a number', inFolder(item('<c@d>', { SizeInBytes: 'twelve' }))],
  ['a PowerShell date', { ...BASE, CreationTime: { value: '/Date(1700000000000)/', DateTime: 'x' } }],
];

/** The rows a batch decodes to. */
const decode = (batch: RowBatch): RowItem[] => new RowBatchReader(NO_SHARING).read(batch);

/** Both writers' rows for the same rows, as decoded (each row's AuditData re-keyed afresh for each). */
function bothWays(rows: [Audit, RowEnvelope | undefined][]): [RowItem[], RowItem[]] {
  const old = new RowBatchWriter();
  const fused = new AuditRowWriter();
  rows.forEach(([audit, envelope], i) => {
    old.result(i + 1, i * 10, 9, normaliseCanonical(canonicalAudit(structuredClone(audit)), envelope));
    fused.canonical(i + 1, i * 10, 9, canonicalAudit(structuredClone(audit)), envelope);
  });
  return [decode(fused.take()), decode(old.take())];
}

describe('the workers’ batch writer (AuditData normalised straight into a batch)', () => {
  for (const [what, audit, envelope] of CASES) {
    it(`writes exactly what normaliseCanonical's record writes: ${what}`, () => {
      const [fused, old] = bothWays([[audit, envelope]]);
      assert.deepStrictEqual(fused, old);
      // Records stay records (a case that turned into an error would test nothing of its fields).
      const expected = normaliseCanonical(canonicalAudit(structuredClone(audit)), envelope).kind;
      assert.equal(fused[0][0], { mia: 0, other: 1, error: 2 }[expected]);
      assert.equal(
        expected === 'error',
        /no operation|not text|empty id|not one|no mailbox|wrong type|not a number|wrapper/.test(what),
        expected,
      );
    });
  }

  it('writes the same rows for all the cases in one batch (shared strings sent once)', () => {
    const [fused, old] = bothWays(CASES.map(([, audit, envelope]) => [audit, envelope]));
    assert.equal(fused.length, CASES.length);
    assert.deepStrictEqual(fused, old);
    const records = fused.filter((row) => row[0] === 0);
    assert.ok(records.length >= CASES.length / 2, `${records.length} records`);
  });

  it('sends a message key only when the reader cannot make it from the id', () => {
    const w = new AuditRowWriter();
    const ids = ['<Mixed@Host>', 'Plain@Host', '<lower@host>', 'lower@host', ' <padded@host>', '<ré@hôte>'];
    w.canonical(1, 0, 1, canonicalAudit(inFolder(...ids.map((id) => item(id)))));
    const batch = w.take();
    // The record id, the six message ids, and the one key that is not the id or its inner part as
    // they are or lower-cased.
    assert.deepStrictEqual(batch.strings, ['rec-1', ...ids.slice(0, 5), 'padded@host', ids[5]]);
    const folders = (decode(batch)[0][4] as RowRecord).folders;
    assert.deepStrictEqual(
      folders[0].items.map((m) => m.key),
      ['mixed@host', 'plain@host', 'lower@host', 'lower@host', 'padded@host', 'ré@hôte'],
    );
  });

  it('makes the keys messageIdKey makes, for ids at the edges of printable ASCII and of capitals', () => {
    const w = new AuditRowWriter();
    const ids = [
      '!a@b~',
      '<!A@Z~>',
      '<@@[>',
      '<`a@{>',
      'a\x7fb@c',
      '<A\x7fB@C>',
      '<a\tb@c>',
      '<A b@c>',
      'A\u0100@B',
      '<>',
      '<A>',
      'x',
      '\x21\x7e',
      // Blanks at the ends, which trim takes off (a space, a tab, no-break space, line separator).
      ' <A@B>',
      '<a@b>\t',
      '\u00a0<a@b>',
      '<A@B>\u2028',
      '\x7f<a@b>',
    ];
    w.canonical(1, 0, 1, canonicalAudit(inFolder(...ids.map((id) => item(id)))));
    const folders = (decode(w.take())[0][4] as RowRecord).folders;
    assert.deepStrictEqual(
      folders[0].items.map((m) => [m.internetMessageId, m.key]),
      ids.map((id) => [id, messageIdKey(id)]),
    );
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
      let mixedCase = 0;
      for (const r of picked) {
        const canonical = r.canonical as Audit;
        old.result(r.line, r.offset, r.length, normaliseCanonical(structuredClone(canonical), r.envelope));
        fused.canonical(r.line, r.offset, r.length, canonical, r.envelope);
      }
      const decoded = decode(fused.take());
      assert.deepStrictEqual(decoded, decode(old.take()));
      for (const row of decoded)
        if (row[0] === 0)
          for (const f of row[4].folders)
            for (const m of f.items)
              if (m.internetMessageId !== m.internetMessageId.toLowerCase()) mixedCase++;
      assert.ok(mixedCase > 100, `${mixedCase} message ids with capitals`);
    });
  }
});
