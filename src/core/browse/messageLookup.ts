import type { MiaRecord } from '../model';
import { messageIdKey } from '../normalise/matchKeys';
import type { MailboxEntry, MessageEntry } from './mailboxModel';

/** A record that read a message, for choosing among several. */
export interface MessageAccess {
  /** Index in the investigation's records. */
  record: number;
  mailbox: string;
  timeMs: number;
  sessionId?: string;
  ip?: string;
  clientInfo?: string;
  folders: string[];
}

/**
 * The Bind records that list a message, in time order. Ids match after normalisation (one pair of
 * `<>` stripped, case ignored, spaces trimmed); `mailbox` (UPN or GUID, any case) narrows to one
 * mailbox. Records that list it twice (two folders) appear once.
 */
export function findMessageAccesses(
  records: readonly MiaRecord[],
  internetMessageId: string,
  mailbox?: string,
): MessageAccess[] {
  const key = messageIdKey(internetMessageId);
  const box = mailbox?.trim().toLowerCase();
  const out: MessageAccess[] = [];
  if (key === '') return out;
  records.forEach((r, i) => {
    if (r.accessType !== 'Bind') return;
    if (box && r.mailboxKey !== box && r.mailboxGuid?.toLowerCase() !== box) return;
    const folders: string[] = [];
    for (const f of r.folders) if (f.items.some((m) => m.key === key)) folders.push(f.path);
    if (folders.length === 0) return;
    const a: MessageAccess = { record: i, mailbox: r.mailbox, timeMs: r.timeMs, folders };
    if (r.sessionId !== undefined) a.sessionId = r.sessionId;
    if (r.ip !== undefined) a.ip = r.ip;
    if (r.clientInfo !== undefined) a.clientInfo = r.clientInfo;
    out.push(a);
  });
  return out.sort((a, b) => a.timeMs - b.timeMs || a.record - b.record);
}

/** One message of one mailbox, for "Go to Message ID…". */
export interface MailboxMessage {
  mailboxKey: string;
  mailbox: string;
  message: MessageEntry;
}

/**
 * Every distinct message of every mailbox (a message read in two folders is one entry with both
 * folders and every record), mailboxes by key, messages by first access.
 */
export function mailboxMessages(model: readonly MailboxEntry[]): MailboxMessage[] {
  const out: MailboxMessage[] = [];
  for (const box of model) {
    const byKey = new Map<string, MessageEntry>();
    for (const folder of box.folders) {
      for (const m of folder.messages) {
        const seen = byKey.get(m.key);
        if (!seen) {
          byKey.set(m.key, { ...m, folders: [...m.folders], records: [...m.records] });
          continue;
        }
        for (const f of m.folders) if (!seen.folders.includes(f)) seen.folders.push(f);
        for (const r of m.records) if (!seen.records.includes(r)) seen.records.push(r);
        if (m.firstAccessMs < seen.firstAccessMs) seen.firstAccessMs = m.firstAccessMs;
        if (m.lastAccessMs > seen.lastAccessMs) seen.lastAccessMs = m.lastAccessMs;
        seen.subject ??= m.subject;
        seen.sizeInBytes ??= m.sizeInBytes;
      }
    }
    const list = [...byKey.values()].sort(
      (a, b) => a.firstAccessMs - b.firstAccessMs || (a.key < b.key ? -1 : 1),
    );
    for (const message of list) out.push({ mailboxKey: box.key, mailbox: box.mailbox, message });
  }
  return out;
}

/** The accesses of a message by the given records (indices), for choosing among them. */
export function accessesOf(
  records: readonly MiaRecord[],
  indices: readonly number[],
  key: string,
): MessageAccess[] {
  const out: MessageAccess[] = [];
  for (const i of indices) {
    const r = records[i];
    if (!r) continue;
    const a: MessageAccess = {
      record: i,
      mailbox: r.mailbox,
      timeMs: r.timeMs,
      folders: r.folders.filter((f) => f.items.some((m) => m.key === key)).map((f) => f.path),
    };
    if (r.sessionId !== undefined) a.sessionId = r.sessionId;
    if (r.ip !== undefined) a.ip = r.ip;
    if (r.clientInfo !== undefined) a.clientInfo = r.clientInfo;
    out.push(a);
  }
  return out.sort((a, b) => a.timeMs - b.timeMs || a.record - b.record);
}
