import type { MessageColumns } from './messageColumns';
import { derivedKeyOf, GIVEN_KEY } from './messageColumns';
import { ShardedMap } from './shardedCollections';
import { sampledHash } from '../text/sampledHash';
import type { DerivedKeyKind } from '../worker/rowBatchFormat';

/** Characters of an id its hash is computed from at most (sampled evenly over longer ids). */
const SAMPLED = 24;
/** Slots a table starts with (a power of two; kept at most half full). */
const FIRST_SLOTS = 1 << 12;
/** Messages under one hash before its ids are told apart by their whole text (see `MessageTable`). */
const CROWDED = 16;
/**
 * A slot's second entry is `(code + 1) << KIND_BITS | kind code` (0: a free slot): the code of the
 * kind of key the message holds (`MessageColumns.kindAt`), kept here so that a lookup need not read it.
 */
const KIND_BITS = 3;
const KIND_MASK = (1 << KIND_BITS) - 1;

/**
 * Holds a new message in the table's columns and returns its code: `key` given as text, or
 * undefined and made from the id as kind code `kind` says.
 */
export type MessageMaker = (
  id: string,
  key: string | undefined,
  kind: number,
  size: number | undefined,
  subject: string | undefined,
) => number;

/**
 * A hash of a message id computed from its length, up to 24 characters spread evenly over it and its
 * last two. A Map keyed by the id itself hashes the whole text of every id looked up (each arrives
 * as a new string from a worker, its hash not known yet): that hashing and the lookup cost the host
 * about a fifth of its time while loading. Ids differing only in characters not sampled share a
 * hash: they are told apart by comparing them whole (see `MessageTable`).
 */
export function messageIdHash(id: string): number {
  return sampledHash(id, SAMPLED, 2) >>> 0;
}

/**
 * The shared messages of an `Interner`, found by id, key, size and subject (all equal: the same
 * message), as their codes in the columns they are held in (`MessageColumns`: the messages of one
 * load, the codes it gave). An open-addressing table in one `Int32Array`: per slot the hash of a
 * message's id (`messageIdHash`) and its code + 1, side by side, so that a lookup
 * reads one slot (a cache line) and touches a message only when its hash is equal. A message seen
 * for the first time (about half of the lookups while loading) then costs no comparison at all. The
 * slot also says how the message's key was made from its id (most keys are): a message met again
 * with the same id and kind of key is found without making its key or comparing it.
 * Maps keyed by the hash cost a cache miss or two more per lookup, and their growing tables were
 * garbage the collector copied.
 *
 * Ids made to share a hash on purpose (an export's ids are written by whoever sent the mail) would
 * make every lookup of that hash compare them all: past `CROWDED` messages, a hash's messages are
 * held by their whole id instead.
 */
export class MessageTable {
  /** Per slot: the hash, then the message code + 1 and its kind of key (0: free; see `KIND_BITS`). */
  private slots = new Int32Array(2 * FIRST_SLOTS);
  /** Number of messages held. */
  private held = 0;
  /** Hashes whose messages are found by whole id (in `byId`). */
  private readonly crowded = new Set<number>();
  /** Codes of the messages of crowded hashes, by id. */
  private readonly byId = new ShardedMap<number[]>();

  /** `messages`: where the messages are held (`make` adds them there). */
  constructor(private readonly messages: MessageColumns) {}

  /** Number of messages held. */
  get size(): number {
    return this.held;
  }

  /**
   * The code of the message held with these values, or else of the one `make` adds (held from now
   * on): one lookup either way.
   */
  shared(
    id: string,
    key: string,
    size: number | undefined,
    subject: string | undefined,
    make: MessageMaker,
  ): number {
    return this.lookup(id, key, GIVEN_KEY, size, subject, make);
  }

  /**
   * `shared(id, derivedMessageKey(id, kind), size, subject, make)`: a message held with the same id
   * and kind of key has that key, so the key is made (and compared) only for a message not held.
   */
  derived(
    id: string,
    kind: DerivedKeyKind,
    size: number | undefined,
    subject: string | undefined,
    make: MessageMaker,
  ): number {
    return this.lookup(id, undefined, -kind, size, subject, make);
  }

  /** `shared` or `derived`: `key` is given, or made from the id as kind code `code` says. */
  private lookup(
    id: string,
    key: string | undefined,
    code: number,
    size: number | undefined,
    subject: string | undefined,
    make: MessageMaker,
  ): number {
    const h = messageIdHash(id) | 0;
    if (this.crowded.size > 0 && this.crowded.has(h))
      return this.sharedById(id, key ?? derivedKeyOf(id, code), size, subject, make);
    const slots = this.slots;
    const messages = this.messages;
    const mask = (slots.length >> 1) - 1;
    let equal = 0;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const entry = slots[2 * s + 1];
      if (entry === 0) break;
      if (slots[2 * s] === h) {
        const known = (entry >> KIND_BITS) - 1;
        if (
          messages.holds(known, id, size, subject) &&
          ((code !== GIVEN_KEY && (entry & KIND_MASK) === code) ||
            messages.keyIs(known, (key ??= derivedKeyOf(id, code))))
        )
          return known;
        equal++;
      }
    }
    const m = make(id, key, code, size, subject);
    this.held++;
    if (equal + 1 >= CROWDED) {
      this.crowd(h);
      this.addById(m);
    }
    slots[2 * s] = h;
    slots[2 * s + 1] = ((m + 1) << KIND_BITS) | messages.kindAt(m);
    if (this.held * 2 > mask + 1) this.grow();
    return m;
  }

  /** The lookup of `shared` for a crowded hash. */
  private sharedById(
    id: string,
    key: string,
    size: number | undefined,
    subject: string | undefined,
    make: MessageMaker,
  ): number {
    const messages = this.messages;
    const list = this.byId.get(id);
    if (list !== undefined)
      for (const known of list)
        if (messages.holds(known, id, size, subject) && messages.keyIs(known, key)) return known;
    const m = make(id, key, GIVEN_KEY, size, subject);
    this.held++;
    this.addById(m);
    return m;
  }

  /**
   * Moves the lookups of hash `h` to `byId`: its messages all lie between its first slot and the
   * next free one (nothing is ever removed). They stay in the table too, never compared again.
   */
  private crowd(h: number): void {
    this.crowded.add(h);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; slots[2 * s + 1] !== 0; s = (s + 1) & mask)
      if (slots[2 * s] === h) this.addById((slots[2 * s + 1] >> KIND_BITS) - 1);
  }

  private addById(code: number): void {
    const id = this.messages.idAt(code);
    const list = this.byId.get(id);
    if (list === undefined) this.byId.set(id, [code]);
    else list.push(code);
  }

  /** Doubles the table, placing every held slot again by its kept hash (no id is read). */
  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let o = 0; o < old.length; o += 2) {
      const at = old[o + 1];
      if (at === 0) continue;
      const h = old[o];
      let s = h & mask;
      while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
      slots[2 * s] = h;
      slots[2 * s + 1] = at;
    }
    this.slots = slots;
  }
}
