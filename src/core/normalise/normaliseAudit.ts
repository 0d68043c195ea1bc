import { LOGON_TYPE_CODES, RECORD_TYPE_CODES, USER_TYPE_CODES } from '../containers/auditEnums';
import type { RowEnvelope } from '../containers/types';
import type { FolderRef, MessageRef, MiaRecord } from '../model';
import { OPTIONAL_RECORD_FIELDS } from '../model';
import { explainIssue, fastMiaAudit, miaAuditSchema, type MiaAudit } from './auditSchema';
import { canonicalAudit } from './auditShape';
import {
  accessType,
  clientInfoOf,
  clientIp,
  creationTimeText,
  enumValue,
  folderKeyOf,
  isMiaOperation,
  lowerCase,
  property,
  sessionOf,
  toBoolean,
  toNumber,
  trimmed,
} from './auditValues';
import { isObject } from './fields';
import { messageIdKey } from './matchKeys';
import { parseUtcTime } from './time';

/** Outcome of normalising one AuditData object. */
export type NormaliseResult =
  | { kind: 'mia'; record: Omit<MiaRecord, 'provenance'> }
  | {
      kind: 'other';
      /** The operation as written (`UserLoggedIn`, `Send`, …). */
      operation: string;
      /** Record id, when the row has one. */
      id?: string;
      /** CreationTime, when it parses (lets coverage see the time span of every row). */
      timeMs?: number;
    }
  | {
      kind: 'error';
      /** What is wrong, naming the field, in words a person understands. */
      reason: string;
      /** The operation when the row named one (lets coverage count rejected MIA rows). */
      operation?: string;
    };

type Folder = NonNullable<MiaAudit['Folders']>[number];
type Item = NonNullable<Folder['FolderItems']>[number];

function messageRef(item: Item): MessageRef | undefined {
  const id = item.InternetMessageId;
  if (id === undefined || id.trim() === '') return undefined;
  const ref: MessageRef = { internetMessageId: id, key: messageIdKey(id) };
  const size = toNumber(item.SizeInBytes);
  if (size !== undefined) ref.sizeInBytes = size;
  if (item.Subject !== undefined) ref.subject = item.Subject;
  return ref;
}

function folderRef(folder: Folder, items: MessageRef[]): FolderRef {
  // `Item.ParentFolder` may carry only Name (`Inbox`); Folders[] carries Path (`\Inbox`).
  const path = folder.Path ?? folder.Name ?? '';
  const ref: FolderRef = { path, key: folderKeyOf(path), items };
  if (folder.Id !== undefined) ref.id = String(folder.Id);
  return ref;
}

function folders(audit: MiaAudit): FolderRef[] {
  const list = audit.Folders;
  if (list && list.length > 0) {
    const out: FolderRef[] = [];
    for (let f = 0; f < list.length; f++) {
      const folder = list[f];
      const items: MessageRef[] = [];
      const given = folder.FolderItems;
      if (given !== undefined) {
        for (let i = 0; i < given.length; i++) {
          const m = messageRef(given[i]);
          if (m !== undefined) items.push(m);
        }
      }
      out.push(folderRef(folder, items));
    }
    return out;
  }
  // The other shape (RecordType 2, mostly Sync): one item and its parent folder.
  const item = audit.Item;
  if (!item) return [];
  const message = messageRef(item);
  const items = message ? [message] : [];
  if (item.ParentFolder) return [folderRef(item.ParentFolder, items)];
  return items.length > 0 ? [{ path: '', key: '', items }] : [];
}

/** What `miaHead` found in a MailItemsAccessed record it accepts (one object, reused: read it at once). */
export interface MiaHead {
  /** The AuditData, validated. */
  audit: MiaAudit;
  id: string;
  timeMs: number;
  mailbox: string;
  /** `MailboxGuid`, trimmed, when not empty. */
  guid: string | undefined;
}

const MIA_HEAD: MiaHead = { audit: {} as MiaAudit, id: '', timeMs: 0, mailbox: '', guid: undefined };

/**
 * The first part of `normaliseCanonical`: undefined when `canon` is a MailItemsAccessed record it
 * accepts (its validated AuditData, id, time, mailbox and MailboxGuid are then in the object
 * `miaHeadOf()` returns), otherwise the whole result (another operation, or an error). `canon` is
 * completed in place, as `normaliseCanonical` does.
 */
export function miaHead(canon: Record<string, unknown>, envelope?: RowEnvelope): NormaliseResult | undefined {
  const op = canon.Operation ?? envelope?.operation;
  if (op === undefined) return { kind: 'error', reason: 'field Operation is missing' };
  if (typeof op !== 'string') return { kind: 'error', reason: 'field Operation should be text' };
  const operation = op.trim();
  if (!isMiaOperation(operation)) {
    const other: NormaliseResult = { kind: 'other', operation };
    const id = canon.Id ?? envelope?.recordId;
    if (typeof id === 'string' && id.trim() !== '') other.id = id.trim();
    const time = canon.CreationTime;
    const t = typeof time === 'string' ? parseUtcTime(time) : undefined;
    if (t !== undefined) other.timeMs = t;
    return other;
  }
  canon.Operation = operation;

  if ((canon.Id === undefined || canon.Id === '') && trimmed(envelope?.recordId) !== undefined) {
    canon.Id = trimmed(envelope?.recordId);
  }
  let a = fastMiaAudit(canon);
  if (a === undefined) {
    const parsed = miaAuditSchema.safeParse(canon);
    if (!parsed.success) return { kind: 'error', reason: explainIssue(parsed.error, canon), operation };
    a = parsed.data;
  }

  const id = a.Id.trim();
  if (id === '') return { kind: 'error', reason: 'field Id is empty', operation };
  const timeText = creationTimeText(a.CreationTime);
  const timeMs = parseUtcTime(timeText);
  if (timeMs === undefined) {
    return {
      kind: 'error',
      reason: `field CreationTime "${timeText.slice(0, 40)}" is not a date and time`,
      operation,
    };
  }
  const upn = trimmed(a.MailboxOwnerUPN);
  const guid = trimmed(a.MailboxGuid);
  const mailbox = upn ?? guid;
  if (mailbox === undefined) {
    return { kind: 'error', reason: 'fields MailboxOwnerUPN and MailboxGuid are both missing', operation };
  }
  MIA_HEAD.audit = a;
  MIA_HEAD.id = id;
  MIA_HEAD.timeMs = timeMs;
  MIA_HEAD.mailbox = mailbox;
  MIA_HEAD.guid = guid;
  return undefined;
}

