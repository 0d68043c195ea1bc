import * as assert from 'node:assert/strict';
import type { MiaRecord } from '../../../src/core/model';
import { normaliseAudit, type NormaliseResult } from '../../../src/core/normalise/normaliseAudit';
import { miaAudit, otherAudit, syncItemShape } from './auditBuilders';

type Rec = Omit<MiaRecord, 'provenance'>;

function mia(result: NormaliseResult): Rec {
  if (result.kind !== 'mia')
    assert.fail(`expected a MailItemsAccessed record, got ${JSON.stringify(result)}`);
  return result.record;
}

function errorOf(result: NormaliseResult): string {
  if (result.kind !== 'error') assert.fail(`expected an error, got ${result.kind}`);
  return result.reason;
}

const T = '2024-03-01T10:00:00';

describe('normalise/normaliseAudit', () => {
  describe('field lookup', () => {
    it('finds fields whatever their case and surrounding spaces', () => {
      const a = miaAudit({ id: 'x1', time: T, session: 's1' });
      const renamed: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(a))
        renamed[k === 'SessionId' ? ' sessionid ' : k[0].toLowerCase() + k.slice(1)] = v;
      const r = mia(normaliseAudit(renamed));
      assert.equal(r.id, 'x1');
      assert.equal(r.sessionId, 's1');
      assert.equal(r.accessType, 'Bind');
      assert.equal(r.folders[0].items.length, 1);
    });

    it('reads camelCase nested fields (operationProperties name/value, folders path/folderItems)', () => {
      const a: Record<string, unknown> = {
        id: 'g1',
        creationTime: T,
        operation: 'MailItemsAccessed',
        mailboxOwnerUPN: 'a@b.c',
        operationProperties: [
          { name: 'MailAccessType', value: 'Sync' },
          { name: 'IsThrottled', value: 'True' },
        ],
        folders: [{ id: 'f', path: '\\Inbox', folderItems: [] }],
      };
      const r = mia(normaliseAudit(a));
      assert.equal(r.accessType, 'Sync');
      assert.equal(r.isThrottled, true);
      assert.equal(r.folders[0].key, 'inbox');
    });

    it('prefers the exact spelling when two spellings of a field exist', () => {
      const a = miaAudit({ id: 'x2', time: T });
      a['ExternalAccess '] = 'True';
      a.ExternalAccess = false;
      assert.equal(mia(normaliseAudit(a)).externalAccess, false);
    });

    it('treats null as absent', () => {
      const a = miaAudit({ id: 'x3', time: T });
      a.SessionId = null;
      a.AppAccessContext = { AADSessionId: 'aad-1' };
      assert.equal(mia(normaliseAudit(a)).sessionId, 'aad-1');
    });
  });

  describe('OperationProperties by name', () => {
    it('finds MailAccessType and IsThrottled in any position', () => {
      const a = miaAudit({ id: 'p1', time: T });
      a.OperationProperties = [
        { Name: 'IsThrottled', Value: 'True' },
        { Name: 'Other', Value: 'Bind' },
        { Name: 'MailAccessType', Value: 'Sync' },
      ];
      const r = mia(normaliseAudit(a));
      assert.equal(r.accessType, 'Sync');
      assert.equal(r.isThrottled, true);
    });

    for (const [value, expected] of [
      ['True', true],
      ['true', true],
      ['False', false],
      ['false', false],
      ['maybe', undefined],
    ] as const) {
      it(`IsThrottled "${value}" -> ${String(expected)}`, () => {
        const a = miaAudit({ id: 'p2', time: T });
        (a.OperationProperties as unknown[]).push({ Name: 'IsThrottled', Value: value });
        assert.equal(mia(normaliseAudit(a)).isThrottled, expected);
      });
    }

    it('no MailAccessType gives Unknown, never a guess', () => {
      const a = miaAudit({ id: 'p3', time: T });
      a.OperationProperties = [{ Name: 'IsThrottled', Value: 'False' }];
      assert.equal(mia(normaliseAudit(a)).accessType, 'Unknown');
    });

    it('accepts OperationProperties and Folders written as JSON text (Sentinel columns)', () => {
      const a = miaAudit({ id: 'p4', time: T, access: 'Sync', folders: [{ path: '\\Archive', ids: [] }] });
      a.OperationProperties = JSON.stringify(a.OperationProperties);
      a.Folders = JSON.stringify(a.Folders);
      const r = mia(normaliseAudit(a));
      assert.equal(r.accessType, 'Sync');
      assert.equal(r.folders[0].key, 'archive');
    });
  });

  describe('time', () => {
    it('uses CreationTime even when the envelope says otherwise', () => {
      const r = mia(
        normaliseAudit(miaAudit({ id: 't1', time: '2025-03-12T09:30:00' }), { time: '12/3/2025 9:30:00 AM' }),
      );
      assert.equal(r.timeMs, Date.UTC(2025, 2, 12, 9, 30));
    });

    it('accepts Z, offsets and /Date(ms)/', () => {
      assert.equal(
        mia(normaliseAudit(miaAudit({ id: 't2', time: '2025-03-12T09:30:00Z' }))).timeMs,
        Date.UTC(2025, 2, 12, 9, 30),
      );
      assert.equal(
        mia(normaliseAudit(miaAudit({ id: 't3', time: '2025-03-12T10:30:00+01:00' }))).timeMs,
        Date.UTC(2025, 2, 12, 9, 30),
      );
      assert.equal(
        mia(normaliseAudit(miaAudit({ id: 't4', time: '/Date(1741771800000)/' }))).timeMs,
        1741771800000,
      );
    });

    it('accepts a PowerShell DateTime object { value: "/Date(ms)/" }', () => {
      const a = miaAudit({ id: 't5', time: T });
      a.CreationTime = {
        value: '/Date(1741771800000)/',
        DisplayHint: 2,
        DateTime: 'Wednesday, March 12, 2025 9:30:00 AM',
      };
      assert.equal(mia(normaliseAudit(a)).timeMs, 1741771800000);
    });
  });

  describe('session and IP', () => {
    it('session: SessionId, else AppAccessContext.AADSessionId, else none', () => {
      const a = miaAudit({ id: 's1', time: T, session: 'sess' });
      a.AppAccessContext = { AADSessionId: 'aad' };
      assert.equal(mia(normaliseAudit(a)).sessionId, 'sess');
      delete a.SessionId;
      assert.equal(mia(normaliseAudit(a)).sessionId, 'aad');
      delete a.AppAccessContext;
      assert.equal(mia(normaliseAudit(a)).sessionId, undefined);
    });

    it('IP: ClientIPAddress normalised, else ClientIP', () => {
      const a = miaAudit({ id: 'i1', time: T, ip: '[2001:DB8::1]:443' });
      a.ClientIP = '9.9.9.9';
      assert.equal(mia(normaliseAudit(a)).ip, '2001:db8::1');
      delete a.ClientIPAddress;
      assert.equal(mia(normaliseAudit(a)).ip, '9.9.9.9');
      a.ClientIP = '1.2.3.4:5678';
      assert.equal(mia(normaliseAudit(a)).ip, '1.2.3.4');
    });
  });

  describe('Sync shapes', () => {
    it('Folders[] without items', () => {
      const r = mia(
        normaliseAudit(
          miaAudit({ id: 'y1', time: T, access: 'Sync', folders: [{ path: '\\Inbox', ids: [] }] }),
        ),
      );
      assert.equal(r.accessType, 'Sync');
      assert.deepEqual(
        r.folders.map((f) => [f.path, f.key, f.items.length]),
        [['\\Inbox', 'inbox', 0]],
      );
    });

    it('Item.ParentFolder with Name only: "Inbox" matches "\\Inbox"', () => {
      const r = mia(normaliseAudit(syncItemShape({ id: 'y2', time: T, folderName: 'Inbox' })));
      assert.equal(r.accessType, 'Sync');
      assert.equal(r.recordType, 2);
      assert.equal(r.folders.length, 1);
      assert.equal(r.folders[0].path, 'Inbox');
      assert.equal(r.folders[0].key, 'inbox');
      assert.equal(r.folders[0].id, 'LgAAAAparent');
    });

    it('Item.ParentFolder with Path prefers the Path', () => {
      const r = mia(
        normaliseAudit(
          syncItemShape({ id: 'y3', time: T, folderName: 'Posteingang', folderPath: '\\Posteingang' }),
        ),
      );
      assert.equal(r.folders[0].path, '\\Posteingang');
      assert.equal(r.folders[0].key, 'posteingang');
    });
  });

  describe('other fields', () => {
    it('SizeInBytes as int, float or numeric text', () => {
      const a = miaAudit({
        id: 'z1',
        time: T,
        folders: [{ path: '\\Inbox', ids: ['<a@b>', '<c@d>', '<e@f>'] }],
      });
      const items = (a.Folders as { FolderItems: { SizeInBytes: unknown }[] }[])[0].FolderItems;
      items[0].SizeInBytes = 1234;
      items[1].SizeInBytes = 1234.5;
      items[2].SizeInBytes = '77';
      assert.deepEqual(
        mia(normaliseAudit(a)).folders[0].items.map((i) => i.sizeInBytes),
        [1234, 1234.5, 77],
      );
    });

    for (const [value, expected] of [
      [50, 50],
      ['50', 50],
      ['ExchangeItemAggregated', 50],
      ['exchangeItemAggregated', 50],
      ['ExchangeItem', 2],
      [2, 2],
    ] as const) {
      it(`RecordType ${JSON.stringify(value)} -> ${expected}`, () => {
        const a = miaAudit({ id: 'z2', time: T });
        a.RecordType = value;
        assert.equal(mia(normaliseAudit(a)).recordType, expected);
      });
    }

    it('LogonType and UserType as numbers, numeric text or names', () => {
      const a = miaAudit({ id: 'z6', time: T });
      a.LogonType = 'Delegated';
      a.UserType = 'Application';
      let r = mia(normaliseAudit(a));
      assert.equal(r.logonType, 2);
      assert.equal(r.userType, 5);
      a.LogonType = '1';
      a.UserType = 'SomethingNew';
      r = mia(normaliseAudit(a));
      assert.equal(r.logonType, 1);
      assert.equal(r.userType, undefined, 'an unknown name is not guessed');
    });

    it('UserType names the Sentinel reader knows too (one table), and no name of every object', () => {
      const a = miaAudit({ id: 'z7', time: T });
      a.LogonType = 'Delegate';
      a.UserType = 'PartnerTechnician';
      let r = mia(normaliseAudit(a));
      assert.equal(r.logonType, 2);
      assert.equal(r.userType, 9);
      a.UserType = 'Linked User';
      assert.equal(mia(normaliseAudit(a)).userType, 10);
      a.LogonType = 'constructor';
      a.UserType = 'Constructor';
      r = mia(normaliseAudit(a));
      assert.equal(r.logonType, undefined);
      assert.equal(r.userType, undefined);
    });

    it('mailbox: MailboxOwnerUPN, else MailboxGuid; key lower-cased', () => {
      const a = miaAudit({ id: 'z3', time: T, mailbox: 'Victim@Contoso.com' });
      let r = mia(normaliseAudit(a));
      assert.equal(r.mailbox, 'Victim@Contoso.com');
      assert.equal(r.mailboxKey, 'victim@contoso.com');
      delete a.MailboxOwnerUPN;
      a.MailboxGuid = 'BD6ABED2-5D3B';
      r = mia(normaliseAudit(a));
      assert.equal(r.mailbox, 'BD6ABED2-5D3B');
      assert.equal(r.mailboxKey, 'bd6abed2-5d3b');
    });

    it('items without an InternetMessageId are left out', () => {
      const a = miaAudit({ id: 'z4', time: T });
      (a.Folders as { FolderItems: unknown[] }[])[0].FolderItems.push({ Id: 'only-an-exchange-id' });
      assert.equal(mia(normaliseAudit(a)).folders[0].items.length, 1);
    });

    it('record id falls back to the envelope record id only when AuditData has none', () => {
      const a = miaAudit({ id: 'z5', time: T });
      assert.equal(mia(normaliseAudit(a, { recordId: 'env' })).id, 'z5');
      delete a.Id;
      assert.equal(mia(normaliseAudit(a, { recordId: 'env' })).id, 'env');
    });
  });

  describe('other operations', () => {
    it('come back as "other" with their operation, not as MailItemsAccessed', () => {
      const result = normaliseAudit(otherAudit('o1', 'UserLoggedIn', T));
      assert.deepEqual(result, {
        kind: 'other',
        operation: 'UserLoggedIn',
        id: 'o1',
        timeMs: Date.UTC(2024, 2, 1, 10),
      });
    });

    it('the envelope operation counts when AuditData has none', () => {
      const a = otherAudit('o2', 'Send', T);
      delete a.Operation;
      assert.equal(normaliseAudit(a, { operation: 'Send' }).kind, 'other');
      assert.equal(
        mia(normaliseAudit(miaAudit({ id: 'o3', time: T }), { operation: 'Send' })).id,
        'o3',
        'AuditData wins',
      );
    });

    it('the operation name is matched without case or spaces', () => {
      const a = miaAudit({ id: 'o4', time: T });
      a.Operation = ' mailitemsaccessed ';
      assert.equal(normaliseAudit(a).kind, 'mia');
    });
  });

  describe('bad input', () => {
    it('missing Id', () => {
      const a = miaAudit({ id: 'b1', time: T });
      delete a.Id;
      assert.match(errorOf(normaliseAudit(a)), /\bId\b.*missing/);
    });

    it('empty Id', () => {
      const a = miaAudit({ id: '  ', time: T });
      assert.match(errorOf(normaliseAudit(a)), /\bId\b.*empty/);
    });

    it('missing CreationTime', () => {
      const a = miaAudit({ id: 'b2', time: T });
      delete a.CreationTime;
      assert.match(errorOf(normaliseAudit(a, { time: '2024-03-01T10:00:00Z' })), /CreationTime.*missing/);
    });

    it('CreationTime that is not a time', () => {
      assert.match(
        errorOf(normaliseAudit(miaAudit({ id: 'b3', time: '3/12/2025 10:00' }))),
        /CreationTime "3\/12\/2025 10:00" is not a date and time/,
      );
    });

    it('wrong types name the field', () => {
      const cases: [string, (a: Record<string, unknown>) => void, RegExp][] = [
        ['Id number', (a) => (a.Id = { nested: true }), /field Id should be text, but is an object/],
        ['CreationTime number', (a) => (a.CreationTime = 12345), /field CreationTime/],
        [
          'Folders object',
          (a) => (a.Folders = { Path: '\\Inbox' }),
          /field Folders should be a list, but is an object/,
        ],
        [
          'FolderItems text',
          (a) => ((a.Folders as Record<string, unknown>[])[0].FolderItems = 'x'),
          /field Folders\[0\]\.FolderItems should be a list, but is text/,
        ],
        [
          'InternetMessageId number',
          (a) =>
            ((a.Folders as { FolderItems: Record<string, unknown>[] }[])[0].FolderItems[0].InternetMessageId =
              5),
          /field Folders\[0\]\.FolderItems\[0\]\.InternetMessageId should be text, but is a number/,
        ],
        [
          'SizeInBytes word',
          (a) =>
            ((a.Folders as { FolderItems: Record<string, unknown>[] }[])[0].FolderItems[0].SizeInBytes =
              'big'),
          /field Folders\[0\]\.FolderItems\[0\]\.SizeInBytes should be a number, but is the text "big"/,
        ],
        [
          'OperationProperties object',
          (a) => (a.OperationProperties = { MailAccessType: 'Bind' }),
          /field OperationProperties should be a list/,
        ],
        ['SessionId list', (a) => (a.SessionId = ['s']), /field SessionId should be text, but is a list/],
        ['Operation number', (a) => (a.Operation = 7), /field Operation should be text/],
        // A code may be a number or numeric text: anything else is named by the value it holds.
        [
          'LogonType object',
          (a) => (a.LogonType = {}),
          /field LogonType has an unusable value \(an object\)/,
        ],
        [
          'RecordType boolean',
          (a) => (a.RecordType = true),
          /field RecordType has an unusable value \(a boolean\)/,
        ],
        ['UserType list', (a) => (a.UserType = [1]), /field UserType has an unusable value \(a list\)/],
      ];
      for (const [name, breakIt, expected] of cases) {
        const a = miaAudit({ id: 'b4', time: T });
        breakIt(a);
        assert.match(errorOf(normaliseAudit(a)), expected, name);
      }
    });

    it('a record without any mailbox field', () => {
      const a = miaAudit({ id: 'b5', time: T });
      delete a.MailboxOwnerUPN;
      delete a.MailboxGuid;
      assert.match(errorOf(normaliseAudit(a)), /MailboxOwnerUPN and MailboxGuid are both missing/);
    });

    it('AuditData that is not an object', () => {
      assert.match(errorOf(normaliseAudit([] as unknown as Record<string, unknown>)), /not a JSON object/);
    });

    it('a rejected MailItemsAccessed row still says it was one', () => {
      const a = miaAudit({ id: 'b6', time: T });
      delete a.Id;
      const result = normaliseAudit(a);
      assert.equal(result.kind === 'error' && result.operation, 'MailItemsAccessed');
    });
  });
});
