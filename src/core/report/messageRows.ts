import type { ContextUse } from '../analysis/contexts';
import { compareText } from '../analysis/order';
import { usesInOrder } from './contextValues';
import type { MailboxJson, MessageJson } from './reportTypes';
import { br, num, pieces, valueList, valueLists, type Pieces } from './messagePieces';
import { messageJson, type MessageSource } from './toJson';

/** A context's values quoted once (they are written for every message the context used). */
interface QuotedContext {
  sessionId?: string;
  ip?: string;
  client?: string;
  appId?: string;
  clientAppId?: string;
  /** The four lists of a message used in this context only, as text (made on first use). */
  single?: string;
}

/** Inserts quoted `q` of raw `v` into the list sorted by raw value (`raw`, distinct; a few entries). */
function insert(raw: string[], quoted: string[], v: string | undefined, q: string | undefined): void {
  if (v === undefined) return;
  let i = raw.length;
  while (i > 0 && raw[i - 1] > v) i--;
  if (i > 0 && raw[i - 1] === v) return;
  raw.splice(i, 0, v);
  quoted.splice(i, 0, q!);
}

/**
 * The messages of one mailbox, kept as the columns they were tallied in (`BoundMessageTable`) and
 * written as text straight from them: a mailbox's report of 100,000 messages needs no message
 * object, so the JSON report of a large export is written without holding a MessageJson (and its
 * arrays and context objects) per message. `json(k)` builds the object `messageJson` builds; the text
 * that `write(k, …)` appends is exactly JSON.stringify of that object (checked by the report tests).
 */
export class MessageRows {
  readonly size: number;
  private readonly quoted: QuotedContext[];
  private readonly sources: string[] = [];

  constructor(private readonly from: MessageSource) {
    this.size = from.table.size;
    this.quoted = new Array<QuotedContext>(from.contexts.contexts.length);
  }

  /** The k-th message in report order, as `messageJson` builds it. */
  json(k: number): MessageJson {
    return messageJson(this.from, this.from.table.order[k]);
  }

  /** Normalised id of the k-th message in report order. */
  key(k: number): string {
    return this.from.table.key[this.from.table.order[k]];
  }

  /** First access of the mailbox's messages and their last access, as the report writes them. */
  span(): { firstUtc: string | null; lastUtc: string | null } {
    const { table: t, times } = this.from;
    if (t.size === 0) return { firstUtc: null, lastUtc: null };
    // Records are in time order: the latest position is the latest time.
    let last = t.lastRecord[0];
    for (let i = 1; i < t.size; i++) if (t.lastRecord[i] > last) last = t.lastRecord[i];
    return { firstUtc: times.at(t.firstRecord[t.order[0]]), lastUtc: times.at(last) };
  }

  private context(id: number): QuotedContext {
    let q = this.quoted[id];
    if (q === undefined) {
      const c: ContextUse = this.from.contexts.contexts[id];
      q = {};
      if (c.sessionId !== undefined) q.sessionId = JSON.stringify(c.sessionId);
      if (c.ip !== undefined) q.ip = JSON.stringify(c.ip);
      if (c.clientInfo !== undefined) q.client = JSON.stringify(c.clientInfo);
      if (c.appId !== undefined) q.appId = JSON.stringify(c.appId);
      if (c.clientAppId !== undefined) q.clientAppId = JSON.stringify(c.clientAppId);
      this.quoted[id] = q;
    }
    return q;
  }

  /**
   * `"sessions": …, "ips": …, "clients": …, "appIds": …` (with the field separators between them)
   * of the contexts that used message `i`.
   */
  private values(i: number, x: Pieces, out: string[]): void {
    const uses = this.from.table.uses;
    const contexts = this.from.contexts.contexts;
    const u = uses.firstUse(i);
    if (u >= 0 && uses.nextUse(u) < 0) {
      const id = uses.contextOf(u);
      const q = this.context(id);
      if (q.single === undefined) {
        const c = contexts[id];
        const apps: string[] = [];
        if (q.appId !== undefined) apps.push(q.appId);
        if (c.clientAppId !== undefined && c.clientAppId !== c.appId) {
          // Sorted as `oneContext` sorts the two ids.
          if (c.appId !== undefined && compareText(c.clientAppId, c.appId) < 0) apps.unshift(q.clientAppId!);
          else apps.push(q.clientAppId!);
        }
        const one = (v: string | undefined) => (v === undefined ? [] : [v]);
        const block: string[] = [];
        valueLists(one(q.sessionId), one(q.ip), one(q.client), apps, x, block);
        q.single = block.join('');
      }
      out.push(q.single);
      return;
    }
    const raw = [[], [], [], []] as string[][];
    const quoted = [[], [], [], []] as string[][];
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
    valueLists(quoted[0], quoted[1], quoted[2], quoted[3], x, out);
  }

