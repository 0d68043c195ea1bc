import { creationIsoZ, recordTypeName, type Audit } from './records';

const LOGON_NAMES = ['Owner', 'Admin', 'Delegated'];
const USER_NAMES: Record<number, string> = { 0: 'Regular', 2: 'Admin', 5: 'Application' };

/**
 * One `OfficeActivity` row as Log Analytics stores an AuditData record: renamed columns
 * (`OfficeId`, `TimeGenerated`, `Client_IPAddress`, `Logon_Type`, `OfficeWorkload`), enum names for
 * `Logon_Type`/`UserType`/`RecordType`, nested fields as JSON text (CSV) or, in a JSON export, as
 * JSON text for even rows and objects for odd rows, and Log Analytics' own columns.
 */
export function sentinelRow(a: Audit, index: number, format: 'csv' | 'json'): Record<string, unknown> {
  const nested = (v: unknown) =>
    v === undefined ? undefined : format === 'json' && index % 2 === 1 ? v : JSON.stringify(v);
  const logon =
    typeof a.LogonType === 'number'
      ? index % 2 === 0
        ? LOGON_NAMES[a.LogonType]
        : String(a.LogonType)
      : undefined;
  const userType =
    typeof a.UserType === 'number' ? (USER_NAMES[a.UserType] ?? String(a.UserType)) : undefined;
  const row: Record<string, unknown> = {
    TenantId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0ff',
    TimeGenerated: creationIsoZ(a),
    Operation: a.Operation,
    UserId: a.UserId,
    OfficeWorkload: a.Workload,
    ResultStatus: a.ResultStatus,
    OfficeId: a.Id,
    OrganizationId: a.OrganizationId,
    UserType: userType,
    UserKey: a.UserKey,
    RecordType: recordTypeName(a),
    Client_IPAddress: a.ClientIPAddress,
    ClientIP: a.ClientIP,
    Logon_Type: logon,
    InternalLogonType: a.InternalLogonType,
    ExternalAccess:
      a.ExternalAccess === undefined
        ? undefined
        : `${a.ExternalAccess as string | boolean}` === 'true'
          ? 'True'
          : 'False',
    MailboxOwnerUPN: a.MailboxOwnerUPN,
    MailboxGuid: a.MailboxGuid,
    MailboxOwnerSid: a.MailboxOwnerSid,
    LogonUserSid: a.LogonUserSid,
    ClientInfoString: a.ClientInfoString,
    AppId: a.AppId,
    ClientAppId: a.ClientAppId,
    SessionId: a.SessionId,
    OrganizationName: a.OrganizationName,
    OriginatingServer: a.OriginatingServer,
    OperationCount: a.OperationCount,
    Folders: nested(a.Folders),
    Item: nested(a.Item),
    OperationProperties: nested(a.OperationProperties),
    AppAccessContext: nested(a.AppAccessContext),
    SourceSystem: 'OfficeActivityManager',
    Type: 'OfficeActivity',
  };
  if (format === 'csv') {
    for (const [k, v] of Object.entries(row))
      row[k] = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  } else {
    for (const [k, v] of Object.entries(row)) if (v === undefined) row[k] = null;
  }
  return row;
}
