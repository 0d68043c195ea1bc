/**
 * Deterministic synthetic MiaRecords for the webview preview: many mailboxes, owner and attacker
 * contexts, Bind and Sync, a throttled burst, and hostile strings (script and img tags in client,
 * folder, subject and actor) on the earliest record, so they show in the first grid row.
 */
import type { FolderRef, MessageRef, MiaRecord } from '../../../src/core/model';

const hour = 3_600_000;
/** First hour of the generated data (UTC). */
export const previewStartMs = Date.UTC(2025, 2, 1, 0, 0, 0);
/** Span of the generated data. */
export const previewDays = 21;

/** The hostile strings planted in the earliest record. */
export const hostile = {
  client: '<script>alert(1)</script>',
  folder: '\\<img src=x onerror=alert(1)>',
  subject: '<img src=x onerror=alert(2)><script>alert(3)</script>',
  actor: '"><svg onload=alert(4)>',
} as const;

/** Small, fast, seedable PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 16).toString(16);
  return s;
}

function guid(rand: () => number): string {
  return `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;
}

const folders = [
  '\\Inbox',
  '\\Sent Items',
  '\\Archive',
  '\\Inbox\\Finance',
  '\\Boîte de réception',
  '\\Posteingang',
  '\\Drafts',
];
const subjects = [
  'Quarterly payroll',
  'Re: wire transfer',
  'Board minutes',
  'Invoice 4471',
  'Lunch?',
  'Password reset',
  undefined,
];
const ownerClients = [
  'Client=MSExchangeRPC',
  'Client=OutlookService;Outlook-iOS/2.0;',
  'Client=OWA;Action=ViaProxy',
  'Client=REST;Client=RESTSystem;;',
];
const apps = [
  '00000002-0000-0ff1-ce00-000000000000',
  '00000003-0000-0000-c000-000000000000',
  'd3590ed6-52b3-4102-aeff-aad2292ab01c',
];

/** Generates `count` records (newest first, as the Purview portal exports them). */
export function generatePreviewRecords(count: number, seed = 7): MiaRecord[] {
  const rand = prng(seed);
  const mailboxes = Array.from({ length: 80 }, (_, i) =>
    i === 0 ? 'ceo@contoso.com' : `user${String(i).padStart(2, '0')}@contoso.com`,
  );
  const sessions = mailboxes.map(() => [guid(rand), guid(rand), guid(rand)]);
  const attackerSession = guid(rand);
  const spanMs = previewDays * 24 * hour;
  const records: MiaRecord[] = [];
  for (let i = 0; i < count; i++) {
    // Mailbox weights: a few busy mailboxes, a long tail.
    const m = Math.min(mailboxes.length - 1, Math.floor(mailboxes.length * rand() ** 2.2));
    const attacker = m === 0 && rand() < 0.15;
    // The CEO mailbox has a burst on day 9 that crosses the volume threshold.
    const burst = m === 0 && rand() < 0.5;
    const timeMs = burst
      ? previewStartMs + 9 * 24 * hour + Math.floor(rand() * 20 * hour)
      : previewStartMs + Math.floor(rand() * spanMs);
    const sync = rand() < (attacker ? 0.3 : 0.12);
    const folderCount = sync ? 1 : 1 + Math.floor(rand() * rand() * 3);
    const recordFolders: FolderRef[] = [];
    for (let f = 0; f < folderCount; f++) {
      const path = folders[Math.floor(rand() * folders.length)];
      const items: MessageRef[] = [];
      const itemCount = sync ? 0 : 1 + Math.floor(rand() * rand() * 6);
      for (let k = 0; k < itemCount; k++) {
        const id = `<${hex(rand, 10)}@${rand() < 0.5 ? 'contoso.com' : 'mail.example'}>`;
        const subject = subjects[Math.floor(rand() * subjects.length)];
        items.push({
          internetMessageId: id,
          key: id.slice(1, -1).toLowerCase(),
          sizeInBytes: 2000 + Math.floor(rand() * 90_000),
          ...(subject ? { subject } : {}),
        });
      }
      recordFolders.push({ path, key: path.slice(1).toLowerCase(), id: `LgAAAA${hex(rand, 20)}`, items });
    }
    const mailbox = mailboxes[m];
    records.push({
      id: guid(rand),
      timeMs,
      mailbox,
      mailboxKey: mailbox,
      mailboxGuid: guid(rand),
      actor: attacker ? mailbox : rand() < 0.05 ? 'admin@contoso.com' : mailbox,
      logonType: attacker ? 0 : rand() < 0.05 ? 1 : 0,
      accessType: sync ? 'Sync' : 'Bind',
      ...(rand() < 0.6 ? { isThrottled: burst && rand() < 0.02 } : {}),
      sessionId: attacker ? attackerSession : sessions[m][Math.floor(rand() * 3)],
      ip: attacker ? '203.0.113.66' : `10.${m}.${Math.floor(rand() * 4)}.${1 + Math.floor(rand() * 200)}`,
      clientInfo: attacker
        ? 'Client=OWA;Action=ViaProxy'
        : ownerClients[Math.floor(rand() * ownerClients.length)],
      appId: apps[Math.floor(rand() * apps.length)],
      operationCount: 1 + Math.floor(rand() * 4),
      externalAccess: false,
      organizationId: 'b5a2f0d1-0000-4000-a000-000000000001',
      folders: recordFolders,
      provenance: {
        sourceIndex: i % 2,
        line: 2 + Math.floor(i / 2),
        offset: 120 + Math.floor(i / 2) * 1800,
        length: 1800,
      },
    });
  }
  records.sort((a, b) => b.timeMs - a.timeMs);
  if (records.length > 0) plantHostile(records[records.length - 1], rand);
  return records;
}

/** Turns a record into the hostile-strings record, dated before everything else. */
function plantHostile(record: MiaRecord, rand: () => number): void {
  record.timeMs = previewStartMs - hour;
  record.accessType = 'Bind';
  record.clientInfo = hostile.client;
  record.actor = hostile.actor;
  record.folders = [
    {
      path: hostile.folder,
      key: hostile.folder.slice(1).toLowerCase(),
      items: [
        {
          internetMessageId: '<hostile@attacker.example>',
          key: 'hostile@attacker.example',
          sizeInBytes: 666,
          subject: hostile.subject,
        },
      ],
    },
  ];
  record.id = `0bad0bad-${hex(rand, 4)}-4bad-abad-${hex(rand, 12)}`;
}
