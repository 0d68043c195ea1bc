/**
 * Builders of realistic AuditData objects, field for field in the order and shapes of the published
 * records in test/fixtures/samples: Bind records with Folders[].FolderItems[], Sync records in both
 * shapes, and the other operations exports mix in.
 */
import { RawNumber } from './json';
import type { FolderDef, MailboxProfile, MessageDef, Organisation } from './mailboxes';
import { Rng } from './prng';
import { auditTime } from './time';

/** An AuditData object as the generator produces it (JSON-safe; RawNumber for float literals). */
export type AuditRecord = Record<string, unknown>;

/**
 * Record shapes over the years: `legacy` carries `IsThrottled` and `SessionId`; `y2025` drops both
 * and has `AppAccessContext.AADSessionId`, item `Id`/`ImmutableId`; `y2026` adds per-item
 * `CreationTime` and `Subject`.
 */
export type RecordStyle = 'legacy' | 'y2025' | 'y2026';

/** How a client IP is written: `1.2.3.4`, `1.2.3.4:5678`, `[v6]:443`, `::ffff:1.2.3.4`, upper-case v6. */
export type IpForm = 'plain' | 'port' | 'bracket-port' | 'mapped' | 'upper';

/** Who reads a mailbox and how: one client session of the owner, a delegate, an app, an attacker. */
export interface AccessContext {
  /** For people reading the scenario (never written into a record). */
  label: string;
  /** `UserId`. */
  actor: string;
  actorSid: string;
  actorKey: string;
  /** 0 owner, 1 admin, 2 delegate. */
  logonType: number;
  /** 0 regular, 5 application. */
  userType: number;
  clientInfoString: string;
  appId?: string;
  clientAppId?: string;
  /** The IP in normalised form (what the engine should report). */
  ip: string;
  ipForm: IpForm;
  /** Written as `SessionId`. */
  sessionId?: string;
  /** Written as `AppAccessContext.AADSessionId`. */
  aadSessionId?: string;
  style: RecordStyle;
  deviceId?: string;
  tokenTenantId?: string;
  /** Written as ExternalAccess (false unless set); "False" string and the trailing-space key appear. */
  externalAccess?: boolean | 'False';
  externalAccessKeyWithSpace?: boolean;
  /** Writes message ids without their angle brackets (seen on iOS and some REST records). */
  bracketless?: boolean;
}

/** The IP text of one record: ports change per record, the address does not. */
export function writtenIp(rng: Rng, ctx: AccessContext): string {
  switch (ctx.ipForm) {
    case 'plain':
      return ctx.ip;
    case 'port':
      return `${ctx.ip}:${rng.int(1024, 65535)}`;
    case 'bracket-port':
      return `[${ctx.ip}]:${rng.pick([443, 443, 80, rng.int(1024, 65535)])}`;
    case 'mapped':
      return `::ffff:${ctx.ip}`;
    case 'upper':
      return ctx.ip.toUpperCase();
  }
}

/** One message listed in a Bind record. */
export interface ItemSpec {
  message: MessageDef;
  /** Write `SizeInBytes` as a float literal (`48211.0`). */
  floatSize?: boolean;
  /** Override the context's bracket habit for this item. */
  bracketless?: boolean;
  /** Override the subject (hostile strings). */
  subject?: string;
}

/** A folder of a Bind record and the messages read in it. */
export interface BindFolder {
  folder: FolderDef;
  items: ItemSpec[];
}

/** Everything that varies between records of one context. */
export interface RecordParams {
  rng: Rng;
  org: Organisation;
  mailbox: MailboxProfile;
  ctx: AccessContext;
  timeMs: number;
  /** `IsThrottled` value on legacy records (otherwise "False"); on newer styles only when set. */
  throttled?: boolean;
}

function envelope(p: RecordParams, recordType: number, operation: string): AuditRecord {
  const { rng, ctx, timeMs } = p;
  const r: AuditRecord = {};
  if (ctx.style !== 'legacy' && ctx.aadSessionId) {
    const access: Record<string, unknown> = { AADSessionId: ctx.aadSessionId };
    if (ctx.appId === '00000003-0000-0000-c000-000000000000') access.APIId = ctx.appId;
    if (ctx.clientAppId ?? ctx.appId) access.ClientAppId = ctx.clientAppId ?? ctx.appId;
    access.IssuedAtTime = auditTime(timeMs - rng.int(5, 55) * 60_000);
    access.UniqueTokenId = rng.base64(22);
    r.AppAccessContext = access;
  }
  r.CreationTime = auditTime(timeMs);
  r.Id = rng.guid();
  r.Operation = operation;
  r.OrganizationId = p.org.id;
  r.RecordType = recordType;
  r.ResultStatus = 'Succeeded';
  r.UserKey = ctx.actorKey;
  r.UserType = ctx.userType;
  r.Version = 1;
  r.Workload = 'Exchange';
  return r;
}

