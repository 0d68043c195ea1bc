import type { MiaRecord } from '../model';
import type { ContextIndex } from './contextIndex';
import { ContextTally, distinct } from './contexts';
import { compareText } from './order';

/** One session's activity in a mailbox (`SessionId`, else `AppAccessContext.AADSessionId`). */
export interface SessionSummary {
  /** Undefined for the records that carry no session at all (grouped together). */
  sessionId?: string;
  ips: string[];
  clients: string[];
  appIds: string[];
  clientAppIds: string[];
  actors: string[];
  firstMs: number;
  lastMs: number;
  records: number;
  bind: number;
  sync: number;
  firstRecord: MiaRecord;
}

interface Acc {
  sessionId?: string;
  firstMs: number;
  lastMs: number;
  records: number;
  bind: number;
  sync: number;
  tally: ContextTally;
  firstRecord: MiaRecord;
}

/**
 * Sessions of a mailbox's records (time-ordered input). Records without a session form one entry
 * with no `sessionId`, listed last: REST/Graph access often has none and must stay visible.
 * `contexts`, an index of the same records, saves building a context key per record.
 */
export function sessionSummaries(records: readonly MiaRecord[], contexts?: ContextIndex): SessionSummary[] {
  if (contexts !== undefined && contexts.mixesSessions === false) return fromContexts(records, contexts);
  const byId = new Map<string | undefined, Acc>();
  const times = contexts?.timeMs;
  for (let p = 0; p < records.length; p++) {
    const r = records[p];
    // The context's key from the index: the same string each time, so the tally compares pointers.
    const key = contexts?.contexts[contexts.ofRecord[p]].key;
    const t = times !== undefined ? times[p] : r.timeMs;
    let acc = byId.get(r.sessionId);
    if (!acc) {
      acc = {
        firstMs: t,
        lastMs: t,
        records: 0,
        bind: 0,
        sync: 0,
        tally: new ContextTally(),
        firstRecord: r,
      };
      if (r.sessionId !== undefined) acc.sessionId = r.sessionId;
      byId.set(r.sessionId, acc);
    }
    acc.records++;
    if (r.accessType === 'Bind') acc.bind++;
    else if (r.accessType === 'Sync') acc.sync++;
    if (t < acc.firstMs) acc.firstMs = t;
    if (t > acc.lastMs) acc.lastMs = t;
    acc.tally.add(r, key);
  }
  return [...byId.values()]
    .map((acc) => {
      const { ips, clients, appIds, clientAppIds, actors } = acc.tally.summary();
      const s: SessionSummary = {
        ips,
        clients,
        appIds,
        clientAppIds,
        actors,
        firstMs: acc.firstMs,
        lastMs: acc.lastMs,
        records: acc.records,
        bind: acc.bind,
        sync: acc.sync,
        firstRecord: acc.firstRecord,
      };
      if (acc.sessionId !== undefined) s.sessionId = acc.sessionId;
      return s;
    })
    .sort(sessionOrder);
}

/** Sessions by first use, then id; the records without a session last. */
function sessionOrder(a: SessionSummary, b: SessionSummary): number {
  if ((a.sessionId === undefined) !== (b.sessionId === undefined)) return a.sessionId === undefined ? 1 : -1;
  return a.firstMs - b.firstMs || compareText(a.sessionId ?? '', b.sessionId ?? '');
}

/**
 * `sessionSummaries` from the index's per-context tallies: a context has one session id (the index
 * says when it does not), so a session is the sum of its contexts and no record is read but the
 * first of each session.
 */
function fromContexts(records: readonly MiaRecord[], index: ContextIndex): SessionSummary[] {
  const { contexts, ofRecord } = index;
  // Position of each context's first record.
  const first = new Int32Array(contexts.length).fill(-1);
  let unseen = contexts.length;
  for (let p = 0; p < ofRecord.length && unseen > 0; p++) {
    const c = ofRecord[p];
    if (first[c] < 0) {
      first[c] = p;
      unseen--;
    }
  }
  const bySession = new Map<string | undefined, number[]>();
  for (let c = 0; c < contexts.length; c++) {
    const id = contexts[c].sessionId;
    const group = bySession.get(id);
    if (group) group.push(c);
    else bySession.set(id, [c]);
  }
  const out: SessionSummary[] = [];
  for (const [sessionId, ids] of bySession) {
    const uses = ids.map((c) => contexts[c]);
    let firstMs = uses[0].firstMs;
    let lastMs = uses[0].lastMs;
    let count = 0;
    let bind = 0;
    let sync = 0;
    let firstAt = first[ids[0]];
    for (let i = 0; i < ids.length; i++) {
      const u = uses[i];
      count += u.count;
      bind += u.bind;
      sync += u.sync;
      if (u.firstMs < firstMs) firstMs = u.firstMs;
      if (u.lastMs > lastMs) lastMs = u.lastMs;
      if (first[ids[i]] < firstAt) firstAt = first[ids[i]];
    }
    const s: SessionSummary = {
      ips: distinct(uses, 'ip'),
      clients: distinct(uses, 'clientInfo'),
      appIds: distinct(uses, 'appId'),
      clientAppIds: distinct(uses, 'clientAppId'),
      actors: distinct(uses, 'actor'),
      firstMs,
      lastMs,
      records: count,
      bind,
      sync,
      firstRecord: records[firstAt],
    };
    if (sessionId !== undefined) s.sessionId = sessionId;
    out.push(s);
  }
  return out.sort(sessionOrder);
}
