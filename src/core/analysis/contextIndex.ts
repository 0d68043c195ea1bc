import { codedPosition, PlacedFolders } from '../investigation/codedRecord';
import type { FolderStore } from '../investigation/folderStore';
import type { MiaRecord } from '../model';
import { contextKey, type ContextUse } from './contexts';
import { compareText } from './order';

/**
 * The access contexts of a list of records (one mailbox's, in time order) as small integer ids, so
 * the per-message, per-folder and per-session tallies compare numbers instead of building and
 * comparing a context key string for every message a record lists.
 */
export interface ContextIndex {
  /** Context id of each record, by its position in the list the index was built from. */
  readonly ofRecord: Int32Array;
  /**
   * The contexts with their tallies over the whole list, in report order (first use, then
   * `contextKey`), as `ContextTally.contexts()` orders them; a context's id is its index here.
   */
  readonly contexts: readonly ContextUse[];
  /** Rank of each context (by id) in `contextKey` order: breaks ties of first use elsewhere. */
  readonly keyRank: Int32Array;
  /**
   * `timeMs` of each record, by position (when the index was built from the records): read once
   * here, the later passes over the same records read it from this array. A loaded record's time is
   * a separately allocated number, so reading it from the record costs a second cache miss per
   * record and pass.
   */
  readonly timeMs?: Float64Array;
  /**
   * True when a context holds records of two session ids the key cannot tell apart (undefined and
   * ''): then a context's `sessionId` does not say every one of its records' sessions.
   */
  readonly mixesSessions?: boolean;
  /**
   * Per record (by position), where its folders are written in `folderStore`
   * (`CompactRecord.folderPosition`) for a Bind record placed there, else `BIND_NOT_CODED`, `SYNC`
   * or `NOT_BIND`: read here while the record is at hand, the message table walks the codes and
   * the synced folders find the Sync records without reading every record again.
   */
  readonly folderAt: Int32Array;
  /** The store the first placed Bind record writes its folders to, if any. */
  readonly folderStore?: FolderStore;
}

/** `ContextIndex.folderAt` of a record neither Bind nor Sync. */
export const NOT_BIND = -1;
/** `ContextIndex.folderAt` of a Sync record. */
export const SYNC = -3;
/** `ContextIndex.folderAt` of a Bind record whose folders are not written in the index's store. */
export const BIND_NOT_CODED = -2;

/**
 * Whether a Bind record not coded (`BIND_NOT_CODED`) lists no message: a list kept as it is (shared,
 * empty). Readers of the coded records read anything else as objects.
 */
export function uncodedListsNothing(r: MiaRecord): boolean {
  return codedPosition(r) < 0 && r.folders.every((f) => f.items.length === 0);
}

/** Same session, IP, client, apps and actor (interned strings make these mostly pointer checks). */
function sameContext(u: ContextUse, r: MiaRecord): boolean {
  return (
    u.ip === r.ip &&
    u.clientInfo === r.clientInfo &&
    u.appId === r.appId &&
    u.clientAppId === r.clientAppId &&
    u.actor === r.actor
  );
}

function freshUse(r: MiaRecord): ContextUse {
  const use: ContextUse = {
    key: '',
    firstMs: r.timeMs,
    lastMs: r.timeMs,
    count: 0,
    bind: 0,
    sync: 0,
  };
  if (r.sessionId !== undefined) use.sessionId = r.sessionId;
  if (r.ip !== undefined) use.ip = r.ip;
  if (r.clientInfo !== undefined) use.clientInfo = r.clientInfo;
  if (r.appId !== undefined) use.appId = r.appId;
  if (r.clientAppId !== undefined) use.clientAppId = r.clientAppId;
  if (r.actor !== undefined) use.actor = r.actor;
  use.key = contextKey(use);
  return use;
}

function mergeInto(into: ContextUse, from: ContextUse): void {
  into.count += from.count;
  into.bind += from.bind;
  into.sync += from.sync;
  if (from.firstMs < into.firstMs) into.firstMs = from.firstMs;
  if (from.lastMs > into.lastMs) into.lastMs = from.lastMs;
}