function clientFields(p: RecordParams, r: AuditRecord, mailAccessType: string): void {
  const { rng, ctx, mailbox } = p;
  r.UserId = ctx.actor;
  if (ctx.appId) r.AppId = ctx.appId;
  if (ctx.clientAppId) r.ClientAppId = ctx.clientAppId;
  r.ClientIPAddress = writtenIp(rng, ctx);
  r.ClientInfoString = ctx.clientInfoString;
  if (ctx.deviceId && ctx.style !== 'legacy') r.DeviceId = ctx.deviceId;
  r[ctx.externalAccessKeyWithSpace ? 'ExternalAccess ' : 'ExternalAccess'] = ctx.externalAccess ?? false;
  r.InternalLogonType = 0;
  r.LogonType = ctx.logonType;
  r.LogonUserSid = ctx.actorSid;
  r.MailboxGuid = mailbox.guid;
  r.MailboxOwnerSid = mailbox.sid;
  r.MailboxOwnerUPN = mailbox.upn;
  const props = [{ Name: 'MailAccessType', Value: mailAccessType }];
  if (ctx.style === 'legacy') {
    // Older records spell the flag "False"/"false"/"True" (a string, never a boolean).
    props.push({ Name: 'IsThrottled', Value: p.throttled ? 'True' : rng.chance(0.2) ? 'false' : 'False' });
  } else if (p.throttled !== undefined) {
    props.push({ Name: 'IsThrottled', Value: p.throttled ? 'True' : 'False' });
  }
  // Some records list the flag first: readers must look properties up by Name, never by position.
  if (props.length > 1 && rng.chance(0.1)) props.reverse();
  r.OperationProperties = props;
  r.OrganizationName = p.org.name;
  // The literal CR LF is really there in published records.
  r.OriginatingServer = `${mailbox.server} (${mailbox.build})\r\n`;
  if (ctx.sessionId && (ctx.style === 'legacy' || rng.chance(0.3))) r.SessionId = ctx.sessionId;
  if (ctx.style !== 'legacy') {
    if (ctx.actorKey.length === 36) r.TokenObjectId = ctx.actorKey;
    r.TokenTenantId = ctx.tokenTenantId ?? p.org.id;
  }
}

function folderItem(p: RecordParams, item: ItemSpec, index: number): Record<string, unknown> {
  const { ctx, rng, timeMs } = p;
  const m = item.message;
  const bare = item.bracketless ?? ctx.bracketless ?? false;
  const id = bare ? m.internetMessageId.replace(/^<(.*)>$/, '$1') : m.internetMessageId;
  const size = item.floatSize ? new RawNumber(`${m.sizeInBytes}.0`) : m.sizeInBytes;
  const subject = item.subject ?? m.subject;
  if (ctx.style === 'legacy') {
    const out: Record<string, unknown> = { InternetMessageId: id };
    if (m.sensitivity) out.Sensitivity = m.sensitivity;
    out.SizeInBytes = size;
    return out;
  }
  const out: Record<string, unknown> = {};
  if (ctx.clientInfoString.startsWith('Client=REST')) out.ClientRequestId = rng.guid();
  if (ctx.style === 'y2026') out.CreationTime = auditTime(timeMs + (index + 1) * rng.int(1, 9) * 1000);
  out.Id = m.itemId;
  out.ImmutableId = m.immutableId;
  out.InternetMessageId = id;
  if (m.sensitivity) out.Sensitivity = m.sensitivity;
  out.SizeInBytes = size;
  if (ctx.style === 'y2026' || item.subject !== undefined) out.Subject = subject;
  return out;
}

/** A MailItemsAccessed Bind record listing `folders[].items`. */
export function buildBind(p: RecordParams, folders: BindFolder[]): AuditRecord {
  const r = envelope(p, 50, 'MailItemsAccessed');
  clientFields(p, r, 'Bind');
  let n = 0;
  r.Folders = folders.map((f) => ({
    FolderItems: f.items.map((item) => folderItem(p, item, n++)),
    Id: f.folder.id,
    Path: f.folder.path,
  }));
  r.OperationCount = n;
  return r;
}

/** A Sync record in the `Folders[]` shape (no FolderItems, RecordType 50). */
export function buildSyncFolders(p: RecordParams, folder: FolderDef): AuditRecord {
  const r = envelope(p, 50, 'MailItemsAccessed');
  clientFields(p, r, 'Sync');
  r.Folders = [{ Id: folder.id, Path: folder.path }];
  r.OperationCount = 1;
  return r;
}

