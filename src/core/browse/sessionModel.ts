import { compareText } from '../analysis/order';
import type { MiaRecord } from '../model';
import { RecordMessages } from './recordMessages';
import {
  addMessage,
  finishMessages,
  messageAccumulator,
  type MessageAcc,
  type MessageEntry,
} from './mailboxModel';

/** A mailbox as used from one context: the messages read and the folders synced. */
export interface ContextMailboxEntry {
  key: string;
  mailbox: string;
  records: number;
  bind: number;
  sync: number;
  messages: MessageEntry[];
  /** Folder paths synced from this context (all items assumed read). */
  syncedFolders: string[];
}

/** A context of a session: IP, client and app together. */
export interface ContextEntry {
  /** Identity of the context within its session. */
  key: string;
  ip?: string;
  clientInfo?: string;
  appId?: string;
  clientAppId?: string;
  records: number;
  firstMs: number;
  lastMs: number;
  mailboxes: ContextMailboxEntry[];
}

/** A session (`SessionId`, else `AADSessionId`); records without one are grouped last. */
export interface SessionEntry {
  sessionId?: string;
  records: number;
  bind: number;
  sync: number;
  firstMs: number;
  lastMs: number;
  contexts: ContextEntry[];
}

interface BoxAcc {
  key: string;
  mailbox: string;
  firstMs: number;
  records: number;
  bind: number;
  sync: number;
  messages: Map<string, MessageAcc>;
  synced: Map<string, string>;
}

/** A `ContextEntry` being summed up: its mailboxes by key, not yet entries. */
interface ContextAcc extends Omit<ContextEntry, 'mailboxes'> {
  boxes: Map<string, BoxAcc>;
}

interface SessionAcc {
  sessionId?: string;
  records: number;
  bind: number;
  sync: number;
  firstMs: number;
  lastMs: number;
  contexts: Map<string, ContextAcc>;
}

const SEP = '\u0000';

/**
 * Session → context (IP, client, app) → mailbox → messages, over the records `include` keeps:
 * the second grouping of the tree, which puts the attacker's context apart from the owner's.
 * Sessions by first use (no session last), contexts by first use, mailboxes by key.
 */
export function buildSessionModel(
  records: readonly MiaRecord[],
  include?: (record: MiaRecord, index: number) => boolean,
): SessionEntry[] {
  const sessions = new Map<string | undefined, SessionAcc>();
  const messages = new RecordMessages();
  records.forEach((r, i) => {
    if (include && !include(r, i)) return;
    let s = sessions.get(r.sessionId);
    if (!s) {
      s = { records: 0, bind: 0, sync: 0, firstMs: r.timeMs, lastMs: r.timeMs, contexts: new Map() };
      if (r.sessionId !== undefined) s.sessionId = r.sessionId;
      sessions.set(r.sessionId, s);
    }
    s.records++;
    if (r.accessType === 'Bind') s.bind++;
    else if (r.accessType === 'Sync') s.sync++;
    s.firstMs = Math.min(s.firstMs, r.timeMs);
    s.lastMs = Math.max(s.lastMs, r.timeMs);
    const ckey = [r.ip, r.clientInfo, r.appId, r.clientAppId].map((v) => v ?? '').join(SEP);
    let c = s.contexts.get(ckey);
    if (!c) {
      c = { key: ckey, records: 0, firstMs: r.timeMs, lastMs: r.timeMs, boxes: new Map() };
      if (r.ip !== undefined) c.ip = r.ip;
      if (r.clientInfo !== undefined) c.clientInfo = r.clientInfo;
      if (r.appId !== undefined) c.appId = r.appId;
      if (r.clientAppId !== undefined) c.clientAppId = r.clientAppId;
      s.contexts.set(ckey, c);
    }
    c.records++;
    c.firstMs = Math.min(c.firstMs, r.timeMs);
    c.lastMs = Math.max(c.lastMs, r.timeMs);
    let b = c.boxes.get(r.mailboxKey);
    if (!b) {
      b = {
        key: r.mailboxKey,
        mailbox: r.mailbox,
        firstMs: r.timeMs,
        records: 0,
        bind: 0,
        sync: 0,
        messages: messageAccumulator(),
        synced: new Map(),
      };
      c.boxes.set(r.mailboxKey, b);
    }
    b.records++;
    if (r.timeMs < b.firstMs) {
      b.firstMs = r.timeMs;
      b.mailbox = r.mailbox;
    }
    if (r.accessType === 'Sync') {
      b.sync++;
      for (const f of r.folders.length > 0 ? r.folders : [{ key: '', path: '' }]) {
        if (!b.synced.has(f.key)) b.synced.set(f.key, f.path);
      }
    } else if (r.accessType === 'Bind') {
      b.bind++;
      messages.forEach(r, (f, key, id, subject, size) =>
        addMessage(b.messages, r, i, f, key, id, subject, size),
      );
    }
  });
  const sessionList = [...sessions.values()].sort((a, b) => {
    if ((a.sessionId === undefined) !== (b.sessionId === undefined))
      return a.sessionId === undefined ? 1 : -1;
    return a.firstMs - b.firstMs || compareText(a.sessionId ?? '', b.sessionId ?? '');
  });
  return sessionList.map((s) => {
    const entry: SessionEntry = {
      records: s.records,
      bind: s.bind,
      sync: s.sync,
      firstMs: s.firstMs,
      lastMs: s.lastMs,
      contexts: [...s.contexts.values()]
        .sort((a, b) => a.firstMs - b.firstMs || compareText(a.key, b.key))
        .map((c) => {
          const ce: ContextEntry = {
            key: c.key,
            records: c.records,
            firstMs: c.firstMs,
            lastMs: c.lastMs,
            mailboxes: [...c.boxes.values()]
              .sort((a, b) => compareText(a.key, b.key))
              .map((b) => ({
                key: b.key,
                mailbox: b.mailbox,
                records: b.records,
                bind: b.bind,
                sync: b.sync,
                messages: finishMessages(b.messages, records),
                syncedFolders: [...b.synced.entries()]
                  .sort((x, y) => compareText(x[0], y[0]))
                  .map(([, p]) => p),
              })),
          };
          if (c.ip !== undefined) ce.ip = c.ip;
          if (c.clientInfo !== undefined) ce.clientInfo = c.clientInfo;
          if (c.appId !== undefined) ce.appId = c.appId;
          if (c.clientAppId !== undefined) ce.clientAppId = c.clientAppId;
          return ce;
        }),
    };
    if (s.sessionId !== undefined) entry.sessionId = s.sessionId;
    return entry;
  });
}