  /** The uses of message `i` by first use, then context key, as `messageUses` orders them. */
  private uses(i: number, x: Pieces, out: string[]): void {
    const { table, contexts, times, records } = this.from;
    const uses = table.uses;
    const keyRank = contexts.keyRank;
    const use = (v: number) => {
      out.push(x.useOpen, String(uses.contextOf(v)), x.useFirst, times.at(uses.firstRecordOf(v)));
      out.push(x.useLast, times.at(uses.lastRecordOf(v)), x.useCount, String(uses.countOf(v)), x.useClose);
    };
    const u = uses.firstUse(i);
    if (u < 0) {
      out.push('[]');
      return;
    }
    out.push(x.listOpen);
    if (uses.nextUse(u) < 0) {
      use(u);
      out.push(x.listClose);
      return;
    }
    const order = usesInOrder(uses, u, keyRank, records);
    for (let j = 0; j < order.length; j++) {
      if (j > 0) out.push(x.listSep);
      use(order[j]);
    }
    out.push(x.listClose);
  }

  /**
   * Appends to `out` the k-th message (report order) as JSON.stringify(json(k), null, 2) writes it
   * `depth` levels deep (the object's first line is not indented: the enclosing array writes
   * that). The pieces are joined once per run of messages: building the text by concatenation
   * (a rope per message, flattened by the join) cost twice V8's JSON.stringify. Times are the record
   * times' text (`RecordTimes`), free of anything JSON escapes.
   */
  write(k: number, depth: number, out: string[]): void {
    const { table: t, times, records, paths } = this.from;
    const i = t.order[k];
    const r = records[t.firstRecord[i]];
    const p = r.provenance;
    // Anything a record's types do not promise is left to JSON.stringify (it omits or nulls it).
    if (typeof r.id !== 'string' || typeof p.line !== 'number' || typeof p.offset !== 'number') {
      out.push(exact(this.json(k), depth));
      return;
    }
    const x = pieces(depth);
    const subject = t.subject[i];
    out.push(x.open, JSON.stringify(t.internetMessageId[i]), x.key, JSON.stringify(t.key[i]), x.folders);
    valueList(
      t.folders(i).map((f) => JSON.stringify(f)),
      x,
      out,
    );
    out.push(x.firstAccess, times.at(t.firstRecord[i]), x.lastAccess, times.at(t.lastRecord[i]));
    out.push(x.accessCount, num(t.accessCount[i]), x.size, num(t.sizeInBytes[i]));
    out.push(x.subject, subject === undefined ? 'null' : JSON.stringify(subject), x.sessions);
    this.values(i, x, out);
    out.push(x.contexts);
    this.uses(i, x, out);
    const source = (this.sources[p.sourceIndex] ??= JSON.stringify(paths[p.sourceIndex] ?? ''));
    out.push(x.source, source, x.line, num(p.line), x.recordId, JSON.stringify(r.id));
    out.push(x.offset, num(p.offset), x.sourceIndex, num(p.sourceIndex));
    out.push(subject === undefined ? x.noSubjectTail : x.auditTail);
  }
}

/** JSON.stringify(value, null, 2) as written `depth` levels deep. */
function exact(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, br(depth));
}

/**
 * Messages of report mailboxes left as rows (see `buildScopeReport`'s `deferMessages`): such a
 * mailbox's `messages` is empty and the JSON writer writes these instead.
 */
const deferred = new WeakMap<MailboxJson, MessageRows>();

/** Leaves `mailbox`'s messages as `rows` (its `messages` stays empty). */
export function deferMessages(mailbox: MailboxJson, rows: MessageRows): void {
  deferred.set(mailbox, rows);
}

/** The deferred messages of a report mailbox, if any. */
export function deferredMessages(mailbox: object): MessageRows | undefined {
  return deferred.get(mailbox as MailboxJson);
}

/** Number of messages of a report mailbox, deferred or not. */
export function messageCount(mailbox: MailboxJson): number {
  return deferred.get(mailbox)?.size ?? mailbox.messages.length;
}
