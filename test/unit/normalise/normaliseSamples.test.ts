import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { MiaRecord } from '../../../src/core/model';
import { normaliseAudit, type NormaliseResult } from '../../../src/core/normalise/normaliseAudit';
import { fixturePath } from '../../support/paths';

type Rec = Omit<MiaRecord, 'provenance'>;

function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fixturePath('samples', name), 'utf8')) as Record<string, unknown>;
}

function mia(result: NormaliseResult): Rec {
  if (result.kind !== 'mia')
    assert.fail(`expected a MailItemsAccessed record, got ${JSON.stringify(result)}`);
  return result.record;
}

describe('normalise/normaliseAudit on the real published samples', () => {
  it('OWA bind across two folders (devcooks 2022)', () => {
    const r = mia(normaliseAudit(sample('devcooks-2022-owa-bind-two-folders.json')));
    assert.equal(r.id, 'daf566de-6581-486c-b9f7-f8df1d07457f');
    assert.equal(r.timeMs, Date.UTC(2022, 9, 25, 18, 23, 4));
    assert.equal(r.mailbox, 'nelson@o365.devcooks.com');
    assert.equal(r.accessType, 'Bind');
    assert.equal(r.isThrottled, false);
    assert.equal(r.sessionId, 'e01c84f0-8db1-439e-87bc-5ee52fdf90d4');
    assert.equal(r.ip, '68.160.247.154');
    assert.equal(r.clientInfo, 'Client=OWA;Action=ViaProxy');
    assert.deepEqual(
      r.folders.map((f) => [f.path, f.key, f.items.length]),
      [
        ['\\Inbox', 'inbox', 4],
        ['\\Sent Items', 'sent items', 4],
      ],
    );
    assert.equal(
      r.folders[1].items[0].internetMessageId,
      '<CY5PR05MB91439309823940F866A9629EDD2E9@CY5PR05MB9143.namprd05.prod.outlook.com>',
    );
    assert.equal(
      r.folders[1].items[0].key,
      'cy5pr05mb91439309823940f866a9629edd2e9@cy5pr05mb9143.namprd05.prod.outlook.com',
    );
    assert.equal(r.originatingServer, 'CY5PR05MB9143 (15.20.4200.000)');
    assert.equal(r.recordType, 50);
    assert.equal(r.externalAccess, false);
    assert.equal(r.operationCount, 8);
  });

  it('REST bind with no session: no session, IPv6 service address kept', () => {
    const r = mia(normaliseAudit(sample('devcooks-2022-rest-bind-no-session.json')));
    assert.equal(r.sessionId, undefined);
    assert.equal(r.ip, '2603:10b6:930:3d::7');
    assert.equal(r.appId, '13937bba-652e-4c46-b222-3003f4d1ff97');
    assert.equal(r.clientAppId, '13937bba-652e-4c46-b222-3003f4d1ff97');
  });

  it('localised folder and float-free sizes (sekoia 2023)', () => {
    const r = mia(normaliseAudit(sample('sekoia-2023-owa-bind-localised-folder.json')));
    assert.equal(r.folders[0].path, '\\Brouillons');
    assert.equal(r.folders[0].key, 'brouillons');
    assert.deepEqual(
      r.folders[0].items.map((i) => i.sizeInBytes),
      [3476, 4871, 4873],
    );
    assert.equal(r.isThrottled, false, '"False" is read as false');
  });

  it('app-only REST bind: ExternalAccess as the string "False", upper-case IPv6, path without backslash', () => {
    const r = mia(normaliseAudit(sample('sekoia-2024-app-only-rest-bind.json')));
    assert.equal(r.externalAccess, false);
    assert.equal(r.ip, 'fe80::');
    assert.equal(r.userType, 5);
    assert.equal(r.folders[0].key, 'boite de reception');
    assert.equal(r.folders[0].items[0].key, 'xxxxx@exemple.com');
  });

  it('Defender wrapper: RawEventData with Z time and IPv6 in capitals', () => {
    const wrapper = sample('sekoia-2024-defender-cloudappevents-wrapper.json') as {
      properties: { RawEventData: Record<string, unknown> };
    };
    const r = mia(
      normaliseAudit(wrapper.properties.RawEventData, {
        time: '2024-10-03T11:29:06.6566759Z',
        operation: 'MailItemsAccessed',
      }),
    );
    assert.equal(r.timeMs, Date.UTC(2024, 9, 3, 11, 23, 17), 'CreationTime wins over the envelope time');
    assert.equal(r.ip, 'fe80:0011:2233:4455:6677:8899:aabb:ccdd');
    assert.equal(r.folders[0].path, '\\Boîte de réception');
    assert.equal(r.folders[0].items.length, 6);
  });

  it('2025 shape: no IsThrottled, session from AppAccessContext.AADSessionId', () => {
    const r = mia(normaliseAudit(sample('sekoia-2025-bind-no-session-no-throttle-flag.json')));
    assert.equal(r.isThrottled, undefined);
    assert.equal(r.sessionId, 'ANONYMIZED');
    assert.equal(r.tokenTenantId, 'ANONYMIZED');
  });

  it('2026 shape: per-item subjects kept', () => {
    const r = mia(normaliseAudit(sample('sekoia-2026-bind-with-subjects.json')));
    assert.equal(r.sessionId, '99999999-9999-9999-9999-999999999999');
    assert.deepEqual(
      r.folders.flatMap((f) => f.items.map((i) => i.subject)),
      [
        'SUBJECT_1',
        'SUBJECT_2',
        'SUBJECT_3',
        'SUBJECT_4',
        'SUBJECT_5',
        'SUBJECT_6',
        'SUBJECT_7',
        'SUBJECT_8',
        'SUBJECT_9',
        'SUBJECT_10',
      ],
    );
    assert.equal(r.folders[0].items[0].key, 'user3@example.com');
  });

  it('iOS bind: message id without brackets and "ExternalAccess " with a trailing space', () => {
    const r = mia(normaliseAudit(sample('snare-2020-ios-bind-no-brackets.json')));
    assert.equal(r.externalAccess, false);
    const item = r.folders[0].items[0];
    assert.equal(
      item.internetMessageId,
      '71ceaeec-6dc3-4452-839f-6db34dd95f95@DB5EUR01BG102.eop-EUR01.prod.protection.outlook.com',
    );
    assert.equal(
      item.key,
      '71ceaeec-6dc3-4452-839f-6db34dd95f95@db5eur01bg102.eop-eur01.prod.protection.outlook.com',
    );
    assert.equal(r.mailboxKey, 'tony.hawks@sample.com');
    assert.equal(r.mailbox, 'Tony.Hawks@sample.com');
  });
});
