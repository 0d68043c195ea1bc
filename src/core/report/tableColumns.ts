/** Column headings shared by the human reports (Markdown and HTML), so both say the same thing. */

export const messageColumns = [
  'InternetMessageId',
  'Subject',
  'Sender',
  'Date',
  'Attachments',
  'Folders',
  'First access',
  'Last access',
  'Accesses',
  'Size',
  'Sessions',
  'IPs',
  'Apps',
  'First record',
];

export const confirmedColumns = ['Mailbox', 'Messages read', 'First access', 'Last access'];

export const potentiallyReadColumns = [
  'Mailbox',
  'Folder',
  'First sync',
  'Last sync',
  'Syncs',
  'Known messages',
  'Of which confirmed read',
  'First record',
];

export const unknownColumns = ['Mailbox', 'What', 'Start', 'End', 'Basis', 'Record'];

export const metadataSourceColumns = [
  'Metadata source',
  'Format',
  'Encoding',
  'SHA-256',
  'Rows',
  'Messages',
  'Rejected',
];

export const syncedFolderColumns = [
  'Folder',
  'First sync',
  'Last sync',
  'Syncs',
  'Sessions',
  'IPs',
  'Clients',
  'First record',
];

export const contextColumns = [
  'Session',
  'IPs',
  'Clients',
  'App ids',
  'Client app ids',
  'Actors',
  'First',
  'Last',
  'Bind',
  'Sync',
];
