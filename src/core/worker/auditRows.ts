import type { RowEnvelope } from '../containers/types';
import type { MiaAudit } from '../normalise/auditSchema';
import {
  accessType,
  clientInfoOf,
  clientIp,
  enumValue,
  folderKeyOf,
  LOGON_TYPE_NAMES,
  lowerCase,
  property,
  RECORD_TYPE_NAMES,
  sessionOf,
  toBoolean,
  toNumber,
  trimmed,
  USER_TYPE_NAMES,
} from '../normalise/auditValues';
import { messageIdKey } from '../normalise/matchKeys';
import { miaHead, miaHeadOf } from '../normalise/normaliseAudit';
import { RowBatchWriter } from './rowBatch';
import {
  ACCESS,
  ACTOR,
  APP,
  CLIENT,
  CLIENT_APP,
  COUNT,
  EXTERNAL,
  EXTERNAL_TRUE,
  FOLDER_ID,
  GUID,
  IP,
  ITEM_SIZE,
  ITEM_SUBJECT,
  KEY_INNER,
  KEY_INNER_LOWER,
  KEY_LOWER,
  LOGON,
  NONE,
  ORG,
  RECORD_TYPE,
  SERVER,
  SESSION,
  TENANT,
  THROTTLED,
  THROTTLED_TRUE,
  USER_TYPE,
} from './rowBatchFormat';

type Folder = NonNullable<MiaAudit['Folders']>[number];
type Item = NonNullable<Folder['FolderItems']>[number];

/** A message key `keyCode` cannot tell without `messageIdKey`. */
const ASK = -100;

/**
 * How a message's key is written (see `RowBatchWriter.record`) when it can be told from the id
 * alone: for an id of printable ASCII without blanks, `trim` changes nothing and `toLowerCase` only
 * capitals, so `messageIdKey` gives the id or, when it is bracketed, its inner part (`NONE`,
 * `KEY_INNER`), lower-cased when it has capitals (`KEY_LOWER`, `KEY_INNER_LOWER`): the reader makes
 * that key, and the worker neither makes nor sends it. `ASK` otherwise.
 */
function keyCode(id: string): number {
  const n = id.length;
  let capitals = false;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return ASK;
    if (c >= 0x41 && c <= 0x5a) capitals = true;
  }
  const inner = n >= 2 && id.charCodeAt(0) === 0x3c && id.charCodeAt(n - 1) === 0x3e;
  return capitals ? (inner ? KEY_INNER_LOWER : KEY_LOWER) : inner ? KEY_INNER : NONE;
}

/**
 * The workers' batch writer: a row's picked AuditData is normalised straight into the batch, with
 * no record, folder or message object in between (they were most of a worker's garbage). The batch
 * decodes to exactly the rows of `result(line, offset, length, normaliseCanonical(canon, envelope))`:
 * the checks are `normaliseCanonical`'s own (`miaHead`), every value comes from the same rules
 * (auditValues.ts), and the fields are written in `RowBatchWriter.record`'s order. Only message
 * keys may be written in a form `result` does not use (see `keyCode`).
 */
