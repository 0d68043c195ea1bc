import { commentText, kqlDatetime, kqlString } from './escape';
import { isGuid, type FollowUpScope } from './followUpScope';

/**
 * Where one table keeps the MailItemsAccessed fields. Each entry is a KQL expression over the
 * table's columns; the rest of the query is shared, so Sentinel and Defender apply the same rules.
 */
export interface KqlSource {
  table: string;
  /** Column the time window filters on (the table's ingestion-indexed time). */
  timeColumn: string;
  /** Condition selecting MailItemsAccessed rows. */
  operation: string;
  /** `extend` lines (without the pipe) naming the record's fields: see {@link KQL_FIELDS}. */
  fields: string[];
}

/**
 * Names the `fields` of a {@link KqlSource} must define (as strings, or dynamic for the
 * three structured ones): the shared part of the query reads only these.
 */
export const KQL_FIELDS = [
  'RecordId',
  'CreationTime',
  'MailboxOwnerUPN',
  'MailboxGuid',
  'UserId',
  'LogonType',
  'SessionIdRaw',
  'AadSessionId',
  'ClientIpRaw',
  'ClientInfoString',
  'AppId',
  'ClientAppId',
  'MiaOperationProperties',
  'MiaFolders',
  'MiaItem',
] as const;

/**
 * The IP rule of the engine (spec §2) as a KQL function: trimmed; `[v6]:port` to `v6`; an
 * IPv4-mapped `::ffff:` prefix dropped; `v4:port` to `v4`; IPv6 lower-cased.
 */
const NORMALISE_IP = [
  'let MiaNormaliseIp = (raw: string) {',
  '    let s = trim(@"\\s+", raw);',
  '    let b = iff(s startswith "[" and s contains "]", trim(@"\\s+", extract(@"^\\[([^\\]]*)\\]", 1, s)), s);',
  '    let m = iff(b matches regex @"(?i)^::ffff:\\d{1,3}(\\.\\d{1,3}){3}(:\\d{1,5})?$", substring(b, 7), b);',
  '    let p = iff(m matches regex @"^\\d{1,3}(\\.\\d{1,3}){3}:\\d{1,5}$", extract(@"^([^:]+):", 1, m), m);',
  '    iff(p contains ":", tolower(p), p)',
  '};',
];

function list(values: readonly string[]): string {
  return values.map(kqlString).join(', ');
}

/** `datatable(Key: string) [...]` of keys (one per line); an empty table when there are none. */
function keyTable(name: string, keys: readonly string[]): string[] {
  if (keys.length === 0) return [`let ${name} = datatable(Key: string) [];`];
  return [
    `let ${name} = datatable(Key: string) [`,
    ...keys.map((k, i) => `    ${kqlString(k)}${i < keys.length - 1 ? ',' : ''}`),
    '];',
  ];
}

function header(title: string, scope: FollowUpScope): string[] {
  const window = commentText(`${scope.fromUtc ?? 'the time picker'} to ${scope.toUtc ?? 'the time picker'}`);
  return [
    `// ${title}: MailItemsAccessed follow-up (MailItemsAccessed Investigator)`,
    `// Scope: ${scope.mailboxes.length || 'all'} mailbox(es), window [${window}), ${scope.sessions.length} session(s), ${scope.ips.length} IP(s), ${scope.clientApps.length} app(s), ${scope.clientInfo.length} client filter(s).`,
    '// Rules as in the investigator: MailAccessType and IsThrottled looked up by Name; session =',
    '// SessionId else AppAccessContext.AADSessionId; IP without brackets, port and ::ffff:, IPv6',
    '// lower-case; message id trimmed, one pair of <> stripped, lower-case; folder path without the',
    '// leading \\, lower-case. One row per record, folder and message (a Sync row has no message).',
    '// KnownToInvestigation: the message (Bind) or folder (Sync) is already in the investigation;',
    '// filter on false to see what the exports did not hold.',
  ];
}

/**
 * The follow-up KQL over `source` for `scope`: MailItemsAccessed records of the mailboxes in the
 * window and contexts, normalised like the engine, expanded to folders and messages.
 */
