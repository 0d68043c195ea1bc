import type { MessageRef } from '../model';
import { ShardedMap } from './shardedCollections';
import { sampledHash } from '../text/sampledHash';

/** Characters of an id its hash is computed from at most (sampled evenly over longer ids). */
const SAMPLED = 24;
/** Maps the hashes are spread over (by their low bits), so that no single map grows large. */
const SHARD_BITS = 8;
/** Messages under one hash before its ids are told apart by their whole text (see `MessageTable`). */
const CROWDED = 16;
/** Marks a hash whose messages moved to the table by whole id. */
const MOVED: MessageRef[] = [];

/** Builds the message to hold when none is held with these values. */
export type MessageMaker = (
  id: string,
  key: string,
  size: number | undefined,
  subject: string | undefined,
) => MessageRef;

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
 * message). Held by a hash of the id (`messageIdHash`, small integers: cheap to look up) in maps
 * chosen by its low bits; a hash names one message or a short list of those sharing it. Ids made to
 * share a hash on purpose (an export's ids are written by whoever sent the mail) would make such a
 * list long and every lookup slow: past `CROWDED` messages, a hash's messages are held by their whole
 * id instead.
 */
export class MessageTable {
  private readonly shards = Array.from(
    { length: 1 << SHARD_BITS },
    () => new Map<number, MessageRef | MessageRef[]>(),
  );
  /** Messages of crowded hashes, by id. */
  private readonly byId = new ShardedMap<MessageRef[]>();
  private count = 0;

  /** Number of messages held. */
  get size(): number {
    return this.count;
  }

  /**
   * The message held with these values, or else the one `make` builds from them (held from now on):
   * one lookup either way.
   */
  shared(
    id: string,
    key: string,
    size: number | undefined,
    subject: string | undefined,
    make: MessageMaker,
  ): MessageRef {
    const h = messageIdHash(id);
    const shard = this.shards[h & ((1 << SHARD_BITS) - 1)];
    const k = h >>> SHARD_BITS;
    const slot = shard.get(k);
    if (slot === undefined) {
      const m = make(id, key, size, subject);
      shard.set(k, m);
      this.count++;
      return m;
    }
    if (!Array.isArray(slot)) {
      if (same(slot, id, key, size, subject)) return slot;
      const m = make(id, key, size, subject);
      shard.set(k, [slot, m]);
      this.count++;
      return m;
    }
    const list = slot === MOVED ? this.byId.get(id) : slot;
    if (list !== undefined) for (const known of list) if (same(known, id, key, size, subject)) return known;
    const m = make(id, key, size, subject);
    this.count++;
    if (slot === MOVED) this.addById(m);
    else if (slot.length < CROWDED) slot.push(m);
    else {
      for (const known of slot) this.addById(known);
      this.addById(m);
      shard.set(k, MOVED);
    }
    return m;
  }

  private addById(m: MessageRef): void {
    const list = this.byId.get(m.internetMessageId);
    if (list === undefined) this.byId.set(m.internetMessageId, [m]);
    else list.push(m);
  }
}

function same(
  m: MessageRef,
  id: string,
  key: string,
  size: number | undefined,
  subject: string | undefined,
): boolean {
  return m.internetMessageId === id && m.key === key && m.sizeInBytes === size && m.subject === subject;
}