/**
 * The records' contexts as first seen: each new one appended to `found` with its tallies, each
 * record's in `firstSeen`, its time in `times`, where its folders are in `folderAt` (see
 * `ContextIndex.folderAt`); returns the store of the first placed Bind record. The loops here and in `renumbered` are functions of
 * their own so that their optimised code (compiled while the first big mailbox runs) holds no code
 * after the loop that no call had reached yet: it stopped there for every mailbox again.
 */
function scanContexts(
  records: readonly MiaRecord[],
  found: ContextUse[],
  firstSeen: Int32Array,
  times: Float64Array,
  folderAt: Int32Array,
): FolderStore | undefined {
  const folders = new PlacedFolders();
  const bySession = new Map<string | undefined, number[]>();
  let previous = -1;
  for (let p = 0; p < records.length; p++) {
    const r = records[p];
    let id = -1;
    // Consecutive records of one context are common: check the previous one first.
    if (previous >= 0 && found[previous].sessionId === r.sessionId && sameContext(found[previous], r)) {
      id = previous;
    } else {
      const candidates = bySession.get(r.sessionId);
      if (candidates) {
        for (const c of candidates) {
          if (sameContext(found[c], r)) {
            id = c;
            break;
          }
        }
      }
      if (id < 0) {
        id = found.length;
        found.push(freshUse(r));
        if (candidates) candidates.push(id);
        else bySession.set(r.sessionId, [id]);
      }
    }
    previous = id;
    firstSeen[p] = id;
    const use = found[id];
    use.count++;
    const access = r.accessType;
    let at = NOT_BIND;
    if (access === 'Bind') {
      use.bind++;
      const placed = folders.at(r);
      at = placed >= 0 ? placed : BIND_NOT_CODED;
    } else if (access === 'Sync') {
      use.sync++;
      at = SYNC;
    }
    folderAt[p] = at;
    const t = r.timeMs;
    times[p] = t;
    if (t < use.firstMs) use.firstMs = t;
    if (t > use.lastMs) use.lastMs = t;
  }
  return folders.store;
}

/** `ids`, each entry renumbered to `idOfFound[canonical[id]]` (in place). */
function renumbered(ids: Int32Array, canonical: Int32Array, idOfFound: Int32Array): Int32Array {
  for (let p = 0; p < ids.length; p++) ids[p] = idOfFound[canonical[ids[p]]];
  return ids;
}

/**
 * Indexes the contexts of `records` (any order; the tallies take the earliest and latest time).
 * Candidates are found by session id first (a session nearly always has one context), then the
 * other fields are compared, so no key string is built per record.
 */
export function indexContexts(records: readonly MiaRecord[]): ContextIndex {
  const found: ContextUse[] = [];
  const firstSeen = new Int32Array(records.length);
  const times = new Float64Array(records.length);
  const folderAt = new Int32Array(records.length);
  const folderStore = scanContexts(records, found, firstSeen, times, folderAt);
  // Contexts are identified by their key (as ContextTally does): fields that differ only where the
  // key cannot tell (undefined and '') are one context, kept as first seen.
  const byKey = found.map((_, i) => i).sort((a, b) => compareText(found[a].key, found[b].key) || a - b);
  const canonical = new Int32Array(found.length);
  const rankOfFound = new Int32Array(found.length);
  const kept: number[] = [];
  let mixesSessions = false;
  for (const f of byKey) {
    const last = kept.length > 0 ? kept[kept.length - 1] : -1;
    if (last >= 0 && found[last].key === found[f].key) {
      if (found[last].sessionId !== found[f].sessionId) mixesSessions = true;
      mergeInto(found[last], found[f]);
      canonical[f] = last;
    } else {
      canonical[f] = f;
      rankOfFound[f] = kept.length;
      kept.push(f);
    }
  }
  // Report order: first use, then key (the key rank orders keys exactly as compareText does).
  const order = kept.sort((a, b) => found[a].firstMs - found[b].firstMs || rankOfFound[a] - rankOfFound[b]);
  const idOfFound = new Int32Array(found.length);
  order.forEach((f, id) => (idOfFound[f] = id));
  const ofRecord = renumbered(firstSeen, canonical, idOfFound);
  const keyRank = new Int32Array(order.length);
  order.forEach((f, id) => (keyRank[id] = rankOfFound[f]));
  return {
    ofRecord,
    contexts: order.map((f) => found[f]),
    keyRank,
    timeMs: times,
    mixesSessions,
    folderAt,
    folderStore,
  };
}
