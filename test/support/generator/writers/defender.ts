/**
 * Microsoft Defender XDR `CloudAppEvents`: the streaming/export wrapper (one JSON object per line,
 * RawEventData = the AuditData with `Z` added to CreationTime) and the advanced-hunting CSV.
 */
import { auditJson } from '../json';
import type { AuditRecord } from '../records';
import { Rng, hashSeed } from '../prng';
import { MINUTE, isoZ, iso7 } from '../time';
import {
  assertSupported,
  bareIp,
  csvField,
  csvJsonField,
  envelopeTime,
  eolOf,
  operationProperty,
  text,
  truncate,
  type Piece,
  type Renderer,
} from './common';

export const DEFENDER_CSV_COLUMNS = [
  'Timestamp',
  'ActionType',
  'Application',
  'ApplicationId',
  'AccountObjectId',
  'AccountId',
  'AccountDisplayName',
  'IsAdminOperation',
  'DeviceType',
  'OSPlatform',
  'IPAddress',
  'IsAnonymousProxy',
  'CountryCode',
  'City',
  'ISP',
  'UserAgent',
  'ActivityType',
  'ActivityObjects',
  'ObjectName',
  'ObjectType',
  'ObjectId',
  'ReportId',
  'AccountType',
  'IsExternalUser',
  'IsImpersonated',
  'IPTags',
  'IPCategory',
  'UserAgentTags',
  'RawEventData',
  'AdditionalFields',
];

/** RawEventData: the AuditData as Defender stores it (CreationTime gains a `Z`). */
function rawEventData(audit: AuditRecord): AuditRecord {
  const t = audit.CreationTime;
  if (typeof t === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(t))
    return { ...audit, CreationTime: `${t}Z` };
  return audit;
}

/** The `properties` object of a CloudAppEvents row. */
export function cloudAppEvent(audit: AuditRecord): Record<string, unknown> {
  const rng = new Rng(hashSeed('defender', text(audit, 'Id') || auditJson(audit).length));
  const time = envelopeTime(audit);
  const ip = bareIp(text(audit, 'ClientIPAddress') || text(audit, 'ClientIP'));
  const app = audit.UserType === 5;
  const activity: Record<string, unknown>[] = [
    { Type: 'Structured object', Role: 'Parameter', ServiceObjectType: 'Session ID' },
    { Type: 'Task', Role: 'Target object', Name: text(audit, 'Operation') },
  ];
  for (const name of ['MailAccessType', 'IsThrottled']) {
    const value = operationProperty(audit, name);
    if (value !== undefined) activity.push({ Type: 'Property', Role: 'Parameter', Name: name, Value: value });
  }
  activity.push({
    Type: 'Account',
    Role: 'Actor',
    Name: text(audit, 'UserId'),
    Id: text(audit, 'UserKey'),
    ApplicationId: 11161,
    ApplicationInstance: 0,
  });
  const out: Record<string, unknown> = {
    ActionType: text(audit, 'Operation'),
    ApplicationId: 20893,
    AccountDisplayName: text(audit, 'UserId'),
    AccountObjectId: app ? null : text(audit, 'UserKey'),
    AccountId: text(audit, 'UserKey'),
    DeviceType: 'Other',
    OSPlatform: 'Unknown',
    IPAddress: ip,
    IsAnonymousProxy: false,
    CountryCode: rng.pick(['FR', 'DE', 'US', 'GB', 'NL']),
    City: rng.pick(['paris', 'frankfurt am main', 'redmond', 'london', 'amsterdam']),
    ISP: rng.pick(['Orange', 'Deutsche Telekom AG', 'Microsoft Corporation', 'BT', 'KPN']),
    UserAgent: text(audit, 'ClientInfoString'),
    IsAdminOperation: false,
    ActivityObjects: activity,
    AdditionalFields: { IsSatelliteProvider: false },
    ActivityType: 'Run',
    ObjectName: text(audit, 'Operation'),
    ObjectType: 'Task',
    ObjectId: null,
    AppInstanceId: 0,
    AccountType: app ? 'Application' : 'Regular',
    IsExternalUser: false,
    IsImpersonated: false,
    IPTags: ip.startsWith('2603:') ? ['Microsoft Corporation'] : null,
    IPCategory: ip.startsWith('2603:') ? 'Cloud provider' : null,
    UserAgentTags: null,
    RawEventData: rawEventData(audit),
    ReportId: `${rng.int(10000000, 99999999)}_20893_${text(audit, 'Id')}`,
  };
  if (typeof time === 'number') out.Timestamp = isoZ(time);
  else if (typeof time === 'string') out.Timestamp = time;
  out.Application = 'Microsoft Exchange Online';
  return out;
}

/** The streaming-export wrapper line around one AuditData. */
export function defenderWrapper(audit: AuditRecord): Record<string, unknown> {
  const rng = new Rng(hashSeed('defender-wrapper', text(audit, 'Id')));
  const time = envelopeTime(audit);
  const out: Record<string, unknown> = {};
  if (typeof time === 'number') {
    const exported = time + rng.int(2, 9) * MINUTE + rng.int(0, 59999);
    out.time = `${iso7(exported).slice(0, 20)}${rng.hex(7).replace(/[a-f]/g, '7')}Z`;
  }
  out.tenantId = text(audit, 'OrganizationId');
  out.operationName = 'Publish';
  out.category = 'AdvancedHunting-CloudAppEvents';
  if (typeof time === 'number') out._TimeReceivedBySvc = `${iso7(time + rng.int(1, 3) * MINUTE)}Z`;
  out.properties = cloudAppEvent(audit);
  out.Tenant = 'DefaultTenant';
  return out;
}

export const renderDefenderJson: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  for (const { audit, broken } of rows) {
    assertSupported('defender-cloudappevents-json', broken, ['truncated-json']);
    const line = auditJson(defenderWrapper(audit));
    yield { text: (broken === 'truncated-json' ? truncate(line) : line) + eol, row: true };
  }
};

export const renderDefenderCsv: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  yield { text: DEFENDER_CSV_COLUMNS.join(',') + eol };
  for (const { audit, broken } of rows) {
    assertSupported('defender-cloudappevents-csv', broken, ['truncated-json', 'broken-quoting']);
    const event = cloudAppEvent(audit);
    const fields = DEFENDER_CSV_COLUMNS.map((c) => {
      const v = event[c];
      if (c === 'RawEventData') return csvJsonField(auditJson(v), broken, false);
      if (v === undefined || v === null) return '';
      return csvField(
        typeof v === 'string' ? v : typeof v === 'object' ? auditJson(v) : JSON.stringify(v),
        false,
      );
    });
    yield { text: fields.join(',') + eol, row: true };
  }
};
