import { sampledHash } from '../text/sampledHash';
import { StringSetView } from './stringSetView';

/**
 * String-keyed sets and maps that grow to millions of entries without blocking the event loop.
 *
 * V8 grows a `Map` or `Set` by building a table twice the size and moving every entry into it, in
 * one step: at 2^20 entries that step takes 0.2–0.5 s, long enough to freeze the VS Code extension
 * host while a large export loads. These hold one collection until it has `SPLIT_AT` entries, then
 * spread the entries over `SHARDS` collections chosen by a hash of the key, so no single growth
 * step moves more than a few thousand entries (4,000 a shard at a million).
 *
 * Iteration visits one shard after the other (insertion order within a shard), not insertion order.
 */

/** Entries held in one collection before they are spread over shards. */
export const SPLIT_AT = 1 << 15;
/** Number of shards once split (a power of two). */
export const SHARDS = 256;

/** Characters a key's shard is computed from at most (sampled evenly over longer keys). */
const SAMPLED = 16;

/**
 * The shard of a key (0 … SHARDS − 1): a hash of its length, up to 16 characters spread evenly over
 * it, and its last two. Record ids (GUIDs) and message ids (`<random@host>`) vary in most of their
 * characters, so a sample spreads them as well as a full hash at a fraction of the cost; keys that
 * differ only in characters not sampled share a shard (slower to grow, never wrong).
 */
export function shardOf(key: string): number {
  return sampledHash(key, SAMPLED, 2) & (SHARDS - 1);
}

/**
 * A `Set<string>` (it goes wherever one is expected) that splits into shards when it grows large:
 * see the module comment. Every method of `Set` is answered from the shards.
 */
export class ShardedSet extends StringSetView {
  /** The one collection before the split, then one per shard. */
  private parts: Set<string>[] = [new Set<string>()];
  private count = 0;

  constructor(values?: Iterable<string>) {
    // The base set stays empty: `Set`'s constructor would call `add` before the fields exist.
    super();
    if (values) for (const v of values) this.add(v);
  }

  override get size(): number {
    return this.count;
  }

  /** Collections the entries are spread over: 1 until the split, then `SHARDS`. */
  get shardCount(): number {
    return this.parts.length;
  }

  private part(value: string): Set<string> {
    const parts = this.parts;
    return parts.length === 1 ? parts[0] : parts[shardOf(value)];
  }

  override has(value: string): boolean {
    return this.part(value).has(value);
  }

  override add(value: string): this {
    this.addNew(value);
    return this;
  }

  /** Adds `value`; false when it was there already (one lookup where `has` then `add` take two). */
  addNew(value: string): boolean {
    const part = this.part(value);
    const before = part.size;
    part.add(value);
    if (part.size === before) return false;
    if (++this.count === SPLIT_AT && this.parts.length === 1) this.split();
    return true;
  }

  override delete(value: string): boolean {
    const gone = this.part(value).delete(value);
    if (gone) this.count--;
    return gone;
  }

  override clear(): void {
    this.parts = [new Set<string>()];
    this.count = 0;
  }

  override *values(): SetIterator<string> {
    for (const part of this.parts) yield* part;
  }

  private split(): void {
    const shards = Array.from({ length: SHARDS }, () => new Set<string>());
    for (const v of this.parts[0]) shards[shardOf(v)].add(v);
    this.parts = shards;
  }
}

/** A string-keyed map that splits into shards when it grows large (see the module comment). */
export class ShardedMap<V> {
  private parts: Map<string, V>[] = [new Map<string, V>()];
  private count = 0;

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Collections the entries are spread over: 1 until the split, then `SHARDS`. */
  get shardCount(): number {
    return this.parts.length;
  }

  private part(key: string): Map<string, V> {
    const parts = this.parts;
    return parts.length === 1 ? parts[0] : parts[shardOf(key)];
  }

  get(key: string): V | undefined {
    return this.part(key).get(key);
  }

  has(key: string): boolean {
    return this.part(key).has(key);
  }

  set(key: string, value: V): this {
    const part = this.part(key);
    const before = part.size;
    part.set(key, value);
    if (part.size !== before && ++this.count === SPLIT_AT && this.parts.length === 1) this.split();
    return this;
  }

  delete(key: string): boolean {
    const gone = this.part(key).delete(key);
    if (gone) this.count--;
    return gone;
  }

  clear(): void {
    this.parts = [new Map<string, V>()];
    this.count = 0;
  }

  /** Every value, shard after shard. */
  *values(): Generator<V> {
    for (const part of this.parts) yield* part.values();
  }

  /** Every entry, shard after shard. */
  *entries(): Generator<[string, V]> {
    for (const part of this.parts) yield* part;
  }

  private split(): void {
    const shards = Array.from({ length: SHARDS }, () => new Map<string, V>());
    for (const [k, v] of this.parts[0]) shards[shardOf(k)].set(k, v);
    this.parts = shards;
  }
}