/** The head `miaHead` last accepted (see there). */
export function miaHeadOf(): MiaHead {
  return MIA_HEAD;
}

/**
 * Normalises one AuditData object (spec §2). Fields are looked up case-insensitively with trimmed
 * names; the time is `CreationTime` as UTC (the envelope's time is never used); `MailAccessType`
 * and `IsThrottled` are looked up by name; the session falls back to
 * `AppAccessContext.AADSessionId`; the IP is normalised; both Sync shapes (`Folders[]` and
 * `Item.ParentFolder`) are read. The record id falls back to the envelope's record id only when
 * AuditData has none. Operations other than MailItemsAccessed come back as `other`.
 */
export function normaliseAudit(audit: Record<string, unknown>, envelope?: RowEnvelope): NormaliseResult {
  if (!isObject(audit)) return { kind: 'error', reason: 'AuditData is not a JSON object' };
  return normaliseCanonical(canonicalAudit(audit), envelope);
}

/**
 * `normaliseAudit` of an AuditData already re-keyed by `canonicalAudit` (or picked from bytes by
 * `pickAuditBytes`, which gives the same object). `canon` is the caller's to give away: it is
 * completed in place.
 */
export function normaliseCanonical(canon: Record<string, unknown>, envelope?: RowEnvelope): NormaliseResult {
  const rejected = miaHead(canon, envelope);
  if (rejected !== undefined) return rejected;
  const v = headValues(VALUES);
  const record: Omit<MiaRecord, 'provenance'> = {
    id: v.id,
    timeMs: v.timeMs,
    mailbox: v.mailbox,
    mailboxKey: v.mailboxKey,
    accessType: v.accessType,
    folders: folders(MIA_HEAD.audit),
  };
  // Only the fields present, in this order (the record's keys, as every reader of it expects).
  const optional = record as Record<string, unknown>;
  for (const key of OPTIONAL_RECORD_FIELDS) if (v[key] !== undefined) optional[key] = v[key];
  return { kind: 'mia', record };
}

/** A record's values but its folders: absent optional fields are there as undefined. */
export type RecordValues = Omit<MiaRecord, 'provenance' | 'folders'>;

/**
 * Values to fill with `headValues`, every field there from the start in `headValues`' order (one
 * object shape for every filler, so reading and writing them stays monomorphic).
 */
export function emptyValues(): RecordValues {
  return {
    id: '',
    timeMs: 0,
    mailbox: '',
    mailboxKey: '',
    accessType: 'Unknown',
    mailboxGuid: undefined,
    actor: undefined,
    logonType: undefined,
    userType: undefined,
    isThrottled: undefined,
    sessionId: undefined,
    ip: undefined,
    clientInfo: undefined,
    appId: undefined,
    clientAppId: undefined,
    operationCount: undefined,
    externalAccess: undefined,
    organizationId: undefined,
    tokenTenantId: undefined,
    recordType: undefined,
    originatingServer: undefined,
  };
}

/** Filled by `normaliseCanonical` for each record (its values are copied out at once). */
const VALUES = emptyValues();

/**
 * The values (spec §2) of the record `miaHead` last accepted, written into `into` (every field,
 * absent ones undefined) and returned: what `normaliseCanonical` puts in the record, but its
 * folders. The workers' batch writer writes them from here too (worker/auditRows.ts).
 */
export function headValues(into: RecordValues): RecordValues {
  const { audit: a, id, timeMs, mailbox, guid } = MIA_HEAD;
  into.id = id;
  into.timeMs = timeMs;
  into.mailbox = mailbox;
  into.mailboxKey = lowerCase(mailbox);
  into.accessType = accessType(property(a, 'mailaccesstype'));
  into.mailboxGuid = guid;
  into.actor = trimmed(a.UserId);
  into.logonType = enumValue(a.LogonType, LOGON_TYPE_CODES);
  into.userType = enumValue(a.UserType, USER_TYPE_CODES);
  into.isThrottled = toBoolean(property(a, 'isthrottled'));
  into.sessionId = sessionOf(a);
  into.ip = clientIp(a);
  into.clientInfo = clientInfoOf(a);
  into.appId = trimmed(a.AppId);
  into.clientAppId = trimmed(a.ClientAppId);
  into.operationCount = toNumber(a.OperationCount);
  into.externalAccess = toBoolean(a.ExternalAccess);
  into.organizationId = trimmed(a.OrganizationId);
  into.tokenTenantId = trimmed(a.TokenTenantId);
  into.recordType = enumValue(a.RecordType, RECORD_TYPE_CODES);
  into.originatingServer = trimmed(a.OriginatingServer);
  return into;
}
