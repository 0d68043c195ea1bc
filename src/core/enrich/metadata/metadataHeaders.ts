import type { MetadataFormat } from '../enrichTypes';

/** The message fields a metadata row can fill. */
export type MetadataField =
  | 'id'
  | 'subject'
  | 'sender'
  | 'recipients'
  | 'recipientStatus'
  | 'sent'
  | 'received'
  | 'hasAttachments'
  | 'size'
  | 'location'
  | 'folderPath'
  | 'documentId';

/** Column indexes of each field in a header (several columns may fill one field, e.g. To and Cc). */
export type ColumnMap = Partial<Record<MetadataField, number[]>>;

/**
 * A header name reduced for loose matching: byte-order mark, quotes, spaces, underscores, hyphens,
 * dots and other punctuation dropped, lower-cased. `Internet Message Id`, `InternetMessageId` and
 * `internet_message_id` all become `internetmessageid`; header generations differ in exactly these.
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header keys per field, per format (the published column lists, plus known older spellings). */
const ALIASES: Record<MetadataFormat, Partial<Record<MetadataField, string[]>>> = {
  'purview-results': {
    id: ['internetmessageid'],
    subject: ['subjectortitle', 'subjecttitle', 'subject', 'title'],
    sender: ['senderorcreatedby', 'senderauthor', 'sender', 'from', 'createdby'],
    recipients: ['recipientsintoline', 'recipientsinccline', 'recipientsinbccline', 'to', 'cc', 'bcc'],
    sent: ['sent', 'sentdate', 'datesent'],
    received: ['receivedorcreated', 'received', 'receiveddate', 'created'],
    hasAttachments: ['hasattachments', 'hasattachment'],
    size: ['size', 'sizebytes'],
    location: ['location', 'locationname', 'mailbox'],
    folderPath: ['originalpath', 'folderpath', 'path'],
    documentId: ['documentid'],
  },
  'ediscovery-premium': {
    id: ['emailmessageid'],
    subject: ['emailsubject'],
    sender: ['emailsender', 'emailfrom'],
    recipients: ['emailto', 'emailcc', 'emailbcc', 'emailrecipients'],
    sent: ['emaildatesent'],
    received: ['emaildatereceived'],
    hasAttachments: ['emailhasattachment', 'emailhasattachments'],
    size: ['size', 'nativesize'],
    location: ['locationname', 'location'],
    folderPath: ['compoundpath', 'inputpath'],
    documentId: ['fileid', 'documentid', 'immutableid'],
  },
  'message-trace': {
    id: ['messageid'],
    subject: ['subject'],
    sender: ['senderaddress'],
    recipients: ['recipientaddress'],
    received: ['received'],
    size: ['size'],
  },
  'message-trace-report': {
    id: ['messageid'],
    subject: ['messagesubject', 'subject'],
    sender: ['senderaddress'],
    recipients: ['recipientaddress'],
    recipientStatus: ['recipientstatus'],
    // The first timestamp is when the message entered the service: the received time.
    received: ['origintimestamputc', 'datetimeutc', 'origintimestamp'],
    size: ['totalbytes'],
  },
  // Graph JSON is read by key, not header; listed so that every format has an entry.
  'graph-messages': {},
};

/** Columns that tell an admin-centre report from a `Get-MessageTrace | Export-Csv` file. */
const REPORT_MARKERS = [
  'origintimestamputc',
  'datetimeutc',
  'messagesubject',
  'networkmessageid',
  'recipientstatus',
];
const TRACE_MARKERS = ['messagetraceid', 'received', 'senderaddress', 'recipientaddress', 'fromip'];

/** Which CSV metadata format a header is, and where each field's columns are; undefined if none. */
export function detectCsvFormat(
  names: readonly string[],
): { format: MetadataFormat; columns: ColumnMap } | undefined {
  const keys = names.map(headerKey);
  const has = (k: string) => keys.includes(k);
  let format: MetadataFormat | undefined;
  if (has('emailmessageid')) format = 'ediscovery-premium';
  else if (has('internetmessageid')) format = 'purview-results';
  else if (has('messageid') && REPORT_MARKERS.some(has)) format = 'message-trace-report';
  else if (has('messageid') && TRACE_MARKERS.some(has)) format = 'message-trace';
  if (!format) return undefined;
  const columns: ColumnMap = {};
  for (const [field, aliases] of Object.entries(ALIASES[format]) as [MetadataField, string[]][]) {
    // The first alias present wins for single-valued fields; recipients take every alias present.
    const found: number[] = [];
    for (const alias of aliases) {
      const i = keys.indexOf(alias);
      if (i < 0) continue;
      found.push(i);
      if (field !== 'recipients') break;
    }
    if (found.length > 0) columns[field] = found;
  }
  return { format, columns };
}

/** Header names that mark a MailItemsAccessed audit export, for a more useful error message. */
export function looksLikeAuditExport(names: readonly string[]): boolean {
  const keys = names.map(headerKey);
  return keys.includes('auditdata') || (keys.includes('operations') && keys.includes('creationdate'));
}

/** The id columns a metadata CSV must have, for error messages. */
export const EXPECTED_METADATA_COLUMNS =
  '"Internet Message Id" (Purview Results.csv), "Email_message_ID" (eDiscovery Premium), ' +
  '"MessageId" (Get-MessageTrace), "message_id" (message trace report), or Graph message JSON with "internetMessageId"';
