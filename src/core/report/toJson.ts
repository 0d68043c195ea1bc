import type { ContextUse } from '../analysis/contexts';
import type { ContextIndex } from '../analysis/contextIndex';
import type { BoundMessageTable } from '../analysis/messageTable';
import type { SessionSummary } from '../analysis/sessions';
import type { SyncedFolder } from '../analysis/syncedFolders';
import type { ThrottleWindow } from '../analysis/throttle';
import type { MiaRecord } from '../model';
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
import { contextValues, messageUses, type SingleContextValues } from './contextValues';
import { utcText, type RecordTimes } from './utcText';

/** Source paths by index, so a record's provenance can name its file. */
export type SourcePaths = readonly string[];

/** Context ids of a mailbox, by context key. */
export type ContextIds = ReadonlyMap<string, number>;

/** A time as the report writes it (`formatUtc`, fast: see `utcText`). */
export function utc(ms: number): string {
  return utcText(ms);
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

/** What the messages of one mailbox are written from. */
export interface MessageSource {
  /** The mailbox's records in scope (time order); the table refers to them by position. */
  records: readonly MiaRecord[];
  table: BoundMessageTable;
  contexts: ContextIndex;
  times: RecordTimes;
  paths: SourcePaths;
  /** Lists of the messages used in one context, shared by context id (see `contextValues`). */
  shared?: SingleContextValues;
}

/**
 * `from` with its message table, as a literal with every field written out: V8 gave each spread
 * copy (`{ ...from, table }`) a map of its own, so the writers' per-message reads of a source met a
 * new map with every mailbox (their code deoptimised, then read it through generic loads).
 */
export function withTable(from: Omit<MessageSource, 'table'>, table: BoundMessageTable): MessageSource {
  const { records, contexts, times, paths, shared } = from;
  return { records, contexts, times, paths, shared, table };
}

/** Message `i` of a mailbox's message table. */
export function messageJson(from: MessageSource, i: number): MessageJson {
  const { table: t, times } = from;
  const values = contextValues(t.uses, i, from.contexts.contexts, from.shared);
  return {
    internetMessageId: t.internetMessageId(i),
    key: t.key(i),
    folders: t.folders(i),
    firstAccessUtc: times.at(t.firstRecord[i]),
    lastAccessUtc: times.at(t.lastRecord[i]),
    accessCount: t.accessCount[i],
    sizeInBytes: t.sizeInBytes(i) ?? null,
    subject: t.subject(i) ?? null,
    sessions: values.sessions,
    ips: values.ips,
    clients: values.clients,
    appIds: values.appIds,
    contexts: messageUses(t.uses, i, from.contexts.keyRank, times),
    firstRecord: recordRef(from.records[t.firstRecord[i]], from.paths),
    // Filled in by enrichReport when message metadata is given.
    subjectFrom: t.subject(i) === undefined ? null : 'audit',
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
