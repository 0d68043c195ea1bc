import { compareText } from '../analysis/order';
import { memoByRecords } from '../analysis/recordsMemo';
import type { MiaRecord } from '../model';
import { RecordMessages } from './recordMessages';

/** A message read (bound) in a mailbox: distinct by normalised InternetMessageId. */
export interface MessageEntry {
  /** Normalised id (trimmed, `<>` stripped, lower-case). */
  key: string;
  /** The id as first written. */
  internetMessageId: string;
  firstAccessMs: number;
  lastAccessMs: number;
  sizeInBytes?: number;
  subject?: string;
  /** Folder paths it was listed under (as written, distinct by normalised path). */
  folders: string[];
  /** Indices (in the investigation's records) of the Bind records that list it, in time order. */
  records: number[];
}

/** A folder of a mailbox: the messages read in it, and whether a Sync downloaded it. */
export interface FolderEntry {
  /** Normalised path. */
  key: string;
  /** Path as first written (localised names stay as they are; empty when a Sync named none). */
  path: string;
  /** Distinct messages read in this folder, by first access. */
  messages: MessageEntry[];
  /** Indices of the Sync records of this folder (every item is assumed read), in time order. */
  syncRecords: number[];
}

/** One mailbox of the tree. */
export interface MailboxEntry {
  /** `mailboxKey`. */
  key: string;
  /** As written in its earliest record. */
  mailbox: string;
  records: number;
  bind: number;
  sync: number;
  /** Distinct messages read, over all folders. */
  messageCount: number;
  /** Folders with a message read or a Sync, by normalised path. */
  folders: FolderEntry[];
  firstMs: number;
  lastMs: number;
}

/** A message being collected (see `addMessage`). */
export interface MessageAcc extends MessageEntry {
  subjectMs?: number;
  sizeMs?: number;
  folderKeys: Set<string>;
}

/** Adds one Bind record's listing of a message to an accumulator map (shared by the groupings). */
export function addMessage(
  byKey: Map<string, MessageAcc>,
  r: MiaRecord,
  recordIndex: number,
  folder: { key: string; path: string },
  key: string,
  internetMessageId: string,
  subject: string | undefined,
  sizeInBytes: number | undefined,
): MessageAcc {
  let m = byKey.get(key);
  if (!m) {
    m = {
      key,
      internetMessageId,
      firstAccessMs: r.timeMs,
      lastAccessMs: r.timeMs,
      folders: [],
      folderKeys: new Set(),
      records: [],
    };
    byKey.set(key, m);
  }
  if (r.timeMs < m.firstAccessMs) {
    m.firstAccessMs = r.timeMs;
    m.internetMessageId = internetMessageId;
  }
  if (r.timeMs > m.lastAccessMs) m.lastAccessMs = r.timeMs;
  // Size and subject from the earliest record that carries them.
  if (subject !== undefined && (m.subjectMs === undefined || r.timeMs < m.subjectMs)) {
    m.subject = subject;
    m.subjectMs = r.timeMs;
  }
  if (sizeInBytes !== undefined && (m.sizeMs === undefined || r.timeMs < m.sizeMs)) {
    m.sizeInBytes = sizeInBytes;
    m.sizeMs = r.timeMs;
  }
  if (!m.folderKeys.has(folder.key)) {
    m.folderKeys.add(folder.key);
    m.folders.push(folder.path);
  }
  // A message listed twice in one record (two folders) is one access.
  if (m.records[m.records.length - 1] !== recordIndex) m.records.push(recordIndex);
  return m;
}

/** The accumulators as entries: record lists in time order, messages by first access then id. */
export function finishMessages(
  byKey: Map<string, MessageAcc>,
  records: readonly MiaRecord[],
): MessageEntry[] {
  const out: MessageEntry[] = [];
  for (const m of byKey.values()) {
    const e: MessageEntry = {
      key: m.key,
      internetMessageId: m.internetMessageId,
      firstAccessMs: m.firstAccessMs,
      lastAccessMs: m.lastAccessMs,
      folders: m.folders,
      records: m.records.sort((a, b) => records[a].timeMs - records[b].timeMs || a - b),
    };
    if (m.subject !== undefined) e.subject = m.subject;
    if (m.sizeInBytes !== undefined) e.sizeInBytes = m.sizeInBytes;
    out.push(e);
  }
  return out.sort((a, b) => a.firstAccessMs - b.firstAccessMs || compareText(a.key, b.key));
}

