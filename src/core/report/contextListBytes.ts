import type { ContextIndex } from '../analysis/contextIndex';
import type { ContextUse } from '../analysis/contexts';
import { compareText } from '../analysis/order';
import type { UseTable } from '../analysis/useTable';
import { ByteText } from './byteText';
import { valueLists, type BytePieces } from './messagePieces';

/** A context's values quoted once, as bytes (they are written for every message the context used). */
interface QuotedContext {
  sessionId?: Uint8Array;
  ip?: Uint8Array;
  client?: Uint8Array;
  appId?: Uint8Array;
  clientAppId?: Uint8Array;
}

/** The lists written with one set of constant pieces (one depth; in a report, one). */
interface ListMemo {
  readonly x: BytePieces;
  /** The four lists of a message used in one context only, by context id. */
  readonly single: Uint8Array[];
  /** The lists of messages used in two to four contexts, by `combination`. */
  readonly combined: Map<number, Uint8Array>;
}

/** `JSON.stringify(v)` as UTF-8 bytes. */
export function quote(v: string): Uint8Array {
  return Buffer.from(JSON.stringify(v), 'utf8');
}

/** Inserts quoted `q` of raw `v` into the list sorted by raw value (`raw`, distinct; a few entries). */
function insert(raw: string[], quoted: Uint8Array[], v: string | undefined, q: Uint8Array | undefined): void {
  if (v === undefined) return;
  let i = raw.length;
  while (i > 0 && raw[i - 1] > v) i--;
  if (i > 0 && raw[i - 1] === v) return;
  // Moved up by hand: `splice` costs more than these few moves.
  raw.push(v);
  quoted.push(q!);
  for (let j = raw.length - 1; j > i; j--) {
    raw[j] = raw[j - 1];
    quoted[j] = quoted[j - 1];
  }
  raw[i] = v;
  quoted[i] = q!;
}

/**
 * A message's `"sessions": …, "ips": …, "clients": …, "appIds": …` as bytes, from the contexts that
 * used it: each context's values quoted once, and the lists of a context (or of a combination of
 * up to four) made once and copied for every message read the same way.
 */
export class ContextListBytes {
  private readonly quoted: QuotedContext[];
  /** Radix of `combination` (more contexts than a safe integer holds: no memo). */
  private readonly radix: number;
  private memo: ListMemo | undefined;

  constructor(
    private readonly contexts: ContextIndex,
    private readonly uses: UseTable,
  ) {
    this.quoted = new Array<QuotedContext>(contexts.contexts.length);
    const n = contexts.contexts.length + 1;
    this.radix = n ** 4 < Number.MAX_SAFE_INTEGER ? n : 0;
  }

  /** Writes to `to` the lists of message `i` (with the field separators between them). */
  write(i: number, x: BytePieces, to: ByteText): void {
    const memo = this.memoFor(x);
    const uses = this.uses;
    const u = uses.firstUse(i);
    if (u >= 0 && uses.nextUse(u) < 0) {
      const id = uses.contextOf(u);
      to.raw((memo.single[id] ??= this.singleLists(id, x)));
      return;
    }
    // The ids in use order, as one number (lists of up to four uses).
    let combination = -1;
    const radix = this.radix;
    if (radix > 0) {
      combination = 0;
      let n = 0;
      for (let v = u; v >= 0 && combination >= 0; v = uses.nextUse(v)) {
        if (++n > 4) combination = -1;
        else combination = combination * radix + uses.contextOf(v) + 1;
      }
      const known = combination >= 0 ? memo.combined.get(combination) : undefined;
      if (known !== undefined) {
        to.raw(known);
        return;
      }
    }
    const start = to.length;
    this.lists(u, x, to);
    if (combination >= 0) memo.combined.set(combination, new Uint8Array(to.bytes.subarray(start, to.length)));
  }

  private memoFor(x: BytePieces): ListMemo {
    if (this.memo?.x !== x) this.memo = { x, single: [], combined: new Map() };
    return this.memo;
  }

  private context(id: number): QuotedContext {
    let q = this.quoted[id];
    if (q === undefined) {
      const c: ContextUse = this.contexts.contexts[id];
      q = {};
      if (c.sessionId !== undefined) q.sessionId = quote(c.sessionId);
      if (c.ip !== undefined) q.ip = quote(c.ip);
      if (c.clientInfo !== undefined) q.client = quote(c.clientInfo);
      if (c.appId !== undefined) q.appId = quote(c.appId);
      if (c.clientAppId !== undefined) q.clientAppId = quote(c.clientAppId);
      this.quoted[id] = q;
    }
    return q;
  }

  /** The lists of a message used in context `id` only. */
  private singleLists(id: number, x: BytePieces): Uint8Array {
    const q = this.context(id);
    const c = this.contexts.contexts[id];
    const apps: Uint8Array[] = [];
    if (q.appId !== undefined) apps.push(q.appId);
    if (c.clientAppId !== undefined && c.clientAppId !== c.appId) {
      // Sorted as `oneContext` sorts the two ids.
      if (c.appId !== undefined && compareText(c.clientAppId, c.appId) < 0) apps.unshift(q.clientAppId!);
      else apps.push(q.clientAppId!);
    }
    const one = (v: Uint8Array | undefined) => (v === undefined ? [] : [v]);
    const block = new ByteText(256);
    valueLists(one(q.sessionId), one(q.ip), one(q.client), apps, x, block);
    return new Uint8Array(block.view());
  }

  /** The value lists of the contexts that used a message, from its first use `u`. */
  private lists(u: number, x: BytePieces, to: ByteText): void {
    const uses = this.uses;
    const contexts = this.contexts.contexts;
    const raw = [[], [], [], []] as string[][];
    const quoted = [[], [], [], []] as Uint8Array[][];
    for (let v = u; v >= 0; v = uses.nextUse(v)) {
      const id = uses.contextOf(v);
      const c = contexts[id];
      const q = this.context(id);
      insert(raw[0], quoted[0], c.sessionId, q.sessionId);
      insert(raw[1], quoted[1], c.ip, q.ip);
      insert(raw[2], quoted[2], c.clientInfo, q.client);
      insert(raw[3], quoted[3], c.appId, q.appId);
      insert(raw[3], quoted[3], c.clientAppId, q.clientAppId);
    }
    valueLists(quoted[0], quoted[1], quoted[2], quoted[3], x, to);
  }
}
