import { fieldSet, isObject, pickFields, type FieldSet } from './fields';

/**
 * The parts of AuditData the engine reads, re-keyed to their canonical (PascalCase) names at every
 * level, so that validation and normalisation never depend on how an export spelled a key.
 */

export const TOP_FIELDS = fieldSet([
  'Id',
  'CreationTime',
  'Operation',
  'RecordType',
  'MailboxOwnerUPN',
  'MailboxGuid',
  'UserId',
  'LogonType',
  'UserType',
  'OperationProperties',
  'SessionId',
  'AppAccessContext',
  'ClientIPAddress',
  'ClientIP',
  'ClientInfoString',
  'AppId',
  'ClientAppId',
  'OperationCount',
  'ExternalAccess',
  'OrganizationId',
  'TokenTenantId',
  'OriginatingServer',
  'Folders',
  'Item',
]);
/** Fields read in a folder (`Folders[]`, `Item.ParentFolder`). */
export const FOLDER_FIELD_NAMES = ['Id', 'Path', 'Name', 'FolderItems'] as const;
/** Fields read in a message item (`FolderItems[]`, `Item`). */
export const ITEM_FIELD_NAMES = [
  'Id',
  'InternetMessageId',
  'SizeInBytes',
  'Subject',
  'ParentFolder',
] as const;
/** Fields read in an `OperationProperties[]` entry. */
export const PROPERTY_FIELD_NAMES = ['Name', 'Value'] as const;
/** Fields read in `AppAccessContext`. */
export const APP_CONTEXT_FIELD_NAMES = ['AADSessionId'] as const;
const FOLDER_FIELDS = fieldSet(FOLDER_FIELD_NAMES);
const ITEM_FIELDS = fieldSet(ITEM_FIELD_NAMES);
const PROPERTY_FIELDS = fieldSet(PROPERTY_FIELD_NAMES);
const APP_CONTEXT_FIELDS = fieldSet(APP_CONTEXT_FIELD_NAMES);

/**
 * Some containers (Sentinel `OfficeActivity`) carry nested arrays as JSON text. Parse such text
 * back; anything that does not parse stays as it is and fails validation with a clear reason.
 */
function unstring(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!(t.startsWith('[') || t.startsWith('{'))) return value;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return value;
  }
}

function pickEach(value: unknown, set: FieldSet, inner?: (o: Record<string, unknown>) => void): unknown {
  const v = unstring(value);
  if (!Array.isArray(v)) return v;
  return v.map((entry: unknown) => {
    if (!isObject(entry)) return entry;
    const o = pickFields(entry, set);
    inner?.(o);
    return o;
  });
}

function pickOne(value: unknown, set: FieldSet, inner?: (o: Record<string, unknown>) => void): unknown {
  const v = unstring(value);
  if (!isObject(v)) return v;
  const o = pickFields(v, set);
  inner?.(o);
  return o;
}

function folderInner(o: Record<string, unknown>): void {
  if (o.FolderItems !== undefined) o.FolderItems = pickEach(o.FolderItems, ITEM_FIELDS);
}

/** AuditData re-keyed to canonical names (only the fields the engine reads; the rest is dropped). */
export function canonicalAudit(audit: Record<string, unknown>): Record<string, unknown> {
  const top = pickFields(audit, TOP_FIELDS);
  if (top.OperationProperties !== undefined)
    top.OperationProperties = pickEach(top.OperationProperties, PROPERTY_FIELDS);
  if (top.Folders !== undefined) top.Folders = pickEach(top.Folders, FOLDER_FIELDS, folderInner);
  if (top.AppAccessContext !== undefined)
    top.AppAccessContext = pickOne(top.AppAccessContext, APP_CONTEXT_FIELDS);
  if (top.Item !== undefined) {
    top.Item = pickOne(top.Item, ITEM_FIELDS, (item) => {
      if (item.ParentFolder !== undefined) item.ParentFolder = pickOne(item.ParentFolder, FOLDER_FIELDS);
    });
  }
  return top;
}
