/**
 * The normalised MailItemsAccessed record (spec §2) and its provenance. Display fields keep the
 * export's original text; `*Key` fields are the normalised forms used for matching.
 */

/** How the mail was accessed (`OperationProperties[Name=MailAccessType]`). */
export type AccessType = 'Bind' | 'Sync' | 'Unknown';

/** Where a record came from: enough to re-read its raw AuditData and to point a diagnostic at it. */
export interface Provenance {
  /** Index of the source file in the investigation's source list. */
  sourceIndex: number;
  /** 1-based line of the record's first line. */
  line: number;
  /** Byte offset of the record's row in the file. */
  offset: number;
  /** Byte length of the record's row. */
  length: number;
}

/** One message listed under a folder of a Bind record. */
export interface MessageRef {
  /** InternetMessageId as written in the export. */
  internetMessageId: string;
  /** Normalised id: trimmed, one pair of `<>` stripped, lower-case. */
  key: string;
  sizeInBytes?: number;
  subject?: string;
}

/** A folder a record touched (Bind: with its items; Sync: the folder downloaded). */
export interface FolderRef {
  /** Path as written (localised, leading `\` kept). */
  path: string;
  /** Normalised path: trimmed, one leading `\` stripped, lower-case. */
  key: string;
  id?: string;
  items: MessageRef[];
}

/**
 * A MailItemsAccessed record after normalisation. Records of an investigation may be class
 * instances whose fields are getters (`CompactRecord` of a load, `StoredRecord` of a reopened
 * index): spreading one or cloning it copies only its own fields; `plainRecord` (or `JSON`, through
 * their `toJSON`) gives every field.
 */
export interface MiaRecord {
  /** `Id` of the AuditData (the de-duplication key). */
  id: string;
  /** `CreationTime` as UTC epoch milliseconds. */
  timeMs: number;
  /** `MailboxOwnerUPN` (else `MailboxGuid`) as written. */
  mailbox: string;
  /** Lower-cased mailbox, for grouping. */
  mailboxKey: string;
  mailboxGuid?: string;
  /** `UserId`: who read the mail. */
  actor?: string;
  logonType?: number;
  userType?: number;
  accessType: AccessType;
  /** `IsThrottled` looked up by name; undefined when the record carries no flag. */
  isThrottled?: boolean;
  /** `SessionId`, else `AppAccessContext.AADSessionId`. */
  sessionId?: string;
  /** Normalised client IP (`ClientIPAddress`, else `ClientIP`). */
  ip?: string;
  /** `ClientInfoString` as written. */
  clientInfo?: string;
  appId?: string;
  clientAppId?: string;
  operationCount?: number;
  /** `RecordType` as a number (50 `ExchangeItemAggregated`, 2 `ExchangeItem`), whatever form the export used. */
  recordType?: number;
  /** `OriginatingServer`, trimmed (exports end it with a literal CRLF). */
  originatingServer?: string;
  externalAccess?: boolean;
  organizationId?: string;
  tokenTenantId?: string;
  folders: FolderRef[];
  provenance: Provenance;
}

/**
 * A record's optional fields in the order the normaliser sets them: records rebuilt from compact
 * storage (loaded records, saved indexes) give them back in this order, as a fresh read would.
 */
export const OPTIONAL_RECORD_FIELDS = [
  'mailboxGuid',
  'actor',
  'logonType',
  'userType',
  'isThrottled',
  'sessionId',
  'ip',
  'clientInfo',
  'appId',
  'clientAppId',
  'operationCount',
  'externalAccess',
  'organizationId',
  'tokenTenantId',
  'recordType',
  'originatingServer',
] as const;
