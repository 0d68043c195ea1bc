import * as fs from 'node:fs';
import { isoZ } from '../generator/time';
import { fixturePath } from '../paths';

/** An AuditData object as exported. */
export type Audit = Record<string, unknown>;

/** The published raw AuditData samples (test/fixtures/samples), in a fixed order. */
const SAMPLE_FILES = [
  'devcooks-2022-owa-bind-two-folders.json',
  'devcooks-2022-rest-bind-no-session.json',
  'sekoia-2023-owa-bind-localised-folder.json',
  'sekoia-2024-app-only-rest-bind.json',
  'sekoia-2025-bind-no-session-no-throttle-flag.json',
  'sekoia-2026-bind-with-subjects.json',
  'snare-2020-ios-bind-no-brackets.json',
];

/** The Defender CloudAppEvents wrapper sample (a pretty-printed single object). */
export const DEFENDER_SAMPLE = 'sekoia-2024-defender-cloudappevents-wrapper.json';

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(fixturePath('samples', name), 'utf8')) as Record<string, unknown>;
}

/** The Defender wrapper sample as published. */
export function defenderWrapper(): Record<string, unknown> {
  return readJson(DEFENDER_SAMPLE);
}

/** The fields both hand-built Sync records share, by the key they precede or follow. */
const SYNC_ENVELOPE = {
  Operation: 'MailItemsAccessed',
  OrganizationId: '74d25673-b01c-4211-a7c4-9930610fb7eb',
};
const SYNC_ACTOR = {
  ResultStatus: 'Succeeded',
  UserKey: '10032002359E261F',
  UserType: 0,
  Version: 1,
  Workload: 'Exchange',
  UserId: 'nelson@o365.devcooks.com',
};
const SYNC_MAILBOX = {
  InternalLogonType: 0,
  LogonType: 0,
  MailboxGuid: 'bd6abed2-5d3b-4206-aada-31ca71605e63',
  MailboxOwnerUPN: 'nelson@o365.devcooks.com',
  OperationProperties: [
    { Name: 'MailAccessType', Value: 'Sync' },
    { Name: 'IsThrottled', Value: 'False' },
  ],
  OrganizationName: 'devcooks.onmicrosoft.com',
  OriginatingServer: 'CY5PR05MB9143 (15.20.4200.000)\r\n',
  SessionId: 'a1b2c3d4-0000-4000-8000-000000000001',
};

/**
 * Hand-built Sync records (no public unabridged Sync record exists), one per shape the spec names:
 * `Folders[]` without items (RecordType 50), and `Item.ParentFolder` (RecordType 2). Field values
 * follow the published samples; ids are synthetic. Keys are spread in the published samples' order
 * (the fixtures' JSON text depends on it).
 */
const SYNC_RECORDS: Audit[] = [
  {
    CreationTime: '2024-03-12T09:41:07',
    Id: '5b0f7a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    ...SYNC_ENVELOPE,
    RecordType: 50,
    ...SYNC_ACTOR,
    AppId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    ClientAppId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    ClientIPAddress: '[2001:db8::10]:443',
    ClientInfoString: 'Client=MSExchangeRPC',
    ExternalAccess: false,
    ...SYNC_MAILBOX,
    Folders: [{ Id: 'LgAAAAALcWhVmnTeRJS8qp8HxA25AQC/yWJ3KK0XQJ7UyikjUZtEAAAAAAEMAAAB', Path: '\\Inbox' }],
    OperationCount: 1,
  },
  {
    CreationTime: '2024-03-12T09:41:09',
    Id: '6c1e8b4f-2d3e-4f60-9bac-1d2e3f4a5b6c',
    ...SYNC_ENVELOPE,
    RecordType: 2,
    ...SYNC_ACTOR,
    ClientIPAddress: '::ffff:203.0.113.7',
    ClientInfoString: 'Client=MSExchangeRPC',
    ExternalAccess: 'False',
    ...SYNC_MAILBOX,
    Item: {
      Id: 'RgAAAAALcWhVmnTeRJS8qp8HxA25BwC/yWJ3KK0XQJ7UyikjUZtEAAAAAAEJAAC',
      ParentFolder: {
        Id: 'LgAAAAALcWhVmnTeRJS8qp8HxA25AQC/yWJ3KK0XQJ7UyikjUZtEAAAAAAEJAAAB',
        Path: '\\Sent Items',
        Name: 'Sent Items',
      },
    },
    OperationCount: 1,
  },
];

/**
 * Every AuditData the container fixtures carry, in fixture order: the seven published raw samples,
 * the Defender sample's RawEventData, and the two hand-built Sync records.
 */
export function fixtureAudits(): Audit[] {
  const raw = SAMPLE_FILES.map(readJson);
  const defender = (defenderWrapper().properties as Record<string, unknown>).RawEventData as Audit;
  return [...raw, defender, ...structuredClone(SYNC_RECORDS)];
}

/** A Bind record whose AuditData JSON is longer than a spreadsheet cell (to be cut at 32,767). */
export function oversizedAudit(): Audit {
  const base = structuredClone(fixtureAudits()[2]);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < 600; i++) {
    items.push({
      InternetMessageId: `<bulk-${String(i).padStart(4, '0')}@mail.example.com>`,
      SizeInBytes: 1000 + i,
    });
  }
  base.Id = '7d2f9c50-3e4f-4071-8cbd-2e3f4a5b6c7d';
  base.Folders = [{ Id: 'LgAAAAbulk', Path: '\\Inbox', FolderItems: items }];
  base.OperationCount = items.length;
  return base;
}

/** `Operation` of an AuditData (every fixture record has one). */
export function operationOf(audit: Audit): string {
  return String(audit.Operation);
}

/** `CreationTime` as a Date (AuditData writes UTC without `Z`; Defender adds it). */
export function creationTime(audit: Audit): Date {
  const text = String(audit.CreationTime);
  return new Date(text.endsWith('Z') ? text : `${text}Z`);
}

/** `CreationTime` as `2024-03-12T09:41:07Z` (the Graph, Defender and Sentinel envelope time). */
export function creationIsoZ(audit: Audit): string {
  return isoZ(creationTime(audit).getTime());
}

/** The RecordType enum name the envelopes write (every fixture record is 2 or 50). */
export function recordTypeName(audit: Audit): string {
  return audit.RecordType === 2 ? 'ExchangeItem' : 'ExchangeItemAggregated';
}
