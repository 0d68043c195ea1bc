/**
 * Hand-built AuditData objects for tests: the field list of spec §2, the two Sync shapes, and
 * realistic values. Each builder returns a fresh object the test may then break on purpose.
 */

export interface MiaSpec {
  id: string;
  /** CreationTime as written (no Z, like the service writes it). */
  time: string;
  mailbox?: string;
  access?: 'Bind' | 'Sync';
  throttled?: 'True' | 'False' | 'true';
  session?: string;
  ip?: string;
  client?: string;
  appId?: string;
  clientAppId?: string;
  actor?: string;
  /** Bind: folders with their message ids. */
  folders?: { path: string; ids: string[] }[];
}

/** A Bind (Folders[] with items) or Sync (Folders[] without items) record in the classic shape. */
export function miaAudit(spec: MiaSpec): Record<string, unknown> {
  const mailbox = spec.mailbox ?? 'victim@contoso.com';
  const props: { Name: string; Value: string }[] = [{ Name: 'MailAccessType', Value: spec.access ?? 'Bind' }];
  if (spec.throttled !== undefined) props.push({ Name: 'IsThrottled', Value: spec.throttled });
  const audit: Record<string, unknown> = {
    CreationTime: spec.time,
    Id: spec.id,
    Operation: 'MailItemsAccessed',
    OrganizationId: 'org-1',
    RecordType: 50,
    ResultStatus: 'Succeeded',
    UserKey: 'key',
    UserType: 0,
    Version: 1,
    Workload: 'Exchange',
    UserId: spec.actor ?? mailbox,
    ClientIPAddress: spec.ip ?? '203.0.113.7',
    ClientInfoString: spec.client ?? 'Client=OWA;Action=ViaProxy',
    ExternalAccess: false,
    LogonType: 0,
    MailboxGuid: `guid-${mailbox}`,
    MailboxOwnerUPN: mailbox,
    OperationProperties: props,
    OriginatingServer: 'SRV01 (15.20.4200.000)\r\n',
    Folders: (
      spec.folders ?? [{ path: '\\Inbox', ids: spec.access === 'Sync' ? [] : [`<${spec.id}@mail.example>`] }]
    ).map((f, i) => {
      const folder: Record<string, unknown> = { Id: `folder-${i}-${f.path}`, Path: f.path };
      if (spec.access !== 'Sync')
        folder.FolderItems = f.ids.map((m) => ({ InternetMessageId: m, SizeInBytes: 1000 }));
      return folder;
    }),
    OperationCount: 1,
  };
  if (spec.session !== undefined) audit.SessionId = spec.session;
  if (spec.appId !== undefined) audit.AppId = spec.appId;
  if (spec.clientAppId !== undefined) audit.ClientAppId = spec.clientAppId;
  return audit;
}

/** A Sync record in the other shape: `Item.ParentFolder {Id, Path, Name}`, RecordType 2. */
export function syncItemShape(
  spec: Omit<MiaSpec, 'access' | 'folders'> & { folderName: string; folderPath?: string },
): Record<string, unknown> {
  const audit = miaAudit({ ...spec, access: 'Sync' });
  delete audit.Folders;
  audit.RecordType = 2;
  const parent: Record<string, unknown> = { Id: 'LgAAAAparent', Name: spec.folderName };
  if (spec.folderPath !== undefined) parent.Path = spec.folderPath;
  audit.Item = { Id: 'RgAAAAitem', ParentFolder: parent };
  return audit;
}

/** A record of another operation (counted, never taken for MailItemsAccessed). */
export function otherAudit(id: string, operation: string, time: string): Record<string, unknown> {
  return { CreationTime: time, Id: id, Operation: operation, RecordType: 15, UserId: 'someone@contoso.com' };
}