export class AuditRowWriter extends RowBatchWriter {
  /** Adds the row of `canon` (an AuditData picked or re-keyed by `canonicalAudit`; completed in place). */
  canonical(
    line: number,
    offset: number,
    length: number,
    canon: Record<string, unknown>,
    envelope?: RowEnvelope,
  ): void {
    const rejected = miaHead(canon, envelope);
    if (rejected !== undefined) {
      this.result(line, offset, length, rejected);
      return;
    }
    const { audit: a, id, timeMs, mailbox, guid } = miaHeadOf();
    const actor = trimmed(a.UserId);
    const logonType = enumValue(a.LogonType, LOGON_TYPE_NAMES);
    const userType = enumValue(a.UserType, USER_TYPE_NAMES);
    const throttled = toBoolean(property(a, 'isthrottled'));
    const session = sessionOf(a);
    const ip = clientIp(a);
    const clientInfo = clientInfoOf(a);
    const appId = trimmed(a.AppId);
    const clientAppId = trimmed(a.ClientAppId);
    const count = toNumber(a.OperationCount);
    const external = toBoolean(a.ExternalAccess);
    const org = trimmed(a.OrganizationId);
    const tokenTenant = trimmed(a.TokenTenantId);
    const rt = enumValue(a.RecordType, RECORD_TYPE_NAMES);
    const server = trimmed(a.OriginatingServer);
    let mask = 0;
    if (guid !== undefined) mask |= GUID;
    if (actor !== undefined) mask |= ACTOR;
    if (logonType !== undefined) mask |= LOGON;
    if (userType !== undefined) mask |= USER_TYPE;
    if (throttled !== undefined) mask |= throttled ? THROTTLED | THROTTLED_TRUE : THROTTLED;
    if (session !== undefined) mask |= SESSION;
    if (ip !== undefined) mask |= IP;
    if (clientInfo !== undefined) mask |= CLIENT;
    if (appId !== undefined) mask |= APP;
    if (clientAppId !== undefined) mask |= CLIENT_APP;
    if (count !== undefined) mask |= COUNT;
    if (external !== undefined) mask |= external ? EXTERNAL | EXTERNAL_TRUE : EXTERNAL;
    if (org !== undefined) mask |= ORG;
    if (tokenTenant !== undefined) mask |= TENANT;
    if (rt !== undefined) mask |= RECORD_TYPE;
    if (server !== undefined) mask |= SERVER;
    this.head(0, line, offset, length);
    this.num(mask);
    this.unique(id);
    this.num(timeMs);
    this.shared(mailbox);
    this.shared(lowerCase(mailbox));
    this.num(ACCESS.indexOf(accessType(property(a, 'mailaccesstype'))));
    if (guid !== undefined) this.shared(guid);
    if (actor !== undefined) this.shared(actor);
    if (logonType !== undefined) this.num(logonType);
    if (userType !== undefined) this.num(userType);
    if (session !== undefined) this.shared(session);
    if (ip !== undefined) this.shared(ip);
    if (clientInfo !== undefined) this.shared(clientInfo);
    if (appId !== undefined) this.shared(appId);
    if (clientAppId !== undefined) this.shared(clientAppId);
    if (count !== undefined) this.num(count);
    if (org !== undefined) this.shared(org);
    if (tokenTenant !== undefined) this.shared(tokenTenant);
    if (rt !== undefined) this.num(rt);
    if (server !== undefined) this.shared(server);
    this.folders(a);
  }

  /** `normaliseCanonical`'s folders of `a` (both shapes: `Folders[]`, or `Item` and its parent). */
  private folders(a: MiaAudit): void {
    const list = a.Folders;
    if (list && list.length > 0) {
      this.num(list.length);
      for (let f = 0; f < list.length; f++) {
        const folder = list[f];
        const at = this.folder(folder);
        const given = folder.FolderItems;
        let items = 0;
        if (given !== undefined) for (let i = 0; i < given.length; i++) if (this.item(given[i])) items++;
        this.nums[at] = items;
      }
      return;
    }
    const item = a.Item;
    if (!item) {
      this.num(0);
      return;
    }
    if (item.ParentFolder) {
      this.num(1);
      const at = this.folder(item.ParentFolder);
      this.nums[at] = this.item(item) ? 1 : 0;
      return;
    }
    // A message without a folder: one folder of empty path and key, when the message counts.
    const id = item.InternetMessageId;
    if (id === undefined || id.trim() === '') {
      this.num(0);
      return;
    }
    this.num(1);
    this.num(0);
    this.shared('');
    this.shared('');
    this.num(1);
    this.item(item);
  }

  /** Writes a folder's head; returns where its item count goes (written as 0 here). */
  private folder(folder: Folder): number {
    // `Item.ParentFolder` may carry only Name (`Inbox`); Folders[] carries Path (`\Inbox`).
    const path = folder.Path ?? folder.Name ?? '';
    const id = folder.Id;
    this.num(id !== undefined ? FOLDER_ID : 0);
    this.shared(path);
    this.shared(folderKeyOf(path));
    if (id !== undefined) this.shared(String(id));
    const at = this.n;
    this.num(0);
    return at;
  }

  /** Writes a message when it has an id (false: it has none, nothing written). */
  private item(item: Item): boolean {
    const id = item.InternetMessageId;
    if (id === undefined) return false;
    let code = keyCode(id);
    let key = '';
    if (code === ASK) {
      if (id.trim() === '') return false;
      key = messageIdKey(id);
      if (key === id) code = NONE;
      else if (key.length === id.length - 2 && id.charCodeAt(0) === 0x3c && id.startsWith(key, 1))
        code = KEY_INNER;
    } else if (id.length === 0) return false;
    const size = toNumber(item.SizeInBytes);
    const subject = item.Subject;
    this.num((size !== undefined ? ITEM_SIZE : 0) | (subject !== undefined ? ITEM_SUBJECT : 0));
    this.unique(id);
    if (code === ASK) this.unique(key);
    else this.num(code);
    if (size !== undefined) this.num(size);
    if (subject !== undefined) this.shared(subject);
    return true;
  }
}
