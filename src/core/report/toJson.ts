import type { ContextUse } from '../analysis/contexts';
import type { BoundMessage } from '../analysis/messages';
import type { SessionSummary } from '../analysis/sessions';
import type { SyncedFolder } from '../analysis/syncedFolders';
import type { ThrottleWindow } from '../analysis/throttle';
import type { MiaRecord } from '../model';
import { formatUtc } from '../normalise/time';
import { compareText } from '../analysis/order';
import type {
  ContextJson,
  ContextUseJson,
  MessageJson,
  RecordRefJson,
  SessionJson,
  SyncedFolderJson,
  ThrottleWindowJson,
} from './reportTypes';

/** Source paths by index, so a record's provenance can name its file. */
export type SourcePaths = readonly string[];

/** Context ids of a mailbox, by context key. */
export type ContextIds = ReadonlyMap<string, number>;

// Report times repeat (one record time for each of its messages): format each once.
const formatted = new Map<number, string>();

/** `formatUtc`, memoised (bounded) for the many repeated times of a report. */
export function utc(ms: number): string {
  let text = formatted.get(ms);
  if (text === undefined) {
    if (formatted.size > 100_000) formatted.clear();
    text = formatUtc(ms);
    formatted.set(ms, text);
  }
  return text;
}

/** Optional epoch-ms time as ISO text, or null. */
export function utcOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : utc(ms);
}

export function recordRef(r: MiaRecord, paths: SourcePaths): RecordRefJson {
  return {
    source: paths[r.provenance.sourceIndex] ?? '',
    line: r.provenance.line,
    recordId: r.id,
    offset: r.provenance.offset,
    sourceIndex: r.provenance.sourceIndex,
  };
}

/** A mailbox's context, with its id (its index in the mailbox's list). */
export function contextJson(c: ContextUse, id: number): ContextJson {
  return {
    id,
    sessionId: c.sessionId ?? null,
    ip: c.ip ?? null,
    client: c.clientInfo ?? null,
    appId: c.appId ?? null,
    clientAppId: c.clientAppId ?? null,
    actor: c.actor ?? null,
    firstUtc: utc(c.firstMs),
    lastUtc: utc(c.lastMs),
    records: c.count,
    bind: c.bind,
    sync: c.sync,
    // Filled in by enrichReport when labels are given.
    appLabel: null,
    ipLabel: null,
  };
}

function contextUses(uses: readonly ContextUse[], ids: ContextIds): ContextUseJson[] {
  return uses.map((u) => ({
    context: ids.get(u.key) ?? -1,
    firstUtc: utc(u.firstMs),
    lastUtc: utc(u.lastMs),
    count: u.count,
  }));
}

function apps(appIds: readonly string[], clientAppIds: readonly string[]): string[] {
  // Both lists are sorted and distinct already; most messages have one app or none.
  if (clientAppIds.length === 0) return [...appIds];
  if (appIds.length === 0) return [...clientAppIds];
  return [...new Set([...appIds, ...clientAppIds])].sort(compareText);
}

export function messageJson(m: BoundMessage, paths: SourcePaths, ids: ContextIds): MessageJson {
  return {
    internetMessageId: m.internetMessageId,
    key: m.key,
    folders: m.folders,
    firstAccessUtc: utc(m.firstAccessMs),
    lastAccessUtc: utc(m.lastAccessMs),
    accessCount: m.accessCount,
    sizeInBytes: m.sizeInBytes ?? null,
    subject: m.subject ?? null,
    sessions: m.sessions,
    ips: m.ips,
    clients: m.clients,
    appIds: apps(m.appIds, m.clientAppIds),
    contexts: contextUses(m.contexts, ids),
    firstRecord: recordRef(m.firstRecord, paths),
    // Filled in by enrichReport when message metadata is given.
    subjectFrom: m.subject === undefined ? null : 'audit',
    sender: null,
    recipients: [],
    sentUtc: null,
    receivedUtc: null,
    hasAttachments: null,
    metadataOrigins: [],
  };
}

export function syncedFolderJson(f: SyncedFolder, paths: SourcePaths, ids: ContextIds): SyncedFolderJson {
  return {
    path: f.path,
    key: f.key,
    firstSyncUtc: utc(f.firstSyncMs),
    lastSyncUtc: utc(f.lastSyncMs),
    count: f.count,
    sessions: f.sessions,
    ips: f.ips,
    clients: f.clients,
    appIds: apps(f.appIds, f.clientAppIds),
    contexts: contextUses(f.contexts, ids),
    firstRecord: recordRef(f.firstRecord, paths),
  };
}

export function throttleWindowJson(
  w: ThrottleWindow,
  paths: SourcePaths,
  coverageEndMs?: number,
): ThrottleWindowJson {
  const openerBasis = w.openers.flag === w.opener ? 'flag' : 'volume';
  return {
    startUtc: utc(w.startMs),
    endUtc: utc(w.endMs),
    basis: w.basis,
    openedBy: { ...recordRef(w.opener, paths), basis: openerBasis, timeUtc: utc(w.opener.timeMs) },
    openers: {
      flag: w.openers.flag ? recordRef(w.openers.flag, paths) : null,
      volume: w.openers.volume ? recordRef(w.openers.volume, paths) : null,
    },
    openings: { ...w.openings },
    extendsBeyondExports: coverageEndMs === undefined || w.endMs > coverageEndMs,
  };
}

export function sessionJson(s: SessionSummary, paths: SourcePaths): SessionJson {
  return {
    sessionId: s.sessionId ?? null,
    ips: s.ips,
    clients: s.clients,
    appIds: s.appIds,
    clientAppIds: s.clientAppIds,
    actors: s.actors,
    firstUtc: utc(s.firstMs),
    lastUtc: utc(s.lastMs),
    records: s.records,
    bind: s.bind,
    sync: s.sync,
    firstRecord: recordRef(s.firstRecord, paths),
  };
}