/** Creates the accumulator map `addMessage` fills. */
export function messageAccumulator(): Map<string, MessageAcc> {
  return new Map();
}

interface FolderAcc {
  key: string;
  path: string;
  messages: Map<string, MessageAcc>;
  syncRecords: number[];
}

interface MailboxAcc {
  key: string;
  mailbox: string;
  firstMs: number;
  lastMs: number;
  records: number;
  bind: number;
  sync: number;
  folders: Map<string, FolderAcc>;
  messageKeys: Set<string>;
}

/**
 * Mailbox → folder → message, over the records `include` keeps (the tree's filter; all when
 * omitted). Folders appear when a message was read in them or a Sync touched them; a Bind folder
 * listing no message is left out (nothing was read there). Mailboxes by key, folders by
 * normalised path, messages by first access. One pass plus sorting: a mailbox of 100,000 messages
 * is ready at once for paging.
 */
export function buildMailboxModel(
  records: readonly MiaRecord[],
  include?: (record: MiaRecord, index: number) => boolean,
): MailboxEntry[] {
  // Unfiltered, the model is the same until the records change: built once per version (the
  // quick picks and "Go to Message ID" ask for it on every use). Callers treat it as read-only.
  if (!include) return memoByRecords(records, buildMailboxModel, () => mailboxModel(records));
  return mailboxModel(records, include);
}

function mailboxModel(
  records: readonly MiaRecord[],
  include?: (record: MiaRecord, index: number) => boolean,
): MailboxEntry[] {
  const boxes = new Map<string, MailboxAcc>();
  const messages = new RecordMessages();
  records.forEach((r, i) => {
    if (include && !include(r, i)) return;
    let box = boxes.get(r.mailboxKey);
    if (!box) {
      box = {
        key: r.mailboxKey,
        mailbox: r.mailbox,
        firstMs: r.timeMs,
        lastMs: r.timeMs,
        records: 0,
        bind: 0,
        sync: 0,
        folders: new Map(),
        messageKeys: new Set(),
      };
      boxes.set(r.mailboxKey, box);
    }
    box.records++;
    if (r.timeMs < box.firstMs) {
      box.firstMs = r.timeMs;
      box.mailbox = r.mailbox;
    }
    if (r.timeMs > box.lastMs) box.lastMs = r.timeMs;
    const folderOf = (key: string, path: string): FolderAcc => {
      let f = box.folders.get(key);
      if (!f) {
        f = { key, path, messages: new Map(), syncRecords: [] };
        box.folders.set(key, f);
      }
      return f;
    };
    if (r.accessType === 'Sync') {
      box.sync++;
      const folders = r.folders.length > 0 ? r.folders : [{ key: '', path: '' }];
      const seen = new Set<string>();
      for (const f of folders) {
        if (seen.has(f.key)) continue;
        seen.add(f.key);
        folderOf(f.key, f.path).syncRecords.push(i);
      }
      return;
    }
    if (r.accessType !== 'Bind') return;
    box.bind++;
    // A folder enters with its first message (a Bind's item-less folder read nothing there).
    messages.forEach(r, (f, key, id, subject, size) => {
      addMessage(folderOf(f.key, f.path).messages, r, i, f, key, id, subject, size);
      box.messageKeys.add(key);
    });
  });
  const out: MailboxEntry[] = [];
  for (const box of boxes.values()) {
    out.push({
      key: box.key,
      mailbox: box.mailbox,
      records: box.records,
      bind: box.bind,
      sync: box.sync,
      messageCount: box.messageKeys.size,
      firstMs: box.firstMs,
      lastMs: box.lastMs,
      folders: [...box.folders.values()]
        .map((f) => ({
          key: f.key,
          path: f.path,
          messages: finishMessages(f.messages, records),
          syncRecords: f.syncRecords.sort((a, b) => records[a].timeMs - records[b].timeMs || a - b),
        }))
        .sort((a, b) => compareText(a.key, b.key)),
    });
  }
  return out.sort((a, b) => compareText(a.key, b.key));
}
