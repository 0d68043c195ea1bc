/**
 * Microsoft Sentinel `OfficeActivity` exports (CSV and JSON): the record's fields under the table's
 * renamed columns, nested fields (Folders, Item, OperationProperties…) as JSON strings.
 */
import { auditJson } from '../json';
import type { AuditRecord } from '../records';
import { Rng, hashSeed } from '../prng';
import { isoZ } from '../time';
import { RECORD_TYPE_NAMES } from '../vocabulary';
import {
  assertSupported,
  csvField,
  csvJsonField,
  eolOf,
  externalAccess,
  formatTime,
  text,
  userTypeName,
  type Piece,
  type Renderer,
} from './common';

export const SENTINEL_COLUMNS = [
  'TenantId',
  'SourceSystem',
  'TimeGenerated',
  'Operation',
  'UserType',
  'UserKey',
  'OfficeWorkload',
  'ResultStatus',
  'OfficeObjectId',
  'UserId',
  'ClientIP',
  'Client_IPAddress',
  'ExternalAccess',
  'OrganizationId',
  'OrganizationName',
  'RecordType',
  'Logon_Type',
  'MailboxGuid',
  'MailboxOwnerUPN',
  'MailboxOwnerSid',
  'LogonUserSid',
  'ClientInfoString',
  'ClientProcessName',
  'ClientVersion',
  'OriginatingServer',
  'SessionId',
  'AppId',
  'ClientAppId',
  'AppAccessContext',
  'OperationProperties',
  'Folders',
  'Item',
  'OperationCount',
  'OfficeId',
  'OfficeTenantId',
  'Type',
];

/** The OfficeActivity row of one AuditData (values as the export's text; '' when absent). */
export function officeActivityRow(audit: AuditRecord): Record<string, string> {
  const json = (v: unknown) => (v === undefined ? '' : auditJson(v));
  const ext = externalAccess(audit);
  const rt = audit.RecordType;
  return {
    TenantId: new Rng(hashSeed('workspace', text(audit, 'OrganizationId'))).guid(),
    SourceSystem: 'OfficeActivityManager',
    TimeGenerated: formatTime(audit, isoZ),
    Operation: text(audit, 'Operation'),
    UserType: userTypeName(audit),
    UserKey: text(audit, 'UserKey'),
    OfficeWorkload: text(audit, 'Workload'),
    ResultStatus: text(audit, 'ResultStatus'),
    OfficeObjectId: text(audit, 'ObjectId'),
    UserId: text(audit, 'UserId'),
    ClientIP: text(audit, 'ClientIP'),
    Client_IPAddress: text(audit, 'ClientIPAddress'),
    ExternalAccess: ext === undefined ? '' : typeof ext === 'string' ? ext : JSON.stringify(ext),
    OrganizationId: text(audit, 'OrganizationId'),
    OrganizationName: text(audit, 'OrganizationName'),
    RecordType: typeof rt === 'number' ? (RECORD_TYPE_NAMES[rt] ?? String(rt)) : '',
    Logon_Type: text(audit, 'LogonType'),
    MailboxGuid: text(audit, 'MailboxGuid'),
    MailboxOwnerUPN: text(audit, 'MailboxOwnerUPN'),
    MailboxOwnerSid: text(audit, 'MailboxOwnerSid'),
    LogonUserSid: text(audit, 'LogonUserSid'),
    ClientInfoString: text(audit, 'ClientInfoString'),
    ClientProcessName: text(audit, 'ClientProcessName'),
    ClientVersion: text(audit, 'ClientVersion'),
    // Kept with its CR LF: in a CSV this makes a quoted field span two lines, as real exports do.
    OriginatingServer: text(audit, 'OriginatingServer'),
    SessionId: text(audit, 'SessionId'),
    AppId: text(audit, 'AppId'),
    ClientAppId: text(audit, 'ClientAppId'),
    AppAccessContext: json(audit.AppAccessContext),
    OperationProperties: json(audit.OperationProperties),
    Folders: json(audit.Folders),
    Item: json(audit.Item),
    OperationCount: text(audit, 'OperationCount'),
    OfficeId: text(audit, 'Id'),
    OfficeTenantId: text(audit, 'OrganizationId'),
    Type: 'OfficeActivity',
  };
}

/** CSV: a truncated or badly quoted row breaks its `Folders` column (the JSON that carries the items). */
export const renderSentinelCsv: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  yield { text: SENTINEL_COLUMNS.join(',') + eol };
  for (const { audit, broken } of rows) {
    assertSupported('sentinel-officeactivity-csv', broken, ['truncated-json', 'broken-quoting']);
    const row = officeActivityRow(audit);
    // Break the JSON column that carries the record's substance (Folders, else Item).
    const target = ['Folders', 'Item', 'OperationProperties'].find((c) => row[c] !== '');
    if (broken && (broken === 'truncated-json' || broken === 'broken-quoting') && !target) {
      throw new Error(`sentinel-officeactivity-csv: no JSON column to break in record ${row.OfficeId}`);
    }
    const fields = SENTINEL_COLUMNS.map((c) =>
      c === target && broken ? csvJsonField(row[c], broken, false) : csvField(row[c], false),
    );
    yield { text: fields.join(',') + eol, row: true };
  }
};

/** JSON: an array, one row object per line; OperationCount is a number, dynamic columns are strings. */
export const renderSentinelJson: Renderer = function* (rows, options): Iterable<Piece> {
  const eol = eolOf(options);
  yield { text: '[' + eol };
  let first = true;
  for (const { audit, broken } of rows) {
    assertSupported('sentinel-officeactivity-json', broken, []);
    const row: Record<string, unknown> = officeActivityRow(audit);
    for (const c of SENTINEL_COLUMNS) {
      if (row[c] === '') delete row[c];
    }
    if (typeof audit.OperationCount === 'number') row.OperationCount = audit.OperationCount;
    if (!first) yield { text: ',' + eol };
    first = false;
    yield { text: auditJson(row), row: true };
  }
  yield { text: (first ? '' : eol) + ']' + eol };
};
