import type { MiaRecord } from '../model';
import { compareText, sortedValues } from './order';

/**
 * An access context: who read, from where, with what. Separating the attacker's context from the
 * owner's is the heart of scoping (spec §4), so each summary keeps its contexts apart.
 */
export interface AccessContext {
  sessionId?: string;
  ip?: string;
  clientInfo?: string;
  appId?: string;
  clientAppId?: string;
  actor?: string;
}

/** How one context used a message, folder or mailbox. */
export interface ContextUse extends AccessContext {
  /** Identity of the context (see `contextKey`). */
  key: string;
  firstMs: number;
  lastMs: number;
  /** Distinct records of this context. */
  count: number;
  bind: number;
  sync: number;
}

const SEP = '\u0000';

/** A string identifying a context: equal for records of the same session, IP, client, apps and actor. */
export function contextKey(c: AccessContext): string {
  return (
    (c.sessionId ?? '') +
    SEP +
    (c.ip ?? '') +
    SEP +
    (c.clientInfo ?? '') +
    SEP +
    (c.appId ?? '') +
    SEP +
    (c.clientAppId ?? '') +
    SEP +
    (c.actor ?? '')
  );
}

/** Sorted distinct values of one field over contexts. */
export function distinct(uses: readonly ContextUse[], field: keyof AccessContext): string[] {
  const values = new Set<string>();
  for (const u of uses) {
    const v = u[field];
    if (v !== undefined) values.add(v);
  }
  return sortedValues(values);
}

/** The value of one field as a sorted distinct list, for a single context (no Set needed). */
function one(v: string | undefined): string[] {
  return v === undefined ? [] : [v];
}

/** The sorted distinct values of each context field over some uses (`ContextTally.summary`). */
export interface ContextValueLists {
  sessions: string[];
  ips: string[];
  clients: string[];
  appIds: string[];
  clientAppIds: string[];
  actors: string[];
}

/**
 * Collects the contexts of records; the distinct values of each field are derived from them at the
 * end. A mailbox has 100,000s of messages, each with a tally, and nearly all of them are read in a
 * single context: the first context is held in a field and a map is made only for a second one.
 */
export class ContextTally {
  private single: ContextUse | undefined;
  private uses: Map<string, ContextUse> | undefined;

  /** Counts one record (callers pass each record once; `key` when the caller has it already). */
  add(r: MiaRecord, key: string = contextKey(r)): void {
    const use = this.single?.key === key ? this.single : this.uses?.get(key);
    if (use) {
      use.count++;
      if (r.accessType === 'Bind') use.bind++;
      else if (r.accessType === 'Sync') use.sync++;
      if (r.timeMs < use.firstMs) use.firstMs = r.timeMs;
      if (r.timeMs > use.lastMs) use.lastMs = r.timeMs;
      return;
    }
    const fresh: ContextUse = {
      key,
      firstMs: r.timeMs,
      lastMs: r.timeMs,
      count: 1,
      bind: r.accessType === 'Bind' ? 1 : 0,
      sync: r.accessType === 'Sync' ? 1 : 0,
    };
    if (r.sessionId !== undefined) fresh.sessionId = r.sessionId;
    if (r.ip !== undefined) fresh.ip = r.ip;
    if (r.clientInfo !== undefined) fresh.clientInfo = r.clientInfo;
    if (r.appId !== undefined) fresh.appId = r.appId;
    if (r.clientAppId !== undefined) fresh.clientAppId = r.clientAppId;
    if (r.actor !== undefined) fresh.actor = r.actor;
    if (this.single === undefined && this.uses === undefined) {
      this.single = fresh;
      return;
    }
    if (this.uses === undefined) {
      this.uses = new Map([[this.single!.key, this.single!]]);
      this.single = undefined;
    }
    this.uses.set(key, fresh);
  }

  private all(): ContextUse[] {
    return this.uses ? [...this.uses.values()] : this.single ? [this.single] : [];
  }

  /** The contexts, in a deterministic order (first use, then the context's fields). */
  contexts(): ContextUse[] {
    return this.all().sort((a, b) => a.firstMs - b.firstMs || compareText(a.key, b.key));
  }

  /** Sorted distinct values of every field. */
  summary(): ContextValueLists {
    const u = this.uses === undefined ? this.single : undefined;
    if (u !== undefined) {
      return {
        sessions: one(u.sessionId),
        ips: one(u.ip),
        clients: one(u.clientInfo),
        appIds: one(u.appId),
        clientAppIds: one(u.clientAppId),
        actors: one(u.actor),
      };
    }
    const uses = this.all();
    return {
      sessions: distinct(uses, 'sessionId'),
      ips: distinct(uses, 'ip'),
      clients: distinct(uses, 'clientInfo'),
      appIds: distinct(uses, 'appId'),
      clientAppIds: distinct(uses, 'clientAppId'),
      actors: distinct(uses, 'actor'),
    };
  }
}
