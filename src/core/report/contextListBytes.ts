import type { ContextIndex } from '../analysis/contextIndex';
import type { AccessContext, ContextUse } from '../analysis/contexts';
import { sortedValues } from '../analysis/order';
import type { UseTable } from '../analysis/useTable';
import { asciiBytes, type ByteText } from './byteText';
import type { BytePieces } from './messagePieces';

/** `JSON.stringify(v)` as UTF-8 bytes. */
export function quote(v: string): Uint8Array {
  return Buffer.from(JSON.stringify(v), 'utf8');
}

/**
 * The values of one list's fields over a mailbox's contexts, ranked in code-unit order: a message's
 * list is the sorted distinct ranks of its contexts' values (numbers compared, not strings).
 */
interface RankedValues {
  /** Rank of each field's value, by context id (-1: none). */
  readonly rank: Int32Array[];
  /** The values' JSON as UTF-8, by rank. */
  readonly quoted: Uint8Array[];
  /** Scratch: one message's ranks, sorted and distinct (room for every value). */
  readonly list: Int32Array;
}

function rankedValues(
  contexts: readonly ContextUse[],
  fields: readonly (keyof AccessContext)[],
): RankedValues {
  const values = new Set<string>();
  for (const c of contexts)
    for (const f of fields) {
      const v = c[f];
      if (v !== undefined) values.add(v);
    }
  const sorted = sortedValues(values);
  const rankOf = new Map(sorted.map((v, i) => [v, i]));
  const rank = fields.map((f) =>
    Int32Array.from(contexts, (c) => {
      const v = c[f];
      return v === undefined ? -1 : rankOf.get(v)!;
    }),
  );
  return { rank, quoted: sorted.map(quote), list: new Int32Array(sorted.length) };
}

/** Inserts rank `r` (-1: none) into the first `n` of `list` (sorted, distinct); returns the new length. */
export function insertRank(list: Int32Array, n: number, r: number): number {
  if (r < 0) return n;
  let i = n;
  while (i > 0 && list[i - 1] > r) i--;
  if (i > 0 && list[i - 1] === r) return n;
  for (let j = n; j > i; j--) list[j] = list[j - 1];
  list[i] = r;
  return n + 1;
}

const EMPTY = asciiBytes('[]');

/** The first `n` ranks of `values.list` as a field's list (as `valueList` writes one). */
function writeList(values: RankedValues, n: number, x: BytePieces, to: ByteText): void {
  if (n === 0) {
    to.raw(EMPTY);
    return;
  }
  const { list, quoted } = values;
  to.raw(x.listOpen);
  to.raw(quoted[list[0]]);
  for (let j = 1; j < n; j++) {
    to.raw(x.listSep);
    to.raw(quoted[list[j]]);
  }
  to.raw(x.listClose);
}

/**
 * A message's `"sessions": …, "ips": …, "clients": …, "appIds": …` as bytes, from the contexts that
 * used it: each distinct value of the mailbox quoted once, and a message's lists found by sorting
 * the values' ranks (keeping the lists of a context or of a pair of them cost more than this).
 */
export class ContextListBytes {
  private readonly sessions: RankedValues;
  private readonly ips: RankedValues;
  private readonly clients: RankedValues;
  /** `appId` and `clientAppId`, one list. */
  private readonly apps: RankedValues;

  constructor(
    contexts: ContextIndex,
    private readonly uses: UseTable,
  ) {
    const c = contexts.contexts;
    this.sessions = rankedValues(c, ['sessionId']);
    this.ips = rankedValues(c, ['ip']);
    this.clients = rankedValues(c, ['clientInfo']);
    this.apps = rankedValues(c, ['appId', 'clientAppId']);
  }

  /** Writes to `to` the lists of message `i` (with the field separators between them). */
  write(i: number, x: BytePieces, to: ByteText): void {
    const { uses, sessions, ips, clients, apps } = this;
    const [session] = sessions.rank;
    const [ip] = ips.rank;
    const [client] = clients.rank;
    const [app, clientApp] = apps.rank;
    let s = 0;
    let p = 0;
    let c = 0;
    let a = 0;
    for (let u = uses.firstUse(i); u >= 0; u = uses.nextUse(u)) {
      const id = uses.contextOf(u);
      s = insertRank(sessions.list, s, session[id]);
      p = insertRank(ips.list, p, ip[id]);
      c = insertRank(clients.list, c, client[id]);
      a = insertRank(apps.list, a, app[id]);
      a = insertRank(apps.list, a, clientApp[id]);
    }
    writeList(sessions, s, x, to);
    to.raw(x.ips);
    writeList(ips, p, x, to);
    to.raw(x.clients);
    writeList(clients, c, x, to);
    to.raw(x.appIds);
    writeList(apps, a, x, to);
  }
}
