/** Column headings shared by the human reports (Markdown and HTML), so both say the same thing. */

export const messageColumns = [
  'InternetMessageId',
  'Subject',
  'Folders',
  'First access',
  'Last access',
  'Accesses',
  'Size',
  'Sessions',
  'IPs',
  'First record',
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
