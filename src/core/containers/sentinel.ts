import { describeJsonError } from './auditJson';
import { LOGON_TYPE_CODES, USER_TYPE_CODES } from './auditEnums';

/**
 * Sentinel / Log Analytics `OfficeActivity` stores the AuditData fields as table columns, some of
 * them renamed and the nested ones serialised as JSON text. This rebuilds an AuditData-shaped object
 * so that the normaliser reads Sentinel rows exactly like every other container:
 *
 * | OfficeActivity column | AuditData key | how |
 * |---|---|---|
 * | `OfficeId` | `Id` | copied |
 * | `TimeGenerated` | `CreationTime` | copied as text (Sentinel writes it with `Z`; the portal CSV may localise it) |
 * | `Client_IPAddress` | `ClientIPAddress` | copied (`ClientIP` stays `ClientIP`, the spec's fallback) |
 * | `Logon_Type` | `LogonType` | enum names (`Owner`, `Admin`, `Delegated`…) become the numbers AuditData uses |
 * | `UserType` | `UserType` | enum names (`Regular`, `Admin`, `Application`…) become numbers |
 * | `OfficeWorkload` | `Workload` | copied |
 * | `OfficeObjectId` | `ObjectId` | copied |
 * | `Folders`, `OperationProperties`, `Item`, `AppAccessContext`, `AffectedItems`, `Folder` | same | parsed from JSON text (arrays/objects from a JSON export are kept) |
 * | `ExternalAccess` | same | `"True"`/`"False"` become booleans |
 * | `LogonType`, `InternalLogonType`, `OperationCount`, `RecordType` | same | integer text becomes a number |
 * | `TenantId`, `SourceSystem`, `Type`, `_ResourceId`, `_SubscriptionId`, `_BilledSize`, `_IsBillable`, `MG`, `ManagementGroupName`, `Computer`, `RawDataSize` | dropped | Log Analytics bookkeeping, not audit data |
 * | every other column | same name | copied; empty cells and nulls are left out (Log Analytics writes absent values as empty) |
 */
const RENAMED: Record<string, string> = {
  officeid: 'Id',
  timegenerated: 'CreationTime',
  client_ipaddress: 'ClientIPAddress',
  logon_type: 'LogonType',
  officeworkload: 'Workload',
  officeobjectid: 'ObjectId',
};

/** Columns whose text is JSON in AuditData's nesting. */
const JSON_COLUMNS = new Set([
  'folders',
  'operationproperties',
  'item',
  'appaccesscontext',
  'affecteditems',
  'folder',
]);

/** Columns without which a MailItemsAccessed record loses its meaning: a broken one rejects the row. */
const ESSENTIAL_JSON = new Set(['folders', 'operationproperties', 'item']);

const DROPPED = new Set([
  'tenantid',
  'sourcesystem',
  'type',
  '_resourceid',
  '_subscriptionid',
  '_billedsize',
  '_isbillable',
  'mg',
  'managementgroupname',
  'computer',
  'rawdatasize',
]);

const INTEGER_COLUMNS = new Set([
  'logontype',
  'internallogontype',
  'operationcount',
  'recordtype',
  'usertype',
]);

function convert(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (key === 'logontype' && Object.hasOwn(LOGON_TYPE_CODES, text.toLowerCase()))
    return LOGON_TYPE_CODES[text.toLowerCase()];
  if (key === 'usertype' && Object.hasOwn(USER_TYPE_CODES, text.toLowerCase()))
    return USER_TYPE_CODES[text.toLowerCase()];
  if (INTEGER_COLUMNS.has(key) && /^-?\d{1,15}$/.test(text)) return Number(text);
  if (key === 'externalaccess' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  return value;
}

/**
 * Rebuilds the AuditData of one OfficeActivity row (CSV cells as text, or a JSON export's values).
 * Returns an error when a JSON column the engine relies on cannot be read.
 */
export function sentinelToAudit(
  row: Record<string, unknown>,
): { audit: Record<string, unknown> } | { error: string } {
  const audit: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const lower = column.trim().toLowerCase();
    if (DROPPED.has(lower) || raw === null || raw === undefined || raw === '') continue;
    const key = RENAMED[lower] ?? column.trim();
    const normKey = key.toLowerCase();
    let value: unknown = raw;
    if (JSON_COLUMNS.has(lower) && typeof raw === 'string') {
      const parsed = parseJsonValue(raw);
      if ('error' in parsed) {
        if (ESSENTIAL_JSON.has(lower))
          return { error: `${column.trim()} is not valid JSON: ${parsed.error}` };
      } else {
        value = parsed.value;
      }
    }
    audit[key] = convert(normKey, value);
  }
  return { audit };
}

function parseJsonValue(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error: describeJsonError(text, error) };
  }
}

/** True when an object looks like an OfficeActivity row (and not like a container of AuditData). */
export function looksLikeSentinelRow(obj: Record<string, unknown>): boolean {
  const keys = Object.keys(obj).map((k) => k.toLowerCase());
  return (
    keys.includes('timegenerated') &&
    !keys.includes('auditdata') &&
    (keys.includes('officeid') ||
      keys.includes('mailboxownerupn') ||
      keys.includes('folders') ||
      keys.includes('operationproperties'))
  );
}
