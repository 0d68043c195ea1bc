/**
 * `n` minimal MailItemsAccessed Bind records of one mailbox as JSON Lines (about 330 bytes each),
 * record `i` with id `rec-i` reading message `<mi@x>`: a file big enough to be read in ranges.
 */
export function bindRecordLines(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      JSON.stringify({
        Id: `rec-${i}`,
        CreationTime: '2024-03-01T10:00:00',
        Operation: 'MailItemsAccessed',
        RecordType: 50,
        UserId: 'a@contoso.com',
        MailboxOwnerUPN: 'a@contoso.com',
        OperationProperties: [{ Name: 'MailAccessType', Value: 'Bind' }],
        Folders: [{ Path: '\\Inbox', FolderItems: [{ InternetMessageId: `<m${i}@x>` }] }],
      }),
    );
  }
  return lines.join('\n') + '\n';
}