export function buildKql(title: string, source: KqlSource, scope: FollowUpScope): string {
  const lines: string[] = [...header(title, scope), ...NORMALISE_IP];
  const mailboxKey = (m: string) => m.trim().toLowerCase();
  lines.push(
    ...keyTable('MiaKnownMessages', [
      ...new Set(scope.messages.map((m) => `${mailboxKey(m.mailbox)} ${m.key}`)),
    ]),
    ...keyTable('MiaKnownFolders', [
      ...new Set(scope.syncedFolders.map((f) => `${mailboxKey(f.mailbox)} ${f.key}`)),
    ]),
    source.table,
  );
  const where = (cond: string) => lines.push(`| where ${cond}`);
  if (scope.fromUtc !== undefined) where(`${source.timeColumn} >= ${kqlDatetime(scope.fromUtc)}`);
  if (scope.toUtc !== undefined) where(`${source.timeColumn} < ${kqlDatetime(scope.toUtc)}`);
  where(source.operation);
  for (const f of source.fields) lines.push(`| extend ${f}`);
  const upns = scope.mailboxes.filter((m) => !isGuid(m));
  const guids = scope.mailboxes.filter(isGuid);
  const mailboxConds = [
    ...(upns.length > 0 ? [`MailboxOwnerUPN in~ (${list(upns)})`] : []),
    ...(guids.length > 0 ? [`MailboxGuid in~ (${list(guids)})`] : []),
  ];
  if (mailboxConds.length > 0) where(mailboxConds.join(' or '));
  lines.push(
    '| extend SessionId = iff(isnotempty(trim(@"\\s+", SessionIdRaw)), trim(@"\\s+", SessionIdRaw), trim(@"\\s+", AadSessionId))',
    '| extend ClientIp = MiaNormaliseIp(ClientIpRaw)',
  );
  if (scope.sessions.length > 0) where(`SessionId in~ (${list(scope.sessions)})`);
  if (scope.ips.length > 0) where(`ClientIp in (${list(scope.ips)})`);
  if (scope.clientApps.length > 0) {
    where(`AppId in~ (${list(scope.clientApps)}) or ClientAppId in~ (${list(scope.clientApps)})`);
  }
  if (scope.clientInfo.length > 0) {
    where(scope.clientInfo.map((c) => `ClientInfoString contains ${kqlString(c)}`).join(' or '));
  }
  lines.push(
    '| mv-apply MiaProperty = MiaOperationProperties on (',
    '    summarize MailAccessType = take_anyif(tostring(MiaProperty.Value), trim(@"\\s+", tostring(MiaProperty.Name)) =~ "MailAccessType"),',
    '              IsThrottled = take_anyif(tostring(MiaProperty.Value), trim(@"\\s+", tostring(MiaProperty.Name)) =~ "IsThrottled")',
    '  )',
    '// Both Sync shapes: Folders[] or Item.ParentFolder (Path, else Name).',
    '| extend MiaFolders = iff(array_length(MiaFolders) > 0, MiaFolders,',
    '    iff(isnotempty(MiaItem.ParentFolder), pack_array(bag_pack("Path", coalesce(tostring(MiaItem.ParentFolder.Path), tostring(MiaItem.ParentFolder.Name)))), dynamic([{}])))',
    '| mv-expand MiaFolder = MiaFolders',
    '| extend FolderPath = tostring(MiaFolder.Path)',
    '| extend FolderKey = tolower(replace_regex(trim(@"\\s+", FolderPath), @"^\\\\", ""))',
    '| extend MiaMessages = iff(array_length(MiaFolder.FolderItems) > 0, MiaFolder.FolderItems, dynamic([{}]))',
    '| mv-expand MiaMessage = MiaMessages',
    '| extend InternetMessageId = tostring(MiaMessage.InternetMessageId)',
    '| extend MessageIdKey = tolower(replace_regex(trim(@"\\s+", InternetMessageId), @"(?s)^<(.*)>$", @"\\1"))',
    '| extend MiaMailboxKey = tolower(trim(@"\\s+", MailboxOwnerUPN))',
    '| extend KnownToInvestigation = iff(isnotempty(MessageIdKey), strcat(MiaMailboxKey, " ", MessageIdKey) in (MiaKnownMessages),',
    '    tolower(MailAccessType) == "sync" and strcat(MiaMailboxKey, " ", FolderKey) in (MiaKnownFolders))',
    '| project CreationTime, RecordId, MailboxOwnerUPN, MailboxGuid, UserId, LogonType, MailAccessType, IsThrottled,',
    '    SessionId, ClientIp, ClientInfoString, AppId, ClientAppId, FolderPath, FolderKey, InternetMessageId, MessageIdKey,',
    '    KnownToInvestigation',
    '| order by CreationTime asc',
  );
  return `${lines.join('\n')}\n`;
}
