import type { Investigation } from '../../core/investigation/investigation';
import type { MiaRecord } from '../../core/model';
import { appText, throttledText } from '../../core/query/recordColumns';
import type { DetailMessage, RecordDetail } from '../../protocol/messages';
import type { MessageMetadataIndex } from '../../core/enrich/enrichTypes';
import { messageIdKey } from '../../core/normalise/matchKeys';

/** `LogonType` names (Exchange mailbox audit logon types). */
const logonTypes: Record<number, string> = {
  0: 'owner',
  1: 'admin',
  2: 'delegate',
  3: 'transport',
  4: 'system service',
  5: 'best access',
  6: 'delegated admin',
};
/** `UserType` names (Office 365 management activity schema). */
const userTypes: Record<number, string> = {
  0: 'regular',
  1: 'reserved',
  2: 'admin',
  3: 'DC admin',
  4: 'system',
  5: 'application',
  6: 'service principal',
  7: 'custom policy',
  8: 'system policy',
};
const recordTypes: Record<number, string> = { 2: 'ExchangeItem', 50: 'ExchangeItemAggregated' };

function named(value: number | undefined, names: Record<number, string>): string {
  if (value === undefined) return '';
  const name = names[value];
  return name ? `${value} (${name})` : String(value);
}

/** The normalised fields of a record as the detail pane lists them (text, never HTML). */
export function detailFields(record: MiaRecord): RecordDetail['fields'] {
  // Id, time and source file are in the pane's title and provenance already.
  const fields: [string, string | undefined][] = [
    ['Mailbox', record.mailbox],
    ['Mailbox GUID', record.mailboxGuid],
    ['Actor (UserId)', record.actor],
    ['Logon type', named(record.logonType, logonTypes)],
    ['User type', named(record.userType, userTypes)],
    ['Access', record.accessType],
    ['Throttled', record.isThrottled === undefined ? '(no IsThrottled flag)' : throttledText(record)],
    ['Session', record.sessionId],
    ['IP', record.ip],
    ['Client', record.clientInfo],
    ['App', appText(record)],
    ['Operation count', record.operationCount?.toString()],
    ['Record type', named(record.recordType, recordTypes)],
    ['External access', record.externalAccess === undefined ? undefined : String(record.externalAccess)],
    ['Originating server', record.originatingServer],
    ['Organization', record.organizationId],
    ['Token tenant', record.tokenTenantId !== record.organizationId ? record.tokenTenantId : undefined],
  ];
  return fields
    .filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([name, value]) => ({ name, value }));
}

/**
 * Everything the detail pane shows for one record; the raw AuditData is re-read from the export
 * by offset (it is never held in memory) and pretty-printed as text.
 */
export async function recordDetail(
  investigation: Investigation,
  record: MiaRecord,
  index: number,
  metadata?: MessageMetadataIndex,
): Promise<RecordDetail> {
  const raw = await investigation.readRawAuditData(record);
  const path = investigation.sourcePath(record.provenance.sourceIndex) ?? '';
  return {
    record: index,
    id: record.id,
    timeMs: record.timeMs,
    fields: detailFields(record),
    folders: record.folders.map((f) => ({
      path: f.path,
      items: f.items.map((m) =>
        withMetadata(
          {
            internetMessageId: m.internetMessageId,
            ...(m.sizeInBytes === undefined ? {} : { sizeInBytes: m.sizeInBytes }),
            ...(m.subject === undefined ? {} : { subject: m.subject }),
          },
          metadata,
        ),
      ),
    })),
    rawJson: JSON.stringify(raw, null, 2),
    provenance: { path, line: record.provenance.line, offset: record.provenance.offset },
  };
}

/** A listed message with what the metadata knows of it (the record's own subject comes first). */
function withMetadata(item: DetailMessage, metadata: MessageMetadataIndex | undefined): DetailMessage {
  const meta = metadata?.get(messageIdKey(item.internetMessageId));
  if (!meta) return item;
  const dateMs = meta.receivedMs ?? meta.sentMs;
  return {
    ...item,
    ...(item.subject === undefined && meta.subject !== undefined ? { subject: meta.subject } : {}),
    ...(meta.sender === undefined ? {} : { sender: meta.sender }),
    ...(dateMs === undefined ? {} : { dateMs }),
    ...(meta.hasAttachments === undefined ? {} : { hasAttachments: meta.hasAttachments }),
  };
}
