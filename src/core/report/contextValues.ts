import type { ContextUse } from '../analysis/contexts';
import { compareText } from '../analysis/order';
import type { UseTable } from '../analysis/useTable';
import type { ContextUseJson } from './reportTypes';
import type { RecordTimes } from './utcText';

/**
 * Inserts `v` into the sorted distinct list `into` (lists here have two or three entries: an
 * insertion beats a sort with its comparator calls).
 */
function insertDistinct(into: string[], v: string | undefined): void {
  if (v === undefined) return;
  let i = into.length;
  while (i > 0 && into[i - 1] > v) i--;
  if (i > 0 && into[i - 1] === v) return;
  into.splice(i, 0, v);
}

/** What a message (or folder) lists of the contexts that used it: sessions, IPs, clients, apps. */
export interface ContextValues {
  sessions: string[];
  ips: string[];
  clients: string[];
  /** `AppId` and `ClientAppId` values together. */
  appIds: string[];
}

/** The values of one context: no sorting needed but for the two app ids. */
function oneContext(c: ContextUse): ContextValues {
  const appIds: string[] = [];
  if (c.appId !== undefined) appIds.push(c.appId);
  if (c.clientAppId !== undefined && c.clientAppId !== c.appId) {
    if (appIds.length > 0 && compareText(c.clientAppId, appIds[0]) < 0) appIds.unshift(c.clientAppId);
    else appIds.push(c.clientAppId);
  }
  return {
    sessions: c.sessionId === undefined ? [] : [c.sessionId],
    ips: c.ip === undefined ? [] : [c.ip],
    clients: c.clientInfo === undefined ? [] : [c.clientInfo],
    appIds,
  };
}

/**
 * The values of each context, by context id, for the owners used in one context only (most
 * messages): the arrays are made once per context and shared by every such owner, so they are
 * frozen (a report's lists are read-only; a write would throw rather than change other owners).
 */
export type SingleContextValues = (ContextValues | undefined)[];

/**
 * Sorted distinct sessions, IPs, clients and app ids (`AppId` and `ClientAppId` merged) of the
 * contexts that used `owner`, as `ContextTally.summary` and the report's app merge give them.
 * With `shared`, an owner used in one context gets that context's shared (frozen) lists.
 */
export function contextValues(
  uses: UseTable,
  owner: number,
  contexts: readonly ContextUse[],
  shared?: SingleContextValues,
): ContextValues {
  const u = uses.firstUse(owner);
  if (u >= 0 && uses.nextUse(u) < 0) {
    const id = uses.contextOf(u);
    if (!shared) return oneContext(contexts[id]);
    let values = shared[id];
    if (values === undefined) {
      values = oneContext(contexts[id]);
      Object.freeze(values.sessions);
      Object.freeze(values.ips);
      Object.freeze(values.clients);
      Object.freeze(values.appIds);
      shared[id] = values;
    }
    return values;
  }
  const out: ContextValues = { sessions: [], ips: [], clients: [], appIds: [] };
  for (let v = u; v >= 0; v = uses.nextUse(v)) {
    const c = contexts[uses.contextOf(v)];
    insertDistinct(out.sessions, c.sessionId);
    insertDistinct(out.ips, c.ip);
    insertDistinct(out.clients, c.clientInfo);
    insertDistinct(out.appIds, c.appId);
    insertDistinct(out.appIds, c.clientAppId);
  }
  return out;
}

/**
 * How each context used `owner`, by first use then context key (`keyRank`), with context ids as
 * the mailbox's `contexts` list numbers them.
 */
export function messageUses(
  uses: UseTable,
  owner: number,
  keyRank: Int32Array,
  times: RecordTimes,
): ContextUseJson[] {
  return usesInOrder(uses, uses.firstUse(owner), keyRank, times.ms).map((v) => useJson(uses, v, times));
}

/**
 * The uses of one message from its first use `u` on, by first use, then context key (`keyRank`);
 * `timeMs` holds each record's time by position. Uses are in order of first use already; only uses
 * first seen at one instant need the key order: an insertion sort, nearly always with nothing to
 * move. The result is written into `list` (emptied first) when given.
 */
export function usesInOrder(
  uses: UseTable,
  u: number,
  keyRank: Int32Array,
  timeMs: ArrayLike<number>,
  list: number[] = [],
): number[] {
  list.length = 0;
  for (let v = u; v >= 0; v = uses.nextUse(v)) {
    const t = timeMs[uses.firstRecordOf(v)];
    const rank = keyRank[uses.contextOf(v)];
    let i = list.length;
    list.push(v);
    while (i > 0) {
      const w = list[i - 1];
      const tw = timeMs[uses.firstRecordOf(w)];
      if (tw < t || (tw === t && keyRank[uses.contextOf(w)] < rank)) break;
      // Moved up by hand: `splice` costs more than these few moves.
      list[i] = w;
      i--;
    }
    list[i] = v;
  }
  return list;
}

function useJson(uses: UseTable, u: number, times: RecordTimes): ContextUseJson {
  return {
    context: uses.contextOf(u),
    firstUtc: times.at(uses.firstRecordOf(u)),
    lastUtc: times.at(uses.lastRecordOf(u)),
    count: uses.countOf(u),
  };
}