/** A Sync record in the `Item.ParentFolder {Id, Path, Name}` shape (RecordType 2). */
export function buildSyncItem(p: RecordParams, folder: FolderDef): AuditRecord {
  const r = envelope(p, 2, 'MailItemsAccessed');
  r.ClientIP = p.ctx.ip;
  clientFields(p, r, 'Sync');
  r.ClientProcessName = 'OUTLOOK.EXE';
  r.ClientVersion = '16.0.18129.20158';
  const name = folder.path.slice(folder.path.lastIndexOf('\\') + 1);
  r.Item = {
    Id: `RgAAAAA${p.rng.base64(60)}AAAJ`,
    ParentFolder: { Id: folder.id, Path: folder.path, Name: name },
  };
  r.OperationCount = 1;
  return r;
}

/** A non-MailItemsAccessed Exchange item operation (Send, AttachmentAccess, MoveToDeletedItems…). */
export function buildItemOperation(p: RecordParams, operation: string, message: MessageDef): AuditRecord {
  const recordType = operation === 'MoveToDeletedItems' ? 3 : 2;
  const r = envelope(p, recordType, operation);
  r.ClientIP = p.ctx.ip;
  clientFields(p, r, 'Bind');
  // Other operations carry no MailAccessType.
  delete r.OperationProperties;
  const item = {
    Id: message.itemId,
    InternetMessageId: message.internetMessageId,
    ParentFolder: { Id: message.folder.id, Path: message.folder.path },
    SizeInBytes: message.sizeInBytes,
    Subject: message.subject,
  };
  if (recordType === 3) {
    r.AffectedItems = [item];
    r.Folder = { Id: message.folder.id, Path: message.folder.path };
  } else if (operation !== 'MailboxLogin') {
    r.Item = item;
  }
  r.OperationCount = 1;
  return r;
}

/** A `UserLoggedIn` Entra ID sign-in record (RecordType 15): no mailbox fields at all. */
export function buildUserLoggedIn(p: RecordParams, userAgent: string): AuditRecord {
  const { rng, ctx, timeMs, org } = p;
  return {
    CreationTime: auditTime(timeMs),
    Id: rng.guid(),
    Operation: 'UserLoggedIn',
    OrganizationId: org.id,
    RecordType: 15,
    ResultStatus: 'Success',
    UserKey: ctx.actorKey,
    UserType: 0,
    Version: 1,
    Workload: 'AzureActiveDirectory',
    ClientIP: ctx.ip,
    ObjectId: APP_OFFICE_HOME,
    UserId: ctx.actor,
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [
      { Name: 'ResultStatusDetail', Value: 'Redirect' },
      { Name: 'UserAgent', Value: userAgent },
      { Name: 'RequestType', Value: 'OAuth2:Authorize' },
    ],
    ModifiedProperties: [],
    Actor: [
      { ID: ctx.actorKey, Type: 0 },
      { ID: ctx.actor, Type: 5 },
    ],
    ActorContextId: org.id,
    ActorIpAddress: ctx.ip,
    InterSystemsId: rng.guid(),
    IntraSystemId: rng.guid(),
    SupportTicketId: '',
    Target: [{ ID: APP_OFFICE_HOME, Type: 0 }],
    TargetContextId: org.id,
    ApplicationId: APP_OFFICE_HOME,
    ErrorNumber: '0',
  };
}

const APP_OFFICE_HOME = '4765445b-32c6-49b0-83e6-1d93765276ca';
const APP_OWA = '00000002-0000-0ff1-ce00-000000000000';

/** `New-InboxRule` (RecordType 1, ExchangeAdmin): what a BEC attacker does after reading mail. */
export function buildNewInboxRule(p: RecordParams, ruleName: string, words: string): AuditRecord {
  const { rng, ctx, timeMs, org, mailbox } = p;
  return {
    CreationTime: auditTime(timeMs),
    Id: rng.guid(),
    Operation: 'New-InboxRule',
    OrganizationId: org.id,
    RecordType: 1,
    ResultStatus: 'True',
    UserKey: ctx.actorKey,
    UserType: 2,
    Version: 1,
    Workload: 'Exchange',
    ClientIP: writtenIp(rng, ctx),
    ObjectId: `${mailbox.upn}\\${ruleName}`,
    UserId: ctx.actor,
    AppId: ctx.appId ?? APP_OWA,
    AppPoolName: 'MSExchangeOWAAppPool',
    ClientAppId: '',
    ExternalAccess: false,
    OrganizationName: org.name,
    OriginatingServer: `${mailbox.server} (${mailbox.build})`,
    Parameters: [
      { Name: 'AlwaysDeleteOutlookRulesBlob', Value: 'False' },
      { Name: 'Force', Value: 'False' },
      { Name: 'MoveToFolder', Value: 'RSS Feeds' },
      { Name: 'Name', Value: ruleName },
      { Name: 'SubjectOrBodyContainsWords', Value: words },
      { Name: 'MarkAsRead', Value: 'True' },
      { Name: 'StopProcessingRules', Value: 'True' },
    ],
    SessionId: ctx.sessionId ?? ctx.aadSessionId ?? '',
  };
}
