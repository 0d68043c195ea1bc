/**
 * Synthetic mailboxes and the messages they hold. A mailbox's messages are a pure function of
 * (mailbox seed, message index), so the 300,000-record benchmark never keeps a message catalogue in
 * memory and every record that names message j names it identically.
 */
import { Rng, hashSeed } from './prng';
import {
  BUILD_VERSIONS,
  EXTERNAL_DOMAINS,
  FOLDER_NAMES,
  FOLDER_ROLES,
  FOLDER_WEIGHTS,
  SERVER_PREFIXES,
  SERVER_REGIONS,
  SUBJECTS,
  type FolderRole,
  type Locale,
} from './vocabulary';

/** The tenant the synthetic mailboxes live in. */
export interface Organisation {
  id: string;
  name: string;
  domain: string;
}

/** A folder of a mailbox, as records name it. */
export interface FolderDef {
  role: FolderRole;
  /** Localised path with its leading backslash (`\Boîte de réception`). */
  path: string;
  /** Exchange folder id (base64-looking, 64 chars). */
  id: string;
}

/** A mailbox whose owner (and others) read mail. */
export interface MailboxProfile {
  upn: string;
  displayName: string;
  guid: string;
  sid: string;
  userKey: string;
  locale: Locale;
  folders: FolderDef[];
  /** Mailbox server (`AM0PR07MB5763`), used for OriginatingServer and internal message ids. */
  server: string;
  build: string;
  /** How many messages the mailbox holds (message indexes 0..messageCount-1; 0 is the newest). */
  messageCount: number;
  /** Seed of the message catalogue. */
  messageSeed: number;
}

/** One message of a mailbox. */
export interface MessageDef {
  index: number;
  /** InternetMessageId with its angle brackets, as most records write it. */
  internetMessageId: string;
  folder: FolderDef;
  sizeInBytes: number;
  subject: string;
  itemId: string;
  immutableId: string;
  sensitivity?: string;
}

/** What makeMailbox needs to know; the rest is drawn from the seed. */
export interface MailboxSpec {
  upn: string;
  displayName: string;
  locale: Locale;
  messageCount: number;
}

/** Builds a mailbox deterministically from the scenario seed and its spec. */
export function makeMailbox(seed: number, spec: MailboxSpec): MailboxProfile {
  const rng = new Rng(hashSeed(seed, 'mailbox', spec.upn));
  const prefix = rng.pick(SERVER_PREFIXES);
  const server = `${prefix}${rng.int(1000, 9999)}`;
  const folders = FOLDER_ROLES.map((role) => ({
    role,
    path: FOLDER_NAMES[spec.locale][role],
    id: `LgAAAAA${rng.base64(50)}AAAB`.slice(0, 64),
  }));
  return {
    upn: spec.upn,
    displayName: spec.displayName,
    guid: rng.guid(),
    sid: `S-1-5-21-${rng.int(1e9, 4e9)}-${rng.int(1e8, 9e8)}-${rng.int(1e9, 4e9)}-${rng.int(1e6, 9e6)}`,
    userKey: rng.hex(16, true),
    locale: spec.locale,
    folders,
    server,
    build: rng.pick(BUILD_VERSIONS),
    messageCount: spec.messageCount,
    messageSeed: hashSeed(seed, 'messages', spec.upn),
  };
}

/** The folder of a mailbox with a given role. */
export function folderOf(mailbox: MailboxProfile, role: FolderRole): FolderDef {
  const folder = mailbox.folders.find((f) => f.role === role);
  if (!folder) throw new Error(`mailbox ${mailbox.upn} has no ${role} folder`);
  return folder;
}

/** Message `index` of a mailbox: always the same for the same mailbox and index. */
export function messageAt(mailbox: MailboxProfile, index: number): MessageDef {
  const rng = new Rng(hashSeed(mailbox.messageSeed, index));
  const role = rng.weighted(FOLDER_WEIGHTS);
  const folder = folderOf(mailbox, role);
  const internetMessageId = role === 'sent' || rng.chance(0.3) ? internalId(rng, mailbox) : externalId(rng);
  // Log-normal-ish sizes: most mail is 5–150 KB, some carries multi-MB attachments.
  const sizeInBytes = Math.round(Math.exp(rng.next() * 4.5 + 8.3) + rng.int(0, 900));
  return {
    index,
    internetMessageId,
    folder,
    sizeInBytes,
    subject: rng.pick(SUBJECTS),
    itemId: `AAMkAG${rng.base64(146)}`,
    immutableId: `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0A${rng.base64(116)}`,
    sensitivity: rng.chance(0.08) ? 'defa4170-0d19-0005-0004-bc88714345d2' : undefined,
  };
}

function internalId(rng: Rng, mailbox: MailboxProfile): string {
  const prefix = SERVER_PREFIXES.find((p) => mailbox.server.startsWith(p)) ?? SERVER_PREFIXES[0];
  return `<${mailbox.server}${rng.hex(28, true)}@${mailbox.server}.${SERVER_REGIONS[prefix]}.prod.outlook.com>`;
}

function externalId(rng: Rng): string {
  const domain = rng.pick(EXTERNAL_DOMAINS);
  switch (domain) {
    case 'mail.gmail.com':
      // Gmail ids carry '+', '/' and '=': they test escaping in every container.
      return `<CA${rng.base64(46)}=${rng.base64(6)}@mail.gmail.com>`;
    case 'email.amazonses.com':
      return `<0100018e${rng.hex(8)}-${rng.guid()}-000000@email.amazonses.com>`;
    case 'ltx1-app86239.prod.linkedin.com':
      return `<${rng.int(1e9, 2e9)}.${rng.int(1e6, 9e6)}.${rng.int(1e12, 2e12)}@${domain}>`;
    default:
      return `<${rng.guid()}@${domain}>`;
  }
}
