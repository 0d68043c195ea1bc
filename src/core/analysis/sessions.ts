import type { MiaRecord } from '../model';
import type { ContextIndex } from './contextIndex';
import { ContextTally } from './contexts';
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
    .sort((a, b) => {
      if ((a.sessionId === undefined) !== (b.sessionId === undefined))
        return a.sessionId === undefined ? 1 : -1;
      return a.firstMs - b.firstMs || compareText(a.sessionId ?? '', b.sessionId ?? '');
    });
}
